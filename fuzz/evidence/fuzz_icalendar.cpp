// The iCalendar writers (an establishment's deadlines, a personal subscription feed) with
// fuzzed texts: the output must always parse back as RFC 5545 asks — CRLF line ends, lines
// of at most 75 octets folded outside UTF-8 sequences, content lines NAME[;PARAMS]:VALUE of
// valid UTF-8 without control characters, balanced BEGIN/END, one VEVENT per deadline, and
// TEXT values that unescape to what was written.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/export.hpp"
#include "evidence/calendar.hpp"

namespace {

using namespace carepilot;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

bool valid_utf8(std::string_view s) {
  return exports::valid_text(s) == s;
}

// A text as the writer may carry it: valid UTF-8, CR dropped, other controls but LF and tab
// replaced (the same rule applies to every TEXT value).
std::string expected_text(std::string_view s) {
  std::string out;
  for (char c : exports::valid_text(s)) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\r') continue;
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F)
      out += exports::kReplacement;
    else
      out.push_back(c);
  }
  return out;
}

// RFC 5545 §3.3.11: \\ \; \, \n (or \N) are the only escapes; ; and , never stand alone.
std::string unescape(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    check(v[i] != ';' && v[i] != ',');
    if (v[i] != '\\') {
      out.push_back(v[i]);
      continue;
    }
    check(i + 1 < v.size());
    char n = v[++i];
    check(n == '\\' || n == ';' || n == ',' || n == 'n' || n == 'N');
    out.push_back(n == 'n' || n == 'N' ? '\n' : n);
  }
  return out;
}

struct Line {
  std::string name;
  std::string value;
};

// Unfolds and splits the text into content lines, checking the syntax on the way.
std::vector<Line> parse(const std::string& ics) {
  check(ics.size() >= 2 && ics.substr(ics.size() - 2) == "\r\n");
  std::vector<std::string> unfolded;
  std::size_t start = 0;
  while (start < ics.size()) {
    auto end = ics.find("\r\n", start);
    check(end != std::string::npos);
    std::string_view physical(ics.data() + start, end - start);
    check(physical.find('\r') == std::string_view::npos);
    check(physical.find('\n') == std::string_view::npos);
    check(physical.size() <= 75);
    if (!physical.empty() && physical[0] == ' ') {
      check(!unfolded.empty() && physical.size() > 1);
      // Never folded inside a UTF-8 sequence.
      check((static_cast<unsigned char>(physical[1]) & 0xC0) != 0x80);
      unfolded.back().append(physical.substr(1));
    } else {
      check(!physical.empty());
      unfolded.emplace_back(physical);
    }
    start = end + 2;
  }
  std::vector<Line> lines;
  for (const auto& l : unfolded) {
    check(valid_utf8(l));
    for (char c : l) {
      auto u = static_cast<unsigned char>(c);
      check(u >= 0x20 || c == '\t');
      check(u != 0x7F);
    }
    std::size_t i = 0;
    while (i < l.size() &&
           ((l[i] >= 'A' && l[i] <= 'Z') || (l[i] >= '0' && l[i] <= '9') || l[i] == '-'))
      ++i;
    check(i > 0 && i < l.size() && (l[i] == ':' || l[i] == ';'));
    auto colon = l.find(':', i);  // parameters here never hold quoted colons
    check(colon != std::string::npos);
    lines.push_back({l.substr(0, i), l.substr(colon + 1)});
  }
  // BEGIN/END balanced, VCALENDAR outermost.
  std::vector<std::string> open;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (lines[k].name == "BEGIN") {
      check(k == 0 ? lines[k].value == "VCALENDAR" : !open.empty());
      open.push_back(lines[k].value);
    } else if (lines[k].name == "END") {
      check(!open.empty() && open.back() == lines[k].value);
      open.pop_back();
      check(!open.empty() || k + 1 == lines.size());
    } else {
      check(!open.empty());
    }
  }
  check(open.empty());
  return lines;
}

std::vector<std::string> values(const std::vector<Line>& lines, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& l : lines)
    if (l.name == name) out.push_back(l.value);
  return out;
}

// An identifier as the referential allows it (a-z, 0-9, '-', '_'; never empty).
std::string identifier(FuzzedDataProvider& in) {
  std::string s = in.ConsumeRandomLengthString(40), out;
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') out.push_back(c);
  return out.empty() ? "obligation" : out;
}

Date day(FuzzedDataProvider& in) {
  return add_days(*parse_date("2000-01-01"), in.ConsumeIntegralInRange<int>(0, 36000));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string stamp = "20261130T120000Z";
  if (in.ConsumeBool()) {
    std::string name = in.ConsumeRandomLengthString(300);
    std::vector<evidence::Deadline> deadlines;
    std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    for (std::size_t i = 0; i < n; ++i) {
      evidence::Deadline d;
      d.obligation_id = identifier(in);
      d.title = in.ConsumeRandomLengthString(300);
      d.status = "due";
      d.date = day(in);
      deadlines.push_back(d);
    }
    auto lines = parse(evidence::to_icalendar("750712184", name, deadlines, stamp));
    auto summaries = values(lines, "SUMMARY");
    check(values(lines, "BEGIN").size() == n + 1 && summaries.size() == n);
    check(unescape(values(lines, "X-WR-CALNAME").at(0)) ==
          expected_text("Échéances cyber — " + name));
    for (std::size_t i = 0; i < n; ++i)
      check(unescape(summaries[i]) ==
            expected_text("Échéance : " + deadlines[i].title + " (" + name + ")"));
  } else {
    std::string calendar = in.ConsumeRandomLengthString(300);
    Date today = day(in);
    evidence::ReminderPolicy reminders;
    std::size_t r = in.ConsumeIntegralInRange<std::size_t>(0, 3);
    for (std::size_t i = 0; i < r; ++i)
      reminders.days_before.push_back(in.ConsumeIntegralInRange(1, 365));
    reminders.overdue_hour = in.ConsumeIntegralInRange(0, 23);
    std::vector<evidence::FeedEvent> events;
    std::size_t n = in.ConsumeIntegralInRange<std::size_t>(0, 4);
    for (std::size_t i = 0; i < n; ++i) {
      evidence::FeedEvent e;
      e.finess = "750712184";
      e.establishment = in.ConsumeRandomLengthString(200);
      e.obligation_id = identifier(in);
      e.title = in.ConsumeRandomLengthString(300);
      e.overdue = in.ConsumeBool();
      e.deadline = e.overdue ? add_days(today, -in.ConsumeIntegralInRange(1, 4000)) : day(in);
      events.push_back(e);
    }
    auto lines = parse(evidence::to_icalendar_feed(calendar, events, "https://carepilot.example",
                                                   today, reminders, stamp));
    auto summaries = values(lines, "SUMMARY");
    check(summaries.size() == n);
    check(unescape(values(lines, "X-WR-CALNAME").at(0)) == expected_text(calendar));
    std::size_t alarms = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto& e = events[i];
      check(unescape(summaries[i]) == expected_text((e.overdue ? "En retard : " : "Échéance : ") +
                                                    e.title + " (" + e.establishment + ")"));
      alarms += e.overdue ? 1 : reminders.days_before.size();
    }
    check(values(lines, "TRIGGER").size() == alarms);
  }
  return 0;
}
