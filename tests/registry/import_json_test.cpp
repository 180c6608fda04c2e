// The FINESS Structures flux in JSON (schema-structures-v1 of data.gouv.fr): the same rules as
// the CSV extract (perimeter, département codes, all or nothing, the caller's scope), on
// generated documents, through the reader, the database (both backends), the page and the API.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>

#include "finess_lines.hpp"
#include "registry/finess_import.hpp"
#include "test_db.hpp"
#include "test_server.hpp"

using namespace carepilot;
using namespace carepilot::registry;
using carepilot::testing::EgeSpec;
using carepilot::testing::finess_for;
using carepilot::testing::structures_flux;
using nlohmann::json;

namespace {

const Catalog& cat() {
  return Catalog::builtin();
}

struct Checked {
  ImportReport rep;
  std::map<std::string, EstablishmentInput> by_et;
};

Checked check_json(const std::string& text) {
  std::vector<std::pair<int, EstablishmentInput>> rows;
  Checked c{check_finess_structures_json(text, cat(), rows), {}};
  for (auto& [n, in] : rows) c.by_et[in.finess_et] = in;
  return c;
}

Checked check_json(const json& doc) {
  return check_json(doc.dump());
}

// A hospital of Ain (CH, in the perimeter) under its legal entity.
EgeSpec hospital(int n = 1) {
  return {finess_for("01", n), finess_for("01", 500000 + n),
          "CENTRE HOSPITALIER " + std::to_string(n), "01053"};
}

}  // namespace

TEST(FinessJsonFormat, IsToldByContentThenByExtension) {
  EXPECT_EQ(detect_finess_format("{\"pmej\": []}"), FinessFormat::json_structures);
  EXPECT_EQ(detect_finess_format("\xEF\xBB\xBF \r\n\t{}"), FinessFormat::json_structures);
  EXPECT_EQ(detect_finess_format("[]"), FinessFormat::json_structures);
  EXPECT_EQ(detect_finess_format("finess;etalab;111;2026-05-12\n"), FinessFormat::csv_extract);
  EXPECT_EQ(detect_finess_format("finess;etalab\n", "extrait.csv"), FinessFormat::csv_extract);
  // A file named .json that does not start like JSON is read as JSON (and refused as such).
  EXPECT_EQ(detect_finess_format("pmej", "flux.JSON"), FinessFormat::json_structures);
  EXPECT_EQ(detect_finess_format("structureet;", "flux.json.csv"), FinessFormat::csv_extract);
  EXPECT_EQ(detect_finess_format("", "x.js"), FinessFormat::csv_extract);
}

TEST(FinessJsonCheck, ActiveEntitiesInThePerimeterAreEstablishments) {
  EgeSpec ehpad{finess_for("49", 2), finess_for("49", 500002), "EHPAD LES GLYCINES   ", "49099",
                "500"};
  ehpad.acheminement = "49300 CHOLET";  // a postal code before the town, as in the CSV
  EgeSpec pharmacy{finess_for("49", 3), finess_for("49", 500003), "PHARMACIE DU MARCHE", "49099",
                   "620"};
  EgeSpec unknown{finess_for("49", 4), finess_for("49", 500004), "CATEGORIE INCONNUE", "49099",
                  "999"};
  EgeSpec closed = hospital(5);
  closed.state = "I";
  EgeSpec lieu_de_vie{finess_for("98", 6), finess_for("98", 500006), "LIEU DE VIE \"LE BAOBAB\"",
                      "97607", "462"};
  auto doc = structures_flux({hospital(), ehpad, pharmacy, unknown, closed, lieu_de_vie});
  // A legal entity without any site is read and adds nothing.
  doc["pmej"].push_back(doc["pmej"][0]);
  doc["pmej"].back()["ege"] = json::array();
  doc["pmej"].back()["informationsGeneralesPMEJ"]["numFinessPm"] = finess_for("01", 777);
  auto c = check_json(doc);
  ASSERT_TRUE(c.rep.errors.empty()) << c.rep.errors[0].location() << " " << c.rep.errors[0].reason;
  EXPECT_TRUE(c.rep.error_code.empty());
  EXPECT_EQ(c.rep.format, FinessFormat::json_structures);
  EXPECT_EQ(c.rep.establishments, 3);
  EXPECT_EQ(c.rep.lines, 6);           // entités géographiques read
  EXPECT_EQ(c.rep.legal_entities, 7);  // six plus the one without a site
  EXPECT_EQ(c.rep.closed, 1);
  EXPECT_EQ(c.rep.out_of_perimeter, 2);
  EXPECT_EQ(c.rep.out_of_perimeter_by_category.count("620"), 1u);  // aggregate 3201: outside
  ASSERT_EQ(c.rep.out_of_perimeter_by_category.size(), 2u);
  EXPECT_NE(c.rep.out_of_perimeter_by_category.rbegin()->first.find("999 — agrégat inconnu"),
            std::string::npos);
  const auto& h = c.by_et.at(finess_for("01", 1));
  EXPECT_EQ(h.type, "ch");
  EXPECT_EQ(h.department, "01");
  EXPECT_EQ(h.finess_ej, finess_for("01", 500001));
  EXPECT_EQ(h.city, "BOURG EN BRESSE");
  const auto& e = c.by_et.at(finess_for("49", 2));
  EXPECT_EQ(e.type, "ehpad");
  EXPECT_EQ(e.name, "EHPAD LES GLYCINES");  // trimmed, as the flux pads names
  EXPECT_EQ(e.city, "CHOLET");
  const auto& m = c.by_et.at(finess_for("98", 6));
  EXPECT_EQ(m.type, "autre_medico_social");  // 462 by its aggregate 4605
  EXPECT_EQ(m.department, "9F");             // Mayotte, commune code 976xx
  EXPECT_EQ(m.name, "LIEU DE VIE \"LE BAOBAB\"");
  EXPECT_FALSE(c.by_et.count(finess_for("01", 5)));  // closed
}

// Both formats read the commune from the ligne d'acheminement, without its postcode when it
// starts with one (five digits and a blank), as typed otherwise.
TEST(FinessJsonCheck, ThePostcodeIsRemovedOnlyWhenThereIsOne) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"01000 BOURG EN BRESSE", "BOURG EN BRESSE"},
      {"BOURG EN BRESSE", "BOURG EN BRESSE"},  // first word of five letters: kept
      {"97620 CHIRONGUI", "CHIRONGUI"},
      {"0100 BOURG", "0100 BOURG"},      // four digits: not a postcode
      {"010000 BOURG", "010000 BOURG"},  // six digits: not a postcode
      {"2A004 AJACCIO", "2A004 AJACCIO"}};
  int n = 0;
  for (const auto& [line, city] : cases) {
    ++n;
    EgeSpec e = hospital(n);
    e.acheminement = line;
    auto c = check_json(structures_flux({e}));
    ASSERT_TRUE(c.rep.errors.empty()) << line;
    EXPECT_EQ(c.by_et.at(e.et).city, city) << line;
    std::vector<std::pair<int, EstablishmentInput>> rows;
    auto rep = check_finess_extract(
        carepilot::testing::structureet(e.et, e.ej, "X", "01", "106", "1102", line), cat(), rows);
    ASSERT_EQ(rows.size(), 1u) << line;
    EXPECT_EQ(rows[0].second.city, city) << line;
  }
}

// Every département the catalog knows, overseas included, is found from the commune code
// (COG) of the address: 01–95 and 2A/2B by their first two characters, 971–978 and 986 by
// three; each is stored under its FINESS code (9A–9J) and lands in its region.
TEST(FinessJsonCheck, EveryDepartementIsFoundFromTheCommuneCode) {
  std::vector<EgeSpec> eges;
  std::map<std::string, std::string> expected;  // FINESS ET -> FINESS department code
  int n = 0;
  for (const auto& d : cat().departments()) {
    ++n;
    const std::string cog = d.number + (d.number.size() == 3 ? "01" : "001");
    EgeSpec e{finess_for("33", n), finess_for("33", 500000 + n), "ETAB " + d.code, cog};
    expected[e.et] = d.code;
    eges.push_back(e);
  }
  auto c = check_json(structures_flux(eges));
  ASSERT_TRUE(c.rep.errors.empty()) << c.rep.errors[0].location() << " " << c.rep.errors[0].reason;
  ASSERT_EQ(c.by_et.size(), expected.size());
  int overseas = 0;
  for (const auto& [et, code] : expected) {
    EXPECT_EQ(c.by_et.at(et).department, code) << et;
    if (code.size() == 2 && code[0] == '9' && code[1] >= 'A') ++overseas;
  }
  EXPECT_EQ(overseas, 9);  // 9A–9H and 9J
  // A commune code no département matches is refused by name.
  auto bad =
      check_json(structures_flux({{finess_for("33", 1), finess_for("33", 2), "X", "99001"}}));
  ASSERT_EQ(bad.rep.errors.size(), 1u);
  EXPECT_EQ(bad.rep.errors[0].field, "cogCommune");
  EXPECT_NE(bad.rep.errors[0].reason.find("Département inconnu"), std::string::npos);
}

TEST(FinessJsonCheck, MalformedJsonIsRefusedWithItsCode) {
  const std::string good = structures_flux({hospital()}).dump();
  for (const std::string& text :
       {good.substr(0, good.size() / 2),                // truncated
        std::string("{\"pmej\": [], }"),                // trailing comma
        std::string(200, '[') + std::string(200, ']'),  // nested far deeper than the flux
        std::string("{\"pmej\": [] } trailing")}) {
    auto c = check_json(text);
    EXPECT_EQ(c.rep.error_code, "finess.malformed_json") << text.substr(0, 40);
    ASSERT_EQ(c.rep.errors.size(), 1u);
    EXPECT_EQ(c.rep.errors[0].where, "fichier");
    EXPECT_TRUE(c.by_et.empty());
  }
  // An ISO-8859-1 byte (not UTF-8, which the flux is): the same code, at its line, in French.
  auto latin1 = check_json(std::string("{\"pmej\": [\n{\"x\": \"caf\xE9\"}]}"));
  EXPECT_EQ(latin1.rep.error_code, "finess.malformed_json");
  ASSERT_EQ(latin1.rep.errors.size(), 1u);
  EXPECT_EQ(latin1.rep.errors[0].location(), "ligne 2");
  EXPECT_EQ(latin1.rep.errors[0].reason.rfind("le fichier n'est pas en UTF-8", 0), 0u);
  EXPECT_TRUE(latin1.by_et.empty());
  EXPECT_NE(check_json(std::string("{\"pmej\": [")).rep.errors[0].reason.find("JSON invalide"),
            std::string::npos);
}

TEST(FinessJsonCheck, ADocumentThatIsNotTheFluxIsNamedSo) {
  for (const std::string& text :
       {std::string("{}"), std::string("[]"), std::string("{\"pmej\": {}}"),
        std::string("{\"PMEJ\": []}"), std::string("\"pmej\"")}) {
    auto c = check_json(text);
    EXPECT_EQ(c.rep.error_code, "finess.not_structures_flux") << text;
    ASSERT_EQ(c.rep.errors.size(), 1u);
    EXPECT_EQ(c.rep.errors[0].field, "pmej");
  }
  // The flux with nothing in the perimeter is refused as empty.
  EgeSpec pharmacy{finess_for("49", 3), finess_for("49", 4), "PHARMACIE", "49099", "620"};
  auto empty = check_json(structures_flux({pharmacy}));
  EXPECT_EQ(empty.rep.error_code, "finess.empty");
  EXPECT_EQ(empty.rep.out_of_perimeter, 1);
}

TEST(FinessJsonCheck, AWrongFinessKeyNamesTheEntityAndTheField) {
  EgeSpec bad_et = hospital(2);
  bad_et.et[8] = static_cast<char>('0' + (bad_et.et[8] - '0' + 1) % 10);
  EgeSpec bad_ej = hospital(3);
  bad_ej.ej = "01000016X";
  auto c = check_json(structures_flux({hospital(1), bad_et, bad_ej}));
  EXPECT_EQ(c.rep.error_code, "finess.invalid_rows");
  ASSERT_EQ(c.rep.errors.size(), 2u);
  EXPECT_EQ(c.rep.errors[0].field, "numFinessEge");
  EXPECT_NE(c.rep.errors[0].reason.find("Luhn"), std::string::npos);
  EXPECT_EQ(c.rep.errors[0].where, "pmej[1].ege[0] (" + bad_et.et + ")");
  EXPECT_EQ(c.rep.errors[0].line, 0);
  EXPECT_EQ(c.rep.errors[1].field, "numFinessPm");
  EXPECT_EQ(c.rep.errors[1].location().rfind("pmej[2].ege[0]", 0), 0u);
  // A duplicate FINESS ET across legal entities.
  EgeSpec twice = hospital(1);
  twice.ej = finess_for("01", 888);
  auto dup = check_json(structures_flux({hospital(1), twice}));
  ASSERT_EQ(dup.rep.errors.size(), 1u);
  EXPECT_NE(dup.rep.errors[0].reason.find("apparaît deux fois"), std::string::npos);
}

TEST(FinessJsonCheck, MissingOrMistypedFieldsAreNamed) {
  struct Case {
    const char* what;
    std::function<void(json&)> edit;  // applied to pmej[0]
    std::string field;
  };
  const std::vector<Case> cases{
      {"numFinessEge absent",
       [](json& ej) { ej["ege"][0]["informationsGeneralesEGE"].erase("numFinessEge"); },
       "numFinessEge"},
      {"numFinessEge nombre",
       [](json& ej) { ej["ege"][0]["informationsGeneralesEGE"]["numFinessEge"] = 10780195; },
       "numFinessEge"},
      {"noms absents",
       [](json& ej) {
         ej["ege"][0]["informationsGeneralesEGE"].erase("nomEgeLong");
         ej["ege"][0]["informationsGeneralesEGE"].erase("nomEgeCourt");
       },
       "nomEgeLong"},
      {"adresse absente", [](json& ej) { ej["ege"][0].erase("adresse"); }, "cogCommune"},
      {"adresse objet", [](json& ej) { ej["ege"][0]["adresse"] = json::object(); }, "adresse"},
      {"catégorie absente",
       [](json& ej) { ej["ege"][0].erase("categorieentiteGeographiqueExercice"); },
       "categorieentiteGeographiqueExercice"},
      {"état absent", [](json& ej) { ej["ege"][0].erase("etatObjet"); }, "etatObjet"},
      {"informationsGeneralesEGE absent",
       [](json& ej) { ej["ege"][0].erase("informationsGeneralesEGE"); },
       "informationsGeneralesEGE"},
      {"numFinessPm absent", [](json& ej) { ej["informationsGeneralesPMEJ"].erase("numFinessPm"); },
       "numFinessPm"},
      {"informationsGeneralesPMEJ absent", [](json& ej) { ej.erase("informationsGeneralesPMEJ"); },
       "informationsGeneralesPMEJ"},
      {"ege objet", [](json& ej) { ej["ege"] = json::object(); }, "ege"},
      {"pmej tableau", [](json& ej) { ej = json::array(); }, "pmej"},
  };
  for (const auto& k : cases) {
    auto doc = structures_flux({hospital(1), hospital(2)});
    k.edit(doc["pmej"][0]);
    auto c = check_json(doc);
    EXPECT_EQ(c.rep.error_code, "finess.invalid_rows") << k.what;
    ASSERT_EQ(c.rep.errors.size(), 1u) << k.what;
    EXPECT_EQ(c.rep.errors[0].field, k.field) << k.what;
    EXPECT_EQ(c.rep.errors[0].where.rfind("pmej[0]", 0), 0u) << k.what;
    EXPECT_FALSE(c.rep.errors[0].reason.empty()) << k.what;
    // The other legal entity is unaffected and still checked.
    EXPECT_TRUE(c.by_et.count(finess_for("01", 2))) << k.what;
  }
  // The short name stands in for a missing long one.
  auto doc = structures_flux({hospital(1)});
  doc["pmej"][0]["ege"][0]["informationsGeneralesEGE"].erase("nomEgeLong");
  auto c = check_json(doc);
  ASSERT_TRUE(c.rep.errors.empty());
  EXPECT_EQ(c.by_et.at(finess_for("01", 1)).name, "CENTRE HOSPITALIER 1");
}

class ImportJsonDbTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ImportJsonDbTest, TheFluxAndTheExtractUpdateTheSameEstablishments) {
  carepilot::testing::TestDb t(GetParam());
  Repository repo(t.db(), cat());
  repo.seed_regions();
  std::vector<EgeSpec> eges;
  for (int i = 1; i <= 200; ++i)
    eges.push_back(
        {finess_for("44", i), finess_for("44", 9000 + i), "ETAB " + std::to_string(i), "44109"});
  eges.push_back({finess_for("97", 1), finess_for("97", 2), "CHU DE LA REUNION", "97411", "101"});
  auto rep = import_finess_extract(t.db(), cat(), Scope::nation(), structures_flux(eges).dump());
  ASSERT_TRUE(rep.applied) << (rep.errors.empty() ? "" : rep.errors[0].reason);
  EXPECT_EQ(rep.format, FinessFormat::json_structures);
  EXPECT_EQ(rep.inserted, 201);
  auto reunion = repo.find(Scope::nation(), finess_for("97", 1));
  ASSERT_TRUE(reunion);
  EXPECT_EQ(reunion->department, "9D");
  EXPECT_EQ(reunion->region_code, "04");
  EXPECT_EQ(reunion->type, "chu");
  // The CSV extract of the same establishment updates it (same FINESS ET).
  auto csv =
      import_finess_extract(t.db(), cat(), Scope::nation(),
                            carepilot::testing::structureet(
                                finess_for("44", 1), finess_for("44", 9001), "RENOMME", "44"));
  ASSERT_TRUE(csv.applied);
  EXPECT_EQ(csv.updated, 1);
  // And the flux again renames it back, as an update.
  auto again = import_finess_extract(t.db(), cat(), Scope::nation(),
                                     structures_flux({eges[0]}).dump(), {}, "flux.json");
  ASSERT_TRUE(again.applied);
  EXPECT_EQ(again.updated, 1);
  EXPECT_EQ(repo.find(Scope::nation(), finess_for("44", 1))->name, "ETAB 1");
  EXPECT_EQ(repo.list(Scope::nation(), {}).total, 201);
}

TEST_P(ImportJsonDbTest, ARefusedFluxStoresNothing) {
  carepilot::testing::TestDb t(GetParam());
  Repository repo(t.db(), cat());
  repo.seed_regions();
  ASSERT_TRUE(
      import_finess_extract(t.db(), cat(), Scope::nation(), structures_flux({hospital(1)}).dump())
          .applied);
  auto before = *repo.find(Scope::nation(), finess_for("01", 1));
  std::vector<EgeSpec> eges;
  for (int i = 1; i <= 1000; ++i) {
    auto e = hospital(i);
    e.name = "NOUVEAU NOM " + std::to_string(i);
    if (i == 777) e.cog = "";  // one entity without its commune
    eges.push_back(e);
  }
  auto rep = import_finess_extract(t.db(), cat(), Scope::nation(), structures_flux(eges).dump());
  EXPECT_FALSE(rep.applied);
  EXPECT_EQ(rep.error_code, "finess.invalid_rows");
  ASSERT_EQ(rep.errors.size(), 1u);
  EXPECT_EQ(rep.errors[0].field, "cogCommune");
  EXPECT_EQ(rep.errors[0].where, "pmej[776].ege[0]");
  EXPECT_EQ(repo.list(Scope::nation(), {}).total, 1);
  EXPECT_EQ(repo.find(Scope::nation(), finess_for("01", 1))->name, before.name);
  // Malformed: nothing either.
  auto bad = import_finess_extract(t.db(), cat(), Scope::nation(), "{\"pmej\": [");
  EXPECT_FALSE(bad.applied);
  EXPECT_EQ(bad.error_code, "finess.malformed_json");
  EXPECT_EQ(repo.list(Scope::nation(), {}).total, 1);
  // A flux re-saved in Latin-1: refused at its line, nothing stored either.
  auto eges_latin1 = structures_flux({hospital()}).dump(1);
  eges_latin1.insert(eges_latin1.rfind('}'), ", \"note\": \"caf\xE9\"");
  auto latin1 = import_finess_extract(t.db(), cat(), Scope::nation(), eges_latin1);
  EXPECT_FALSE(latin1.applied);
  ASSERT_EQ(latin1.errors.size(), 1u);
  EXPECT_NE(latin1.errors[0].reason.find("pas en UTF-8"), std::string::npos);
  EXPECT_EQ(repo.list(Scope::nation(), {}).total, 1);
}

TEST_P(ImportJsonDbTest, EntitiesOutsideARegionalCallersScopeAreRefused) {
  carepilot::testing::TestDb t(GetParam());
  Repository repo(t.db(), cat());
  repo.seed_regions();
  // Pays de la Loire (52) imports a flux holding one Parisian entity: refused, by its path.
  EgeSpec nantes{finess_for("44", 1), finess_for("44", 2), "CHU NANTES", "44109", "101"};
  EgeSpec paris{finess_for("75", 1), finess_for("75", 2), "HOPITAL PARIS", "75113"};
  auto rep = import_finess_extract(t.db(), cat(), Scope::region("52"),
                                   structures_flux({nantes, paris}).dump());
  EXPECT_FALSE(rep.applied);
  EXPECT_EQ(rep.error_code, "finess.out_of_scope");
  ASSERT_EQ(rep.errors.size(), 1u);
  EXPECT_EQ(rep.errors[0].field, "cogCommune");
  EXPECT_EQ(rep.errors[0].where, "pmej[1].ege[0] (" + paris.et + ")");
  EXPECT_EQ(repo.list(Scope::nation(), {}).total, 0);
  // Its own region alone imports.
  auto own =
      import_finess_extract(t.db(), cat(), Scope::region("52"), structures_flux({nantes}).dump());
  EXPECT_TRUE(own.applied);
  EXPECT_EQ(repo.list(Scope::nation(), {}).total, 1);
  // A Parisian establishment already stored cannot be taken over by giving it a commune of
  // the caller's region: its FINESS number belongs to another region.
  ASSERT_TRUE(import_finess_extract(t.db(), cat(), Scope::nation(), structures_flux({paris}).dump())
                  .applied);
  EgeSpec takeover = paris;
  takeover.cog = "44109";
  takeover.name = "PRISE DE CONTROLE";
  auto taken =
      import_finess_extract(t.db(), cat(), Scope::region("52"), structures_flux({takeover}).dump());
  EXPECT_FALSE(taken.applied);
  EXPECT_EQ(taken.error_code, "finess.out_of_scope");
  ASSERT_EQ(taken.errors.size(), 1u);
  EXPECT_EQ(taken.errors[0].field, "numFinessEge");
  auto kept = repo.find(Scope::nation(), paris.et);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->region_code, "11");
  EXPECT_EQ(kept->name, "HOPITAL PARIS");
}

// The page /import and the API POST /api/v1/finess-imports read the flux too.
TEST_P(ImportJsonDbTest, ThePageAndTheApiReadTheFlux) {
  carepilot::testing::TestServer srv(GetParam());
  srv.app().repo().seed_regions();
  auto total = [&] {
    auto r = srv.get("/api/v1/establishments?per_page=1");
    return json::parse(r.body)["total"].get<int>();
  };
  const std::string flux = structures_flux({hospital(1), hospital(2)}).dump();
  auto multipart = [](const std::string& filename, const std::string& body) {
    return "--B0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
           "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + body + "\r\n--B0--\r\n";
  };
  const std::string mp = "multipart/form-data; boundary=B0";
  auto refused = srv.send("POST", "/import", multipart("flux.json", "{\"pmej\": [}"), mp);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("JSON invalide"), std::string::npos);
  EXPECT_TRUE(refused.body.find("entité géographique lue") != std::string::npos ||
              refused.body.find("entités géographiques lues") != std::string::npos);
  EXPECT_EQ(refused.body.find("(s)"), std::string::npos);
  EXPECT_EQ(total(), 0);
  auto page = srv.send("POST", "/import", multipart("structures.json", flux), mp);
  EXPECT_EQ(page.status, 200) << page.body.substr(0, 400);
  EXPECT_NE(page.body.find("Import réussi"), std::string::npos);
  EXPECT_TRUE(page.body.find("entité juridique lue") != std::string::npos ||
              page.body.find("entités juridiques lues") != std::string::npos);
  EXPECT_EQ(page.body.find("(s)"), std::string::npos);
  EXPECT_EQ(total(), 2);

  // The API: checks of the request first (415, 400), then the content (422 with its code).
  EXPECT_EQ(srv.send("POST", "/api/v1/finess-imports", flux, "text/html").status, 415);
  EXPECT_EQ(srv.send("POST", "/api/v1/finess-imports", flux, "").status, 415);
  auto empty = srv.send("POST", "/api/v1/finess-imports", "", "application/json");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(json::parse(empty.body)["error"]["code"], "request.empty_body");
  EXPECT_EQ(srv.send("POST", "/api/v1/finess-imports", "x", "text/plain").status, 415);
  auto malformed = srv.send("POST", "/api/v1/finess-imports", "pmej", "application/json");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(json::parse(malformed.body)["error"]["code"], "finess.malformed_json");
  auto not_flux = srv.send("POST", "/api/v1/finess-imports", "{}", "application/json");
  EXPECT_EQ(not_flux.status, 422);
  EXPECT_EQ(json::parse(not_flux.body)["error"]["code"], "finess.not_structures_flux");
  EgeSpec bad = hospital(3);
  bad.et[8] = static_cast<char>('0' + (bad.et[8] - '0' + 1) % 10);
  auto rows = srv.send("POST", "/api/v1/finess-imports", structures_flux({hospital(4), bad}).dump(),
                       "application/json");
  EXPECT_EQ(rows.status, 422);
  auto rj = json::parse(rows.body);
  EXPECT_EQ(rj["error"]["code"], "finess.invalid_rows");
  ASSERT_EQ(rj["error"]["fields"].size(), 1u);
  EXPECT_EQ(rj["error"]["fields"][0]["field"], "pmej[1].ege[0] (" + bad.et + ") : numFinessEge");
  EXPECT_EQ(total(), 2);  // nothing of the refused files
  auto ok =
      srv.send("POST", "/api/v1/finess-imports", structures_flux({hospital(2), hospital(3)}).dump(),
               "application/json; charset=utf-8");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto oj = json::parse(ok.body);
  EXPECT_EQ(oj["format"], "json_structures");
  EXPECT_EQ(oj["inserted"], 1);
  EXPECT_EQ(oj["updated"], 1);
  EXPECT_EQ(total(), 3);
  // The CSV extract through the same operation.
  auto csv = srv.send(
      "POST", "/api/v1/finess-imports",
      carepilot::testing::structureet(finess_for("01", 9), finess_for("01", 10), "CSV", "01"),
      "text/csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(json::parse(csv.body)["format"], "csv_extract");
  auto csv_bad = srv.send("POST", "/api/v1/finess-imports", "structureet;1;2\n", "text/csv");
  EXPECT_EQ(csv_bad.status, 422);
  EXPECT_EQ(json::parse(csv_bad.body)["error"]["code"], "finess.invalid_rows");
  EXPECT_EQ(total(), 4);
  // An overseas entity is shown with its usual number (974), stored under its FINESS code.
  EgeSpec reunion{finess_for("97", 41), finess_for("97", 42), "CHU FELIX GUYON", "97411", "101"};
  ASSERT_EQ(srv.send("POST", "/api/v1/finess-imports", structures_flux({reunion}).dump(),
                     "application/json")
                .status,
            200);
  auto api = json::parse(srv.get("/api/v1/establishments/" + reunion.et).body);
  EXPECT_EQ(api["department"], "9D");
  EXPECT_EQ(api["region_code"], "04");
  auto sheet = srv.get("/etablissements/" + reunion.et);
  EXPECT_EQ(sheet.status, 200);
  EXPECT_NE(sheet.body.find("974 — La Réunion"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportJsonDbTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
