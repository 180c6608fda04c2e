// The report contract: keys, types and values of the JSON the CLI and API print.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/report_json.hpp"
#include "helpers.hpp"

namespace carepilot::engine::testing {
namespace {

using nlohmann::json;

Report example_report(const char* as_of) {
  std::ifstream in(std::string(CAREPILOT_DATA_DIR) + "/../docs/examples/bundle.json");
  std::stringstream text;
  text << in.rdbuf();
  auto bundle = parse_bundle_text(text.str(), ref());
  Report report{D(as_of), {}};
  for (const auto& e : bundle.establishments)
    report.establishments.push_back(evaluate(ref(), e.establishment, e.evidence, D(as_of)));
  return report;
}

TEST(Report, IssueExampleAsOf20261123) {
  auto j = json::parse(to_json(example_report("2026-11-23")).dump());
  EXPECT_EQ(j["as_of"], "2026-11-23");
  ASSERT_EQ(j["establishments"].size(), 2u);
  const auto& e = j["establishments"][0];
  EXPECT_EQ(e["finess"], "750712184");
  ASSERT_EQ(e["obligations"].size(), 12u);
  std::map<std::string, std::string> status;
  for (const auto& o : e["obligations"]) {
    for (const char* key : {"id", "status", "period", "deadline", "late", "days_left",
                            "explanation", "evidence", "missing"})
      EXPECT_TRUE(o.contains(key)) << key;
    status[o["id"]] = o["status"];
  }
  const auto& crisis = e["obligations"][0];
  EXPECT_EQ(crisis, json::parse(crisis.dump()));
  EXPECT_EQ(crisis["id"], "crisis-exercise");
  EXPECT_EQ(crisis["status"], "met");
  EXPECT_EQ(crisis["period"], "2026");
  EXPECT_EQ(crisis["deadline"], "2026-12-31");
  EXPECT_EQ(crisis["late"], false);
  EXPECT_TRUE(crisis["days_left"].is_null());
  EXPECT_EQ(crisis["evidence"], json::array({0}));
  EXPECT_EQ(crisis["missing"], json::array());
  std::map<std::string, std::string> expected{{"crisis-exercise", "met"},
                                              {"maturity-self-assessment", "met"},
                                              {"club-ssi-registration", "met"},
                                              {"silene-registration", "met"},
                                              {"ad-audit", "met"},
                                              {"pca-pra", "met"},
                                              {"bia-critical", "overdue"},
                                              {"bia-all-services", "due"},
                                              {"paq-integration", "met"},
                                              {"staff-training", "due"},
                                              {"mfa-trajectory", "met"},
                                              {"digital-budget", "met"}};
  EXPECT_EQ(status, expected);
  for (const auto& o : j["establishments"][1]["obligations"])
    EXPECT_EQ(o["status"], "not_applicable");
}

TEST(Report, DueCarriesDaysLeftAndMissingTexts) {
  auto j = json::parse(to_json(example_report("2026-11-23")).dump());
  const auto& bia_all = j["establishments"][0]["obligations"][7];
  EXPECT_EQ(bia_all["id"], "bia-all-services");
  EXPECT_EQ(bia_all["days_left"], 219);
  EXPECT_EQ(bia_all["deadline"], "2027-06-30");
  ASSERT_FALSE(bia_all["missing"].empty());
  EXPECT_EQ(bia_all["missing"][0]["id"], "bia:chirurgie");
  EXPECT_FALSE(bia_all["missing"][0]["text"].get<std::string>().empty());
}

TEST(Report, DeterministicAndTextFormat) {
  auto a = to_json(example_report("2027-03-01")).dump();
  auto b = to_json(example_report("2027-03-01")).dump();
  EXPECT_EQ(a, b);
  auto text = to_text(example_report("2026-11-23"));
  EXPECT_NE(text.find("crisis-exercise"), std::string::npos);
  EXPECT_NE(text.find("not_applicable"), std::string::npos);
}

}  // namespace
}  // namespace carepilot::engine::testing
