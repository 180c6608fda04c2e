#include "funding/demo.hpp"

#include <algorithm>

#include "common/french.hpp"

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

// The declaration the records allow on its day: a declarative objective reached with its
// written justification (the first one with a joined file too); a computed objective reached
// when carepilot's records of that day meet it, citing the records it proposes, and left not
// reached otherwise (never « reached » against a frozen « Non atteint »).
std::map<std::string, ObjectiveDeclarationInput> as_the_records_say(const Call& call,
                                                                    const RuleResults& computed,
                                                                    const Proposals& proposed,
                                                                    const Date& day) {
  std::map<std::string, ObjectiveDeclarationInput> out;
  bool joined_one = false;
  for (const auto& o : call.objectives) {
    auto& in = out[o.id];
    if (o.rule.empty()) {
      in.reached = true;
      // Only a declaration joining a file says it is joined (issue 18 trial: « Pièces jointes
      // au dossier : Plan blanc » with no file); the others say where the piece is held.
      in.proof.justification =
          "Pièce tenue par l'établissement, présentée à l'ARS sur demande : " + o.pieces.front() +
          ".";
      if (!joined_one) {
        joined_one = true;
        const std::string name = "preuve-" + o.id + ".txt";
        in.proof = joined(
            name,
            "Objectif " + o.id + " : " + o.label + ".\nPièce fournie : " + o.pieces.front() + ".\n",
            "Pièce jointe au dossier (" + name + ") : " + o.pieces.front() + ".");
      }
      continue;
    }
    auto it = computed.find(o.id);
    if (it == computed.end() || it->second.verdict != Verdict::met) continue;
    in.reached = true;
    if (auto p = proposed.find(o.id); p != proposed.end())
      for (const auto& item : p->second)
        if (item.evidence_id) in.proof.evidence_ids.push_back(*item.evidence_id);
    in.proof.justification =
        "Atteint selon les relevés de carepilot au " + french_date_text(format_date(day)) + ".";
  }
  return out;
}

// The ARS's verdict on each objective declared reached of the last declaration.
std::map<std::string, std::pair<std::string, std::string>> accept_all(const Candidature& k) {
  std::map<std::string, std::pair<std::string, std::string>> verdicts;
  for (const auto& o : k.declarations.back().dossier["objectives"])
    if (o.value("reached", false)) verdicts[o["id"].get<std::string>()] = {"accepted", ""};
  return verdicts;
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

  // The declaration on `iso`, as the records of that day allow (demo_detail::as_the_records_say).
  auto declare = [&](std::int64_t by_est, const Candidature& k, const Call& call, const char* iso) {
    const Date day = on(iso);
    const auto computed = proofs.compute(k, day);
    const auto proposed = proofs.propose(k, computed, day);
    return repo.declare(editor(by_est), k.id,
                        demo_detail::as_the_records_say(call, computed, proposed, day), computed,
                        day);
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
      // Declared once the continuity register held its validated BIAs (May and June 2026).
      const char* declared_on = stage == 0 ? "2026-06-30" : "2026-07-06";
      if (stage != 2 && by(declared_on)) k = declare(filer, k, d2, declared_on);
      if (stage == 0 && by("2026-07-21"))
        k = repo.verify(ars(region), k.id, demo_detail::accept_all(k), on("2026-07-21"));
      if (stage == 0 && by("2026-09-15"))
        k = repo.decide(national, k.id, "400 000 €", on("2026-09-15"));
      if (stage == 0 && by("2026-10-15"))
        k = repo.pay(national, k.id, on("2026-10-15"), "400 000 €", on("2026-10-15"));
    }
    // Domain 1 for the first, in national instruction (a request answered).
    if (stage == 0 && by("2024-03-25")) {
      auto k = repo.file(editor(filer), members.front().finess_et,
                         input(d1, true, members, "600 000 €"), on("2024-03-25"));
      ++seeded;
      if (by("2024-05-15"))
        k = repo.ars_decide(ars(region), k.id, true, "Dossier complet.", on("2024-05-15"));
      if (by("2025-06-20")) k = declare(filer, k, d1, "2025-06-20");
      if (by("2025-09-15"))
        k = repo.verify(ars(region), k.id, demo_detail::accept_all(k), on("2025-09-15"));
      // The records of 20 June 2025 held no AD audit: D1.O1.A was not declared reached, so
      // the national instruction asks when it will be.
      if (by("2025-10-01"))
        k = repo.national_request(national, k.id,
                                  "L'audit de l'annuaire Active Directory (D1.O1.A, obligatoire) "
                                  "n'est pas déclaré atteint : indiquez la date prévue de l'audit "
                                  "et le prestataire retenu.",
                                  on("2025-10-01"));
      if (by("2025-10-06"))
        repo.answer(editor(filer), k.id,
                    "Audit ADS de l'annuaire principal commandé à un prestataire qualifié PASSI, "
                    "prévu au premier trimestre 2026 ; le rapport sera déposé dans carepilot.",
                    on("2025-10-06"));
    }
    // Domain 1 for the second, validated but never declared: its declaration window closed on
    // 30 June 2025, so a declaration now needs the national level's exception (the late path).
    if (stage == 1 && by("2024-04-02")) {
      auto k = repo.file(editor(filer), members.front().finess_et,
                         input(d1, true, members, "380 000 €"), on("2024-04-02"));
      ++seeded;
      if (by("2024-05-16"))
        repo.ars_decide(ars(region), k.id, true, "Dossier complet.", on("2024-05-16"));
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
      if (by("2026-07-02")) k = declare(e.id, k, d2, "2026-07-02");
      if (by("2026-07-22"))
        k = repo.verify(ars(e.region_code), k.id, demo_detail::accept_all(k), on("2026-07-22"));
      if (by("2026-09-16")) k = repo.decide(national, k.id, "80 000 €", on("2026-09-16"));
      if (by("2026-10-16"))
        repo.pay(national, k.id, on("2026-10-16"), "50 000 €", on("2026-10-16"));
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
