// budget::Repository on both backends: saves, replacement, refusals leaving nothing, audit
// trail, evidence, tenancy.
#include <gtest/gtest.h>

#include "budget/repository.hpp"
#include "module_fixture.hpp"
#include "referential/loader.hpp"
#include "test_db.hpp"

using namespace carepilot;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::emitted;
using carepilot::testing::module_establishment;

namespace {

class BudgetRepositoryTest : public ::testing::TestWithParam<const char*> {
 protected:
  BudgetRepositoryTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_default_referential()),
        evidence_(db_.db(), registry_, ref_),
        repo_(db_.db(), registry_, evidence_) {
    registry_.seed_regions();
    a_ = registry_.create(Scope::nation(), module_establishment("750712184", "CH A"));
    b_ = registry_.create(Scope::nation(), module_establishment("750100208", "CH B"));
  }
  static budget::Input input(int year, const char* total, const char* digital, const char* cyber) {
    return budget::input_from_form(
        year, {{"total_eur", total}, {"digital_eur", digital}, {"cyber_eur", cyber}});
  }
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository evidence_;
  budget::Repository repo_;
  registry::Establishment a_, b_;
  const Actor actor_{"rssi@ch-a.fr", "127.0.0.1", "req-1"};
};

TEST_P(BudgetRepositoryTest, SaveReplaceRemoveWithEvidenceAndAudit) {
  const Date today = day("2026-11-23");
  auto saved = repo_.save(Scope::nation(), "750712184",
                          input(2025, "250000000", "4500000", "900000.50"), today, actor_);
  EXPECT_TRUE(saved.created);
  EXPECT_EQ(saved.declaration.cyber_cents, 90'000'050);
  EXPECT_EQ(format_date(saved.declaration.declared_on), "2026-11-23");  // default: today
  auto ev = emitted(db_.db(), "budget_declaration:2025");
  ASSERT_EQ(ev.count, 1);
  EXPECT_EQ(ev.payload["type"], "budget_declaration");
  EXPECT_EQ(ev.payload["year"], 2025);
  EXPECT_EQ(ev.date, "2026-11-23");
  EXPECT_DOUBLE_EQ(ev.payload["total_eur"].get<double>(), 250000000.0);
  EXPECT_DOUBLE_EQ(ev.payload["digital_eur"].get<double>(), 4500000.0);
  EXPECT_DOUBLE_EQ(ev.payload["cyber_eur"].get<double>(), 900000.5);
  EXPECT_EQ(audit_count(db_.db(), "budget_declaration", "2025", "create"), 1);

  auto in = input(2025, "250000000", "3000000", "1000000");
  in.declared_on = day("2026-05-02");
  auto again = repo_.save(Scope::nation(), "750712184", in, today, actor_);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.declaration.id, saved.declaration.id);
  EXPECT_EQ(count_rows(db_.db(), "budget_declarations"), 1);
  ev = emitted(db_.db(), "budget_declaration:2025");
  ASSERT_EQ(ev.count, 1);  // replaced, not added
  EXPECT_EQ(ev.date, "2026-05-02");
  EXPECT_DOUBLE_EQ(ev.payload["digital_eur"].get<double>(), 3000000.0);
  EXPECT_EQ(audit_count(db_.db(), "budget_declaration", "2025", "update"), 1);

  repo_.save(Scope::nation(), "750712184", input(2024, "100", "1", "1"), today, actor_);
  auto list = repo_.list(Scope::nation(), "750712184");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].year, 2024);
  EXPECT_TRUE(repo_.list(Scope::nation(), "750100208").empty());

  try {
    repo_.withdraw(Scope::nation(), "750712184", 2025, "  ", today, actor_);
    ADD_FAILURE() << "withdrawn without a reason";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.code(), "budget.reason_required");
    EXPECT_NE(std::string(e.what()).find("Motif du retrait"), std::string::npos);
  }
  EXPECT_TRUE(repo_.get(Scope::nation(), "750712184", 2025));  // unchanged
  repo_.withdraw(Scope::nation(), "750712184", 2025, "Saisie erronée", today, actor_);
  EXPECT_EQ(emitted(db_.db(), "budget_declaration:2025").count, 0);
  EXPECT_EQ(audit_count(db_.db(), "budget_declaration", "2025", "withdraw"), 1);
  EXPECT_EQ(audit_count(db_.db(), "budget_declaration", "2025", "delete"), 0);
  EXPECT_FALSE(repo_.get(Scope::nation(), "750712184", 2025));
  ASSERT_EQ(repo_.withdrawn(Scope::nation(), "750712184").size(), 1u);
  EXPECT_EQ(count_rows(db_.db(), "budget_declarations"), 2);  // nothing destroyed
  try {
    repo_.withdraw(Scope::nation(), "750712184", 2025, "encore", today, actor_);
    ADD_FAILURE() << "withdrawn twice";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
}

TEST_P(BudgetRepositoryTest, RefusalStoresNothing) {
  const Date today = day("2026-11-23");
  try {
    repo_.save(Scope::nation(), "750712184", input(2026, "1000", "900", "200"), today, actor_);
    ADD_FAILURE() << "accepted a share over 100 %";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(e.code(), "budget.share_over_100");
    ASSERT_FALSE(e.fields().empty());
    EXPECT_EQ(e.fields()[0].field, "cyber_eur");
  }
  EXPECT_EQ(count_rows(db_.db(), "budget_declarations"), 0);
  EXPECT_EQ(count_rows(db_.db(), "evidence"), 0);
  EXPECT_EQ(audit_count(db_.db(), "budget_declaration", "2026", "create"), 0);
}

TEST_P(BudgetRepositoryTest, OtherEstablishmentsAreNotFound) {
  const Date today = day("2026-11-23");
  repo_.save(Scope::nation(), "750712184", input(2026, "1000", "10", "20"), today, actor_);
  auto only_b = Scope::establishment(b_.id);
  for (auto f : std::vector<std::function<void()>>{
           [&] { repo_.list(only_b, "750712184"); }, [&] { repo_.get(only_b, "750712184", 2026); },
           [&] { repo_.save(only_b, "750712184", input(2026, "1", "0", "0"), today, actor_); },
           [&] { repo_.withdraw(only_b, "750712184", 2026, "motif", today, actor_); }}) {
    try {
      f();
      ADD_FAILURE() << "visible from another establishment";
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), 404);
    }
  }
  EXPECT_TRUE(repo_.get(Scope::nation(), "750712184", 2026));
  EXPECT_FALSE(repo_.get(only_b, "750100208", 2026));
}

INSTANTIATE_TEST_SUITE_P(Backends, BudgetRepositoryTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
