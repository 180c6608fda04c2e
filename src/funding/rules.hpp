// The computed objectives of the funding calls (issue 18): pure functions over what
// carepilot's own modules already compute, each returning its verdict and its computation in
// words for the page. They never recompute differently: the 45–60-day series is
// exposure::check_series (data/exposure/audit_interval.yaml), the 66 % share is
// continuity::group_coverage (data/continuity/bia.yaml, ght_coverage.yaml), the ADS level
// required of a dedicated backup directory is continuity::backup_data().ads_level_required
// (data/continuity/backup.yaml). No I/O, no clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "continuity/rules/ght_coverage.hpp"
#include "exposure/series.hpp"

namespace carepilot::funding {

// Rule ids an objective of data/funding/calls.yaml may name.
inline constexpr std::string_view kRuleIds[] = {"exposure_interval",      "ad_audit_done",
                                                "bia_coverage",           "tested_coverage",
                                                "backup_directory_level", "restore_test"};
bool known_rule(std::string_view id);

enum class Verdict { met, not_met, unknown };
const char* verdict_code(Verdict v);  // "met", "not_met", "unknown"

struct RuleResult {
  std::string rule;
  Verdict verdict = Verdict::unknown;
  std::string words;                  // French: the computation, for the page and the dossier
  std::vector<std::int64_t> records;  // ids of the records the computation read (audits …)
  std::string missing;  // French: what the records still lack when not met or unknown ("" if met)
};

// D1.O2.B: the exposure audits (finished, not withdrawn) against the interval rule over the
// operational period [from, to].
RuleResult exposure_interval(
    std::vector<exposure::DatedAudit> audits, Date from, Date to,
    const exposure::IntervalRule& rule = exposure::builtin_interval_rule());

// Domain 1, the mandatory AD audit: at least one finished AD audit (collection or ADS report)
// dated within [from, to].
RuleResult ad_audit_done(const std::vector<exposure::DatedAudit>& audits, Date from, Date to);

// D2.O1.C (tested = false) and D2.O1.D (tested = true): the share of the combined activity
// covered, from continuity::group_coverage over the group's members.
RuleResult coverage(const std::vector<continuity::Member>& members, double threshold_percent,
                    bool tested, long outside_scope = 0);

// D2.O3.A: how the backup infrastructure authenticates, and a dedicated directory's ADS level.
struct BackupDirectory {
  bool declared = false;  // a counting answer to the independent_auth point
  std::string auth_mode;  // dedicated_directory, local_accounts, shared_directory
  std::optional<int> level;
  std::optional<std::int64_t> record_id;  // the backup declaration read
};
RuleResult backup_directory_level(const BackupDirectory& d, int required_level);

// D2.O4: at least one restore test held within [from, to] on a resource supporting an activity
// covered by a D2.O1.C plan, with a named business referent.
struct RestoreTest {
  std::int64_t id = 0;
  Date held_on{};
  bool supports_covered_activity = false;
  std::string referent;  // who checked it (the business referent)
};
RuleResult restore_test(const std::vector<RestoreTest>& tests, Date from, Date to);

}  // namespace carepilot::funding
