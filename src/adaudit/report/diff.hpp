// Quarterly trend: compares two JSON results (carepilot.ad_audit/1) finding by finding.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace carepilot::adaudit {

struct DiffEntry {
  std::string rule_id;
  std::string title;
  std::uint64_t old_count = 0, new_count = 0;
  std::vector<std::string> added;    // affected object ids only in the new result
  std::vector<std::string> removed;  // affected object ids only in the old result
};

struct AuditDiff {
  std::string old_date, new_date;
  int old_level = 0, new_level = 0;
  int old_score = 0, new_score = 0;
  // Each result's `complete` (false: a partial collection, its level a bound) and domains.
  bool old_complete = true, new_complete = true;
  std::vector<std::string> old_domains, new_domains;
  std::vector<DiffEntry> added;     // findings failing now, not before
  std::vector<DiffEntry> resolved;  // failing before, checked and passing now
  // Failing before and not evaluated now (the new collection lacked what the rule needs):
  // never counted as resolved (issue 14 trial: a collection without users.json « resolved »
  // ESC1).
  std::vector<DiffEntry> not_evaluated;
  std::vector<DiffEntry> unchanged;  // failing in both
  // True when the two results name different domains: they are not two audits of one
  // directory, and the comparison says so.
  bool domains_differ() const;
};

// "A.LOCAL, B.LOCAL": the domains of a result, as the comparison names them.
std::string domains_text(const std::vector<std::string>& domains);

// Throws InputError when a document is not an audit result.
AuditDiff diff_results(const nlohmann::json& old_result, const nlohmann::json& new_result);
nlohmann::json to_json(const AuditDiff& diff);
std::string to_text(const AuditDiff& diff);  // French, for the terminal

}  // namespace carepilot::adaudit
