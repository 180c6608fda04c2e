// Makes a rendered page the caller's own, at send time (after the page cache): reads the
// render's nonce from the first line (http/templates.hpp), replaces the CSRF and user
// placeholders carrying that nonce, and keeps or drops the blocks
// <!--cp-if-NONCE:NAME-->…<!--/cp-if-NONCE:NAME--> of the layout, where NAME is "signed_in"
// or an Access name (edit_registry, manage_users, view_audit, edit_records). A body without
// the first line is returned unchanged; user content cannot hold the nonce.
#pragma once

#include <string>
#include <string_view>

#include "http/request.hpp"

namespace carepilot::http {

// One pass over `body` (a cached page is personalized without being copied first).
std::string personalize(std::string_view body, const Caller& caller);

}  // namespace carepilot::http
