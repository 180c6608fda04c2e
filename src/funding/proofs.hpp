// The proof carepilot draws from its own records for a candidature's computed objectives
// (issue 18): the exposure audits (exposureplatform, D1.O2.B), the AD audits (adplatform,
// domain 1), the continuity register and its 66 % coverage (continuity, D2.O1.C/D), the backup
// self-declaration (continuity, D2.O3.A) and the restore tests (continuity, D2.O4), each read
// through its module and computed by the pure rules of rules.hpp. Read-only.
//
// Scope: the candidature's establishments are read within the candidate's own scope — the GHT
// for a GHT candidature (one file for all its establishments), the establishment otherwise.
// Period: from the call's operational start to `today` (or the declaration deadline, if
// earlier).
#pragma once

#include "adplatform/repository.hpp"
#include "continuity/store/repository.hpp"
#include "exposureplatform/repository.hpp"
#include "funding/repository.hpp"

namespace carepilot::funding {

// One record of the evidence table proposed as the proof of an objective.
struct ProposedEvidence {
  std::int64_t id = 0;  // evidence id, as declare() takes it
  std::int64_t establishment_id = 0;
  std::string establishment;  // its name
  std::string type;           // evidence type: evidence_type_label() says it in French
  std::string date;           // the record's date, AAAA-MM-JJ
  std::string source;         // the module's record: "ad_audit:12"
};
// By objective id, in the order the rule read the records.
using Proposals = std::map<std::string, std::vector<ProposedEvidence>>;

class Proofs {
 public:
  Proofs(store::Database& db, registry::Repository& registry,
         exposureplatform::Repository& exposure, adplatform::Repository& ad,
         continuity::Repository& continuity, const Data& data)
      : db_(db),
        registry_(registry),
        exposure_(exposure),
        ad_(ad),
        continuity_(continuity),
        data_(data) {}

  // The result of every computed objective of the candidature's call, by objective id.
  RuleResults compute(const Candidature& k, const Date& today);

  // The evidence carepilot proposes for each computed objective: the records of the evidence
  // table (current, not withdrawn, of the candidature's establishments) that the modules
  // emitted for what the objective's rule read — the exposure audits (exposure_audit:ID) of
  // D1.O2.B, the AD audits (ad_audit:ID) of the AD audit objective, the plans that count for the
  // coverage (continuity_plan:ID) of D2.O1.C/D. These ids are what declare() accepts as
  // evidence_ids. `computed` is compute()'s result for the same candidature and day.
  Proposals propose(const Candidature& k, const RuleResults& computed, const Date& today);

  // For an objective met by the records whose proof is a module record with no record of the
  // evidence table (the restore test of D2.O4, the backup self-declaration of D2.O3.A): a French
  // sentence naming that record for the declaration form; "" otherwise.
  std::string module_record_note(const std::string& objective_id,
                                 const RuleResults& computed) const;

 private:
  store::Database& db_;
  registry::Repository& registry_;
  exposureplatform::Repository& exposure_;
  adplatform::Repository& ad_;
  continuity::Repository& continuity_;
  const Data& data_;
};

// Several establishments' results of an every_establishment objective as one: met when every
// one is met, not met when one is not, unknown otherwise; the words name each establishment.
RuleResult combine(const std::string& rule,
                   const std::vector<std::pair<std::string, RuleResult>>& per_establishment);

}  // namespace carepilot::funding
