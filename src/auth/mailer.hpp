// Delivery of invitation links: SMTP through libcurl when [auth] smtp_url is set, a JSON
// line on standard output otherwise (an operator copies the link from the log).
#pragma once

#include <functional>
#include <string>

#include "auth/model.hpp"

namespace carepilot::auth {

using Mailer =
    std::function<void(const std::string& to, const std::string& subject, const std::string& body)>;
Mailer make_mailer(const AuthOptions& opts);

}  // namespace carepilot::auth
