// Demo candidatures (issue 18): the three calls with candidatures of the demo GHTs and
// establishments at several stages — filed and waiting for the ARS, refused, in the operational
// phase, declared and waiting for the verification, in national instruction with a request and
// its answer, decided and paid, and one validated but never declared past its declaration
// window (the late path: a national exception lets it declare). Each declaration declares what
// the records of its day allow (a computed objective reached only when they meet it), so that
// no frozen dossier cites a later record nor an accepted objective contradicts its computation.
// Every transition goes through the Repository (dated on the call's calendar, attributed to the
// demo account, in the audit trail). Idempotent: a candidate with a candidature already is left
// as it is.
#pragma once

#include "funding/proofs.hpp"

namespace carepilot::funding {

int seed_demo(Repository& repo, Proofs& proofs, registry::Repository& registry, const Date& today);

}  // namespace carepilot::funding
