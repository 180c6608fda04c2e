// Loading the referential: the shipped data is valid, and a wrong file is refused with
// its name, the line and the reason.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "referential/loader.hpp"

namespace carepilot::referential {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kDir = CAREPILOT_DATA_DIR;
const std::string kObligations = read(kDir + "/obligations/dns-2025-12.yaml");
const std::string kServices = read(kDir + "/obligations/services.yaml");

TEST(Referential, ShippedDataLoads) {
  auto ref = load_referential_dir(kDir);
  ASSERT_EQ(ref.obligations.size(), 12u);
  const char* ids[] = {"crisis-exercise",
                       "maturity-self-assessment",
                       "club-ssi-registration",
                       "silene-registration",
                       "ad-audit",
                       "pca-pra",
                       "bia-critical",
                       "bia-all-services",
                       "paq-integration",
                       "staff-training",
                       "mfa-trajectory",
                       "digital-budget"};
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(ref.obligations[i].id, ids[i]);
  EXPECT_EQ(ref.schema_version, 1);
  ASSERT_EQ(ref.instructions.size(), 1u);
  EXPECT_EQ(format_date(ref.instructions[0].in_force_from), "2025-01-22");
  const auto* crisis = ref.find_obligation("crisis-exercise");
  ASSERT_TRUE(crisis && crisis->target);
  EXPECT_DOUBLE_EQ(crisis->target->share_met, 0.8);
  EXPECT_EQ(crisis->applies_to, std::vector<std::string>{"sanitaire"});
  EXPECT_EQ(format_date(*ref.find_obligation("bia-all-services")->timing.deadline), "2027-06-30");
  EXPECT_EQ(ref.find_obligation("paq-integration")->timing.window_months, 12);
  EXPECT_DOUBLE_EQ(*ref.find_obligation("digital-budget")->criteria[1].share_min, 0.02);
  ASSERT_NE(ref.find_service("Biologie"), nullptr);
  EXPECT_EQ(ref.find_service("Biologie")->id, "laboratoire");
  EXPECT_EQ(ref.find_service("Médecine")->group, "care");
}

TEST(Referential, EmbeddedCopyMatchesTheDirectory) {
  auto a = load_embedded_referential();
  auto b = load_referential_dir(kDir + "/obligations");
  ASSERT_EQ(a.obligations.size(), b.obligations.size());
  for (std::size_t i = 0; i < a.obligations.size(); ++i) {
    EXPECT_EQ(a.obligations[i].id, b.obligations[i].id);
    EXPECT_EQ(a.obligations[i].rule, b.obligations[i].rule);
  }
  EXPECT_EQ(a.obligations[0].file, "data/obligations/dns-2025-12.yaml");
}

// Replaces the first occurrence of `from` in the shipped file and returns the error.
ReferentialError broken(const std::string& from, const std::string& to) {
  auto text = kObligations;
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  try {
    load_referential({{"bad.yaml", text}, {"services.yaml", kServices}});
  } catch (const ReferentialError& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << to;
  return ReferentialError("", 0, "");
}

int line_of(const std::string& needle) {
  auto at = kObligations.find(needle);
  return 1 + static_cast<int>(std::count(kObligations.begin(), kObligations.begin() + at, '\n'));
}

struct BadCase {
  const char* name;
  const char* from;
  const char* to;
  const char* reason;
  int line_offset = 0;  // YAML syntax errors are found where the parser gives up
};

class BadFile : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadFile, NamesFileLineReason) {
  const auto& c = GetParam();
  auto e = broken(c.from, c.to);
  EXPECT_EQ(e.file(), "bad.yaml");
  EXPECT_EQ(e.line(), line_of(c.from) + c.line_offset) << e.what();
  EXPECT_NE(e.reason().find(c.reason), std::string::npos) << e.what();
  EXPECT_EQ(std::string(e.what()).rfind("bad.yaml:" + std::to_string(e.line()) + ": ", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Loader, BadFile,
    ::testing::Values(
        BadCase{"unknown_periodicity", "timing: {periodicity: quarterly}",
                "timing: {periodicity: weekly}", "unknown periodicity 'weekly'"},
        BadCase{"unknown_evidence_type", "evidence: ad_audit,", "evidence: ad_audits,",
                "unknown evidence type 'ad_audits'"},
        BadCase{"unknown_field", "where: {retex_in_paq: true}", "where: {retex: true}",
                "has no field 'retex'"},
        BadCase{"bad_deadline", "timing: {deadline: 2025-06-30}", "timing: {deadline: 2025-06-31}",
                "expected a date"},
        BadCase{"misspelt_key", "    rule: \"Au moins", "    rules: \"Au moins",
                "unknown key 'rules'"},
        BadCase{"unknown_subject", "subject: exercise, text", "subject: exercice, text",
                "unknown subject 'exercice'"},
        BadCase{"duplicate_obligation", "id: maturity-self-assessment", "id: crisis-exercise",
                "already defined"},
        BadCase{"share_out_of_range", "min: 0.02", "min: 2", "share.min must be between 0 and 1"},
        BadCase{"unknown_plan_kind", "kind: [pca, pra, pcra]", "kind: [pca, pra, prca]",
                "'prca' is not a value of kind"},
        BadCase{"unknown_group", "groups: [critical, medico_technique]",
                "groups: [critical, medicotechnique]", "service group 'medicotechnique'"},
        BadCase{"yaml_syntax", "  - id: ad-audit\n", "  - id: [ad-audit\n",
                "YAML illisible : crochet", 1},
        BadCase{"schema_version", "schema_version: 1", "schema_version: 2",
                "schema_version 2 is not supported"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Referential, EmptyDirectoryIsRefused) {
  EXPECT_THROW(load_referential_dir("/nonexistent-carepilot-dir"), ReferentialError);
}

TEST(Referential, MissingKeyNamesTheObligation) {
  auto e = broken("    title: \"Audit trimestriel de l'Active Directory\"\n", "");
  EXPECT_NE(e.reason().find("obligation 'ad-audit': missing key 'title'"), std::string::npos)
      << e.what();
}

}  // namespace
}  // namespace carepilot::referential
