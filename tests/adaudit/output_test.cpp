#include <gtest/gtest.h>

#include "adaudit/readers/ingest.hpp"
#include "adaudit/readers/input_error.hpp"
#include "adaudit/report/diff.hpp"
#include "adaudit/report/html_report.hpp"
#include "adaudit/report/result_json.hpp"
#include "builder.hpp"
#include "templating/templating.hpp"

using namespace carepilot::adaudit;
using carepilot::adaudit::testing::kAsOf;

namespace {
const std::filesystem::path kData = ADAUDIT_TEST_DATA;

const nlohmann::json* find_rule(const nlohmann::json& j, const std::string& id) {
  for (const auto& f : j["findings"])
    if (f["rule_id"] == id) return &f;
  return nullptr;
}
}  // namespace

TEST(Output, SharpHoundSampleEndToEnd) {
  const auto r = run_audit(ingest(kData / "sharphound_v6"), kAsOf);
  const auto j = to_json(r);
  EXPECT_EQ(j["schema"], kResultSchema);
  EXPECT_EQ(j["evidence_type"], "ad_audit");
  EXPECT_EQ(j["date"], "2025-06-30");
  EXPECT_EQ(j["level"], 1);
  for (auto id : {"P-SpnPriv", "P-DCSync", "P-GpoPriv", "P-AclPriv", "P-UnconstrainedDelegation",
                  "T-SidFilteringDomain", "A-MachineAccountQuota", "A-PreWin2000Anonymous",
                  "P-SchemaAdmins", "S-ObsoleteWorkstations", "A-LAPS-NotInstalled",
                  "A-AdminEverywhere", "A-BroadGroupPath", "P-PrivSessions"})
    EXPECT_NE(find_rule(j, id), nullptr) << id;
  EXPECT_EQ(find_rule(j, "P-Krbtgt")->at("anssi_id"), "vuln2_krbtgt");
  EXPECT_GT(j["control_paths"]["non_privileged_users"].get<int>(), 0);
  EXPECT_FALSE(j["control_paths"]["choke_points"].empty());
  EXPECT_GT(j["input"]["warnings"]["total"].get<int>(), 0);
}

TEST(Output, LdifSampleEndToEnd) {
  const auto j = to_json(run_audit(ingest(kData / "corp.ldif"), kAsOf));
  EXPECT_EQ(j["level"], 1);
  for (auto id : {"P-SpnPriv", "P-DCSync", "P-AclPriv", "A-PreWin2000Anonymous",
                  "T-SidFilteringDomain", "S-NoPreauth", "P-GpoPriv"})
    EXPECT_NE(find_rule(j, id), nullptr) << id;
}

TEST(Output, HtmlEscapesDirectoryValues) {
  const auto html = render_html(run_audit(ingest(kData / "sharphound_v6"), kAsOf));
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("BOB&lt;script&gt;alert(1)&lt;/script&gt;@CORP.LOCAL"), std::string::npos);
  // This collection lacks parts: the retained level, without the sentence that would qualify
  // a level the audit could not establish.
  EXPECT_NE(html.find("Audit incomplet : niveau retenu 1/5"), std::string::npos);
  EXPECT_EQ(html.find("Niveau 1 — critique"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);  // self-contained: no external resource
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_NE(html.find("Constats détaillés"), std::string::npos);
  EXPECT_NE(html.find("Points de passage obligés"), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);  // every marker expanded
}

TEST(Output, TemplateWithoutAutoescapeIsRefused) {
  using carepilot::templating::register_templates;
  EXPECT_THROW(register_templates({{"templates/no_pragma.tpl", "<p>{{NAME}}</p>"}}),
               std::runtime_error);
  EXPECT_FALSE(carepilot::templating::is_registered("no_pragma.tpl"));
  // The pragma must come first, not merely appear somewhere.
  EXPECT_THROW(register_templates(
                   {{"templates/late_pragma.tpl", "<p>x</p>{{%AUTOESCAPE context=\"HTML\"}}"}}),
               std::runtime_error);
  // With the pragma, values are escaped.
  register_templates({{"templates/with_pragma.tpl",
                       "{{%AUTOESCAPE context=\"HTML\"}}<p title=\"{{NAME}}\">{{NAME}}</p>"}});
  ctemplate::TemplateDictionary d("t");
  d.SetValue("NAME", "<script>\"'&");
  EXPECT_EQ(carepilot::templating::render("with_pragma.tpl", d),
            "<p title=\"&lt;script&gt;&quot;&#39;&amp;\">&lt;script&gt;&quot;&#39;&amp;</p>");
  EXPECT_THROW(carepilot::templating::render("unknown.tpl", d), std::runtime_error);
}

TEST(Output, DiffClassifiesFindings) {
  const auto old_j = to_json(run_audit(ingest(kData / "corp.ldif"), kAsOf));
  const auto new_j = to_json(run_audit(ingest(kData / "sharphound_v6"), kAsOf));
  const auto d = diff_results(old_j, new_j);
  auto has = [](const std::vector<DiffEntry>& v, const std::string& id) {
    return std::any_of(v.begin(), v.end(), [&](const DiffEntry& e) { return e.rule_id == id; });
  };
  EXPECT_TRUE(has(d.added, "A-AdminEverywhere"));  // only collected by SharpHound
  EXPECT_TRUE(has(d.unchanged, "P-SpnPriv"));
  // Back to the LDIF export, which holds no local administrators: the rule could not be
  // evaluated, so it is not resolved (issue 14 trial).
  const auto back = diff_results(new_j, old_j);
  EXPECT_TRUE(has(back.not_evaluated, "A-AdminEverywhere"));
  EXPECT_FALSE(has(back.resolved, "A-AdminEverywhere"));
  const auto same = diff_results(new_j, new_j);
  EXPECT_TRUE(same.added.empty());
  EXPECT_TRUE(same.resolved.empty());
  for (const auto& e : same.unchanged) EXPECT_TRUE(e.added.empty() && e.removed.empty());
  EXPECT_NE(to_text(d).find("Nouveaux constats"), std::string::npos);
  EXPECT_THROW(diff_results(nlohmann::json{{"a", 1}}, new_j), InputError);
}

TEST(Output, DiffReportsObjectLevelChanges) {
  auto old_j = to_json(run_audit(ingest(kData / "sharphound_v6"), kAsOf));
  auto new_j = old_j;
  for (auto& f : new_j["findings"])
    if (f["rule_id"] == "P-SpnPriv")
      f["affected"].push_back({{"id", "S-1-5-21-1-2-3-4242"}, {"name", "x"}, {"type", "user"}});
  const auto d = diff_results(old_j, new_j);
  const auto it = std::find_if(d.unchanged.begin(), d.unchanged.end(),
                               [](const DiffEntry& e) { return e.rule_id == "P-SpnPriv"; });
  ASSERT_NE(it, d.unchanged.end());
  ASSERT_EQ(it->added.size(), 1u);
  EXPECT_EQ(it->added[0], "S-1-5-21-1-2-3-4242");
}

// Issue 14 trial: a collection without users.json « resolved » ESC1. A finding failing before
// that the new audit could not evaluate is listed apart, never as resolved; one the new audit
// checked and passed is resolved. Audits of different domains are flagged.
TEST(Output, DiffNeverCountsAnUncheckedFindingAsResolved) {
  const auto old_j = to_json(run_audit(ingest(kData / "sharphound_v6"), kAsOf));
  auto without = [&](bool unchecked) {
    auto j = old_j;
    auto& f = j["findings"];
    f.erase(std::remove_if(f.begin(), f.end(),
                           [](const nlohmann::json& x) { return x["rule_id"] == "P-SpnPriv"; }),
            f.end());
    if (unchecked) {
      j["rules"]["not_evaluated"].push_back(
          {{"rule_id", "P-SpnPriv"}, {"reason", "parties absentes de la collecte : users"}});
      j["complete"] = false;
    }
    return j;
  };
  auto has = [](const std::vector<DiffEntry>& v, const std::string& id) {
    return std::any_of(v.begin(), v.end(), [&](const DiffEntry& e) { return e.rule_id == id; });
  };
  const auto checked = diff_results(old_j, without(false));
  EXPECT_TRUE(has(checked.resolved, "P-SpnPriv"));
  EXPECT_TRUE(checked.not_evaluated.empty());
  EXPECT_EQ(checked.new_complete, old_j["complete"].get<bool>());
  const auto unchecked = diff_results(old_j, without(true));
  EXPECT_FALSE(has(unchecked.resolved, "P-SpnPriv"));
  EXPECT_TRUE(has(unchecked.not_evaluated, "P-SpnPriv"));
  EXPECT_FALSE(unchecked.new_complete);
  const auto text = to_text(unchecked);
  EXPECT_NE(text.find("Constats non évalués par le nouvel audit"), std::string::npos) << text;
  EXPECT_NE(text.find("(audit incomplet)"), std::string::npos) << text;
  const auto j = to_json(unchecked);
  EXPECT_EQ(j["not_evaluated_findings"].size(), 1u);
  EXPECT_FALSE(j["new"]["complete"].get<bool>());
  // Same domains: no warning; another domain: flagged, in the text too.
  EXPECT_FALSE(checked.domains_differ());
  auto other = old_j;
  other["domains"] = {"AUTRE.LOCAL"};
  const auto moved = diff_results(old_j, other);
  EXPECT_TRUE(moved.domains_differ());
  EXPECT_TRUE(to_json(moved)["domains_differ"].get<bool>());
  EXPECT_NE(to_text(moved).find("domaines différents"), std::string::npos);
}

// The report names each finding and each rule not evaluated by its French title; the rule's id
// stays in the markup (an anchor, a data attribute), never in the text a reader sees; the
// collector is named as people write it.
TEST(Output, HtmlShowsRuleTitlesNeverRuleIds) {
  const auto r = run_audit(ingest(kData / "corp.ldif"), kAsOf);
  const std::string html = render_html(r);
  std::string text;  // the visible text: tags dropped
  bool in_tag = false;
  for (char c : html) {
    if (c == '<') in_tag = true;
    if (!in_tag) text += c;
    if (c == '>') in_tag = false;
  }
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"&#39;", "'"},
                                 {"&quot;", "\""},
                                 {"&lt;", "<"},
                                 {"&gt;", ">"},
                                 {"&amp;", "&"}})
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at))
      text.replace(at, from.size(), to);
  bool some_not_evaluated = false;
  for (const auto& f : r.findings) {
    if (f.status == Status::Pass) continue;
    some_not_evaluated |= f.status == Status::NotEvaluated;
    EXPECT_EQ(text.find(std::string(f.rule->id)), std::string::npos) << f.rule->id;
    EXPECT_NE(text.find(std::string(f.rule->title)), std::string::npos) << f.rule->title;
    EXPECT_NE(html.find("data-rule=\"" + std::string(f.rule->id) + "\""), std::string::npos);
  }
  EXPECT_TRUE(some_not_evaluated);  // the LDIF has no AD CS: its rules are not evaluated
  EXPECT_NE(text.find("Format : LDIF"), std::string::npos);
  EXPECT_EQ(text.find("Format : ldif"), std::string::npos);
}
