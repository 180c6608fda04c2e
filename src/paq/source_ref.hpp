// The reference of a PAQ action's origin, as a reader sees it. An action made by a module
// carries a machine reference (`source_ref`) naming what it came from; pages and exports
// (CSV, XLSX) show it in words, the API keeps the reference itself.
//
// Shapes read (anything else, e.g. a number typed by hand, is shown as typed):
//   "exercise:12:item:3"                        → "exercice n° 12, point 3 du RETEX"
//   "exercise:retex", "X:retex"                 → "RETEX"
//   "ad_audit:12" / "ad_audit:12:P-SpnPriv"     → "audit Active Directory n° 12" (the
//                                                  finding is the action's title)
//   "exposure_audit:12:exposed-rdp@1.2.3.4:tcp/3389"
//                                               → "audit d'exposition sur internet n° 12,
//                                                  1.2.3.4 port tcp/3389"
//   "assessment:2026:MFA-1"                     → "autoévaluation de maturité 2026,
//                                                  exigence MFA-1"
//   "identification:7"                          → "étape n° 7 de la trajectoire
//                                                  d'identification"
//   "continuity_test:12:2026-03-02"             → "test de continuité n° 12 du 02/03/2026"
//   "restore_test:5:2026-03-09"                 → "test de restauration n° 5 du 09/03/2026"
//   "family:rest" (a lower-case machine prefix) → "rest"; empty → "—".
#pragma once

#include <string>

namespace carepilot::paq {

std::string source_ref_text(const std::string& ref);

}  // namespace carepilot::paq
