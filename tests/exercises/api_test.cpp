#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "fixture.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::day;
using carepilot::testing::exercise_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

class ExerciseApiTest : public ::testing::TestWithParam<const char*> {
 protected:
  ExerciseApiTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().exercises().today = [] { return day("2026-11-23"); };
    srv_.app().evidence().today = [] { return day("2026-11-23"); };
    srv_.app().repo().create(Scope::nation(), exercise_establishment("750712184", "CH A"));
    srv_.app().repo().create(Scope::nation(), exercise_establishment("750100208", "CH B"));
    // Authentication on, as the role that really calls these routes: an editor of CH A with
    // the second factor (declaring and withdrawing need it); the same role without it.
    const Scope own =
        Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id);
    carepilot::testing::act_as(srv_, Role::establishment_editor, own, "agent.module@test.fr",
                               /*totp=*/true);
    no_second_factor_ = carepilot::testing::session_for(
        srv_,
        carepilot::testing::make_user(srv_, "sans.totp@test.fr", Role::establishment_editor, own));
  }
  long without_second_factor(const std::string& method, const std::string& path,
                             const std::string& body, const std::string& type) {
    return carepilot::testing::call(srv_, no_second_factor_, method, path, body, type).status;
  }
  carepilot::testing::Session no_second_factor_;
  json call(const std::string& method, const std::string& path, const json& body, long expect) {
    auto r = srv_.send(method, path, body.is_null() ? "" : body.dump(), "application/json");
    EXPECT_EQ(r.status, expect) << method << " " << path << " " << r.body;
    return r.body.empty() ? json{} : json::parse(r.body, nullptr, false);
  }
  json get(const std::string& path, long expect = 200) {
    auto r = srv_.get(path);
    EXPECT_EQ(r.status, expect) << path << " " << r.body;
    return json::parse(r.body, nullptr, false);
  }
  json crisis_evidence() {
    json out = json::array();
    auto all = get("/api/v1/establishments/750712184/evidence");
    for (const auto& item : all["items"])
      if (item["type"] == "crisis_exercise") out.push_back(item);
    return out;
  }
  static constexpr const char* kBase = "/api/v1/establishments/750712184/exercises";
  json plan(const std::string& date) {
    return {{"title", "Exercice rançongiciel"},
            {"date", date},
            {"scenario", "ransomware"},
            {"format", "live"},
            {"objectives", "Tester le mode dégradé"},
            {"participants", {{"direction", 2}, {"it", {{"count", 3}, {"names", "DSI, RSSI"}}}}}};
  }
  TestServer srv_;
};

TEST_P(ExerciseApiTest, PlanRunRetexPaqAndEvidence) {
  auto x = call("POST", kBase, plan("2026-10-01"), 201);
  ASSERT_TRUE(x.is_object());
  EXPECT_EQ(x["status"], "planned");
  EXPECT_EQ(x["format"], "live");
  EXPECT_EQ(x["participants"]["it"]["count"], 3);
  EXPECT_EQ(x["participants"]["it"]["names"], "DSI, RSSI");
  std::string path = std::string(kBase) + "/" + std::to_string(x["id"].get<long long>());

  auto inject =
      call("POST", path + "/injects",
           {{"offset_minutes", 20}, {"title", "Alerte"}, {"description", "Postes bloqués"}}, 201);
  call("POST", path + "/start", nullptr, 200);
  call("POST", path + "/log", {{"at", "09:10"}, {"text", "Cellule réunie"}}, 201);
  auto played =
      call("POST", path + "/injects/" + std::to_string(inject["id"].get<long long>()) + "/play",
           nullptr, 200);
  EXPECT_TRUE(played["played_at"].is_string());

  // A RETEX dated before the exercise: 422 naming retex_date, nothing stored.
  auto err = call("PUT", path + "/retex", {{"retex_date", "2026-09-01"}, {"worked", "x"}}, 422);
  EXPECT_EQ(err["error"]["code"], "exercises.retex_before_exercise");
  EXPECT_EQ(err["error"]["fields"][0]["field"], "retex_date");
  EXPECT_EQ(get(path)["status"], "running");
  EXPECT_TRUE(get(path)["retex"]["retex_date"].is_null());

  auto closed = call("PUT", path + "/retex",
                     {{"retex_date", "2026-10-05"},
                      {"worked", "Annuaire de crise à jour"},
                      {"failed", "Fiches réflexes introuvables"},
                      {"decisions", "Imprimer les fiches"}},
                     200);
  EXPECT_EQ(closed["status"], "closed");
  call("POST", path + "/retex/items",
       {{"text", "Imprimer les fiches réflexes"}, {"priority", "high"}}, 201);
  auto action = call("POST", path + "/retex/items/1/paq", {{"owner", "DSI"}}, 200);
  EXPECT_EQ(action["source"], "exercise");
  EXPECT_EQ(action["source_ref"],
            "exercise:" + std::to_string(x["id"].get<long long>()) + ":item:1");
  auto again = call("POST", path + "/retex/items/1/paq", nullptr, 200);
  EXPECT_EQ(again["id"], action["id"]);
  call("POST", path + "/retex/items/9/paq", nullptr, 404);

  call("PUT", path + "/declaration", {{"declared_on", "2026-09-01"}}, 422);
  // Declaring to the national platform needs the second factor.
  EXPECT_EQ(without_second_factor("PUT", path + "/declaration", R"({"declared_on": "2026-10-10"})",
                                  "application/json"),
            403);
  EXPECT_EQ(get(path)["declared_on"], nullptr);
  auto declared = call("PUT", path + "/declaration", {{"declared_on", "2026-10-10"}}, 200);
  EXPECT_EQ(declared["declared_on"], "2026-10-10");
  EXPECT_EQ(declared["retex_in_paq"], true);
  EXPECT_EQ(declared["retex"]["items"][0]["paq_action_id"], action["id"]);
  EXPECT_EQ(declared["log"][0]["at"], "2026-10-01T09:10");

  auto evidence = crisis_evidence();
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0]["record"], json({{"type", "crisis_exercise"},
                                         {"date", "2026-10-01"},
                                         {"declared_on", "2026-10-10"},
                                         {"retex_in_paq", true}}));
  auto report = get("/api/v1/establishments/750712184/compliance?as_of=2026-11-23");
  for (const auto& o : report["establishments"][0]["obligations"])
    if (o["id"] == "crisis-exercise") {
      EXPECT_EQ(o["status"], "met");
    }

  auto list = get(kBase)["items"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["status"], "closed");

  auto pdf = srv_.get("/etablissements/750712184/exercices/" +
                      std::to_string(x["id"].get<long long>()) + "/retex.pdf");
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);

  // Closed and declared: locked, every change refused; only a withdrawal with a reason.
  EXPECT_EQ(get(path)["locked"], true);
  EXPECT_EQ(call("PUT", path, plan("2026-10-01"), 409)["error"]["code"], "exercises.locked");
  EXPECT_EQ(call("POST", path + "/log", {{"at", "2026-10-01T11:00"}, {"text", "x"}},
                 409)["error"]["code"],
            "exercises.locked");
  EXPECT_EQ(call("DELETE", path, json::object(), 422)["error"]["code"],
            "exercises.reason_required");
  EXPECT_EQ(without_second_factor("DELETE", path, R"({"reason": "Doublon"})", "application/json"),
            403);
  ASSERT_EQ(crisis_evidence().size(), 1u);  // unchanged
  auto withdrawn = call("DELETE", path, {{"reason", "Exercice saisi deux fois"}}, 200);
  EXPECT_EQ(withdrawn["withdrawal_reason"], "Exercice saisi deux fois");
  EXPECT_TRUE(crisis_evidence().empty());
  EXPECT_EQ(get(path)["withdrawal_reason"], "Exercice saisi deux fois");  // kept
  EXPECT_TRUE(get(kBase)["items"].empty());
  call("DELETE", path, {{"reason", "encore"}}, 409);
  auto page = srv_.get("/etablissements/750712184/exercices");
  EXPECT_NE(page.body.find("Exercices retirés"), std::string::npos);
  EXPECT_NE(page.body.find("Exercice saisi deux fois"), std::string::npos);
}

TEST_P(ExerciseApiTest, RefusalsNameTheFieldAndStoreNothing) {
  auto bad = plan("2026-10-01");
  bad["scenario"] = "meteorite";
  auto err = call("POST", kBase, bad, 422);
  EXPECT_EQ(err["error"]["fields"][0]["field"], "scenario");
  bad = plan("pas une date");
  EXPECT_EQ(call("POST", kBase, bad, 422)["error"]["fields"][0]["field"], "date");
  bad = plan("2026-10-01");
  bad["title"] = 12;
  EXPECT_EQ(call("POST", kBase, bad, 422)["error"]["fields"][0]["field"], "title");
  EXPECT_TRUE(get(kBase)["items"].empty());

  auto future = call("POST", kBase, plan("2026-12-20"), 201);
  std::string path = std::string(kBase) + "/" + std::to_string(future["id"].get<long long>());
  EXPECT_EQ(call("POST", path + "/start", nullptr, 422)["error"]["fields"][0]["field"], "date");
  EXPECT_EQ(call("POST", path + "/log", {{"text", "x"}}, 409)["error"]["code"],
            "exercises.wrong_state");
  EXPECT_EQ(get(path)["status"], "planned");
}

TEST_P(ExerciseApiTest, AnotherEstablishmentsIdIsNotFound) {
  auto x = call("POST", kBase, plan("2026-10-01"), 201);
  std::string id = std::to_string(x["id"].get<long long>());
  std::string other = "/api/v1/establishments/750100208/exercises/" + id;
  get(other, 404);
  call("PUT", other, plan("2026-10-02"), 404);
  call("DELETE", other, {{"reason", "x"}}, 404);
  call("POST", other + "/start", nullptr, 404);
  get("/api/v1/establishments/750712184/exercises/abc", 404);
  EXPECT_EQ(srv_.get("/etablissements/750100208/exercices/" + id).status, 404);
  EXPECT_EQ(srv_.get("/etablissements/750100208/exercices/" + id + "/retex.pdf").status, 404);
  EXPECT_EQ(get(std::string(kBase) + "/" + id)["status"], "planned");
}

TEST_P(ExerciseApiTest, ScenariosCanGrow) {
  auto list = get("/api/v1/exercise-scenarios")["items"];
  ASSERT_EQ(list.size(), 4u);
  // The catalogue of scenarios is the nation's: an establishment's editor may not add to it.
  call("POST", "/api/v1/exercise-scenarios", {{"code", "pandemic"}, {"label", "Pandémie"}}, 403);
  carepilot::testing::act_as(srv_, Role::national_admin, Scope::nation(), "admin@test.fr");
  call("POST", "/api/v1/exercise-scenarios", {{"code", "pandemic"}, {"label", "Pandémie"}}, 201);
  EXPECT_EQ(get("/api/v1/exercise-scenarios")["items"].size(), 5u);
  call("POST", "/api/v1/exercise-scenarios", {{"code", "pandemic"}, {"label", "Pandémie"}}, 409);
  call("POST", "/api/v1/exercise-scenarios", {{"code", "Bad Code"}, {"label", "x"}}, 422);
}

TEST_P(ExerciseApiTest, PagesRenderAndFormsRefuseByField) {
  auto list = srv_.get("/etablissements/750712184/exercices");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Planifier un exercice"), std::string::npos);
  EXPECT_EQ(srv_.get("/etablissements/750712184/exercices/nouveau").status, 200);
  auto created = srv_.send("POST", "/etablissements/750712184/exercices",
                           "title=Exercice+r%C3%A9seau&date=2026-10-01&scenario=network_loss&"
                           "format=table_top&p_it_count=4&p_it_names=DSI",
                           "application/x-www-form-urlencoded");
  EXPECT_EQ(created.status, 303) << created.body;
  std::string location = created.header("location");
  ASSERT_NE(location.find("/etablissements/750712184/exercices/"), std::string::npos);
  std::string page = location.substr(0, location.find('?'));
  auto detail = srv_.get(page);
  EXPECT_EQ(detail.status, 200);
  EXPECT_NE(detail.body.find("Exercice réseau"), std::string::npos);
  EXPECT_NE(detail.body.find("Perte du réseau"), std::string::npos);
  // The scenario's description and its injects (issue 12, point 6); no year warning.
  EXPECT_NE(detail.body.find("data-testid=\"scenario-description\""), std::string::npos);
  EXPECT_NE(detail.body.find("Alerte sans réseau"), std::string::npos);
  EXPECT_EQ(detail.body.find("exercise-year-warning"), std::string::npos);
  EXPECT_NE(srv_.get("/etablissements/750712184/exercices/nouveau")
                .body.find("data-testid=\"scenario-descriptions\""),
            std::string::npos);
  EXPECT_EQ(srv_.send("POST", page + "/lancer", "", "application/x-www-form-urlencoded").status,
            303);
  auto refused = srv_.send("POST", page + "/retex", "retex_date=2026-09-01&worked=x",
                           "application/x-www-form-urlencoded");
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("data-field=\"retex_date\""), std::string::npos);
  EXPECT_NE(refused.body.find("fr-input-group--error"), std::string::npos);
  auto bad_plan = srv_.send("POST", "/etablissements/750712184/exercices",
                            "title=X&date=2026-10-01&scenario=nope&format=live",
                            "application/x-www-form-urlencoded");
  EXPECT_EQ(bad_plan.status, 422);
  EXPECT_NE(bad_plan.body.find("data-field=\"scenario\""), std::string::npos);
  EXPECT_EQ(get(kBase)["items"].size(), 1u);

  // Planned this year and dated next year: it will not count for this year (a warning).
  auto now = std::chrono::system_clock::now();
  int next_year =
      static_cast<int>(
          std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}.year()) +
      1;
  auto late = srv_.send("POST", "/etablissements/750712184/exercices",
                        "title=Exercice+glissant&date=" + std::to_string(next_year) +
                            "-01-15&scenario=ransomware&format=table_top",
                        "application/x-www-form-urlencoded");
  ASSERT_EQ(late.status, 303) << late.body;
  auto late_page = srv_.get(late.header("location").substr(0, late.header("location").find('?')));
  auto warn = late_page.body.find("data-testid=\"exercise-year-warning\"");
  ASSERT_NE(warn, std::string::npos);
  EXPECT_NE(
      late_page.body.find("il compte pour l'exercice annuel de " + std::to_string(next_year), warn),
      std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExerciseApiTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
