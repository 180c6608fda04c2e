#include "exposure/series.hpp"
#include "common/data_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace carepilot::exposure {

namespace data_files {
const std::map<std::string_view, std::string_view>& embedded_files();
}  // namespace data_files

namespace {

int days_between(const Date& a, const Date& b) {
  return static_cast<int>((std::chrono::sys_days(b) - std::chrono::sys_days(a)).count());
}

std::string plural_days(int n) {
  return std::to_string(n) + (n == 0 || n == 1 || n == -1 ? " jour" : " jours");
}

}  // namespace

std::string_view to_string(Gap g) {
  switch (g) {
    case Gap::holds:
      return "holds";
    case Gap::too_close:
      return "too_close";
    case Gap::too_far:
      return "too_far";
  }
  return "holds";
}

IntervalRule load_interval_rule(std::string_view yaml) {
  auto bad = [](const std::string& why) {
    return std::runtime_error("audit_interval.yaml : " + why);
  };
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw bad("YAML illisible (ligne " + std::to_string(yaml_fault_line(e)) + " : " +
              yaml_fault_reason(e, yaml) + ")");
  }
  if (!root.IsMap()) throw bad("un dictionnaire est attendu");
  IntervalRule r;
  try {
    r.objective = root["objective"].as<std::string>();
    r.min_days = root["min_days"].as<int>();
    r.max_days = root["max_days"].as<int>();
    r.source = root["source"].as<std::string>();
  } catch (const YAML::Exception&) {
    throw bad("objective, min_days, max_days et source sont requis");
  }
  if (r.min_days < 1 || r.max_days < r.min_days)
    throw bad("min_days doit être positif et au plus max_days");
  if (r.source.empty()) throw bad("la source est requise");
  return r;
}

const IntervalRule& builtin_interval_rule() {
  static const IntervalRule r = [] {
    const auto& files = data_files::embedded_files();
    auto it = files.find("audit_interval.yaml");
    if (it == files.end()) throw std::runtime_error("audit_interval.yaml : fichier absent");
    return load_interval_rule(it->second);
  }();
  return r;
}

SeriesCheck check_series(std::vector<DatedAudit> audits, Date from, Date to,
                         const IntervalRule& rule) {
  std::sort(audits.begin(), audits.end(), [](const DatedAudit& a, const DatedAudit& b) {
    return a.date != b.date ? a.date < b.date : a.id < b.id;
  });
  SeriesCheck c;
  c.period_from = from;
  c.period_to = to;
  const DatedAudit* before = nullptr;  // the last audit before the period
  for (const auto& a : audits) {
    if (a.date < from) before = &a;
    if (a.date >= from && a.date <= to) c.audits.push_back(a);
  }
  auto verdict = [&](int days) {
    return days < rule.min_days ? Gap::too_close : days > rule.max_days ? Gap::too_far : Gap::holds;
  };
  const DatedAudit* prev = before;
  for (const auto& a : c.audits) {
    if (prev) {
      const int d = days_between(prev->date, a.date);
      c.intervals.push_back({*prev, a, d, verdict(d)});
    }
    prev = &a;
  }
  if (c.audits.empty()) {
    c.reason = "aucun audit d'exposition dans la période";
    return c;
  }
  c.lead_days = days_between(before ? before->date : from, c.audits.front().date);
  c.trail_days = days_between(c.audits.back().date, to);
  c.covered = true;
  for (const auto& i : c.intervals)
    if (i.verdict != Gap::holds) {
      c.covered = false;
      c.reason = i.verdict == Gap::too_close
                     ? "deux audits successifs sont à moins de " + plural_days(rule.min_days)
                     : "deux audits successifs sont à plus de " + plural_days(rule.max_days);
      return c;
    }
  if (c.lead_days > rule.max_days) {
    c.covered = false;
    c.reason = "le premier audit de la période vient " + plural_days(c.lead_days) +
               " après son début (au plus " + plural_days(rule.max_days) + ")";
  } else if (c.trail_days > rule.max_days) {
    c.covered = false;
    c.reason = "la période se termine " + plural_days(c.trail_days) +
               " après le dernier audit (au plus " + plural_days(rule.max_days) + ")";
  }
  return c;
}

std::string interval_text(const Interval& i, const IntervalRule& rule) {
  std::string out = plural_days(i.days) + " après le précédent — ";
  switch (i.verdict) {
    case Gap::holds:
      return out + "conforme";
    case Gap::too_close:
      return out + "trop proche (au moins " + plural_days(rule.min_days) + ")";
    case Gap::too_far:
      return out + "trop éloigné (au plus " + plural_days(rule.max_days) + ")";
  }
  return out;
}

}  // namespace carepilot::exposure
