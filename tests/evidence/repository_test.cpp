#include <gtest/gtest.h>

#include "engine/evaluate.hpp"
#include "fixture.hpp"

using namespace carepilot;
using carepilot::testing::d;
using carepilot::testing::establishment_input;
using nlohmann::json;

namespace {

class EvidenceRepositoryTest : public ::testing::TestWithParam<const char*> {
 protected:
  EvidenceRepositoryTest()
      : db_(GetParam(), 1),  // a single connection: any nested lease would dead-lock
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_embedded_referential()),
        repo_(db_.db(), registry_, ref_) {
    registry_.seed_regions();
    a_ = registry_.create(Scope::nation(),
                          establishment_input("750712184", "CH A", {"urgences", "pharmacie"}));
    b_ = registry_.create(Scope::nation(), establishment_input("750100208", "CH B", {"medecine"}));
  }
  static constexpr const char* kToday = "2026-11-23";
  evidence::Record add(const json& j, const Scope& scope = Scope::nation()) {
    return repo_.add(scope, a_.finess_et, j, d(kToday), Actor{"rssi@example.fr", "", ""});
  }
  // Runs `f`, expecting a 422 UserError whose first field is `field`; returns its message.
  template <typename F>
  std::string refused(F f, const std::string& field, const std::string& code = "") {
    try {
      f();
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), 422);
      EXPECT_FALSE(e.fields().empty());
      if (!e.fields().empty()) {
        EXPECT_EQ(e.fields()[0].field, field) << e.what();
      }
      if (!code.empty()) {
        EXPECT_EQ(e.code(), code);
      }
      return e.what();
    }
    ADD_FAILURE() << "not refused";
    return {};
  }

  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository repo_;
  registry::Establishment a_, b_;
};

TEST_P(EvidenceRepositoryTest, AddListAndDelete) {
  auto r1 = add({{"type", "crisis_exercise"},
                 {"date", "2026-03-02"},
                 {"declared_on", "2026-03-10"},
                 {"retex_in_paq", true}});
  auto r2 = add({{"type", "bia"}, {"service", "urgences"}, {"date", "2026-01-15"}});
  EXPECT_GT(r1.id, 0);
  EXPECT_NE(r1.id, r2.id);
  EXPECT_EQ(r1.created_by, "rssi@example.fr");
  auto list = repo_.list(Scope::nation(), a_.finess_et);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].type, "bia");  // by date
  EXPECT_EQ(format_date(list[1].date), "2026-03-02");
  EXPECT_EQ(list[1].payload["retex_in_paq"], true);
  EXPECT_TRUE(repo_.list(Scope::nation(), b_.finess_et).empty());

  // Another establishment's record cannot be deleted through this one.
  EXPECT_THROW(repo_.remove(Scope::nation(), b_.finess_et, r1.id, Actor{}), UserError);
  repo_.remove(Scope::nation(), a_.finess_et, r1.id, Actor{});
  EXPECT_EQ(repo_.list(Scope::nation(), a_.finess_et).size(), 1u);
  try {
    repo_.remove(Scope::nation(), a_.finess_et, r1.id, Actor{});
    ADD_FAILURE();
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
}

TEST_P(EvidenceRepositoryTest, RefusesWithTheFieldNamedAndWritesNothing) {
  auto msg = refused(
      [&] {
        add({{"type", "crisis_exercise"}, {"date", "2026-11-24"}});
      },
      "date", "evidence.date_in_future");
  EXPECT_NE(msg.find("date"), std::string::npos);
  add({{"type", "crisis_exercise"}, {"date", kToday}});  // today itself is accepted
  refused(
      [&] {
        add({{"type", "bia"}, {"service", "chirurgie"}, {"date", "2026-01-01"}});
      },
      "service");
  msg = refused(
      [&] {
        add({{"type", "budget_declaration"},
             {"date", "2026-05-01"},
             {"total_eur", -5},
             {"digital_eur", 1}});
      },
      "total_eur");
  EXPECT_NE(msg.find("total_eur"), std::string::npos) << msg;
  refused([&] { add({{"type", "teleportation"}, {"date", "2026-01-01"}}); }, "type");
  refused([&] { add({{"type", "registration"}, {"date", "2026-01-01"}}); }, "service");
  refused([&] { add({{"type", "ad_audit"}, {"date", "2026-02-30"}}); }, "date");
  refused([&] { add(json::array()); }, "");
  EXPECT_EQ(repo_.list(Scope::nation(), a_.finess_et).size(), 1u);
}

TEST_P(EvidenceRepositoryTest, ScopeHidesOtherEstablishments) {
  auto only_b = Scope::establishment(b_.id);
  try {
    add({{"type", "ad_audit"}, {"date", "2026-10-05"}}, only_b);
    ADD_FAILURE();
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  EXPECT_THROW(repo_.list(only_b, a_.finess_et), UserError);
  auto r = add({{"type", "ad_audit"}, {"date", "2026-10-05"}});
  EXPECT_THROW(repo_.remove(only_b, a_.finess_et, r.id, Actor{}), UserError);
  EXPECT_EQ(repo_.load_all(only_b, {}).size(), 1u);
  EXPECT_EQ(repo_.load_all(Scope::region("11"), {}).size(), 2u);  // Paris is in Île-de-France
  EXPECT_TRUE(repo_.load_all(Scope::region("52"), {}).empty());
  EXPECT_TRUE(repo_.load_all(Scope::nation(), {"52", std::nullopt}).empty());
}

TEST_P(EvidenceRepositoryTest, ComplianceUsesStoredEvidence) {
  add({{"type", "crisis_exercise"},
       {"date", "2026-03-02"},
       {"declared_on", "2026-03-10"},
       {"retex_in_paq", true}});
  auto loaded = repo_.load(Scope::nation(), a_.finess_et);
  EXPECT_EQ(loaded.engine.category, "sanitaire");
  auto report = repo_.compliance(loaded, d("2026-11-23"));
  auto find = [&](const std::string& id) {
    for (const auto& o : report.obligations)
      if (o.id == id) return o;
    ADD_FAILURE() << id;
    return engine::ObligationResult{};
  };
  EXPECT_EQ(find("crisis-exercise").status, engine::Status::met);
  EXPECT_EQ(find("crisis-exercise").evidence, std::vector<int>{0});
  EXPECT_EQ(find("pca-pra").status, engine::Status::overdue);
  // Before the 2026 exercise counts, the missed 2025 exercise makes it overdue.
  auto early = repo_.compliance(loaded, d("2026-03-05")).obligations[0];
  EXPECT_EQ(early.id, "crisis-exercise");
  EXPECT_EQ(early.status, engine::Status::overdue);
  EXPECT_EQ(early.period, "2025");

  auto all = repo_.load_all(Scope::nation(), {});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].establishment.finess_et, a_.finess_et);  // by name
  EXPECT_EQ(all[0].records.size(), 1u);
  EXPECT_EQ(all[0].engine.services.size(), 2u);
  EXPECT_TRUE(all[1].records.empty());
}

TEST_P(EvidenceRepositoryTest, MedicoSocialIsNotApplicable) {
  auto in = establishment_input("750100224", "EHPAD C", {});
  in.type = "ehpad";
  // The catalogue has an EHPAD type: a failure here is a regression, never a skip.
  registry::Establishment c = registry_.create(Scope::nation(), in);
  ASSERT_EQ(c.category, "medico_social");
  auto loaded = repo_.load(Scope::nation(), c.finess_et);
  EXPECT_EQ(loaded.engine.category, "medico-social");
  for (const auto& o : repo_.compliance(loaded, d("2026-11-23")).obligations)
    EXPECT_EQ(o.status, engine::Status::not_applicable) << o.id;
}

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceRepositoryTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
