// training::Repository on both backends: years and campaigns, evidence, audit, refusals
// leaving nothing, tenancy.
#include <gtest/gtest.h>

#include "module_fixture.hpp"
#include "referential/loader.hpp"
#include "test_db.hpp"
#include "training/repository.hpp"

using namespace carepilot;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::emitted;
using carepilot::testing::module_establishment;

namespace {

class TrainingRepositoryTest : public ::testing::TestWithParam<const char*> {
 protected:
  TrainingRepositoryTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_default_referential()),
        evidence_(db_.db(), registry_, ref_),
        repo_(db_.db(), registry_, evidence_) {
    registry_.seed_regions();
    a_ = registry_.create(Scope::nation(), module_establishment("750712184", "CH A"));
    b_ = registry_.create(Scope::nation(), module_establishment("750100208", "CH B"));
  }
  static training::CoverageInput year(int y, std::vector<training::Category> cats) {
    training::CoverageInput in;
    in.year = y;
    in.categories = std::move(cats);
    return in;
  }
  static training::CampaignInput phishing(int sent, int clicks) {
    return training::campaign_from_form({{"date", "2026-03-12"},
                                         {"title", "Colis en attente"},
                                         {"kind", "phishing"},
                                         {"emails_sent", std::to_string(sent)},
                                         {"clicks", std::to_string(clicks)}});
  }
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository evidence_;
  training::Repository repo_;
  registry::Establishment a_, b_;
  const Actor actor_{"rssi@ch-a.fr", "127.0.0.1", "req-1"};
};

TEST_P(TrainingRepositoryTest, SavingAYearEmitsCoverage) {
  const Date today = day("2026-11-23");
  auto saved = repo_.save(
      Scope::nation(), "750712184",
      year(2025, {{"Médical", 100, 60, 20, 50}, {"Soignant", 500, 300, 100, 250}}), today, actor_);
  EXPECT_TRUE(saved.created);
  EXPECT_EQ(format_date(saved.coverage.recorded_on), "2025-12-31");  // past year: year end
  auto ev = emitted(db_.db(), "training_coverage:2025");
  ASSERT_EQ(ev.count, 1);
  EXPECT_EQ(ev.payload, (nlohmann::json{{"type", "training_coverage"},
                                        {"date", "2025-12-31"},
                                        {"staff", 600},
                                        {"trained", 360}}));
  EXPECT_EQ(audit_count(db_.db(), "training_coverage", "2025", "create"), 1);

  // Replaced: categories rewritten, evidence replaced, audited as an update.
  auto again = repo_.save(Scope::nation(), "750712184",
                          year(2025, {{"Tout le personnel", 600, 600, 100, 550}}), today, actor_);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(count_rows(db_.db(), "training_categories"), 1);
  ev = emitted(db_.db(), "training_coverage:2025");
  ASSERT_EQ(ev.count, 1);
  EXPECT_EQ(ev.payload["trained"], 600);
  EXPECT_EQ(audit_count(db_.db(), "training_coverage", "2025", "update"), 1);

  // The current year is dated the day of the save.
  repo_.save(Scope::nation(), "750712184", year(2026, {{"Médical", 10, 5, 5, 0}}), today, actor_);
  EXPECT_EQ(emitted(db_.db(), "training_coverage:2026").date, "2026-11-23");
  auto years = repo_.years(Scope::nation(), "750712184");
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].year, 2025);
  ASSERT_EQ(years[0].categories.size(), 1u);
  EXPECT_EQ(years[0].categories[0].name, "Tout le personnel");
  auto one = repo_.year(Scope::nation(), "750712184", 2026);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->categories[0].trained_initial, 5);
  EXPECT_TRUE(repo_.years(Scope::nation(), "750100208").empty());
}

TEST_P(TrainingRepositoryTest, RefusalsStoreNothing) {
  const Date today = day("2026-11-23");
  const int audit_before = count_rows(db_.db(), "audit_log");
  try {
    repo_.save(Scope::nation(), "750712184",
               year(2026, {{"Médical", 100, 60, 20, 50}, {"Soignant", 500, 501, 501, 0}}), today,
               actor_);
    ADD_FAILURE() << "accepted more trained than staff";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 422);
    ASSERT_FALSE(e.fields().empty());
    EXPECT_EQ(e.fields()[0].field, "categories[1].trained");
  }
  try {
    repo_.add_campaign(Scope::nation(), "750712184", phishing(100, 150), today, actor_);
    ADD_FAILURE() << "accepted more clicks than e-mails";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.fields()[0].field, "clicks");
  }
  EXPECT_EQ(count_rows(db_.db(), "training_years"), 0);
  EXPECT_EQ(count_rows(db_.db(), "training_categories"), 0);
  EXPECT_EQ(count_rows(db_.db(), "training_campaigns"), 0);
  EXPECT_EQ(count_rows(db_.db(), "evidence"), 0);
  EXPECT_EQ(count_rows(db_.db(), "audit_log"), audit_before);
}

TEST_P(TrainingRepositoryTest, CampaignsAreTheEstablishmentsOwn) {
  const Date today = day("2026-11-23");
  auto c = repo_.add_campaign(Scope::nation(), "750712184", phishing(200, 30), today, actor_);
  EXPECT_GT(c.id, 0);
  EXPECT_EQ(audit_count(db_.db(), "training_campaign", std::to_string(c.id), "create"), 1);
  auto list = repo_.campaigns(Scope::nation(), "750712184");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].clicks, 30);
  EXPECT_FALSE(list[0].credentials);
  EXPECT_EQ(training::rates(list[0]).click, 150);  // 15,0 %
  // Through the other establishment (even with a national scope), the id is not found.
  try {
    repo_.withdraw_campaign(Scope::nation(), "750100208", c.id, "motif", actor_);
    ADD_FAILURE() << "withdrawn through another establishment";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  auto only_b = Scope::establishment(b_.id);
  try {
    repo_.campaigns(only_b, "750712184");
    ADD_FAILURE() << "visible out of scope";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  EXPECT_EQ(count_rows(db_.db(), "training_campaigns"), 1);
  try {
    repo_.withdraw_campaign(Scope::nation(), "750712184", c.id, "", actor_);
    ADD_FAILURE() << "withdrawn without a reason";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.code(), "training.reason_required");
  }
  EXPECT_EQ(repo_.campaigns(Scope::nation(), "750712184").size(), 1u);  // unchanged
  auto w = repo_.withdraw_campaign(Scope::nation(), "750712184", c.id, "Doublon", actor_);
  EXPECT_EQ(w.withdrawal.reason, "Doublon");
  EXPECT_EQ(count_rows(db_.db(), "training_campaigns"), 1);  // kept
  EXPECT_TRUE(repo_.campaigns(Scope::nation(), "750712184").empty());
  ASSERT_EQ(repo_.withdrawn_campaigns(Scope::nation(), "750712184").size(), 1u);
  EXPECT_EQ(audit_count(db_.db(), "training_campaign", std::to_string(c.id), "withdraw"), 1);
  EXPECT_EQ(audit_count(db_.db(), "training_campaign", std::to_string(c.id), "delete"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, TrainingRepositoryTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
