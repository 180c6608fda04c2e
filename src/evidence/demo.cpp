#include "evidence/demo.hpp"

#include "common/french.hpp"
#include "common/pdf.hpp"
#include "evidence/registrations.hpp"

namespace carepilot::evidence {

namespace {

using nlohmann::json;

// Profiles by establishment index: 0 exemplary, 1 on track, 2 late on several actions,
// 3 mixed (PCRI but no PCRA), 4 barely started.
std::vector<json> records_for(int profile, const registry::Establishment& /*e*/) {
  std::vector<json> r;
  auto add = [&](json j) { r.push_back(std::move(j)); };
  const bool good = profile <= 1;
  // Registrations (Club SSI, SILENE) are declared with their reference and attestation by
  // demo_registrations below, as a user declares them.
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
  // No typed continuity_plan or bia: the continuity module (continuity/demo.cpp) records the
  // plans and BIAs, and their evidence follows from that work (issue 15).
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

namespace {

// The registrations of a demo establishment, declared as on the registrations page: the
// contact's role, a reference and an attestation (a one-page PDF that says it is a
// demonstration). Barely started establishments (situation 4) have none.
int demo_registrations(Repository& repo, registry::Repository& registry,
                       const registry::Establishment& e, int situation, const Date& today) {
  if (situation == 4) return 0;
  struct Demo {
    const char *service, *name, *date, *prefix;
  };
  constexpr Demo kDemo[] = {{"club-ssi", "Club SSI de l'ANSSI", "2025-02-10", "CLUBSSI"},
                            {"silene", "service SILENE de l'ANSSI", "2025-03-03", "SILENE"}};
  int added = 0;
  for (const auto& d : kDemo) {
    RegistrationInput in;
    in.service = d.service;
    in.date = d.date;
    in.contact_role = "rssi";
    in.anssi_reference = std::string("DEMO-") + d.prefix + "-" + e.finess_et;
    in.file_name = std::string("attestation-") + d.service + ".pdf";
    in.bytes = pdf::render(
        "Attestation d'inscription (démonstration)", "Attestation de démonstration",
        [&](pdf::Writer& w) {
          w.block("Attestation d'inscription au " + std::string(d.name), "Sans Bold 16", 0);
          w.block(e.name + " — FINESS " + e.finess_et, "Sans 11", 6);
          w.block("Inscription du " + french_date_text(d.date) +
                      ", contact inscrit : le RSSI de l'établissement. Référence : " +
                      in.anssi_reference + ".",
                  "Sans 10", 12);
          w.block(
              "Document de démonstration produit par carepilot pour un établissement fictif : "
              "il ne vaut pas attestation.",
              "Sans Italic 10", 12);
        });
    Registrations(repo, registry)
        .declare(Scope::nation(), e.finess_et, in, today, Actor{"demo", "", ""});
    ++added;
  }
  return added;
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
    added += demo_registrations(repo, registry, *e, situation, today);
    for (auto& rec : records_for(situation, *e)) {
      if (*parse_date(rec["date"].get<std::string>()) > today) continue;
      repo.add(Scope::nation(), e->finess_et, rec, today, Actor{"demo", "", ""});
      ++added;
    }
  }
  return added;
}

}  // namespace carepilot::evidence
