// Who did something, for the audit trail: the user's e-mail (empty when anonymous), the
// address the request came from, the request id the server generated for the request, and
// the X-Request-Id the client sent, if any (kept apart: a client chooses it freely).
#pragma once

#include <string>

namespace carepilot {

struct Actor {
  std::string user;
  std::string remote;
  std::string request_id;
  std::string client_request_id;
};

}  // namespace carepilot
