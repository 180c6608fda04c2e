#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

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

// Field case pdf-emoji-long-strings: hostile text, extracted again with poppler's pdftotext.
std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

std::string without_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\f' && c != '\t') out += c;
  return out;
}

TEST(RetexPdf, HostileTextIsPrintedLegiblyAndStaysInsideThePage) {
  auto x = sample();
  const std::string emoji =
      "\xF0\x9F\x94\xA5\xF0\x9F\x9A\x91\xF0\x9F\x92\xBB";  // fire, ambulance, laptop
  const std::string chinese =
      "\xE5\x8C\xBB\xE9\x99\xA2\xE7\xBD\x91\xE7\xBB\x9C\xE5\xAE\x89\xE5\x85\xA8";
  const std::string arabic = "\xD9\x85\xD8\xB3\xD8\xAA\xD8\xB4\xD9\x81\xD9\x89";  // hospital
  const std::string rlo = "\xE2\x80\xAE";  // right-to-left override
  std::string long_name(192, 'A');
  for (std::size_t i = 0; i < long_name.size(); ++i) long_name[i] = static_cast<char>('a' + i % 26);
  std::string url = "https://intranet.exemple.fr/";
  while (url.size() < 200) url += "dossier/";
  url.resize(200);
  std::string hash(135, 'f');
  for (std::size_t i = 0; i < hash.size(); ++i) hash[i] = "0123456789abcdef"[i % 16];
  x.title = "Exercice " + emoji + " " + chinese;
  x.participants = {{"direction", 1, long_name}};
  x.retex_worked = "Lien : " + url + "\nEmpreinte : " + hash;
  x.retex_failed = arabic + " " + chinese + " " + emoji + " " + rlo + "ordre inversé" +
                   std::string("\x01\x07", 2) + " fin";
  x.items.push_back({3, 3, rlo + "point piégé", paq::Priority::low, std::nullopt});
  std::string pdf = exercises::retex_pdf(establishment(), x);

  // Kept in the build tree for a look (pdftoppm -png).
  auto dir = std::filesystem::current_path() / "output";
  std::filesystem::create_directories(dir);
  auto file = (dir / "retex-hostile.pdf").string();
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text = run("pdftotext -enc UTF-8 '" + file + "' - 2>&1");
  ASSERT_FALSE(text.empty()) << "pdftotext (poppler-utils) is needed";
  std::string flat = without_space(text);
  EXPECT_NE(flat.find(chinese), std::string::npos) << text;
  EXPECT_NE(flat.find(long_name), std::string::npos);
  EXPECT_NE(flat.find(url), std::string::npos);
  EXPECT_NE(flat.find(hash), std::string::npos);
  // The override is dropped: our own text after it reads left to right.
  EXPECT_NE(text.find("ordre invers"), std::string::npos) << text;
  EXPECT_NE(text.find("point pi"), std::string::npos) << text;
  EXPECT_NE(text.find("priorité"), std::string::npos) << text;
  // Arabic letters are there (pdftotext gives them in logical or visual order).
  EXPECT_NE(text.find("\xD9\x85"), std::string::npos) << text;

  // The emoji are drawn by the colour emoji font (cairo embeds its glyphs as images, which
  // pdftotext does not read back): page 1 holds coloured pixels, where a missing glyph
  // would be an empty box in the text's grey.
  std::string ppm = run("pdftoppm -f 1 -l 1 -r 50 '" + file + "' 2>&1");
  ASSERT_EQ(ppm.rfind("P6", 0), 0u) << ppm.substr(0, 200);
  std::istringstream head(ppm);
  std::string magic;
  int w = 0, h = 0, maxval = 0;
  head >> magic >> w >> h >> maxval;
  std::size_t offset = static_cast<std::size_t>(head.tellg()) + 1;
  ASSERT_EQ(ppm.size(), offset + static_cast<std::size_t>(w) * h * 3);
  int coloured = 0;
  for (std::size_t i = offset; i + 2 < ppm.size(); i += 3) {
    int r = static_cast<unsigned char>(ppm[i]), g = static_cast<unsigned char>(ppm[i + 1]),
        b = static_cast<unsigned char>(ppm[i + 2]);
    if (std::max({r, g, b}) - std::min({r, g, b}) > 80) ++coloured;
  }
  EXPECT_GT(coloured, 20) << "no colour emoji drawn on page 1";

  // Every word inside the printable area (A4: 595.28 x 841.89 points).
  std::string bbox = run("pdftotext -bbox '" + file + "' - 2>&1");
  static const std::regex word(
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\"");
  int words = 0;
  for (std::sregex_iterator it(bbox.begin(), bbox.end(), word), end; it != end; ++it) {
    ++words;
    double x0 = std::stod((*it)[1]), y0 = std::stod((*it)[2]), x1 = std::stod((*it)[3]),
           y1 = std::stod((*it)[4]);
    EXPECT_GE(x0, 28.0) << it->str();
    EXPECT_LE(x1, 595.28 - 28.0) << it->str();
    EXPECT_GE(y0, 28.0) << it->str();
    EXPECT_LE(y1, 841.89 - 28.0) << it->str();
  }
  EXPECT_GT(words, 50);
}

}  // namespace
