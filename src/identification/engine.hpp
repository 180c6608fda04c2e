// The pure engine of identification: for one population × access point, as of a date, is
// the means in use compliant with the rules of data/identification, and why (French); and the
// coverage of the inventory by compliant two-factor means, weighted by headcount. No I/O, no
// clock: the same inputs give the same answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identification/model.hpp"

namespace carepilot::identification {

// no_access: the population has no such access (a filled crossing that is neither an access
// nor a fault).
enum class Status { compliant, non_compliant, planned, no_access };
// "compliant", "non_compliant", "planned", "no_access" (API); French labels through labels.yaml
// (statuses: identification.*).
std::string status_code(Status s);

struct Verdict {
  Status status = Status::non_compliant;
  std::string reason;                     // French, one sentence or two
  std::vector<std::string> rules_failed;  // ids of the rules the means in use breaks
  bool two_factor = false;                // the means in use has two factors
  bool means_compliant = false;           // the means in use breaks no rule in force
  // People of the population not on the means in use (headcount − covered) when that means
  // is compliant: each of them makes the access non-compliant (or planned). 0 otherwise.
  std::int64_t uncovered = 0;
};

// Does `means` satisfy every rule that applies on `as_of` to an access point at `location`,
// given the homologation recorded for it? Returns the ids of the rules it breaks.
std::vector<std::string> broken_rules(const Data& data, const Means& means,
                                      const std::string& location,
                                      const std::optional<Homologation>& homologation,
                                      const Date& as_of);

// The verdict on one cell of a population of `headcount` people as of `as_of`:
//  - compliant: the means in use breaks no rule in force and the whole population uses it
//    (covered == headcount; the reason names what makes it so, and a tolerance that ends
//    later);
//  - planned: the means breaks a rule, or covers only part of the population (the others
//    are not known to use a compliant means: instruction DNS/2025/12, action 6, covers every
//    professional), and a means planned for a date on or after `as_of` would break none on
//    that date (homologation aside: one to record when the means is in use);
//  - non_compliant otherwise (the reason names the rule or the people left, and a planned
//    date gone by).
Verdict evaluate(const Data& data, const Cell& cell, const AccessPoint& point,
                 std::int64_t headcount, const Date& as_of);
// The same, the cell's access point and population (its headcount) looked up in `inv`;
// std::nullopt when either is not in it.
std::optional<Verdict> evaluate(const Data& data, const Inventory& inv, const Cell& cell,
                                const Date& as_of);

// Coverage: accesses = sum over the cells that are accesses (not « aucun accès ») of their
// population's headcount; covered = sum of the people covered by a compliant two-factor means.
// `blanks` lists the crossings population × access point with no cell, in the matrix's order
// (populations, then access points): a blank crossing is not known to be fine.
struct Share {
  std::int64_t accesses = 0, covered = 0;
  // round(1000 * covered / accesses) half up; nullopt when accesses is 0.
  std::optional<std::int64_t> permille() const;
};
struct PopulationShare {
  std::int64_t population_id = 0;
  Share share;
};
struct Coverage {
  Share overall;
  std::vector<PopulationShare> populations;  // in the inventory's order
  int cells = 0, compliant = 0, non_compliant = 0, planned = 0, no_access = 0;
  struct Crossing {
    std::int64_t population_id = 0, access_point_id = 0;
  };
  std::vector<Crossing> blanks;
  std::optional<Date> target_date;  // the latest planned date of a planned cell
};
Coverage coverage(const Data& data, const Inventory& inv, const Date& as_of);

// A HospiConnect objective as of a date (data/identification, hospiconnect):
//  - a derived one is met when every crossing of its populations (all when it names none)
//    that is an access is filled, with a two-factor means issued by the ANS, of the eIDAS
//    level of the approved_means rule or above, or homologated (a decision that counts, dated
//    on or before `as_of`), covering the whole headcount; not_met otherwise; unknown when
//    none of its populations is inventoried or none has an access;
//  - any other objective is declarative: « declared » when the establishment declared it
//    reached (identification/declarations.hpp: the day reached, a justification and the
//    proving document) on or before `as_of`, « declarative » (still to declare) otherwise.
enum class ObjectiveStatus { met, not_met, unknown, declarative, declared };
// "met", "not_met", "unknown", "declarative", "declared" (API); labels: statuses
// hospiconnect.*.
std::string objective_status_code(ObjectiveStatus s);
struct ObjectiveVerdict {
  ObjectiveStatus status = ObjectiveStatus::declarative;
  std::string reason;                  // French
  int crossings = 0, on_approved = 0;  // derived: accesses, and those on an approved means
};
// A declarative objective's current declaration (none: nullptr); ignored for a derived one.
struct ObjectiveDeclaration {
  Date reached_on{};
  std::string justification;
};
ObjectiveVerdict evaluate_objective(const Data& data, const Inventory& inv, const Objective& o,
                                    const Date& as_of,
                                    const ObjectiveDeclaration* declaration = nullptr);

}  // namespace carepilot::identification
