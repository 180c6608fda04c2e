#include "evidence/calendar.hpp"

#include "common/export.hpp"
#include "common/french.hpp"
#include "common/xlsx.hpp"
#include "referential/model.hpp"
#include "store/clock.hpp"

#include <date/tz.h>
#include <yaml-cpp/yaml.h>

#include "common/data_file.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>

namespace carepilot::evidence {

namespace calendar_data {
const std::map<std::string_view, std::string_view>& embedded_files();
}

namespace {

using namespace std::chrono;

// TEXT value escaping (RFC 5545 §3.3.11). A content line is UTF-8 without control
// characters but tab (§3.1, §3.3.11): invalid UTF-8 and the other controls become U+FFFD,
// CR is dropped, LF is written as \n.
std::string ical_text(std::string_view s) {
  std::string out;
  for (char c : exports::valid_text(s)) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\\' || c == ';' || c == ',') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      continue;
    } else if ((u < 0x20 && c != '\t') || u == 0x7F) {
      out += exports::kReplacement;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string french_day(const Date& d) {
  return exports::french_date(d);
}

std::string compact(const Date& d) {
  std::string s = format_date(d);
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

}  // namespace

Date paris_date(system_clock::time_point now) {
  // Howard Hinnant's tz library over the system's tzdata (the tzdata package).
  static const date::time_zone* paris = date::locate_zone("Europe/Paris");
  auto local = paris->to_local(time_point_cast<seconds>(now));
  auto d = date::year_month_day{date::floor<date::days>(local)};
  return Date{year{static_cast<int>(d.year())}, month{static_cast<unsigned>(d.month())},
              day{static_cast<unsigned>(d.day())}};
}

std::string fold_line(std::string_view line) {
  std::string out;
  std::size_t used = 0;  // octets on the current physical line
  std::size_t i = 0;
  while (i < line.size()) {
    auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 1;
    if (i + len > line.size()) len = line.size() - i;
    if (used + len > 75) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  return out;
}

// A key date of the programme as an all-day event (over its period when it has one),
// linking to its page under `public_url`; shared by both calendars.
template <class Line>
void programme_event(Line& line, const FeedEvent& e, const std::string& public_url,
                     const std::string& stamp) {
  const std::string url = public_url + e.link;
  line("BEGIN:VEVENT");
  line("UID:care-" + e.obligation_id + "-" + compact(e.deadline) + "@carepilot");
  line("DTSTAMP:" + stamp);
  line("DTSTART;VALUE=DATE:" + compact(e.deadline));
  line("DTEND;VALUE=DATE:" + compact(add_days(e.last_day.value_or(e.deadline), 1)));
  line("SUMMARY:" + ical_text("Programme CaRE : " + e.title));
  line("DESCRIPTION:" + ical_text(e.description + " " + url));
  line("URL:" + url);
  line("CATEGORIES:" + ical_text("Programme CaRE"));
  line("TRANSP:TRANSPARENT");
  line("END:VEVENT");
}

// The programme date that is `obligation_id`'s deadline on `day` (nullptr when none): the
// establishment's deadline stands for both and mentions it.
const FeedEvent* same_programme_date(const std::vector<FeedEvent>& events,
                                     const std::string& obligation_id, const Date& day) {
  for (const auto& e : events)
    if (e.programme && e.deadline == day &&
        std::find(e.obligations.begin(), e.obligations.end(), obligation_id) != e.obligations.end())
      return &e;
  return nullptr;
}

// Whether an establishment's deadline among `events` (or `deadlines`) stands for programme
// date `p`.
bool covered(const FeedEvent& p, const std::vector<FeedEvent>& events,
             const std::vector<Deadline>& deadlines) {
  for (const auto& e : events)
    if (!e.programme && !e.overdue && same_programme_date({p}, e.obligation_id, e.deadline))
      return true;
  for (const auto& d : deadlines)
    if (same_programme_date({p}, d.obligation_id, d.date)) return true;
  return false;
}

std::string programme_mention(const FeedEvent& p, const std::string& public_url) {
  return " Date du programme CaRE : « " + p.title + " » (" + public_url + p.link + ").";
}

std::string to_icalendar(const std::string& finess, const std::string& establishment_name,
                         const std::vector<Deadline>& deadlines, const std::string& stamp,
                         const std::vector<FeedEvent>& programme, const std::string& public_url) {
  std::string out;
  auto line = [&out](std::string_view l) {
    out += fold_line(l);
    out += "\r\n";
  };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//carepilot//Echeances DNS/2025/12//FR");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + ical_text("Échéances cyber — " + establishment_name));
  for (const auto& d : deadlines) {
    line("BEGIN:VEVENT");
    line("UID:" + finess + "-" + d.obligation_id + "-" + compact(d.date) + "@carepilot");
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + compact(d.date));
    line("DTEND;VALUE=DATE:" + compact(add_days(d.date, 1)));
    line("SUMMARY:" + ical_text("Échéance : " + d.title + " (" + establishment_name + ")"));
    // The obligation's words and a French date (never its code nor an ISO date).
    line("DESCRIPTION:" +
         ical_text("« " + d.title + " » : échéance de l'établissement " + establishment_name +
                   ", à satisfaire au plus tard le " + french_day(d.date) + "." + [&] {
                     const auto* p = same_programme_date(programme, d.obligation_id, d.date);
                     return p ? programme_mention(*p, public_url) : std::string();
                   }()));
    line("TRANSP:TRANSPARENT");
    line("END:VEVENT");
  }
  for (const auto& e : programme)
    if (e.programme && !covered(e, {}, deadlines)) programme_event(line, e, public_url, stamp);
  line("END:VCALENDAR");
  return out;
}

std::string to_icalendar_feed(const std::string& calendar_name,
                              const std::vector<FeedEvent>& events, const std::string& public_url,
                              const Date& today, const ReminderPolicy& reminders,
                              const std::string& stamp) {
  std::string out;
  auto line = [&out](std::string_view l) {
    out += fold_line(l);
    out += "\r\n";
  };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//carepilot//Echeances DNS/2025/12//FR");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + ical_text(calendar_name));
  line("X-PUBLISHED-TTL:PT6H");
  line("REFRESH-INTERVAL;VALUE=DURATION:PT6H");
  for (const auto& e : events) {
    if (e.programme) {
      if (!covered(e, events, {})) programme_event(line, e, public_url, stamp);
      continue;
    }
    const std::string url = public_url + "/etablissements/" + e.finess + "/conformite";
    const Date day = e.overdue ? today : e.deadline;
    line("BEGIN:VEVENT");
    line("UID:" + e.finess + "-" + e.obligation_id + "-" +
         (e.overdue ? "retard" : compact(e.deadline)) + "@carepilot");
    line("DTSTAMP:" + stamp);
    line("DTSTART;VALUE=DATE:" + compact(day));
    line("DTEND;VALUE=DATE:" + compact(add_days(day, 1)));
    std::string summary =
        (e.overdue ? "En retard : " : "Échéance : ") + e.title + " (" + e.establishment + ")";
    line("SUMMARY:" + ical_text(summary));
    std::string description =
        e.overdue ? "« " + e.title + " » : l'établissement " + e.establishment +
                        " est en retard, l'échéance du " + french_day(e.deadline) +
                        " est dépassée depuis " +
                        plural((sys_days{today} - sys_days{e.deadline}).count(), "jour", "jours") +
                        ". " + url
                  : "« " + e.title + " » : échéance de l'établissement " + e.establishment +
                        ", à satisfaire au plus tard le " + french_day(e.deadline) + ". " + url;
    // A late deadline stands on today, not on the programme's (past) date: both are kept.
    if (const auto* p =
            e.overdue ? nullptr : same_programme_date(events, e.obligation_id, e.deadline))
      description += programme_mention(*p, public_url);
    line("DESCRIPTION:" + ical_text(description));
    line("URL:" + url);
    if (e.overdue) line("CATEGORIES:" + ical_text("En retard"));
    line("TRANSP:TRANSPARENT");
    auto alarm = [&](const std::string& trigger) {
      line("BEGIN:VALARM");
      line("ACTION:DISPLAY");
      line("TRIGGER:" + trigger);
      line("DESCRIPTION:" + ical_text(summary));
      line("END:VALARM");
    };
    if (e.overdue)
      alarm("PT" + std::to_string(reminders.overdue_hour) + "H");
    else
      for (int d : reminders.days_before) alarm("-P" + std::to_string(d) + "D");
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

std::vector<Deadline> coming_deadlines(const referential::Referential& ref,
                                       const engine::EstablishmentReport& report,
                                       const Date& today) {
  std::vector<Deadline> out;
  for (const auto& o : report.obligations) {
    if (o.status == engine::Status::not_applicable) continue;
    const auto* ob = ref.find_obligation(o.id);
    if (!ob) continue;
    std::optional<Date> next;
    switch (ob->timing.periodicity) {
      case referential::Periodicity::fixed:
        if (ob->timing.deadline && *ob->timing.deadline >= today && o.status != engine::Status::met)
          next = ob->timing.deadline;
        break;
      case referential::Periodicity::yearly:
        next = end_of_year(today);
        if (o.status == engine::Status::met) next = end_of_year(add_days(*next, 1));
        break;
      case referential::Periodicity::quarterly:
        next = end_of_quarter(today);
        if (o.status == engine::Status::met) next = end_of_quarter(add_days(*next, 1));
        break;
      case referential::Periodicity::once:
      case referential::Periodicity::continuous:
        break;
    }
    if (next) out.push_back({o.id, o.title, std::string(engine::status_name(o.status)), *next});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Deadline& a, const Deadline& b) { return a.date < b.date; });
  return out;
}

std::string utc_stamp() {
  std::string iso = store::now_utc_iso();  // 2026-11-23T10:00:00Z
  std::string out;
  for (char c : iso)
    if (c != '-' && c != ':') out.push_back(c);
  if (out.size() > 15) out = out.substr(0, 15);
  return out + "Z";
}

std::string dashboard_csv(const engine::Aggregate& a) {
  std::map<std::string, std::string> names;
  for (const auto& l : a.late) names[l.finess] = l.name;
  exports::Csv csv({"Obligation", "Titre", "Applicables", "Satisfaites", "À échéance", "En retard",
                    "Non applicables", "Part satisfaites (%)", "Part à échéance (%)",
                    "Part en retard (%)", "Cible (%)", "Cible atteinte",
                    "Établissements en retard (FINESS — nom)"});
  auto idx = [](engine::Status s) { return static_cast<std::size_t>(s); };
  for (const auto& o : a.obligations) {
    std::vector<std::string> late;
    for (const auto& f : o.overdue) {
      auto it = names.find(f);
      late.push_back(exports::finess_and_name(f, it == names.end() ? "" : it->second));
    }
    csv.row({o.id, o.title, std::to_string(o.applicable),
             std::to_string(o.count[idx(engine::Status::met)]),
             std::to_string(o.count[idx(engine::Status::due)]),
             std::to_string(o.count[idx(engine::Status::overdue)]),
             std::to_string(o.count[idx(engine::Status::not_applicable)]),
             exports::percent(o.share_of_applicable[idx(engine::Status::met)]),
             exports::percent(o.share_of_applicable[idx(engine::Status::due)]),
             exports::percent(o.share_of_applicable[idx(engine::Status::overdue)]),
             o.target ? exports::percent(*o.target) : "",
             o.target_reached ? (*o.target_reached ? "Oui" : "Non") : "", join(late, ", ")});
  }
  return csv.str();
}

std::string dashboard_xlsx(const engine::Aggregate& a) {
  exports::Workbook wb;
  auto ws = wb.sheet("Obligations");
  ws.header({"Obligation", "Titre", "Applicables", "Satisfaites", "À échéance", "En retard",
             "Non applicables", "Part satisfaites", "Part à échéance", "Part en retard", "Cible"});
  std::uint32_t r = 1;
  for (const auto& o : a.obligations) {
    auto idx = [](engine::Status s) { return static_cast<std::size_t>(s); };
    ws.text(r, 0, o.id);
    ws.text(r, 1, o.title);
    ws.number(r, 2, o.applicable);
    ws.number(r, 3, o.count[idx(engine::Status::met)]);
    ws.number(r, 4, o.count[idx(engine::Status::due)]);
    ws.number(r, 5, o.count[idx(engine::Status::overdue)]);
    ws.number(r, 6, o.count[idx(engine::Status::not_applicable)]);
    ws.share(r, 7, o.share_of_applicable[idx(engine::Status::met)]);
    ws.share(r, 8, o.share_of_applicable[idx(engine::Status::due)]);
    ws.share(r, 9, o.share_of_applicable[idx(engine::Status::overdue)]);
    if (o.target) ws.share(r, 10, *o.target);
    ++r;
  }
  auto late = wb.sheet("En retard");
  late.header({"FINESS", "Établissement", "Obligations en retard"});
  r = 1;
  for (const auto& l : a.late) {
    late.text(r, 0, l.finess);
    late.text(r, 1, l.name);
    late.text(r, 2, join(l.overdue, ", "));
    ++r;
  }
  return wb.bytes();
}

ReminderPolicy ReminderPolicy::parse(const std::string& yaml) {
  auto fail = [](const std::string& why) {
    throw std::invalid_argument("data/calendar/reminders.yaml : " + why);
  };
  YAML::Node root = load_data_map(yaml, "data/calendar/reminders.yaml");
  auto integer = [&](const YAML::Node& n, const std::string& key, int lo, int hi) {
    int v = 0;
    try {
      v = n.as<int>();
    } catch (const YAML::Exception&) {
      fail("« " + key + " » doit être un nombre entier");
    }
    if (v < lo || v > hi)
      fail("« " + key + " » vaut " + std::to_string(v) + ", attendu entre " + std::to_string(lo) +
           " et " + std::to_string(hi));
    return v;
  };
  ReminderPolicy p;
  const auto days = root["days_before"];
  if (!days || !days.IsSequence() || days.size() == 0)
    fail("« days_before » doit être une liste non vide de nombres de jours");
  for (const auto& d : days) {
    int v = integer(d, "days_before", 1, 365);
    for (int seen : p.days_before)
      if (seen == v) fail("« days_before » cite deux fois " + std::to_string(v) + " jours");
    p.days_before.push_back(v);
  }
  if (!root["overdue_hour"]) fail("« overdue_hour » absent");
  p.overdue_hour = integer(root["overdue_hour"], "overdue_hour", 0, 23);
  return p;
}

const ReminderPolicy& ReminderPolicy::builtin() {
  static const ReminderPolicy p =
      parse(std::string(calendar_data::embedded_files().at("reminders.yaml")));
  return p;
}

}  // namespace carepilot::evidence
