// The funding pages (issue 18), on both backends: a GHT candidature walked through the page
// forms by the roles that act at each step, the list page as each role sees it, refused form
// posts shown again with the French message under the field and nothing stored, the XLSX
// export (a zip holding the rows) and the dossier PDF; the declaration with the evidence
// carepilot proposes and a file per objective; the national exception to a passed deadline;
// the « Appels à financement » entry of the establishment page.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <tuple>
#include <vector>

#include "accounts.hpp"
#include "common/french.hpp"
#include "funding/repository.hpp"
#include "module_fixture.hpp"
#include "outputs.hpp"
#include "sample_files.hpp"
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

// An iCalendar text with its folded lines joined (RFC 5545 § 3.1).
std::string unfold(std::string s) {
  for (auto at = s.find("\r\n "); at != std::string::npos; at = s.find("\r\n ", at)) s.erase(at, 3);
  return s;
}

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

// A text as the escaped page writes it (an apostrophe is &#39;).
std::string html(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("&#39;") : std::string(1, c);
  return out;
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

  // Each role's list page: French state labels, the GHT by its name (trial of issue 18:
  // « GHT : 2 établissements » named no GHT); the ARS sees it waiting.
  for (const auto* s : {&editor_, &reader_, &ars_, &national_}) {
    auto list = call(srv_, *s, "GET", "/financements");
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("Déposée"), std::string::npos);
    EXPECT_EQ(list.body.find(">filed<"), std::string::npos);
    EXPECT_NE(list.body.find("<td>GHT Funding Pages (2 établissements : CH Alpha, CH Bêta)</td>"),
              std::string::npos)
        << list.body;
  }
  {
    auto shown = call(srv_, ars_, "GET", page).body;
    const auto dd = shown.find("data-testid=\"funding-candidate\"");
    ASSERT_NE(dd, std::string::npos);
    EXPECT_NE(shown.substr(dd, 120).find(">GHT Funding Pages — Groupement hospitalier"),
              std::string::npos)
        << shown.substr(dd, 120);
  }
  // The candidate: nothing waits for it, and no list says otherwise; French wording.
  {
    auto mine = call(srv_, editor_, "GET", "/financements");
    EXPECT_NE(mine.body.find("Aucune candidature ne vous attend."), std::string::npos);
    EXPECT_EQ(mine.body.find("data-testid=\"funding-waiting\""), std::string::npos) << mine.body;
    EXPECT_NE(mine.body.find("revient au candidat."), std::string::npos);
    EXPECT_EQ(mine.body.find("à le candidat"), std::string::npos);
    EXPECT_EQ(mine.body.find("au non précisée"), std::string::npos);
    EXPECT_EQ(mine.body.find("non précisé par"), std::string::npos);
    // The undated steps of a call in one sentence, not « date non précisée » line after line
    // (issue 18 trial); the dated ones listed.
    EXPECT_EQ(mine.body.find(": date non précisée</li>"), std::string::npos);
    EXPECT_NE(mine.body.find("Clôture des candidatures, fin de l&#39;instruction par l&#39;ARS, "
                             "ouverture des déclarations, clôture des déclarations, fin de la "
                             "vérification par l&#39;ARS et fin de l&#39;instruction nationale : "
                             "dates non précisées par les sources."),
              std::string::npos)
        << mine.body;
    EXPECT_NE(mine.body.find("<li>Ouverture des candidatures : 20/01/2026</li>"),
              std::string::npos);
  }
  auto ars_list = call(srv_, ars_, "GET", "/financements");
  EXPECT_NE(ars_list.body.find("revient à l&#39;ARS."), std::string::npos);
  {
    const auto w = ars_list.body.find("data-testid=\"funding-waiting\"");
    ASSERT_NE(w, std::string::npos);
    EXPECT_NE(ars_list.body.substr(w, ars_list.body.find("</ul>", w) - w).find(page),
              std::string::npos);
  }
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
  // The share of the envelope from the amount granted: 250 000 € of 45 M€.
  EXPECT_NE(call(srv_, national_, "GET", "/financements")
                .body.find("Accordé : 0,6\u00a0% de l&#39;enveloppe"),
            std::string::npos);

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
  // The amounts are numbers shown in euros (issue 18 trial: bare numbers): the shared writer's
  // euro format, applied to the amount columns (F to H) and not to the number column (A).
  ASSERT_TRUE(entries.count("xl/styles.xml"));
  EXPECT_NE(entries["xl/styles.xml"].find("formatCode=\"#,##0.00\\ &quot;€&quot;\""),
            std::string::npos)
      << entries["xl/styles.xml"];
  ASSERT_TRUE(entries.count("xl/worksheets/sheet1.xml"));
  const auto& sheet1 = entries["xl/worksheets/sheet1.xml"];
  EXPECT_NE(sheet1.find("<c r=\"F2\" s=\""), std::string::npos) << sheet1;
  EXPECT_NE(sheet1.find("<c r=\"H2\" s=\""), std::string::npos) << sheet1;
  EXPECT_EQ(sheet1.find("<c r=\"A2\" s=\""), std::string::npos) << sheet1;
  EXPECT_NE(all.find("GHT Funding Pages (2 établissements : CH Alpha, CH Bêta)"),
            std::string::npos);

  // The dossier PDF of the frozen declaration.
  auto pdf = call(srv_, editor_, "GET", page + "/dossier.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  const auto dossier = carepilot::testing::pdf_text(pdf.body);
  EXPECT_NE(dossier.find("Schéma adopté"), std::string::npos);
  EXPECT_NE(dossier.find("Candidat : GHT Funding Pages — Groupement hospitalier"),
            std::string::npos)
      << dossier;
}

// Trial of issue 18: a second candidature to the same call was refused only once the whole form
// was filled. The form says so up front, links to the candidature, and offers no form for that
// call; another candidate of the call still gets its form. The server's refusal stays.
TEST_P(FundingPages, ASecondCandidatureIsAnnouncedBeforeTheForm) {
  const std::string form_url = "/etablissements/750100109/financements/candidater";
  auto before = call(srv_, editor_, "GET", form_url + "?appel=care-d2");
  ASSERT_EQ(before.status, 200);
  EXPECT_NE(before.body.find("data-testid=\"funding-apply-form\""), std::string::npos);
  EXPECT_EQ(before.body.find("data-testid=\"funding-existing\""), std::string::npos);
  // The GHT named as the candidate, not the establishment.
  EXPECT_NE(before.body.find("Candidat : GHT Funding Pages, pour tous ses établissements."),
            std::string::npos);
  auto r = call(srv_, editor_, "POST", apply_, filing_ + "&amount_requested=300+000", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  const std::string page = r.header("location").substr(0, r.header("location").find('?'));
  for (const std::string& url : {form_url, form_url + "?appel=care-d2"}) {
    auto after = call(srv_, editor_, "GET", url);
    ASSERT_EQ(after.status, 200);
    EXPECT_NE(after.body.find("data-testid=\"funding-existing\""), std::string::npos) << url;
    EXPECT_NE(after.body.find("href=\"" + page + "\""), std::string::npos) << url;
    EXPECT_NE(after.body.find("Une seule candidature par candidat et par appel"),
              std::string::npos);
    EXPECT_EQ(after.body.find("data-testid=\"funding-apply-form\""), std::string::npos) << url;
  }
  // The other establishment of the GHT: the same candidature, named up front.
  auto other = call(srv_, national_, "GET", "/etablissements/750100117/financements/candidater");
  ASSERT_EQ(other.status, 200);
  EXPECT_NE(other.body.find("href=\"" + page + "\""), std::string::npos);
  // The server still refuses the second one, nothing stored.
  r = call(srv_, editor_, "POST", apply_, filing_ + "&amount_requested=300+000", kForm);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_candidatures"), 1);
}

// Trial of issue 18: the candidature form showed one refusal at a time. Every refused field is
// named at once: in the summary at the top (each linking to its field) and under its field
// (fr-input-group--error, its message naming it by its label); what was typed is kept; nothing
// stored. The API names them all in error.fields, the first one's code as the error's.
// « Comment faire ? » on each objective (issue 20 trial: only the compliance page's obligations
// had it): the FAQ entries, referentials and offers linked to the objective, national content
// and the offers of the candidature's region only; an objective nothing is linked to has none.
TEST_P(FundingPages, EachObjectiveSaysHowToReachIt) {
  auto offer = [&](const std::string& id, const std::string& region) {
    auto r = call(srv_, national_, "POST", "/api/v1/knowledge/entries",
                  R"({"id": ")" + id + R"(", "kind": "offer", "offer_kind": "service",
                      "provider": "P", "title": "Offre )" +
                      id + R"(", "summary": "S",
                      "theme": "continuite", "audiences": ["sanitaire"], "region": ")" +
                      region + R"(", "objectives": ["D2.01.C"]})",
                  "application/json");
    ASSERT_EQ(r.status, 201) << r.body;
  };
  ASSERT_NO_FATAL_FAILURE(offer("offre-francilienne-pca", "11"));
  ASSERT_NO_FATAL_FAILURE(offer("offre-bretonne-pca", "53"));
  auto r = call(srv_, editor_, "POST", apply_, filing_ + "&amount_requested=300+000", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  const std::string page = r.header("location").substr(0, r.header("location").find('?'));
  for (const auto* s : {&editor_, &ars_, &national_}) {
    auto body = call(srv_, *s, "GET", page).body;
    auto card = [&](const std::string& fid) {
      const auto at = body.find("data-testid=\"funding-objective-" + fid + "\"");
      if (at == std::string::npos) return std::string();
      return body.substr(at, body.find("data-testid=\"funding-objective-", at + 10) - at);
    };
    const auto pcra = card("D2_O1_C");
    ASSERT_FALSE(pcra.empty());
    EXPECT_NE(pcra.find(">Comment faire ?</button>"), std::string::npos);
    EXPECT_NE(pcra.find("href=\"/connaissances/entrees/faq-d2-o1-c-pcri\""), std::string::npos);
    EXPECT_NE(pcra.find("href=\"/connaissances/entrees/offre-francilienne-pca\""),
              std::string::npos);
    EXPECT_NE(pcra.find("(Île-de-France)"), std::string::npos);
    EXPECT_EQ(pcra.find("offre-bretonne-pca"), std::string::npos);
    // The objective's own page comes first, titled by the call; then the most specific
    // entries: the offer tied to D2.O1.C alone before the FAQ answer (D2.O1.C and D2.P2).
    const auto own = pcra.find("href=\"/connaissances/entrees/D2.O1.C\"");
    ASSERT_NE(own, std::string::npos);
    EXPECT_NE(pcra.find(">D2.O1.C — PCA/PRA fondés sur des BIA</a>"), std::string::npos);
    const auto offer_at = pcra.find("href=\"/connaissances/entrees/offre-francilienne-pca\"");
    const auto faq_at = pcra.find("href=\"/connaissances/entrees/faq-d2-o1-c-pcri\"");
    EXPECT_LT(own, offer_at);
    EXPECT_LT(offer_at, faq_at);
    // The call the reader is on is not among the helps (issue 20 trial): not the domain-2
    // funding offer, on any objective of the call.
    EXPECT_EQ(body.find("href=\"/connaissances/entrees/offre-care-domaine-2\""), std::string::npos);
    // D2.O2.A, the backup policy: its own page; not the PCRA question, which is D2.O1.C's.
    const auto other = card("D2_O2_A");
    ASSERT_FALSE(other.empty());
    EXPECT_NE(other.find(">Comment faire ?</button>"), std::string::npos);
    EXPECT_NE(other.find("href=\"/connaissances/entrees/D2.O2.A\""), std::string::npos);
    EXPECT_EQ(other.find("faq-d2-o1-c-pcri"), std::string::npos);
  }
}

// Trial of issue 18: domain 2 has no ceiling per candidature; the form says its envelope bounds
// the request, and one cent over it is refused under « Montant demandé », nothing stored; the
// whole envelope is accepted.
TEST_P(FundingPages, WithoutACeilingTheFormBoundsTheAmountByTheEnvelope) {
  auto form =
      call(srv_, editor_, "GET", "/etablissements/750100109/financements/candidater?appel=care-d2");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find(html("plafond : aucun par candidature, l'enveloppe de l'appel "
                                "(45\u00a0000\u00a0000\u00a0€) borne la demande")),
            std::string::npos)
      << form.body;
  auto r =
      call(srv_, editor_, "POST", apply_, filing_ + "&amount_requested=45+000+000%2C01", kForm);
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 300);
  EXPECT_TRUE(message_under(r.body, "amount_requested",
                            html("Montant demandé : 45\u00a0000\u00a0000,01\u00a0€ dépasse "
                                 "l'enveloppe de 45\u00a0000\u00a0000\u00a0€ de l'appel")))
      << r.body;
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_candidatures"), 0);
  r = call(srv_, editor_, "POST", apply_, filing_ + "&amount_requested=45+000+000", kForm);
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 300);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_candidatures"), 1);
}

TEST_P(FundingPages, TheCandidatureFormNamesEveryRefusalAtOnce) {
  // No contact, D2.P1 without justification, no amount; D2.P2 and the establishments typed.
  auto r = call(srv_, editor_, "POST", apply_,
                "call=care-d2&est_750100109=1&est_750100117=1&contacts=+&prereq_D2_P1=&"
                "prereq_D2_P2=Note+d%27organisation&amount_requested=",
                kForm);
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 300);
  const auto box = r.body.find("data-testid=\"funding-errors\"");
  ASSERT_NE(box, std::string::npos) << r.body;
  const std::string summary = r.body.substr(box, r.body.find("</div>", box) - box);
  EXPECT_NE(summary.find("<a href=\"#contacts\">Contacts : nommez au moins un contact.</a>"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("<a href=\"#prereq_D2_P1\">Prérequis D2.P1 ("), std::string::npos)
      << summary;
  EXPECT_NE(summary.find("<a href=\"#amount_requested\">Montant demandé : un montant en euros"),
            std::string::npos)
      << summary;
  EXPECT_EQ(summary.find("D2.P2"), std::string::npos) << "a prerequisite justified is not refused";
  // Under each field.
  EXPECT_TRUE(message_under(r.body, "contacts", "Contacts : nommez au moins un contact."));
  EXPECT_TRUE(message_under(r.body, "prereq_D2_P1", "Prérequis D2.P1 ("));
  EXPECT_TRUE(message_under(r.body, "amount_requested", "Montant demandé : un montant en euros"));
  auto group_of = [&](const std::string& id) {
    const auto at = r.body.find("id=\"" + id + "\"");
    const auto group = r.body.rfind("fr-input-group", at);
    return r.body.substr(group, at - group);
  };
  for (const char* id : {"contacts", "prereq_D2_P1", "amount_requested"})
    EXPECT_NE(group_of(id).find("fr-input-group--error"), std::string::npos) << id;
  EXPECT_EQ(group_of("prereq_D2_P2").find("fr-input-group--error"), std::string::npos);
  // What was typed is kept.
  EXPECT_NE(r.body.find("value=\"Note d&#39;organisation\""), std::string::npos);
  EXPECT_NE(r.body.find("name=\"est_750100117\" value=\"1\" checked"), std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_candidatures"), 0);

  // The API: every field in error.fields, the first one's code as the error's.
  auto x = call(srv_, editor_, "POST", "/api/v1/establishments/750100109/funding/candidatures",
                R"({"call":"care-d2","as_ght":true,"establishments":["750100109"],"contacts":[],)"
                R"("prerequisites":{"D2.P2":{"justification":"Note"}},"amount_requested":"0"})",
                "application/json");
  ASSERT_EQ(x.status, 422) << x.body;
  const auto j = nlohmann::json::parse(x.body)["error"];
  EXPECT_EQ(j["code"], "funding.ght_incomplete");
  std::vector<std::string> fields;
  for (const auto& f : j["fields"]) fields.push_back(f["field"]);
  EXPECT_EQ(fields, (std::vector<std::string>{"establishments", "contacts", "prerequisites.D2.P1",
                                              "amount_requested"}));
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_candidatures"), 0);
}

// A multipart body: plain fields, then files (field, file name, bytes).
const char* const kMultipart = "multipart/form-data; boundary=FpB0";
std::string multipart(const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<std::tuple<std::string, std::string, std::string>>& files) {
  std::string b;
  for (const auto& [k, v] : fields)
    b += "--FpB0\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
  for (const auto& [k, name, bytes] : files)
    b += "--FpB0\r\nContent-Disposition: form-data; name=\"" + k + "\"; filename=\"" + name +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
  return b + "--FpB0--\r\n";
}

// A domain 1 candidature of the GHT, validated by its ARS: the page's address.
class FundingProofPages : public FundingPages {
 protected:
  // A domain-1 candidature whose declaration (D1.O2.A reached) the ARS has accepted, at
  // 2025-06-10: ready for the national decision.
  std::string verified() {
    const auto page = d1_candidature();
    at("2025-06-01");
    auto r = call(srv_, editor_, "POST", page + "/declaration",
                  "reached_D1_O2_A=1&justification_D1_O2_A=Audit+SILENE", kForm);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
    at("2025-06-10");
    r = call(srv_, ars_, "POST", page + "/verification", "outcome_D1_O2_A=accepted", kForm);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
    return page;
  }
  std::string d1_candidature() {
    at("2024-04-01");
    auto r = call(srv_, editor_, "POST", apply_,
                  "call=care-d1&est_750100109=1&est_750100117=1&contacts=RSSI&"
                  "prereq_D1_P1=Club+SSI&amount_requested=100+000",
                  kForm);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
    const std::string page = r.header("location").substr(0, r.header("location").find('?'));
    at("2024-04-25");
    r = call(srv_, ars_, "POST", page + "/instruction-ars", "decision=validate", kForm);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
    return page;
  }
  std::string text(const std::string& sql) {
    auto s = srv_.db().db().lease();
    std::string out;
    soci::indicator ind = soci::i_null;
    *s << sql, soci::into(out, ind);
    return ind == soci::i_ok ? out : std::string();
  }
  long long number(const std::string& sql) {
    auto s = srv_.db().db().lease();
    long long out = 0;
    *s << sql, soci::into(out);
    return out;
  }
};

TEST_P(FundingProofPages, TheEstablishmentPageOffersToApplyWhileACallIsOpen) {
  const std::string est = "/etablissements/750100109";
  // 1 April 2024: domain 1 is open to the GHT; its editor may apply, its reader may not.
  at("2024-04-01");
  auto r = call(srv_, editor_, "GET", est);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("data-testid=\"funding-entry\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"/etablissements/750100109/financements/candidater?appel=care-d1\""),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(html("jusqu'au 19/04/2024")), std::string::npos);
  r = call(srv_, reader_, "GET", est);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("funding-entry-apply"), std::string::npos);
  // The ARS does not apply for a candidate.
  EXPECT_EQ(call(srv_, ars_, "GET", est).body.find("funding-entry-apply"), std::string::npos);
  // Filed: the entry leads to the candidature, no longer to the form; the reader sees it too.
  const auto page = d1_candidature();
  at("2024-04-10");
  r = call(srv_, editor_, "GET", est);
  EXPECT_EQ(r.body.find("funding-entry-apply"), std::string::npos);
  EXPECT_NE(r.body.find("href=\"" + page + "\" data-testid=\"funding-entry-candidature\""),
            std::string::npos);
  EXPECT_NE(call(srv_, reader_, "GET", est).body.find("funding-entry-candidature"),
            std::string::npos);
  // 15 November 2025: no call open (domain 1 and 2 closed, HospiConnect not yet open): none.
  at("2025-11-15");
  srv_.app().evidence().today = [] { return day("2025-11-15"); };
  r = call(srv_, editor_, "GET", "/etablissements/750100117");
  ASSERT_EQ(r.status, 404) << "CH Alpha's editor does not see CH Bêta";
  r = call(srv_, national_, "GET", "/etablissements/750100117");
  ASSERT_EQ(r.status, 200);
  // The GHT's candidature covering CH Bêta is still listed, the call closed: no form.
  EXPECT_NE(r.body.find("data-testid=\"funding-entry\""), std::string::npos);
  EXPECT_NE(r.body.find("href=\"" + page + "\" data-testid=\"funding-entry-candidature\""),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("candidatures closes le 19/04/2024"), std::string::npos);
  EXPECT_EQ(r.body.find("funding-entry-apply"), std::string::npos);
  // Without any candidature, a closed call is not listed.
  const auto lone = add("750100125", "CH Gamma", std::nullopt);
  (void)lone;
  EXPECT_EQ(call(srv_, national_, "GET", "/etablissements/750100125")
                .body.find("data-testid=\"funding-entry\""),
            std::string::npos);
}

TEST_P(FundingProofPages, ADeclarationWithTheProposedEvidenceAndAFile) {
  const auto page = d1_candidature();
  // An ADS report of CH Alpha dated 1 May 2024: an AD audit and its evidence record.
  auto r = call(srv_, editor_, "POST", "/etablissements/750100109/audit-ad/ads",
                multipart({{"date", "2024-05-01"}, {"level", "3"}},
                          {{"file", "ads.pdf", carepilot::testing::sample_pdf("Rapport ADS")}}),
                kMultipart);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  const long long ev = number("SELECT MAX(id) FROM evidence WHERE source LIKE 'ad_audit:%'");
  ASSERT_GT(ev, 0);
  const std::string box = "evidence_D1_O1_A_" + std::to_string(ev);

  // The form proposes it for D1.O1.A, in French (type, date, establishment), unchecked: CH Bêta
  // has no AD audit, so the records do not meet the objective; nothing for the declarative
  // D1.O2.A.
  at("2024-06-01");
  auto k = call(srv_, editor_, "GET", page);
  ASSERT_EQ(k.status, 200);
  EXPECT_NE(k.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  const auto at_box = k.body.find("id=\"" + box + "\"");
  ASSERT_NE(at_box, std::string::npos) << k.body;
  EXPECT_EQ(k.body.substr(at_box, 200).find(" checked"), std::string::npos);
  EXPECT_NE(k.body.find("data-testid=\"funding-not-met-D1_O1_A\""), std::string::npos);
  EXPECT_NE(k.body.find("Audit de sécurité Active Directory du 01/05/2024 — CH Alpha"),
            std::string::npos);
  EXPECT_EQ(k.body.find("2024-05-01"), std::string::npos);
  EXPECT_EQ(k.body.find("evidence_D1_O2_A_"), std::string::npos);

  const long long events_before = events();
  auto refused = [&](const std::string& body, const std::string& message) {
    auto x = call(srv_, editor_, "POST", page + "/declaration", body, kMultipart);
    EXPECT_EQ(x.status, 422) << x.body.substr(0, 400);
    EXPECT_NE(x.body.find(html(message)), std::string::npos) << message;
    EXPECT_EQ(count_rows(srv_.db().db(), "funding_declarations"), 0);
    EXPECT_EQ(count_rows(srv_.db().db(), "funding_files"), 0);
    EXPECT_EQ(events(), events_before);
    return x.body;
  };
  // Reached, the evidence unchecked and nothing else: refused, naming the objective and, the
  // records saying not met, what alone suffices — the justification (issue 18 trial: « joignez
  // une preuve », then a file alone refused).
  auto body = refused(multipart({{"reached_D1_O1_A", "1"}}, {}),
                      "Objectif D1.O1.A (Audit de sécurité de l'annuaire Active Directory "
                      "(obligatoire)) : non atteint selon les relevés de carepilot ; pour le "
                      "déclarer atteint, écrivez la justification");
  // The unchecked box stays unchecked.
  EXPECT_EQ(body.substr(body.find("id=\"" + box + "\""), 200).find(" checked"), std::string::npos)
      << body.substr(body.find("id=\"" + box + "\""), 200);
  // A file of a refused type: refused under its field, by its label; what was typed is kept.
  body = refused(
      multipart({{"reached_D1_O1_A", "1"}, {box, "1"}, {"justification_D1_O1_A", "Rapport ADS"}},
                {{"file_D1_O1_A", "outil.exe", "MZ\x90"}}),
      "Fichier joint à l'objectif D1.O1.A : type de fichier refusé pour « outil.exe »");
  EXPECT_TRUE(message_under(body, "file_D1_O1_A", html("Fichier joint à l'objectif D1.O1.A")));
  EXPECT_NE(body.find(">Rapport ADS</textarea>"), std::string::npos);
  EXPECT_NE(body.find("« outil.exe » n'a pas été enregistré : joignez-le de nouveau"),
            std::string::npos);
  EXPECT_NE(body.substr(body.find("id=\"" + box + "\""), 200).find(" checked"), std::string::npos);
  // A file over 5 Mio: refused.
  refused(multipart({{"reached_D1_O1_A", "1"}, {box, "1"}, {"justification_D1_O1_A", "ADS"}},
                    {{"file_D1_O1_A", "gros.txt", std::string((5u << 20) + 1, 'a')}}),
          "Fichier joint à l'objectif D1.O1.A : le fichier « gros.txt » dépasse la taille "
          "maximale de 5 Mio.");
  // A PDF whose content is not one: refused.
  refused(multipart({{"reached_D1_O1_A", "1"}, {box, "1"}, {"justification_D1_O1_A", "ADS"}},
                    {{"file_D1_O1_A", "faux.pdf", "pas un PDF"}}),
          "ne correspond pas à son extension .pdf");
  // Over the form's limit (four files of 5 Mio and the fields): 413, the form again with both
  // limits named and nothing stored (trial of 2026-12-03: 25 Mio cited « 20 Mio » only).
  {
    auto x = call(srv_, editor_, "POST", page + "/declaration",
                  multipart({{"reached_D1_O1_A", "1"}, {"justification_D1_O1_A", "ADS"}},
                            {{"file_D1_O1_A", "enorme.txt", std::string(22u << 20, 'a')}}),
                  kMultipart);
    EXPECT_EQ(x.status, 413);
    const auto at = x.body.find("Fichiers joints : leur taille totale dépasse");
    ASSERT_NE(at, std::string::npos) << x.body;
    EXPECT_NE(x.body.substr(at, 200).find("(chaque fichier est limité à 5"), std::string::npos)
        << x.body.substr(at, 200);
    EXPECT_EQ(count_rows(srv_.db().db(), "funding_declarations"), 0);
    EXPECT_EQ(count_rows(srv_.db().db(), "funding_files"), 0);
    EXPECT_EQ(events(), events_before);
  }
  // The API: the record alone is not enough either, D1.O1.A not being met by the records.
  {
    const std::string api = "/api/v1/establishments/750100109/funding/candidatures/" +
                            page.substr(page.rfind('/') + 1) + "/declarations";
    auto x = call(srv_, editor_, "POST", api,
                  R"({"objectives":{"D1.O1.A":{"reached":true,"evidence_ids":[)" +
                      std::to_string(ev) + "]}}}",
                  "application/json");
    EXPECT_EQ(x.status, 422) << x.body;
    EXPECT_NE(x.body.find("\"funding.justification_required\""), std::string::npos) << x.body;
    EXPECT_EQ(count_rows(srv_.db().db(), "funding_declarations"), 0);
  }
  // Reader: no declaration.
  EXPECT_EQ(call(srv_, reader_, "POST", page + "/declaration",
                 multipart({{"reached_D1_O1_A", "1"}, {box, "1"}}, {}), kMultipart)
                .status,
            403);

  // Accepted: D1.O1.A with the proposed evidence and a PDF, D1.O2.A with a justification only
  // (an empty file input is no file).
  const std::string pdf = carepilot::testing::sample_pdf("Attestation");
  r = call(srv_, editor_, "POST", page + "/declaration",
           multipart({{"reached_D1_O1_A", "1"},
                      {box, "1"},
                      {"justification_D1_O1_A", "CH Bêta : audit ADS prévu, rapport joint"},
                      {"reached_D1_O2_A", "1"},
                      {"justification_D1_O2_A", "Audit SILENE trimestriel"}},
                     {{"file_D1_O1_A", "attestation.pdf", pdf}, {"file_D1_O2_A", "", ""}}),
           kMultipart);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 800);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_files"), 1);
  EXPECT_EQ(text("SELECT file_name FROM funding_files"), "attestation.pdf");
  auto dossier = nlohmann::json::parse(text("SELECT dossier FROM funding_declarations"));
  for (const auto& o : dossier["objectives"]) {
    if (o["id"] == "D1.O1.A") {
      EXPECT_EQ(o["evidence_ids"], nlohmann::json::array({ev}));
      EXPECT_EQ(o["file"]["name"], "attestation.pdf");
    } else if (o["id"] == "D1.O2.A") {
      EXPECT_TRUE(o["evidence_ids"].empty());
      EXPECT_FALSE(o.contains("file"));
      EXPECT_EQ(o["justification"], "Audit SILENE trimestriel");
    }
  }
  k = call(srv_, ars_, "GET", page);
  EXPECT_NE(k.body.find("Audit de sécurité Active Directory du 01/05/2024 — CH Alpha — rapport "
                        "ADS, niveau 3"),
            std::string::npos);
  EXPECT_NE(k.body.find("GHT Funding Pages — « attestation.pdf », " +
                        french_file_size(static_cast<std::int64_t>(pdf.size()))),
            std::string::npos)
      << k.body;
}

// Trial of issue 18: the reviewer could not tell the evidence items apart (« Audit … du … »
// three times). Each reads what it is, whose, its day in French and what tells it apart (an
// AD audit's level, a file's name and size), with a link to its record where the reader sees
// it; the dossier PDF lists them all with the rule's computation, every header whole; the API
// answers the proposed items per objective.
TEST_P(FundingProofPages, TheReviewerTellsTheEvidenceApart) {
  const auto page = d1_candidature();
  const std::string id = page.substr(page.rfind('/') + 1);
  // Three ADS reports: two of CH Alpha (levels 3 and 2), one of CH Bêta (level 4), the latter
  // sent by national staff (CH Alpha's editor does not see CH Bêta).
  auto ads = [&](const Session& s, const char* finess, const char* date, const char* level) {
    auto r = call(srv_, s, "POST", std::string("/etablissements/") + finess + "/audit-ad/ads",
                  multipart({{"date", date}, {"level", level}},
                            {{"file", "ads.pdf", carepilot::testing::sample_pdf("Rapport ADS")}}),
                  kMultipart);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
    return number("SELECT MAX(id) FROM ad_audits");
  };
  const auto alpha1 = ads(editor_, "750100109", "2024-05-01", "3");
  const auto alpha2 = ads(editor_, "750100109", "2024-05-20", "2");
  const auto beta = ads(national_, "750100117", "2024-05-10", "4");
  const std::string line_a1 =
      "Audit de sécurité Active Directory du 01/05/2024 — CH Alpha — rapport ADS, niveau 3";
  const std::string line_a2 =
      "Audit de sécurité Active Directory du 20/05/2024 — CH Alpha — rapport ADS, niveau 2";
  const std::string line_b =
      "Audit de sécurité Active Directory du 10/05/2024 — CH Bêta — rapport ADS, niveau 4";
  auto link = [](const char* finess, long long audit) {
    return std::string("href=\"/etablissements/") + finess + "/audit-ad/" + std::to_string(audit) +
           "\"";
  };

  // The candidate's form: three distinct boxes, checked (the records meet the objective).
  at("2024-06-01");
  auto k = call(srv_, editor_, "GET", page);
  ASSERT_EQ(k.status, 200);
  for (const auto& line : {line_a1, line_a2, line_b})
    EXPECT_NE(k.body.find(">" + line + "</label>"), std::string::npos) << line << k.body;
  // The proposal beside the computation: CH Alpha's linked, CH Bêta's not (outside the
  // candidate's scope).
  EXPECT_NE(k.body.find(link("750100109", alpha1) + ">" + line_a1 + "</a>"), std::string::npos);
  EXPECT_EQ(k.body.find(link("750100117", beta)), std::string::npos);
  EXPECT_NE(k.body.find("<li>" + line_b + "</li>"), std::string::npos);

  std::vector<std::pair<std::string, std::string>> fields{
      {"reached_D1_O1_A", "1"}, {"justification_D1_O1_A", "Trois rapports ADS"}};
  for (auto audit : {alpha1, alpha2, beta})
    fields.push_back({"evidence_D1_O1_A_" +
                          std::to_string(number("SELECT evidence_id FROM ad_audits WHERE id = " +
                                                std::to_string(audit))),
                      "1"});
  ASSERT_EQ(fields.size(), 5u);
  const std::string pdf = carepilot::testing::sample_pdf("Attestation de l'éditeur");
  auto r = call(srv_, editor_, "POST", page + "/declaration",
                multipart(fields, {{"file_D1_O1_A", "attestation.pdf", pdf}}), kMultipart);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 800);
  const std::string file_line = "GHT Funding Pages — « attestation.pdf », " +
                                french_file_size(static_cast<std::int64_t>(pdf.size()));

  // The ARS's verification page and national staff's page: every item told apart, each linked.
  at("2024-06-02");
  for (const auto* s : {&ars_, &national_}) {
    k = call(srv_, *s, "GET", page);
    ASSERT_EQ(k.status, 200);
    const auto at = k.body.find("data-testid=\"funding-declared-D1_O1_A\"");
    ASSERT_NE(at, std::string::npos) << k.body;
    const std::string declared = k.body.substr(at, k.body.find("</ul>", at) - at);
    EXPECT_NE(declared.find(link("750100109", alpha1) + ">" + line_a1 + "</a>"), std::string::npos)
        << declared;
    EXPECT_NE(declared.find(link("750100109", alpha2) + ">" + line_a2 + "</a>"), std::string::npos)
        << declared;
    EXPECT_NE(declared.find(link("750100117", beta) + ">" + line_b + "</a>"), std::string::npos)
        << declared;
    // The joined file: linked to its download (whoever reads the candidature reads it).
    EXPECT_NE(declared.find("<li><a class=\"fr-link fr-text--sm\" href=\"" + page + "/fichiers/" +
                            std::to_string(number("SELECT MAX(id) FROM funding_files")) +
                            "\">Fichier joint du "),
              std::string::npos)
        << declared;
    EXPECT_NE(declared.find(file_line + "</a></li>"), std::string::npos) << declared;
    EXPECT_EQ(declared.find("2024-05"), std::string::npos) << "no ISO day";
    EXPECT_EQ(declared.find("T0"), std::string::npos) << "no ISO instant";
  }
  EXPECT_NE(call(srv_, ars_, "GET", page).body.find("data-testid=\"funding-verify-form\""),
            std::string::npos);

  // The dossier PDF: every item with the same words, the computation, the headers whole.
  const auto text = [&] {
    auto x = call(srv_, ars_, "GET", page + "/dossier.pdf");
    EXPECT_EQ(x.status, 200);
    return std::regex_replace(carepilot::testing::pdf_text(x.body), std::regex("[ \\n\\f]+"), " ");
  }();
  // pdftotext writes a no-break space as a space.
  auto spaces = [](std::string t) { return std::regex_replace(t, std::regex("\u00a0"), " "); };
  for (const auto& line : {line_a1, line_a2, line_b, file_line})
    EXPECT_NE(spaces(text).find(spaces(line)), std::string::npos) << line << "\n" << text;
  EXPECT_EQ(text.find("preuves jointes"), std::string::npos);
  EXPECT_NE(text.find("Atteint selon les relevés : CH Alpha :"), std::string::npos) << text;
  for (const char* header : {"Objectif", "Déclaration", "Preuves", "Calcul de carepilot"})
    EXPECT_NE(text.find(header), std::string::npos) << header << "\n" << text;

  // The API: per objective the computation and the proposed items, described.
  auto api = call(srv_, ars_, "GET", "/api/v1/establishments/750100109/funding/candidatures/" + id);
  ASSERT_EQ(api.status, 200) << api.body.substr(0, 300);
  const auto j = nlohmann::json::parse(api.body);
  nlohmann::json o1;
  for (const auto& o : j["objectives"])
    if (o["id"] == "D1.O1.A") o1 = o;
  ASSERT_TRUE(o1.is_object()) << api.body.substr(0, 2000);
  EXPECT_EQ(o1["computed"]["rule"], "ad_audit_done");
  EXPECT_EQ(o1["computed"]["verdict"], "met");
  EXPECT_NE(o1["computed"]["words"].get<std::string>().find("CH Bêta"), std::string::npos);
  ASSERT_EQ(o1["proposed"].size(), 3u) << o1.dump(1);
  std::set<std::string> details;
  for (const auto& e : o1["proposed"]) {
    EXPECT_EQ(e["kind"], "ad_audit");
    EXPECT_TRUE(e["id"].is_number_integer());
    EXPECT_TRUE(e["finess"] == "750100109" || e["finess"] == "750100117") << e.dump();
    details.insert(e["establishment"].get<std::string>() + " " + e["date"].get<std::string>() +
                   " " + e["detail"].get<std::string>());
  }
  EXPECT_EQ(details, (std::set<std::string>{"CH Alpha 2024-05-01 rapport ADS, niveau 3",
                                            "CH Alpha 2024-05-20 rapport ADS, niveau 2",
                                            "CH Bêta 2024-05-10 rapport ADS, niveau 4"}));
  // The declarative objective: no computation, nothing proposed.
  for (const auto& o : j["objectives"])
    if (o["id"] == "D1.O2.A") {
      EXPECT_TRUE(o["computed"].is_null());
      EXPECT_TRUE(o["proposed"].empty());
    }
  // The frozen dossier holds the descriptions.
  const auto& frozen = j["declarations"][0]["dossier"]["objectives"];
  for (const auto& o : frozen)
    if (o["id"] == "D1.O1.A") {
      ASSERT_EQ(o["evidence"].size(), 3u);
      for (const auto& e : o["evidence"]) EXPECT_NE(e["detail"], "");
      EXPECT_EQ(o["file"]["size"], static_cast<long long>(pdf.size()));
    }
}

TEST_P(FundingProofPages, ANationalExceptionToAPassedDeadline) {
  const auto page = d1_candidature();
  // 15 July 2025: the declarations closed on 30 June 2025.
  at("2025-07-15");
  auto k = call(srv_, national_, "GET", page);
  ASSERT_EQ(k.status, 200);
  EXPECT_NE(k.body.find("data-testid=\"funding-exception-form\""), std::string::npos);
  EXPECT_NE(k.body.find("du 30/06/2025 est passée"), std::string::npos) << k.body;
  EXPECT_EQ(call(srv_, editor_, "GET", page).body.find("funding-exception-form"),
            std::string::npos);
  EXPECT_EQ(call(srv_, ars_, "GET", page).body.find("funding-exception-form"), std::string::npos);
  // Before the deadline, no form.
  at("2025-06-30");
  EXPECT_EQ(call(srv_, national_, "GET", page).body.find("funding-exception-form"),
            std::string::npos);
  // Nor may it be posted: no deadline of the current step has passed (page and API).
  {
    const long long n = events();
    auto x = call(srv_, national_, "POST", page + "/exception",
                  "until=2025-07-31&reason=Sans+objet", kForm);
    EXPECT_EQ(x.status, 422);
    EXPECT_NE(x.body.find("Dérogation : aucune échéance de l&#39;étape en cours n&#39;est passée"),
              std::string::npos)
        << x.body.substr(0, 2000);
    const std::string api = "/api/v1/establishments/750100109/funding/candidatures/" +
                            page.substr(page.rfind('/') + 1) + "/exception";
    x = call(srv_, national_, "POST", api, R"({"until":"2025-07-31","reason":"Sans objet"})",
             "application/json");
    EXPECT_EQ(x.status, 422) << x.body;
    EXPECT_NE(x.body.find("\"funding.no_deadline_passed\""), std::string::npos) << x.body;
    EXPECT_EQ(events(), n);
  }
  at("2025-07-15");
  // The late declaration is refused without an exception.
  const std::string declaration = "reached_D1_O2_A=1&justification_D1_O2_A=Audit+SILENE";
  auto r = call(srv_, editor_, "POST", page + "/declaration", declaration, kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("une dérogation nationale est nécessaire"), std::string::npos);
  // The establishment's calendar holds the passed closing on today, late, saying an exception
  // is needed (issue 18 trial: a passed deadline vanished from the calendar); the day before
  // the closing it stands on its own day, not late.
  {
    const std::string id = page.substr(page.rfind('/') + 1);
    for (const char* d : {"2025-07-15", "2025-06-30"}) {
      srv_.app().evidence().today = [d] { return day(d); };
      auto ics = call(srv_, editor_, "GET", "/etablissements/750100109/echeances.ics");
      ASSERT_EQ(ics.status, 200);
      const std::string body = unfold(ics.body);
      const bool late = std::string(d) == "2025-07-15";
      const std::string uid = "UID:care-candidature-" + id + "-declaration_close-" +
                              (late ? "20250715" : "20250630") + "@carepilot";
      EXPECT_NE(body.find(uid), std::string::npos) << d << body.substr(0, 3000);
      EXPECT_EQ(body.find("En retard : Clôture des déclarations de la candidature n° " + id) !=
                    std::string::npos,
                late)
          << body;
      EXPECT_EQ(body.find("Échéance du 30/06/2025 dépassée") != std::string::npos, late) << body;
    }
    srv_.app().evidence().today = [] { return day("2025-07-15"); };
  }

  const long long before = events();
  const std::string grant = "until=2025-07-31&reason=Cyberattaque+en+cours";
  // Only national staff: the ARS is refused (403), another region's ARS and a candidate too.
  EXPECT_EQ(call(srv_, ars_, "POST", page + "/exception", grant, kForm).status, 403);
  EXPECT_EQ(call(srv_, other_ars_, "POST", page + "/exception", grant, kForm).status, 404);
  EXPECT_EQ(call(srv_, editor_, "POST", page + "/exception", grant, kForm).status, 403);
  // Missing fields, named by their label under the field.
  r = call(srv_, national_, "POST", page + "/exception", "until=&reason=Cyberattaque", kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(message_under(r.body, "until", html("Jusqu'au : une date est attendue."))) << r.body;
  EXPECT_NE(r.body.find(">Cyberattaque</textarea>"), std::string::npos);
  r = call(srv_, national_, "POST", page + "/exception", "until=2025-07-31&reason=", kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(message_under(r.body, "exception-reason", "Motif : dites pourquoi"));
  EXPECT_NE(r.body.find("value=\"2025-07-31\""), std::string::npos);
  r = call(srv_, national_, "POST", page + "/exception", "until=2025-07-01&reason=Trop+tard",
           kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(message_under(r.body, "until", html("Jusqu'au : la date de fin est passée.")));
  EXPECT_EQ(events(), before);

  r = call(srv_, national_, "POST", page + "/exception", grant, kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  EXPECT_EQ(events(), before + 1);
  k = call(srv_, editor_, "GET", r.header("location"));
  EXPECT_NE(k.body.find("Dérogation accordée."), std::string::npos);
  const auto shown = k.body.find("data-testid=\"funding-exception\"");
  ASSERT_NE(shown, std::string::npos);
  const std::string dd = k.body.substr(shown, k.body.find("</dd>", shown) - shown);
  EXPECT_NE(dd.find("Jusqu'au 31/07/2025 : Cyberattaque en cours"), std::string::npos) << dd;
  EXPECT_NE(dd.find("par cnp@test.fr"), std::string::npos);
  EXPECT_NE(dd.find("accordée le "), std::string::npos);
  EXPECT_EQ(dd.find("2025-07"), std::string::npos);
  // The calendar subscription holds the exception's end instead of the passed closing (issue
  // 18 trial: the feed ignored the exception).
  {
    srv_.app().evidence().today = [] { return day("2025-07-15"); };
    auto u =
        make_user(srv_, "agenda@test.fr", Role::establishment_reader, Scope::establishment(a_));
    auto raw = srv_.app().auth_store().create_calendar_feed(u.id, Actor{"test", "", "", ""});
    auto feed = srv_.get("/calendrier/" + raw + "/echeances.ics");
    ASSERT_EQ(feed.status, 200);
    const std::string id = page.substr(page.rfind('/') + 1);
    EXPECT_NE(
        feed.body.find("UID:care-candidature-" + id + "-declaration_close-20250731@carepilot"),
        std::string::npos)
        << feed.body.substr(0, 3000);
    EXPECT_EQ(feed.body.find("-declaration_close-20250630"), std::string::npos);
    EXPECT_NE(feed.body.find("dérogation nationale"), std::string::npos);
  }
  // The establishment's calendar file holds it too (issue 18 trial: it had no funding event),
  // in French; an establishment the candidature does not cover has none.
  {
    srv_.app().evidence().today = [] { return day("2025-07-15"); };
    const std::string id = page.substr(page.rfind('/') + 1);
    for (const auto* s : {&editor_, &national_}) {
      auto ics = call(srv_, *s, "GET", "/etablissements/750100109/echeances.ics");
      ASSERT_EQ(ics.status, 200);
      const std::string body = unfold(ics.body);
      EXPECT_NE(body.find("UID:care-candidature-" + id + "-declaration_close-20250731@carepilot"),
                std::string::npos)
          << body.substr(0, 3000);
      EXPECT_EQ(body.find("-declaration_close-20250630"), std::string::npos);
      EXPECT_NE(body.find("SUMMARY:Programme CaRE : Clôture des déclarations de la candidature "
                          "n° " +
                          id),
                std::string::npos)
          << body;
      EXPECT_NE(body.find("Échéance du calendrier (30/06/2025) reportée au 31/07/2025 par "
                          "dérogation nationale"),
                std::string::npos)
          << body;
      EXPECT_EQ(body.find("declaration_close ("), std::string::npos);
    }
    add("750100125", "CH Gamma", std::nullopt);
    auto other = call(srv_, national_, "GET", "/etablissements/750100125/echeances.ics");
    ASSERT_EQ(other.status, 200);
    EXPECT_EQ(other.body.find("candidature-"), std::string::npos) << other.body;
  }
  // The candidate now declares, late, under the exception.
  r = call(srv_, editor_, "POST", page + "/declaration", declaration, kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  EXPECT_NE(call(srv_, editor_, "GET", page).body.find("hors délai, sous dérogation nationale"),
            std::string::npos);
}

// Trial of issue 18: the ARS could not tell its candidatures apart by state. DSFR tags with
// their counts filter the table (`?etat=`); a value the filter does not know is said, not applied.
TEST_P(FundingProofPages, TheListFiltersByState) {
  d1_candidature();
  // The calls' calendar steps in date order (issue 18 trial: domain 1's operational start,
  // 18/03/2024, came after the ARS's instruction, 21/05/2024).
  {
    auto l = call(srv_, ars_, "GET", "/financements");
    const auto start = l.body.find("Début de la phase opérationnelle : 18/03/2024");
    const auto close = l.body.find("Clôture des candidatures : 19/04/2024");
    const auto ars = l.body.find("Fin de l&#39;instruction par l&#39;ARS : 21/05/2024");
    ASSERT_NE(start, std::string::npos) << l.body.substr(0, 4000);
    ASSERT_NE(close, std::string::npos);
    ASSERT_NE(ars, std::string::npos) << l.body.substr(0, 4000);
    EXPECT_LT(start, close);
    EXPECT_LT(close, ars);
  }
  auto rows = [](const std::string& body) {
    std::size_t n = 0;
    for (auto at = body.find("data-testid=\"funding-row-state\""); at != std::string::npos;
         at = body.find("data-testid=\"funding-row-state\"", at + 1))
      ++n;
    return n;
  };
  auto all = call(srv_, ars_, "GET", "/financements");
  ASSERT_EQ(all.status, 200);
  EXPECT_NE(all.body.find("data-testid=\"funding-state-tags\""), std::string::npos);
  EXPECT_NE(all.body.find(">Toutes (1)</a>"), std::string::npos) << all.body;
  EXPECT_NE(all.body.find("href=\"/financements?etat=operational\""), std::string::npos);
  EXPECT_NE(all.body.find(">En phase opérationnelle (1)</a>"), std::string::npos);
  EXPECT_EQ(all.body.find("?etat=filed\""), std::string::npos) << "no tag for an empty state";
  EXPECT_EQ(rows(all.body), 1u);
  auto on = call(srv_, ars_, "GET", "/financements?etat=operational");
  EXPECT_EQ(rows(on.body), 1u);
  EXPECT_NE(on.body.find("href=\"/financements?etat=operational\" aria-current=\"true\""),
            std::string::npos);
  EXPECT_NE(on.body.find("état « En phase opérationnelle »"), std::string::npos);
  auto off = call(srv_, ars_, "GET", "/financements?etat=filed");
  ASSERT_EQ(off.status, 200);
  EXPECT_EQ(rows(off.body), 0u);
  EXPECT_NE(off.body.find("Aucune candidature dans votre périmètre"), std::string::npos);
  auto bad = call(srv_, ars_, "GET", "/financements?etat=bogus");
  ASSERT_EQ(bad.status, 200);
  EXPECT_EQ(rows(bad.body), 1u);
  EXPECT_NE(bad.body.find("ne connaît pas la valeur « bogus »"), std::string::npos)
      << bad.body.substr(0, 3000);
  EXPECT_EQ(all.body.find("ne connaît pas la valeur"), std::string::npos);
}

// Trial of issue 18: a passed deadline was hidden until the user submitted. The candidature
// page and « Ce qui vous attend » say it up front, the act's form is not offered, national staff
// see what waits for their exception; an exception covering a later step is said on that step.
TEST_P(FundingProofPages, APassedDeadlineIsSaidBeforeSubmitting) {
  const auto page = d1_candidature();
  const std::string id = page.substr(page.rfind('/') + 1);
  const std::string late =
      "En retard depuis le 30/06/2025 : une dérogation nationale est "
      "nécessaire (échéance « Clôture des déclarations »).";
  auto waiting_of = [&](const Session& s) {
    auto l = call(srv_, s, "GET", "/financements");
    EXPECT_EQ(l.status, 200);
    const auto w = l.body.find("data-testid=\"funding-waiting\"");
    return w == std::string::npos ? std::string() : l.body.substr(w, l.body.find("</ul>", w) - w);
  };
  // The day of the closing: the form, nothing late; national staff wait for nothing.
  at("2025-06-30");
  auto k = call(srv_, editor_, "GET", page);
  ASSERT_EQ(k.status, 200);
  EXPECT_NE(k.body.find("data-testid=\"funding-declare-form\""), std::string::npos);
  EXPECT_EQ(k.body.find("data-testid=\"funding-late\""), std::string::npos);
  EXPECT_EQ(waiting_of(editor_).find("En retard"), std::string::npos);
  EXPECT_EQ(waiting_of(national_).find("Candidature n° " + id), std::string::npos);
  // The day after: said on the page, no form; the candidate's and national staff's lists say it.
  at("2025-07-01");
  k = call(srv_, editor_, "GET", page);
  EXPECT_NE(k.body.find(html(late)), std::string::npos) << k.body.substr(0, 3000);
  EXPECT_EQ(k.body.find("data-testid=\"funding-declare-form\""), std::string::npos);
  EXPECT_EQ(k.body.find("data-testid=\"funding-declare-second-factor\""), std::string::npos);
  EXPECT_NE(waiting_of(editor_).find(html(late)), std::string::npos) << waiting_of(editor_);
  const auto national_waiting = waiting_of(national_);
  EXPECT_NE(national_waiting.find("Candidature n° " + id), std::string::npos) << national_waiting;
  EXPECT_NE(national_waiting.find(html(late)), std::string::npos);

  // An exception until 15 October 2025: the declaration is offered again, said so.
  auto r = call(srv_, national_, "POST", page + "/exception",
                "until=2025-10-15&reason=Cyberattaque+en+cours.", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  // The calendar says the exception's reason with one full stop (issue 18 trial: « .. »).
  {
    auto ics = call(srv_, editor_, "GET", "/etablissements/750100109/echeances.ics");
    ASSERT_EQ(ics.status, 200);
    const std::string body = unfold(ics.body);
    EXPECT_NE(body.find("Cyberattaque en cours."), std::string::npos) << body.substr(0, 3000);
    EXPECT_EQ(body.find("Cyberattaque en cours.."), std::string::npos) << body.substr(0, 3000);
  }
  k = call(srv_, editor_, "GET", page);
  EXPECT_NE(k.body.find("sous dérogation nationale jusqu&#39;au 15/10/2025"), std::string::npos)
      << k.body.substr(0, 3000);
  EXPECT_NE(k.body.find("data-testid=\"funding-declare-form\""), std::string::npos);
  EXPECT_EQ(waiting_of(national_).find("Candidature n° " + id), std::string::npos);
  at("2025-07-15");
  r = call(srv_, editor_, "POST", page + "/declaration",
           "reached_D1_O2_A=1&justification_D1_O2_A=Audit+SILENE", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  // The ARS verification closes on 30 September 2025: on the day, nothing late.
  at("2025-09-30");
  k = call(srv_, ars_, "GET", page);
  EXPECT_EQ(k.body.find("data-testid=\"funding-late\""), std::string::npos);
  EXPECT_NE(k.body.find("data-testid=\"funding-verify-form\""), std::string::npos);
  // A first verification: no earlier verdict of the ARS to show.
  EXPECT_EQ(k.body.find("data-testid=\"funding-verify-earlier-"), std::string::npos);
  // After it, the exception still runs and covers this later step: said on its page.
  at("2025-10-01");
  k = call(srv_, ars_, "GET", page);
  EXPECT_NE(k.body.find(html("En retard depuis le 30/09/2025 (échéance « Fin de la vérification "
                             "par l'ARS »), sous dérogation nationale jusqu'au 15/10/2025.")),
            std::string::npos)
      << k.body.substr(0, 3000);
  EXPECT_NE(k.body.find("data-testid=\"funding-verify-form\""), std::string::npos);
  // Once it ended, the verification form gives way to the explanation.
  at("2025-10-16");
  k = call(srv_, ars_, "GET", page);
  EXPECT_NE(k.body.find(html("En retard depuis le 30/09/2025 : une dérogation nationale est "
                             "nécessaire (échéance « Fin de la vérification par l'ARS »).")),
            std::string::npos);
  EXPECT_EQ(k.body.find("data-testid=\"funding-verify-form\""), std::string::npos);
  EXPECT_NE(waiting_of(national_).find("Candidature n° " + id), std::string::npos);
}

// Trial of issue 18: the ARS picks every verdict; none is chosen beforehand, and a verification
// leaving one out is refused naming the objective, the chosen ones kept (page and API).
TEST_P(FundingProofPages, TheVerificationHasNoVerdictChosenBeforehand) {
  const auto page = d1_candidature();
  at("2024-06-01");
  auto r = call(srv_, editor_, "POST", page + "/declaration",
                "reached_D1_O1_A=1&justification_D1_O1_A=Audit+ADS+externe&reached_D1_O2_A=1&"
                "justification_D1_O2_A=Audit+SILENE",
                kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 800);
  at("2024-06-02");
  auto select = [](const std::string& body, const std::string& fid) {
    const auto a = body.find("id=\"outcome_" + fid + "\"");
    if (a == std::string::npos) return std::string();
    return body.substr(a, body.find("</select>", a) - a);
  };
  auto k = call(srv_, ars_, "GET", page);
  ASSERT_EQ(k.status, 200);
  for (const char* fid : {"D1_O1_A", "D1_O2_A"}) {
    const auto s = select(k.body, fid);
    ASSERT_FALSE(s.empty()) << fid;
    EXPECT_NE(s.find("<option value=\"\" selected>— choisir —</option>"), std::string::npos) << s;
    EXPECT_EQ(s.find("\" selected>Accepté"), std::string::npos) << s;
  }
  const long long before = events();
  r = call(srv_, ars_, "POST", page + "/verification",
           "outcome_D1_O2_A=accepted&outcome_D1_O1_A=", kForm);
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
  EXPECT_NE(r.body.find(html("Vérification : l'objectif D1.O1.A (Audit de sécurité de l'annuaire "
                             "Active Directory (obligatoire)) attend votre avis")),
            std::string::npos)
      << r.body;
  EXPECT_NE(select(r.body, "D1_O2_A").find("value=\"accepted\" selected"), std::string::npos)
      << select(r.body, "D1_O2_A");
  EXPECT_NE(select(r.body, "D1_O1_A").find("<option value=\"\" selected>"), std::string::npos);
  EXPECT_EQ(events(), before);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_verifications"), 0);
  // The API too, with its stable code.
  const std::string api = "/api/v1/establishments/750100109/funding/candidatures/" +
                          page.substr(page.rfind('/') + 1) + "/verifications";
  auto x = call(srv_, ars_, "POST", api, R"({"verdicts":{"D1.O2.A":{"outcome":"accepted"}}})",
                "application/json");
  EXPECT_EQ(x.status, 422) << x.body;
  EXPECT_NE(x.body.find("\"funding.verdict_required\""), std::string::npos) << x.body;
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_verifications"), 0);
  // Both chosen: recorded.
  r = call(srv_, ars_, "POST", page + "/verification",
           "outcome_D1_O2_A=accepted&outcome_D1_O1_A=accepted", kForm);
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_verifications"), 2);
}

// Trial of issue 18: an objective the records do not meet (no AD audit) is not declared reached
// with a file alone, on the page or through the API; with its justification it is.
TEST_P(FundingProofPages, NotMetByTheRecordsNeedsAWrittenJustification) {
  const auto page = d1_candidature();
  at("2024-06-01");
  auto k = call(srv_, editor_, "GET", page);
  ASSERT_EQ(k.status, 200);
  EXPECT_NE(k.body.find("data-testid=\"funding-not-met-D1_O1_A\""), std::string::npos);
  // « Ce qui manque » says what is missing, not the computation again.
  EXPECT_NE(k.body.find("Ce qui manque : CH Alpha : Un audit de l&#39;annuaire Active Directory "
                        "entre le"),
            std::string::npos)
      << k.body;
  EXPECT_EQ(k.body.find("Ce qui manque : CH Alpha : Aucun audit"), std::string::npos);
  const std::string pdf = carepilot::testing::sample_pdf("Attestation");
  auto r =
      call(srv_, editor_, "POST", page + "/declaration",
           multipart({{"reached_D1_O1_A", "1"}}, {{"file_D1_O1_A", "audit.pdf", pdf}}), kMultipart);
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
  EXPECT_NE(r.body.find(html("Objectif D1.O1.A (Audit de sécurité de l'annuaire Active Directory "
                             "(obligatoire)) : non atteint selon les relevés")),
            std::string::npos)
      << r.body;
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_declarations"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_files"), 0);
  r = call(srv_, editor_, "POST", page + "/declaration",
           multipart({{"reached_D1_O1_A", "1"}, {"justification_D1_O1_A", "Audit ADS externe"}},
                     {{"file_D1_O1_A", "audit.pdf", pdf}}),
           kMultipart);
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
}

// Trial of issue 18: once declared, the reviewer reads the computation frozen in the
// declaration (the dossier PDF's), dated; today's recomputation only beside it, labelled.
TEST_P(FundingProofPages, TheReviewerReadsTheComputationFrozenInTheDeclaration) {
  const auto page = d1_candidature();
  at("2024-06-01");
  auto k = call(srv_, editor_, "GET", page);
  ASSERT_EQ(k.status, 200);
  // No declaration yet: no frozen computation, no « aujourd'hui » label.
  EXPECT_EQ(k.body.find("data-testid=\"funding-frozen-D1_O1_A\""), std::string::npos);
  EXPECT_EQ(k.body.find("data-testid=\"funding-today-D1_O1_A\""), std::string::npos);
  const std::string pdf = carepilot::testing::sample_pdf("Attestation");
  auto r =
      call(srv_, editor_, "POST", page + "/declaration",
           multipart({{"reached_D1_O1_A", "1"}, {"justification_D1_O1_A", "Audit ADS externe"}},
                     {{"file_D1_O1_A", "audit.pdf", pdf}}),
           kMultipart);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  // After the declaration, CH Alpha's and CH Bêta's audits are recorded.
  at("2024-06-05");
  for (const auto* finess : {"750100109", "750100117"}) {
    r = call(srv_, national_, "POST", std::string("/etablissements/") + finess + "/audit-ad/ads",
             multipart({{"date", "2024-06-04"}, {"level", "3"}},
                       {{"file", "ads.pdf", carepilot::testing::sample_pdf("Rapport ADS")}}),
             kMultipart);
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  }
  for (const auto* s : {&ars_, &national_}) {
    k = call(srv_, *s, "GET", page);
    ASSERT_EQ(k.status, 200);
    const auto card = k.body.find("data-testid=\"funding-objective-D1_O1_A\"");
    ASSERT_NE(card, std::string::npos);
    const auto f = k.body.find("data-testid=\"funding-frozen-D1_O1_A\"", card);
    const auto t = k.body.find("data-testid=\"funding-today-D1_O1_A\"", card);
    ASSERT_NE(f, std::string::npos) << k.body;
    ASSERT_NE(t, std::string::npos) << k.body;
    ASSERT_LT(f, t);
    const std::string frozen = k.body.substr(f, t - f);
    EXPECT_NE(frozen.find("Calcul figé dans la déclaration du 01/06/2024"), std::string::npos)
        << frozen;
    EXPECT_NE(frozen.find("Non atteint selon les relevés"), std::string::npos) << frozen;
    EXPECT_NE(frozen.find("CH Alpha : Aucun audit"), std::string::npos) << frozen;
    // One line per establishment (issue 18 trial: one long paragraph).
    EXPECT_NE(frozen.find("data-testid=\"funding-computation-lines\""), std::string::npos)
        << frozen;
    EXPECT_NE(frozen.find("<li>CH Alpha : Aucun audit"), std::string::npos) << frozen;
    EXPECT_NE(frozen.find("<li>CH Bêta : Aucun audit"), std::string::npos) << frozen;
    const std::string today = k.body.substr(t, k.body.find("Déclaration</p>", t) - t);
    EXPECT_NE(today.find("Selon les relevés d'aujourd'hui (05/06/2024)"), std::string::npos)
        << today;
    EXPECT_EQ(today.find("CH Alpha : Aucun audit"), std::string::npos) << today;
    // Today's records proposed under their own heading, set apart from the frozen dossier's
    // (issue 18 trial: one list ran into the other).
    EXPECT_NE(frozen.find("<hr"), std::string::npos) << frozen;
    EXPECT_EQ(frozen.find("Relevés d'aujourd'hui proposés"), std::string::npos);
    const auto heading = today.find("Relevés d'aujourd'hui proposés");
    ASSERT_NE(heading, std::string::npos) << today;
    EXPECT_LT(heading, today.find("data-testid=\"funding-proposed-D1_O1_A\""));
  }
  // The dossier PDF is the frozen computation too.
  const auto id = number("SELECT MAX(id) FROM funding_declarations");
  r = call(srv_, ars_, "GET", page + "/dossier.pdf?declaration=" + std::to_string(id));
  ASSERT_EQ(r.status, 200);
}

// Trial of issue 18: a file a complement carries forward keeps its own date (it read the
// complement's), and the page and the dossier PDF say which objectives were carried over from
// which earlier declaration.
TEST_P(FundingProofPages, ACarriedForwardFileKeepsItsDate) {
  const auto page = d1_candidature();
  at("2024-06-01");
  const std::string pdf = carepilot::testing::sample_pdf("Attestation");
  auto r = call(srv_, editor_, "POST", page + "/declaration",
                multipart({{"reached_D1_O1_A", "1"},
                           {"justification_D1_O1_A", "Audit ADS externe"},
                           {"reached_D1_O2_A", "1"},
                           {"justification_D1_O2_A", "Audit SILENE"}},
                          {{"file_D1_O1_A", "audit.pdf", pdf}}),
                kMultipart);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  at("2024-06-02");
  r = call(srv_, ars_, "POST", page + "/verification",
           "outcome_D1_O1_A=accepted&outcome_D1_O2_A=more_requested&"
           "comment_D1_O2_A=Joindre+le+rapport",
           kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  at("2024-06-20");
  // The complement's field repeats the ARS's request beside it (issue 18 trial); the first
  // verification form had no earlier verdict to show.
  {
    auto form = call(srv_, editor_, "GET", page);
    const auto asked = form.body.find("data-testid=\"funding-asked-D1_O2_A\"");
    ASSERT_NE(asked, std::string::npos) << form.body.substr(0, 3000);
    const std::string line = form.body.substr(asked, form.body.find("</p>", asked) - asked);
    EXPECT_NE(line.find("« Joindre le rapport »"), std::string::npos) << line;
    EXPECT_NE(line.find("le 02/06/2024"), std::string::npos) << line;
    EXPECT_EQ(form.body.find("data-testid=\"funding-asked-D1_O1_A\""), std::string::npos);
  }
  r = call(srv_, editor_, "POST", page + "/declaration",
           "reached_D1_O2_A=1&justification_D1_O2_A=Rapport+SILENE+du+mois", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  auto k = call(srv_, ars_, "GET", page);
  ASSERT_EQ(k.status, 200);
  // The verification form shows the ARS's own earlier comment beside the objective it re-judges.
  {
    const auto earlier = k.body.find("data-testid=\"funding-verify-earlier-D1_O2_A\"");
    ASSERT_NE(earlier, std::string::npos) << k.body.substr(0, 3000);
    const std::string line = k.body.substr(earlier, k.body.find("</p>", earlier) - earlier);
    EXPECT_NE(line.find("Compléments demandés — « Joindre le rapport »"), std::string::npos)
        << line;
  }
  const auto d1 = k.body.find("data-testid=\"funding-declared-D1_O1_A\"");
  ASSERT_NE(d1, std::string::npos) << k.body;
  const std::string declared = k.body.substr(d1, k.body.find("</ul>", d1) - d1);
  EXPECT_NE(declared.find("Fichier joint du 01/06/2024"), std::string::npos) << declared;
  EXPECT_EQ(declared.find("20/06/2024"), std::string::npos) << declared;
  const auto kept = k.body.find("data-testid=\"funding-kept-D1_O1_A\"");
  ASSERT_NE(kept, std::string::npos) << k.body;
  EXPECT_NE(k.body.substr(kept, 200).find("Repris sans changement de la déclaration du 01/06/2024"),
            std::string::npos)
      << k.body.substr(kept, 200);
  // The re-declared objective is not said to be carried over.
  EXPECT_EQ(k.body.find("data-testid=\"funding-kept-D1_O2_A\""), std::string::npos);
  r = call(srv_, ars_, "GET", page + "/dossier.pdf");
  ASSERT_EQ(r.status, 200);
  const auto text =
      std::regex_replace(carepilot::testing::pdf_text(r.body), std::regex("[ \\n\\f]+"), " ");
  EXPECT_NE(text.find("Objectifs repris sans changement de la déclaration du 01/06/2024"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Fichier joint du 01/06/2024"), std::string::npos) << text;
  EXPECT_EQ(text.find("Fichier joint du 20/06/2024"), std::string::npos) << text;

  // The ARS accepts the complement: its earlier comment stays, dated and attributed, on the
  // page and in the dossier PDF (issue 18 trial: it vanished).
  at("2024-06-25");
  r = call(srv_, ars_, "POST", page + "/verification", "outcome_D1_O2_A=accepted", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  k = call(srv_, editor_, "GET", page);
  const auto v = k.body.find("data-testid=\"funding-verdicts-D1_O2_A\"");
  ASSERT_NE(v, std::string::npos) << k.body;
  const std::string trail = k.body.substr(v, k.body.find("</div>", v) - v);
  const auto asked = trail.find("Joindre le rapport");
  ASSERT_NE(asked, std::string::npos) << trail;
  EXPECT_NE(trail.find("le 02/06/2024"), std::string::npos) << trail;
  const auto accepted = trail.find("le 25/06/2024");
  ASSERT_NE(accepted, std::string::npos) << trail;
  EXPECT_LT(asked, accepted) << "oldest first";
  // Each verdict a DSFR badge, the same for the candidate, the ARS and national staff (issue
  // 18 trial): more requested a warning, accepted a success.
  for (const auto* s : {&editor_, &ars_, &national_}) {
    auto seen = call(srv_, *s, "GET", page);
    ASSERT_EQ(seen.status, 200);
    const auto at = seen.body.find("data-testid=\"funding-verdicts-D1_O2_A\"");
    ASSERT_NE(at, std::string::npos);
    const std::string verdicts = seen.body.substr(at, seen.body.find("</div>", at) - at);
    const auto warning =
        verdicts.find("fr-badge--warning\" data-testid=\"funding-outcome-badge\">" +
                      html("Compléments demandés"));
    const auto success =
        verdicts.find("fr-badge--success\" data-testid=\"funding-outcome-badge\">Accepté");
    EXPECT_NE(warning, std::string::npos) << verdicts;
    EXPECT_NE(success, std::string::npos) << verdicts;
    EXPECT_EQ(verdicts.find("fr-badge--error"), std::string::npos) << verdicts;
  }
  // The objective accepted once (and carried forward) reads its verdict once.
  const auto v1 = k.body.find("data-testid=\"funding-verdicts-D1_O1_A\"");
  ASSERT_NE(v1, std::string::npos);
  const std::string trail1 = k.body.substr(v1, k.body.find("</div>", v1) - v1);
  EXPECT_EQ(trail1.find("le 02/06/2024"), trail1.rfind("le 02/06/2024")) << trail1;
  r = call(srv_, ars_, "GET", page + "/dossier.pdf");
  ASSERT_EQ(r.status, 200);
  const auto pdf_text =
      std::regex_replace(carepilot::testing::pdf_text(r.body), std::regex("[ \\n\\f]+"), " ");
  EXPECT_NE(pdf_text.find("Vérifications de l'ARS"), std::string::npos) << pdf_text;
  EXPECT_NE(pdf_text.find("Joindre le rapport"), std::string::npos) << pdf_text;
  EXPECT_NE(pdf_text.find("25/06/2024"), std::string::npos) << pdf_text;
}

// Trial of issue 18 (« verification pages side by side with the evidence »): on the ARS's
// verification form, each declared objective's proof — when and by whom, the written
// justification, the items chosen (the joined file to open) and the computation frozen in the
// declaration — sits in one DSFR grid row beside the verdict's fields.
TEST_P(FundingProofPages, TheVerificationFormShowsTheEvidenceSideBySide) {
  const auto page = d1_candidature();
  at("2024-06-01");
  const std::string pdf = carepilot::testing::sample_pdf("Attestation");
  auto r = call(srv_, editor_, "POST", page + "/declaration",
                multipart({{"reached_D1_O1_A", "1"},
                           {"justification_D1_O1_A", "Audit ADS externe du 20 mai"},
                           {"reached_D1_O2_A", "1"},
                           {"justification_D1_O2_A", "Audit SILENE"}},
                          {{"file_D1_O1_A", "audit-ads.pdf", pdf}}),
                kMultipart);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  at("2024-06-02");
  auto k = call(srv_, ars_, "GET", page);
  ASSERT_EQ(k.status, 200);
  const auto row = k.body.find("data-testid=\"funding-verify-side-by-side-D1_O1_A\"");
  ASSERT_NE(row, std::string::npos) << k.body;
  const auto proof = k.body.find("data-testid=\"funding-verify-proof-D1_O1_A\"", row);
  const auto decision = k.body.find("data-testid=\"funding-verify-decision-D1_O1_A\"", row);
  const auto end = k.body.find("</fieldset>", row);
  ASSERT_NE(proof, std::string::npos);
  ASSERT_NE(decision, std::string::npos);
  ASSERT_LT(proof, decision);
  ASSERT_LT(decision, end);
  // One grid row, two half columns.
  EXPECT_NE(k.body.rfind("class=\"fr-grid-row fr-grid-row--gutters\"", row), std::string::npos);
  const std::string half = "<div class=\"fr-col-12 fr-col-md-6\" ";
  EXPECT_EQ(k.body.substr(proof - half.size(), half.size()), half);
  EXPECT_EQ(k.body.substr(decision - half.size(), half.size()), half);
  const std::string left = k.body.substr(proof, decision - proof);
  const std::string right = k.body.substr(decision, end - decision);
  EXPECT_NE(left.find("Déclaré atteint le 01/06/2024"), std::string::npos) << left;
  EXPECT_NE(left.find("Audit ADS externe du 20 mai"), std::string::npos) << left;
  EXPECT_NE(left.find("audit-ads.pdf"), std::string::npos) << left;
  EXPECT_NE(left.find("href=\"" + page + "/fichiers/"), std::string::npos) << left;
  EXPECT_NE(left.find("Calcul figé dans la déclaration du 01/06/2024"), std::string::npos) << left;
  EXPECT_NE(left.find("Non atteint selon les relevés"), std::string::npos) << left;
  EXPECT_NE(left.find("CH Alpha : Aucun audit"), std::string::npos) << left;
  EXPECT_EQ(left.find("<select"), std::string::npos);
  EXPECT_NE(right.find("id=\"outcome_D1_O1_A\""), std::string::npos) << right;
  EXPECT_NE(right.find("id=\"comment_D1_O1_A\""), std::string::npos) << right;
  EXPECT_EQ(right.find("Audit ADS externe du 20 mai"), std::string::npos);
  // The other objective: its own justification, no file of the first.
  const auto row2 = k.body.find("data-testid=\"funding-verify-proof-D1_O2_A\"");
  ASSERT_NE(row2, std::string::npos);
  const std::string left2 = k.body.substr(row2, k.body.find("</fieldset>", row2) - row2);
  EXPECT_NE(left2.find("Audit SILENE"), std::string::npos) << left2;
  EXPECT_EQ(left2.find("audit-ads.pdf"), std::string::npos) << left2;
  // The candidate sees no verification form.
  k = call(srv_, editor_, "GET", page);
  EXPECT_EQ(k.body.find("funding-verify-side-by-side-"), std::string::npos);
}

// Trial of issue 18: an editor without a second factor is not offered the declaration form it
// could not submit, but told who can; the editor with one sees the form.
TEST_P(FundingProofPages, AnEditorWithoutSecondFactorIsToldWhoDeclares) {
  const auto page = d1_candidature();
  at("2025-06-01");
  const auto plain =
      session_for(srv_, make_user(srv_, "editeur-simple@test.fr", Role::establishment_editor,
                                  Scope::establishment(a_), /*totp=*/false));
  auto k = call(srv_, plain, "GET", page);
  ASSERT_EQ(k.status, 200);
  EXPECT_EQ(k.body.find("funding-declare-form"), std::string::npos);
  EXPECT_NE(k.body.find("data-testid=\"funding-declare-second-factor\""), std::string::npos);
  EXPECT_NE(k.body.find("demande la double authentification"), std::string::npos);
  k = call(srv_, editor_, "GET", page);
  EXPECT_NE(k.body.find("funding-declare-form"), std::string::npos);
  EXPECT_EQ(k.body.find("funding-declare-second-factor"), std::string::npos);
  // Each card's heading comes before its content (DSFR orders the card's children).
  const auto card = k.body.find("data-testid=\"funding-objective-D1_O1_A\"");
  ASSERT_NE(card, std::string::npos);
  // The card alone: up to the next objective's card (its « Comment faire ? » makes it long).
  const auto next =
      k.body.find("class=\"fr-card fr-mb-2w\" data-testid=\"funding-objective-", card);
  const std::string c =
      k.body.substr(card, next == std::string::npos ? std::string::npos : next - card);
  EXPECT_LT(c.find("fr-card__title"), c.find("fr-card__end"));
  EXPECT_NE(c.find("<div class=\"fr-card__end\"><div class=\"fr-grid-row"), std::string::npos);
  auto list = call(srv_, editor_, "GET", "/financements");
  EXPECT_NE(list.body.find("<div class=\"fr-card__end\"><p class=\"fr-text--sm fr-mb-1v\">"
                           "Calendrier :</p>"),
            std::string::npos);
}

// Trial of issue 18: a complement the national instruction asks for is answered by whoever may
// declare — the candidate's roles with the second factor (the RSSI, an editor who enrolled,
// national staff) — and the page offers the form to no one else: an editor without the second
// factor is told who answers, a reader and the ARS see neither form nor notice, and each of
// them is refused on the page and through the API, nothing stored.
TEST_P(FundingProofPages, WhoMayAnswerTheNationalInstructionIsWhoMayDeclare) {
  const auto page = d1_candidature();
  const std::string api = "/api/v1/establishments/750100109/funding/candidatures/" +
                          page.substr(page.rfind('/') + 1) + "/answers";
  const auto plain =
      session_for(srv_, make_user(srv_, "editeur-simple@test.fr", Role::establishment_editor,
                                  Scope::establishment(a_), /*totp=*/false));
  const auto rssi =
      session_for(srv_, make_user(srv_, "rssi@test.fr", Role::establishment_security_officer,
                                  Scope::establishment(a_), /*totp=*/true));
  struct Who {
    const char* name;
    const Session* s;
    bool acts;    // may declare, and so answer
    bool notice;  // a candidate's role told to enrol the second factor
  };
  const std::vector<Who> roles{{"éditeur sans second facteur", &plain, false, true},
                               {"éditeur avec second facteur", &editor_, true, false},
                               {"RSSI", &rssi, true, false},
                               {"lecteur", &reader_, false, false},
                               {"ARS", &ars_, false, false},
                               {"administration nationale", &national_, true, false}};
  at("2025-06-01");
  for (const auto& w : roles) {
    auto k = call(srv_, *w.s, "GET", page);
    ASSERT_EQ(k.status, 200) << w.name;
    EXPECT_EQ(k.body.find("funding-declare-form") != std::string::npos, w.acts) << w.name;
    EXPECT_EQ(k.body.find("funding-declare-second-factor") != std::string::npos, w.notice)
        << w.name;
  }
  auto r = call(srv_, editor_, "POST", page + "/declaration",
                "reached_D1_O2_A=1&justification_D1_O2_A=Audit+SILENE", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  at("2025-06-10");
  r = call(srv_, ars_, "POST", page + "/verification", "outcome_D1_O2_A=accepted", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  // No request yet: nobody is offered to answer.
  for (const auto& w : roles) {
    auto k = call(srv_, *w.s, "GET", page);
    EXPECT_EQ(k.body.find("funding-answer-form"), std::string::npos) << w.name;
    EXPECT_EQ(k.body.find("funding-answer-second-factor"), std::string::npos) << w.name;
  }
  at("2025-06-12");
  r = call(srv_, national_, "POST", page + "/demande", "text=Joindre+le+rapport+SILENE", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  for (const auto& w : roles) {
    auto k = call(srv_, *w.s, "GET", page);
    ASSERT_EQ(k.status, 200) << w.name;
    EXPECT_EQ(k.body.find("funding-answer-form") != std::string::npos, w.acts) << w.name;
    EXPECT_EQ(k.body.find("funding-answer-second-factor") != std::string::npos, w.notice) << w.name;
    // The form quotes the request it answers: its words, who asked and when, in Paris time.
    const auto q = k.body.find("data-testid=\"funding-answer-request\"");
    EXPECT_EQ(q != std::string::npos, w.acts) << w.name;
    if (q == std::string::npos) continue;
    const std::string quote = k.body.substr(q, k.body.find("</blockquote>", q) - q);
    EXPECT_NE(quote.find("« Joindre le rapport SILENE »"), std::string::npos) << quote;
    EXPECT_NE(quote.find("Demande de "), std::string::npos) << quote;
    EXPECT_NE(quote.find("le 12/06/2025"), std::string::npos) << quote;
    EXPECT_EQ(quote.find("T1"), std::string::npos) << quote;
  }
  // Those who may not answer are refused, on the page and through the API; nothing stored.
  const long long before = events();
  for (const auto& w : roles) {
    if (w.acts) continue;
    r = call(srv_, *w.s, "POST", page + "/reponse", "text=Rapport+joint", kForm);
    EXPECT_EQ(r.status, 403) << w.name << " " << r.body.substr(0, 300);
    r = call(srv_, *w.s, "POST", api, R"({"text":"Rapport joint"})", "application/json");
    EXPECT_EQ(r.status, 403) << w.name << " " << r.body.substr(0, 300);
  }
  r = call(srv_, plain, "POST", api, R"({"text":"Rapport joint"})", "application/json");
  EXPECT_NE(r.body.find("\"auth.second_factor_required\""), std::string::npos) << r.body;
  EXPECT_EQ(events(), before);
  // Each who may: the RSSI on the page, the enrolled editor through the API, national staff on
  // the page, each after a new request.
  r = call(srv_, rssi, "POST", page + "/reponse", "text=Rapport+SILENE+joint", kForm);
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
  r = call(srv_, national_, "POST", page + "/demande", "text=Et+le+suivant", kForm);
  ASSERT_EQ(r.status, 303);
  {
    // Once the first is answered, the form quotes the one now pending, not the first.
    auto k = call(srv_, rssi, "GET", page);
    const auto q = k.body.find("data-testid=\"funding-answer-request\"");
    ASSERT_NE(q, std::string::npos);
    const std::string quote = k.body.substr(q, k.body.find("</blockquote>", q) - q);
    EXPECT_NE(quote.find("« Et le suivant »"), std::string::npos) << quote;
    EXPECT_EQ(quote.find("SILENE"), std::string::npos) << quote;
  }
  r = call(srv_, editor_, "POST", api, R"({"text":"Le suivant est prévu en juillet"})",
           "application/json");
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
  r = call(srv_, national_, "POST", page + "/demande", "text=Une+derni%C3%A8re+pr%C3%A9cision",
           kForm);
  ASSERT_EQ(r.status, 303);
  r = call(srv_, national_, "POST", page + "/reponse", "text=Pr%C3%A9cision+apport%C3%A9e", kForm);
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
  EXPECT_EQ(events(), before + 5);
  EXPECT_EQ(number("SELECT COUNT(*) FROM funding_events WHERE kind = 'answer'"), 3);
}

// Trial of issue 18: once granted, the exception is shown and the form only changes it.
TEST_P(FundingProofPages, AGrantedExceptionIsShownAndOnlyChanged) {
  const auto page = d1_candidature();
  at("2025-07-15");
  auto k = call(srv_, national_, "GET", page);
  EXPECT_NE(k.body.find("sans dérogation, l'étape suivante est refusée"), std::string::npos);
  // Both refusals at once, each under its field.
  auto r = call(srv_, national_, "POST", page + "/exception", "until=&reason=", kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(message_under(r.body, "until", html("Jusqu'au : une date est attendue.")));
  EXPECT_TRUE(message_under(r.body, "exception-reason", "Motif : dites pourquoi"));
  r = call(srv_, national_, "POST", page + "/exception", "until=2025-07-31&reason=Cyberattaque",
           kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  k = call(srv_, national_, "GET", page);
  EXPECT_EQ(k.body.find("sans dérogation, l'étape suivante est refusée"), std::string::npos);
  EXPECT_NE(k.body.find("data-testid=\"funding-exception-granted-note\""), std::string::npos);
  EXPECT_NE(k.body.find("Modifier la dérogation"), std::string::npos);
  EXPECT_NE(k.body.find("value=\"2025-07-31\""), std::string::npos);
  EXPECT_NE(k.body.find(">Cyberattaque</textarea>"), std::string::npos);
}

// Trial of issue 18: payments add up (partly paid until the grant), a payment before the
// decision is refused, and every refusal of the payment form is named at once.
TEST_P(FundingProofPages, PaymentsAddUpAndEveryRefusalIsNamed) {
  const auto page = verified();
  auto r = call(srv_, national_, "POST", page + "/decision", "amount_granted=100+000", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  at("2025-07-01");
  const long long before = events();
  r = call(srv_, national_, "POST", page + "/paiement", "paid_on=2025-06-01&amount=100+001", kForm);
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(message_under(r.body, "paid_on", "Date du paiement : le "));
  EXPECT_NE(r.body.find("précède la décision"), std::string::npos);
  EXPECT_TRUE(message_under(r.body, "amount", "Montant payé :"));
  EXPECT_EQ(events(), before);
  const std::string api = "/api/v1/establishments/750100109/funding/candidatures/" +
                          page.substr(page.rfind('/') + 1) + "/payment";
  auto x = call(srv_, national_, "POST", api, R"({"paid_on":"2025-06-01","amount":"40 000"})",
                "application/json");
  EXPECT_EQ(x.status, 422) << x.body;
  EXPECT_NE(x.body.find("\"funding.paid_on_before_decision\""), std::string::npos) << x.body;
  EXPECT_NE(x.body.find("\"paid_on\""), std::string::npos);
  r = call(srv_, national_, "POST", page + "/paiement", "paid_on=2025-06-20&amount=40+000", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  auto k = call(srv_, editor_, "GET", page);
  EXPECT_NE(k.body.find("Partiellement payée"), std::string::npos);
  // One state everywhere (issue 18 trial: the tag said « Décidée (1) », `?etat=decided` listed
  // a row « Partiellement payée », the establishment page said « (Décidée) »).
  {
    auto l = call(srv_, national_, "GET", "/financements");
    EXPECT_NE(l.body.find(">Partiellement payée (1)</a>"), std::string::npos) << l.body;
    EXPECT_EQ(l.body.find(">Décidée ("), std::string::npos);
    EXPECT_NE(l.body.find("href=\"/financements?etat=partly_paid\""), std::string::npos);
    auto on = call(srv_, national_, "GET", "/financements?etat=partly_paid");
    EXPECT_NE(on.body.find("état « Partiellement payée »"), std::string::npos) << on.body;
    EXPECT_NE(on.body.find("data-testid=\"funding-row-state\""), std::string::npos);
    auto decided = call(srv_, national_, "GET", "/financements?etat=decided");
    EXPECT_EQ(decided.body.find("data-testid=\"funding-row-state\""), std::string::npos);
    EXPECT_EQ(decided.body.find("ne connaît pas la valeur"), std::string::npos);
    auto est = call(srv_, editor_, "GET", "/etablissements/750100109");
    ASSERT_EQ(est.status, 200);
    EXPECT_EQ(est.body.find("(Décidée)"), std::string::npos);
    EXPECT_NE(est.body.find("</a> (Partiellement payée)"), std::string::npos) << est.body;
  }
  EXPECT_NE(k.body.find(french_integer(40000) + "\u00a0€ sur " + french_integer(100000)),
            std::string::npos)
      << k.body;
  k = call(srv_, national_, "GET", page);
  EXPECT_NE(k.body.find("funding-pay-form"), std::string::npos);
  EXPECT_NE(k.body.find("value=\"" + french_integer(60000) + "\u00a0€\""), std::string::npos);
  x = call(srv_, national_, "POST", api, R"({"paid_on":"2025-06-25","amount":"60 000"})",
           "application/json");
  ASSERT_EQ(x.status, 200) << x.body;
  const auto j = nlohmann::json::parse(x.body);
  EXPECT_EQ(j["state"], "paid");
  EXPECT_EQ(j["amount_paid_cents"], 100000 * 100);
  ASSERT_EQ(j["payments"].size(), 2u);
  EXPECT_EQ(j["payments"][0]["amount_cents"], 40000 * 100);
  EXPECT_EQ(j["payments"][1]["paid_on"], "2025-06-25");
  // The page lists both payments, each dated (not the whole sum at the last one's day).
  k = call(srv_, editor_, "GET", page);
  EXPECT_NE(
      k.body.find(french_integer(100000) + "\u00a0€ en 2 paiements : " + french_integer(40000) +
                  "\u00a0€ le 20/06/2025, " + french_integer(60000) + "\u00a0€ le 25/06/2025"),
      std::string::npos)
      << k.body;
  EXPECT_EQ(k.body.find(french_integer(100000) + "\u00a0€ le 25/06/2025"), std::string::npos);
}

// Trial of issue 18: a declaration on time read « (hors délai, sous dérogation nationale) »
// once the candidature's later deadline (the national instruction) had passed: the page's
// lateness leaked into the declaration's line. Only a late declaration says so.
TEST_P(FundingProofPages, OnlyALateDeclarationIsSaidLate) {
  const auto page = verified();
  at("2026-01-15");
  auto k = call(srv_, national_, "GET", page);
  ASSERT_EQ(k.status, 200);
  EXPECT_NE(k.body.find("data-testid=\"funding-late\""), std::string::npos)
      << "the national instruction's deadline has passed";
  EXPECT_NE(k.body.find("Déclaration déposée le 01/06/2025"), std::string::npos);
  EXPECT_EQ(k.body.find("hors délai"), std::string::npos) << k.body;
}

// Trial of issue 18: a decision of 0 € left « Décidée » and a payment form pre-filled with 0 €.
// Nothing granted is a rejection (« Refusée », no payment form; XLSX and API alike); 0,01 €
// granted is a decision to pay.
class FundingDecisionPages : public FundingProofPages {
 protected:
  std::string api(const std::string& page) {
    return "/api/v1/establishments/750100109/funding/candidatures/" +
           page.substr(page.rfind('/') + 1);
  }
  std::string xlsx() {
    auto x = call(srv_, national_, "GET", "/financements/export.xlsx");
    EXPECT_EQ(x.status, 200);
    std::string all;
    for (const auto& [_, v] : carepilot::testing::unzip(x.body)) all += v;
    return all;
  }
};

TEST_P(FundingDecisionPages, NothingGrantedIsARejection) {
  const auto page = verified();
  // A rejection needs its reason (issue 18 trial): refused without, on the page and the API.
  const long long before = events();
  auto r = call(srv_, national_, "POST", page + "/decision", "amount_granted=0+%E2%82%AC&reason=+",
                kForm);
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
  EXPECT_TRUE(message_under(r.body, "decide-reason", "Motif : dites pourquoi"));
  auto x = call(srv_, national_, "POST", api(page) + "/decision", R"({"amount_granted":"0"})",
                "application/json");
  EXPECT_EQ(x.status, 422) << x.body;
  EXPECT_NE(x.body.find("\"funding.reason_required\""), std::string::npos) << x.body;
  EXPECT_EQ(events(), before);
  r = call(srv_, national_, "POST", page + "/decision",
           "amount_granted=0+%E2%82%AC&reason=Objectifs+non+atteints", kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
  auto k = call(srv_, national_, "GET", page);
  ASSERT_EQ(k.status, 200);
  // Told apart from an ARS refusal.
  EXPECT_NE(k.body.find(html("Rejetée à l'instruction nationale")), std::string::npos);
  EXPECT_EQ(k.body.find(">Décidée<"), std::string::npos);
  EXPECT_EQ(k.body.find("funding-pay-form"), std::string::npos) << k.body;
  EXPECT_NE(k.body.find(html("candidature rejetée à l'instruction nationale, aucun montant "
                             "accordé. Motif : Objectifs non atteints")),
            std::string::npos)
      << k.body;
  x = call(srv_, national_, "GET", api(page));
  ASSERT_EQ(x.status, 200) << x.body;
  const auto j = nlohmann::json::parse(x.body);
  EXPECT_EQ(j["state"], "refused");
  EXPECT_EQ(j["state_label"], "Rejetée à l'instruction nationale");
  EXPECT_EQ(j["amount_granted_cents"], 0);
  const std::string all = xlsx();
  EXPECT_NE(all.find("Rejetée à l'instruction nationale"), std::string::npos);
  EXPECT_EQ(all.find("Décidée"), std::string::npos);
  // The XLSX carries the refusal's reason and the day of each transition (issue 18 trial).
  for (const char* head :
       {"Motif du refus par l", "Motif du rejet à l", "Déposée le", "Validée le", "Déclarée le",
        "Vérifiée le", "Refusée par l", "Décision nationale le", "Objectifs non atteints"})
    EXPECT_NE(all.find(head), std::string::npos) << head;
  // The rejection is dated under « Décision nationale le » (column O), not under the ARS's
  // refusal (column L), and its reason is in the national rejection's column (Q), not the
  // ARS's (P) (issue 18 trial).
  {
    auto x = call(srv_, national_, "GET", "/financements/export.xlsx");
    const auto files = carepilot::testing::unzip(x.body);
    const auto sheet = files.find("xl/worksheets/sheet1.xml");
    ASSERT_NE(sheet, files.end());
    EXPECT_NE(sheet->second.find("<c r=\"O2\""), std::string::npos) << sheet->second;
    EXPECT_EQ(sheet->second.find("<c r=\"L2\""), std::string::npos) << sheet->second;
    EXPECT_NE(sheet->second.find("<c r=\"Q2\""), std::string::npos);
    EXPECT_EQ(sheet->second.find("<c r=\"P2\""), std::string::npos);
  }
  auto list = call(srv_, national_, "GET", "/financements");
  EXPECT_NE(list.body.find(html("Rejetée à l'instruction nationale")), std::string::npos);
  // « Demandé » adds the live candidatures' requests only; the refused one's apart (issue 18
  // trial: the national view added it).
  const auto requested = j["amount_requested_cents"].get<long long>();
  ASSERT_GT(requested, 0);
  x = call(srv_, national_, "GET", "/api/v1/funding/candidatures");
  ASSERT_EQ(x.status, 200);
  const auto listed = nlohmann::json::parse(x.body);
  for (const auto& t : listed["totals"]) {
    if (t["call"] != j["call"]) continue;
    EXPECT_EQ(t["total"]["requested_cents"], 0) << t.dump();
    EXPECT_EQ(t["total"]["refused_requested_cents"], requested) << t.dump();
  }
  EXPECT_NE(list.body.find(html("Demandé par les candidatures refusées")), std::string::npos);
  // Nothing to pay: a payment is refused.
  x = call(srv_, national_, "POST", api(page) + "/payment",
           R"({"paid_on":"2025-06-20","amount":"0,01"})", "application/json");
  EXPECT_EQ(x.status, 409) << x.body;
}

TEST_P(FundingDecisionPages, ACentGrantedIsADecisionToPay) {
  const auto page = verified();
  auto x = call(srv_, national_, "POST", api(page) + "/decision", R"({"amount_granted":"0,01"})",
                "application/json");
  ASSERT_EQ(x.status, 200) << x.body;
  EXPECT_EQ(nlohmann::json::parse(x.body)["state"], "decided");
  auto k = call(srv_, national_, "GET", page);
  EXPECT_NE(k.body.find("Décidée"), std::string::npos);
  EXPECT_NE(k.body.find("funding-pay-form"), std::string::npos);
  EXPECT_NE(xlsx().find("Décidée"), std::string::npos);
  // A live candidature's request is in « Demandé », nothing among the refused.
  x = call(srv_, national_, "GET", "/api/v1/funding/candidatures");
  ASSERT_EQ(x.status, 200);
  const auto listed = nlohmann::json::parse(x.body);
  for (const auto& t : listed["totals"]) {
    if (t["total"]["candidatures"] == 0) continue;
    EXPECT_GT(t["total"]["requested_cents"], 0) << t.dump();
    EXPECT_EQ(t["total"]["refused_requested_cents"], 0) << t.dump();
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, FundingDecisionPages,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

// Trial of issue 18: the declaration form showed one refusal at a time. Every objective refused
// is named at once, under its objective and in the summary; a refused file under its field;
// what was typed and checked is kept; nothing stored.
TEST_P(FundingProofPages, TheDeclarationFormNamesEveryRefusalAtOnce) {
  const auto page = d1_candidature();
  at("2024-06-01");
  auto r = call(srv_, editor_, "POST", page + "/declaration",
                multipart({{"reached_D1_O1_A", "1"},
                           {"reached_D1_O2_A", "1"},
                           {"reached_D1_O2_B", "1"},
                           {"justification_D1_O2_B", "Deux scans, 50 jours d'écart"}},
                          {{"file_D1_O2_B", "outil.exe", "MZ\x90"}}),
                kMultipart);
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 300);
  const auto box = r.body.find("data-testid=\"funding-errors\"");
  ASSERT_NE(box, std::string::npos);
  const std::string summary = r.body.substr(box, r.body.find("</div>", box) - box);
  // D1.O1.A: not met by the records, no justification; D1.O2.A: no proof; D1.O2.B: its file.
  EXPECT_NE(summary.find("<a href=\"#justification_D1_O1_A\">Objectif D1.O1.A ("),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("<a href=\"#justification_D1_O2_A\">Objectif D1.O2.A ("),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("<a href=\"#file_D1_O2_B\">" +
                         html("Fichier joint à l'objectif D1.O2.B : type de fichier refusé")),
            std::string::npos)
      << summary;
  EXPECT_NE(r.body.find("data-testid=\"funding-objective-error-D1_O1_A\""), std::string::npos);
  EXPECT_TRUE(message_under(r.body, "justification_D1_O2_A", "Objectif D1.O2.A ("));
  EXPECT_TRUE(message_under(r.body, "file_D1_O2_B", html("Fichier joint à l'objectif D1.O2.B")));
  EXPECT_NE(r.body.find("id=\"objective_D1_O1_A\""), std::string::npos);
  EXPECT_NE(r.body.find("fr-fieldset fr-fieldset--error\" id=\"objective_D1_O2_A\""),
            std::string::npos);
  EXPECT_EQ(r.body.find("fr-fieldset fr-fieldset--error\" id=\"objective_D1_O2_B\""),
            std::string::npos)
      << "justified: only its file is refused";
  EXPECT_NE(r.body.find(html(">Deux scans, 50 jours d'écart</textarea>")), std::string::npos);
  EXPECT_NE(r.body.find("id=\"reached_D1_O2_A\" name=\"reached_D1_O2_A\" value=\"1\" checked"),
            std::string::npos);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_declarations"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_files"), 0);
}

// Issue 18: nobody could open a file joined to a candidature. Its download (page and API) gives
// the same bytes, with their stored type, as an attachment named after the file (RFC 5987 for
// a non-ASCII name), to whoever reads the candidature: the candidate's editors and readers, the
// ARS of the region, national staff. Another region's ARS and another establishment get 404; a
// file of another candidature is 404 too. The candidature page and the ARS's verification form
// link the file beside its objective, with its name and its size in French.
TEST_P(FundingProofPages, AJoinedFileIsReadByWhoeverReadsTheCandidature) {
  const auto page = d1_candidature();
  const std::string id = page.substr(page.rfind('/') + 1);
  at("2024-06-01");
  const std::string pdf = carepilot::testing::sample_pdf("Relevé des audits d'exposition");
  auto r = call(srv_, editor_, "POST", page + "/declaration",
                multipart({{"reached_D1_O1_A", "1"},
                           {"justification_D1_O1_A", "Audit ADS externe"},
                           {"reached_D1_O2_A", "1"},
                           {"justification_D1_O2_A", "Audits SILENE trimestriels"}},
                          {{"file_D1_O2_A", "relevé-exposition.pdf", pdf}}),
                kMultipart);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 800);
  const long long file = number("SELECT MAX(id) FROM funding_files");
  ASSERT_GT(file, 0);
  const std::string download = page + "/fichiers/" + std::to_string(file);
  const std::string api_of_a = "/api/v1/establishments/750100109/funding/candidatures/" + id;
  const std::string api = api_of_a + "/files/" + std::to_string(file);

  // The same bytes for the candidate's editor and reader, the ARS of the region (through CH
  // Bêta too, which the candidature covers) and national staff.
  auto same_bytes = [&](const Session& s, const std::string& path, const char* who) {
    auto x = call(srv_, s, "GET", path);
    ASSERT_EQ(x.status, 200) << who << " " << path << " " << x.body.substr(0, 300);
    EXPECT_TRUE(x.body == pdf) << who << " " << path;
    EXPECT_EQ(x.header("content-type"), "application/pdf") << who;
    EXPECT_EQ(x.header("content-disposition"),
              "attachment; filename=\"relev__-exposition.pdf\"; "
              "filename*=UTF-8''relev%C3%A9-exposition.pdf")
        << who;
    EXPECT_EQ(x.header("x-content-type-options"), "nosniff") << who;
    EXPECT_EQ(x.header("x-content-sha256"),
              text("SELECT sha256 FROM funding_files WHERE id = " + std::to_string(file)))
        << who;
  };
  for (const auto& [s, who] : {std::pair<const Session*, const char*>{&editor_, "editor"},
                               {&reader_, "reader"},
                               {&ars_, "ars"},
                               {&national_, "national"}}) {
    same_bytes(*s, download, who);
    same_bytes(*s, api, who);
  }
  same_bytes(ars_,
             "/api/v1/establishments/750100117/funding/candidatures/" + id + "/files/" +
                 std::to_string(file),
             "ars through CH Bêta");

  // Refused to another region's ARS and to another establishment (its editor): 404, on the
  // page (a French page) and through the API (its stable code).
  add("750100125", "CH Gamma", std::nullopt);
  const auto gamma = session(
      "gamma@test.fr", Role::establishment_editor,
      Scope::establishment(number("SELECT id FROM establishments WHERE finess_et = '750100125'")));
  for (const auto& [s, who] :
       {std::pair<const Session*, const char*>{&other_ars_, "ars 84"}, {&gamma, "CH Gamma"}}) {
    auto x = call(srv_, *s, "GET", download);
    EXPECT_EQ(x.status, 404) << who;
    EXPECT_EQ(x.body.find("%PDF"), std::string::npos) << who;
    EXPECT_NE(x.body.find("introuvable"), std::string::npos) << who << x.body.substr(0, 300);
    x = call(srv_, *s, "GET", api);
    EXPECT_EQ(x.status, 404) << who;
    EXPECT_NE(x.body.find("\"not_found\""), std::string::npos) << who << x.body;
  }
  EXPECT_EQ(call(srv_, gamma, "GET",
                 "/api/v1/establishments/750100125/funding/candidatures/" + id + "/files/" +
                     std::to_string(file))
                .status,
            404)
      << "CH Gamma's own path: the candidature does not cover it";

  // A file of another candidature (the GHT's domain-2 one, its PSSI joined): 404 under this
  // one, read under its own.
  funding::CandidatureInput in;
  in.call_id = "care-d2";
  in.as_ght = true;
  in.establishments = {"750100109", "750100117"};
  in.contacts = {"RSSI"};
  in.prerequisites["D2.P1"].file_name = "pssi.txt";
  const std::string pssi = "PSSI signée le 2 septembre 2025.\n";
  in.prerequisites["D2.P1"].file_bytes = pssi;
  in.prerequisites["D2.P2"].justification = "Note d'organisation";
  in.amount_requested = "100 000 €";
  const auto other =
      srv_.app().funding_repo().file({Role::national_admin, Scope::nation(), Actor{"test", "", ""}},
                                     "750100109", in, day("2025-10-01"));
  ASSERT_EQ(other.files.size(), 1u);
  const std::string foreign = std::to_string(other.files.front().id);
  for (const auto& path :
       {page + "/fichiers/" + foreign, page + "/fichiers/999999", page + "/fichiers/abc"}) {
    auto x = call(srv_, editor_, "GET", path);
    EXPECT_EQ(x.status, 404) << path;
    EXPECT_NE(x.body.find("Fichier joint introuvable"), std::string::npos) << x.body.substr(0, 300);
  }
  {
    auto x = call(srv_, ars_, "GET", api_of_a + "/files/" + foreign);
    EXPECT_EQ(x.status, 404) << x.body;
    EXPECT_NE(x.body.find("\"not_found\""), std::string::npos) << x.body;
  }
  const std::string other_page = "/financements/candidatures/" + std::to_string(other.id);
  auto x = call(srv_, ars_, "GET", other_page + "/fichiers/" + foreign);
  ASSERT_EQ(x.status, 200);
  EXPECT_EQ(x.body, pssi);
  EXPECT_EQ(x.header("content-type"), "text/plain; charset=utf-8");
  // Its prerequisite's line links it, with its name and size.
  x = call(srv_, editor_, "GET", other_page);
  ASSERT_EQ(x.status, 200);
  EXPECT_NE(x.body.find("href=\"" + other_page + "/fichiers/" + foreign + "\">"), std::string::npos)
      << x.body;
  EXPECT_NE(
      x.body.find("« pssi.txt », " + french_file_size(static_cast<std::int64_t>(pssi.size()))),
      std::string::npos);

  // The ARS sees the file beside its objective: on the objective's card and in the
  // verification form, linked to its download, named with its size.
  at("2024-06-02");
  const std::string line = "« relevé-exposition.pdf », " +
                           french_file_size(static_cast<std::int64_t>(pdf.size())) + "</a>";
  auto k = call(srv_, ars_, "GET", page);
  ASSERT_EQ(k.status, 200);
  const auto card = k.body.find("data-testid=\"funding-declared-D1_O2_A\"");
  ASSERT_NE(card, std::string::npos);
  EXPECT_NE(k.body.find("href=\"" + download + "\">", card), std::string::npos);
  EXPECT_NE(k.body.find(line, card), std::string::npos) << k.body.substr(card, 600);
  const auto form = k.body.find("data-testid=\"funding-verify-evidence-D1_O2_A\"");
  ASSERT_NE(form, std::string::npos) << "the proof in the verification form";
  EXPECT_LT(form, k.body.find("id=\"outcome_D1_O2_A\""));
  EXPECT_NE(k.body.substr(form, 600).find("href=\"" + download + "\">"), std::string::npos);
  EXPECT_NE(k.body.substr(form, 600).find(line), std::string::npos) << k.body.substr(form, 600);
}

// Trial of issue 18: the ARS's verification stopped at its first refusal. Every refused
// verdict is named at once, by its objective's label: in the summary (each linking to its
// field) and under its field; the API answers each in error.fields (verdicts.<id>,
// verdicts.<id>.comment; verdicts when none is given); nothing stored.
TEST_P(FundingProofPages, TheVerificationNamesEveryRefusalAtOnce) {
  const auto page = d1_candidature();
  at("2024-06-01");
  auto r = call(srv_, editor_, "POST", page + "/declaration",
                "reached_D1_O1_A=1&justification_D1_O1_A=Audit+ADS+externe&reached_D1_O2_A=1&"
                "justification_D1_O2_A=Audit+SILENE",
                kForm);
  ASSERT_EQ(r.status, 303) << r.body.substr(0, 800);
  at("2024-06-02");
  const long long before = events();
  // D1.O1.A refused without a comment, D1.O2.A without a verdict.
  r = call(srv_, ars_, "POST", page + "/verification",
           "outcome_D1_O1_A=refused&comment_D1_O1_A=+&outcome_D1_O2_A=", kForm);
  ASSERT_EQ(r.status, 422) << r.body.substr(0, 500);
  const auto box = r.body.find("data-testid=\"funding-errors\"");
  ASSERT_NE(box, std::string::npos);
  const std::string summary = r.body.substr(box, r.body.find("</div>", box) - box);
  const std::string comment = html(
      "Commentaire sur l'objectif D1.O1.A (Audit de sécurité de l'annuaire Active "
      "Directory (obligatoire)) : dites ce qui manque ou ce qui fonde le refus.");
  const std::string verdict =
      html("Vérification : l'objectif D1.O2.A (Audit d'exposition sur internet) attend votre avis");
  EXPECT_NE(summary.find("<a href=\"#comment_D1_O1_A\">" + comment), std::string::npos) << summary;
  EXPECT_NE(summary.find("<a href=\"#outcome_D1_O2_A\">" + verdict), std::string::npos) << summary;
  EXPECT_TRUE(message_under(r.body, "comment_D1_O1_A", comment));
  EXPECT_TRUE(message_under(r.body, "outcome_D1_O2_A", verdict));
  EXPECT_NE(r.body.find("data-testid=\"funding-comment-error-D1_O1_A\""), std::string::npos);
  EXPECT_NE(r.body.find("data-testid=\"funding-outcome-error-D1_O2_A\""), std::string::npos);
  EXPECT_EQ(r.body.find("data-testid=\"funding-outcome-error-D1_O1_A\""), std::string::npos);
  EXPECT_EQ(events(), before);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_verifications"), 0);

  // The API: both in error.fields, in the call's order, the first one's code as the error's.
  const std::string api = "/api/v1/establishments/750100109/funding/candidatures/" +
                          page.substr(page.rfind('/') + 1) + "/verifications";
  auto x = call(srv_, ars_, "POST", api,
                R"({"verdicts":{"D1.O1.A":{"outcome":"more_requested"},)"
                R"("D1.O2.A":{"outcome":"peut-être"}}})",
                "application/json");
  ASSERT_EQ(x.status, 422) << x.body;
  auto e = nlohmann::json::parse(x.body)["error"];
  EXPECT_EQ(e["code"], "funding.comment_required");
  ASSERT_EQ(e["fields"].size(), 2u) << e.dump();
  EXPECT_EQ(e["fields"][0]["field"], "verdicts.D1.O1.A.comment");
  EXPECT_EQ(e["fields"][0]["code"], "funding.comment_required");
  EXPECT_NE(e["fields"][0]["message"].get<std::string>().find("Audit de sécurité de l'annuaire"),
            std::string::npos);
  EXPECT_EQ(e["fields"][1]["field"], "verdicts.D1.O2.A");
  EXPECT_EQ(e["fields"][1]["code"], "funding.outcome_invalid");
  EXPECT_NE(e["fields"][1]["message"].get<std::string>().find("Audit d'exposition sur internet"),
            std::string::npos);
  // None given: `verdicts`, naming every objective waiting for its verdict.
  x = call(srv_, ars_, "POST", api, R"({"verdicts":{}})", "application/json");
  ASSERT_EQ(x.status, 422) << x.body;
  e = nlohmann::json::parse(x.body)["error"];
  ASSERT_EQ(e["fields"].size(), 1u) << e.dump();
  EXPECT_EQ(e["fields"][0]["field"], "verdicts");
  EXPECT_EQ(e["fields"][0]["code"], "funding.verdict_required");
  EXPECT_NE(e["fields"][0]["message"].get<std::string>().find("D1.O1.A"), std::string::npos);
  EXPECT_NE(e["fields"][0]["message"].get<std::string>().find("D1.O2.A"), std::string::npos);
  EXPECT_EQ(events(), before);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_verifications"), 0);
  // Both right: recorded.
  r = call(srv_, ars_, "POST", page + "/verification",
           "outcome_D1_O1_A=refused&comment_D1_O1_A=Rapport+absent&outcome_D1_O2_A=accepted",
           kForm);
  EXPECT_EQ(r.status, 303) << r.body.substr(0, 500);
  EXPECT_EQ(count_rows(srv_.db().db(), "funding_verifications"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, FundingProofPages,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

INSTANTIATE_TEST_SUITE_P(Backends, FundingPages,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
