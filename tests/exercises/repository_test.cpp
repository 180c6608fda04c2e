#include <gtest/gtest.h>

#include "exercises/scenario_kit.hpp"
#include "fixture.hpp"
#include "paq/repository.hpp"

using namespace carepilot;
using carepilot::testing::day;
using carepilot::testing::exercise_establishment;
using carepilot::testing::plan;
using carepilot::testing::refused;
using nlohmann::json;

namespace {

class ExerciseRepositoryTest : public ::testing::TestWithParam<const char*> {
 protected:
  ExerciseRepositoryTest()
      : db_(GetParam(), 1),  // a single connection: any nested lease would dead-lock
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_embedded_referential()),
        evidence_(db_.db(), registry_, ref_),
        paq_(db_.db(), registry_, evidence_),
        repo_(db_.db(), registry_, evidence_) {
    registry_.seed_regions();
    a_ = registry_.create(Scope::nation(), exercise_establishment("750712184", "CH A"));
    b_ = registry_.create(Scope::nation(), exercise_establishment("750100208", "CH B"));
  }
  const Date today_ = day("2026-11-23");
  const Actor actor_{"rssi@example.fr", "127.0.0.1", "req-1"};

  std::vector<json> crisis_evidence(const std::string& finess = "750712184") {
    std::vector<json> out;
    for (const auto& r : evidence_.list(Scope::nation(), finess))
      if (r.type == "crisis_exercise") out.push_back(r.payload);
    return out;
  }
  long long count(const std::string& sql_text) {
    auto s = db_.db().lease();
    long long n = 0;
    *s << sql_text, soci::into(n);
    return n;
  }
  exercises::Exercise held(const std::string& date = "2026-10-01") {
    auto x = repo_.create(Scope::nation(), a_.finess_et, plan(date), today_, actor_);
    return repo_.start(Scope::nation(), a_.finess_et, x.id, today_, actor_);
  }

  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository evidence_;
  paq::Repository paq_;
  exercises::Repository repo_;
  registry::Establishment a_, b_;
};

TEST_P(ExerciseRepositoryTest, ScenariosAreSeededAndCanGrow) {
  auto list = repo_.scenarios(Scope::nation());
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].code, "ransomware");
  EXPECT_EQ(list[0].label, "Rançongiciel");
  repo_.add_scenario(Scope::nation(), {"pandemic", "Pandémie et absentéisme", ""}, actor_);
  EXPECT_EQ(repo_.scenarios(Scope::nation()).size(), 5u);
  refused(
      [&] {
        repo_.add_scenario(Scope::nation(), {"pandemic", "Encore", ""}, actor_);
      },
      409, "code");
  auto x =
      repo_.create(Scope::nation(), a_.finess_et, plan("2026-12-10", "pandemic"), today_, actor_);
  EXPECT_EQ(x.scenario_label, "Pandémie et absentéisme");
}

// Issue 10: a regional manager's scenario is offered in their region only; the shared list
// stays national.
TEST_P(ExerciseRepositoryTest, RegionalScenariosStayInTheirRegion) {
  ASSERT_EQ(a_.region_code, "52");
  auto added = repo_.add_scenario(Scope::region("11"), {"flood", "Inondation du site", ""}, actor_);
  EXPECT_EQ(added.region_code, "11");
  auto codes = [](const std::vector<exercises::Scenario>& v) {
    std::vector<std::string> out;
    for (const auto& s : v) out.push_back(s.code);
    return out;
  };
  auto in11 = codes(repo_.scenarios(Scope::region("11")));
  auto in52 = codes(repo_.scenarios(Scope::region("52")));
  EXPECT_NE(std::find(in11.begin(), in11.end(), "flood"), in11.end());
  EXPECT_EQ(std::find(in52.begin(), in52.end(), "flood"), in52.end());
  EXPECT_EQ(codes(repo_.scenarios_for(a_)), in52);
  EXPECT_EQ(repo_.scenarios(Scope::nation()).size(), 5u);
  EXPECT_EQ(repo_.scenarios(Scope::establishment(a_.id)).size(), 4u);
  // An establishment of region 52 cannot plan it, through any path.
  refused(
      [&] {
        repo_.create(Scope::nation(), a_.finess_et, plan("2026-12-10", "flood"), today_, actor_);
      },
      422, "scenario");
  // Only the national and regional levels add scenarios.
  refused(
      [&] {
        repo_.add_scenario(Scope::establishment(a_.id), {"x1", "X", ""}, actor_);
      },
      403, "");
}

TEST_P(ExerciseRepositoryTest, PlanRunCloseConvertDeclare) {
  auto x = repo_.create(Scope::nation(), a_.finess_et, plan("2026-10-01"), today_, actor_);
  EXPECT_EQ(x.status, exercises::Status::planned);
  EXPECT_TRUE(crisis_evidence().empty()) << "a planned exercise emits nothing";

  auto inject =
      repo_.add_inject(Scope::nation(), a_.finess_et, x.id, {"15", "Alerte", ""}, today_, actor_);
  refused(
      [&] { repo_.play_inject(Scope::nation(), a_.finess_et, x.id, inject.id, today_, actor_); },
      409, "status");
  refused(
      [&] {
        repo_.add_log(Scope::nation(), a_.finess_et, x.id, {"", "", "x"}, today_, actor_);
      },
      409, "status");

  x = repo_.start(Scope::nation(), a_.finess_et, x.id, today_, actor_);
  EXPECT_EQ(x.status, exercises::Status::running);
  auto ev = crisis_evidence();
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0]["date"], "2026-10-01");
  EXPECT_EQ(ev[0]["retex_in_paq"], false);
  EXPECT_FALSE(ev[0].contains("declared_on"));

  auto entry = repo_.add_log(Scope::nation(), a_.finess_et, x.id,
                             {"09:05", "", "Cellule de crise réunie"}, today_, actor_);
  EXPECT_EQ(entry.at, "2026-10-01T09:05");
  EXPECT_EQ(entry.author, "rssi@example.fr");
  auto played = repo_.play_inject(Scope::nation(), a_.finess_et, x.id, inject.id, today_, actor_);
  EXPECT_FALSE(played.played_at.empty());
  auto again = repo_.play_inject(Scope::nation(), a_.finess_et, x.id, inject.id, today_, actor_);
  EXPECT_EQ(again.played_at, played.played_at) << "the first time is kept";

  x = repo_.save_retex(Scope::nation(), a_.finess_et, x.id,
                       {"2026-10-08", "Annuaire à jour", "Fiches réflexes absentes", "Imprimer"},
                       today_, actor_);
  EXPECT_EQ(x.status, exercises::Status::closed);
  auto i1 = repo_.add_item(Scope::nation(), a_.finess_et, x.id,
                           {"Imprimer les fiches réflexes", "high"}, today_, actor_);
  auto i2 = repo_.add_item(Scope::nation(), a_.finess_et, x.id, {"Former un suppléant", ""}, today_,
                           actor_);
  EXPECT_EQ(i1.n, 1);
  EXPECT_EQ(i2.n, 2);
  EXPECT_EQ(crisis_evidence()[0]["retex_in_paq"], false);

  auto action = repo_.item_to_paq(Scope::nation(), a_.finess_et, x.id, 1, {"DSI", "2027-03-31"},
                                  today_, actor_);
  EXPECT_EQ(action.source, paq::Source::exercise);
  EXPECT_EQ(action.source_ref, "exercise:" + std::to_string(x.id) + ":item:1");
  EXPECT_EQ(action.title, "Imprimer les fiches réflexes");
  EXPECT_EQ(action.priority, paq::Priority::high);
  EXPECT_EQ(action.owner, "DSI");
  ev = crisis_evidence();
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0]["retex_in_paq"], true);

  // Idempotent: converting again returns the same action and writes nothing.
  auto actions_before = paq_.list(Scope::nation(), a_.finess_et).size();
  auto audit_before = count("SELECT COUNT(*) FROM audit_log");
  auto same = repo_.item_to_paq(Scope::nation(), a_.finess_et, x.id, 1, {}, today_, actor_);
  EXPECT_EQ(same.id, action.id);
  EXPECT_EQ(paq_.list(Scope::nation(), a_.finess_et).size(), actions_before);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_before);

  auto rest = repo_.all_items_to_paq(Scope::nation(), a_.finess_et, x.id, {}, today_, actor_);
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].source_ref, "exercise:" + std::to_string(x.id) + ":item:2");
  EXPECT_TRUE(
      repo_.all_items_to_paq(Scope::nation(), a_.finess_et, x.id, {}, today_, actor_).empty());

  repo_.declare(Scope::nation(), a_.finess_et, x.id, "2026-10-15", today_, actor_);
  ev = crisis_evidence();
  ASSERT_EQ(ev.size(), 1u) << "re-emitted, never duplicated";
  EXPECT_EQ(ev[0]["declared_on"], "2026-10-15");

  auto full = repo_.get(Scope::nation(), a_.finess_et, x.id);
  ASSERT_EQ(full.items.size(), 2u);
  EXPECT_EQ(full.items[0].action_id, action.id);
  // The main courante holds the entry and the played inject (issue 12, point 6).
  ASSERT_EQ(full.log.size(), 2u);
  EXPECT_EQ(full.log[0].text, "Cellule de crise réunie");
  EXPECT_EQ(full.log[1].text, "Stimulus joué : Alerte");
  EXPECT_EQ(full.log[1].author, "rssi@example.fr");
  // The ransomware scenario's set of injects, then the one added.
  const auto* kit = exercises::scenario_kit("ransomware");
  ASSERT_NE(kit, nullptr);
  ASSERT_EQ(full.injects.size(), kit->injects.size() + 1);
  EXPECT_TRUE(full.retex_in_paq());

  // The engine now counts it for 2026: held, declared, RETEX in the PAQ.
  auto report = evidence_.compliance(evidence_.load(Scope::nation(), a_.finess_et), today_);
  for (const auto& o : report.obligations)
    if (o.id == "crisis-exercise") {
      EXPECT_EQ(o.status, engine::Status::met);
    }
}

TEST_P(ExerciseRepositoryTest, RetexBeforeTheExerciseIsRefusedAndNothingIsStored) {
  auto x = held("2026-10-01");
  auto audit_before = count("SELECT COUNT(*) FROM audit_log");
  auto msg = refused(
      [&] {
        repo_.save_retex(Scope::nation(), a_.finess_et, x.id, {"2026-09-30", "a", "b", "c"}, today_,
                         actor_);
      },
      422, "retex_date");
  EXPECT_EQ(msg.rfind("retex_date", 0), 0u) << msg;
  auto after = repo_.get(Scope::nation(), a_.finess_et, x.id);
  EXPECT_EQ(after.status, exercises::Status::running);
  EXPECT_FALSE(after.retex_date);
  EXPECT_TRUE(after.retex_worked.empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audit_before);

  // Once closed, the exercise cannot move after its RETEX.
  repo_.save_retex(Scope::nation(), a_.finess_et, x.id, {"2026-10-02", "", "", ""}, today_, actor_);
  refused(
      [&] {
        repo_.update(Scope::nation(), a_.finess_et, x.id, plan("2026-10-05"), today_, actor_);
      },
      422, "date");
  EXPECT_EQ(repo_.get(Scope::nation(), a_.finess_et, x.id).date, day("2026-10-01"));
}

TEST_P(ExerciseRepositoryTest, AFutureExerciseCannotBeRunNorClosed) {
  auto x = repo_.create(Scope::nation(), a_.finess_et, plan("2026-12-15"), today_, actor_);
  refused([&] { repo_.start(Scope::nation(), a_.finess_et, x.id, today_, actor_); }, 422, "date");
  refused(
      [&] {
        repo_.save_retex(Scope::nation(), a_.finess_et, x.id, {"2026-11-20", "", "", ""}, today_,
                         actor_);
      },
      422, "retex_date");
  refused([&] { repo_.declare(Scope::nation(), a_.finess_et, x.id, "2026-11-20", today_, actor_); },
          422, "declared_on");
  EXPECT_EQ(repo_.get(Scope::nation(), a_.finess_et, x.id).status, exercises::Status::planned);
  EXPECT_TRUE(crisis_evidence().empty());
}

TEST_P(ExerciseRepositoryTest, AnotherEstablishmentsExerciseIsNotFound) {
  auto x = held();
  repo_.add_item(Scope::nation(), a_.finess_et, x.id, {"Point", ""}, today_, actor_);
  refused([&] { repo_.get(Scope::nation(), b_.finess_et, x.id); }, 404, "");
  refused([&] { repo_.start(Scope::nation(), b_.finess_et, x.id, today_, actor_); }, 404, "");
  refused([&] { repo_.item_to_paq(Scope::nation(), b_.finess_et, x.id, 1, {}, today_, actor_); },
          404, "");
  refused([&] { repo_.withdraw(Scope::nation(), b_.finess_et, x.id, "motif", today_, actor_); },
          404, "");
  // A user of B does not see A at all.
  refused([&] { repo_.get(Scope::establishment(b_.id), a_.finess_et, x.id); }, 404, "");
  refused([&] { repo_.list(Scope::establishment(b_.id), a_.finess_et); }, 404, "");
  EXPECT_EQ(repo_.list(Scope::establishment(a_.id), a_.finess_et).size(), 1u);
  EXPECT_TRUE(repo_.list(Scope::nation(), b_.finess_et).empty());
  refused([&] { repo_.item_to_paq(Scope::nation(), a_.finess_et, x.id, 7, {}, today_, actor_); },
          404, "");
}

TEST_P(ExerciseRepositoryTest, ChangesAreAudited) {
  auto x = held();
  auto s = db_.db().lease();
  std::string key = std::to_string(x.id);
  long long n = 0;
  *s << "SELECT COUNT(*) FROM audit_log WHERE entity = 'exercise' AND entity_key = :k AND "
        "establishment_id = :e",
      soci::use(key), soci::use(static_cast<long long>(a_.id)), soci::into(n);
  EXPECT_EQ(n, 2);  // created, started
  std::string actor, summary;
  *s << "SELECT actor, summary FROM audit_log WHERE entity = 'exercise' ORDER BY seq DESC",
      soci::into(actor), soci::into(summary);
  EXPECT_EQ(actor, "rssi@example.fr");
  EXPECT_NE(summary.find("lancé"), std::string::npos) << summary;
}

TEST_P(ExerciseRepositoryTest, WithdrawingKeepsEverythingButTheEvidence) {
  auto x = held();
  repo_.add_item(Scope::nation(), a_.finess_et, x.id, {"Point", ""}, today_, actor_);
  repo_.item_to_paq(Scope::nation(), a_.finess_et, x.id, 1, {}, today_, actor_);
  ASSERT_EQ(crisis_evidence().size(), 1u);
  auto msg =
      refused([&] { repo_.withdraw(Scope::nation(), a_.finess_et, x.id, "", today_, actor_); }, 422,
              "reason");
  EXPECT_NE(msg.find("Motif du retrait"), std::string::npos) << msg;
  ASSERT_EQ(crisis_evidence().size(), 1u);  // unchanged
  auto w = repo_.withdraw(Scope::nation(), a_.finess_et, x.id, "Doublon", today_, actor_);
  EXPECT_EQ(w.withdrawal.reason, "Doublon");
  EXPECT_TRUE(crisis_evidence().empty());
  EXPECT_TRUE(repo_.list(Scope::nation(), a_.finess_et).empty());
  ASSERT_EQ(repo_.withdrawn(Scope::nation(), a_.finess_et).size(), 1u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM exercises"), 1);  // nothing destroyed
  EXPECT_EQ(count("SELECT COUNT(*) FROM exercise_retex_items"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM evidence WHERE withdrawn_at IS NOT NULL"), 1);
  EXPECT_EQ(paq_.list(Scope::nation(), a_.finess_et).size(), 1u);
  refused(
      [&] {
        repo_.add_log(Scope::nation(), a_.finess_et, x.id, {"", "", "x"}, today_, actor_);
      },
      409, "");
  refused([&] { repo_.withdraw(Scope::nation(), a_.finess_et, x.id, "encore", today_, actor_); },
          409, "");
}

TEST_P(ExerciseRepositoryTest, AClosedDeclaredExerciseIsLocked) {
  auto x = held();
  repo_.save_retex(Scope::nation(), a_.finess_et, x.id, {"2026-10-02", "a", "b", "c"}, today_,
                   actor_);
  // Closed but not declared: still open to changes.
  repo_.add_item(Scope::nation(), a_.finess_et, x.id, {"Point", ""}, today_, actor_);
  repo_.declare(Scope::nation(), a_.finess_et, x.id, format_date(today_), today_, actor_);
  auto locked = repo_.get(Scope::nation(), a_.finess_et, x.id);
  ASSERT_TRUE(locked.locked());
  auto before = count("SELECT COUNT(*) FROM audit_log");
  refused(
      [&] {
        repo_.update(Scope::nation(), a_.finess_et, x.id, plan("2026-10-01"), today_, actor_);
      },
      409, "");
  refused(
      [&] {
        repo_.add_item(Scope::nation(), a_.finess_et, x.id, {"Autre", ""}, today_, actor_);
      },
      409, "");
  refused(
      [&] {
        repo_.declare(Scope::nation(), a_.finess_et, x.id, format_date(today_), today_, actor_);
      },
      409, "");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), before);
  // The withdrawal stays possible.
  repo_.withdraw(Scope::nation(), a_.finess_et, x.id, "Exercice annulé", today_, actor_);
  EXPECT_TRUE(crisis_evidence().empty());
}

// Issue 12, point 6: a scenario comes with a description and a set of injects (data), which
// a new exercise starts with; a played inject goes to the main courante once.
TEST_P(ExerciseRepositoryTest, ScenariosComeWithInjectsAndPlayedOnesAreLogged) {
  for (const char* code : {"ransomware", "data_theft", "supplier_loss", "network_loss"}) {
    const auto* kit = exercises::scenario_kit(code);
    ASSERT_NE(kit, nullptr) << code;
    EXPECT_FALSE(kit->description.empty()) << code;
    EXPECT_GE(kit->injects.size(), 3u) << code;
  }
  EXPECT_EQ(exercises::scenario_kit("added-by-an-admin"), nullptr);
  auto x = repo_.get(Scope::nation(), a_.finess_et, held().id);
  ASSERT_EQ(x.injects.size(), exercises::scenario_kit("ransomware")->injects.size());
  EXPECT_EQ(x.injects[0].title, exercises::scenario_kit("ransomware")->injects[0].title);
  EXPECT_TRUE(x.log.empty());
  repo_.play_inject(Scope::nation(), a_.finess_et, x.id, x.injects[1].id, today_, actor_);
  repo_.play_inject(Scope::nation(), a_.finess_et, x.id, x.injects[1].id, today_, actor_);
  auto full = repo_.get(Scope::nation(), a_.finess_et, x.id);
  ASSERT_EQ(full.log.size(), 1u) << "played twice, logged once";
  EXPECT_EQ(full.log[0].text,
            "Stimulus joué : " + x.injects[1].title + " — " + x.injects[1].description);
}

TEST(ScenarioKits, TheFileIsCheckedAtLoad) {
  auto ok = exercises::parse_scenario_kits(
      "schema_version: 1\nkind: exercise_scenarios\nscenarios:\n  - code: x\n    "
      "description: d\n    injects:\n      - {offset_minutes: 5, title: t}\n");
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok.at("x").injects.at(0).offset_minutes, "5");
  auto refused = [](const std::string& yaml, const std::string& words) {
    try {
      exercises::parse_scenario_kits(yaml);
      ADD_FAILURE() << "accepted: " << yaml;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  const std::string head = "schema_version: 1\nkind: exercise_scenarios\nscenarios:\n";
  refused(head + "  - {code: x, description: d, colour: red}\n", "clé inconnue « colour »");
  refused("scenarios: [\n", "data/exercises/scenarios.yaml : YAML illisible (");
  refused("- x\n", "data/exercises/scenarios.yaml : un dictionnaire est attendu");
  refused(head + "  - {code: x}\n", "description absente");
  refused(head + "  - {code: x, description: d}\n  - {code: x, description: e}\n",
          "cité deux fois");
  refused(head + "  - {code: x, description: d, injects: [{offset_minutes: 20000, title: t}]}\n",
          "offset_minutes");
  refused(head + "  - {code: x, description: d, injects: [{offset_minutes: 5}]}\n", "title");
  refused(head +
              "  - {code: x, description: d, injects: [{offset_minutes: 30, title: a}, "
              "{offset_minutes: 10, title: b}]}\n",
          "ordre chronologique");
}

INSTANTIATE_TEST_SUITE_P(Backends, ExerciseRepositoryTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
