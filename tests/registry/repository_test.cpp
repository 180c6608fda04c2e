#include <gtest/gtest.h>

#include <set>

#include "common/collate.hpp"
#include "common/text.hpp"
#include "registry/demo.hpp"
#include "registry/repository.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::registry;

namespace {
EstablishmentInput input(const std::string& et, const std::string& name, const std::string& dept,
                         const std::string& type = "ch") {
  EstablishmentInput in;
  in.finess_et = et;
  in.finess_ej = et;
  in.name = name;
  in.type = type;
  in.department = dept;
  return in;
}

int status_of(const std::function<void()>& f, std::string* code = nullptr) {
  try {
    f();
  } catch (const UserError& e) {
    if (code) *code = e.code();
    return e.status();
  }
  return 0;
}
}  // namespace

TEST(Text, FoldsFrenchAccentsAndCase) {
  EXPECT_EQ(fold_for_search("Hôpital Saint-Éloi"), "hopital saint eloi");
  EXPECT_EQ(fold_for_search("  CŒUR  de   l'Œuvre "), "coeur de l oeuvre");
  EXPECT_EQ(fold_for_search("ÀÂÄÇÈÉÊËÎÏÔÖÙÛÜŸàâäçèéêëîïôöùûüÿ"),
            "aaaceeeeiioouuuyaaaceeeeiioouuuy");
}

TEST(Text, ValidatesUtf8) {
  EXPECT_TRUE(valid_utf8("Hôpital"));
  EXPECT_FALSE(valid_utf8("H\xF4pital"));
  EXPECT_FALSE(valid_utf8("\xC0\x80"));      // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(valid_utf8("\xE2\x82"));      // truncated
}

TEST(Catalog, BuiltinIsComplete) {
  const auto& c = Catalog::builtin();
  // 101 departments and the four overseas collectivities FINESS codes 9E, 9G, 9H, 9J; the 18
  // regions and the two health authorities of Saint-Pierre-et-Miquelon and Wallis-et-Futuna.
  EXPECT_EQ(c.departments().size(), 105u);
  EXPECT_EQ(c.regions().size(), 20u);
  ASSERT_TRUE(c.department("2A"));
  EXPECT_EQ(c.department("2A")->region_code, "94");
  EXPECT_EQ(c.department("44")->region_code, "52");
  EXPECT_EQ(c.type("ehpad")->category, "medico_social");
  EXPECT_EQ(c.service("pharmacie")->klass, "medico_technique");
}

TEST(Catalog, ErrorsNameTheFileAndLine) {
  std::string regions =
      "version: 1\nregions:\n  - code: \"11\"\n    name: \"IdF\"\n    departments:\n      - {code: "
      "\"75\"}\n";
  try {
    Catalog::parse(regions, "types: []\nservices: []\n");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("regions.yaml:6"), std::string::npos) << m;
    EXPECT_NE(m.find("name"), std::string::npos) << m;
  }
  EXPECT_THROW(Catalog::parse("regions: [", "types: []"), std::runtime_error);
}

class RepositoryTest : public ::testing::TestWithParam<const char*> {
 protected:
  RepositoryTest() : t_(GetParam()), repo_(t_.db(), Catalog::builtin()) { repo_.seed_regions(); }
  carepilot::testing::TestDb t_;
  Repository repo_;
};

// Issue 19 trial: the region menus sorted « Île-de-France » last (byte order); French
// alphabetical order puts it among the I.
TEST_P(RepositoryTest, RegionsAreInFrenchAlphabeticalOrder) {
  std::vector<std::string> names;
  for (const auto& r : repo_.regions(Scope::nation())) names.push_back(r.name);
  ASSERT_GE(names.size(), 18u);
  const auto at = [&](const std::string& n) {
    return std::find(names.begin(), names.end(), n) - names.begin();
  };
  EXPECT_EQ(at("Île-de-France"), at("Hauts-de-France") + 1);
  EXPECT_LT(at("Île-de-France"), at("La Réunion"));
  EXPECT_LT(at("Auvergne-Rhône-Alpes"), at("Bourgogne-Franche-Comté"));
  EXPECT_EQ(names.front(), "Auvergne-Rhône-Alpes");
  EXPECT_TRUE(carepilot::french_less("Île-de-France", "Normandie"));
  EXPECT_FALSE(carepilot::french_less("Normandie", "Île-de-France"));
  EXPECT_TRUE(carepilot::french_less("Corse", "Côte"));  // accents after the letters
}

TEST_P(RepositoryTest, CreateFindUpdate) {
  auto in = input("750712184", "Hôpital Européen", "75", "chu");
  in.services = {"urgences", "pharmacie", "urgences"};
  auto e = repo_.create(Scope::nation(), in);
  EXPECT_EQ(e.region_code, "11");
  EXPECT_EQ(e.category, "sanitaire");
  EXPECT_EQ(e.services, (std::vector<std::string>{"pharmacie", "urgences"}));
  in.name = "Hôpital renommé";
  in.finess_et = "690781810";
  in.department = "69";
  auto u = repo_.update(Scope::nation(), "750712184", in);
  EXPECT_EQ(u.finess_et, "690781810");
  EXPECT_EQ(u.region_code, "84");
  EXPECT_FALSE(repo_.find(Scope::nation(), "750712184"));
  EXPECT_EQ(repo_.find(Scope::nation(), "690781810")->name, "Hôpital renommé");
}

TEST_P(RepositoryTest, RefusesBadInputWithFieldCodes) {
  std::string code;
  EXPECT_EQ(status_of([&] { repo_.create(Scope::nation(), input("750712185", "X", "75")); }, &code),
            422);
  EXPECT_EQ(code, "finess.invalid_key");
  EXPECT_EQ(status_of([&] { repo_.create(Scope::nation(), input("75071218", "X", "75")); }, &code),
            422);
  EXPECT_EQ(code, "finess.invalid_length");
  EXPECT_EQ(status_of([&] { repo_.create(Scope::nation(), input("750712184", "", "75")); }, &code),
            422);
  EXPECT_EQ(code, "validation.required");
  EXPECT_EQ(status_of([&] { repo_.create(Scope::nation(), input("750712184", "X", "75", "zoo")); },
                      &code),
            422);
  EXPECT_EQ(code, "validation.unknown_type");
  auto svc = input("750712184", "X", "75");
  svc.services = {"cuisine"};
  EXPECT_EQ(status_of([&] { repo_.create(Scope::nation(), svc); }, &code), 422);
  EXPECT_EQ(code, "validation.unknown_service");
  auto ght = input("750712184", "X", "75");
  ght.ght_id = 999;
  EXPECT_EQ(status_of([&] { repo_.create(Scope::nation(), ght); }, &code), 422);
  EXPECT_EQ(code, "validation.unknown_ght");
  EXPECT_EQ(repo_.list(Scope::nation(), {}).total, 0);
}

TEST_P(RepositoryTest, CorsicanNumbersAreCheckedOnFormatOnly) {
  EXPECT_NO_THROW(repo_.create(Scope::nation(), input("2A0000012", "Ajaccio", "2A")));
  EXPECT_EQ(status_of([&] { repo_.create(Scope::nation(), input("2C0000012", "X", "2A")); }), 422);
}

TEST_P(RepositoryTest, DuplicateFinessIsAConflictAndChangesNothing) {
  repo_.create(Scope::nation(), input("750712184", "Premier", "75"));
  std::string code;
  EXPECT_EQ(
      status_of([&] { repo_.create(Scope::nation(), input("750712184", "Second", "75")); }, &code),
      409);
  EXPECT_EQ(code, "establishment.duplicate_finess");
  repo_.create(Scope::nation(), input("690781810", "Lyon", "69"));
  EXPECT_EQ(
      status_of([&] { repo_.update(Scope::nation(), "690781810", input("750712184", "L", "69")); }),
      409);
  EXPECT_EQ(repo_.find(Scope::nation(), "750712184")->name, "Premier");
  EXPECT_EQ(repo_.find(Scope::nation(), "690781810")->name, "Lyon");
}

TEST_P(RepositoryTest, SearchIgnoresAccentsAndMatchesFinessPrefixes) {
  repo_.create(Scope::nation(), input("750712184", "Hôpital Européen", "75"));
  repo_.create(Scope::nation(), input("690781810", "Clinique du Parc", "69", "clinique"));
  EstablishmentFilter f;
  f.query = "HOPITAL europ";
  EXPECT_EQ(repo_.list(Scope::nation(), f).total, 1);
  f.query = "6907";
  auto p = repo_.list(Scope::nation(), f);
  ASSERT_EQ(p.total, 1);
  EXPECT_EQ(p.items[0].name, "Clinique du Parc");
  f.query = "%";
  EXPECT_EQ(repo_.list(Scope::nation(), f).total, 0);
  f = {};
  f.type = "clinique";
  EXPECT_EQ(repo_.list(Scope::nation(), f).total, 1);
  f = {};
  f.region_code = "11";
  EXPECT_EQ(repo_.list(Scope::nation(), f).total, 1);
}

TEST_P(RepositoryTest, PaginationIsStableAndClamped) {
  auto sum = load_demo(repo_);
  EstablishmentFilter f;
  f.per_page = 10;
  std::set<std::string> seen;
  for (int page = 1; page <= 3; ++page) {
    f.page = page;
    auto p = repo_.list(Scope::nation(), f);
    EXPECT_EQ(p.total, sum.establishments);
    for (const auto& e : p.items) seen.insert(e.finess_et);
  }
  EXPECT_EQ(static_cast<int>(seen.size()), sum.establishments);
  f.page = 99;
  EXPECT_EQ(repo_.list(Scope::nation(), f).page, 3);
}

// The whitelisted orders of the API's sort parameter, on both databases; pages follow them.
TEST_P(RepositoryTest, SortsByTheWhitelistedOrders) {
  auto sum = load_demo(repo_);
  ASSERT_GE(sum.establishments, 3);
  EstablishmentFilter f;
  f.per_page = 200;
  for (std::string sort : {"finess_et", "-finess_et"}) {
    f.sort = sort;
    auto items = repo_.list(Scope::nation(), f).items;
    ASSERT_EQ(static_cast<int>(items.size()), sum.establishments);
    for (std::size_t i = 1; i < items.size(); ++i) {
      if (sort.front() == '-')
        EXPECT_GT(items[i - 1].finess_et, items[i].finess_et) << sort;
      else
        EXPECT_LT(items[i - 1].finess_et, items[i].finess_et) << sort;
    }
    EstablishmentFilter second = f;
    second.per_page = 1;
    second.page = 2;
    EXPECT_EQ(repo_.list(Scope::nation(), second).items.at(0).finess_et, items[1].finess_et);
  }
  f.sort = "-name";
  auto by_name = repo_.list(Scope::nation(), f).items;
  f.sort = "";
  auto plain = repo_.list(Scope::nation(), f).items;
  ASSERT_EQ(by_name.size(), plain.size());
  EXPECT_EQ(by_name.front().id, plain.back().id);
  f.sort = "name; DROP TABLE establishments";
  EXPECT_THROW(repo_.list(Scope::nation(), f), std::invalid_argument);
}

TEST_P(RepositoryTest, ScopesHideOtherEstablishments) {
  load_demo(repo_);
  auto paris = repo_.create(Scope::nation(), input("750712184", "Paris", "75"));
  auto region = Scope::region("52");
  EXPECT_EQ(repo_.list(region, {}).total, repo_.list(Scope::nation(), {}).total - 1);
  EXPECT_FALSE(repo_.find(region, "750712184"));
  auto own = Scope::establishment(paris.id);
  auto p = repo_.list(own, {});
  ASSERT_EQ(p.total, 1);
  EXPECT_EQ(p.items[0].finess_et, "750712184");
  auto ghts = repo_.ghts(Scope::nation());
  ASSERT_GE(ghts.size(), 2u);
  auto in_ght = repo_.list(Scope::ght(ghts[0].id), {});
  for (const auto& e : in_ght.items) EXPECT_EQ(e.ght_id, ghts[0].id);
  EXPECT_TRUE(repo_.ghts(own).empty());
  EXPECT_EQ(repo_.regions(region).size(), 1u);
  // Writes outside the scope are refused and change nothing.
  EXPECT_EQ(status_of([&] { repo_.create(region, input("690781810", "Lyon", "69")); }), 403);
  EXPECT_EQ(status_of([&] { repo_.update(region, "750712184", input("750712184", "X", "75")); }),
            404);
  EXPECT_EQ(repo_.find(Scope::nation(), "750712184")->name, "Paris");
  // An empty region code in a region scope sees nothing, not everything.
  EXPECT_EQ(repo_.list(Scope::region(""), {}).total, 0);
}

TEST_P(RepositoryTest, DemoDataIsPlausibleAndIdempotent) {
  auto first = load_demo(repo_);
  EXPECT_GE(first.establishments, 25);
  EXPECT_GE(first.ghts, 2);
  auto again = load_demo(repo_);
  EXPECT_TRUE(again.already_loaded);
  auto all = repo_.list(Scope::nation(), {.per_page = 200});
  std::set<std::string> types;
  for (const auto& e : all.items) {
    EXPECT_TRUE(e.is_demo);
    EXPECT_NE(e.name.find("démo"), std::string::npos);
    types.insert(e.type);
  }
  EXPECT_GE(types.size(), 8u);
  auto c = repo_.counts(Scope::nation());
  EXPECT_GT(c.medico_sociaux, 0);
  EXPECT_GT(c.sanitaires, c.medico_sociaux);
}

TEST_P(RepositoryTest, GhtsAndRegions) {
  Ght g;
  g.code = "GHT-T";
  g.name = "GHT Test";
  g.region_code = "52";
  auto created = repo_.create_ght(Scope::nation(), g);
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(status_of([&] { repo_.create_ght(Scope::nation(), g); }), 409);
  g.region_code = "nowhere";
  EXPECT_EQ(status_of([&] { repo_.create_ght(Scope::nation(), g); }), 422);
  auto in = input("449900018", "Nantes", "44");
  in.ght_id = created.id;
  EXPECT_NO_THROW(repo_.create(Scope::nation(), in));
  auto paris = input("750712184", "Paris", "75");
  paris.ght_id = created.id;
  std::string code;
  EXPECT_EQ(status_of([&] { repo_.create(Scope::nation(), paris); }, &code), 422);
  EXPECT_EQ(code, "validation.ght_region_mismatch");
  EXPECT_EQ(repo_.rename_region(Scope::nation(), "52", "PdL").name, "PdL");
  EXPECT_EQ(status_of([&] { repo_.rename_region(Scope::region("52"), "52", "X"); }), 403);
  EXPECT_EQ(status_of([&] { repo_.create_region(Scope::nation(), "52", "Doublon"); }), 409);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
