// An incident's lessons become a PAQ action in one click (issue 19): origin "incident",
// reference "incident:ID", once (a second send answers the same action), refused when empty
// (field named), 404 for another establishment's incident — on both databases.
#include <gtest/gtest.h>

#include "incidents/store/lessons.hpp"
#include "module_fixture.hpp"
#include "referential/loader.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::incidents;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::module_establishment;

namespace {

class IncidentsLessonsTest : public ::testing::TestWithParam<const char*> {
 protected:
  IncidentsLessonsTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_default_referential()),
        evidence_(db_.db(), registry_, ref_),
        paq_(db_.db(), registry_, evidence_),
        repo_(db_.db(), registry_),
        lessons_(registry_, repo_, paq_) {
    registry_.seed_regions();
    registry_.create(Scope::nation(), module_establishment("750712184", "CH A"));
    registry_.create(Scope::nation(), module_establishment("750100208", "CH B"));
    inc_ = repo_
               .create(Scope::nation(), "750712184",
                       {"Rançongiciel sur le PACS", "2026-03-29T01:30:00+01:00", ""}, actor_)
               .id;
    repo_.qualify(Scope::nation(), "750712184", inc_, {{"threat", {"ransomware"}}}, actor_);
  }
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository evidence_;
  paq::Repository paq_;
  Repository repo_;
  Lessons lessons_;
  std::int64_t inc_ = 0;
  const Actor actor_{"rssi@ch-a.fr", "127.0.0.1", "req-1"};
};

}  // namespace

TEST_P(IncidentsLessonsTest, TheLessonsBecomeOnePaqAction) {
  bool created = false;
  auto a = lessons_.send(Scope::nation(), "750712184", inc_,
                         "Activer la double authentification des comptes de prestataires",
                         day("2026-04-10"), actor_, &created);
  EXPECT_TRUE(created);
  EXPECT_EQ(a.source, paq::Source::incident);
  EXPECT_EQ(a.source_ref, "incident:" + std::to_string(inc_));
  EXPECT_EQ(a.title, "Incident : leçons de « Rançongiciel sur le PACS »");
  EXPECT_NE(a.description.find("29/03/2026 à 01 h 30"), std::string::npos) << a.description;
  EXPECT_NE(a.description.find("rançongiciel"), std::string::npos);
  EXPECT_EQ(a.due, day("2026-07-10"));
  // A second click answers the same action.
  auto again = lessons_.send(Scope::nation(), "750712184", inc_, "Autre texte", day("2026-04-11"),
                             actor_, &created);
  EXPECT_FALSE(created);
  EXPECT_EQ(again.id, a.id);
  EXPECT_EQ(count_rows(db_.db(), "paq_actions"), 1);
}

TEST_P(IncidentsLessonsTest, EmptyLessonsAndForeignIncidentsAreRefused) {
  try {
    lessons_.send(Scope::nation(), "750712184", inc_, "  ", day("2026-04-10"), actor_);
    ADD_FAILURE() << "accepted";
  } catch (const UserError& e) {
    EXPECT_EQ(e.fields().at(0).field, "lessons");
    EXPECT_EQ(e.fields().at(0).code, "incident.lessons_required");
  }
  try {
    lessons_.send(Scope::nation(), "750100208", inc_, "x", day("2026-04-10"), actor_);
    ADD_FAILURE() << "accepted";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  EXPECT_EQ(count_rows(db_.db(), "paq_actions"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, IncidentsLessonsTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
