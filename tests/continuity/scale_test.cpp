// The BIA scale of data/continuity/bia.yaml and the refusals of a bad scale file.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "continuity/rules/scale.hpp"

using namespace carepilot;
using namespace carepilot::continuity;

namespace {

const std::string kGood = R"(source: "test"
version: 1
horizons:
  - {id: 4h, hours: 4, label: "4 heures"}
  - {id: 24h, hours: 24, label: "24 heures"}
levels:
  - {level: 1, label: "Mineur"}
  - {level: 2, label: "Grave"}
unacceptable_from: 2
categories:
  - {id: care, label: "Soins", measures: interruption, definitions: ["a", "b"]}
  - {id: data, label: "Données", measures: data_loss, definitions: ["a", "b"]}
coverage: {threshold_percent: 66, source: "D2.O1.C"}
deadlines:
  - {classes: [critique], date: 2026-06-30, label: "service critique"}
  - {classes: [], date: 2027-06-30}
validated_on_not_before: 2013-01-01
plan_validated_on_not_before: 2013-01-01
)";

std::string refusal(const std::string& text) {
  try {
    parse_scale(text, "bia.yaml");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

}  // namespace

TEST(ContinuityScale, TheShippedScaleHasTheIssuesHorizonsAndCategories) {
  const auto& s = default_scale();
  ASSERT_EQ(s.horizons.size(), 5u);
  EXPECT_EQ(s.horizons.front().hours, 4);
  EXPECT_EQ(s.horizons.back().hours, 720);
  EXPECT_EQ(s.min_level(), 1);
  EXPECT_EQ(s.max_level(), 4);
  for (const char* c : {"patient_safety", "care_continuity", "legal", "financial", "image", "data"})
    EXPECT_NE(s.category(c), nullptr) << c;
  EXPECT_EQ(s.category("data")->measure, Measure::data_loss);
  EXPECT_EQ(s.unacceptable_from, 3);
  EXPECT_DOUBLE_EQ(s.coverage_threshold_percent, 66);
  EXPECT_NE(s.source.find("DNS/2025/12"), std::string::npos);
  EXPECT_EQ(format_date(s.deadline("critique").date), "2026-06-30");
  EXPECT_EQ(format_date(s.deadline("medico_technique").date), "2026-06-30");
  EXPECT_EQ(format_date(s.deadline("administratif").date), "2027-06-30");
  EXPECT_EQ(format_date(s.validated_on_not_before), "2013-01-01");
  EXPECT_EQ(format_date(s.plan_validated_on_not_before), "2013-01-01");
}

TEST(ContinuityScale, AGoodFileParses) {
  auto s = parse_scale(kGood, "bia.yaml");
  EXPECT_EQ(s.horizons.size(), 2u);
  EXPECT_EQ(s.categories.size(), 2u);
}

TEST(ContinuityScale, RefusalsNameTheFileAndLine) {
  EXPECT_EQ(refusal(replace(kGood, "hours: 24", "hours: 4")).rfind("bia.yaml:5: ", 0), 0u);
  EXPECT_NE(refusal(replace(kGood, "hours: 24", "hours: 4")).find("croissantes"),
            std::string::npos);
  EXPECT_NE(refusal(replace(kGood, "{level: 2,", "{level: 3,")).find("bia.yaml:8: "),
            std::string::npos);
  EXPECT_NE(refusal(replace(kGood, "unacceptable_from: 2", "unacceptable_from: 3"))
                .find("unacceptable_from"),
            std::string::npos);
  EXPECT_NE(refusal(replace(kGood, "definitions: [\"a\", \"b\"]}\n  - {id: data",
                            "definitions: [\"a\"]}\n  - {id: data"))
                .find("une définition par niveau"),
            std::string::npos);
  EXPECT_NE(refusal(replace(kGood, "measures: data_loss", "measures: loss")).find("measures"),
            std::string::npos);
  EXPECT_NE(refusal(replace(kGood, "measures: data_loss", "measures: interruption")).find("PDMA"),
            std::string::npos);
  EXPECT_NE(refusal(replace(kGood, "threshold_percent: 66", "threshold_percent: 101"))
                .find("threshold_percent"),
            std::string::npos);
  EXPECT_TRUE(refusal(replace(kGood, "threshold_percent: 66", "threshold_percent: 100")).empty());
  EXPECT_NE(refusal(replace(kGood, "version: 1", "version: un")).find("nombre attendu"),
            std::string::npos);
  EXPECT_NE(refusal("horizons: [").find("YAML illisible"), std::string::npos);
  EXPECT_NE(
      refusal(replace(kGood, "  - {classes: [], date: 2027-06-30}\n", "")).find("tout service"),
      std::string::npos);
  EXPECT_NE(refusal(replace(kGood, "validated_on_not_before: 2013-01-01",
                            "validated_on_not_before: 1er janvier"))
                .find("validated_on_not_before"),
            std::string::npos);
  EXPECT_NE(refusal(replace(kGood, "plan_validated_on_not_before: 2013-01-01\n", ""))
                .find("plan_validated_on_not_before"),
            std::string::npos);
}
