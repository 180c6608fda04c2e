// The funding calls of the CaRE programme as data (issue 18, data/funding/calls.yaml): each
// call's legal text, envelope, eligible candidate kinds, calendar (every date with its source,
// or unknown), prerequisites and objectives. Built by funding::load_data (data.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace carepilot::funding {

struct CandidateKind {
  std::string id, label;
  std::vector<std::string> types;  // establishment types (data/catalog) outside a GHT
};

struct ScopeKind {
  std::string id, label;
};

// One dated step of a call's calendar. `date` is empty when the sources do not give it.
struct Step {
  std::string step;  // candidature_open, candidature_close, ars_instruction_end, …
  std::optional<Date> date;
  std::string source, note;  // French
};

struct Prerequisite {
  std::string id;  // D2.P1
  std::string label;
  std::vector<std::string> pieces;
};

struct Objective {
  std::string id;  // D2.O1.C (normalised)
  std::string label, target;
  std::vector<std::string> pieces;
  std::string scope;        // an id of Data::scopes
  std::string rule;         // a rule id of rules.hpp, "" when declarative
  std::string declarative;  // why it is declared (French), "" when computed
};

struct Call {
  std::string id, prefix, label, legal_text;
  Date legal_date{};
  bool text_public = true;
  std::optional<std::int64_t> envelope_cents, ceiling_cents;  // none: unknown
  std::string ceiling_source, facts;
  // The knowledge base's offer presenting this call (data/knowledge/offers.yaml, "" none): left
  // out of the « Comment faire ? » of the call's own objectives, where the reader already is.
  std::string knowledge_offer;
  std::vector<std::string> eligible;  // candidate kind ids
  std::vector<Step> calendar;         // every step of kSteps, in that order
  std::vector<Prerequisite> prerequisites;
  std::vector<Objective> objectives;

  const Step& step(const std::string& id) const;  // throws std::out_of_range
  std::optional<Date> date(const std::string& step_id) const { return step(step_id).date; }
  const Objective* objective(const std::string& id) const;
  const Prerequisite* prerequisite(const std::string& id) const;
  bool accepts(const std::string& kind) const;
};

struct Data {
  // The plausibility ceiling of one request, for a call with neither a ceiling nor a known
  // envelope (`plausibility` in calls.yaml, with its rationale): above it, a typing mistake.
  std::int64_t plausibility_ceiling_cents = 0;
  std::string plausibility_source;
  std::vector<CandidateKind> candidate_kinds;
  std::vector<ScopeKind> scopes;
  std::vector<Call> calls;
  const Call* call(const std::string& id) const;
  const CandidateKind* kind(const std::string& id) const;
  // The candidate kind of an establishment outside a GHT, from its type; "" when none.
  std::string kind_of_type(const std::string& type) const;
};

// The calendar's steps, in order.
inline const std::vector<std::string>& calendar_steps() {
  static const std::vector<std::string> steps{
      "candidature_open", "candidature_close", "ars_instruction_end",  "operational_start",
      "declaration_open", "declaration_close", "ars_verification_end", "national_instruction_end"};
  return steps;
}

}  // namespace carepilot::funding
