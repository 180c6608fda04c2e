// One audit rule = metadata + a check. Rules are small units grouped by family
// (rules_*.cpp); all_rules() lists them in a stable order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adaudit/context.hpp"

namespace carepilot::adaudit {

enum class Category : std::uint8_t { StaleObjects, PrivilegedAccounts, Trusts, Anomalies };
std::string_view to_string(Category c);    // "stale_objects" ...
std::string_view french_name(Category c);  // labels.yaml ad_categories: "Objets obsolètes" ...

struct RuleInfo {
  std::string_view id;     // ours, stable: "P-SpnPriv"
  std::string_view title;  // French
  Category category;
  // Both from data/adaudit/anssi_checkpoints.yaml (all_rules() fills them; a rule's own
  // definition leaves them empty).
  std::string_view anssi_id;     // "vuln1_spn_priv", empty when no checkpoint applies
  int level;                     // ANSSI level 1-5 of that checkpoint, 0 when none
  int points;                    // added to the category score when the rule fails
  std::string_view rationale;    // French: why it matters
  std::string_view remediation;  // French: what to do
  std::string_view references;   // further references, "; "-separated
};

enum class Status : std::uint8_t { Pass, Fail, NotEvaluated };
std::string_view to_string(Status s);

struct Outcome {
  Status status = Status::Pass;
  std::vector<std::uint32_t> objects;  // affected directory objects
  std::vector<std::string> items;      // affected things that are not objects (trusts ...)
  std::string detail;                  // French, one line
};

struct Rule {
  RuleInfo info;
  Outcome (*check)(const Context&);
};

// What a rule reads: collection parts, and fields of the objects of a type. Without them
// the rule is "non évaluée"; with a field absent from only some objects, the rule can still
// fail on the objects that carry it, but it cannot pass.
struct FieldNeed {
  ObjectType type;
  std::uint32_t fields;  // field:: bits
};
struct Needs {
  std::uint32_t parts = 0;  // part_bit() values
  std::vector<FieldNeed> fields;
};
// The needs of a rule (nullptr for an unknown id; every rule of all_rules() has some).
const Needs* needs_of(std::string_view rule_id);

// Whether the directory holds what `needs` asks for.
struct Coverage {
  std::vector<std::string> missing_parts;   // "users" ...
  std::vector<std::string> missing_fields;  // "users.enabled": carried by no object
  std::vector<std::string> partial_fields;  // carried by some objects only
  bool complete() const {
    return missing_parts.empty() && missing_fields.empty() && partial_fields.empty();
  }
};
Coverage coverage(const Directory& dir, const Needs& needs);

std::vector<Rule> stale_object_rules();
std::vector<Rule> privileged_account_rules();
std::vector<Rule> trust_rules();
std::vector<Rule> anomaly_rules();
std::vector<Rule> adcs_rules();
const std::vector<Rule>& all_rules();

// One entry of data/adaudit/anssi_checkpoints.yaml: the rule's ANSSI checkpoint and its
// level (empty and 0 when none applies, with the reason), and what the mapping rests on
// ("anssi", "pingcastle", "carepilot" with its note).
struct AnssiMapping {
  std::string rule, checkpoint;
  int level = 0;
  std::string basis, note, reason;
};
const std::vector<AnssiMapping>& anssi_mapping();
const AnssiMapping* anssi_mapping_of(std::string_view rule_id);

// Helpers for the checks.
// "1 relation sortante", "3 relations sortantes": the count (grouped by thousands) and the
// phrase agreed with it (0 and 1 take the singular, in French). In `phrase`, "{s}" is "" in
// the singular and "s" in the plural, "{l|ux}" the first form in the singular and the
// second in the plural: "principa{l|ux} non privilégié{s}". A phrase without any mark is a
// programming error (std::logic_error): every count shown must agree.
std::string counted(std::uint64_t n, std::string_view phrase);
// `what` is a phrase of counted().
Outcome fail_if_any(std::vector<std::uint32_t> objects, const std::string& what);
Outcome not_evaluated(const std::string& why);
bool is_enabled_user(const Object& o);
bool is_enabled_computer(const Object& o);

}  // namespace carepilot::adaudit
