// The candidatures' workflow (issue 18), on both backends: a GHT candidature walked from the
// candidature to the payment, every transition dated, attributed and in the audit trail; the
// refusals (outside the window, ineligible, over the ceiling, a GHT missing an establishment, a
// prerequisite or an objective without proof, a second candidature, an ARS of another region,
// a late declaration without national exception) store nothing; every role is allowed or
// refused each transition.
#include <gtest/gtest.h>

#include <functional>

#include "funding/data.hpp"
#include "funding/repository.hpp"
#include "module_fixture.hpp"
#include "registry/catalog.hpp"
#include "sample_files.hpp"
#include "store/audit_log.hpp"
#include "test_db.hpp"

using namespace carepilot;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using funding::Caller;
using funding::Candidature;
using funding::CandidatureInput;
using funding::ObjectiveDeclarationInput;
using funding::ProofInput;

namespace {

class FundingWorkflow : public ::testing::TestWithParam<const char*> {
 protected:
  FundingWorkflow()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        repo_(db_.db(), registry_, funding::embedded_data()) {
    registry_.seed_regions();
    ght_ =
        registry_.create_ght(Scope::nation(), {0, "GHT-F75", "GHT Paris Funding", "11", false}).id;
    a_ = add("750100109", "CH Alpha", "ch", ght_);
    b_ = add("750100117", "CH Bêta", "ch", ght_);
    c_ = add("750100125", "CH Gamma", "ch", std::nullopt);
    espic_ = add("750100133", "Hôpital Delta", "espic", std::nullopt);
    ehpad_ = add("750100158", "EHPAD Epsilon", "ehpad", std::nullopt);
    lyon_ = add("690100102", "CH Lyon", "ch", std::nullopt);
  }
  std::int64_t add(const char* finess, const char* name, const char* type,
                   std::optional<std::int64_t> ght) {
    auto in = carepilot::testing::module_establishment(finess, name);
    in.type = type;
    in.ght_id = ght;
    if (std::string(finess).rfind("69", 0) == 0) in.department = "69";
    return registry_.create(Scope::nation(), in).id;
  }
  static Caller as(Role r, Scope s, const char* who) {
    return {r, std::move(s), {who, "", "", ""}};
  }
  Caller editor(std::int64_t est) {
    return as(Role::establishment_editor, Scope::establishment(est), "editeur@test.fr");
  }
  Caller ars(const char* region = "11") {
    return as(Role::regional_manager, Scope::region(region), "ars@test.fr");
  }
  Caller national() { return as(Role::national_admin, Scope::nation(), "cnp@test.fr"); }

  // A domain-1 candidature of the public establishment outside a GHT (C).
  CandidatureInput d1_input() {
    CandidatureInput in;
    in.call_id = "care-d1";
    in.contacts = {"DSI"};
    in.prerequisites["D1.P1"].justification = "Inscrit au Club SSI.";
    in.amount_requested = "80 000";
    return in;
  }
  CandidatureInput ght_input() {
    CandidatureInput in;
    in.call_id = "care-d2";
    in.as_ght = true;
    in.establishments = {"750100109", "750100117"};
    in.contacts = {"Marie Dupont, RSSI, marie.dupont@ght.fr"};
    in.prerequisites["D2.P1"].justification = "PSSI signée le 12/03/2024.";
    in.prerequisites["D2.P2"].file_name = "organisation.pdf";
    in.prerequisites["D2.P2"].file_bytes = carepilot::testing::sample_pdf("Organisation PCRA");
    in.amount_requested = "300 000 €";
    return in;
  }
  std::int64_t evidence_of(std::int64_t est) {
    auto s = db_.db().lease();
    long long e = est;
    *s << "INSERT INTO evidence (establishment_id, type, date, payload, created_at, created_by) "
          "VALUES (:e, 'continuity_plan', '2026-01-05', '{\"plan\":1}', '2026-01-05T10:00:00Z', "
          "'x')",
        soci::use(e);
    long long id = 0;
    *s << "SELECT MAX(id) FROM evidence", soci::into(id);
    return id;
  }
  // The code of the UserError `f` throws ("" when none).
  static std::string refused(const std::function<void()>& f, int* status = nullptr) {
    try {
      f();
    } catch (const UserError& e) {
      if (status) *status = e.status();
      return e.code();
    }
    return "";
  }
  int audit_rows() { return count_rows(db_.db(), "audit_log"); }

  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  funding::Repository repo_;
  std::int64_t ght_ = 0, a_ = 0, b_ = 0, c_ = 0, espic_ = 0, ehpad_ = 0, lyon_ = 0;
};

TEST_P(FundingWorkflow, AGhtCandidatureFromFilingToPayment) {
  const int audits = audit_rows();
  auto k = repo_.file(editor(a_), "750100109", ght_input(), day("2025-09-10"));
  EXPECT_EQ(k.state, "filed");
  EXPECT_EQ(k.candidate_kind, "ght");
  EXPECT_EQ(k.region_code, "11");
  EXPECT_EQ(k.amount_requested_cents, 300000 * 100);
  EXPECT_EQ(k.establishments.size(), 2u);
  EXPECT_EQ(k.prerequisites["D2.P2"]["file"]["name"], "organisation.pdf");
  EXPECT_EQ(k.prerequisites["D2.P1"]["justification"], "PSSI signée le 12/03/2024.");

  k = repo_.ars_decide(ars(), k.id, true, "", day("2025-11-05"));
  EXPECT_EQ(k.state, "operational");

  // Declared by an editor of the other establishment of the GHT.
  const auto ev = evidence_of(a_);
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D2.O1.C"].reached = true;
  objectives["D2.O1.C"].proof.evidence_ids = {ev};
  objectives["D2.O2.A"].reached = true;
  objectives["D2.O2.A"].proof.justification = "Politique validée en directoire le 02/12/2025.";
  funding::RuleResults computed;
  computed["D2.O1.C"] = {"bia_coverage", funding::Verdict::met, "Activité couverte : 70 %.", {}};
  k = repo_.declare(editor(b_), k.id, objectives, computed, day("2026-02-01"));
  EXPECT_EQ(k.state, "declared");
  ASSERT_EQ(k.declarations.size(), 1u);
  const auto& d = k.declarations.front();
  EXPECT_EQ(d.sha256, store::sha256_hex(d.dossier.dump())) << "the digest is the frozen text's";
  EXPECT_FALSE(d.late);
  bool seen_c = false;
  for (const auto& o : d.dossier["objectives"])
    if (o["id"] == "D2.O1.C") {
      seen_c = true;
      EXPECT_EQ(o["computed"]["verdict"], "met");
      EXPECT_EQ(o["computed"]["words"], "Activité couverte : 70 %.");
      EXPECT_EQ(o["evidence_ids"], nlohmann::json::array({ev}));
      EXPECT_EQ(o["evidence"][0]["type"], "continuity_plan");
    }
  EXPECT_TRUE(seen_c);

  // The ARS asks for more on one objective; the candidate declares it again; the ARS accepts.
  k = repo_.verify(ars(), k.id,
                   {{"D2.O1.C", {"accepted", ""}},
                    {"D2.O2.A", {"more_requested", "Joignez la délibération du directoire."}}},
                   day("2026-03-01"));
  EXPECT_EQ(k.state, "more_requested");
  std::map<std::string, ObjectiveDeclarationInput> again;
  again["D2.O2.A"].reached = true;
  again["D2.O2.A"].proof.file_name = "deliberation.pdf";
  again["D2.O2.A"].proof.file_bytes = carepilot::testing::sample_pdf("Délibération");
  k = repo_.declare(editor(a_), k.id, again, {}, day("2026-03-10"));
  EXPECT_EQ(k.state, "declared");
  ASSERT_EQ(k.declarations.size(), 2u);
  k = repo_.verify(ars(), k.id, {{"D2.O2.A", {"accepted", ""}}}, day("2026-03-20"));
  EXPECT_EQ(k.state, "verified");
  EXPECT_EQ(k.events.back().text, "Vérification terminée — accepté D2.O2.A.");

  // National instruction: a request, the answer, the decision, the payment.
  k = repo_.national_request(national(), k.id, "Précisez le périmètre du PCA testé.",
                             day("2026-04-01"));
  k = repo_.answer(editor(a_), k.id, "Le PCA des urgences, testé le 15/01/2026.",
                   day("2026-04-03"));
  k = repo_.decide(national(), k.id, "250 000 €", day("2026-05-01"));
  EXPECT_EQ(k.state, "decided");
  EXPECT_EQ(*k.amount_granted_cents, 250000 * 100);
  k = repo_.pay(national(), k.id, day("2026-06-01"), "250 000", day("2026-06-02"));
  EXPECT_EQ(k.state, "paid");
  EXPECT_EQ(*k.amount_paid_cents, 250000 * 100);
  EXPECT_EQ(k.paid_on, "2026-06-01");

  std::vector<std::string> kinds;
  for (const auto& e : k.events) {
    kinds.push_back(e.kind);
    EXPECT_FALSE(e.at.empty());
    EXPECT_FALSE(e.by.empty());
    EXPECT_FALSE(e.on_day.empty());
  }
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"filed", "validated", "declared", "verified", "declared",
                                      "verified", "request", "answer", "decided", "paid"}));
  EXPECT_EQ(k.events[1].by, "ars@test.fr");
  EXPECT_EQ(k.events[1].on_day, "2025-11-05");
  EXPECT_EQ(audit_rows() - audits, 10) << "one audit entry per transition";
  {
    // The journal reads French: the act and the states by their labels.
    auto s = db_.db().lease();
    std::string summary;
    *s << "SELECT summary FROM audit_log ORDER BY seq DESC LIMIT 1", soci::into(summary);
    EXPECT_EQ(summary,
              "Candidature D2 n° " + std::to_string(k.id) + " : paiement (Décidée → Payée)");
  }
}

TEST_P(FundingWorkflow, RefusedCandidaturesStoreNothing) {
  int status = 0;
  // Outside the window (2 Sept – 31 Oct 2025), on both sides.
  EXPECT_EQ(refused([&] { repo_.file(editor(a_), "750100109", ght_input(), day("2025-09-01")); }),
            "funding.outside_window");
  EXPECT_EQ(refused([&] { repo_.file(editor(a_), "750100109", ght_input(), day("2025-11-01")); }),
            "funding.outside_window");
  // A GHT missing one of its establishments.
  auto missing = ght_input();
  missing.establishments = {"750100109"};
  EXPECT_EQ(refused([&] { repo_.file(editor(a_), "750100109", missing, day("2025-09-10")); }),
            "funding.ght_incomplete");
  // Ineligible: a GHT's establishment alone; an EHPAD; a GHT candidature from outside a GHT.
  auto alone = ght_input();
  alone.as_ght = false;
  alone.establishments = {"750100109"};
  EXPECT_EQ(refused([&] { repo_.file(editor(a_), "750100109", alone, day("2025-09-10")); }),
            "funding.ineligible");
  auto ehpad = alone;
  ehpad.establishments = {"750100158"};
  EXPECT_EQ(refused([&] { repo_.file(editor(ehpad_), "750100158", ehpad, day("2025-09-10")); }),
            "funding.ineligible");
  EXPECT_EQ(refused([&] { repo_.file(editor(c_), "750100125", ght_input(), day("2025-09-10")); }),
            "funding.ineligible");
  // Over the envelope (domain 2 has no ceiling per candidature: its 45 M€ envelope bounds a
  // request), by one cent.
  auto over = ght_input();
  over.amount_requested = "45 000 000,01 €";
  EXPECT_EQ(refused([&] { repo_.file(editor(a_), "750100109", over, day("2025-09-10")); }),
            "funding.amount_over_envelope");
  // A prerequisite without proof nor justification.
  auto bare = ght_input();
  bare.prerequisites["D2.P1"] = {};
  EXPECT_EQ(refused([&] { repo_.file(editor(a_), "750100109", bare, day("2025-09-10")); }),
            "funding.proof_required");
  // Not a candidate: readers, the ARS, national staff.
  EXPECT_EQ(refused(
                [&] {
                  repo_.file(as(Role::establishment_reader, Scope::establishment(a_), "r@test.fr"),
                             "750100109", ght_input(), day("2025-09-10"));
                },
                &status),
            "funding.not_candidate");
  EXPECT_EQ(status, 403);
  EXPECT_EQ(refused([&] { repo_.file(ars(), "750100109", ght_input(), day("2025-09-10")); }),
            "funding.not_candidate");
  EXPECT_EQ(refused([&] {
              repo_.file(as(Role::national_reader, Scope::nation(), "lecteur@test.fr"), "750100109",
                         ght_input(), day("2025-09-10"));
            }),
            "funding.not_candidate");
  // An editor files only for an establishment of its scope.
  EXPECT_EQ(refused([&] { repo_.file(editor(a_), "750100125", ght_input(), day("2025-09-10")); }),
            "not_found");
  EXPECT_EQ(count_rows(db_.db(), "funding_candidatures"), 0);
  EXPECT_EQ(count_rows(db_.db(), "funding_files"), 0);
  EXPECT_EQ(count_rows(db_.db(), "funding_events"), 0);

  // Accepted once; a second candidature of the same GHT (from its other establishment) is
  // refused; an ESPIC and a public establishment outside a GHT file their own.
  repo_.file(editor(a_), "750100109", ght_input(), day("2025-10-31"));
  EXPECT_EQ(refused([&] { repo_.file(editor(b_), "750100117", ght_input(), day("2025-09-10")); },
                    &status),
            "funding.already_filed");
  EXPECT_EQ(status, 409);
  auto own = alone;
  own.establishments = {};
  repo_.file(editor(espic_), "750100133", own, day("2025-09-10"));
  repo_.file(editor(c_), "750100125", own, day("2025-09-10"));
  EXPECT_EQ(count_rows(db_.db(), "funding_candidatures"), 3);
  EXPECT_EQ(count_rows(db_.db(), "funding_files"), 3);
}

// Trial of issue 18: HospiConnect (neither a ceiling nor an envelope) accepted
// 999 999 999 999 999 €. The plausibility ceiling of data/funding/calls.yaml bounds it: the
// ceiling itself accepted, one cent more refused naming « Montant demandé », nothing stored.
TEST_P(FundingWorkflow, WithoutCeilingNorEnvelopeThePlausibilityCeilingBounds) {
  const auto& data = funding::embedded_data();
  const funding::Call* hc = data.call("hospiconnect");
  ASSERT_NE(hc, nullptr);
  ASSERT_FALSE(hc->ceiling_cents);
  ASSERT_FALSE(hc->envelope_cents);
  ASSERT_EQ(data.plausibility_ceiling_cents, 1000000000LL);
  EXPECT_FALSE(data.plausibility_source.empty());
  auto in = ght_input();
  in.call_id = "hospiconnect";
  in.prerequisites.clear();
  for (const auto& p : hc->prerequisites) in.prerequisites[p.id].justification = "Fait.";
  for (const std::string typed : {"999 999 999 999 999 €", "10 000 000,01 €"}) {
    in.amount_requested = typed;
    try {
      repo_.file(editor(a_), "750100109", in, day("2026-02-10"));
      ADD_FAILURE() << typed << " accepted";
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), 422);
      EXPECT_EQ(e.code(), "funding.amount_implausible") << e.what();
      ASSERT_EQ(e.fields().size(), 1u);
      EXPECT_EQ(e.fields()[0].field, "amount_requested");
      EXPECT_EQ(e.fields()[0].message.rfind("Montant demandé : ", 0), 0u);
      EXPECT_NE(
          e.fields()[0].message.find("plafond de vraisemblance de 10\u00a0000\u00a0000\u00a0€"),
          std::string::npos)
          << e.fields()[0].message;
    }
  }
  EXPECT_EQ(count_rows(db_.db(), "funding_candidatures"), 0);
  in.amount_requested = "10 000 000 €";
  const auto k = repo_.file(editor(a_), "750100109", in, day("2026-02-10"));
  EXPECT_EQ(k.state, "filed");
  // A payment long before any decision: the decision comes first (not « la candidature est
  // déposée »).
  try {
    repo_.pay(national(), k.id, day("2026-02-10"), "1 000", day("2026-02-10"));
    ADD_FAILURE() << "a payment before the decision";
  } catch (const UserError& e) {
    EXPECT_EQ(std::string(e.what()),
              "Paiement : la décision de financement doit être enregistrée avant tout paiement.");
  }
}

// Trial of issue 18: a call without a ceiling per candidature (domain 2: « unknown », its
// source saying none is given) still bounds a request by its envelope: 45 000 000 € is
// accepted, one cent more refused naming « Montant demandé », nothing stored. A call with a
// ceiling keeps its own bound.
TEST_P(FundingWorkflow, WithoutACeilingTheEnvelopeBoundsTheRequest) {
  const funding::Call* d2 = funding::embedded_data().call("care-d2");
  ASSERT_NE(d2, nullptr);
  ASSERT_FALSE(d2->ceiling_cents);
  ASSERT_EQ(d2->envelope_cents, std::optional<std::int64_t>(4500000000LL));
  auto over = ght_input();
  over.amount_requested = "45 000 000,01 €";
  try {
    repo_.file(editor(a_), "750100109", over, day("2025-09-10"));
    ADD_FAILURE() << "an amount over the envelope was accepted";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.code(), "funding.amount_over_envelope");
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].field, "amount_requested");
    EXPECT_EQ(e.fields()[0].message.rfind("Montant demandé : 45\u00a0000\u00a0000,01\u00a0€", 0),
              0u)
        << e.fields()[0].message;
    EXPECT_NE(e.fields()[0].message.find("dépasse l'enveloppe de 45"), std::string::npos)
        << e.fields()[0].message;
  }
  EXPECT_EQ(count_rows(db_.db(), "funding_candidatures"), 0);
  EXPECT_EQ(count_rows(db_.db(), "funding_events"), 0);
  auto at = ght_input();
  at.amount_requested = "45 000 000 €";
  const auto k = repo_.file(editor(a_), "750100109", at, day("2025-09-10"));
  EXPECT_EQ(k.amount_requested_cents, 4500000000LL);
  // A call with a ceiling below its envelope: the ceiling bounds, not the envelope.
  funding::Data capped = funding::embedded_data();
  for (auto& c : capped.calls)
    if (c.id == "care-d1") c.ceiling_cents = 100000000;  // 1 M€
  funding::Repository repo(db_.db(), registry_, capped);
  auto d1 = d1_input();
  d1.amount_requested = "1 000 000,01 €";
  EXPECT_EQ(refused([&] { repo.file(editor(c_), "750100125", d1, day("2024-04-01")); }),
            "funding.amount_over_ceiling");
  d1.amount_requested = "1 000 000 €";
  EXPECT_EQ(repo.file(editor(c_), "750100125", d1, day("2024-04-01")).amount_requested_cents,
            100000000);
}

// Every role against every transition of a candidature in the state that transition needs.
// Trial of issue 18: the filing forms named one refusal at a time. The candidature and the
// declaration name every refused field at once, in the form's order, the first one's code as the
// error's; nothing is stored.
TEST_P(FundingWorkflow, EveryRefusedFieldIsNamedAtOnce) {
  auto fields_of = [](const std::function<void()>& f) {
    std::vector<std::pair<std::string, std::string>> out;
    try {
      f();
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), 422);
      if (!e.fields().empty()) {
        EXPECT_EQ(e.code(), e.fields().front().code);
      }
      for (const auto& x : e.fields()) out.push_back({x.field, x.code});
    }
    return out;
  };
  using Fields = std::vector<std::pair<std::string, std::string>>;
  // Four faults: a GHT establishment left out, no contact, a prerequisite without proof, an
  // amount over the envelope (no ceiling); and a prerequisite file of a refused type.
  auto bad = ght_input();
  bad.establishments = {"750100109"};
  bad.contacts = {" "};
  bad.prerequisites["D2.P1"] = {};
  bad.prerequisites["D2.P2"].file_name = "outil.exe";
  bad.prerequisites["D2.P2"].file_bytes = "MZ\x90";
  bad.amount_requested = "45 000 001 €";
  EXPECT_EQ(fields_of([&] { repo_.file(editor(a_), "750100109", bad, day("2025-09-10")); }),
            (Fields{{"establishments", "funding.ght_incomplete"},
                    {"contacts", "funding.contact_required"},
                    {"prerequisites.D2.P1", "funding.proof_required"},
                    {"prerequisites.D2.P2", "funding.attachment_type"},
                    {"amount_requested", "funding.amount_over_envelope"}}));
  // Outside the window too, first; an amount that is none.
  bad.amount_requested = "beaucoup";
  auto late = fields_of([&] { repo_.file(editor(a_), "750100109", bad, day("2025-11-01")); });
  ASSERT_EQ(late.size(), 6u);
  EXPECT_EQ(late.front(), (std::pair<std::string, std::string>{"call", "funding.outside_window"}));
  EXPECT_EQ(late.back(),
            (std::pair<std::string, std::string>{"amount_requested", "funding.amount_invalid"}));
  // 0 € is an amount, but none to request: said so (issue 18 trial), not « un montant attendu ».
  for (const auto& [typed, words] : std::vector<std::pair<std::string, std::string>>{
           {"0 €", "Montant demandé : le montant doit être positif, supérieur à 0 €."},
           {"-5 000 €", "Montant demandé : le montant doit être positif, supérieur à 0 €."},
           {"beaucoup",
            "Montant demandé : un montant en euros est attendu (par exemple 200 000 €)."}}) {
    auto zero = ght_input();
    zero.amount_requested = typed;
    try {
      repo_.file(editor(a_), "750100109", zero, day("2025-09-10"));
      ADD_FAILURE() << typed;
    } catch (const UserError& e) {
      ASSERT_EQ(e.fields().size(), 1u) << typed;
      EXPECT_EQ(e.fields()[0].code, "funding.amount_invalid");
      EXPECT_EQ(e.fields()[0].message, words);
    }
  }
  // The other side: one fault alone is named alone.
  auto one = ght_input();
  one.contacts = {};
  EXPECT_EQ(fields_of([&] { repo_.file(editor(a_), "750100109", one, day("2025-09-10")); }),
            (Fields{{"contacts", "funding.contact_required"}}));
  EXPECT_EQ(count_rows(db_.db(), "funding_candidatures"), 0);
  EXPECT_EQ(count_rows(db_.db(), "funding_files"), 0);
  EXPECT_EQ(count_rows(db_.db(), "funding_events"), 0);

  // The declaration: two objectives reached without proof, a file of a refused type on a third,
  // another establishment's evidence on a fourth.
  auto k = repo_.file(editor(a_), "750100109", ght_input(), day("2025-09-10"));
  k = repo_.ars_decide(ars(), k.id, true, "", day("2025-11-05"));
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D2.O1.A"].reached = true;
  objectives["D2.O1.B"].reached = true;
  objectives["D2.O2.A"].reached = true;
  objectives["D2.O2.A"].proof.justification = "Politique validée.";
  objectives["D2.O2.A"].proof.file_name = "outil.exe";
  objectives["D2.O2.A"].proof.file_bytes = "MZ\x90";
  objectives["D2.O1.C"].reached = true;
  objectives["D2.O1.C"].proof.evidence_ids = {evidence_of(c_)};
  EXPECT_EQ(fields_of([&] { repo_.declare(editor(a_), k.id, objectives, {}, day("2026-02-01")); }),
            (Fields{{"objectives.D2.O1.A", "funding.proof_required"},
                    {"objectives.D2.O1.B", "funding.proof_required"},
                    {"objectives.D2.O1.C", "funding.evidence_unknown"},
                    {"objectives.D2.O2.A.file", "funding.attachment_type"}}));
  EXPECT_EQ(count_rows(db_.db(), "funding_declarations"), 0);
  EXPECT_EQ(count_rows(db_.db(), "funding_files"), 1) << "the candidature's prerequisite file only";
  // Corrected: declared.
  objectives.erase("D2.O1.B");
  objectives["D2.O1.A"].proof.justification = "Schéma adopté.";
  objectives["D2.O2.A"].proof.file_name.clear();
  objectives["D2.O2.A"].proof.file_bytes.clear();
  objectives["D2.O1.C"].proof.evidence_ids = {evidence_of(a_)};
  EXPECT_EQ(repo_.declare(editor(a_), k.id, objectives, {}, day("2026-02-01")).state, "declared");
}

TEST_P(FundingWorkflow, WhoMayActAtEachStep) {
  auto k = repo_.file(editor(a_), "750100109", ght_input(), day("2025-09-10"));
  const std::vector<Caller> everyone{
      as(Role::establishment_reader, Scope::establishment(a_), "lecteur@test.fr"),
      editor(c_),  // an editor outside the GHT
      as(Role::ght_reader, Scope::ght(ght_), "ght@test.fr"),
      as(Role::regional_reader, Scope::region("11"), "ars-lecteur@test.fr"),
      ars("84"),  // the ARS of another region
      as(Role::national_reader, Scope::nation(), "cnp-lecteur@test.fr"),
      national(),
      editor(a_),
      ars("11"),
  };
  int status = 0;
  // ARS validation: only the regional manager of region 11.
  for (std::size_t i = 0; i + 1 < everyone.size(); ++i) {
    if (everyone[i].role == Role::national_admin) continue;  // may act for any ARS
    auto code =
        refused([&] { repo_.ars_decide(everyone[i], k.id, true, "", day("2025-11-05")); }, &status);
    EXPECT_FALSE(code.empty()) << i;
    EXPECT_TRUE(status == 403 || status == 404) << i << " " << code;
  }
  EXPECT_EQ(
      refused([&] { repo_.ars_decide(ars("84"), k.id, true, "", day("2025-11-05")); }, &status),
      "not_found");
  EXPECT_EQ(status, 404);
  // A refusal needs its reason.
  EXPECT_EQ(refused([&] { repo_.ars_decide(ars(), k.id, false, " ", day("2025-11-05")); }),
            "funding.reason_required");
  k = repo_.ars_decide(ars(), k.id, true, "Dossier complet.", day("2025-11-05"));

  // Declaration: the candidate's editors only (both establishments of the GHT).
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D2.O1.A"].reached = true;
  objectives["D2.O1.A"].proof.justification = "Schéma adopté.";
  for (const auto& c : everyone) {
    if (c.role == Role::establishment_editor && c.scope.establishment_id == a_) continue;
    if (c.role == Role::national_admin) continue;  // may act for the candidate
    auto code =
        refused([&] { repo_.declare(c, k.id, objectives, {}, day("2026-02-01")); }, &status);
    EXPECT_TRUE(status == 403 || status == 404) << c.actor.user << " " << code;
  }
  // Before the declarations open (16 Jan 2026), and an objective reached without any proof.
  EXPECT_EQ(refused([&] { repo_.declare(editor(a_), k.id, objectives, {}, day("2026-01-15")); }),
            "funding.declaration_not_open");
  auto bare = objectives;
  bare["D2.O1.A"].proof = {};
  EXPECT_EQ(refused([&] { repo_.declare(editor(a_), k.id, bare, {}, day("2026-02-01")); }),
            "funding.proof_required");
  // Evidence of an establishment outside the candidature.
  auto foreign = objectives;
  foreign["D2.O1.A"].proof.evidence_ids = {evidence_of(c_)};
  EXPECT_EQ(refused([&] { repo_.declare(editor(a_), k.id, foreign, {}, day("2026-02-01")); }),
            "funding.evidence_unknown");
  EXPECT_EQ(count_rows(db_.db(), "funding_declarations"), 0);
  k = repo_.declare(editor(b_), k.id, objectives, {}, day("2026-02-01"));

  // Verification: the ARS of the region only; the ARS of another region is told it is not its.
  const std::map<std::string, std::pair<std::string, std::string>> ok{
      {"D2.O1.A", {"accepted", ""}}};
  for (const auto& c : everyone) {
    if (c.role == Role::regional_manager && c.scope.region_code == "11") continue;
    if (c.role == Role::national_admin) continue;  // may act for any ARS
    auto code = refused([&] { repo_.verify(c, k.id, ok, day("2026-03-01")); }, &status);
    EXPECT_TRUE(status == 403 || status == 404) << c.actor.user << " " << code;
  }
  try {
    repo_.verify(ars("84"), k.id, ok, day("2026-03-01"));
    ADD_FAILURE();
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("autre région"), std::string::npos) << e.what();
  }
  EXPECT_EQ(refused([&] {
              repo_.verify(ars(), k.id, {{"D2.O1.A", {"refused", ""}}}, day("2026-03-01"));
            }),
            "funding.comment_required");
  EXPECT_EQ(count_rows(db_.db(), "funding_verifications"), 0);
  k = repo_.verify(ars(), k.id, ok, day("2026-03-01"));

  // National steps: the national administrator only.
  for (const auto& c : everyone) {
    if (c.role == Role::national_admin) continue;
    EXPECT_EQ(refused([&] { repo_.national_request(c, k.id, "Q ?", day("2026-04-01")); }),
              "funding.not_national");
    EXPECT_EQ(refused([&] { repo_.decide(c, k.id, "100 000", day("2026-04-01")); }),
              "funding.not_national");
  }
  // No answer without a request; the candidate answers, nobody else.
  EXPECT_EQ(refused([&] { repo_.answer(editor(a_), k.id, "R", day("2026-04-01")); }),
            "funding.no_request");
  k = repo_.national_request(national(), k.id, "Q ?", day("2026-04-01"));
  for (const auto& c : everyone) {
    if (c.role == Role::establishment_editor && c.scope.establishment_id == a_) continue;
    if (c.role == Role::national_admin) continue;  // may act for the candidate
    auto code = refused([&] { repo_.answer(c, k.id, "R", day("2026-04-02")); }, &status);
    EXPECT_TRUE(status == 403 || status == 404) << c.actor.user << " " << code;
  }
  k = repo_.answer(editor(a_), k.id, "R", day("2026-04-02"));
  // A payment before the decision says why it is refused (issue 18 trial).
  try {
    repo_.pay(national(), k.id, day("2026-04-02"), "1 000", day("2026-04-02"));
    ADD_FAILURE() << "a payment before the decision";
  } catch (const UserError& e) {
    EXPECT_EQ(e.code(), "funding.wrong_state");
    EXPECT_EQ(std::string(e.what()),
              "Paiement : la décision de financement doit être enregistrée avant tout paiement.");
  }
  EXPECT_EQ(refused([&] { repo_.decide(national(), k.id, "300 000,01", day("2026-05-01")); }),
            "funding.amount_over_request");
  // A negative grant: said so, not « un montant en euros est attendu » (issue 18 trial).
  try {
    repo_.decide(national(), k.id, "-100 €", day("2026-05-01"));
    ADD_FAILURE() << "a negative grant";
  } catch (const UserError& e) {
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].message,
              "Montant accordé : le montant ne peut pas être négatif (0 € pour un rejet).");
  }
  k = repo_.decide(national(), k.id, "100 000", day("2026-05-01"));
  for (const auto& c : everyone) {
    if (c.role == Role::national_admin) continue;
    EXPECT_EQ(refused([&] { repo_.pay(c, k.id, day("2026-06-01"), "100 000", day("2026-06-01")); }),
              "funding.not_national");
  }
  EXPECT_EQ(refused([&] {
              repo_.pay(national(), k.id, day("2026-06-01"), "100 001", day("2026-06-01"));
            }),
            "funding.amount_over_grant");
  // Out of order: a second decision, a validation now.
  EXPECT_EQ(refused([&] { repo_.decide(national(), k.id, "1", day("2026-05-02")); }),
            "funding.wrong_state");
  EXPECT_EQ(refused([&] { repo_.ars_decide(ars(), k.id, true, "", day("2026-05-02")); }),
            "funding.wrong_state");
  k = repo_.pay(national(), k.id, day("2026-06-01"), "100 000", day("2026-06-01"));
  EXPECT_EQ(k.state, "paid");
}

// Domain 1: the declarations closed on 30 June 2025; a late one needs a national exception.
TEST_P(FundingWorkflow, ALateDeclarationNeedsANationalException) {
  auto k = repo_.file(editor(c_), "750100125", d1_input(), day("2024-04-01"));
  EXPECT_EQ(k.candidate_kind, "public_outside_ght");
  // The ARS instruction ended on 21 May 2024.
  EXPECT_EQ(refused([&] { repo_.ars_decide(ars(), k.id, true, "", day("2024-05-22")); }),
            "funding.instruction_closed");
  k = repo_.ars_decide(ars(), k.id, true, "", day("2024-05-21"));
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D1.O1.A"].reached = true;
  objectives["D1.O1.A"].proof.justification = "Audit ADS du 01/06/2024.";
  EXPECT_EQ(refused([&] { repo_.declare(editor(c_), k.id, objectives, {}, day("2025-07-01")); }),
            "funding.declaration_closed");
  EXPECT_EQ(count_rows(db_.db(), "funding_declarations"), 0);
  // Only national staff grant the exception.
  EXPECT_EQ(refused([&] {
              repo_.grant_exception(ars(), k.id, day("2025-07-31"), "Cyberattaque",
                                    day("2025-07-01"));
            }),
            "funding.not_national");
  k = repo_.grant_exception(national(), k.id, day("2025-07-31"),
                            "Établissement sous cyberattaque en juin 2025", day("2025-07-01"));
  k = repo_.declare(editor(c_), k.id, objectives, {}, day("2025-07-15"));
  EXPECT_TRUE(k.declarations.back().late);
  // The exception ends: the ARS verification closed on 30 Sept 2025 is passed too.
  EXPECT_EQ(refused([&] {
              repo_.verify(ars(), k.id, {{"D1.O1.A", {"accepted", ""}}}, day("2025-10-01"));
            }),
            "funding.verification_closed");
  k = repo_.verify(ars(), k.id, {{"D1.O1.A", {"accepted", ""}}}, day("2025-07-20"));
  EXPECT_EQ(k.state, "verified");
}

// Trial of issue 18: an objective the records say is not met is declared reached only with a
// written justification; a proof file or a record alone does not do.
TEST_P(FundingWorkflow, AnObjectiveNotMetByTheRecordsNeedsAWrittenJustification) {
  auto k = repo_.file(editor(c_), "750100125", d1_input(), day("2024-04-01"));
  k = repo_.ars_decide(ars(), k.id, true, "", day("2024-05-21"));
  funding::RuleResults not_met{
      {"D1.O1.A", {"ad_audit_done", funding::Verdict::not_met, "Aucun audit.", {}}}};
  const auto ev = evidence_of(c_);
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D1.O1.A"].reached = true;
  objectives["D1.O1.A"].proof.evidence_ids = {ev};
  try {
    repo_.declare(editor(c_), k.id, objectives, not_met, day("2024-06-01"));
    ADD_FAILURE() << "declared without justification";
  } catch (const UserError& e) {
    EXPECT_EQ(e.code(), "funding.justification_required");
    EXPECT_NE(std::string(e.what()).find("D1.O1.A"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("non atteint selon les relevés"), std::string::npos)
        << e.what();
  }
  // A file alone: refused too, nothing stored.
  objectives["D1.O1.A"].proof.evidence_ids.clear();
  objectives["D1.O1.A"].proof.file_name = "audit.pdf";
  objectives["D1.O1.A"].proof.file_bytes = carepilot::testing::sample_pdf("Audit");
  EXPECT_EQ(
      refused([&] { repo_.declare(editor(c_), k.id, objectives, not_met, day("2024-06-01")); }),
      "funding.justification_required");
  EXPECT_EQ(count_rows(db_.db(), "funding_declarations"), 0);
  EXPECT_EQ(count_rows(db_.db(), "funding_files"), 0);
  // Nothing at all: the first refusal already says what suffices — the justification — not
  // « joignez une preuve » that the next try would refuse (issue 18 trial).
  objectives["D1.O1.A"].proof = {};
  try {
    repo_.declare(editor(c_), k.id, objectives, not_met, day("2024-06-01"));
    ADD_FAILURE() << "declared with nothing";
  } catch (const UserError& e) {
    EXPECT_EQ(e.code(), "funding.justification_required");
    EXPECT_EQ(std::string(e.what()).find("joignez"), std::string::npos) << e.what();
  }
  // Met by the records: the record alone is enough.
  funding::RuleResults met = not_met;
  met["D1.O1.A"].verdict = funding::Verdict::met;
  objectives["D1.O1.A"].proof = {};
  objectives["D1.O1.A"].proof.evidence_ids = {ev};
  auto declared = repo_.declare(editor(c_), k.id, objectives, met, day("2024-06-01"));
  EXPECT_EQ(declared.state, "declared");
}

TEST_P(FundingWorkflow, NotMetWithAWrittenJustificationIsDeclared) {
  auto k = repo_.file(editor(c_), "750100125", d1_input(), day("2024-04-01"));
  k = repo_.ars_decide(ars(), k.id, true, "", day("2024-05-21"));
  funding::RuleResults not_met{
      {"D1.O1.A", {"ad_audit_done", funding::Verdict::not_met, "Aucun audit.", {}}}};
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D1.O1.A"].reached = true;
  objectives["D1.O1.A"].proof.evidence_ids = {evidence_of(c_)};
  objectives["D1.O1.A"].proof.justification = "Audit ADS réalisé par un prestataire le 02/06.";
  EXPECT_EQ(repo_.declare(editor(c_), k.id, objectives, not_met, day("2024-06-03")).state,
            "declared");
}

// Trial of issue 18: an exception only when a deadline of the current step has passed; the
// national decision keeps the national instruction deadline.
TEST_P(FundingWorkflow, AnExceptionOnlyToAPassedDeadlineAndTheDecisionKeepsItsOwn) {
  auto k = repo_.file(editor(c_), "750100125", d1_input(), day("2024-04-01"));
  // Filed: the ARS instruction ends on 21 May 2024.
  int status = 0;
  EXPECT_EQ(refused(
                [&] {
                  repo_.grant_exception(national(), k.id, day("2024-06-30"), "Sans objet",
                                        day("2024-05-21"));
                },
                &status),
            "funding.no_deadline_passed");
  EXPECT_EQ(status, 422);
  const int events_before = count_rows(db_.db(), "funding_events");
  k = repo_.ars_decide(ars(), k.id, true, "", day("2024-05-21"));
  // Operational: the declarations close on 30 June 2025: not passed on that day.
  EXPECT_EQ(refused([&] {
              repo_.grant_exception(national(), k.id, day("2025-07-31"), "Sans objet",
                                    day("2025-06-30"));
            }),
            "funding.no_deadline_passed");
  EXPECT_EQ(count_rows(db_.db(), "funding_events"), events_before + 1);
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D1.O2.A"].reached = true;
  objectives["D1.O2.A"].proof.justification = "Audit SILENE trimestriel.";
  k = repo_.declare(editor(c_), k.id, objectives, {}, day("2025-06-01"));
  k = repo_.verify(ars(), k.id, {{"D1.O2.A", {"accepted", ""}}}, day("2025-07-01"));
  ASSERT_EQ(k.state, "verified");
  // Verified: the national instruction ends on 31 December 2025; the decision after it needs
  // an exception, which is then allowed.
  EXPECT_EQ(refused([&] {
              repo_.grant_exception(national(), k.id, day("2026-01-31"), "Sans objet",
                                    day("2025-12-31"));
            }),
            "funding.no_deadline_passed");
  EXPECT_EQ(refused([&] { repo_.decide(national(), k.id, "50 000", day("2026-01-01")); }),
            "funding.national_instruction_closed");
  // A national request keeps the same deadline (issue 18 trial): allowed on its last day,
  // refused the day after, with the decision's message.
  const int requests_before = count_rows(db_.db(), "funding_events");
  k = repo_.national_request(national(), k.id, "Le rapport SILENE ?", day("2025-12-31"));
  EXPECT_EQ(count_rows(db_.db(), "funding_events"), requests_before + 1);
  try {
    repo_.national_request(national(), k.id, "Et le PCA ?", day("2026-01-01"));
    ADD_FAILURE() << "a request after the national instruction's deadline";
  } catch (const UserError& e) {
    EXPECT_EQ(e.code(), "funding.national_instruction_closed");
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(std::string(e.what()),
              "Demande de l'instruction nationale : l'échéance du 31/12/2025 est passée ; une "
              "dérogation nationale est nécessaire.");
  }
  EXPECT_EQ(count_rows(db_.db(), "funding_events"), requests_before + 1);
  k = repo_.grant_exception(national(), k.id, day("2026-01-31"), "Instruction prolongée",
                            day("2026-01-01"));
  // Under the exception, a request is allowed again.
  k = repo_.national_request(national(), k.id, "Et le PCA ?", day("2026-01-10"));
  k = repo_.decide(national(), k.id, "50 000", day("2026-01-15"));
  EXPECT_EQ(k.state, "decided");
}

TEST_P(FundingWorkflow, EachScopeSeesItsCandidatures) {
  auto g = repo_.file(editor(a_), "750100109", ght_input(), day("2025-09-10"));
  CandidatureInput own;
  own.call_id = "care-d2";
  own.contacts = {"DSI"};
  own.prerequisites["D2.P1"].justification = "PSSI";
  own.prerequisites["D2.P2"].justification = "Organisation";
  own.amount_requested = "10 000";
  auto lyon = repo_.file(editor(lyon_), "690100102", own, day("2025-09-10"));
  EXPECT_EQ(lyon.region_code, "84");
  EXPECT_EQ(repo_.list(Scope::nation()).size(), 2u);
  EXPECT_EQ(repo_.list(Scope::region("11")).size(), 1u);
  EXPECT_EQ(repo_.list(Scope::region("84")).size(), 1u);
  EXPECT_EQ(repo_.list(Scope::ght(ght_)).size(), 1u);
  EXPECT_EQ(repo_.list(Scope::establishment(b_)).size(), 1u);
  EXPECT_EQ(repo_.list(Scope::establishment(c_)).size(), 0u);
  EXPECT_EQ(repo_.list(Scope::nation(), "care-d1").size(), 0u);
  EXPECT_EQ(refused([&] { repo_.get(Scope::region("84"), g.id); }), "not_found");
  EXPECT_EQ(refused([&] { repo_.get(Scope::establishment(c_), g.id); }), "not_found");
  EXPECT_EQ(repo_.get(Scope::establishment(b_), g.id).id, g.id);
}

// A national administrator may act for the candidate and for the ARS, as everywhere in
// carepilot; the trail names it.
TEST_P(FundingWorkflow, ANationalAdministratorMayActForTheCandidateAndTheArs) {
  auto k = repo_.file(national(), "750100117", ght_input(), day("2025-09-10"));
  EXPECT_EQ(k.candidate_kind, "ght");
  k = repo_.ars_decide(national(), k.id, true, "", day("2025-11-05"));
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D2.O1.A"].reached = true;
  objectives["D2.O1.A"].proof.justification = "Schéma adopté.";
  k = repo_.declare(national(), k.id, objectives, {}, day("2026-02-01"));
  k = repo_.verify(national(), k.id, {{"D2.O1.A", {"accepted", ""}}}, day("2026-03-01"));
  EXPECT_EQ(k.state, "verified");
  for (const auto& e : k.events) EXPECT_EQ(e.by, "cnp@test.fr");
}

// A complement declares again only the objective the ARS asked more of: the new dossier carries
// the others forward as frozen (declaration, evidence, computation) with the ARS's verdicts on
// them; the new verdict replaces only the re-declared objective's (issue 18 trial).
TEST_P(FundingWorkflow, AComplementKeepsTheOtherObjectivesAndTheirVerdicts) {
  auto k = repo_.file(editor(a_), "750100109", ght_input(), day("2025-09-10"));
  k = repo_.ars_decide(ars(), k.id, true, "", day("2025-11-05"));
  const auto ev = evidence_of(a_);
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D2.O1.C"].reached = true;
  objectives["D2.O1.C"].proof.evidence_ids = {ev};
  objectives["D2.O2.A"].reached = true;
  objectives["D2.O2.A"].proof.justification = "Politique validée en directoire.";
  funding::RuleResults computed;
  computed["D2.O1.C"] = {"bia_coverage", funding::Verdict::met, "Activité couverte : 70 %.", {}};
  k = repo_.declare(editor(a_), k.id, objectives, computed, day("2026-02-01"));
  k = repo_.verify(ars(), k.id,
                   {{"D2.O1.C", {"accepted", "Plan conforme."}},
                    {"D2.O2.A", {"more_requested", "Joignez la délibération."}}},
                   day("2026-03-01"));
  ASSERT_EQ(k.state, "more_requested");
  // The history line names the objectives of each verdict (issue 18 trial: « Vérification :
  // compléments demandés. » said for which).
  EXPECT_EQ(k.events.back().text,
            "Vérification : compléments demandés — compléments demandés pour D2.O2.A ; accepté "
            "D2.O1.C.");
  std::map<std::string, ObjectiveDeclarationInput> again;
  again["D2.O2.A"].reached = true;
  again["D2.O2.A"].proof.justification = "Délibération du 05/03/2026.";
  k = repo_.declare(editor(a_), k.id, again, {}, day("2026-03-10"));
  ASSERT_EQ(k.declarations.size(), 2u);
  // The history says what the complement re-declared and what it carried over (issue 18 trial:
  // « 8 objectifs déclarés atteints »); the first declaration counts what it declared reached.
  {
    std::vector<std::string> said;
    for (const auto& e : k.events)
      if (e.kind == "declared") said.push_back(e.text);
    const auto others = funding::embedded_data().call("care-d2")->objectives.size() - 1;
    ASSERT_GT(others, 1u);
    EXPECT_EQ(said, (std::vector<std::string>{"2 objectifs déclarés atteints.",
                                              "Complément : D2.O2.A redéclaré (" +
                                                  std::to_string(others) +
                                                  " objectifs repris sans changement)."}));
  }
  const auto second = k.declarations.back();
  EXPECT_EQ(second.sha256, store::sha256_hex(second.dossier.dump()));
  std::map<std::string, nlohmann::json> items;
  for (const auto& o : second.dossier["objectives"]) items[o["id"].get<std::string>()] = o;
  // Carried forward: D2.O1.C as first declared, its evidence and computation.
  ASSERT_TRUE(items.count("D2.O1.C"));
  EXPECT_TRUE(items["D2.O1.C"]["reached"].get<bool>());
  EXPECT_EQ(items["D2.O1.C"]["evidence_ids"], nlohmann::json::array({ev}));
  EXPECT_EQ(items["D2.O1.C"]["computed"]["verdict"], "met");
  EXPECT_EQ(items["D2.O1.C"]["kept_from_declaration"], k.declarations.front().id);
  // Declared again: D2.O2.A with its new justification.
  EXPECT_TRUE(items["D2.O2.A"]["reached"].get<bool>());
  EXPECT_EQ(items["D2.O2.A"]["justification"], "Délibération du 05/03/2026.");
  EXPECT_FALSE(items["D2.O2.A"].contains("kept_from_declaration"));
  // The earlier verdict on D2.O1.C stays with the new dossier; D2.O2.A awaits its new one.
  ASSERT_EQ(second.verifications.size(), 1u);
  EXPECT_EQ(second.verifications[0].objective_id, "D2.O1.C");
  EXPECT_EQ(second.verifications[0].outcome, "accepted");
  EXPECT_EQ(second.verifications[0].comment, "Plan conforme.");
  // Only the re-declared objective is judged again; a verdict on a carried-forward one says
  // it was carried forward (issue 18 trial: « n'est pas un objectif déclaré atteint »).
  try {
    repo_.verify(ars(), k.id, {{"D2.O1.C", {"refused", "Non."}}, {"D2.O2.A", {"accepted", ""}}},
                 day("2026-03-20"));
    ADD_FAILURE() << "a verdict on a carried-forward objective";
  } catch (const UserError& e) {
    EXPECT_EQ(e.code(), "funding.unknown_item");
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_NE(e.fields()[0].message.find("repris sans changement"), std::string::npos)
        << e.fields()[0].message;
    EXPECT_EQ(e.fields()[0].message.find("n'est pas un objectif déclaré"), std::string::npos);
  }
  k = repo_.verify(ars(), k.id, {{"D2.O2.A", {"accepted", ""}}}, day("2026-03-20"));
  EXPECT_EQ(k.state, "verified");
  std::map<std::string, std::string> outcomes;
  for (const auto& v : k.declarations.back().verifications) outcomes[v.objective_id] = v.outcome;
  EXPECT_EQ(outcomes,
            (std::map<std::string, std::string>{{"D2.O1.C", "accepted"}, {"D2.O2.A", "accepted"}}));
  // Each act is recorded on its own day (the declaration filed on 10 March 2026).
  EXPECT_EQ(second.filed_at.substr(0, 10), "2026-03-10");
  EXPECT_EQ(second.dossier["filed_on"], "2026-03-10");
}

// A candidature granted 250 000 € and verified, for the payment tests.
Candidature decided_candidature(funding::Repository& repo, const Caller& ed, const Caller& ars,
                                const Caller& nat, const CandidatureInput& in) {
  auto k = repo.file(ed, "750100109", in, day("2025-09-10"));
  k = repo.ars_decide(ars, k.id, true, "", day("2025-11-05"));
  std::map<std::string, ObjectiveDeclarationInput> objectives;
  objectives["D2.O2.A"].reached = true;
  objectives["D2.O2.A"].proof.justification = "Politique validée en directoire.";
  k = repo.declare(ed, k.id, objectives, {}, day("2026-02-01"));
  k = repo.verify(ars, k.id, {{"D2.O2.A", {"accepted", ""}}}, day("2026-03-01"));
  return repo.decide(nat, k.id, "250 000 €", day("2026-05-01"));
}

// Payments add up: partly paid until their sum reaches the grant; a sum over it is refused.
TEST_P(FundingWorkflow, PaymentsAddUpToTheGrant) {
  auto k = decided_candidature(repo_, editor(a_), ars(), national(), ght_input());
  k = repo_.pay(national(), k.id, day("2026-06-01"), "100 000 €", day("2026-06-02"));
  EXPECT_EQ(k.state, "decided") << "partly paid";
  EXPECT_EQ(*k.amount_paid_cents, 100000 * 100);
  EXPECT_EQ(refused([&] {
              repo_.pay(national(), k.id, day("2026-06-10"), "150 000,01", day("2026-06-10"));
            }),
            "funding.amount_over_grant");
  k = repo_.pay(national(), k.id, day("2026-06-10"), "100 000", day("2026-06-10"));
  EXPECT_EQ(k.state, "decided");
  EXPECT_EQ(*k.amount_paid_cents, 200000 * 100);
  k = repo_.pay(national(), k.id, day("2026-06-20"), "50 000", day("2026-06-20"));
  EXPECT_EQ(k.state, "paid");
  EXPECT_EQ(*k.amount_paid_cents, 250000 * 100);
  EXPECT_EQ(k.paid_on, "2026-06-20");
  int payments = 0;
  for (const auto& e : k.events)
    if (e.kind == "paid") ++payments;
  EXPECT_EQ(payments, 3);
  EXPECT_EQ(
      refused([&] { repo_.pay(national(), k.id, day("2026-06-21"), "1", day("2026-06-21")); }),
      "funding.wrong_state");
}

// A payment is not dated before the decision nor before the filing; every refusal at once.
TEST_P(FundingWorkflow, APaymentBeforeTheDecisionIsRefusedWithEveryOtherRefusal) {
  auto k = decided_candidature(repo_, editor(a_), ars(), national(), ght_input());
  const int audits = audit_rows();
  try {
    repo_.pay(national(), k.id, day("2026-04-30"), "100 000", day("2026-06-01"));
    ADD_FAILURE() << "paid before the decision";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.code(), "funding.paid_on_before_decision");
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_NE(e.fields()[0].message.find("Date du paiement"), std::string::npos);
  }
  EXPECT_EQ(refused([&] {
              repo_.pay(national(), k.id, day("2025-09-01"), "100 000", day("2026-06-01"));
            }),
            "funding.paid_on_before_filing");
  // An unreadable date and an amount over the grant: both named.
  try {
    repo_.pay(national(), k.id, std::nullopt, "300 000", day("2026-06-01"));
    ADD_FAILURE() << "accepted";
  } catch (const UserError& e) {
    ASSERT_EQ(e.fields().size(), 2u);
    EXPECT_EQ(e.fields()[0].field, "paid_on");
    EXPECT_EQ(e.fields()[0].code, "funding.date_invalid");
    EXPECT_EQ(e.fields()[1].field, "amount");
    EXPECT_EQ(e.fields()[1].code, "funding.amount_over_grant");
  }
  try {
    repo_.pay(national(), k.id, day("2026-07-01"), "", day("2026-06-01"));
    ADD_FAILURE() << "accepted";
  } catch (const UserError& e) {
    ASSERT_EQ(e.fields().size(), 2u);
    EXPECT_EQ(e.fields()[0].code, "funding.paid_on_future");
    EXPECT_EQ(e.fields()[1].code, "funding.amount_invalid");
  }
  EXPECT_EQ(audit_rows(), audits) << "nothing stored";
  k = repo_.pay(national(), k.id, day("2026-05-01"), "250 000", day("2026-06-01"));
  EXPECT_EQ(k.state, "paid");
}

// The exception names every refused field at once.
TEST_P(FundingWorkflow, AnExceptionNamesEveryRefusalAtOnce) {
  auto k = repo_.file(editor(c_), "750100125", d1_input(), day("2024-04-01"));
  k = repo_.ars_decide(ars(), k.id, true, "", day("2024-05-01"));
  try {
    repo_.grant_exception(national(), k.id, std::nullopt, " ", day("2025-07-10"));
    ADD_FAILURE() << "accepted";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 422);
    ASSERT_EQ(e.fields().size(), 2u);
    EXPECT_EQ(e.fields()[0].field, "until");
    EXPECT_EQ(e.fields()[1].field, "reason");
  }
  try {
    repo_.grant_exception(national(), k.id, day("2025-07-01"), "", day("2025-07-10"));
    ADD_FAILURE() << "accepted";
  } catch (const UserError& e) {
    ASSERT_EQ(e.fields().size(), 2u);
    EXPECT_EQ(e.fields()[0].code, "funding.until_past");
    EXPECT_EQ(e.fields()[1].code, "funding.reason_required");
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, FundingWorkflow,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
