#include "paq/model.hpp"

#include <array>
#include <utility>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"

namespace carepilot::paq {

namespace {
template <typename E, std::size_t N>
using Names = std::array<std::pair<std::string_view, std::string_view>, N>;

// Labels: data/labels/labels.yaml, table paq_sources (source_label below).
constexpr Names<Source, 8> kSources{{{"exercise", ""},
                                     {"assessment", ""},
                                     {"ad_audit", ""},
                                     {"exposure_audit", ""},
                                     {"identification", ""},
                                     {"continuity", ""},
                                     {"incident", ""},
                                     {"manual", ""}}};
constexpr Names<Priority, 4> kPriorities{
    {{"low", "Basse"}, {"medium", "Moyenne"}, {"high", "Haute"}, {"critical", "Critique"}}};
// Labels: data/labels/labels.yaml, statuses paq.* (status_label below).
constexpr Names<Status, 4> kStatuses{
    {{"open", ""}, {"in_progress", ""}, {"done", ""}, {"cancelled", ""}}};

template <typename E, std::size_t N>
std::optional<E> parse(const Names<E, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i].first == s) return static_cast<E>(i);
  return std::nullopt;
}
}  // namespace

std::string_view source_name(Source s) {
  return kSources[static_cast<std::size_t>(s)].first;
}
std::string_view source_label(Source s) {
  return paq_source_label(source_name(s));
}
std::optional<Source> parse_source(std::string_view s) {
  return parse<Source>(kSources, s);
}
std::string_view priority_name(Priority p) {
  return kPriorities[static_cast<std::size_t>(p)].first;
}
std::string_view priority_label(Priority p) {
  return kPriorities[static_cast<std::size_t>(p)].second;
}
std::string priority_choices() {
  return french_choices({priority_label(Priority::low), priority_label(Priority::medium),
                         priority_label(Priority::high), priority_label(Priority::critical)});
}

std::optional<Priority> parse_priority(std::string_view s) {
  return parse<Priority>(kPriorities, s);
}
std::string_view status_name(Status s) {
  return kStatuses[static_cast<std::size_t>(s)].first;
}
std::string_view status_label(Status s) {
  return carepilot::status_label("paq", status_name(s));
}
std::optional<Status> parse_status(std::string_view s) {
  return parse<Status>(kStatuses, s);
}

bool Action::overdue(const Date& today) const {
  return (status == Status::open || status == Status::in_progress) && due && *due < today;
}

ActionChange Action::change() const {
  return {title, description, owner, due, priority, status, progress, cyber};
}

}  // namespace carepilot::paq
