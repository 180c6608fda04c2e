// Helpers shared by the PAQ pages and API (internal to src/paq).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "http/request.hpp"
#include "paq/model.hpp"

namespace carepilot::paq::detail {

// The :id route parameter: a positive integer, otherwise 404.
std::int64_t id_param(const http::Request& req);

// Optional filters of a list (?status=&priority=&source=, API names); 400 naming the
// parameter for an unknown value.
struct Filter {
  std::optional<Status> status;
  std::optional<Priority> priority;
  std::optional<Source> source;
  bool keeps(const Action& a) const;
};
Filter filter_param(const http::Request& req);

nlohmann::json action_json(const Action& a, const Date& today, bool with_notes);
nlohmann::json note_json(const Note& n);

}  // namespace carepilot::paq::detail
