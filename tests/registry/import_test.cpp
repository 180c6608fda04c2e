#include <gtest/gtest.h>

#include "finess_lines.hpp"
#include "registry/finess_import.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::registry;
using carepilot::testing::finess_for;
using carepilot::testing::structureet;

namespace {
const Catalog& cat() {
  return Catalog::builtin();
}
ImportReport check(const std::string& text) {
  std::vector<std::pair<int, EstablishmentInput>> rows;
  return check_finess_extract(text, cat(), rows);
}
}  // namespace

TEST(FinessImportCheck, AcceptsAWellFormedExtract) {
  std::string text =
      "finess;etalab;100;IGN;2024-01-01\n" +
      structureet("750712184", "750712184", "AP HP", "75", "101", "1101") +
      "geolocalisation;750712184;651234.0;6862345.0;1,ATLASANTE;2024-01-01\n" +
      structureet("690781810", "690781810", "HCL", "69", "101", "1101", "69002 LYON");
  std::vector<std::pair<int, EstablishmentInput>> rows;
  auto rep = check_finess_extract(text, cat(), rows);
  EXPECT_TRUE(rep.errors.empty());
  EXPECT_EQ(rep.establishments, 2);
  EXPECT_EQ(rep.skipped, 2);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].first, 2);
  EXPECT_EQ(rows[0].second.type, "chu");
  EXPECT_EQ(rows[0].second.name, "AP HP LONG");
  EXPECT_EQ(rows[1].second.city, "LYON");
}

TEST(FinessImportCheck, ReportsEveryBadRowWithLineAndField) {
  std::string text = structureet("750712184", "750712184", "A", "75") +
                     structureet("750712185", "750712184", "B", "75") +  // wrong key
                     structureet("690781810", "69078181X", "C", "69") +  // bad EJ format
                     structureet("130786049", "130786049", "D", "99");   // unknown department
  auto rep = check(text);
  ASSERT_EQ(rep.errors.size(), 3u);
  EXPECT_EQ(rep.errors[0].line, 2);
  EXPECT_EQ(rep.errors[0].field, "nofinesset");
  EXPECT_NE(rep.errors[0].reason.find("Luhn"), std::string::npos);
  EXPECT_EQ(rep.errors[1].line, 3);
  EXPECT_EQ(rep.errors[1].field, "nofinessej");
  EXPECT_EQ(rep.errors[2].line, 4);
  EXPECT_EQ(rep.errors[2].field, "departement");
}

TEST(FinessImportCheck, RefusesShortLinesUnknownKindsAndDuplicates) {
  auto rep = check("structureet;750712184;750712184;X\n" + std::string("autre;chose\n") +
                   structureet("330781196", "330781196", "CHU", "33") +
                   structureet("330781196", "330781196", "CHU bis", "33"));
  ASSERT_EQ(rep.errors.size(), 3u);
  EXPECT_EQ(rep.errors[0].line, 1);
  EXPECT_NE(rep.errors[0].reason.find("incomplète"), std::string::npos);
  EXPECT_EQ(rep.errors[1].line, 2);
  EXPECT_EQ(rep.errors[2].line, 4);
  EXPECT_NE(rep.errors[2].reason.find("deux fois"), std::string::npos);
}

TEST(FinessImportCheck, DecodesIso885915) {
  // "HÔPITAL ŒUVRE" in ISO-8859-15: Ô = 0xD4, Œ = 0xBC.
  std::string name = "H\xD4PITAL \xBCUVRE";
  auto line = structureet("750712184", "750712184", name, "75");
  std::vector<std::pair<int, EstablishmentInput>> rows;
  auto rep = check_finess_extract(line, cat(), rows);
  ASSERT_TRUE(rep.errors.empty());
  EXPECT_EQ(rows[0].second.name, "HÔPITAL ŒUVRE LONG");
}

TEST(FinessImportCheck, EmptyOrBinaryFilesAreRefused) {
  EXPECT_FALSE(check("").errors.empty());
  EXPECT_FALSE(check(std::string("abc\0def", 7)).errors.empty());
  EXPECT_FALSE(check("finess;etalab\n").errors.empty());
}

TEST(FinessImportCheck, UnknownCategoryFallsBackOnTheAggregate) {
  std::vector<std::pair<int, EstablishmentInput>> rows;
  auto rep = check_finess_extract(structureet("750712184", "750712184", "X", "75", "999", "4401"),
                                  cat(), rows);
  ASSERT_TRUE(rep.errors.empty());
  EXPECT_EQ(rows[0].second.type, "autre_medico_social");
  auto bad = check(structureet("750712184", "750712184", "X", "75", "999", "9999"));
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].field, "categetab");
}

class ImportDbTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ImportDbTest, OneBadRowInTenThousandImportsNothing) {
  carepilot::testing::TestDb t(GetParam());
  Repository repo(t.db(), cat());
  repo.seed_regions();
  // Something already stored must survive untouched.
  EstablishmentInput keep;
  keep.finess_et = "750712184";
  keep.finess_ej = "750712184";
  keep.name = "Déjà là";
  keep.type = "chu";
  keep.department = "75";
  keep.services = {"urgences"};
  repo.create(Scope::nation(), keep);

  std::string text;
  for (int i = 1; i <= 10000; ++i) {
    std::string et = finess_for("33", i);
    if (i == 7777) et[8] = static_cast<char>('0' + (et[8] - '0' + 1) % 10);  // break the key
    text += structureet(et, finess_for("33", 500000 + i), "ETAB " + std::to_string(i), "33");
  }
  auto rep = import_finess_extract(t.db(), cat(), Scope::nation(), text);
  EXPECT_FALSE(rep.applied);
  ASSERT_EQ(rep.errors.size(), 1u);
  EXPECT_EQ(rep.errors[0].line, 7777);
  EXPECT_EQ(rep.errors[0].field, "nofinesset");
  auto page = repo.list(Scope::nation(), {});
  EXPECT_EQ(page.total, 1);
  auto kept = repo.find(Scope::nation(), "750712184");
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->name, "Déjà là");
  EXPECT_EQ(kept->services, std::vector<std::string>{"urgences"});
}

TEST_P(ImportDbTest, ImportInsertsThenUpdatesKeepingLinks) {
  carepilot::testing::TestDb t(GetParam());
  Repository repo(t.db(), cat());
  repo.seed_regions();
  std::string text;
  for (int i = 1; i <= 300; ++i)
    text += structureet(finess_for("44", i), finess_for("44", 9000 + i),
                        "ETAB " + std::to_string(i), "44");
  auto rep = import_finess_extract(t.db(), cat(), Scope::nation(), text);
  ASSERT_TRUE(rep.applied) << (rep.errors.empty() ? "" : rep.errors[0].reason);
  EXPECT_EQ(rep.inserted, 300);
  // Services added by hand survive a second import, which updates names.
  auto e = repo.find(Scope::nation(), finess_for("44", 1));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->region_code, "52");
  EstablishmentInput in;
  in.finess_et = e->finess_et;
  in.finess_ej = e->finess_ej;
  in.name = e->name;
  in.type = e->type;
  in.department = e->department;
  in.services = {"pharmacie"};
  repo.update(Scope::nation(), e->finess_et, in);
  std::string renamed = structureet(finess_for("44", 1), finess_for("44", 9001), "RENOMME", "44");
  auto rep2 = import_finess_extract(t.db(), cat(), Scope::nation(), renamed);
  ASSERT_TRUE(rep2.applied);
  EXPECT_EQ(rep2.updated, 1);
  auto after = repo.find(Scope::nation(), finess_for("44", 1));
  EXPECT_EQ(after->name, "RENOMME LONG");
  EXPECT_EQ(after->services, std::vector<std::string>{"pharmacie"});
}

TEST_P(ImportDbTest, RowsOutsideTheScopeAreRefused) {
  carepilot::testing::TestDb t(GetParam());
  Repository repo(t.db(), cat());
  repo.seed_regions();
  auto rep = import_finess_extract(t.db(), cat(), Scope::region("52"),
                                   structureet("750712184", "750712184", "Paris", "75"));
  EXPECT_FALSE(rep.applied);
  ASSERT_EQ(rep.errors.size(), 1u);
  EXPECT_EQ(repo.list(Scope::nation(), {}).total, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportDbTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
