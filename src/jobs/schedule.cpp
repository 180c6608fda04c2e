#include "jobs/schedule.hpp"

#include <date/date.h>
#include <date/iso_week.h>
#include <date/tz.h>
#include <yaml-cpp/yaml.h>

#include "common/data_file.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace carepilot::jobs {
const std::map<std::string_view, std::string_view>& embedded_files();
}

namespace carepilot::jobs {

using namespace std::chrono;

namespace {

const date::time_zone* paris() {
  static const date::time_zone* z = date::locate_zone("Europe/Paris");
  return z;
}

date::local_seconds to_local(std::int64_t unix_s) {
  return paris()->to_local(sys_seconds{seconds{unix_s}});
}

std::int64_t to_unix(date::local_seconds local) {
  // A time skipped by the spring change (02:00–03:00) is taken as the first instant after it;
  // an ambiguous one (autumn) as its first occurrence.
  auto info = paris()->get_info(local);
  sys_seconds sys;
  if (info.result == date::local_info::nonexistent)
    sys = info.first.end;
  else
    sys = paris()->to_sys(local, date::choose::earliest);
  return sys.time_since_epoch().count();
}

std::string two(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02u", v);
  return b;
}

std::string ymd_text(date::year_month_day d) {
  return std::to_string(static_cast<int>(d.year())) + "-" + two(unsigned(d.month())) + "-" +
         two(unsigned(d.day()));
}

std::string ym_text(date::year_month ym) {
  return std::to_string(static_cast<int>(ym.year())) + "-" + two(unsigned(ym.month()));
}

std::string week_text(date::local_days day) {
  iso_week::year_weeknum_weekday w{day};
  return std::to_string(static_cast<int>(w.year())) + "-W" + two(unsigned(w.weeknum()));
}

}  // namespace

std::int64_t RetryPolicy::delay_after(int attempt) const {
  std::int64_t d = base_delay_s;
  for (int i = 1; i < attempt && d < max_delay_s; ++i) d *= 2;
  return std::min(d, max_delay_s);
}

std::string paris_date_text(std::int64_t unix_s) {
  return ymd_text(date::year_month_day{date::floor<date::days>(to_local(unix_s))});
}

std::string iso_week_text(std::int64_t unix_s) {
  return week_text(date::floor<date::days>(to_local(unix_s)));
}

Occurrence latest_occurrence(const Recurring& r, std::int64_t now) {
  auto local = to_local(now);
  auto today = date::floor<date::days>(local);
  auto at = hours{r.hour} + minutes{r.minute};
  date::local_days day = today;
  switch (r.every) {
    case Recurring::Every::day:
      if (local < day + at) day -= date::days{1};
      break;
    case Recurring::Every::week: {
      unsigned wd = date::weekday{today}.iso_encoding();
      day = today - date::days{(wd + 7 - r.weekday) % 7};
      if (local < day + at) day -= date::days{7};
      break;
    }
    case Recurring::Every::month: {
      date::year_month_day ymd{today};
      day = date::local_days{ymd.year() / ymd.month() / 1};
      if (local < day + at) {
        auto prev = ymd.year() / ymd.month() - date::months{1};
        day = date::local_days{prev / 1};
      }
      break;
    }
  }
  Occurrence o;
  o.run_at = to_unix(day + at);
  date::year_month_day ymd{day};
  switch (r.every) {
    case Recurring::Every::day:
      o.period = ymd_text(ymd);
      break;
    case Recurring::Every::week:
      o.period = week_text(day);
      break;
    case Recurring::Every::month:
      o.period = ym_text(ymd.year() / ymd.month());
      break;
  }
  switch (r.payload) {
    case Recurring::Payload::date:
      o.payload = {{"date", ymd_text(ymd)}};
      break;
    case Recurring::Payload::week:
      o.payload = {{"week", week_text(day)}};
      break;
    case Recurring::Payload::previous_month:
      o.payload = {{"month", ym_text(ymd.year() / ymd.month() - date::months{1})}};
      break;
  }
  o.dedupe_key = r.kind + ":" + o.period;
  return o;
}

Settings Settings::parse(const std::string& yaml) {
  auto fail = [](const std::string& why) -> void {
    throw std::invalid_argument("data/jobs/schedule.yaml : " + why);
  };
  YAML::Node root = load_data_map(yaml, "data/jobs/schedule.yaml");
  auto integer = [&](const YAML::Node& n, const std::string& key, long long lo, long long hi) {
    long long v = 0;
    try {
      if (!n || !n.IsScalar()) fail(key + " manquant");
      v = n.as<long long>();
    } catch (const YAML::Exception&) {
      fail(key + " doit être un entier");
    }
    if (v < lo || v > hi)
      fail(key + " doit être entre " + std::to_string(lo) + " et " + std::to_string(hi));
    return v;
  };
  Settings s;
  if (integer(root["version"], "version", 1, 1) != 1) fail("version inconnue");
  s.retry.max_attempts =
      static_cast<int>(integer(root["retry"]["max_attempts"], "retry.max_attempts", 1, 100));
  s.retry.base_delay_s = integer(root["retry"]["base_delay_s"], "retry.base_delay_s", 1, 86400);
  s.retry.max_delay_s = integer(root["retry"]["max_delay_s"], "retry.max_delay_s", 1, 7 * 86400);
  if (s.retry.max_delay_s < s.retry.base_delay_s)
    fail("retry.max_delay_s doit être au moins retry.base_delay_s");
  s.lease_s = integer(root["lease_s"], "lease_s", 3, 86400);
  s.poll_s = integer(root["poll_s"], "poll_s", 1, 3600);
  s.keep_done_days = integer(root["keep_done_days"], "keep_done_days", 1, 3650);
  s.digest_horizon_days =
      static_cast<int>(integer(root["digest_horizon_days"], "digest_horizon_days", 1, 365));
  static const std::map<std::string, unsigned> kDays{
      {"monday", 1}, {"tuesday", 2},  {"wednesday", 3}, {"thursday", 4},
      {"friday", 5}, {"saturday", 6}, {"sunday", 7}};
  for (const auto& n : root["recurring"]) {
    Recurring r;
    auto text = [&](const char* key) {
      if (!n[key] || !n[key].IsScalar()) fail(std::string("recurring.") + key + " manquant");
      return n[key].as<std::string>();
    };
    r.kind = text("kind");
    auto every = text("every");
    if (every == "day")
      r.every = Recurring::Every::day;
    else if (every == "week")
      r.every = Recurring::Every::week;
    else if (every == "month")
      r.every = Recurring::Every::month;
    else
      fail("recurring.every inconnu : " + every + " (day, week ou month)");
    if (r.every == Recurring::Every::week) {
      auto it = kDays.find(text("weekday"));
      if (it == kDays.end()) fail("recurring.weekday inconnu (monday … sunday)");
      r.weekday = it->second;
    }
    auto at = text("at");
    unsigned h = 99, m = 99;
    char extra = 0;
    if (at.size() != 5 || std::sscanf(at.c_str(), "%2u:%2u%c", &h, &m, &extra) != 2 || h > 23 ||
        m > 59)
      fail("recurring.at doit être une heure HH:MM (reçu « " + at + " »)");
    r.hour = static_cast<int>(h);
    r.minute = static_cast<int>(m);
    auto payload = text("payload");
    if (payload == "date")
      r.payload = Recurring::Payload::date;
    else if (payload == "previous_month")
      r.payload = Recurring::Payload::previous_month;
    else if (payload == "week")
      r.payload = Recurring::Payload::week;
    else
      fail("recurring.payload inconnu : " + payload);
    if (n["catch_up_hours"])
      r.catch_up_s = integer(n["catch_up_hours"], "recurring.catch_up_hours", 1, 24 * 366) * 3600;
    for (const auto& other : s.recurring)
      if (other.kind == r.kind) fail("recurring : " + r.kind + " figure deux fois");
    s.recurring.push_back(r);
  }
  return s;
}

const Settings& Settings::builtin() {
  static const Settings s = parse(std::string(embedded_files().at("schedule.yaml")));
  return s;
}

}  // namespace carepilot::jobs
