// data/funding/calls.yaml (issue 18): the three calls load; identifiers are normalised; a wrong
// file is refused as FILE:LINE: reason for an unknown objective id, an inconsistent calendar,
// an unknown key, a rule in a non-public call.
#include <gtest/gtest.h>

#include <string>

#include "funding/data.hpp"

using namespace carepilot;
using namespace carepilot::funding;

namespace {

TEST(FundingData, TheThreeCallsLoadWithTheirFacts) {
  const auto& d = embedded_data();
  ASSERT_EQ(d.calls.size(), 3u);
  const Call* d1 = d.call("care-d1");
  const Call* d2 = d.call("care-d2");
  const Call* hc = d.call("hospiconnect");
  ASSERT_TRUE(d1 && d2 && hc);
  EXPECT_EQ(format_date(d1->legal_date), "2024-03-18");
  EXPECT_EQ(*d1->envelope_cents, 65000000LL * 100);
  EXPECT_EQ(format_date(d2->legal_date), "2025-07-03");
  EXPECT_EQ(*d2->envelope_cents, 45000000LL * 100);
  EXPECT_EQ(format_date(hc->legal_date), "2026-01-29");
  EXPECT_FALSE(hc->envelope_cents.has_value());  // unknown, said so
  EXPECT_FALSE(hc->text_public);
  for (const auto& o : hc->objectives) EXPECT_FALSE(o.declarative.empty()) << o.id;
  EXPECT_EQ(format_date(*d1->date("candidature_open")), "2024-03-18");
  EXPECT_EQ(format_date(*d1->date("candidature_close")), "2024-04-19");
  EXPECT_EQ(format_date(*d1->date("declaration_close")), "2025-06-30");
  EXPECT_NE(d1->step("declaration_close").note.find("28 mars 2025"), std::string::npos);
  EXPECT_EQ(format_date(*d2->date("candidature_open")), "2025-09-02");
  EXPECT_EQ(format_date(*d2->date("candidature_close")), "2025-10-31");
  EXPECT_EQ(format_date(*d2->date("declaration_open")), "2026-01-16");
  EXPECT_FALSE(d2->date("declaration_close").has_value());
  for (const auto& c : d.calls)
    for (const auto& s : c.calendar) EXPECT_FALSE(s.source.empty()) << c.id << " " << s.step;
  // The computed objectives and their rules.
  EXPECT_EQ(d1->objective("D1.O2.B")->rule, "exposure_interval");
  EXPECT_EQ(d1->objective("D1.O1.A")->rule, "ad_audit_done");
  ASSERT_TRUE(d2->objective("D2.O1.C")) << "D2.01.C of the file normalised";
  EXPECT_EQ(d2->objective("D2.O1.C")->rule, "bia_coverage");
  EXPECT_EQ(d2->objective("D2.O1.C")->scope, "combined_activity");
  EXPECT_EQ(d2->objective("D2.O1.D")->rule, "tested_coverage");
  EXPECT_EQ(d2->objective("D2.O3.A")->rule, "backup_directory_level");
  EXPECT_EQ(d2->objective("D2.O4")->rule, "restore_test");
  EXPECT_TRUE(d2->prerequisite("D2.P1"));
  EXPECT_TRUE(d2->accepts("ght"));
  EXPECT_EQ(d.kind_of_type("espic"), "private_non_profit");
  EXPECT_EQ(d.kind_of_type("clinique"), "private_for_profit");
  EXPECT_EQ(d.kind_of_type("ch"), "public_outside_ght");
  EXPECT_EQ(d.kind_of_type("ehpad"), "");
}

TEST(FundingData, IdentifiersAreNormalised) {
  EXPECT_EQ(normalise_id("D2.01.C"), "D2.O1.C");
  EXPECT_EQ(normalise_id("d2.o1.c"), "D2.O1.C");
  EXPECT_EQ(normalise_id("D2.04"), "D2.O4");
  EXPECT_EQ(normalise_id("D1.O2.B"), "D1.O2.B");
  EXPECT_EQ(normalise_id("D2.P1"), "D2.P1");
}

// A small valid file; each test breaks one line of it.
std::string sample() {
  return R"(schema_version: 1
kind: funding_calls
candidate_kinds:
  - {id: ght, label: "GHT"}
  - {id: public_outside_ght, label: "Public", types: [ch]}
scopes:
  - {id: every_establishment, label: "Chaque établissement"}
calls:
  - id: c2
    prefix: D2
    label: "Domaine 2"
    legal_text: "Arrêté"
    legal_date: 2025-07-03
    text_public: true
    envelope_euros: 45000000
    ceiling_euros: 1000000
    ceiling_source: "Source"
    eligible: [ght, public_outside_ght]
    calendar:
      - {step: candidature_open, date: 2025-09-02, source: "s"}
      - {step: candidature_close, date: 2025-10-31, source: "s"}
      - {step: ars_instruction_end, date: unknown, source: "s"}
      - {step: operational_start, date: 2025-07-16, source: "s"}
      - {step: declaration_open, date: 2026-01-16, source: "s"}
      - {step: declaration_close, date: unknown, source: "s"}
      - {step: ars_verification_end, date: unknown, source: "s"}
      - {step: national_instruction_end, date: unknown, source: "s"}
    prerequisites:
      - {id: D2.P1, label: "PSSI", pieces: ["PSSI"]}
    objectives:
      - {id: D2.01.C, label: "PCA", target: "66 %", pieces: ["PCA"], scope: every_establishment, rule: bia_coverage}
plausibility: {ceiling_euros: 10000000, source: "s"}
)";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

std::string refusal(const std::string& text) {
  try {
    load_data("calls.yaml", text);
  } catch (const DataError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(FundingData, TheSampleLoads) {
  auto d = load_data("calls.yaml", sample());
  EXPECT_TRUE(d.calls.at(0).objective("D2.O1.C"));
  EXPECT_EQ(d.plausibility_ceiling_cents, 1000000000LL);
  // The plausibility ceiling is required, an amount.
  auto r =
      refusal(replaced(sample(), "plausibility: {ceiling_euros: 10000000, source: \"s\"}\n", ""));
  EXPECT_NE(r.find("plausibility"), std::string::npos) << r;
  r = refusal(replaced(sample(), "ceiling_euros: 10000000,", "ceiling_euros: unknown,"));
  EXPECT_NE(r.find("plausibility : ceiling_euros"), std::string::npos) << r;
}

TEST(FundingData, AnUnknownObjectiveIdIsRefusedAtItsLine) {
  auto r = refusal(replaced(sample(), "id: D2.01.C", "id: D3.O1.C"));
  EXPECT_EQ(r.rfind("calls.yaml:31: ", 0), 0u) << r;
  EXPECT_NE(r.find("identifiant inconnu « D3.O1.C »"), std::string::npos) << r;
  r = refusal(replaced(sample(), "id: D2.01.C", "id: D2.X1"));
  EXPECT_EQ(r.rfind("calls.yaml:31: ", 0), 0u) << r;
  r = refusal(replaced(sample(), "id: D2.P1", "id: D2.O9"));
  EXPECT_EQ(r.rfind("calls.yaml:29: ", 0), 0u) << r;
}

TEST(FundingData, AnInconsistentCalendarIsRefusedAtTheStep) {
  auto r = refusal(replaced(sample(), "candidature_close, date: 2025-10-31",
                            "candidature_close, date: 2025-08-31"));
  EXPECT_EQ(r.rfind("calls.yaml:21: ", 0), 0u) << r;
  EXPECT_NE(r.find("calendrier incohérent"), std::string::npos) << r;
  // Declarations may not open before the operational phase starts.
  r = refusal(replaced(sample(), "declaration_open, date: 2026-01-16",
                       "declaration_open, date: 2025-07-01"));
  EXPECT_EQ(r.rfind("calls.yaml:24: ", 0), 0u) << r;
  // A missing step.
  r = refusal(replaced(sample(),
                       "      - {step: ars_verification_end, date: unknown, source: \"s\"}\n", ""));
  EXPECT_NE(r.find("« ars_verification_end » manque"), std::string::npos) << r;
}

TEST(FundingData, UnknownKeysAndRulesAreRefused) {
  auto r = refusal(replaced(sample(), "    text_public: true", "    text_publik: true"));
  EXPECT_EQ(r.rfind("calls.yaml:14: ", 0), 0u) << r;
  EXPECT_NE(r.find("clé inconnue « text_publik »"), std::string::npos) << r;
  r = refusal(replaced(sample(), "rule: bia_coverage", "rule: guesswork"));
  EXPECT_NE(r.find("règle inconnue « guesswork »"), std::string::npos) << r;
  r = refusal(
      replaced(sample(), "eligible: [ght, public_outside_ght]", "eligible: [ght, martians]"));
  EXPECT_NE(r.find("sorte de candidat inconnue « martians »"), std::string::npos) << r;
  // A non-public text: objectives are declarative.
  r = refusal(replaced(sample(), "text_public: true", "text_public: false"));
  EXPECT_NE(r.find("n'est pas public"), std::string::npos) << r;
  // A ceiling above the envelope.
  r = refusal(replaced(sample(), "ceiling_euros: 1000000", "ceiling_euros: 46000000"));
  EXPECT_NE(r.find("dépasse l'enveloppe"), std::string::npos) << r;
}

}  // namespace
