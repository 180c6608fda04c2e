#include "auth/routes.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "store/clock.hpp"

namespace carepilot::auth {

void security_log(const http::Request& req, const std::string& event, const std::string& detail) {
  std::cerr << nlohmann::json{{"ts", store::now_utc_iso()},
                              {"level", "warning"},
                              {"event", event},
                              {"detail", detail},
                              {"remote", req.remote},
                              {"request_id", req.request_id},
                              {"path", req.path}}
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << std::endl;
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_login_routes(routes, ctx);
  add_account_routes(routes, ctx);
  add_user_routes(routes, ctx);
  add_journal_routes(routes, ctx);
}

namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}

}  // namespace carepilot::auth
