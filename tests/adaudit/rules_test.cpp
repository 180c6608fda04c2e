#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "adaudit/audit.hpp"
#include "adaudit/rules/rule.hpp"
#include "builder.hpp"
#include "common/ad_labels.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"

using namespace carepilot::adaudit;
using carepilot::adaudit::testing::Builder;
using carepilot::adaudit::testing::days_ago;
using carepilot::adaudit::testing::kAsOf;
using carepilot::adaudit::testing::kDom;

namespace {

const Finding& finding(const AuditResult& r, std::string_view id) {
  for (const auto& f : r.findings)
    if (f.rule->id == id) return f;
  throw std::runtime_error("no rule " + std::string(id));
}

bool affects(const Finding& f, const std::string& name) {
  for (const auto& o : f.objects)
    if (o.name == name) return true;
  return false;
}

}  // namespace

TEST(Rules, CatalogueIsCompleteAndConsistent) {
  const auto& rules = all_rules();
  EXPECT_GE(rules.size(), 40u);
  std::set<std::string_view> ids;
  const std::regex anssi("vuln([1-5])_[a-z0-9_]+");
  int per_category[4] = {};
  for (const auto& r : rules) {
    EXPECT_TRUE(ids.insert(r.info.id).second) << r.info.id;
    EXPECT_FALSE(r.info.title.empty());
    EXPECT_FALSE(r.info.rationale.empty());
    EXPECT_FALSE(r.info.remediation.empty());
    EXPECT_GT(r.info.points, 0);
    ++per_category[static_cast<int>(r.info.category)];
    if (r.info.anssi_id.empty()) {
      EXPECT_EQ(r.info.level, 0) << r.info.id;
    } else {
      std::match_results<std::string_view::const_iterator> m;
      ASSERT_TRUE(std::regex_match(r.info.anssi_id.begin(), r.info.anssi_id.end(), m, anssi))
          << r.info.anssi_id;
      EXPECT_EQ(std::stoi(m[1].str()), r.info.level) << r.info.id;
    }
  }
  for (int c : per_category) EXPECT_GT(c, 0);
}

TEST(Rules, CleanDirectoryIsLevelFive) {
  Builder b;
  const auto admin = b.user(500, "Administrator");
  b.member(b.domain_admins, admin);
  b.member(b.protected_users, admin);
  b.user(502, "krbtgt", 1, 30);
  b.dir.at(b.dir.find(std::string(kDom) + "-502")).flags &= ~flag::kEnabled;
  b.computer(1000, "DC01", "Windows Server 2022 Standard", true);
  const auto r = run_audit(b.done(), kAsOf);
  for (const auto& f : r.findings)
    if (f.status == Status::Fail) ADD_FAILURE() << f.rule->id << " " << f.detail;
  EXPECT_EQ(r.level, 5);
  EXPECT_EQ(r.global_score, 0);
}

TEST(Rules, KrbtgtAgeThresholds) {
  for (auto [days, fail180, fail365] :
       {std::tuple{100, false, false}, {200, true, false}, {400, true, true}}) {
    Builder b;
    b.user(502, "krbtgt", 1, days);
    const auto r = run_audit(b.done(), kAsOf);
    EXPECT_EQ(finding(r, "P-Krbtgt180").status == Status::Fail, fail180) << days;
    EXPECT_EQ(finding(r, "P-Krbtgt").status == Status::Fail, fail365) << days;
  }
  Builder none;
  EXPECT_EQ(finding(run_audit(none.done(), kAsOf), "P-Krbtgt").status, Status::NotEvaluated);
}

TEST(Rules, KerberoastablePrivilegedAccounts) {
  Builder b;
  const auto svc = b.user(1105, "svc_sql");
  b.dir.at(svc).spns.push_back("MSSQLSvc/sql01:1433");
  const auto nested = b.group(1300, "Tier0 Ops");
  b.member(nested, svc);
  b.member(b.domain_admins, nested);  // privileged through nesting
  const auto web = b.user(1106, "svc_web");
  b.dir.at(web).spns.push_back("HTTP/web01");
  const auto r = run_audit(b.done(), kAsOf);
  const auto& f = finding(r, "P-SpnPriv");
  EXPECT_EQ(f.status, Status::Fail);
  EXPECT_TRUE(affects(f, "svc_sql"));
  EXPECT_FALSE(affects(f, "svc_web"));
  EXPECT_EQ(r.level, 1);
}

TEST(Rules, PreauthAndPasswordFlagsOnPrivilegedAccounts) {
  Builder b;
  const auto a = b.user(1105, "adm1", 1, 4 * 365);
  b.dir.at(a).flags |= flag::kDontReqPreauth | flag::kPwdNeverExpires;
  b.dir.at(a).flags &= ~(flag::kSensitive | flag::kAdminCount);
  b.member(b.domain_admins, a);
  const auto r = run_audit(b.done(), kAsOf);
  for (auto id : {"P-NoPreauthPriv", "P-PwdNeverExpiresPriv", "P-PwdOldPriv", "P-Delegated",
                  "P-AdminCount", "P-ProtectedUsers", "S-NoPreauth", "S-PwdNeverExpires"})
    EXPECT_EQ(finding(r, id).status, Status::Fail) << id;
}

TEST(Rules, PrimaryGroupMembershipCountsAsPrivileged) {
  Builder b;
  const auto a = b.user(1105, "hidden_admin");
  b.dir.at(a).primary_group = b.domain_admins;
  b.dir.at(a).spns.push_back("HTTP/x");
  const auto r = run_audit(b.done(), kAsOf);
  EXPECT_TRUE(affects(finding(r, "P-SpnPriv"), "hidden_admin"));
  EXPECT_TRUE(affects(finding(r, "S-PrimaryGroup"), "hidden_admin"));
}

TEST(Rules, UnconstrainedDelegationOutsideDcs) {
  Builder b;
  const auto dc = b.computer(1000, "DC01", "Windows Server 2019", true);
  const auto srv = b.computer(1001, "SRV01", "Windows Server 2019");
  b.dir.at(dc).flags |= flag::kUnconstrained;
  b.dir.at(srv).flags |= flag::kUnconstrained;
  const auto r = run_audit(b.done(), kAsOf);
  const auto& f = finding(r, "P-UnconstrainedDelegation");
  EXPECT_TRUE(affects(f, "SRV01"));
  EXPECT_FALSE(affects(f, "DC01"));
}

TEST(Rules, ConstrainedDelegationToDomainController) {
  Builder b;
  const auto dc = b.computer(1000, "DC01", "Windows Server 2019", true);
  const auto svc = b.user(1105, "svc_t2a4d");
  b.dir.at(svc).flags |= flag::kTrustedToAuth;
  b.dir.at(svc).delegate_to.push_back(dc);
  const auto r = run_audit(b.done(), kAsOf);
  EXPECT_TRUE(affects(finding(r, "P-DelegationT2A4D"), "svc_t2a4d"));
  EXPECT_EQ(finding(r, "P-DelegationA2D2").status, Status::Pass);
}

TEST(Rules, DcsyncHeldByNonAdministrator) {
  Builder b;
  const auto eve = b.user(1107, "eve");
  b.ace(b.domain, eve, Right::GetChanges);
  b.ace(b.domain, eve, Right::GetChangesAll);
  b.ace(b.domain, b.domain_admins, Right::GetChanges);
  b.ace(b.domain, b.domain_admins, Right::GetChangesAll);
  const auto half = b.user(1108, "half");
  b.ace(b.domain, half, Right::GetChanges);
  const auto r = run_audit(b.done(), kAsOf);
  const auto& f = finding(r, "P-DCSync");
  EXPECT_TRUE(affects(f, "eve"));
  EXPECT_FALSE(affects(f, "half"));
  EXPECT_FALSE(affects(f, "DOMAIN ADMINS@CORP.LOCAL"));
  EXPECT_EQ(r.control.exposed_users, 1u);  // eve reaches the domain through DCSync
}

TEST(Rules, GpoWritableByNonAdminOnPrivilegedOu) {
  Builder b;
  const auto ou = b.add("AAAAAAAA-0000-0000-0000-000000000001", ObjectType::Ou, "ADMINS",
                        "OU=Admins,DC=corp,DC=local");
  const auto other_ou = b.add("AAAAAAAA-0000-0000-0000-000000000002", ObjectType::Ou, "USERS",
                              "OU=Users,DC=corp,DC=local");
  const auto gpo = b.add("BBBBBBBB-0000-0000-0000-000000000001", ObjectType::Gpo, "ADMIN GPO");
  const auto gpo2 = b.add("BBBBBBBB-0000-0000-0000-000000000002", ObjectType::Gpo, "USER GPO");
  const auto admin = b.user(1105, "adm");
  b.dir.at(admin).dn = "CN=adm,OU=Admins,DC=corp,DC=local";
  b.member(b.domain_admins, admin);
  const auto mallory = b.user(1106, "mallory");
  const auto intern = b.user(1107, "intern");
  b.dir.at(ou).links.push_back({gpo, false});
  b.dir.at(other_ou).links.push_back({gpo2, false});
  b.ace(gpo, mallory, Right::GenericWrite);
  b.ace(gpo2, intern, Right::GenericWrite);
  const auto r = run_audit(b.done(), kAsOf);
  const auto& f = finding(r, "P-GpoPriv");
  EXPECT_TRUE(affects(f, "mallory"));
  EXPECT_FALSE(affects(f, "intern"));
  // mallory -GenericWrite-> GPO -GPLink-> OU -Contains-> adm -MemberOf-> DA
  bool found = false;
  for (const auto& p : r.control.sample_paths)
    if (p.front().node.name == "mallory") {
      found = true;
      EXPECT_EQ(p.size(), 5u);
      EXPECT_EQ(p[0].edge, "GenericWrite");
      EXPECT_EQ(p[1].edge, "GPLink");
      EXPECT_EQ(p[2].edge, "Contains");
    }
  EXPECT_TRUE(found);
}

TEST(Rules, PreWindows2000AndMachineQuota) {
  Builder b;
  const auto pre = b.add("S-1-5-32-554", ObjectType::Group, "PRE-WINDOWS 2000");
  b.member(pre, b.dir.intern("S-1-1-0"));
  b.dir.domains[0].machine_account_quota = 10;
  auto r = run_audit(b.done(), kAsOf);
  EXPECT_EQ(finding(r, "A-PreWin2000Anonymous").status, Status::Fail);
  EXPECT_EQ(finding(r, "A-PreWin2000Other").status, Status::Pass);
  EXPECT_EQ(finding(r, "A-MachineAccountQuota").status, Status::Fail);
  EXPECT_EQ(r.level, 2);
  Builder c;
  c.dir.domains[0].machine_account_quota.reset();
  r = run_audit(c.done(), kAsOf);
  EXPECT_EQ(finding(r, "A-MachineAccountQuota").status, Status::NotEvaluated);
  EXPECT_EQ(finding(r, "A-PreWin2000Anonymous").status, Status::NotEvaluated);
}

TEST(Rules, SchemaAdminsAndOperators) {
  Builder b;
  const auto sa = b.group(518, "SCHEMA ADMINS");
  const auto backup = b.add("CORP.LOCAL-S-1-5-32-551", ObjectType::Group, "BACKUP OPERATORS");
  const auto u = b.user(1105, "joe");
  b.member(sa, u);
  b.member(backup, u);
  const auto r = run_audit(b.done(), kAsOf);
  EXPECT_TRUE(affects(finding(r, "P-SchemaAdmins"), "joe"));
  EXPECT_TRUE(affects(finding(r, "P-Operators"), "joe"));
}

TEST(Rules, TrustsWithoutSidFiltering) {
  Builder b;
  Trust ext{"PARTNER.ORG", "S-1-5-21-9-9-9", "External", TrustDirection::Outbound, true, false,
            false};
  Trust forest{"OTHER.ORG", "S-1-5-21-8-8-8", "Forest", TrustDirection::Bidirectional, true, false,
               true};
  Trust child{"CHILD.CORP.LOCAL",
              "S-1-5-21-7-7-7",
              "ParentChild",
              TrustDirection::Bidirectional,
              true,
              false,
              true};
  b.dir.domains[0].trusts = {ext, forest, child};
  const auto r = run_audit(b.done(), kAsOf);
  const auto& f = finding(r, "T-SidFilteringDomain");
  ASSERT_EQ(f.items.size(), 1u);
  EXPECT_NE(f.items[0].find("PARTNER.ORG"), std::string::npos);
  EXPECT_EQ(finding(r, "T-SidHistoryForest").items.size(), 1u);
  EXPECT_EQ(finding(r, "T-TgtDelegation").items.size(), 1u);
  EXPECT_EQ(r.level, 1);
}

// User trial: « 1 relations sortantes … » on the AD audit page. Every count of a rule's
// detail agrees with its noun (0 and 1 singular, in French).
TEST(Rules, CountsAgreeWithTheirNoun) {
  EXPECT_EQ(counted(0, "relation{s} sortante{s}"), "0 relation sortante");
  EXPECT_EQ(counted(1, "relation{s} sortante{s}"), "1 relation sortante");
  EXPECT_EQ(counted(2, "relation{s} sortante{s}"), "2 relations sortantes");
  EXPECT_EQ(counted(1, "principa{l|ux} non privilégié{s}"), "1 principal non privilégié");
  EXPECT_EQ(counted(3, "principa{l|ux} non privilégié{s}"), "3 principaux non privilégiés");
  EXPECT_EQ(counted(1234, "compte{s}"), carepilot::french_integer(1234) + " comptes");
  EXPECT_THROW(counted(2, "comptes"), std::logic_error) << "a phrase that cannot agree";
  EXPECT_THROW(counted(2, "compte{s"), std::logic_error);
  // On a rule: one outbound trust without SID filtering, then two.
  for (const auto& [n, text] :
       {std::pair{1u, "1 relation sortante vers un domaine externe sans filtrage de SID"},
        std::pair{2u, "2 relations sortantes vers un domaine externe sans filtrage de SID"}}) {
    Builder b;
    for (unsigned k = 0; k < n; ++k)
      b.dir.domains[0].trusts.push_back({"PARTNER" + std::to_string(k) + ".ORG",
                                         "S-1-5-21-9-9-" + std::to_string(k), "External",
                                         TrustDirection::Outbound, true, false, false});
    const auto r = run_audit(b.done(), kAsOf);
    EXPECT_EQ(finding(r, "T-SidFilteringDomain").detail, text);
  }
  // And a rule that finds nothing reads the singular.
  Builder none;
  EXPECT_EQ(finding(run_audit(none.done(), kAsOf), "T-SidFilteringDomain").detail,
            "0 relation sortante vers un domaine externe sans filtrage de SID");
  // Every rule's detail on a directory that fails many of them: no plural after 0 or 1.
  Builder b;
  const auto u = b.user(1201, "JOE@CORP.LOCAL", 400, 4000);
  b.member(b.domain_admins, u);
  b.computer(1101, "WS7", "Windows 7 Professional");
  const auto r = run_audit(b.done(), kAsOf);
  const std::regex one_plural("^[01] [a-zéèêàç]+s\\b");
  for (const auto& f : r.findings)
    EXPECT_FALSE(std::regex_search(f.detail, one_plural)) << f.rule->id << " : " << f.detail;
}

// User trial: « computers.operatingsystem » read on the AD audit page. A field or part
// missing from the collection is named in French (data/labels/labels.yaml).
TEST(Rules, MissingFieldsAreNamedInFrench) {
  Builder b;
  const auto ws = b.computer(1101, "WS10", "Windows 10 Enterprise");
  b.dir.at(ws).known &= ~field::kOs;
  const auto r = run_audit(b.done(), kAsOf);
  const auto& f = finding(r, "S-ObsoleteWorkstations");
  EXPECT_EQ(f.status, Status::NotEvaluated);
  EXPECT_NE(f.detail.find("système d'exploitation (ordinateurs)"), std::string::npos) << f.detail;
  for (const auto& g : r.findings)
    EXPECT_EQ(g.detail.find("computers."), std::string::npos) << g.rule->id << " : " << g.detail;
  EXPECT_EQ(carepilot::ad_collection_label("computers.operatingsystem"),
            "système d'exploitation (ordinateurs)");
  EXPECT_EQ(carepilot::ad_collection_label("domains.Trusts.SidFilteringEnabled"),
            "filtrage de SID des relations d'approbation (domaines)");
  EXPECT_EQ(carepilot::ad_collection_label("users"), "utilisateurs");
  EXPECT_EQ(carepilot::ad_collection_label("nothing.known"), "donnée de la collecte");
  EXPECT_EQ(carepilot::ad_collection_label("nothing"), "donnée de la collecte");
  // Every part and field the collection can lack has its label.
  const auto parts = carepilot::labelled_codes("ad_collection_parts");
  for (unsigned p = 0; p < static_cast<unsigned>(Part::Count); ++p)
    EXPECT_NE(std::find(parts.begin(), parts.end(), to_string(static_cast<Part>(p))), parts.end())
        << to_string(static_cast<Part>(p));
  const auto fields = carepilot::labelled_codes("ad_collection_fields");
  for (std::uint32_t b = 0; b < field::kCount; ++b)
    EXPECT_NE(std::find(fields.begin(), fields.end(), field_name(1u << b)), fields.end())
        << field_name(1u << b);
  // Every object type reads in French in the report's lists (« user » before, issue 14
  // trial); an unknown one has the fallback.
  for (std::size_t t = 1; t < kObjectTypes; ++t) {
    const auto code = to_string(static_cast<ObjectType>(t));
    EXPECT_NE(carepilot::ad_object_type_label(code), "objet de l'annuaire") << code;
  }
  EXPECT_EQ(carepilot::ad_object_type_label("user"), "utilisateur");
  EXPECT_EQ(carepilot::ad_object_type_label("nothing"), "objet de l'annuaire");
}

TEST(Rules, ObsoleteSystemsDependOnTheAuditDate) {
  Builder b;
  b.computer(1101, "WS10", "Windows 10 Enterprise");
  b.computer(1102, "W2012", "Windows Server 2012 R2 Standard");
  b.computer(1103, "W11", "Windows 11 Enterprise");
  Directory& d = b.done();
  const auto early = run_audit(d, carepilot::parse_date("2025-06-30").value());
  EXPECT_FALSE(affects(finding(early, "S-ObsoleteWorkstations"), "WS10"));
  EXPECT_TRUE(affects(finding(early, "S-ObsoleteServers"), "W2012"));
  const auto late = run_audit(d, carepilot::parse_date("2026-01-15").value());
  EXPECT_TRUE(affects(finding(late, "S-ObsoleteWorkstations"), "WS10"));
  EXPECT_FALSE(affects(finding(late, "S-ObsoleteWorkstations"), "W11"));
}

TEST(Rules, LapsDeployment) {
  Builder b;
  const auto a = b.computer(1101, "WS1", "Windows 11");
  const auto c = b.computer(1102, "WS2", "Windows 11");
  b.dir.at(a).flags |= flag::kLapsKnown;
  b.dir.at(c).flags |= flag::kLapsKnown;
  auto r = run_audit(b.done(), kAsOf);
  EXPECT_EQ(finding(r, "A-LAPS-NotInstalled").status, Status::Fail);
  b.dir.at(a).flags |= flag::kHasLaps;
  r = run_audit(b.dir, kAsOf);
  EXPECT_EQ(finding(r, "A-LAPS-NotInstalled").status, Status::Pass);
  EXPECT_TRUE(affects(finding(r, "A-LAPS-Partial"), "WS2"));
}

TEST(Rules, GroupLoopsAndDormantAccounts) {
  Builder b;
  const auto g1 = b.group(1300, "G1");
  const auto g2 = b.group(1301, "G2");
  b.member(g1, g2);
  b.member(g2, g1);
  for (int i = 0; i < 4; ++i) b.user(2000 + i, "old" + std::to_string(i), 400);
  b.user(2010, "fresh", 1);
  const auto r = run_audit(b.done(), kAsOf);
  EXPECT_EQ(finding(r, "A-GroupLoop").status, Status::Fail);
  EXPECT_EQ(finding(r, "S-DormantUsers").status, Status::Fail);  // 4 of 5 > 25 %
}

TEST(Rules, ScoresAreCappedPerCategory) {
  Builder b;
  for (int i = 0; i < 60; ++i) {
    const auto u = b.user(3000 + i, "adm" + std::to_string(i), 400, 4000);
    b.dir.at(u).flags |= flag::kDontReqPreauth | flag::kPwdNeverExpires | flag::kReversible;
    b.dir.at(u).spns.push_back("HTTP/x" + std::to_string(i));
    b.member(b.domain_admins, u);
  }
  const auto r = run_audit(b.done(), kAsOf);
  EXPECT_EQ(r.scores[static_cast<int>(Category::PrivilegedAccounts)], 100);
  EXPECT_EQ(r.global_score, 100);
  EXPECT_EQ(finding(r, "P-TooManyAdmins").status, Status::Fail);
}

TEST(Rules, LevelIsLowestFailingCheckpoint) {
  static const RuleInfo l3{"X3", "t", Category::Anomalies, "vuln3_x", 3, 1, "r", "f", ""};
  static const RuleInfo l2{"X2", "t", Category::Anomalies, "vuln2_x", 2, 1, "r", "f", ""};
  static const RuleInfo none{"X0", "t", Category::Anomalies, "", 0, 1, "r", "f", ""};
  std::vector<Finding> f(3);
  f[0].rule = &l3;
  f[1].rule = &l2;
  f[2].rule = &none;
  EXPECT_EQ(level_of(f), 5);
  f[2].status = Status::Fail;
  EXPECT_EQ(level_of(f), 5);
  f[0].status = Status::Fail;
  EXPECT_EQ(level_of(f), 3);
  f[1].status = Status::NotEvaluated;
  EXPECT_EQ(level_of(f), 3);
  f[1].status = Status::Fail;
  EXPECT_EQ(level_of(f), 2);
}

// Every rule has its entry in data/adaudit/anssi_checkpoints.yaml, every entry names a rule,
// a checkpoint's level is the one its id carries (vuln<level>_…), and a rule without a
// checkpoint says why. Every AD CS escalation is mapped (a checkpoint, or the reason none
// applies).
TEST(Rules, EveryRuleHasItsAnssiMappingInTheData) {
  std::set<std::string> rules, mapped;
  for (const auto& r : all_rules()) rules.insert(std::string(r.info.id));
  for (const auto& m : anssi_mapping()) {
    EXPECT_TRUE(mapped.insert(m.rule).second) << m.rule << " mapped twice";
    EXPECT_TRUE(rules.contains(m.rule)) << m.rule << " is not a rule";
    if (m.checkpoint.empty()) {
      EXPECT_FALSE(m.reason.empty()) << m.rule << ": no checkpoint and no reason";
      EXPECT_EQ(m.level, 0) << m.rule;
      continue;
    }
    static const std::regex id("vuln([1-5])_[a-z0-9_]+");
    std::smatch s;
    ASSERT_TRUE(std::regex_match(m.checkpoint, s, id)) << m.rule << ": " << m.checkpoint;
    EXPECT_EQ(m.level, std::stoi(s[1].str())) << m.rule << ": level of " << m.checkpoint;
    EXPECT_TRUE(m.basis == "anssi" || m.basis == "pingcastle" || m.basis == "carepilot")
        << m.rule << ": basis " << m.basis;
    if (m.basis != "anssi") {
      EXPECT_FALSE(m.note.empty()) << m.rule << ": basis without a note";
    }
  }
  for (const auto& r : rules) EXPECT_TRUE(mapped.contains(r)) << r << " has no ANSSI mapping";
  // The rules read their checkpoint from the data.
  for (const auto& r : all_rules()) {
    const auto* m = anssi_mapping_of(r.info.id);
    ASSERT_NE(m, nullptr) << r.info.id;
    EXPECT_EQ(r.info.anssi_id, m->checkpoint);
    EXPECT_EQ(r.info.level, m->level);
  }
  for (const char* esc : {"A-ADCS-ESC1", "A-ADCS-ESC2", "A-ADCS-ESC3", "A-ADCS-ESC4", "A-ADCS-ESC6",
                          "A-ADCS-ESC7", "A-ADCS-ESC15"})
    EXPECT_EQ(anssi_mapping_of(esc)->checkpoint, "vuln1_adcs_template_auth_enroll_with_name")
        << esc;
  for (const char* esc : {"A-ADCS-ESC9", "A-ADCS-ESC10", "A-ADCS-ESC13"})
    EXPECT_TRUE(anssi_mapping_of(esc)->checkpoint.empty()) << esc;
}

TEST(Rules, EveryCategoryHasItsLabel) {
  for (auto c : {Category::StaleObjects, Category::PrivilegedAccounts, Category::Trusts,
                 Category::Anomalies}) {
    const auto codes = carepilot::labelled_codes("ad_categories");
    EXPECT_NE(std::find(codes.begin(), codes.end(), to_string(c)), codes.end()) << to_string(c);
  }
  EXPECT_EQ(french_name(Category::StaleObjects), "Objets obsolètes");
}
