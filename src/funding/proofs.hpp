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
#include "funding/evidence_item.hpp"
#include "funding/repository.hpp"

namespace carepilot::funding {

// By objective id: the records proposed as its proof, in the order the rule read them.
using Proposals = std::map<std::string, std::vector<EvidenceItem>>;

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

  // The proof carepilot proposes for each computed objective, each item described (kind,
  // establishment, date, what tells it apart, its page): the records of the evidence table
  // (current, not withdrawn, of the candidature's establishments) that the modules emitted for
  // what the objective's rule read — the exposure audits (exposure_audit:ID) of D1.O2.B, the AD
  // audits (ad_audit:ID) of the AD audit objective, the plans that count for the coverage
  // (continuity_plan:ID) of D2.O1.C/D and, for D2.O1.C, the BIAs of the activities within
  // their scope (continuity_bia:ID); their evidence ids are what declare() accepts as
  // evidence_ids. Then the module records the rule read that have no evidence record (no
  // evidence id): the restore tests of D2.O4, the backup self-declaration of D2.O3.A.
  // `computed` is compute()'s result for the same candidature and day.
  Proposals propose(const Candidature& k, const RuleResults& computed, const Date& today);

  // The evidence records `ids` described as propose() describes them, by id; an id that is not
  // a current record of one of the candidature's establishments is left out.
  std::map<std::int64_t, EvidenceItem> describe_evidence(const Candidature& k,
                                                         const std::vector<std::int64_t>& ids);

  // For an objective met by the records whose proof is a module record with no record of the
  // evidence table (the restore test of D2.O4, the backup self-declaration of D2.O3.A): a French
  // sentence naming that record for the declaration form; "" otherwise.
  // `proposed` is propose()'s list for the objective: the records are named by their day,
  // establishment and what tells them apart, never by their internal number.
  std::string module_record_note(const std::string& objective_id, const RuleResults& computed,
                                 const std::vector<EvidenceItem>& proposed) const;

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
