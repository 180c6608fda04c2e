// The layout settings of a page about one establishment (a module's page under
// /etablissements/FINESS/…): title "… — name", breadcrumb Accueil › Établissements › name › tail.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "http/templates.hpp"
#include "registry/model.hpp"

namespace carepilot::registry {

http::PageMeta page_meta(const Establishment& e, const std::string& title,
                         std::vector<std::pair<std::string, std::string>> tail,
                         std::string flash = {});

}  // namespace carepilot::registry
