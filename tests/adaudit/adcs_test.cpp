// AD CS escalation rules on minimal templates, each condition on both sides, and on the
// shared BloodHound AD CS collection (its expected ADCSESC1 edges).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "adaudit/audit.hpp"
#include "adaudit/readers/ingest.hpp"
#include "adaudit/rules/adcs.hpp"
#include "builder.hpp"

namespace fs = std::filesystem;
using namespace carepilot::adaudit;
using carepilot::adaudit::testing::Builder;
using carepilot::adaudit::testing::kAsOf;

namespace {

// One user, one published template meeting every ESC1 condition, one enterprise CA whose
// certificate is in the NTAuth store; the user may enroll on both.
struct Pki {
  Builder b;
  std::uint32_t user, tpl, ca;
  Pki() {
    user = b.user(1500, "ALICE@CORP.LOCAL");
    tpl = b.add("0A0A0A0A-0000-0000-0000-000000000001", ObjectType::CertTemplate, "T@CORP.LOCAL");
    ca = b.add("0A0A0A0A-0000-0000-0000-000000000002", ObjectType::EnterpriseCa, "CA@CORP.LOCAL");
    CertTemplate t;
    t.object = tpl;
    t.enrollee_supplies_subject = true;
    t.authentication_enabled = true;
    t.manager_approval = false;
    t.authorized_signatures = 0;
    t.schema_version = 2;
    t.ekus = std::vector<std::string>{std::string(eku::kClientAuth)};
    t.no_security_extension = false;
    t.issuance_policies = std::vector<std::string>{};
    t.application_policies = std::vector<std::string>{};
    b.dir.templates.push_back(t);
    CertAuthority c;
    c.object = ca;
    c.templates = std::vector<std::uint32_t>{tpl};
    c.user_specifies_san = false;
    c.thumbprint = "AB12";
    b.dir.cas.push_back(c);
    b.dir.ntauth_known = true;
    b.dir.ntauth_thumbprints = {"AB12"};
    b.ace(tpl, user, Right::Enroll);
    b.ace(ca, user, Right::Enroll);
  }
  CertTemplate& t() { return b.dir.templates[0]; }
  CertAuthority& c() { return b.dir.cas[0]; }
  AuditResult run() { return run_audit(b.done(), kAsOf); }
};

Status status(const AuditResult& r, std::string_view id) {
  for (const auto& f : r.findings)
    if (f.rule->id == id) return f.status;
  throw std::runtime_error("no rule");
}

}  // namespace

TEST(AdcsEsc1, FailsWhenEveryConditionHolds) {
  Pki p;
  const auto r = p.run();
  EXPECT_EQ(status(r, "A-ADCS-ESC1"), Status::Fail);
  EXPECT_EQ(r.level, 1);
  // The user reaches the domain through the certificate.
  EXPECT_EQ(r.control.exposed_users, 1u);
}

TEST(AdcsEsc1, EachConditionOnItsOtherSidePasses) {
  std::vector<std::function<void(Pki&)>> fixes = {
      [](Pki& p) { p.t().enrollee_supplies_subject = false; },
      [](Pki& p) { p.t().authentication_enabled = false; },
      [](Pki& p) { p.t().manager_approval = true; },
      [](Pki& p) { p.t().authorized_signatures = 1; },
      [](Pki& p) { p.c().templates = std::vector<std::uint32_t>{}; },  // not published
      [](Pki& p) { p.b.dir.ntauth_thumbprints.clear(); },              // CA not trusted
      [](Pki& p) { p.b.dir.at(p.ca).aces.clear(); },                   // no enroll on the CA
      [](Pki& p) { p.b.dir.at(p.tpl).aces.clear(); },                  // no enroll on the template
      [](Pki& p) { p.b.member(p.b.domain_admins, p.user); },           // privileged enrollee
  };
  for (std::size_t k = 0; k < fixes.size(); ++k) {
    Pki p;
    fixes[k](p);
    const auto r = p.run();
    EXPECT_EQ(status(r, "A-ADCS-ESC1"), Status::Pass) << k;
  }
}

TEST(AdcsEsc1, EnrollmentThroughTwoGroupsCounts) {
  Pki p;
  p.b.dir.at(p.tpl).aces.clear();
  p.b.dir.at(p.ca).aces.clear();
  const auto g1 = p.b.group(1700, "G1@CORP.LOCAL");
  const auto g2 = p.b.group(1701, "G2@CORP.LOCAL");
  p.b.member(g1, p.user);
  p.b.member(g2, g1);
  p.b.ace(p.tpl, g1, Right::Enroll);
  p.b.ace(p.ca, g2, Right::Enroll);
  EXPECT_EQ(status(p.run(), "A-ADCS-ESC1"), Status::Fail);
}

TEST(AdcsEsc1, MissingFieldIsNotEvaluated) {
  Pki p;
  p.b.dir.at(p.tpl).known &= ~field::kEnrolleeSuppliesSubject;
  p.t().enrollee_supplies_subject.reset();
  const auto r = p.run();
  EXPECT_EQ(status(r, "A-ADCS-ESC1"), Status::NotEvaluated);
  EXPECT_TRUE(r.level_bounded || r.level == 1);
}

TEST(AdcsRules, WithoutAdcsFilesNotEvaluated) {
  Pki p;
  // No AD CS files: no template, no CA read.
  p.b.dir.parts &= ~(part_bit(Part::CertTemplates) | part_bit(Part::EnterpriseCas));
  p.b.dir.templates.clear();
  p.b.dir.cas.clear();
  const auto r = p.run();
  for (auto id : {"A-ADCS-ESC1", "A-ADCS-ESC2", "A-ADCS-ESC4", "A-ADCS-ESC7", "A-ADCS-ESC13"})
    EXPECT_EQ(status(r, id), Status::NotEvaluated) << id;
  EXPECT_FALSE(r.complete());
}

TEST(AdcsEsc2, AnyPurposeOrNoEku) {
  for (int k = 0; k < 3; ++k) {
    Pki p;
    p.t().enrollee_supplies_subject = false;
    if (k == 0) p.t().ekus = std::vector<std::string>{std::string(eku::kAnyPurpose)};
    if (k == 1) p.t().ekus = std::vector<std::string>{};
    const auto r = p.run();
    EXPECT_EQ(status(r, "A-ADCS-ESC2"), k < 2 ? Status::Fail : Status::Pass) << k;
  }
}

TEST(AdcsEsc3, AgentTemplateNeedsASecondTemplate) {
  for (bool second : {false, true}) {
    Pki p;
    p.t().enrollee_supplies_subject = false;
    p.t().authentication_enabled = false;
    p.t().ekus = std::vector<std::string>{std::string(eku::kRequestAgent)};
    if (second) {
      const auto t2 =
          p.b.add("0A0A0A0A-0000-0000-0000-000000000003", ObjectType::CertTemplate, "U@CORP.LOCAL");
      CertTemplate u;
      u.object = t2;
      u.enrollee_supplies_subject = false;
      u.authentication_enabled = true;
      u.manager_approval = false;
      u.authorized_signatures = 0;
      u.schema_version = 1;
      u.ekus = std::vector<std::string>{std::string(eku::kClientAuth)};
      u.no_security_extension = false;
      u.issuance_policies = std::vector<std::string>{};
      u.application_policies = std::vector<std::string>{};
      p.b.dir.templates.push_back(u);
      p.c().templates->push_back(t2);
    }
    EXPECT_EQ(status(p.run(), "A-ADCS-ESC3"), second ? Status::Fail : Status::Pass) << second;
  }
}

TEST(AdcsEsc4, ControlOfAPublishedTemplate) {
  for (bool admin : {false, true}) {
    Pki p;
    p.t().enrollee_supplies_subject = false;
    const auto helpdesk = p.b.user(1501, "BOB@CORP.LOCAL");
    if (admin) p.b.member(p.b.domain_admins, helpdesk);
    p.b.ace(p.tpl, helpdesk, Right::GenericWrite);
    const auto r = p.run();
    EXPECT_EQ(status(r, "A-ADCS-ESC4"), admin ? Status::Pass : Status::Fail) << admin;
    EXPECT_EQ(status(r, "A-ADCS-ESC1"), Status::Pass);
  }
}

TEST(AdcsEsc6, SanFlagOnTheCa) {
  for (bool flag : {false, true}) {
    Pki p;
    p.t().enrollee_supplies_subject = false;
    p.c().user_specifies_san = flag;
    EXPECT_EQ(status(p.run(), "A-ADCS-ESC6"), flag ? Status::Fail : Status::Pass) << flag;
  }
}

TEST(AdcsEsc7, CaOfficers) {
  for (Right r : {Right::Enroll, Right::ManageCA, Right::ManageCertificates}) {
    Pki p;
    const auto officer = p.b.user(1502, "CAROL@CORP.LOCAL");
    p.b.ace(p.ca, officer, r);
    EXPECT_EQ(status(p.run(), "A-ADCS-ESC7"), r == Right::Enroll ? Status::Pass : Status::Fail);
  }
}

TEST(AdcsEsc9, NoSecurityExtension) {
  for (bool flag : {false, true}) {
    Pki p;
    p.t().enrollee_supplies_subject = false;
    p.t().no_security_extension = flag;
    EXPECT_EQ(status(p.run(), "A-ADCS-ESC9"), flag ? Status::Fail : Status::Pass) << flag;
  }
}

TEST(AdcsEsc10, DcRegistry) {
  {
    Pki p;
    EXPECT_EQ(status(p.run(), "A-ADCS-ESC10"), Status::NotEvaluated);
  }
  for (std::int64_t v : {0, 1, 2}) {
    Pki p;
    const auto dc = p.b.computer(1000, "DC1.CORP.LOCAL", "Windows Server 2022", true);
    p.b.dir.dc_registry.push_back({dc, v, 0x18});
    EXPECT_EQ(status(p.run(), "A-ADCS-ESC10"), v == 0 ? Status::Fail : Status::Pass) << v;
  }
  Pki p;
  const auto dc = p.b.computer(1000, "DC1.CORP.LOCAL", "Windows Server 2022", true);
  p.b.dir.dc_registry.push_back({dc, 2, 0x4});  // UPN mapping allowed
  EXPECT_EQ(status(p.run(), "A-ADCS-ESC10"), Status::Fail);
  // -1 is SharpHound's « absent from the registry »: the default, never every bit (issue 14
  // trial, ESC1-DC of bhce-v6-adcs: strong binding 2, mapping methods -1, no ESC10 edge).
  for (std::int64_t methods : {-1, 0x18, 0x1C}) {
    Pki q;
    const auto dc2 = q.b.computer(1000, "DC1.CORP.LOCAL", "Windows Server 2022", true);
    q.b.dir.dc_registry.push_back({dc2, 2, methods});
    EXPECT_EQ(status(q.run(), "A-ADCS-ESC10"), methods == 0x1C ? Status::Fail : Status::Pass)
        << methods;
  }
}

TEST(AdcsEsc13, IssuancePolicyLinkedToAGroup) {
  for (bool linked : {false, true}) {
    Pki p;
    p.t().enrollee_supplies_subject = false;
    p.t().issuance_policies = std::vector<std::string>{"1.2.3.4"};
    const auto pol =
        p.b.add("0A0A0A0A-0000-0000-0000-000000000004", ObjectType::IssuancePolicy, "P@CORP.LOCAL");
    IssuancePolicyLink l;
    l.object = pol;
    l.oid = "1.2.3.4";
    if (linked) l.group = p.b.domain_admins;
    p.b.dir.issuance_policies.push_back(l);
    const auto r = p.run();
    EXPECT_EQ(status(r, "A-ADCS-ESC13"), linked ? Status::Fail : Status::Pass) << linked;
    EXPECT_EQ(r.control.exposed_users, linked ? 1u : 0u);
  }
}

TEST(AdcsEsc15, SchemaVersionOneWithSuppliedSubject) {
  for (int v : {1, 2}) {
    Pki p;
    p.t().schema_version = v;
    EXPECT_EQ(status(p.run(), "A-ADCS-ESC15"), v == 1 ? Status::Fail : Status::Pass) << v;
  }
}

// BloodHound's ADCSESC1 edges of the AD CS collection: the same three users.
TEST(AdcsShared, Esc1MatchesBloodHound) {
  const fs::path dir = fs::path(ADAUDIT_SHARED_DIR) / "testdata" / "ad" / "bhce-v6-adcs";
  const Directory d = ingest(dir);
  EXPECT_EQ(d.templates.size(), 34u);
  EXPECT_EQ(d.cas.size(), 1u);
  EXPECT_TRUE(d.ntauth_known);
  const auto r = run_audit(d, kAsOf);
  std::set<std::string> ours;
  for (const auto& f : r.findings)
    if (f.rule->id == "A-ADCS-ESC1")
      for (const auto& o : f.objects) ours.insert(o.id);
  std::ifstream in(dir / "expected" / "analyzed.json");
  const auto graph = nlohmann::json::parse(in);
  std::set<std::string> expected;
  for (const auto& e : graph["graph"]["edges"])
    if (e["kind"] == "ADCSESC1") expected.insert(upper(e["start"]["value"].get<std::string>()));
  EXPECT_EQ(expected.size(), 3u);
  EXPECT_EQ(ours, expected);
  EXPECT_EQ(status(r, "A-ADCS-ESC1"), Status::Fail);
  EXPECT_EQ(r.level, 1);
  // The three users are exposed (they reach the domain).
  EXPECT_GE(r.control.exposed_users, 3u);
}
