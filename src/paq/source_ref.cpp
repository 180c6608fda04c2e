#include "paq/source_ref.hpp"

#include <cstdio>

namespace carepilot::paq {

std::string source_ref_text(const std::string& ref) {
  if (ref.empty()) return "—";
  unsigned long x = 0, n = 0;
  char tail = 0;
  if (std::sscanf(ref.c_str(), "exercise:%lu:item:%lu%c", &x, &n, &tail) == 2)
    return "exercice n° " + std::to_string(x) + ", point " + std::to_string(n) + " du RETEX";
  auto colon = ref.find(':');
  if (colon == std::string::npos || colon == 0) return ref;
  for (std::size_t i = 0; i < colon; ++i)
    if (!((ref[i] >= 'a' && ref[i] <= 'z') || ref[i] == '_')) return ref;
  std::string rest = ref.substr(colon + 1);
  if (rest == "retex") return "RETEX";
  unsigned long audit = 0;
  char rule[80] = {0};
  // "ad_audit:12" or "ad_audit:12:P-SpnPriv": the finding is the action's title.
  if (std::sscanf(ref.c_str(), "ad_audit:%lu%c", &audit, &tail) == 1 ||
      std::sscanf(ref.c_str(), "ad_audit:%lu:%79[A-Za-z0-9_-]", &audit, rule) == 2)
    return "audit Active Directory n° " + std::to_string(audit);
  char where[200] = {0};
  if (std::sscanf(ref.c_str(), "exposure_audit:%lu:%79[A-Za-z0-9_-]@%199s", &audit, rule, where) ==
      3) {
    std::string w = where;
    const auto port = w.rfind(':');
    return "audit d'exposition sur internet n° " + std::to_string(audit) + ", " +
           (port == std::string::npos ? w : w.substr(0, port) + " port " + w.substr(port + 1));
  }
  if (std::sscanf(ref.c_str(), "exposure_audit:%lu%c", &audit, &tail) == 1)
    return "audit d'exposition sur internet n° " + std::to_string(audit);
  // "incident:85" (the lessons of an incident): never its internal number (issue 19 trial:
  // « Incident (85) »); the action's page links to the incident.
  // "incident:85:DIGEST": one lesson among several of the incident.
  if (const int got = std::sscanf(ref.c_str(), "incident:%lu%c", &x, &tail);
      got == 1 || (got == 2 && tail == ':'))
    return "fiche de l'incident";
  if (std::sscanf(ref.c_str(), "identification:%lu%c", &x, &tail) == 1)
    return "étape n° " + std::to_string(x) + " de la trajectoire d'identification";
  // "continuity_test:12:2026-03-02", "restore_test:5:2026-03-09": the test and its day.
  unsigned yy = 0, mm = 0, dd = 0;
  char kind[20] = {0};
  if (std::sscanf(ref.c_str(), "%19[a-z_]:%lu:%4u-%2u-%2u%c", kind, &x, &yy, &mm, &dd, &tail) ==
          5 &&
      (std::string(kind) == "continuity_test" || std::string(kind) == "restore_test") && mm >= 1 &&
      mm <= 12 && dd >= 1 && dd <= 31) {
    char date[16];
    std::snprintf(date, sizeof date, "%02u/%02u/%04u", dd, mm, yy);
    return std::string(kind == std::string("continuity_test") ? "test de continuité"
                                                              : "test de restauration") +
           " n° " + std::to_string(x) + " du " + date;
  }
  unsigned year = 0;
  char requirement[80] = {0};
  if (std::sscanf(ref.c_str(), "assessment:%4u:%79[A-Za-z0-9_.-]", &year, requirement) == 2)
    return "autoévaluation de maturité " + std::to_string(year) + ", exigence " + requirement;
  return rest.empty() ? "—" : rest;
}

}  // namespace carepilot::paq
