#include "registry/page_meta.hpp"

namespace carepilot::registry {

http::PageMeta page_meta(const Establishment& e, const std::string& title,
                         std::vector<std::pair<std::string, std::string>> tail, std::string flash) {
  std::vector<std::pair<std::string, std::string>> crumbs{
      {"Accueil", "/"},
      {"Établissements", "/etablissements"},
      {e.name, "/etablissements/" + e.finess_et}};
  for (auto& t : tail) crumbs.push_back(std::move(t));
  return {title + " — " + e.name, "etablissements", std::move(crumbs), std::move(flash), {}};
}

}  // namespace carepilot::registry
