#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts.hpp"
#include "fixture.hpp"
#include "test_server.hpp"

using namespace carepilot;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::emitted;
using carepilot::testing::paq_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

constexpr const char* kApi = "/api/v1/establishments/750712184/paq/actions";
constexpr const char* kPages = "/etablissements/750712184/paq";
constexpr const char* kForm = "application/x-www-form-urlencoded";

class PaqApiTest : public ::testing::TestWithParam<const char*> {
 protected:
  PaqApiTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return day("2026-11-23"); };
    srv_.app().paq().today = [] { return day("2026-11-23"); };
    a_ = srv_.app().repo().create(Scope::nation(), paq_establishment("750712184", "CH A"));
    b_ = srv_.app().repo().create(Scope::nation(), paq_establishment("750100208", "CH B"));
    // Authentication on, as the role that really calls these routes: an editor of CH A, with
    // the second factor (a withdrawal needs it); and the same role without it.
    const Scope own =
        Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id);
    carepilot::testing::act_as(srv_, Role::establishment_editor, own, "agent.module@test.fr",
                               /*totp=*/true);
    no_second_factor_ = carepilot::testing::session_for(
        srv_,
        carepilot::testing::make_user(srv_, "sans.totp@test.fr", Role::establishment_editor, own));
  }
  json call(const std::string& method, const std::string& path, const json& body, long expect) {
    auto r = srv_.send(method, path, body.is_null() ? "" : body.dump(), "application/json");
    EXPECT_EQ(r.status, expect) << method << " " << path << " " << r.body;
    return r.body.empty() ? json{} : json::parse(r.body);
  }
  json compliance() {
    auto r = srv_.get("/api/v1/establishments/750712184/compliance?as_of=2026-11-23");
    std::string ids;
    json report = json::parse(r.body);
    for (const auto& o : report["establishments"][0]["obligations"]) {
      if (o["id"] == "paq-integration") return o;
      ids += o["id"].dump() + " ";
    }
    ADD_FAILURE() << r.status << " " << ids;
    return {};
  }
  TestServer srv_;
  registry::Establishment a_, b_;
  carepilot::testing::Session no_second_factor_;
};

TEST_P(PaqApiTest, CrudWithNotes) {
  EXPECT_EQ(compliance()["status"], "due");
  auto created = call("POST", kApi,
                      {{"title", "Durcir l'AD"},
                       {"source", "ad_audit"},
                       {"owner", "RSSI"},
                       {"due", "2026-10-01"},
                       {"priority", "high"}},
                      201);
  auto id = created["id"].get<long long>();
  std::string one = std::string(kApi) + "/" + std::to_string(id);
  EXPECT_EQ(created["status"], "open");
  EXPECT_EQ(created["overdue"], true);
  EXPECT_EQ(created["cyber"], true);
  EXPECT_EQ(created["updated_on"], "2026-11-23");
  EXPECT_EQ(compliance()["status"], "met");  // a cyber action updated within 12 months

  auto list = call("GET", kApi, nullptr, 200);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["overdue"], 1);
  EXPECT_EQ(call("GET", std::string(kApi) + "?status=done", nullptr, 200)["items"].size(), 0u);
  EXPECT_EQ(srv_.get(std::string(kApi) + "?status=fini").status, 400);

  auto updated = call("PUT", one, {{"status", "in_progress"}, {"progress", 30}}, 200);
  EXPECT_EQ(updated["status"], "in_progress");
  EXPECT_EQ(updated["progress"], 30);
  EXPECT_EQ(updated["owner"], "RSSI");  // kept
  auto done = call("PUT", one, {{"status", "done"}}, 200);
  EXPECT_EQ(done["progress"], 100);
  EXPECT_EQ(done["overdue"], false);
  EXPECT_EQ(emitted(srv_.db().db(), id).payload["status"], "closed");

  auto note = call("POST", one + "/notes", {{"note", "Comptes revus"}}, 201);
  EXPECT_EQ(note["note"], "Comptes revus");
  auto got = call("GET", one, nullptr, 200);
  ASSERT_EQ(got["notes"].size(), 1u);
  EXPECT_EQ(got["notes"][0]["note"], "Comptes revus");

  // Withdrawal (never a deletion): the reason is required, then the second factor.
  auto no_reason = call("DELETE", one, json::object(), 422);
  EXPECT_EQ(no_reason["error"]["code"], "paq.reason_required");
  EXPECT_EQ(no_reason["error"]["fields"][0]["field"], "reason");
  EXPECT_NE(no_reason["error"]["message"].get<std::string>().find("Motif du retrait"),
            std::string::npos);
  EXPECT_EQ(emitted(srv_.db().db(), id).count, 1);  // unchanged
  auto refused = carepilot::testing::call(srv_, no_second_factor_, "DELETE", one,
                                          R"({"reason": "Doublon"})", "application/json");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(json::parse(refused.body)["error"]["code"], "auth.second_factor_required");
  EXPECT_EQ(emitted(srv_.db().db(), id).count, 1);  // unchanged
  auto gone = call("DELETE", one, {{"reason", "Doublon"}}, 200);
  EXPECT_EQ(gone["withdrawal_reason"], "Doublon");
  auto still = call("GET", one, nullptr, 200);  // kept, withdrawn
  EXPECT_FALSE(still["withdrawn_at"].get<std::string>().empty());
  EXPECT_EQ(call("DELETE", one, {{"reason", "Doublon"}}, 409)["error"]["code"], "paq.withdrawn");
  EXPECT_EQ(call("PUT", one, {{"title", "x"}}, 409)["error"]["code"], "paq.withdrawn");
  EXPECT_EQ(emitted(srv_.db().db(), id).count, 0);
  EXPECT_EQ(audit_count(srv_.db().db(), id, "withdraw"), 1);
  EXPECT_EQ(audit_count(srv_.db().db(), id, "delete"), 0);
  EXPECT_EQ(compliance()["status"], "due");
}

TEST_P(PaqApiTest, RefusalsAndTenancy) {
  auto bad = call("POST", kApi, {{"title", ""}, {"due", "2026-02-30"}}, 422);
  EXPECT_EQ(bad["error"]["code"], "paq.due_invalid");
  EXPECT_EQ(bad["error"]["fields"][0]["field"], "due");
  EXPECT_EQ(bad["error"]["fields"][1]["field"], "title");
  EXPECT_EQ(call("POST", kApi, {{"title", "x"}, {"source", "audit"}}, 422)["error"]["code"],
            "paq.source_invalid");
  EXPECT_EQ(count_rows(srv_.db().db(), "paq_actions"), 0);
  EXPECT_EQ(srv_.send("POST", kApi, "{", "application/json").status, 400);

  auto created = call("POST", kApi, {{"title", "Action"}}, 201);
  std::string id = std::to_string(created["id"].get<long long>());
  std::string one = std::string(kApi) + "/" + id;
  auto range = call("PUT", one, {{"progress", 120}, {"title", "Nouveau"}}, 422);
  EXPECT_EQ(range["error"]["code"], "paq.progress_invalid");
  EXPECT_EQ(call("PUT", one, {{"priority", "urgent"}}, 422)["error"]["fields"][0]["field"],
            "priority");
  EXPECT_EQ(call("PUT", one, {{"status", "fini"}}, 422)["error"]["code"], "paq.status_invalid");
  EXPECT_EQ(call("GET", one, nullptr, 200)["title"], "Action");  // nothing stored
  EXPECT_EQ(call("POST", one + "/notes", {{"note", " "}}, 422)["error"]["code"],
            "paq.note_required");

  // Another establishment's action through this one, or a malformed id: 404.
  std::string foreign = "/api/v1/establishments/750100208/paq/actions/" + id;
  EXPECT_EQ(srv_.get(foreign).status, 404);
  EXPECT_EQ(srv_.send("PUT", foreign, "{\"title\":\"x\"}", "application/json").status, 404);
  EXPECT_EQ(srv_.send("DELETE", foreign, R"({"reason":"x"})", "application/json").status, 404);
  EXPECT_EQ(srv_.send("POST", foreign + "/notes", "{\"note\":\"x\"}", "application/json").status,
            404);
  EXPECT_EQ(srv_.get(std::string(kApi) + "/abc").status, 404);
  EXPECT_EQ(srv_.get("/api/v1/establishments/999999999/paq/actions").status, 404);
  EXPECT_EQ(srv_.get(std::string(kPages) + "/" + id).status, 200);
  EXPECT_EQ(srv_.get("/etablissements/750100208/paq/" + id).status, 404);
  EXPECT_EQ(call("GET", one, nullptr, 200)["title"], "Action");
}

TEST_P(PaqApiTest, PagesListBoardFormsAndExports) {
  call("POST", kApi, {{"title", "En retard"}, {"due", "2026-01-01"}, {"source", "incident"}}, 201);
  call("POST", kApi, {{"title", "A venir"}, {"due", "2027-01-01"}, {"priority", "low"}}, 201);

  auto list = srv_.get(kPages);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("data-testid=\"paq-overdue\">En retard</span>"), std::string::npos);
  EXPECT_NE(list.body.find("<strong>1 action</strong> en retard"), std::string::npos);
  EXPECT_NE(list.body.find("01/01/2026"), std::string::npos);
  auto filtered = srv_.get(std::string(kPages) + "?priority=low");
  EXPECT_EQ(filtered.status, 200);
  EXPECT_NE(filtered.body.find("A venir"), std::string::npos);
  EXPECT_EQ(filtered.body.find(">En retard</a>"), std::string::npos);
  EXPECT_EQ(srv_.get(std::string(kPages) + "?source=nope").status, 400);

  auto board = srv_.get(std::string(kPages) + "/tableau");
  ASSERT_EQ(board.status, 200);
  for (const char* col : {"open", "in_progress", "done", "cancelled"})
    EXPECT_NE(board.body.find(std::string("data-testid=\"paq-column-") + col + "\""),
              std::string::npos);
  EXPECT_NE(board.body.find("À faire (2)"), std::string::npos);

  EXPECT_EQ(srv_.get(std::string(kPages) + "/nouvelle").status, 200);
  auto missing = srv_.send("POST", kPages, "title=+&owner=DSI&priority=high", kForm);
  EXPECT_EQ(missing.status, 422);
  EXPECT_NE(missing.body.find("le titre de l&#39;action est requis"), std::string::npos)
      << missing.body.substr(0, 300);
  EXPECT_NE(missing.body.find("value=\"DSI\""), std::string::npos);  // kept for correction
  auto ok = srv_.send("POST", kPages,
                      "title=Former+les+%C3%A9quipes&owner=DSI&priority=high&due=2026-12-15&"
                      "source=manual&cyber=on",
                      kForm);
  ASSERT_EQ(ok.status, 303) << ok.body.substr(0, 300);
  std::string where = ok.header("location");
  ASSERT_EQ(where.rfind(std::string(kPages) + "/", 0), 0u) << where;
  std::string page = where.substr(0, where.find('?'));
  auto show = srv_.get(page);
  EXPECT_EQ(show.status, 200);
  EXPECT_NE(show.body.find("Former les équipes"), std::string::npos);

  auto bad_edit =
      srv_.send("POST", page, "title=Former&status=in_progress&progress=250&priority=high", kForm);
  EXPECT_EQ(bad_edit.status, 422);
  EXPECT_NE(bad_edit.body.find("Avancement : "), std::string::npos);
  EXPECT_EQ(bad_edit.body.find("progress : "), std::string::npos);  // never the key
  EXPECT_NE(bad_edit.body.find("value=\"250\""), std::string::npos);
  auto edit =
      srv_.send("POST", page,
                "title=Former&status=in_progress&progress=25&priority=high&cyber=on&owner=DSI&"
                "due=2026-12-15",
                kForm);
  EXPECT_EQ(edit.status, 303);
  EXPECT_NE(srv_.get(std::string(kPages) + "/tableau").body.find("En cours (1)"),
            std::string::npos);
  EXPECT_EQ(srv_.send("POST", page + "/notes", "note=Premi%C3%A8re+session", kForm).status, 303);
  EXPECT_EQ(srv_.send("POST", page + "/notes", "note=", kForm).status, 422);
  EXPECT_NE(srv_.get(page).body.find("Première session"), std::string::npos);

  auto csv = srv_.get(std::string(kPages) + ".csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("content-disposition").find("paq-750712184-2026-11-23.csv"),
            std::string::npos);
  EXPECT_NE(csv.body.find(";Former;;Saisie manuelle;;DSI;15/12/2026;Haute;En cours;25;Oui;Non;"),
            std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("Première session"), std::string::npos);
  auto xlsx = srv_.get(std::string(kPages) + ".xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(srv_.get("/etablissements/750100208/paq.csv").body.find("Former"), std::string::npos);

  // Withdrawal through the pages: a confirmation page naming the action, the reason required
  // (the page again naming « Motif du retrait »), then listed among the withdrawn actions.
  EXPECT_EQ(srv_.send("POST", page + "/supprimer", "", kForm).status, 404);  // no deletion
  auto confirm = srv_.get(page + "/retirer");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("action du PAQ : Former"), std::string::npos);
  EXPECT_NE(confirm.body.find("data-testid=\"withdraw-form\""), std::string::npos);
  auto blank = srv_.send("POST", page + "/retirer", "motif=+", kForm);
  EXPECT_EQ(blank.status, 422);
  EXPECT_NE(blank.body.find("Motif du retrait : indiquez pourquoi"), std::string::npos);
  auto no2fa = carepilot::testing::call(srv_, no_second_factor_, "GET", page + "/retirer");
  EXPECT_NE(no2fa.body.find("data-testid=\"withdraw-second-factor\""), std::string::npos);
  auto no2fa_post = carepilot::testing::call(srv_, no_second_factor_, "POST", page + "/retirer",
                                             "motif=Doublon", kForm);
  EXPECT_EQ(no2fa_post.status, 403);
  EXPECT_NE(no2fa_post.body.find("href=\"/compte\""), std::string::npos);  // how to enrol
  EXPECT_EQ(srv_.send("POST", page + "/retirer", "motif=Abandonn%C3%A9e", kForm).status, 303);
  auto shown = srv_.get(page);
  EXPECT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("data-testid=\"paq-withdrawn\""), std::string::npos);
  auto listed = srv_.get(kPages);
  EXPECT_NE(listed.body.find("Actions retirées"), std::string::npos);
  EXPECT_NE(listed.body.find("Abandonnée"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, PaqApiTest, ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
