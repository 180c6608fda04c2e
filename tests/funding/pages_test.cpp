// The funding pages (issue 18), on both backends: a GHT candidature walked through the page
// forms by the roles that act at each step, the list page as each role sees it, refused form
// posts shown again with the French message under the field and nothing stored, the XLSX
// export (a zip holding the rows) and the dossier PDF.
#include <gtest/gtest.h>

#include "accounts.hpp"
#include "common/french.hpp"
#include "module_fixture.hpp"
#include "outputs.hpp"
#include "territory.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::call;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::make_user;
using carepilot::testing::Session;
using carepilot::testing::session_for;
using carepilot::testing::TestServer;

namespace {

const char* const kForm = "application/x-www-form-urlencoded";

class FundingPages : public carepilot::testing::funding_territory::Territory {
 protected:
  FundingPages() : Territory("GHT-FP", "GHT Funding Pages", "2025-10-31") {}
  long long events() { return count_rows(srv_.db().db(), "funding_events"); }

  const std::string apply_ = "/etablissements/750100109/financements/candidatures";
  const std::string filing_ =
      "call=care-d2&est_750100109=1&est_750100117=1&contacts=Marie+Dupont%2C+RSSI&"
      "prereq_D2_P1=PSSI+sign%C3%A9e&prereq_D2_P2=Note+d%27organisation";
};

// The French message under the field: the error paragraph after the field's input.
bool message_under(const std::string& body, const std::string& field_id,
                   const std::string& message) {
  const auto at = body.find("id=\"" + field_id + "\"");
  if (at == std::string::npos) return false;
  const auto err = body.find("fr-error-text", at);
  if (err == std::string::npos) return false;
  const auto msg = body.find(message, err);
  return msg != std::string::npos && msg - err < 300;
}

TEST_P(FundingPages, AGhtCandidatureWalkedThroughThePages) {
  // The candidate's form, then a refusal: no amount. Nothing stored; the form re-filled.
  auto form = call(srv_, editor_, "GET", "/etablissements/750100109/financements/candidater");
  ASSERT_EQ(form.status, 200) << form.body.substr(0, 300);
  EXPECT_NE(form.body.find("CH Bêta (750100117)"), std::string::npos);
  auto r = call(srv_, editor_, "POST", apply_, filing_ + "&amount_requested=", kForm);
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 300);
  EXPECT_TRUE(message_under(r.body, "amount_requested", "Montant demandé : un montant en euros"))
      << r.body;
  EXPECT_NE(r.body.find("Marie Dupont, RSSI"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_candidatures"), 0);
  // A reader may not file.
  EXPECT_EQ(
      call(srv_, reader_, "POST", apply_, filing_ + "&amount_requested=300+000", kForm).status,
      403);
  r = call(srv_, editor_, "POST", apply_, filing_ + "&amount_requested=300+000+%E2%82%AC", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  const std::string page = r.header("location").substr(0, r.header("location").find('?'));
  ASSERT_EQ(page.rfind("/financements/candidatures/", 0), 0u);

  // Each role's list page: French state labels; the ARS sees it waiting.
  for (const auto* s : {&editor_, &reader_, &ars_, &national_}) {
    auto list = call(srv_, *s, "GET", "/financements");
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("Déposée"), std::string::npos);
    EXPECT_EQ(list.body.find(">filed<"), std::string::npos);
  }
  auto ars_list = call(srv_, ars_, "GET", "/financements");
  EXPECT_NE(ars_list.body.find("Ce qui vous attend"), std::string::npos);
  EXPECT_NE(ars_list.body.find("data-testid=\"funding-totals\""), std::string::npos);
  EXPECT_EQ(call(srv_, editor_, "GET", "/financements").body.find("funding-totals"),
            std::string::npos);

  // The ARS: a refusal without its reason is refused, the message under « Motif »; then
  // validates.
  at("2025-11-05");
  auto k = call(srv_, ars_, "GET", page);
  ASSERT_EQ(k.status, 200);
  EXPECT_NE(k.body.find("funding-ars-form"), std::string::npos);
  EXPECT_EQ(call(srv_, editor_, "GET", page).body.find("funding-ars-form"), std::string::npos);
  const long long before = events();
  r = call(srv_, ars_, "POST", page + "/instruction-ars", "decision=refuse&reason=", kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(message_under(r.body, "reason", "Motif : dites pourquoi la candidature est refusée"));
  EXPECT_EQ(events(), before);
  EXPECT_EQ(
      call(srv_, editor_, "POST", page + "/instruction-ars", "decision=validate", kForm).status,
      403);
  r = call(srv_, ars_, "POST", page + "/instruction-ars", "decision=validate&reason=", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
  EXPECT_NE(call(srv_, ars_, "GET", page).body.find("En phase opérationnelle"), std::string::npos);
  // The candidate's calendar subscription holds the declaration window's opening.
  {
    srv_.app().evidence().today = [] { return day("2025-11-05"); };
    auto u =
        make_user(srv_, "agenda@test.fr", Role::establishment_reader, Scope::establishment(a_));
    auto raw = srv_.app().auth_store().create_calendar_feed(u.id, Actor{"test", "", "", ""});
    auto feed = srv_.get("/calendrier/" + raw + "/echeances.ics");
    ASSERT_EQ(feed.status, 200);
    const std::string id = page.substr(page.rfind('/') + 1);
    EXPECT_NE(feed.body.find("UID:care-candidature-" + id + "-declaration_open-20260116@carepilot"),
              std::string::npos)
        << feed.body.substr(0, 2000);
    EXPECT_NE(feed.body.find("Programme CaRE : Ouverture des"), std::string::npos);
  }

  // The candidate declares: reached without proof refused, then with its justification.
  at("2026-02-01");
  k = call(srv_, editor_, "GET", page);
  EXPECT_NE(k.body.find("funding-declare-form"), std::string::npos);
  EXPECT_NE(k.body.find("Preuve proposée par carepilot"), std::string::npos);
  r = call(srv_, editor_, "POST", page + "/declaration", "reached_D2_O1_A=1", kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("sans preuve ni justification"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_declarations"), 0);
  r = call(srv_, editor_, "POST", page + "/declaration",
           "reached_D2_O1_A=1&justification_D2_O1_A=Sch%C3%A9ma+adopt%C3%A9", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);

  // The ARS verifies; national staff request, the candidate answers; decision and payment.
  at("2026-03-01");
  k = call(srv_, ars_, "GET", page);
  EXPECT_NE(k.body.find("Schéma adopté"), std::string::npos);
  r = call(srv_, ars_, "POST", page + "/verification",
           "outcome_D2_O1_A=refused&comment_D2_O1_A=", kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("dites ce qui manque"), std::string::npos);
  r = call(srv_, ars_, "POST", page + "/verification", "outcome_D2_O1_A=accepted", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  r = call(srv_, national_, "POST", page + "/demande", "text=Pr%C3%A9cisez+le+PCA.", kForm);
  ASSERT_EQ(r.status, 303);
  r = call(srv_, editor_, "POST", page + "/reponse", "text=Le+PCA+des+urgences.", kForm);
  ASSERT_EQ(r.status, 303);
  r = call(srv_, national_, "POST", page + "/decision", "amount_granted=900+000", kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(message_under(r.body, "amount_granted", "Montant accordé :"));
  r = call(srv_, national_, "POST", page + "/decision", "amount_granted=250+000", kForm);
  ASSERT_EQ(r.status, 303);
  at("2026-06-02");
  r = call(srv_, national_, "POST", page + "/paiement", "paid_on=2026-06-01&amount=250+000", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  k = call(srv_, editor_, "GET", page);
  EXPECT_NE(k.body.find("Payée"), std::string::npos);
  EXPECT_NE(k.body.find(french_integer(250000) + "\u00a0€"), std::string::npos);
  EXPECT_NE(k.body.find("paiement par cnp@test.fr"), std::string::npos);

  // The XLSX: a zip whose sheets hold the candidature and the table per region.
  auto x = call(srv_, national_, "GET", "/financements/export.xlsx");
  ASSERT_EQ(x.status, 200);
  auto entries = carepilot::testing::unzip(x.body);
  ASSERT_FALSE(entries.empty());
  std::string all;
  for (const auto& [_, v] : entries) all += v;
  EXPECT_NE(all.find("Payée"), std::string::npos);
  EXPECT_NE(all.find("Domaine 2"), std::string::npos);
  EXPECT_NE(all.find("Île-de-France"), std::string::npos);
  EXPECT_NE(all.find("250000"), std::string::npos);

  // The dossier PDF of the frozen declaration.
  auto pdf = call(srv_, editor_, "GET", page + "/dossier.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  EXPECT_NE(carepilot::testing::pdf_text(pdf.body).find("Schéma adopté"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, FundingPages,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
