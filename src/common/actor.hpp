// Who did something, for the audit trail: the user's e-mail (empty when anonymous), the
// address the request came from and its request id.
#pragma once

#include <string>

namespace carepilot {

struct Actor {
  std::string user;
  std::string remote;
  std::string request_id;
};

}  // namespace carepilot
