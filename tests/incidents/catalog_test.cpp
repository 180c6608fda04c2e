// The incident register's data (issue 19): data/incidents/*.yaml as shipped (event types,
// dimensions, clocks with their source, national figures with their check against the
// reference text's total), the refusals "FILE:LINE: reason" of a bad file, and every code's
// label in data/labels/labels.yaml.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/labels.hpp"
#include "incidents/rules/catalog.hpp"

using namespace carepilot;
using namespace carepilot::incidents;

namespace {

std::string read(const std::string& rel) {
  std::ifstream in(std::string(CAREPILOT_DATA_DIR) + "/" + rel);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string error_of(const std::string& text, bool figures = false) {
  try {
    if (figures)
      parse_national_figures(text, "f.yaml");
    else
      parse_catalog(text, "r.yaml");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

}  // namespace

TEST(IncidentsCatalog, TheShippedRegisterHasTheObservatoryDimensionsAndTheClocks) {
  const auto& c = default_catalog();
  EXPECT_EQ(c.events.size(), 13u);
  // The declaration typed by hand before the stages (migration 0051): kept, never typed.
  ASSERT_NE(c.event("declaration_noted"), nullptr);
  EXPECT_TRUE(c.event("declaration_noted")->legacy);
  EXPECT_FALSE(c.event("declaration_submitted")->legacy);
  EXPECT_TRUE(c.event("declaration_submitted")->automatic);
  ASSERT_NE(c.event("occurred"), nullptr);
  EXPECT_TRUE(c.event("occurred")->before_detection);
  EXPECT_EQ(c.event("degraded_end")->ends, "degraded_start");
  EXPECT_TRUE(c.event("degraded_start")->per_service);
  ASSERT_NE(c.dimension("threat"), nullptr);
  EXPECT_EQ(c.dimension("threat")->values.size(), 7u);
  EXPECT_TRUE(c.dimension("data")->matrix);
  EXPECT_TRUE(c.dimension("data")->allows("health_data.confidentiality"));
  EXPECT_FALSE(c.dimension("data")->allows("health_data.secrecy"));
  EXPECT_FALSE(c.dimension("data")->allows("health_data"));
  EXPECT_EQ(c.dimension("endangerment")->values,
            (std::vector<std::string>{"none", "potential", "actual"}));
  ASSERT_EQ(c.deadlines.size(), 2u);
  EXPECT_FALSE(c.deadlines[0].within_hours);  // CERT Santé: without delay
  EXPECT_EQ(c.deadlines[0].done_by, "declaration_submitted");
  EXPECT_EQ(c.deadlines[1].within_hours, 72);  // GDPR art. 33
  EXPECT_NE(c.deadlines[1].source.find("art. 33"), std::string::npos);
  ASSERT_TRUE(c.deadlines[1].applies_when);
  EXPECT_EQ(c.deadlines[1].applies_when->dimension, "data");
}

TEST(IncidentsCatalog, TheNationalFiguresAreThePublishedOnesAndAddUpToTheReferenceTotal) {
  const auto& f = default_national_figures();
  ASSERT_EQ(f.figures.size(), 3u);
  EXPECT_EQ(f.year(2022)->count, 592);
  EXPECT_EQ(f.year(2023)->count, 581);
  EXPECT_EQ(f.year(2024)->count, 749);
  EXPECT_EQ(f.year(2021), nullptr);
  for (const auto& x : f.figures) EXPECT_FALSE(x.source.empty());
  // The reference text's 1 173 declarations for 2022 and 2023 is checked by the file itself:
  // a count typed wrong is refused where it is.
  const auto text = read("incidents/national_figures.yaml");
  const auto err = error_of(replace(text, "count: 581", "count: 518"), true);
  EXPECT_NE(err.find("f.yaml:"), std::string::npos) << err;
  EXPECT_NE(err.find("1173"), std::string::npos) << err;
  EXPECT_NE(err.find("1110"), std::string::npos) << err;
}

TEST(IncidentsCatalog, ABadRegisterIsRefusedWithFileLineAndReason) {
  const auto text = read("incidents/register.yaml");
  ASSERT_EQ(error_of(text), "");
  EXPECT_EQ(error_of("- a\n- b\n"), "r.yaml:1: un dictionnaire est attendu");
  // Line numbers point at the faulty node.
  auto err = error_of(replace(text, "    ends: degraded_start", "    ends: nothing_like_it"));
  EXPECT_NE(err.find("r.yaml:"), std::string::npos);
  EXPECT_NE(err.find("« ends » : événement « nothing_like_it » inconnu"), std::string::npos) << err;
  std::istringstream lines(text);
  std::string line;
  int n = 0, ends_line = 0;
  while (std::getline(lines, line)) {
    ++n;
    if (line.find("ends: degraded_start") != std::string::npos) ends_line = n;
  }
  EXPECT_EQ(err.rfind("r.yaml:" + std::to_string(ends_line) + ": ", 0), 0u) << err;

  err = error_of(replace(text, "within_hours: 72", "within_hours: 0"));
  EXPECT_NE(err.find("durée positive"), std::string::npos) << err;
  err = error_of(replace(text, "within_hours: 72", "within_hours: 72\n    without_delay: true"));
  EXPECT_NE(err.find("pas les deux"), std::string::npos) << err;
  err = error_of(replace(text, "    done_by: breach_notified", "    done_by: nope"));
  EXPECT_NE(err.find("« done_by »"), std::string::npos) << err;
  err = error_of(replace(text, "    kind: matrix", "    kind: grid"));
  EXPECT_NE(err.find("single ou matrix"), std::string::npos) << err;
  err = error_of(replace(text, "      dimension: data", "      dimension: threat"));
  EXPECT_NE(err.find("« dimension »"), std::string::npos) << err;
  err = error_of(replace(text, "  - id: services_restored\n", ""));
  EXPECT_NE(err.find("services_restored"), std::string::npos) << err;
  err = error_of(replace(text, "  - id: ars_informed", "  - id: anssi_informed"));
  EXPECT_NE(err.find("en double"), std::string::npos) << err;
  err = error_of(replace(text, "    verified: true\n", ""));
  EXPECT_NE(err.find("verified"), std::string::npos) << err;
  err = error_of(replace(text, "[none, potential, actual]", "[none, potential, none]"));
  EXPECT_NE(err.find("en double"), std::string::npos) << err;
}

TEST(IncidentsLabels, EveryCodeOfTheIncidentDataHasALabel) {
  const auto codes = labelled_codes("codes");
  const auto keys = label_keys(default_catalog());
  EXPECT_GE(keys.size(), 40u);
  for (const auto& k : keys)
    EXPECT_NE(std::find(codes.begin(), codes.end(), k), codes.end()) << "code " << k;
  const auto statuses = labelled_codes("statuses");
  for (const char* s : {"incident.open", "incident.contained", "incident.closed"})
    EXPECT_NE(std::find(statuses.begin(), statuses.end(), s), statuses.end()) << s;
  EXPECT_EQ(label("threat", "ransomware"), "rançongiciel");
  EXPECT_EQ(label("data", "health_data.confidentiality"),
            "données de santé à caractère personnel — confidentialité");
  EXPECT_EQ(label("event", "detection"), "Détection");
}
