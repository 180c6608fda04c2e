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
