// The series of an establishment's exposure audits and the interval rule of funding domain 1
// (D1.O2.B, data/exposure/audit_interval.yaml): successive audits must be at least
// `min_days` and at most `max_days` apart, both bounds inclusive. A pure function: it reads
// dated audits and a period, and says for each successive pair whether the interval holds,
// and whether the period is covered.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"

namespace carepilot::exposure {

struct IntervalRule {
  std::string objective;  // "D1.O2.B"
  int min_days = 0, max_days = 0;
  std::string source;  // French
};

// The embedded rule; throws std::runtime_error (French) when the file is invalid.
const IntervalRule& builtin_interval_rule();
// Parses the text of audit_interval.yaml; throws std::runtime_error.
IntervalRule load_interval_rule(std::string_view yaml);

struct DatedAudit {
  std::int64_t id = 0;
  Date date;
};

enum class Gap { holds, too_close, too_far };
std::string_view to_string(Gap g);  // "holds", "too_close", "too_far"

struct Interval {
  DatedAudit from, to;
  int days = 0;
  Gap verdict = Gap::holds;
};

struct SeriesCheck {
  Date period_from, period_to;
  std::vector<DatedAudit> audits;   // in the period, by date then id
  std::vector<Interval> intervals;  // each successive pair: the one before the period (if
                                    // any) with the first in it, then the pairs inside
  int lead_days = 0;   // from the period's start (or the audit before it) to the first audit
  int trail_days = 0;  // from the last audit to the period's end
  // True when the period has at least one audit, every interval holds, the first audit of
  // the period comes at most max_days after its start (or after the audit before it), and
  // the period ends at most max_days after its last audit.
  bool covered = false;
  std::string reason;  // French, when not covered
};

SeriesCheck check_series(std::vector<DatedAudit> audits, Date from, Date to,
                         const IntervalRule& rule = builtin_interval_rule());

// French: « 52 jours après le précédent — conforme », « 30 jours après le précédent — trop
// proche (au moins 45 jours) », « 75 jours après le précédent — trop éloigné (au plus 60
// jours) ».
std::string interval_text(const Interval& i, const IntervalRule& rule = builtin_interval_rule());

}  // namespace carepilot::exposure
