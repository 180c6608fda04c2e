#include "exercises/model.hpp"

#include "common/record_labels.hpp"

namespace carepilot::exercises {

std::string_view format_name(Format f) {
  return f == Format::live ? "live" : "table_top";
}

std::string_view format_label(Format f) {
  // The words of labels.yaml (codes live / table_top), capitalised at the start of a cell.
  return f == Format::live ? "Simulation grandeur réelle" : "Sur table";
}

std::optional<Format> parse_format(std::string_view s) {
  if (s == "table_top") return Format::table_top;
  if (s == "live") return Format::live;
  return std::nullopt;
}

std::string_view status_name(Status s) {
  switch (s) {
    case Status::planned:
      return "planned";
    case Status::running:
      return "running";
    case Status::closed:
      return "closed";
  }
  return "planned";
}

std::string_view status_label(Status s) {
  return carepilot::status_label("exercise", status_name(s));
}

std::optional<Status> parse_status(std::string_view s) {
  if (s == "planned") return Status::planned;
  if (s == "running") return Status::running;
  if (s == "closed") return Status::closed;
  return std::nullopt;
}

std::string_view function_label(std::string_view f) {
  if (f == "direction") return "Direction";
  if (f == "medical") return "Corps médical";
  if (f == "care") return "Soins";
  if (f == "it") return "Informatique";
  if (f == "communication") return "Communication";
  if (f == "logistics") return "Logistique";
  return f;
}

bool Exercise::retex_in_paq() const {
  for (const auto& i : items)
    if (i.action_id) return true;
  return false;
}

}  // namespace carepilot::exercises
