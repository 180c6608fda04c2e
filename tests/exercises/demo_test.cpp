#include <gtest/gtest.h>

#include "evidence/demo.hpp"
#include "exercises/demo.hpp"
#include "fixture.hpp"
#include "registry/demo.hpp"

using namespace carepilot;
using carepilot::testing::day;

namespace {

class ExerciseDemoTest : public ::testing::TestWithParam<const char*> {
 protected:
  ExerciseDemoTest()
      : db_(GetParam(), 2),
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_embedded_referential()),
        evidence_(db_.db(), registry_, ref_),
        repo_(db_.db(), registry_, evidence_) {
    registry_.seed_regions();
  }
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository evidence_;
  exercises::Repository repo_;
};

TEST_P(ExerciseDemoTest, EveryDemoEstablishmentHasExercisesAndEvidenceIsNotDuplicated) {
  const Date today = day("2026-11-23");
  registry::load_demo(registry_);
  evidence::load_demo_evidence(evidence_, registry_, today);
  int created = exercises::seed_demo(db_.db(), registry_, evidence_, today);
  EXPECT_GT(created, 0);
  EXPECT_EQ(exercises::seed_demo(db_.db(), registry_, evidence_, today), 0) << "idempotent";
  registry::EstablishmentFilter f;
  f.per_page = 200;
  int closed = 0, establishments = 0;
  for (const auto& item : registry_.list(Scope::nation(), f).items) {
    if (!item.is_demo) continue;
    ++establishments;
    auto list = repo_.list(Scope::nation(), item.finess_et);
    ASSERT_FALSE(list.empty()) << item.finess_et;
    int crisis = 0;
    for (const auto& r : evidence_.list(Scope::nation(), item.finess_et))
      if (r.type == "crisis_exercise" && r.date.year() == std::chrono::year(2025)) ++crisis;
    EXPECT_LE(crisis, 1) << "one 2025 exercise at most per establishment: " << item.finess_et;
    for (const auto& x : list) {
      if (x.status == exercises::Status::closed) {
        ++closed;
        EXPECT_EQ(crisis, 1);
        EXPECT_TRUE(repo_.get(Scope::nation(), item.finess_et, x.id).retex_in_paq());
      } else {
        EXPECT_EQ(x.status, exercises::Status::planned);
        EXPECT_GT(x.date, today);
      }
    }
  }
  EXPECT_GE(establishments, 5);
  EXPECT_GE(closed, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExerciseDemoTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
