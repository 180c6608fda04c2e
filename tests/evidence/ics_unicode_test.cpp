// Random Unicode through the calendar exports (the subscription feed and an establishment's
// .ics): every physical line stays within 75 octets and is valid UTF-8 on its own (folding
// never splits a character), and each text unfolds and unescapes back to what was typed, with
// what RFC 5545 TEXT may not hold replaced: invalid UTF-8 and control characters become
// U+FFFD, a carriage return is dropped, a line feed is kept (escaped as \n).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "common/export.hpp"
#include "common/text.hpp"
#include "evidence/calendar.hpp"

#include "utf8.hpp"

using namespace carepilot;

namespace {

using carepilot::testing::utf8;

// Text as a user may type or paste it: letters of several scripts (right-to-left included),
// emoji, the characters iCalendar escapes, control characters and broken UTF-8.
std::string random_text(std::mt19937& rng) {
  static const std::vector<std::uint32_t> pool{
      'a',    'Z',    ' ',    '0',    ';',    ',',    '\\',    '\n',    '\r',     '\t',
      0x00,   0x01,   0x1B,   0x1F,   0x7F,   0xE9,   0xC7,    0x2014,  0x4E2D,   0x0627,
      0x05D0, 0x200F, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F525, 0x1F691, 0x10FFFF, '"'};
  static const std::vector<std::string> broken{"\xFF", "\xC0\xAF", "\x80", "\xED\xA0\x80",
                                               "\xE2\x82"};
  std::uniform_int_distribution<int> len(0, 120), pick(0, static_cast<int>(pool.size()) + 4);
  std::string out;
  for (int n = len(rng); n > 0; --n) {
    int k = pick(rng);
    if (k < static_cast<int>(pool.size()))
      utf8(out, pool[static_cast<std::size_t>(k)]);
    else
      out += broken[static_cast<std::size_t>(k) - pool.size()];
  }
  return out;
}

// What the calendar must give back for a typed text (defined on code points of the valid
// text, independently of the writer).
std::string expected(const std::string& typed) {
  std::string valid = exports::valid_text(typed), out;
  for (char c : valid) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\r') continue;
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F)
      out += exports::kReplacement;
    else
      out += c;
  }
  return out;
}

std::string unescape(const std::string& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\' || i + 1 == v.size()) {
      out += v[i];
      continue;
    }
    char n = v[++i];
    out += (n == 'n' || n == 'N') ? '\n' : n;
  }
  return out;
}

// Checks the physical lines and returns the unfolded logical lines.
std::vector<std::string> unfold(const std::string& ics, const std::string& where) {
  std::vector<std::string> logical;
  std::size_t pos = 0;
  while (pos < ics.size()) {
    auto end = ics.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << where << ": the last line has no CRLF";
    if (end == std::string::npos) break;
    std::string line = ics.substr(pos, end - pos);
    pos = end + 2;
    EXPECT_LE(line.size(), 75u) << where << ": " << line;
    EXPECT_TRUE(valid_utf8(line)) << where << ": a fold split a character";
    EXPECT_EQ(line.find('\n'), std::string::npos) << where;
    EXPECT_EQ(line.find('\r'), std::string::npos) << where;
    for (char c : line) {
      auto u = static_cast<unsigned char>(c);
      EXPECT_FALSE((u < 0x20 && c != '\t') || u == 0x7F) << where << ": control " << int(u);
    }
    if (!line.empty() && line[0] == ' ' && !logical.empty())
      logical.back() += line.substr(1);
    else
      logical.push_back(line);
  }
  return logical;
}

std::vector<std::string> values(const std::vector<std::string>& lines, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& l : lines)
    if (l.rfind(name + ":", 0) == 0) out.push_back(unescape(l.substr(name.size() + 1)));
  return out;
}

}  // namespace

TEST(IcsUnicode, RandomTextRoundTripsThroughBothCalendars) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  const Date today{year{2026}, month{11}, day{30}};
  for (unsigned seed : {1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u}) {
    std::mt19937 rng(seed);
    const std::string where = "seed " + std::to_string(seed);
    // The subscription feed: coming and overdue events of establishments with typed names.
    std::vector<evidence::FeedEvent> events;
    std::vector<std::string> summaries;
    for (int i = 0; i < 30; ++i) {
      const bool overdue = i % 3 == 0;
      evidence::FeedEvent e{"750712184",
                            random_text(rng),
                            "obligation-" + std::to_string(i),
                            random_text(rng),
                            Date{year{2027}, month{6}, day{30}},
                            overdue};
      summaries.push_back((overdue ? "En retard : " : "Échéance : ") + expected(e.title) + " (" +
                          expected(e.establishment) + ")");
      events.push_back(e);
    }
    const std::string owner = random_text(rng);
    auto feed =
        unfold(evidence::to_icalendar_feed(owner, events, "https://carepilot.test", today,
                                           evidence::ReminderPolicy::builtin(), "20261130T080000Z"),
               where + " feed");
    EXPECT_EQ(values(feed, "SUMMARY"), summaries) << where;
    EXPECT_EQ(values(feed, "X-WR-CALNAME"), std::vector<std::string>{expected(owner)}) << where;
    // Every reminder repeats its event's summary.
    auto alarms = values(feed, "DESCRIPTION");
    for (const auto& s : summaries)
      EXPECT_NE(std::find(alarms.begin(), alarms.end(), s), alarms.end()) << where;

    // One establishment's .ics.
    const std::string name = random_text(rng);
    std::vector<evidence::Deadline> deadlines;
    std::vector<std::string> titles;
    for (int i = 0; i < 20; ++i) {
      evidence::Deadline d;
      d.obligation_id = "obligation-" + std::to_string(i);
      d.title = random_text(rng);
      d.date = Date{year{2027}, month{1}, day{static_cast<unsigned>(1 + i)}};
      titles.push_back("Échéance : " + expected(d.title) + " (" + expected(name) + ")");
      deadlines.push_back(d);
    }
    auto one = unfold(evidence::to_icalendar("750712184", name, deadlines, "20261130T080000Z"),
                      where + " ics");
    EXPECT_EQ(values(one, "SUMMARY"), titles) << where;
    EXPECT_EQ(values(one, "X-WR-CALNAME"),
              std::vector<std::string>{"Échéances cyber — " + expected(name)})
        << where;
  }
}

TEST(IcsUnicode, EachReplacementOnBothSidesOfItsBoundary) {
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  auto summary = [](const std::string& title) {
    evidence::Deadline d;
    d.obligation_id = "o";
    d.title = title;
    d.date = Date{year{2027}, month{1}, day{1}};
    auto lines = unfold(evidence::to_icalendar("750712184", "E", {d}, "20261130T080000Z"), title);
    return values(lines, "SUMMARY").at(0);
  };
  const std::string pre = "Échéance : ", post = " (E)";
  EXPECT_EQ(summary("a\tb"), pre + "a\tb" + post);  // tab: kept
  EXPECT_EQ(summary("a\x1F"
                    "b"),
            pre +
                "a\xEF\xBF\xBD"
                "b" +
                post);                                                      // U+001F: replaced
  EXPECT_EQ(summary("a b"), pre + "a b" + post);                            // U+0020: kept
  EXPECT_EQ(summary("a~"), pre + "a~" + post);                              // U+007E: kept
  EXPECT_EQ(summary("a\x7F"), pre + "a\xEF\xBF\xBD" + post);                // U+007F: replaced
  EXPECT_EQ(summary("a\r\nb"), pre + "a\nb" + post);                        // CRLF: one line feed
  EXPECT_EQ(summary("a;b,c\\d"), pre + "a;b,c\\d" + post);                  // escaped, restored
  EXPECT_EQ(summary("\xFF"), pre + "\xEF\xBF\xBD" + post);                  // invalid byte
  EXPECT_EQ(summary("\xF0\x9F\x94\xA5"), pre + "\xF0\x9F\x94\xA5" + post);  // emoji: kept
}
