// An incident's lessons become PAQ actions in one click (issue 19), each lesson (line) its own:
// origin "incident", reference "incident:ID:DIGEST", once per lesson (sent again, it answers its
// action), refused when empty, too long or too many (field named, nothing created), 404 for
// another establishment's incident — on both databases.
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
        lessons_(db_.db(), registry_, repo_, paq_) {
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

TEST_P(IncidentsLessonsTest, EachLessonBecomesItsOwnPaqAction) {
  auto sent = lessons_.send(Scope::nation(), "750712184", inc_,
                            "- Activer la double authentification des comptes de prestataires\n"
                            "\n  • Segmenter le réseau du PACS  \n",
                            day("2026-04-10"), actor_);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_TRUE(sent[0].created);
  EXPECT_TRUE(sent[1].created);
  const auto& a = sent[0].action;
  EXPECT_EQ(a.source, paq::Source::incident);
  EXPECT_EQ(a.source_ref.rfind("incident:" + std::to_string(inc_) + ":", 0), 0u) << a.source_ref;
  EXPECT_NE(a.source_ref, sent[1].action.source_ref);
  EXPECT_EQ(a.title,
            "Incident « Rançongiciel sur le PACS » : Activer la double authentification "
            "des comptes de prestataires");
  EXPECT_EQ(sent[1].action.title,
            "Incident « Rançongiciel sur le PACS » : Segmenter le réseau du PACS");
  EXPECT_NE(a.description.find("29/03/2026 à 01 h 30"), std::string::npos) << a.description;
  EXPECT_NE(a.description.find("rançongiciel"), std::string::npos);
  EXPECT_EQ(a.description.find("Rançongiciel sur le PACS"), std::string::npos) << a.description;
  EXPECT_EQ(a.description.find("double authentification"), std::string::npos) << a.description;
  EXPECT_EQ(a.due, day("2026-07-10"));
  // A lesson sent again answers its action; a new one makes its own.
  auto again = lessons_.send(Scope::nation(), "750712184", inc_,
                             "Segmenter le réseau du PACS\nSauvegardes hors ligne",
                             day("2026-04-11"), actor_);
  ASSERT_EQ(again.size(), 2u);
  EXPECT_FALSE(again[0].created);
  EXPECT_EQ(again[0].action.id, sent[1].action.id);
  EXPECT_TRUE(again[1].created);
  EXPECT_EQ(count_rows(db_.db(), "paq_actions"), 3);
  // All listed on the incident, in order.
  const auto listed = lessons_.actions(Scope::nation(), "750712184", inc_);
  ASSERT_EQ(listed.size(), 3u);
}

// A lesson too long, or too many at once: refused, naming the field, nothing created (not even
// the valid lessons sent with it).
TEST_P(IncidentsLessonsTest, TooLongOrTooManyLessonsStoreNothing) {
  auto code = [&](const std::string& text) {
    try {
      lessons_.send(Scope::nation(), "750712184", inc_, text, day("2026-04-10"), actor_);
    } catch (const UserError& e) {
      EXPECT_EQ(e.fields().at(0).field, "lessons");
      return e.fields().at(0).code;
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(code("Une leçon valable\n" + std::string(4001, 'x')), "incident.lessons_too_long");
  std::string many;
  for (int i = 0; i < 21; ++i) many += "Leçon " + std::to_string(i) + "\n";
  EXPECT_EQ(code(many), "incident.lessons_too_many");
  EXPECT_EQ(count_rows(db_.db(), "paq_actions"), 0);
  // 4 000 characters and 20 lessons: accepted.
  EXPECT_EQ(code(std::string(4000, 'x')), "(accepted)");
  many.clear();
  for (int i = 0; i < 20; ++i) many += "Mesure " + std::to_string(i) + "\n";
  EXPECT_EQ(code(many), "(accepted)");
  EXPECT_EQ(count_rows(db_.db(), "paq_actions"), 21);
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
