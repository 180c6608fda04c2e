#include "evidence/demo.hpp"

namespace carepilot::evidence {

namespace {

using nlohmann::json;

// Profiles by establishment index: 0 exemplary, 1 on track, 2 late on several actions,
// 3 mixed (PCRI but no PCRA), 4 barely started.
std::vector<json> records_for(int profile, const registry::Establishment& e) {
  std::vector<json> r;
  auto add = [&](json j) { r.push_back(std::move(j)); };
  const bool good = profile <= 1;
  if (profile != 4) {
    add({{"type", "registration"}, {"service", "club-ssi"}, {"date", "2025-02-10"}});
    add({{"type", "registration"}, {"service", "silene"}, {"date", "2025-03-03"}});
  }
  if (profile != 2 && profile != 4)
    add({{"type", "crisis_exercise"},
         {"date", "2025-10-14"},
         {"declared_on", "2025-10-20"},
         {"retex_in_paq", true}});
  if (good)
    add({{"type", "crisis_exercise"},
         {"date", "2026-03-02"},
         {"declared_on", "2026-03-10"},
         {"retex_in_paq", profile == 0}});
  if (profile != 4)
    add({{"type", "maturity_assessment"},
         {"date", "2025-05-12"},
         {"score", 48 + 7 * (3 - profile)},
         {"declared_on", "2025-05-30"}});
  if (good)
    add({{"type", "maturity_assessment"},
         {"date", "2026-04-01"},
         {"score", 61 + 5 * (1 - profile)},
         {"declared_on", "2026-04-15"}});
  for (const char* d : {"2026-01-20", "2026-04-22", "2026-07-15", "2026-10-05"})
    if (good || (profile == 3 && std::string(d) < "2026-07-01"))
      add({{"type", "ad_audit"}, {"date", d}, {"source", "ads"}, {"level", profile == 0 ? 3 : 2}});
  if (profile == 3) {
    add({{"type", "continuity_plan"},
         {"kind", "pcri"},
         {"scope", "global"},
         {"date", "2025-04-30"}});
  } else if (profile != 4) {
    add({{"type", "continuity_plan"},
         {"kind", "pca"},
         {"scope", "global"},
         {"date", profile == 2 ? "2025-09-15" : "2025-06-12"}});
  }
  if (profile == 0)
    add({{"type", "continuity_plan"},
         {"kind", "pcra"},
         {"scope", "global"},
         {"date", "2026-09-30"}});
  if (good)
    for (const auto& s : e.services)
      add({{"type", "bia"}, {"service", s}, {"date", profile == 0 ? "2026-05-20" : "2026-06-25"}});
  if (profile != 4)
    add({{"type", "paq_action"},
         {"date", profile == 2 ? "2025-06-01" : "2026-09-01"},
         {"cyber", true},
         {"status", "open"},
         {"title", "Durcissement de l'Active Directory"}});
  // No typed training_coverage: the training module (training/demo.cpp) is its one source
  // (issue 12: a typed 58,3 % here outdated the module's 24,8 % on the compliance page).
  if (profile != 4)
    add({{"type", "mfa_coverage"},
         {"date", "2026-09-30"},
         {"accesses", 40},
         {"covered", 40 - 6 * profile}});
  if (profile != 2 && profile != 4)
    add({{"type", "budget_declaration"},
         {"year", 2026},
         {"date", "2026-05-01"},
         {"total_eur", 250000000},
         {"digital_eur", profile == 3 ? 3500000 : 4500000},
         {"cyber_eur", 900000}});
  return r;
}

}  // namespace

int load_demo_evidence(Repository& repo, registry::Repository& registry, const Date& today) {
  int added = 0;
  registry::EstablishmentFilter f;
  f.per_page = 200;
  auto page = registry.list(Scope::nation(), f);
  int index = 0;
  for (const auto& item : page.items) {
    if (!item.is_demo) continue;
    // The situation of an establishment depends on its place among the demo ones only, so a
    // second run (which skips those already holding evidence) gives none a new situation.
    const int situation = index++ % 5;
    auto e = registry.find(Scope::nation(), item.finess_et);
    if (!e || !repo.list(Scope::nation(), e->finess_et).empty()) continue;
    for (auto& rec : records_for(situation, *e)) {
      if (*parse_date(rec["date"].get<std::string>()) > today) continue;
      repo.add(Scope::nation(), e->finess_et, rec, today, Actor{"demo", "", ""});
      ++added;
    }
  }
  return added;
}

}  // namespace carepilot::evidence
