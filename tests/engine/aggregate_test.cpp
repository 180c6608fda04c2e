// Dashboard aggregation over several establishment reports.
#include <gtest/gtest.h>

#include "engine/aggregate.hpp"
#include "helpers.hpp"

namespace carepilot::engine::testing {
namespace {

using nlohmann::json;

EstablishmentReport report_for(const char* finess, const json& evidence,
                               const std::string& category = "sanitaire") {
  auto e = establishment(evidence, all_services(), category);
  e["finess"] = finess;
  auto b = parse_bundle(json{{"establishments", {e}}}, ref());
  const auto& x = b.establishments.at(0);
  return evaluate(ref(), x.establishment, x.evidence, D("2027-01-15"));
}

json exercise(const char* date) {
  return {
      {"type", "crisis_exercise"}, {"date", date}, {"declared_on", date}, {"retex_in_paq", true}};
}

TEST(Aggregate, CountsSharesTargetsAndLateList) {
  std::vector<EstablishmentReport> reports{
      report_for("750712184", json::array({exercise("2026-03-01"), exercise("2027-01-10")})),
      report_for("690781810", json::array({exercise("2026-03-01")})),
      report_for("130786049", json::array()),
      report_for("330781196", json::array(), "medico-social")};
  auto a = aggregate(ref(), reports);
  EXPECT_EQ(a.establishments, 4);
  const auto& crisis = a.obligations.at(0);
  EXPECT_EQ(crisis.id, "crisis-exercise");
  EXPECT_EQ(crisis.count[static_cast<int>(Status::met)], 1);
  EXPECT_EQ(crisis.count[static_cast<int>(Status::due)], 1);
  EXPECT_EQ(crisis.count[static_cast<int>(Status::overdue)], 1);
  EXPECT_EQ(crisis.count[static_cast<int>(Status::not_applicable)], 1);
  EXPECT_EQ(crisis.applicable, 3);
  EXPECT_NEAR(crisis.share_of_applicable[static_cast<int>(Status::met)], 1.0 / 3, 1e-12);
  ASSERT_TRUE(crisis.target.has_value());
  EXPECT_DOUBLE_EQ(*crisis.target, 0.8);
  EXPECT_EQ(crisis.target_reached, false);
  EXPECT_EQ(crisis.overdue, std::vector<std::string>{"130786049"});
  EXPECT_FALSE(a.obligations.at(1).target.has_value());
  // Everyone sanitaire is overdue on pca-pra; the médico-social one is never late.
  ASSERT_EQ(a.late.size(), 3u);
  EXPECT_EQ(a.late[2].finess, "130786049");
  EXPECT_NE(std::find(a.late[2].overdue.begin(), a.late[2].overdue.end(), "crisis-exercise"),
            a.late[2].overdue.end());
  auto j = to_json(a);
  EXPECT_EQ(j["obligations"][0]["counts"]["met"], 1);
  EXPECT_EQ(j["obligations"][0]["target_reached"], false);
  EXPECT_EQ(j["late"].size(), 3u);
}

TEST(Aggregate, TargetReachedAtExactly80Percent) {
  std::vector<EstablishmentReport> reports;
  const char* finess[] = {"750712184", "690781810", "130786049", "330781196", "2A0000001"};
  for (int i = 0; i < 5; ++i)
    reports.push_back(
        report_for(finess[i], i < 4 ? json::array({exercise("2027-01-02")}) : json::array()));
  auto a = aggregate(ref(), reports);
  EXPECT_EQ(a.obligations[0].target_reached, true);
}

TEST(Aggregate, Empty) {
  auto a = aggregate(ref(), {});
  EXPECT_EQ(a.establishments, 0);
  EXPECT_FALSE(a.obligations[0].target_reached.has_value());
  EXPECT_TRUE(a.late.empty());
}

}  // namespace
}  // namespace carepilot::engine::testing
