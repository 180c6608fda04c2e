#include "evidence/todo.hpp"

#include <map>
#include <string_view>

#include "common/french.hpp"

namespace carepilot::evidence {

namespace {

std::string day_text(const Date& d) {
  return french_date_text(format_date(d));
}

// The year the missing fact is for: the period's year when it has one ("2026", "2026-Q4";
// when overdue, the year that closed unmet), else the evaluation date's.
std::string year_of(const engine::ObligationResult& o, const Date& as_of) {
  if (o.period.size() >= 4 && o.period.find('/') == std::string::npos) return o.period.substr(0, 4);
  return std::to_string(static_cast<int>(as_of.year()));
}

}  // namespace

std::optional<FixAction> fix_action(const engine::ObligationResult& o, const std::string& finess,
                                    const Date& as_of) {
  if (o.status == engine::Status::met || o.status == engine::Status::not_applicable)
    return std::nullopt;
  const std::string base = "/etablissements/" + finess;
  auto add = [&](std::string_view type) {
    return base + "/preuves?ajouter=" + std::string(type) + "#form-" + std::string(type);
  };
  std::string year = year_of(o, as_of);
  // The pages of the modules that record each obligation's facts (routes of
  // src/*/routes_pages.cpp).
  if (o.id == "crisis-exercise")
    return FixAction{"Planifier un exercice", base + "/exercices/nouveau"};
  if (o.id == "maturity-self-assessment")
    return FixAction{"Remplir l'autoévaluation " + year, base + "/maturite/" + year};
  if (o.id == "club-ssi-registration")
    return FixAction{"Déclarer l'inscription au Club SSI", base + "/inscriptions-anssi"};
  if (o.id == "silene-registration")
    return FixAction{"Déclarer l'inscription à SILENE", base + "/inscriptions-anssi"};
  if (o.id == "ad-audit")
    return FixAction{"Enregistrer un audit de l'Active Directory", add("ad_audit")};
  // The continuity register emits bia and continuity_plan (issue 15).
  const std::string continuity = base + "/continuite";
  if (o.id == "pca-pra") return FixAction{"Ajouter un PCA ou un PRA", continuity};
  if (o.id == "bia-critical") return FixAction{"Faire le BIA des services manquants", continuity};
  if (o.id == "bia-all-services") {
    for (const auto& m : o.missing)
      if (m.id.rfind("bia:", 0) == 0)
        return FixAction{"Faire le BIA des services manquants", continuity};
    return FixAction{"Ajouter le PCRA global", continuity};
  }
  if (o.id == "paq-integration")
    return FixAction{"Ajouter une action cyber au PAQ", base + "/paq/nouvelle"};
  if (o.id == "staff-training")
    return FixAction{"Mettre à jour la formation " + year, base + "/formation/" + year};
  // The identification inventory emits mfa_coverage and mfa_trajectory (issue 16).
  if (o.id == "mfa-trajectory")
    return FixAction{"Renseigner l'inventaire de l'identification", base + "/identification"};
  if (o.id == "digital-budget")
    return FixAction{"Déclarer le budget " + year, base + "/budget/" + year};
  return FixAction{"Ajouter une preuve", base + "/preuves"};
}

std::string deadline_text(const engine::ObligationResult& o) {
  if (o.deadline) return day_text(*o.deadline);
  if (o.status == engine::Status::due || o.status == engine::Status::overdue) return "À réaliser";
  if (o.status == engine::Status::met) return "Sans échéance";
  return "—";
}

std::string delay_text(const engine::ObligationResult& o) {
  if (o.days_late) return plural(*o.days_late, "jour", "jours") + " de retard";
  if (o.days_left) {
    if (*o.days_left == 0) return "aujourd'hui";
    return "dans " + plural(*o.days_left, "jour", "jours");
  }
  return {};
}

bool todo_before(const engine::ObligationResult& a, std::size_t a_index,
                 const engine::ObligationResult& b, std::size_t b_index) {
  auto rank = [](const engine::ObligationResult& o) {
    switch (o.status) {
      case engine::Status::overdue:
        return 0;
      case engine::Status::due:
        return o.deadline ? 1 : 2;
      case engine::Status::met:
        return 3;
      case engine::Status::not_applicable:
        return 4;
    }
    return 5;
  };
  int ra = rank(a), rb = rank(b);
  if (ra != rb) return ra < rb;
  if (ra == 0 && a.days_late && b.days_late && *a.days_late != *b.days_late)
    return *a.days_late > *b.days_late;
  if (ra == 1 && a.deadline && b.deadline && *a.deadline != *b.deadline)
    return *a.deadline < *b.deadline;
  return a_index < b_index;
}

}  // namespace carepilot::evidence
