// The printable continuity report (report/continuity_pdf.hpp) and the document helper's tables
// it is drawn with (common/pdf.hpp): what a reader finds in it, read back with pdftotext.
#include <gtest/gtest.h>

#include <regex>
#include <stdexcept>

#include "common/pdf.hpp"
#include "continuity/report/continuity_pdf.hpp"
#include "continuity/report/wording.hpp"
#include "continuity/rules/scale.hpp"
#include "continuity/store/repository.hpp"
#include "module_fixture.hpp"
#include "outputs.hpp"

using namespace carepilot;
using namespace carepilot::continuity;
using carepilot::testing::day;
using carepilot::testing::pdf_text;

namespace {

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

// The text with every run of blanks and line breaks as one space: a sentence wrapped over
// several lines reads whole (table cells side by side do not).
std::string flat(const std::string& text) {
  return std::regex_replace(text, std::regex("[ \\t\\r\\n\\f]+"), " ");
}

int pages(const std::string& text) {
  return count(text, "\f");  // pdftotext ends every page with a form feed
}

TEST(PdfTable, TheHeaderIsRepeatedOnEveryPageTheTableCrosses) {
  std::vector<std::vector<pdf::Cell>> rows;
  for (int i = 0; i < 150; ++i)
    rows.push_back({pdf::Cell("ligne " + std::to_string(i)), pdf::Cell("valeur", i % 2 == 0)});
  const auto bytes = pdf::render("Essai", "Essai", [&](pdf::Writer& w) {
    w.table({"Colonne gauche", "Colonne droite"}, rows, {1, 3});
  });
  const auto text = pdf_text(bytes);
  ASSERT_GE(pages(text), 2);
  EXPECT_EQ(count(text, "Colonne gauche"), pages(text));
  EXPECT_NE(text.find("ligne 149"), std::string::npos);
  EXPECT_EQ(count(text, "ligne 7\n"), 1) << "a row is drawn once";
}

// Trial of issue 18: the dossier's « Déclaration » column, given a small share, broke its
// header (« Déclaratio » / « n »). A header word is never broken; the other columns give way.
TEST(PdfTable, NoHeaderWordIsBroken) {
  const auto bytes = pdf::render("Essai", "Essai", [&](pdf::Writer& w) {
    w.table({"Objectif", "Déclaration", "Vérification", "Calcul"},
            {{"D1.O1.A", "Déclaré atteint", "Accepté", "Atteint selon les relevés"}},
            {6, 0.5, 0.5, 6});
  });
  const auto text = pdf_text(bytes);
  EXPECT_NE(text.find("Déclaration"), std::string::npos) << text;
  EXPECT_NE(text.find("Vérification"), std::string::npos) << text;
  EXPECT_NE(text.find("Atteint selon les relevés"), std::string::npos) << text;
  // The other side: widths that leave every header whole keep their shares (a long word of a
  // wide column wraps with its cell, not into a neighbour's room).
  const auto wide = pdf_text(pdf::render("Essai", "Essai", [&](pdf::Writer& w) {
    w.table({"A", "B"}, {{std::string(40, 'x') + " fin", "droite"}}, {1, 1});
  }));
  EXPECT_NE(wide.find("droite"), std::string::npos);
}

// A row taller than a page is not cut at the page's foot: its cells continue on the next
// pages, under the repeated header, every line drawn once.
TEST(PdfTable, ARowTallerThanAPageContinuesOnTheNextPages) {
  std::string tall;
  for (int i = 0; i < 160; ++i) tall += "preuve " + std::to_string(i) + "\n";
  const auto bytes = pdf::render("Essai", "Essai", [&](pdf::Writer& w) {
    w.block("Avant le tableau", "Sans 10");
    w.table({"Objectif", "Preuves"}, {{"D1.O2.B", tall}, {"D1.O1.A", "après"}}, {1, 3});
  });
  const auto text = pdf_text(bytes);
  ASSERT_GE(pages(text), 2);
  for (int i = 0; i < 160; ++i)
    EXPECT_EQ(count(text, "preuve " + std::to_string(i) + "\n"), 1) << i;
  EXPECT_NE(text.find("après"), std::string::npos);
  EXPECT_EQ(count(text, "Preuves"), pages(text)) << "the header on every page";
  EXPECT_EQ(count(text, "D1.O2.B"), 1);
}

TEST(PdfTable, OneWidthPerColumn) {
  EXPECT_THROW(pdf::render("x", "x",
                           [](pdf::Writer& w) {
                             w.table({"A", "B"}, {{"1", "2"}}, {1});
                           }),
               std::invalid_argument);
  EXPECT_THROW(pdf::render("x", "x", [](pdf::Writer& w) { w.table({"A"}, {{"1"}}, {0}); }),
               std::invalid_argument);
  // Fewer cells than columns: the rest is empty.
  EXPECT_NO_THROW(pdf::render("x", "x", [](pdf::Writer& w) {
    w.table({"A", "B", "C"}, {{"seul"}}, {1, 1, 1});
  }));
}

registry::Establishment establishment() {
  registry::Establishment e;
  e.name = "Centre hospitalier de Cholet-Mauges (démo)";
  e.finess_et = "490000155";
  e.services = {"urgences", "pharmacie"};
  return e;
}

// Urgences with a validated BIA (critical at 24 h, DMIA set by hand to 12 h), a draft of its
// next version, the patient record it uses restored too slowly; a PCA tested, a PCRI never
// tested nor planned.
Register sample() {
  const Scale& s = default_scale();
  Register reg;
  reg.resources = {{1, "Dossier patient informatisé", "application"},
                   {2, "Messagerie", "application"}};
  Activity a;
  a.id = 10;
  a.name = "Urgences adultes";
  a.kind = "care_service";
  a.service = "urgences";
  a.owner = "Dr Lemoine";
  a.share_hundredths = 2550;
  a.resource_ids = {1};
  reg.activities = {a};
  Bia b;
  b.id = 100;
  b.activity_id = 10;
  b.version = 2;
  for (const auto& c : s.categories)
    for (const auto& h : s.horizons) b.impacts.levels[c.id][h.id] = h.hours >= 24 ? 4 : 2;
  b.dmia_hours = 24;
  b.dmia_override = Override{12, "Les transferts vers le CHU prennent 12 heures."};
  b.pdma_hours = 24;
  b.degraded_mode = "Fiches papier, prescriptions manuscrites";
  b.autonomy_hours = 48;
  b.validated_by = "Mme Durand, directrice";
  b.validated_on = day("2026-03-02");
  Bia draft = b;
  draft.id = 101;
  draft.version = 3;
  draft.validated_on.reset();
  reg.bias = {b, draft};
  Plan pca;
  pca.id = 5;
  pca.kind = "pca";
  pca.title = "PCA des urgences";
  pca.scope = "service";
  pca.services = {"urgences"};
  pca.covers_it_outage = true;
  pca.scenarios = "Indisponibilité informatique\n\nCyberattaque ";
  pca.version = "1.2";
  pca.validated_by = "M. Roux";
  pca.validated_on = day("2026-04-01");
  Plan pcri = pca;
  pcri.id = 6;
  pcri.kind = "pcri";
  pcri.title = "PCRI du système d'information";
  pcri.scope = "global";
  pcri.covers_it_outage = false;
  reg.plans = {pca, pcri};
  PlanTest t;
  t.id = 1;
  t.plan_id = 5;
  t.held_on = day("2026-05-12");
  t.scenario = "Indisponibilité informatique de 6 heures";
  t.observed_hours = 6;
  t.failures = "Imprimantes de secours introuvables";
  reg.tests = {t};
  RestoreTest r;
  r.id = 1;
  r.resource_id = 1;
  r.held_on = day("2026-06-03");
  r.restore_minutes = 20 * 60;
  r.data_loss_minutes = 30;
  r.checked_by = "Dr Lemoine";
  reg.restores = {r};
  return reg;
}

TEST(ContinuityPdf, TheSummaryTheImpactMatrixAndTheGapsAsTheReaderFindsThem) {
  const auto bytes = continuity_pdf(establishment(), sample(), default_scale(), day("2026-12-02"));
  ASSERT_EQ(bytes.rfind("%PDF-", 0), 0u);
  const auto text = flat(pdf_text(bytes));
  SCOPED_TRACE(text);
  EXPECT_NE(text.find("Centre hospitalier de Cholet-Mauges (démo) — FINESS 490000155"),
            std::string::npos);
  EXPECT_NE(text.find("Édité le 02/12/2026"), std::string::npos);
  // Summary: one service of two covered; the pharmacy's BIA late since its deadline.
  EXPECT_NE(text.find("Services couverts par un BIA validé : 1 sur 2 services."),
            std::string::npos);
  EXPECT_NE(text.find("BIA en retard depuis le 30/06/2026"), std::string::npos);
  EXPECT_NE(text.find("Plans non testés depuis leur validation : 1"), std::string::npos);
  EXPECT_NE(text.find("dépasse l'exigence de reprise (RTO ou RPO) : 1."), std::string::npos);
  // The scale with its definitions, the matrix of the version that counts (v2, not the draft).
  EXPECT_NE(text.find("Mise en danger avérée de patients"), std::string::npos);
  EXPECT_NE(text.find("BIA version 2, validé le 02/03/2026 par Mme Durand, directrice (une "
                      "version 3 est en brouillon)"),
            std::string::npos);
  EXPECT_NE(text.find("4 — Critique"), std::string::npos);
  EXPECT_NE(text.find("2 — Significatif"), std::string::npos);
  EXPECT_NE(text.find("DMIA : 12 heures (fixée à la main ; déduite de la matrice : 1 jour."),
            std::string::npos);
  EXPECT_NE(text.find("Les transferts vers le CHU prennent 12 heures."), std::string::npos);
  EXPECT_NE(text.find("autonomie : 2 jours"), std::string::npos);
  // The patient record must restart within 12 h; it took 20 h.
  EXPECT_NE(text.find("écart : 8 heures de"), std::string::npos);
  EXPECT_NE(text.find("Imprimantes"), std::string::npos);
  EXPECT_NE(text.find("jamais testé"), std::string::npos);
  EXPECT_NE(text.find("PCRI du système d'information"), std::string::npos);
  // The plan's scenarios, as typed (blank lines and spaces dropped).
  EXPECT_NE(text.find("scénarios : Indisponibilité informatique, Cyberattaque"), std::string::npos);
  // Read by people: no ISO dates, no internal codes, no « (s) ».
  EXPECT_FALSE(std::regex_search(text, std::regex("\\d{4}-\\d{2}-\\d{2}")));
  for (const char* code : {"care_service", "patient_safety", " application ", "(s)", "pcri "})
    EXPECT_EQ(text.find(code), std::string::npos) << code;
}

TEST(ContinuityPdf, AnEmptyRegisterSaysWhatIsMissing) {
  auto e = establishment();
  const auto text = flat(pdf_text(continuity_pdf(e, {}, default_scale(), day("2026-01-15"))));
  SCOPED_TRACE(text);
  EXPECT_NE(text.find("Services couverts par un BIA validé : 0 sur 2 services."),
            std::string::npos);
  EXPECT_NE(text.find("attendu au 30/06/2026"), std::string::npos);
  EXPECT_NE(text.find("Aucune activité recensée."), std::string::npos);
  EXPECT_NE(text.find("Aucun plan de continuité"), std::string::npos);
  e.services.clear();
  EXPECT_NE(pdf_text(continuity_pdf(e, {}, default_scale(), day("2026-01-15")))
                .find("Aucun service n'est déclaré"),
            std::string::npos);
}

TEST(ContinuityWording, ARequirementBeyondAMonthIsNotNoRequirement) {
  Register reg = sample();
  const auto required = Repository::requirements(reg);
  // The patient record: 12 h / 1 day; the messaging: no activity uses it.
  EXPECT_EQ(rto_rpo_text(reg, required, 1),
            (std::pair<std::string, std::string>{"12 heures", "1 jour"}));
  EXPECT_EQ(rto_rpo_text(reg, required, 2).first,
            "aucune exigence (pas de BIA validé d'une activité qui l'utilise)");
  // Billing uses the messaging; its validated BIA finds nothing unacceptable within a month.
  Activity billing;
  billing.id = 11;
  billing.name = "Facturation";
  billing.kind = "admin_process";
  billing.resource_ids = {2};
  reg.activities.push_back(billing);
  Bia b;
  b.id = 110;
  b.activity_id = 11;
  b.validated_by = "DAF";
  b.validated_on = day("2026-03-02");
  reg.bias.push_back(b);
  EXPECT_EQ(rto_rpo_text(reg, Repository::requirements(reg), 2),
            (std::pair<std::string, std::string>{"au-delà d'un mois", "au-delà d'un mois"}));
  // A draft does not count: still no requirement.
  reg.bias.back().validated_on.reset();
  EXPECT_EQ(rto_rpo_text(reg, Repository::requirements(reg), 2).second, "—");
}

TEST(ContinuityWording, DurationsAndGaps) {
  EXPECT_EQ(hours_text(24), "1 jour");
  EXPECT_EQ(hours_text(36), "36 heures");
  EXPECT_EQ(hours_text(std::nullopt), "au-delà d'un mois");
  // One unit scheme for every duration (issue 15 trial: « 6 h » beside « 4 heures »).
  EXPECT_EQ(hours_text(72), "3 jours");
  EXPECT_EQ(hours_text(168), "1 semaine");
  EXPECT_EQ(hours_text(720), "1 mois");
  EXPECT_EQ(duration_text(0.75), "45 minutes");
  EXPECT_EQ(duration_text(1 + 5.0 / 60), "1 heure 5 minutes");
  EXPECT_EQ(duration_text(6), "6 heures");
  EXPECT_EQ(duration_text(48), "2 jours");
  EXPECT_EQ(share_text(2550), "25,5\u00a0%");
  EXPECT_EQ(share_text(100), "1\u00a0%");
}

}  // namespace
