// The central UTF-8 check of src/http on the incident register (issue trial: a stage form
// posted in Latin-1 answered a bare 400): the page names the field by its label, the API
// answers request.invalid_utf8, nothing is stored; the same text in UTF-8 is saved.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "module_fixture.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::count_rows;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

class IncidentsUtf8Test : public ::testing::TestWithParam<const char*> {
 protected:
  IncidentsUtf8Test() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().incidents().now = [] { return std::int64_t{1776247200}; };
    srv_.app().repo().create(Scope::nation(),
                             carepilot::testing::module_establishment("750712184", "CH Paris"));
    carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "admin@test.fr");
  }
  TestServer srv_;
};

}  // namespace

TEST_P(IncidentsUtf8Test, AStageFormInLatin1IsRefusedByItsFieldAndStoresNothing) {
  auto created = srv_.send(
      "POST", "/api/v1/establishments/750712184/incidents",
      json{{"title", "Rançongiciel"}, {"detected_at", "2026-03-29T01:30:00+01:00"}}.dump(),
      "application/json");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = json::parse(created.body).at("id").get<std::int64_t>();
  const std::string stage =
      "/etablissements/750712184/incidents/" + std::to_string(id) + "/declaration/initial";
  const std::string form = "application/x-www-form-urlencoded";
  const auto audit = count_rows(srv_.db().db(), "audit_log");
  auto bad = srv_.send("POST", stage, "declarant_name=Claire+Mart%EDn", form);
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Le champ « Nom du déclarant » contient des caractères qui ne sont pas "
                          "en UTF-8"),
            std::string::npos)
      << bad.body.substr(0, 2000);
  // The key is never the message's; the form comes back with what was typed (read as
  // Windows-1252).
  EXPECT_EQ(bad.body.find("declarant_name :"), std::string::npos);
  EXPECT_NE(bad.body.find(">Claire Martín</textarea>"), std::string::npos);
  const std::string api =
      "/api/v1/establishments/750712184/incidents/" + std::to_string(id) + "/declarations/initial";
  auto j = srv_.send("PUT", api, "{\"declarant_name\": \"Claire Mart\xEDn\"}", "application/json");
  EXPECT_EQ(j.status, 422);
  EXPECT_EQ(json::parse(j.body)["error"]["code"], "request.invalid_utf8");
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_declarations"), 0);
  EXPECT_EQ(count_rows(srv_.db().db(), "audit_log"), audit);
  // The same in UTF-8: saved.
  auto ok = srv_.send("POST", stage, "declarant_name=Claire+Mart%C3%ADn", form);
  EXPECT_EQ(ok.status, 303) << ok.body.substr(0, 400);
  EXPECT_EQ(count_rows(srv_.db().db(), "incident_declarations"), 1);
  EXPECT_NE(srv_.get(stage).body.find("Claire Martín"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsUtf8Test,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
