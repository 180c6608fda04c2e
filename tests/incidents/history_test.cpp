// The order of the incidents' events in an establishment's history (issue 19): newest first;
// at the same instant the later step of an incident's life first, then the later incident.
#include <gtest/gtest.h>

#include "incidents/store/history.hpp"

using carepilot::incidents::history_kinds;
using carepilot::incidents::HistoryEntry;
using carepilot::incidents::sort_newest_first;

TEST(IncidentsHistory, NewestFirstThenTheLaterStepThenTheLaterIncident) {
  auto entry = [](std::int64_t at, const char* kind, std::int64_t incident) {
    HistoryEntry h;
    h.at = at;
    h.kind = kind;
    h.incident_id = incident;
    return h;
  };
  std::vector<HistoryEntry> v{entry(100, "detection", 1),   entry(300, "closure", 1),
                              entry(200, "declaration", 1), entry(300, "paq_action", 1),
                              entry(100, "detection", 2),   entry(99, "declaration", 3)};
  sort_newest_first(v);
  std::vector<std::pair<std::int64_t, std::string>> got;
  for (const auto& h : v) got.emplace_back(h.at, h.kind + ":" + std::to_string(h.incident_id));
  const std::vector<std::pair<std::int64_t, std::string>> want{
      {300, "paq_action:1"}, {300, "closure:1"},   {200, "declaration:1"},
      {100, "detection:2"},  {100, "detection:1"}, {99, "declaration:3"}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(history_kinds(),
            (std::vector<std::string>{"detection", "declaration", "closure", "paq_action"}));
  std::vector<HistoryEntry> none;
  sort_newest_first(none);
  EXPECT_TRUE(none.empty());
}
