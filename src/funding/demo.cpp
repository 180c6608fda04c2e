#include "funding/demo.hpp"

#include <algorithm>

namespace carepilot::funding {

namespace demo_detail {

Date on(const char* iso) {
  return *parse_date(iso);
}

// A small text file joined as a proof, so that the demo's reviewers have a file to open.
ProofInput joined(const std::string& file_name, const std::string& text,
                  const std::string& justification) {
  ProofInput p;
  p.file_name = file_name;
  p.file_bytes = text;
  p.justification = justification;
  return p;
}

// The declaration of every objective of the call reached, each with a written justification,
// the first one with a joined file too; computed objectives with what carepilot computes.
std::map<std::string, ObjectiveDeclarationInput> all_reached(const Call& call) {
  std::map<std::string, ObjectiveDeclarationInput> out;
  for (const auto& o : call.objectives) {
    out[o.id].reached = true;
    out[o.id].proof.justification = "Pièces jointes au dossier : " + o.pieces.front() + ".";
  }
  if (!call.objectives.empty()) {
    const auto& first = call.objectives.front();
    out[first.id].proof = joined("preuve-" + first.id + ".txt",
                                 "Objectif " + first.id + " : " + first.label +
                                     ".\nPièce fournie : " + first.pieces.front() + ".\n",
                                 out[first.id].proof.justification);
  }
  return out;
}

}  // namespace demo_detail

int seed_demo(Repository& repo, Proofs& proofs, registry::Repository& registry, const Date& today) {
  using demo_detail::on;
  const Data& data = repo.data();
  const Actor actor{"demo", "", "", ""};
  int seeded = 0;
  auto editor = [&](std::int64_t est) {
    return Caller{Role::establishment_editor, Scope::establishment(est), actor};
  };
  auto ars = [&](const std::string& region) {
    return Caller{Role::regional_manager, Scope::region(region), actor};
  };
  const Caller national{Role::national_admin, Scope::nation(), actor};
  // The steps happen on their days of the calendar; a step after `today` is not taken (a demo
  // seeded on an earlier day stops there).
  auto by = [&](const char* iso) { return !(today < on(iso)); };

  auto input = [&](const Call& call, bool as_ght, const std::vector<registry::Establishment>& ests,
                   const char* amount) {
    CandidatureInput in;
    in.call_id = call.id;
    in.as_ght = as_ght;
    for (const auto& e : ests) in.establishments.push_back(e.finess_et);
    in.contacts = {"RSSI du candidat, rssi@exemple.fr", "Directeur des systèmes d'information"};
    for (const auto& p : call.prerequisites)
      in.prerequisites[p.id].justification = "Fourni : " + p.pieces.front() + ".";
    // The first prerequisite of a GHT's candidature with its joined file.
    if (as_ght && !call.prerequisites.empty()) {
      const auto& first = call.prerequisites.front();
      in.prerequisites[first.id] =
          demo_detail::joined("prerequis-" + first.id + ".txt",
                              "Prérequis " + first.id + " : " + first.label +
                                  ".\nPièce fournie : " + first.pieces.front() + ".\n",
                              in.prerequisites[first.id].justification);
    }
    in.amount_requested = amount;
    return in;
  };

  // The demo GHTs, by id.
  std::vector<registry::Ght> ghts;
  for (const auto& g : registry.ghts(Scope::nation()))
    if (g.is_demo) ghts.push_back(g);
  std::sort(ghts.begin(), ghts.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  const Call& d1 = *data.call("care-d1");
  const Call& d2 = *data.call("care-d2");
  const Call& hc = *data.call("hospiconnect");
  for (std::size_t i = 0; i < ghts.size(); ++i) {
    const auto& g = ghts[i];
    if (!repo.list(Scope::ght(g.id)).empty()) continue;
    registry::EstablishmentFilter f;
    f.ght_id = g.id;
    f.per_page = 200;
    auto members = registry.list(Scope::nation(), f).items;
    if (members.empty()) continue;
    std::sort(members.begin(), members.end(),
              [](const auto& a, const auto& b) { return a.finess_et < b.finess_et; });
    const auto filer = members.front().id;
    const auto region = members.front().region_code;
    const int stage = static_cast<int>(i % 3);

    // Domain 2, at one of three stages.
    if (by("2025-09-15")) {
      auto k = repo.file(editor(filer), members.front().finess_et,
                         input(d2, true, members, "450 000 €"), on("2025-09-15"));
      ++seeded;
      if (stage != 2 && by("2025-11-10"))
        k = repo.ars_decide(ars(region), k.id, true, "Dossier complet.", on("2025-11-10"));
      const char* declared_on = stage == 0 ? "2026-02-10" : "2026-02-20";
      if (stage != 2 && by(declared_on))
        k = repo.declare(editor(filer), k.id, demo_detail::all_reached(d2),
                         proofs.compute(k, on(declared_on)), on(declared_on));
      if (stage == 0 && by("2026-03-16")) {
        std::map<std::string, std::pair<std::string, std::string>> verdicts;
        for (const auto& o : d2.objectives) verdicts[o.id] = {"accepted", ""};
        k = repo.verify(ars(region), k.id, verdicts, on("2026-03-16"));
      }
      if (stage == 0 && by("2026-05-04"))
        k = repo.decide(national, k.id, "400 000 €", on("2026-05-04"));
      if (stage == 0 && by("2026-06-15"))
        k = repo.pay(national, k.id, on("2026-06-15"), "400 000 €", on("2026-06-15"));
    }
    // Domain 1 for the first, in national instruction (a request answered).
    if (stage == 0 && by("2024-03-25")) {
      auto k = repo.file(editor(filer), members.front().finess_et,
                         input(d1, true, members, "600 000 €"), on("2024-03-25"));
      ++seeded;
      if (by("2024-05-15"))
        k = repo.ars_decide(ars(region), k.id, true, "Dossier complet.", on("2024-05-15"));
      if (by("2025-06-20"))
        k = repo.declare(editor(filer), k.id, demo_detail::all_reached(d1),
                         proofs.compute(k, on("2025-06-20")), on("2025-06-20"));
      if (by("2025-09-15")) {
        std::map<std::string, std::pair<std::string, std::string>> verdicts;
        for (const auto& o : d1.objectives) verdicts[o.id] = {"accepted", ""};
        k = repo.verify(ars(region), k.id, verdicts, on("2025-09-15"));
      }
      if (by("2025-10-01"))
        k = repo.national_request(national, k.id,
                                  "Joignez le rapport ADS complet de l'annuaire principal.",
                                  on("2025-10-01"));
      if (by("2025-10-06"))
        repo.answer(editor(filer), k.id, "Rapport ADS joint au dossier de l'établissement.",
                    on("2025-10-06"));
    }
    // HospiConnect for the second, waiting for its ARS.
    if (stage == 1 && by("2026-02-02")) {
      repo.file(editor(filer), members.front().finess_et, input(hc, true, members, "120 000 €"),
                on("2026-02-02"));
      ++seeded;
    }
  }

  // Eligible demo establishments outside a GHT: a domain-2 candidature refused by the ARS, but
  // for the second one, granted and partly paid (a first instalment of 50 000 € of 80 000 €).
  registry::EstablishmentFilter f;
  f.per_page = 200;
  int outside = 0;
  for (const auto& e : registry.list(Scope::nation(), f).items) {
    if (!e.is_demo || e.ght_id || data.kind_of_type(e.type).empty()) continue;
    const bool granted = ++outside == 2;
    if (!repo.list(Scope::establishment(e.id)).empty() || !by("2025-09-20")) continue;
    auto k =
        repo.file(editor(e.id), e.finess_et, input(d2, false, {}, "90 000 €"), on("2025-09-20"));
    ++seeded;
    if (granted) {
      if (by("2025-11-12"))
        k = repo.ars_decide(ars(e.region_code), k.id, true, "Dossier complet.", on("2025-11-12"));
      if (by("2026-02-12"))
        k = repo.declare(editor(e.id), k.id, demo_detail::all_reached(d2),
                         proofs.compute(k, on("2026-02-12")), on("2026-02-12"));
      if (by("2026-03-18")) {
        std::map<std::string, std::pair<std::string, std::string>> verdicts;
        for (const auto& o : d2.objectives) verdicts[o.id] = {"accepted", ""};
        k = repo.verify(ars(e.region_code), k.id, verdicts, on("2026-03-18"));
      }
      if (by("2026-05-06")) k = repo.decide(national, k.id, "80 000 €", on("2026-05-06"));
      if (by("2026-06-17"))
        repo.pay(national, k.id, on("2026-06-17"), "50 000 €", on("2026-06-17"));
      continue;
    }
    if (by("2025-11-12"))
      repo.ars_decide(ars(e.region_code), k.id, false,
                      "Le prérequis D2.P1 n'est pas établi : la PSSI fournie n'est pas signée par "
                      "le représentant légal.",
                      on("2025-11-12"));
  }
  return seeded;
}

}  // namespace carepilot::funding
