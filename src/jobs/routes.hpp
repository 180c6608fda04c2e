// The job page of national administrators (/administration/taches) and its API
// (/api/v1/jobs): pending, running, failed (with the error) and recently finished jobs;
// a failed job can be started again (audited). Access::operate_platform (docs/jobs.md).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string_view>

#include "http/routes.hpp"
#include "jobs/queue.hpp"

namespace carepilot::jobs {

struct Context {
  Queue queue;
  std::function<std::int64_t()> now;  // Unix seconds
};

void add_routes(http::RouteTable& routes, Context& ctx);
const std::map<std::string_view, std::string_view>& template_files();

}  // namespace carepilot::jobs
