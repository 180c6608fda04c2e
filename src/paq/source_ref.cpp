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
  if (std::sscanf(ref.c_str(), "identification:%lu%c", &x, &tail) == 1)
    return "étape n° " + std::to_string(x) + " de la trajectoire d'identification";
  unsigned year = 0;
  char requirement[80] = {0};
  if (std::sscanf(ref.c_str(), "assessment:%4u:%79[A-Za-z0-9_.-]", &year, requirement) == 2)
    return "autoévaluation de maturité " + std::to_string(year) + ", exigence " + requirement;
  return rest.empty() ? "—" : rest;
}

}  // namespace carepilot::paq
