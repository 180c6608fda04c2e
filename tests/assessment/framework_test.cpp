#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "assessment/framework.hpp"

using namespace carepilot::assessment;

namespace {

const char* kGood = R"(id: test
version: 2
title: "Test"
scale:
  - {level: 0, label: "Non commencé"}
  - {level: 1, label: "En cours"}
  - {level: 2, label: "Atteint"}
sections:
  - id: A
    title: "Partie A"
    weight: 2
    requirements:
      - {id: A.1, title: "Un", weight: 1}
      - {id: A.2, title: "Deux", weight: 3}
  - id: B
    title: "Partie B"
    requirements:
      - {id: B.1, title: "Trois"}
)";

std::string with(const std::string& from, const std::string& to) {
  std::string s = kGood;
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

std::string error_of(const std::string& text) {
  try {
    parse_framework(text, "frameworks/test.yaml");
  } catch (const FrameworkError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(FrameworkLoader, ReadsAGoodFile) {
  auto f = parse_framework(kGood, "frameworks/test.yaml");
  EXPECT_EQ(f.id, "test");
  EXPECT_EQ(f.version, 2);
  EXPECT_EQ(f.max_level(), 2);
  ASSERT_EQ(f.sections.size(), 2u);
  EXPECT_DOUBLE_EQ(f.sections[0].weight, 2);
  EXPECT_DOUBLE_EQ(f.sections[1].weight, 1);  // default
  EXPECT_DOUBLE_EQ(f.find("A.2")->weight, 3);
  EXPECT_EQ(f.section_of("B.1")->id, "B");
  EXPECT_EQ(f.requirement_count(), 3u);
  EXPECT_TRUE(f.valid_level(kNotApplicable));
  EXPECT_FALSE(f.valid_level(3));
  EXPECT_EQ(f.level_label(kNotApplicable), "Non applicable");
}

TEST(FrameworkLoader, RefusesADuplicateIdNamingThePath) {
  auto msg = error_of(with("{id: B.1,", "{id: A.2,"));
  EXPECT_NE(msg.find("frameworks/test.yaml:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("sections[1].requirements[0].id"), std::string::npos) << msg;
  EXPECT_NE(msg.find("duplicate id 'A.2'"), std::string::npos) << msg;
}

TEST(FrameworkLoader, RefusesAZeroWeight) {
  auto msg = error_of(with("title: \"Deux\", weight: 3", "title: \"Deux\", weight: 0"));
  EXPECT_NE(msg.find("sections[0].requirements[1].weight"), std::string::npos) << msg;
  EXPECT_NE(msg.find("greater than 0"), std::string::npos) << msg;
  auto sec = error_of(with("weight: 2\n", "weight: -1\n"));
  EXPECT_NE(sec.find("sections[0].weight"), std::string::npos) << sec;
}

TEST(FrameworkLoader, RefusesAnUnorderedScale) {
  auto msg = error_of(with("{level: 2, label: \"Atteint\"}", "{level: 1, label: \"Atteint\"}"));
  EXPECT_NE(msg.find("scale[2].level"), std::string::npos) << msg;
  auto start = error_of(with("{level: 0, label: \"Non commencé\"}", "{level: 1, label: \"X\"}"));
  EXPECT_NE(start.find("scale[0].level"), std::string::npos) << start;
}

TEST(FrameworkLoader, RefusesUnknownKeysAndMissingTitles) {
  EXPECT_NE(error_of(with("title: \"Partie B\"", "titel: \"Partie B\"")).find("sections[1].titel"),
            std::string::npos);
  EXPECT_NE(error_of(with("{id: B.1, title: \"Trois\"}", "{id: B.1}"))
                .find("sections[1].requirements[0].title"),
            std::string::npos);
}

TEST(FrameworkLoader, EmbedsTheCarePriorityObjectives) {
  const auto& f = default_framework();
  EXPECT_EQ(f.id, "care-priority-objectives");
  EXPECT_EQ(f.max_level(), 3);
  EXPECT_EQ(f.scale.front().label, "Non commencé");
  EXPECT_EQ(f.scale.back().label, "Atteint");
  ASSERT_NE(f.find("D2.O3.A"), nullptr);
  EXPECT_EQ(f.section_of("D2.O3.A")->id, "D2");
  ASSERT_NE(f.find("D1.O2.B"), nullptr);
  for (const char* id : {"DNS.AP1", "DNS.AP2", "DNS.AP7", "D2.P1", "D2.O1.C", "D2.O4", "HC.2028"})
    EXPECT_NE(f.find(id), nullptr) << id;
  // The embedded copy is the data file.
  std::ifstream in(CAREPILOT_DATA_DIR "/frameworks/care-priority-objectives.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  auto from_file = parse_framework(ss.str(), "data/frameworks/care-priority-objectives.yaml");
  EXPECT_EQ(from_file.requirement_count(), f.requirement_count());
}
