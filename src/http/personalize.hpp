// Makes a rendered page the caller's own, at send time (after the page cache): replaces the
// CSRF and user placeholders (http/templates.hpp) and keeps or drops the blocks
// <!--cp-if:NAME-->…<!--/cp-if:NAME--> of the layout, where NAME is "signed_in" or an
// Access name (edit_registry, manage_users, view_audit, edit_records).
#pragma once

#include <string>

#include "http/request.hpp"

namespace carepilot::http {

std::string personalize(std::string body, const Caller& caller);

}  // namespace carepilot::http
