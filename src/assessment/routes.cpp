#include "assessment/routes.hpp"

#include <algorithm>

#include "common/errors.hpp"

namespace carepilot::assessment {

int year_param(const http::Request& req) {
  std::string v = req.param("year");
  bool ok =
      v.size() == 4 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  int y = ok ? std::stoi(v) : 0;
  if (!ok || y < 2000 || y > 2100) throw UserError::not_found("Autoévaluation introuvable.");
  return y;
}

std::int64_t id_param(const http::Request& req) {
  std::string v = req.param("id");
  try {
    std::size_t used = 0;
    long long n = std::stoll(v, &used);
    if (used == v.size() && n > 0) return n;
  } catch (const std::exception&) {
  }
  throw UserError::not_found("Pièce jointe introuvable.");
}

void add_routes(http::RouteTable& routes, Context& ctx) {
  add_page_routes(routes, ctx);
  add_api_routes(routes, ctx);
}

namespace tpl {
const std::map<std::string_view, std::string_view>& embedded_files();
}
const std::map<std::string_view, std::string_view>& template_files() {
  return tpl::embedded_files();
}

}  // namespace carepilot::assessment
