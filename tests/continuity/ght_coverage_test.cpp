// The 66 % rule at GHT level (issue 15; D2.O1.C/D): what an establishment's register covers
// (BIA-based plans, tested plans; a PCRI never counts), the weighed share of a GHT on both
// sides of the threshold (weights that do not sum to 100, an establishment without weight),
// the activity weight kept in the registry (both backends), and the page and API.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "accounts.hpp"
#include "continuity/rules/ght_coverage.hpp"
#include "continuity/rules/scale.hpp"
#include "module_fixture.hpp"
#include "outputs.hpp"
#include "registry/activity_weight.hpp"
#include "test_db.hpp"
#include "test_server.hpp"

using namespace carepilot;
using namespace carepilot::continuity;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::module_establishment;
using carepilot::testing::TestServer;
using nlohmann::json;

namespace {

const Date kToday = day("2026-03-10");

Bia validated_bia(std::int64_t id, std::int64_t activity) {
  Bia b;
  b.id = id;
  b.activity_id = activity;
  b.validated_on = day("2026-02-01");
  return b;
}

// Three activities (care service, administrative process, technical platform), each with a
// validated BIA, and a global PCA validated: covered by BIA-based plans.
Register covered_register() {
  Register r;
  r.activities = {{1, "Urgences", "care_service", "urgences", "Dr A", 5000, {}},
                  {2, "Paie", "admin_process", "", "DRH", 500, {}},
                  {3, "Pharmacie", "technical_platform", "pharmacie", "Dr P", 1000, {}}};
  r.bias = {validated_bia(1, 1), validated_bia(2, 2), validated_bia(3, 3)};
  Plan pca;
  pca.id = 10;
  pca.kind = "pca";
  pca.scope = "global";
  pca.validated_on = day("2025-06-12");
  pca.covers_it_outage = true;
  r.plans = {pca};
  return r;
}

PlanTest held(std::int64_t id, std::int64_t plan, const char* on) {
  PlanTest t;
  t.id = id;
  t.plan_id = plan;
  t.held_on = day(on);
  return t;
}

TEST(GhtCoverage, APlanRestingOnValidatedBiasOfTheThreeKindsCovers) {
  auto r = covered_register();
  auto c = plan_coverage(r, kToday);
  EXPECT_TRUE(c.bia_based);
  EXPECT_EQ(c.plan_ids, std::vector<std::int64_t>{10});
  EXPECT_TRUE(c.missing_kinds.empty());
  EXPECT_FALSE(c.tested) << "never tested";

  // A draft BIA of the platform: the platform is missing.
  r.bias[2].validated_on.reset();
  c = plan_coverage(r, kToday);
  EXPECT_FALSE(c.bia_based);
  EXPECT_EQ(c.missing_kinds, std::vector<std::string>{"technical_platform"});

  // A plan scoped to the emergency and pharmacy services leaves the payroll (no service) out.
  r = covered_register();
  r.plans[0].scope = "service";
  r.plans[0].services = {"urgences", "pharmacie"};
  c = plan_coverage(r, kToday);
  EXPECT_FALSE(c.bia_based);
  EXPECT_EQ(c.missing_kinds, std::vector<std::string>{"admin_process"});

  // A plan validated after today does not count yet.
  r = covered_register();
  r.plans[0].validated_on = day("2026-03-11");
  EXPECT_FALSE(plan_coverage(r, kToday).bia_based);
}

// A PCA, PRA or PCRA without the mandatory « indisponibilité informatique » scenario does not
// count (issue 15 trial: it made the establishment covered), and is named.
TEST(GhtCoverage, APlanWithoutTheItOutageScenarioNeverCounts) {
  auto r = covered_register();
  r.plans[0].covers_it_outage = false;
  r.tests = {held(1, 10, "2026-01-15")};
  auto c = plan_coverage(r, kToday);
  EXPECT_FALSE(c.bia_based);
  EXPECT_FALSE(c.tested);
  EXPECT_TRUE(c.plan_ids.empty());
  EXPECT_EQ(c.without_it_outage, std::vector<std::int64_t>{10});
  std::vector<Member> members{{"750712184", "CH", 100.0, c}};
  EXPECT_EQ(group_coverage(members, 66).bia_plans.state, ShareState::not_met);
  r.plans[0].covers_it_outage = true;
  c = plan_coverage(r, kToday);
  EXPECT_TRUE(c.bia_based);
  EXPECT_TRUE(c.without_it_outage.empty());
}

TEST(GhtCoverage, APcriNeverCountsAsAPcra) {
  auto r = covered_register();
  r.plans[0].kind = "pcri";
  r.tests = {held(1, 10, "2026-01-15")};
  auto c = plan_coverage(r, kToday);
  EXPECT_FALSE(c.bia_based);
  EXPECT_TRUE(c.plan_ids.empty());
  EXPECT_FALSE(c.tested);
  r.plans[0].kind = "pcra";
  EXPECT_TRUE(plan_coverage(r, kToday).bia_based);
  EXPECT_TRUE(plan_coverage(r, kToday).tested);
}

TEST(GhtCoverage, TestedMeansAFieldTestedPcaAndATestPlanForTheOthers) {
  auto r = covered_register();
  Plan pra = r.plans[0];
  pra.id = 11;
  pra.kind = "pra";
  r.plans.push_back(pra);
  r.tests = {held(1, 10, "2026-01-15")};
  auto c = plan_coverage(r, kToday);
  EXPECT_TRUE(c.field_tested);
  EXPECT_EQ(c.untested_unplanned, std::vector<std::int64_t>{11});
  EXPECT_FALSE(c.tested) << "the PRA has neither a test held nor a test planned";
  PlanTest planned;
  planned.id = 2;
  planned.plan_id = 11;
  planned.planned_on = day("2026-05-01");
  r.tests.push_back(planned);
  EXPECT_TRUE(plan_coverage(r, kToday).tested);
  // Only the PRA tested: no PCA or PCRA tested in a field exercise.
  r.tests = {held(1, 11, "2026-01-15"), planned};
  r.tests[1].plan_id = 10;
  c = plan_coverage(r, kToday);
  EXPECT_FALSE(c.field_tested);
  EXPECT_FALSE(c.tested);
  // A test dated after today is not held yet.
  r.tests = {held(1, 10, "2026-03-11")};
  r.plans.pop_back();
  EXPECT_FALSE(plan_coverage(r, kToday).tested);
  r.tests = {held(1, 10, "2026-03-10")};
  EXPECT_TRUE(plan_coverage(r, kToday).tested);
}

Member member(const char* finess, std::optional<double> weight, bool bia, bool tested = false) {
  Member m;
  m.finess = finess;
  m.weight = weight;
  m.plans.bia_based = bia;
  m.plans.tested = tested;
  return m;
}

TEST(GhtCoverage, SixtySixPercentOfTheWeighedActivityOnBothSides) {
  const double t = default_scale().coverage_threshold_percent;
  ASSERT_DOUBLE_EQ(t, 66);
  auto at = group_coverage({member("A", 66, true, true), member("B", 34, false)}, t);
  EXPECT_EQ(at.bia_plans.state, ShareState::met);
  EXPECT_DOUBLE_EQ(at.bia_plans.percent, 66);
  EXPECT_EQ(at.tested_plans.state, ShareState::met);
  auto below = group_coverage({member("A", 65.9, true), member("B", 34.1, false)}, t);
  EXPECT_EQ(below.bia_plans.state, ShareState::not_met);
  EXPECT_EQ(below.tested_plans.state, ShareState::not_met);
  EXPECT_DOUBLE_EQ(below.tested_plans.percent, 0);
  // Weighed, not counted: two establishments of three but 40 % of the activity.
  auto w = group_coverage(
      {member("A", 20e6, true), member("B", 20e6, true), member("C", 60e6, false)}, t);
  EXPECT_EQ(w.bia_plans.state, ShareState::not_met);
  EXPECT_DOUBLE_EQ(w.bia_plans.percent, 40);
  // Weights given as shares that do not sum to 100: the share is of their total, not of 100.
  auto ninety = group_coverage({member("A", 60, true), member("B", 30, false)}, t);
  EXPECT_DOUBLE_EQ(ninety.bia_plans.total_weight, 90);
  EXPECT_NEAR(ninety.bia_plans.percent, 66.667, 1e-3);
  EXPECT_EQ(ninety.bia_plans.state, ShareState::met);
  auto over = group_coverage({member("A", 70, true), member("B", 50, false)}, t);
  EXPECT_NEAR(over.bia_plans.percent, 58.333, 1e-3);
  EXPECT_EQ(over.bia_plans.state, ShareState::not_met);
}

TEST(GhtCoverage, AnEstablishmentWithoutWeightIsListedNeverCounted) {
  const double t = 66;
  // Everything weighed is covered, but C has no weight: the share cannot be established.
  auto g = group_coverage(
      {member("A", 50, true, true), member("C", std::nullopt, false), member("B", 50, true, true)},
      t);
  EXPECT_EQ(g.without_weight, std::vector<std::string>{"C"});
  EXPECT_DOUBLE_EQ(g.bia_plans.total_weight, 100);
  EXPECT_DOUBLE_EQ(g.bia_plans.percent, 100);
  EXPECT_EQ(g.bia_plans.state, ShareState::incomplete);
  EXPECT_EQ(g.tested_plans.state, ShareState::incomplete);
  // A weight of zero is a declared weight: counted, adding nothing.
  auto z = group_coverage({member("A", 0, false), member("B", 10, true)}, t);
  EXPECT_TRUE(z.without_weight.empty());
  EXPECT_EQ(z.bia_plans.state, ShareState::met);
  EXPECT_EQ(group_coverage({member("A", 0, true)}, t).bia_plans.state, ShareState::no_activity);
  EXPECT_EQ(group_coverage({}, t).bia_plans.state, ShareState::no_activity);
  EXPECT_THROW(group_coverage({member("A", -1, true)}, t), std::invalid_argument);
}

TEST(GhtCoverage, AMissingWeightThatCannotChangeTheVerdictSettlesIt) {
  const double t = 66;
  // Weighed: 20 covered of 100 (20 %). Without weight, uncovered: any weight lowers the share,
  // not met whatever it is; covered: it could reach 66 %, so nothing is settled.
  auto low = group_coverage(
      {member("A", 20, true), member("B", 80, false), member("C", std::nullopt, false)}, t);
  EXPECT_EQ(low.bia_plans.state, ShareState::not_met);
  EXPECT_EQ(low.without_weight, std::vector<std::string>{"C"});
  EXPECT_EQ(group_coverage(
                {member("A", 20, true), member("B", 80, false), member("C", std::nullopt, true)}, t)
                .bia_plans.state,
            ShareState::incomplete);
  // Weighed: 70 % covered. Without weight, covered: it can only raise it, met; uncovered: it
  // could lower it under 66 %, nothing settled. One of each: nothing settled.
  auto high = group_coverage(
      {member("A", 70, true, true), member("B", 30, false), member("C", std::nullopt, true, true)},
      t);
  EXPECT_EQ(high.bia_plans.state, ShareState::met);
  EXPECT_EQ(high.tested_plans.state, ShareState::met);
  EXPECT_EQ(
      group_coverage(
          {member("A", 70, true), member("B", 30, false), member("C", std::nullopt, false)}, t)
          .bia_plans.state,
      ShareState::incomplete);
  EXPECT_EQ(group_coverage({member("A", 70, true), member("B", 30, false),
                            member("C", std::nullopt, true), member("D", std::nullopt, false)},
                           t)
                .bia_plans.state,
            ShareState::incomplete);
  // Exactly at the threshold with a covered one missing: met; nothing weighed and every
  // missing one uncovered: never met.
  EXPECT_EQ(group_coverage(
                {member("A", 66, true), member("B", 34, false), member("C", std::nullopt, true)}, t)
                .bia_plans.state,
            ShareState::met);
  EXPECT_EQ(group_coverage({member("C", std::nullopt, false)}, t).bia_plans.state,
            ShareState::not_met);
  // Per share: covered by BIA-based plans but not tested.
  auto mixed = group_coverage(
      {member("A", 70, true, true), member("B", 30, false), member("C", std::nullopt, true, false)},
      t);
  EXPECT_EQ(mixed.bia_plans.state, ShareState::met);
  EXPECT_EQ(mixed.tested_plans.state, ShareState::incomplete);
  // Outside the reader's scope: nothing known, never settled.
  EXPECT_EQ(group_coverage({member("A", 20, true), member("C", std::nullopt, false)}, t, 1)
                .bia_plans.state,
            ShareState::incomplete);
}

TEST(GhtCoverage, TheWeightHasAnUpperBoundInTheData) {
  const double max = weight_measure().max;
  EXPECT_DOUBLE_EQ(max, 1e11);
  EXPECT_NO_THROW(check_weight_bound(max));
  try {
    check_weight_bound(std::nextafter(max, 2 * max));
    ADD_FAILURE() << "a weight over the bound is accepted";
  } catch (const UserError& e) {
    EXPECT_EQ(e.fields()[0].code, "registry.activity_weight_too_large");
    EXPECT_NE(e.fields()[0].message.find("100\u00a0000\u00a0000\u00a0000\u00a0€ au plus"),
              std::string::npos)
        << e.fields()[0].message;
  }
}

TEST(GhtCoverage, EstablishmentsOutsideTheReadersScopeLeaveTheShareUnestablished) {
  const double t = 66;
  // What the reader sees is fully covered; one establishment of the group it does not see
  // could weigh anything: no verdict. None outside: met.
  const std::vector<Member> seen{member("A", 80, true, true), member("B", 20, true, true)};
  EXPECT_EQ(group_coverage(seen, t, 0).bia_plans.state, ShareState::met);
  auto g = group_coverage(seen, t, 1);
  EXPECT_EQ(g.outside_scope, 1);
  EXPECT_EQ(g.bia_plans.state, ShareState::incomplete);
  EXPECT_EQ(g.tested_plans.state, ShareState::incomplete);
  EXPECT_DOUBLE_EQ(g.bia_plans.percent, 100) << "the share of what is seen is still given";
  EXPECT_EQ(group_coverage(seen, t, -3).outside_scope, 0);
}

TEST(GhtCoverage, TheMeasureIsData) {
  const auto& m = weight_measure();
  EXPECT_EQ(m.id, "operating_budget");
  EXPECT_FALSE(m.label.empty());
  EXPECT_NE(m.source.find("D2.O1.C"), std::string::npos);
}

TEST(ActivityWeight, ParsesFrenchNumbersAndRefusesTheRest) {
  EXPECT_DOUBLE_EQ(registry::parse_activity_weight("125 000 000"), 125e6);
  EXPECT_DOUBLE_EQ(registry::parse_activity_weight("125\u00a0000\u202f000"), 125e6);
  EXPECT_DOUBLE_EQ(registry::parse_activity_weight("1,5"), 1.5);
  EXPECT_DOUBLE_EQ(registry::parse_activity_weight("0"), 0);
  for (const char* bad : {"", "abc", "12 €", "-3", "1-2", "1,2,3", "nan", "1e400"}) {
    try {
      registry::parse_activity_weight(bad);
      ADD_FAILURE() << "accepted « " << bad << " »";
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), 422) << bad;
      ASSERT_EQ(e.fields().size(), 1u);
      EXPECT_EQ(e.fields()[0].field, "activity_weight");
    }
  }
  try {
    registry::parse_activity_weight("-3");
  } catch (const UserError& e) {
    EXPECT_EQ(e.fields()[0].code, "registry.activity_weight_negative");
  }
}

// The GHT "T-11" of region 11 with A (750712184), B (750100208) and C (750000010); D
// (750000028) outside it.
class GhtCoverageApiTest : public ::testing::TestWithParam<const char*> {
 protected:
  GhtCoverageApiTest() : srv_(GetParam(), TestServer::with_accounts()) {
    srv_.app().evidence().today = [] { return kToday; };
    srv_.app().continuity().today = [] { return kToday; };
    auto& reg = srv_.app().repo();
    registry::Ght g;
    g.code = "T-11";
    g.name = "GHT Essai Seine";
    g.region_code = "11";
    ght_ = reg.create_ght(Scope::nation(), g).id;
    other_ght_ = reg.create_ght(Scope::nation(), {0, "T-12", "GHT Autre", "11", false}).id;
    for (const char* f : {"750712184", "750100208", "750000010"}) {
      auto in = module_establishment(f, std::string("CH ") + f);
      in.ght_id = ght_;
      in.services = {"urgences", "pharmacie", "administration"};
      reg.create(Scope::nation(), in);
    }
    auto d = module_establishment("750000028", "CH D");
    d.ght_id = other_ght_;
    reg.create(Scope::nation(), d);
  }
  std::string api() const { return "/api/v1/ghts/" + std::to_string(ght_) + "/continuity"; }
  std::string page() const { return "/ght/" + std::to_string(ght_) + "/continuite"; }
  // A's register: urgences, payroll and pharmacy with validated BIAs and a global PCA tested.
  void cover_a() {
    const auto all = Scope::nation();
    auto& repo = srv_.app().continuity_repo();
    ImpactMatrix m;
    for (const auto& c : default_scale().categories)
      for (const auto& h : default_scale().horizons) m.levels[c.id][h.id] = 3;
    const Actor who{"test", "", ""};
    for (auto [name, kind, service] :
         {std::tuple{"Urgences", "care_service", "urgences"},
          std::tuple{"Paie", "admin_process", ""},
          std::tuple{"Pharmacie", "technical_platform", "pharmacie"}}) {
      ActivityInput a;
      a.name = name;
      a.kind = kind;
      a.service = service;
      a.owner = "Dr Martin";
      a.share_percent = 10;
      auto act = repo.add_activity(all, "750712184", a, who);
      BiaInput b;
      b.impacts = m;
      b.validated_by = "Directeur";
      b.validated_on = day("2026-02-01");
      repo.save_bia(all, "750712184", act.id, b, kToday, who);
    }
    PlanInput p;
    p.kind = "pca";
    p.title = "PCA";
    p.scope = "global";
    p.version = "1";
    p.validated_by = "Directrice";
    p.validated_on = day("2025-06-12");
    p.covers_it_outage = true;
    auto plan = repo.add_plan(all, "750712184", p, kToday, who);
    PlanTestInput t;
    t.held_on = day("2026-01-20");
    t.scenario = "Indisponibilité informatique";
    repo.add_plan_test(all, "750712184", plan.id, t, kToday, who);
  }
  long put_weight(const char* finess, const std::string& body) {
    return srv_
        .send("PUT", std::string("/api/v1/establishments/") + finess + "/activity-weight", body,
              "application/json")
        .status;
  }
  TestServer srv_;
  std::int64_t ght_ = 0, other_ght_ = 0;
};

TEST_P(GhtCoverageApiTest, TheSharesFollowTheWeightsAndTheWork) {
  carepilot::testing::act_as(srv_, Role::regional_manager, Scope::region("11"),
                             "arh.manager@test.fr", /*totp=*/true);
  cover_a();
  // No weight yet: every establishment listed without one, nothing established.
  auto r = json::parse(srv_.get(api()).body);
  EXPECT_EQ(r["without_weight"].size(), 3u);
  EXPECT_EQ(r["bia_plans"]["state"], "incomplete");
  EXPECT_EQ(r["measure"]["id"], "operating_budget");
  EXPECT_EQ(r["threshold_percent"], 66);

  // A weighs 66 of 100: met; then 65 of 100: not met.
  EXPECT_EQ(put_weight("750712184", R"({"weight": 66})"), 200);
  EXPECT_EQ(put_weight("750100208", R"({"weight": 20})"), 200);
  r = json::parse(srv_.get(api()).body);
  EXPECT_EQ(r["without_weight"], json::array({"750000010"}));
  EXPECT_EQ(r["bia_plans"]["state"], "incomplete") << "C is never silently counted";
  EXPECT_EQ(put_weight("750000010", R"({"weight": 14})"), 200);
  r = json::parse(srv_.get(api()).body);
  EXPECT_EQ(r["bia_plans"]["state"], "met");
  EXPECT_EQ(r["bia_plans"]["percent"], 66);
  EXPECT_EQ(r["tested_plans"]["state"], "met");
  for (const auto& e : r["establishments"])
    EXPECT_EQ(e["bia_plans"], e["finess_et"] == "750712184") << e.dump();
  EXPECT_EQ(put_weight("750000010", R"({"weight": 14.5})"), 200);
  r = json::parse(srv_.get(api()).body);
  EXPECT_EQ(r["bia_plans"]["state"], "not_met");
  // Just under the threshold: never shown as the threshold (rounded down), on the page too.
  EXPECT_EQ(put_weight("750712184", R"({"weight": 65.999})"), 200);
  EXPECT_EQ(put_weight("750000010", R"({"weight": 14.001})"), 200);
  r = json::parse(srv_.get(api()).body);
  EXPECT_EQ(r["bia_plans"]["state"], "not_met");
  EXPECT_DOUBLE_EQ(r["bia_plans"]["percent"].get<double>(), 65.99);
  EXPECT_NE(srv_.get(page()).body.find("Non atteint : 65,9\u00a0% de l&#39;activité cumulée"),
            std::string::npos);
  EXPECT_EQ(put_weight("750712184", R"({"weight": 66})"), 200);
  EXPECT_EQ(put_weight("750000010", R"({"weight": 14.5})"), 200);
  // The bound: 10^11 accepted, above refused on the API and the page; nothing changed.
  EXPECT_EQ(put_weight("750100208", R"({"weight": 1e11})"), 200);
  EXPECT_EQ(put_weight("750100208", R"({"weight": 100000000001})"), 422);
  auto huge =
      srv_.send("POST", "/etablissements/750100208/poids-activite",
                "activity_weight=100000000000000000000", "application/x-www-form-urlencoded");
  EXPECT_EQ(huge.status, 422);
  EXPECT_NE(huge.body.find("Poids d&#39;activité : 100"), std::string::npos);
  EXPECT_EQ(huge.body.find("-92"), std::string::npos);
  EXPECT_EQ(put_weight("750100208", R"({"weight": 20})"), 200);
  r = json::parse(srv_.get(api()).body);
  EXPECT_EQ(r["bia_plans"]["state"], "not_met");
  // Three changes of C's weight (14.5, 14.001, 14.5), each audited; the refusals none.
  EXPECT_EQ(audit_count(srv_.db().db(), "activity_weight", "750000010", "update"), 3);

  // Bad input: 415, 400, then 404 (outside the region), then 422; nothing changed.
  EXPECT_EQ(
      srv_.send("PUT", "/api/v1/establishments/750000010/activity-weight", "weight=1", "text/plain")
          .status,
      415);
  EXPECT_EQ(put_weight("750000010", "{"), 400);
  EXPECT_EQ(put_weight("130000003", R"({"weight": -1})"), 404);
  for (const char* bad : {R"({"weight": -1})", R"({"weight": "12"})", R"({})", "[1]"}) {
    auto res = srv_.send("PUT", "/api/v1/establishments/750000010/activity-weight", bad,
                         "application/json");
    EXPECT_EQ(res.status, 422) << bad;
    EXPECT_NE(res.body.find("activity_weight"), std::string::npos) << res.body;
  }
  r = json::parse(srv_.get(api()).body);
  EXPECT_DOUBLE_EQ(r["establishments"][0]["weight"].get<double>(), 14.5);

  // The page: the verdicts and each establishment's weight; a refused form names the field.
  auto p = srv_.get(page());
  EXPECT_EQ(p.status, 200);
  EXPECT_NE(p.body.find("Non atteint"), std::string::npos);
  EXPECT_NE(p.body.find("data-finess=\"750712184\""), std::string::npos);
  auto bad = srv_.send("POST", "/etablissements/750100208/poids-activite", "activity_weight=-5",
                       "application/x-www-form-urlencoded");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(
      bad.body.find("Poids d&#39;activité : le poids d&#39;activité ne peut pas être négatif"),
      std::string::npos);
  EXPECT_NE(bad.body.find("value=\"-5\""), std::string::npos);
  auto ok = srv_.send("POST", "/etablissements/750100208/poids-activite", "activity_weight=1+000",
                      "application/x-www-form-urlencoded");
  EXPECT_EQ(ok.status, 303);
  r = json::parse(srv_.get(api()).body);
  EXPECT_DOUBLE_EQ(r["establishments"][1]["weight"].get<double>(), 1000);
  EXPECT_EQ(r["bia_plans"]["state"], "not_met");
}

TEST_P(GhtCoverageApiTest, AGhtUserReadsItsGhtOnlyAndCannotChangeWeights) {
  auto a = srv_.app().repo().find(Scope::nation(), "750712184");
  registry::set_activity_weight(srv_.db().db(), srv_.app().repo(), Scope::nation(), "750712184", 10,
                                weight_measure().id, {});
  carepilot::testing::act_as(srv_, Role::ght_reader, Scope::ght(ght_), "ght.reader@test.fr",
                             /*totp=*/true);
  EXPECT_EQ(srv_.get(api()).status, 200);
  EXPECT_EQ(srv_.get(page()).status, 200);
  EXPECT_EQ(srv_.get(page()).body.find("ght-weight-form"), std::string::npos);
  EXPECT_EQ(srv_.get("/api/v1/ghts/" + std::to_string(other_ght_) + "/continuity").status, 404);
  EXPECT_EQ(srv_.get("/ght/" + std::to_string(other_ght_) + "/continuite").status, 404);
  EXPECT_EQ(srv_.get("/ght/abc/continuite").status, 404);
  EXPECT_EQ(put_weight("750712184", R"({"weight": 5})"), 403);
  // A weight in another measure than the data's is listed as not declared.
  {
    auto s = srv_.db().db().lease();
    *s << "UPDATE establishment_activity_weights SET measure = 'stays'";
  }
  auto r = json::parse(srv_.get(api()).body);
  EXPECT_EQ(r["without_weight"].size(), 3u);
  EXPECT_EQ(count_rows(srv_.db().db(), "establishment_activity_weights"), 1);
  (void)a;
}

TEST_P(GhtCoverageApiTest, AnEstablishmentUserDoesNotGetTheGroupsVerdict) {
  cover_a();
  for (const char* f : {"750712184", "750100208", "750000010"})
    registry::set_activity_weight(srv_.db().db(), srv_.app().repo(), Scope::nation(), f, 90,
                                  weight_measure().id, {});
  registry::set_activity_weight(srv_.db().db(), srv_.app().repo(), Scope::nation(), "750100208", 5,
                                weight_measure().id, {});
  registry::set_activity_weight(srv_.db().db(), srv_.app().repo(), Scope::nation(), "750000010", 5,
                                weight_measure().id, {});
  // The GHT's reader sees all three: A weighs 90 of 100, met.
  carepilot::testing::act_as(srv_, Role::ght_reader, Scope::ght(ght_), "ght.reader@test.fr",
                             /*totp=*/true);
  auto r = json::parse(srv_.get(api()).body);
  EXPECT_EQ(r["bia_plans"]["state"], "met");
  EXPECT_EQ(r["outside_scope"], 0);
  // A's own user sees A only: 100 % of what it sees, but no verdict on the GHT, and the two
  // others are neither listed nor named.
  auto a = srv_.app().repo().find(Scope::nation(), "750712184");
  carepilot::testing::act_as(srv_, Role::establishment_reader, Scope::establishment(a->id),
                             "a.reader@test.fr", /*totp=*/true);
  r = json::parse(srv_.get(api()).body);
  EXPECT_EQ(r["outside_scope"], 2);
  EXPECT_EQ(r["bia_plans"]["state"], "incomplete");
  EXPECT_EQ(r["establishments"].size(), 1u);
  auto p = srv_.get(page());
  EXPECT_EQ(p.status, 200);
  EXPECT_NE(p.body.find("2 autres établissements du GHT, hors de votre périmètre, ne sont pas "
                        "affichés"),
            std::string::npos);
  EXPECT_NE(p.body.find("Indéterminé : 2 établissements du groupe sont hors de votre périmètre"),
            std::string::npos);
  EXPECT_EQ(p.body.find("CH 750100208"), std::string::npos);
}

TEST_P(GhtCoverageApiTest, ThePrintableReportOfAnEstablishment) {
  cover_a();
  carepilot::testing::act_as(srv_, Role::regional_manager, Scope::region("11"),
                             "arh.manager@test.fr", /*totp=*/true);
  auto r = srv_.get("/etablissements/750712184/continuite.pdf");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/pdf");
  const auto text = carepilot::testing::pdf_text(r.body);
  for (const char* seen : {"CH 750712184 — FINESS 750712184", "Urgences", "Paie", "Pharmacie",
                           "Édité le 10/03/2026", "3 — Grave"})
    EXPECT_NE(text.find(seen), std::string::npos) << seen;
  EXPECT_NE(srv_.get("/etablissements/750712184/continuite").body.find("continuite.pdf"),
            std::string::npos);
  EXPECT_EQ(srv_.get("/etablissements/130000003/continuite.pdf").status, 404);
}

// A refused form on the long continuity page: its section is open, the others closed, and an
// alert at the top leads to its errors; a test both held and planned is refused there.
TEST_P(GhtCoverageApiTest, ARefusedFormIsOpenAndAnnouncedAtTheTop) {
  cover_a();
  // The establishment's editor writes its continuity register (a regional manager reads it).
  carepilot::testing::act_as(
      srv_, Role::establishment_editor,
      Scope::establishment(srv_.app().repo().find(Scope::nation(), "750712184")->id),
      "agent.pca@test.fr", /*totp=*/false);
  auto r = srv_.send("POST", "/etablissements/750712184/continuite/ressources",
                     "name=", "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("data-testid=\"continuity-errors-top\""), std::string::npos);
  EXPECT_LT(r.body.find("continuity-errors-top"), r.body.find("continuity-verdict"));
  EXPECT_NE(r.body.find("aria-expanded=\"true\" aria-controls=\"acc-resource\""),
            std::string::npos);
  EXPECT_NE(r.body.find("aria-expanded=\"false\" aria-controls=\"acc-bia\""), std::string::npos);
  auto fine = srv_.get("/etablissements/750712184/continuite");
  EXPECT_EQ(fine.body.find("continuity-errors-top"), std::string::npos);
  EXPECT_EQ(fine.body.find("aria-expanded=\"true\""), std::string::npos);
  const auto plan = srv_.app().continuity_repo().load(Scope::nation(), "750712184").plans.at(0);
  auto both = srv_.send("POST", "/etablissements/750712184/continuite/tests",
                        "plan=" + std::to_string(plan.id) +
                            "&held_on=2026-03-02&planned_on=2026-09-01&scenario=Panne",
                        "application/x-www-form-urlencoded");
  EXPECT_EQ(both.status, 422);
  EXPECT_NE(both.body.find("un test tenu n&#39;a pas de date prévue"), std::string::npos);
  EXPECT_NE(both.body.find("aria-expanded=\"true\" aria-controls=\"acc-test\""), std::string::npos);
}

// A legal entity (FINESS EJ 750712184) with two sites, A and E, E outside any GHT; B of the
// same GHT belongs to another legal entity.
TEST_P(GhtCoverageApiTest, TheSixtySixPercentRuleForALegalEntityWithSeveralSites) {
  auto& reg = srv_.app().repo();
  auto e = module_establishment("750000036", "CH E");
  e.finess_ej = "750712184";
  e.services = {"urgences"};
  reg.create(Scope::nation(), e);
  cover_a();
  const std::string ej_api = "/api/v1/legal-entities/750712184/continuity";
  const std::string ej_page = "/entites-juridiques/750712184/continuite";
  carepilot::testing::act_as(srv_, Role::regional_manager, Scope::region("11"),
                             "arh.manager@test.fr", /*totp=*/true);
  auto r = json::parse(srv_.get(ej_api).body);
  ASSERT_EQ(r["establishments"].size(), 2u) << r.dump();
  EXPECT_EQ(r["legal_entity"]["finess_ej"], "750712184");
  EXPECT_FALSE(r.contains("ght"));
  EXPECT_EQ(r["bia_plans"]["state"], "incomplete");
  // 66 of 100 is met, 65 of 100 is not: the same threshold as for a GHT.
  EXPECT_EQ(put_weight("750712184", R"({"weight": 66})"), 200);
  EXPECT_EQ(put_weight("750000036", R"({"weight": 34})"), 200);
  r = json::parse(srv_.get(ej_api).body);
  EXPECT_EQ(r["bia_plans"]["state"], "met");
  EXPECT_EQ(r["tested_plans"]["state"], "met");
  EXPECT_EQ(put_weight("750712184", R"({"weight": 65})"), 200);
  EXPECT_EQ(put_weight("750000036", R"({"weight": 35})"), 200);
  r = json::parse(srv_.get(ej_api).body);
  EXPECT_EQ(r["bia_plans"]["state"], "not_met");
  EXPECT_DOUBLE_EQ(r["bia_plans"]["percent"].get<double>(), 65);

  // The page, and the link from each site's continuity page; a single-site entity has none.
  auto p = srv_.get(ej_page);
  EXPECT_EQ(p.status, 200);
  EXPECT_NE(
      p.body.find("Continuité d&#39;activité — Entité juridique 750712184 (CH 750712184, CH E)"),
      std::string::npos)
      << "the entity is named by the sites the reader sees: "
      << p.body.substr(std::min(p.body.find("<h1"), p.body.size()), 200);
  EXPECT_NE(p.body.find("Non atteint : 65"), std::string::npos);
  EXPECT_NE(p.body.find("name=\"groupe\" value=\"ej\""), std::string::npos);
  EXPECT_NE(srv_.get("/etablissements/750000036/continuite").body.find(ej_page), std::string::npos);
  EXPECT_EQ(srv_.get("/etablissements/750100208/continuite").body.find("/entites-juridiques/"),
            std::string::npos);
  // A refused weight sent from the entity's page shows that page again; a good one returns to it.
  auto bad = srv_.send("POST", "/etablissements/750000036/poids-activite",
                       "activity_weight=abc&groupe=ej", "application/x-www-form-urlencoded");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("Entité juridique 750712184"), std::string::npos);
  EXPECT_NE(bad.body.find("value=\"abc\""), std::string::npos);
  // 65 of 98: 66,3 %, met.
  auto ok = srv_.send("POST", "/etablissements/750000036/poids-activite",
                      "activity_weight=33&groupe=ej", "application/x-www-form-urlencoded");
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.header("location"), ej_page + "?enregistre=poids");
  EXPECT_EQ(json::parse(srv_.get(ej_api).body)["bia_plans"]["state"], "met");

  // Not found: a malformed number, an entity nobody has, one outside the region.
  for (const char* bad_ej : {"75071218", "75071218X", "999999999"}) {
    EXPECT_EQ(srv_.get(std::string("/api/v1/legal-entities/") + bad_ej + "/continuity").status, 404)
        << bad_ej;
    EXPECT_EQ(srv_.get(std::string("/entites-juridiques/") + bad_ej + "/continuite").status, 404)
        << bad_ej;
  }
  auto south = module_establishment("130000003", "CH Sud");
  south.department = "13";
  reg.create(Scope::nation(), south);
  EXPECT_EQ(srv_.get("/api/v1/legal-entities/130000003/continuity").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, GhtCoverageApiTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
