#include <gtest/gtest.h>

#include <regex>

#include "exercises/retex_pdf.hpp"
#include "fixture.hpp"

using namespace carepilot;
using carepilot::testing::day;

namespace {

// Counts page objects ("/Type /Page" not followed by "s", which is the page tree).
int pages(const std::string& pdf) {
  static const std::regex page("/Type\\s*/Page(?![s])");
  return static_cast<int>(
      std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

exercises::Exercise sample() {
  exercises::Exercise x;
  x.id = 7;
  x.title = "Exercice « rançongiciel » — urgences et pharmacie";
  x.date = day("2026-10-01");
  x.scenario = "ransomware";
  x.scenario_label = "Rançongiciel";
  x.format = exercises::Format::live;
  x.objectives = "Éprouver la cellule de crise, le mode dégradé et la communication.";
  x.participants = {{"direction", 2, "Mme Élodie Durand, M. Loïc Pérès"}, {"medical", 4, ""}};
  x.status = exercises::Status::closed;
  x.retex_date = day("2026-10-08");
  x.retex_worked = "La cellule s'est réunie en 20 minutes ; l'annuaire était à jour.";
  x.retex_failed = "Les fiches réflexes étaient stockées sur le réseau chiffré.";
  x.retex_decisions = "Imprimer les fiches ; désigner un suppléant.";
  x.items = {{1, 1, "Imprimer les fiches réflexes", paq::Priority::high, 42},
             {2, 2, "Désigner un suppléant du RSSI", paq::Priority::medium, std::nullopt}};
  return x;
}

registry::Establishment establishment() {
  registry::Establishment e;
  e.name = "Centre hospitalier de Cholet-Mauges — Hôpital Saint-Éloi";
  e.finess_et = "490000155";
  return e;
}

TEST(RetexPdf, OnePageForAShortRetex) {
  std::string pdf;
  ASSERT_NO_THROW(pdf = exercises::retex_pdf(establishment(), sample()));
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
  EXPECT_EQ(pages(pdf), 1);
}

TEST(RetexPdf, LongRetexSpansSeveralPages) {
  auto x = sample();
  std::string para;
  for (int i = 0; i < 60; ++i)
    para += "Point " + std::to_string(i) +
            " : la sauvegarde hors ligne n'était pas testée ; décision prise en séance, à "
            "vérifier par l'équipe informatique et la direction des soins. ";
  x.retex_worked = para;
  x.retex_failed = para + "\n\n" + para;
  for (int i = 3; i < 60; ++i)
    x.items.push_back({i, i,
                       "Action d'amélioration n° " + std::to_string(i) + " — été, noël, œuvre",
                       paq::Priority::low, std::nullopt});
  std::string pdf;
  ASSERT_NO_THROW(pdf = exercises::retex_pdf(establishment(), x));
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_GT(pages(pdf), 2);
}

TEST(RetexPdf, InvalidUtf8DoesNotThrow) {
  auto x = sample();
  x.retex_failed = std::string("caf\xe9 \xff\xfe");
  EXPECT_NO_THROW(exercises::retex_pdf(establishment(), x));
}

}  // namespace
