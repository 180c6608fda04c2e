// Every code the data uses has its French label in data/labels/labels.yaml (issue 12,
// point 13): evidence types, the codes the obligations select on (services, plan kinds,
// scopes), the record fields they count, their measures, and the job kinds of the schedule.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string>

#include "common/labels.hpp"
#include "common/record_labels.hpp"

namespace carepilot {
namespace {

const std::string kData = CAREPILOT_DATA_DIR;

bool has(const std::string& table, const std::string& code) {
  auto codes = labelled_codes(table);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

void strings(const YAML::Node& n, std::set<std::string>& out) {
  if (n.IsScalar()) out.insert(n.as<std::string>());
  if (n.IsSequence())
    for (const auto& v : n) strings(v, out);
}

struct Used {
  std::set<std::string> evidence, codes, fields, measures;
};

Used used_by_obligations() {
  Used u;
  for (const auto& f : std::filesystem::directory_iterator(kData + "/obligations")) {
    auto root = YAML::LoadFile(f.path().string());
    if (!root["obligations"]) continue;
    for (const auto& ob : root["obligations"]) {
      for (const auto& s : ob["subjects"]) {
        strings(s["evidence"], u.evidence);
        if (s["where"])
          for (const auto& kv : s["where"]) strings(kv.second, u.codes);
      }
      for (const auto& c : ob["criteria"]) {
        if (c["share"]) {
          strings(c["share"]["numerator"], u.fields);
          strings(c["share"]["denominator"], u.fields);
        }
        if (c["where"])
          for (const auto& kv : c["where"]) strings(kv.second, u.codes);
      }
      for (const auto& m : ob["measures"]) {
        u.measures.insert(m["id"].as<std::string>());
        strings(m["numerator"], u.fields);
        strings(m["denominator"], u.fields);
      }
    }
  }
  u.codes.erase("true");
  u.codes.erase("false");
  return u;
}

TEST(LabelsData, EveryCodeOfTheObligationsHasALabel) {
  auto u = used_by_obligations();
  ASSERT_GE(u.evidence.size(), 8u);
  ASSERT_GE(u.measures.size(), 3u);
  ASSERT_GE(u.codes.size(), 4u);
  ASSERT_GE(u.fields.size(), 4u);
  for (const auto& e : u.evidence) EXPECT_TRUE(has("evidence_types", e)) << "evidence type " << e;
  for (const auto& m : u.measures) EXPECT_TRUE(has("measures", m)) << "measure " << m;
  for (const auto& c : u.codes) EXPECT_TRUE(has("codes", c)) << "code " << c;
  for (const auto& f : u.fields) EXPECT_TRUE(has("fields", f)) << "field " << f;
}

TEST(LabelsData, EveryScheduledJobKindHasALabel) {
  auto root = YAML::LoadFile(kData + "/jobs/schedule.yaml");
  int n = 0;
  for (const auto& r : root["recurring"]) {
    auto kind = r["kind"].as<std::string>();
    EXPECT_TRUE(has("job_kinds", kind)) << kind;
    EXPECT_NE(job_kind_label(kind), "Tâche d'un autre type") << kind;
    ++n;
  }
  EXPECT_GE(n, 3);
}

TEST(LabelsData, TheTablesAreReadFromTheDataFile) {
  // The file itself: the same labels as the functions give, and a code absent from it falls
  // back to the French fallback (the check above would fail for it).
  auto root = YAML::LoadFile(kData + "/labels/labels.yaml");
  for (const auto& kv : root["fields"])
    EXPECT_EQ(field_label(kv.first.as<std::string>()), kv.second.as<std::string>());
  for (const auto& kv : root["audit_actions"])
    EXPECT_EQ(audit_action_label(kv.first.as<std::string>()), kv.second.as<std::string>());
  EXPECT_EQ(labelled_codes("fields").size(), root["fields"].size());
  EXPECT_FALSE(has("evidence_types", "not_a_type"));
  EXPECT_EQ(evidence_type_label("not_a_type"),
            root["fallbacks"]["evidence_type"].as<std::string>());
  EXPECT_TRUE(labelled_codes("nothing").empty());
}

// Issue 12 trial: a PAQ action read « clôturée » on the evidence list but « Terminée » on the
// PAQ pages. One word per state: the status codes of the evidence a PAQ action emits read as
// the PAQ's own statuses, and the labels of every module come from the statuses table.
TEST(LabelsData, OneWordPerStatus) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    if (out.rfind("À", 0) == 0)
      out.replace(0, std::string("À").size(), "à");
    else if (!out.empty())
      out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
    return out;
  };
  EXPECT_EQ(code_label("closed"), lower(status_label("paq", "done")));
  EXPECT_EQ(code_label("cancelled"), lower(status_label("paq", "cancelled")));
  EXPECT_EQ(code_label("open"), lower(status_label("paq", "open")) + " ou " +
                                    lower(status_label("paq", "in_progress")));
  EXPECT_EQ(status_label("paq", "done"), "Terminée");
  EXPECT_EQ(status_label("exercise", "closed"), "Clôturé");
  EXPECT_EQ(status_label("paq", "nothing"), "autre statut");
  EXPECT_TRUE(has("statuses", "exercise.running"));
  // « Autoévaluation » (1990 spelling), never « Auto-évaluation », in every label.
  auto root = YAML::LoadFile(kData + "/labels/labels.yaml");
  for (const auto& table : root) {
    if (!table.second.IsMap()) continue;
    for (const auto& kv : table.second) {
      EXPECT_EQ(kv.second.as<std::string>().find("uto-évaluation"), std::string::npos)
          << kv.first.as<std::string>();
    }
  }
}

}  // namespace
}  // namespace carepilot
