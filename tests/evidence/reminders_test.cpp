// The reminder lead times of the calendar subscription are data (data/calendar/reminders.yaml):
// the embedded policy is the file's, the feed writes one VALARM per lead time it names, and
// the loader refuses values on the wrong side of each bound.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "evidence/calendar.hpp"

using namespace carepilot;
using carepilot::evidence::FeedEvent;
using carepilot::evidence::ReminderPolicy;

namespace {

std::string data_file() {
  std::ifstream in(std::string(CAREPILOT_EVIDENCE_DIR) + "/../../data/calendar/reminders.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string feed(const ReminderPolicy& p) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  const Date today{year{2026}, month{11}, day{30}};
  std::vector<FeedEvent> events{
      {"750712184", "CHU", "bia-critical", "BIA", Date{year{2027}, month{6}, day{30}}, false},
      {"750712184", "CHU", "crisis-exercise", "Exercice", Date{year{2025}, month{12}, day{31}},
       true}};
  return evidence::to_icalendar_feed("Échéances", events, "https://carepilot.test", today, p,
                                     "20261130T080000Z");
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST(CalendarReminders, TheBuiltinPolicyIsTheDataFile) {
  const std::string text = data_file();
  ASSERT_FALSE(text.empty());
  auto from_file = ReminderPolicy::parse(text);
  const auto& builtin = ReminderPolicy::builtin();
  EXPECT_EQ(builtin.days_before, from_file.days_before);
  EXPECT_EQ(builtin.overdue_hour, from_file.overdue_hour);
  // The feed writes exactly the lead times the file names.
  auto ics = feed(builtin);
  for (int d : builtin.days_before)
    EXPECT_EQ(count(ics, "TRIGGER:-P" + std::to_string(d) + "D\r\n"), 1) << d;
  EXPECT_EQ(count(ics, "BEGIN:VALARM"), static_cast<int>(builtin.days_before.size()) + 1);
  EXPECT_EQ(count(ics, "TRIGGER:PT" + std::to_string(builtin.overdue_hour) + "H\r\n"), 1);
}

TEST(CalendarReminders, AnotherPolicyChangesTheFeed) {
  auto p = ReminderPolicy::parse("version: 1\ndays_before: [60, 14, 1]\noverdue_hour: 8\n");
  EXPECT_EQ(p.days_before, (std::vector<int>{60, 14, 1}));
  auto ics = feed(p);
  EXPECT_EQ(count(ics, "TRIGGER:-P60D\r\n"), 1);
  EXPECT_EQ(count(ics, "TRIGGER:-P14D\r\n"), 1);
  EXPECT_EQ(count(ics, "TRIGGER:-P1D\r\n"), 1);
  EXPECT_EQ(count(ics, "TRIGGER:-P30D"), 0);
  EXPECT_EQ(count(ics, "TRIGGER:PT8H\r\n"), 1);
  EXPECT_EQ(count(ics, "TRIGGER:PT9H"), 0);
}

TEST(CalendarReminders, BoundsAreCheckedOnBothSides) {
  auto policy = [](const std::string& days, const std::string& hour) {
    return "version: 1\ndays_before: " + days + "\noverdue_hour: " + hour + "\n";
  };
  // Inside: the extremes of each bound.
  EXPECT_EQ(ReminderPolicy::parse(policy("[1, 365]", "0")).days_before, (std::vector<int>{1, 365}));
  EXPECT_EQ(ReminderPolicy::parse(policy("[7]", "23")).overdue_hour, 23);
  // Outside: just past each bound, and malformed values.
  for (const auto& [days, hour] :
       std::vector<std::pair<std::string, std::string>>{{"[0]", "9"},
                                                        {"[366]", "9"},
                                                        {"[-7]", "9"},
                                                        {"[7, 7]", "9"},
                                                        {"[]", "9"},
                                                        {"7", "9"},
                                                        {"[sept]", "9"},
                                                        {"[7]", "24"},
                                                        {"[7]", "-1"},
                                                        {"[7]", "neuf"}}) {
    EXPECT_THROW(ReminderPolicy::parse(policy(days, hour)), std::invalid_argument)
        << days << " " << hour;
  }
  EXPECT_THROW(ReminderPolicy::parse("version: 1\ndays_before: [7]\n"), std::invalid_argument);
  EXPECT_THROW(ReminderPolicy::parse("- 7\n"), std::invalid_argument);
  EXPECT_THROW(ReminderPolicy::parse("days_before: [7\n"), std::invalid_argument);
  try {
    ReminderPolicy::parse(policy("[400]", "9"));
    ADD_FAILURE();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("days_before"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("entre 1 et 365"), std::string::npos) << e.what();
  }
}
