#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "finess_lines.hpp"
#include "registry/finess_import.hpp"
#include "registry/validation.hpp"
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
  auto none = check(structureet("750712184", "750712184", "X", "75", "", ""));
  ASSERT_EQ(none.errors.size(), 1u);
  EXPECT_EQ(none.errors[0].field, "categetab");
}

TEST(FinessImportCheck, OutOfPerimeterCategoriesAreSkippedAndCounted) {
  // Pharmacies (620/3201), laboratories (610/3202), an unknown aggregate: skipped, counted,
  // even with a bad key or an unknown department (they are not read further).
  std::string text =
      "finess;etalab;111;2026-05-12\n" + structureet("750712184", "750712184", "CH", "75") +
      structureet(finess_for("49", 1), finess_for("49", 2), "PHARMA", "49", "620", "3201") +
      structureet(finess_for("49", 3), finess_for("49", 4), "PHARMA 2", "49", "620", "3201") +
      structureet("490000000", "490000000", "LABO", "ZZ", "610", "3202") +
      structureet(finess_for("49", 5), finess_for("49", 6), "X", "49", "999", "9999");
  std::vector<std::pair<int, EstablishmentInput>> rows;
  auto rep = check_finess_extract(text, cat(), rows);
  EXPECT_TRUE(rep.errors.empty()) << rep.errors[0].reason;
  EXPECT_EQ(rep.establishments, 1);
  EXPECT_EQ(rep.out_of_perimeter, 4);
  EXPECT_EQ(rep.skipped, 1);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].second.finess_et, "750712184");
  EXPECT_EQ(rep.out_of_perimeter_by_category.size(), 3u);
  // Inside the perimeter, real errors still refuse the file.
  auto bad = check(text + structureet("490000000", "490000000", "CH", "49"));
  EXPECT_EQ(bad.errors.size(), 2u);
}

TEST(FinessImportCheck, ThePerimeterIsData) {
  std::string regions =
      "regions:\n  - {code: '52', name: R, departments: [{code: '49', name: D}]}\n";
  std::string types =
      "types:\n  - {code: a, label: A, category: sanitaire}\n"
      "services: []\n"
      "finess_perimeter:\n  - {categagretab_prefix: '3', type: a}\n"
      "  - {categagretab_prefix: '32', type: none}\n";
  auto c = Catalog::parse(regions, types);
  EXPECT_EQ(c.type_for_finess("999", "3101"), std::optional<std::string>("a"));
  EXPECT_EQ(c.type_for_finess("620", "3201"), std::nullopt);
  EXPECT_EQ(c.type_for_finess("355", "1102"), std::nullopt);
  EXPECT_THROW(Catalog::parse(regions, types + "  - {categagretab_prefix: '4', type: zz}\n"),
               std::runtime_error);
}

TEST(FinessImportCheck, EveryOverseasCodeIsKnownWithItsUsualNumber) {
  const std::map<std::string, std::string> overseas{{"9A", "971"}, {"9B", "972"}, {"9C", "973"},
                                                    {"9D", "974"}, {"9E", "975"}, {"9F", "976"},
                                                    {"9G", "977"}, {"9H", "978"}, {"9J", "986"}};
  for (const auto& [code, number] : overseas) {
    const auto* d = cat().department(code);
    ASSERT_NE(d, nullptr) << code;
    EXPECT_EQ(d->number, number);
    EXPECT_EQ(d->label().rfind(number + " — ", 0), 0u) << d->label();
    EXPECT_EQ(cat().department_by_code_or_number(number), d);
    ASSERT_NE(cat().region(d->region_code), nullptr) << code;
    std::vector<std::pair<int, EstablishmentInput>> rows;
    auto rep = check_finess_extract(
        structureet(finess_for("97", 100 + number.back()), finess_for("97", 200), "OM", code),
        cat(), rows);
    EXPECT_TRUE(rep.errors.empty()) << code;
  }
  for (std::string code : {"2A", "2B", "01", "95"}) {
    ASSERT_NE(cat().department(code), nullptr) << code;
    EXPECT_EQ(cat().department(code)->number, code);
  }
  EXPECT_EQ(cat().department("9I"), nullptr);
  EXPECT_EQ(cat().department("96"), nullptr);
  // A form or the API may give the usual number; it is stored as the FINESS code.
  EstablishmentInput in;
  in.finess_et = finess_for("97", 1);
  in.finess_ej = finess_for("97", 2);
  in.name = "CHU";
  in.type = "chu";
  in.department = "971";
  EXPECT_TRUE(validate_establishment(in, cat()).empty());
  EXPECT_EQ(in.department, "9A");
}

TEST(FinessImportCheck, CsvQuotingIsDecoded) {
  auto line = structureet("750712184", "750712184", "X", "75");
  auto pos = line.find(";X LONG;");
  line.replace(pos, 8, ";\"LIEU \"\"LE BAOBAB\"\"; ET CIE\";");
  std::vector<std::pair<int, EstablishmentInput>> rows;
  auto rep = check_finess_extract(line, cat(), rows);
  ASSERT_TRUE(rep.errors.empty()) << rep.errors[0].reason;
  EXPECT_EQ(rows[0].second.name, "LIEU \"LE BAOBAB\"; ET CIE");
  // A quote inside an unquoted field stays as typed.
  line = structureet("750712184", "750712184", "X", "75");
  line.replace(line.find(";X LONG;"), 8, ";L'ABRI 2\" BIS;");
  rows.clear();
  rep = check_finess_extract(line, cat(), rows);
  ASSERT_TRUE(rep.errors.empty());
  EXPECT_EQ(rows[0].second.name, "L'ABRI 2\" BIS");
}

namespace {
std::string read_field_case(const std::string& name) {
  std::ifstream in(std::string(CAREPILOT_FIELD_CASES) + "/finess-real-extract/" + name,
                   std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST(FinessImportCheck, ThePublishedExtractImports) {
  auto text = read_field_case("etalab-cs1100502-stock-fictif.csv");
  ASSERT_FALSE(text.empty()) << "field case missing under " << CAREPILOT_FIELD_CASES;
  std::vector<std::pair<int, EstablishmentInput>> rows;
  auto rep = check_finess_extract(text, cat(), rows);
  ASSERT_TRUE(rep.errors.empty()) << rep.errors[0].line << " " << rep.errors[0].reason;
  EXPECT_EQ(rep.establishments, 4);
  EXPECT_EQ(rep.out_of_perimeter, 1);
  EXPECT_EQ(rep.out_of_perimeter_by_category.begin()->first, "620 — Pharmacie d'Officine");
  EXPECT_EQ(rep.skipped, 4);  // the metadata line and three geolocalisation lines
  std::map<std::string, EstablishmentInput> by_et;
  for (auto& [line, in] : rows) by_et[in.finess_et] = in;
  ASSERT_TRUE(by_et.count("980599013"));
  EXPECT_EQ(by_et["980599013"].name, "LIEU DE VIE ET D'ACCUEIL \"LE BAOBAB\" FICTIF");
  EXPECT_EQ(by_et["980599013"].department, "9F");
  EXPECT_EQ(by_et["980599013"].type, "autre_medico_social");
  EXPECT_EQ(by_et["980699011"].department, "9J");
  EXPECT_EQ(by_et["499803013"].type, "ehpad");
  EXPECT_EQ(by_et["499801017"].name, "CENTRE HOSPITALIER DES MAUGES (FICTIF)");

  std::vector<std::pair<int, EstablishmentInput>> control;
  auto crep = check_finess_extract(read_field_case("control-without-quirks.csv"), cat(), control);
  EXPECT_TRUE(crep.errors.empty());
  EXPECT_EQ(crep.establishments, 2);
  EXPECT_EQ(crep.out_of_perimeter, 0);
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

TEST_P(ImportDbTest, ThePublishedExtractImportsInOneGo) {
  carepilot::testing::TestDb t(GetParam());
  Repository repo(t.db(), cat());
  repo.seed_regions();
  auto rep = import_finess_extract(t.db(), cat(), Scope::nation(),
                                   read_field_case("etalab-cs1100502-stock-fictif.csv"));
  ASSERT_TRUE(rep.applied) << (rep.errors.empty() ? "" : rep.errors[0].reason);
  EXPECT_EQ(rep.inserted, 4);
  EXPECT_EQ(rep.out_of_perimeter, 1);
  EXPECT_FALSE(repo.find(Scope::nation(), "499802015"));  // the pharmacy
  auto wallis = repo.find(Scope::nation(), "980699011");
  ASSERT_TRUE(wallis);
  EXPECT_EQ(wallis->region_code, "986");
  auto mayotte = repo.find(Scope::nation(), "980599013");
  ASSERT_TRUE(mayotte);
  EXPECT_EQ(mayotte->region_code, "06");
  EXPECT_EQ(mayotte->name, "LIEU DE VIE ET D'ACCUEIL \"LE BAOBAB\" FICTIF");
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportDbTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
