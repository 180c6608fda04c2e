// Writes a synthetic SharpHound v6 collection of N objects (users 78 %, computers 16 %,
// groups 5 %, OUs and GPOs) with a realistic ACL density: every object carries the default
// administrative ACEs (about 8) plus delegated rights for helpdesk groups, some of which
// open paths to Tier 0. The replication rights are split over two groups (DCSync only
// through the transitive membership), and AD CS is there: certificate templates (one per
// 1,000 objects, at least 30; one vulnerable to ESC1), two enterprise CAs publishing them,
// the NTAuth store and issuance policies. Deterministic (fixed seed). Usage: adaudit_gen N
// OUTDIR
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace {

const char* kD = "S-1-5-21-1000-2000-3000";

struct Writer {
  std::FILE* f;
  bool first = true;
  Writer(const std::filesystem::path& p) : f(std::fopen(p.c_str(), "wb")) {
    if (!f) std::exit(1);
    std::fputs("{\"data\":[", f);
  }
  void item(const std::string& s) {
    if (!first) std::fputc(',', f);
    first = false;
    std::fputs(s.c_str(), f);
    std::fputc('\n', f);
  }
  void close(const char* type, std::size_t count) {
    std::fprintf(f, "],\"meta\":{\"methods\":46067,\"type\":\"%s\",\"count\":%zu,\"version\":6}}\n",
                 type, count);
    std::fclose(f);
  }
};

std::string sid(long rid) {
  return std::string(kD) + "-" + std::to_string(rid);
}
std::string ace(const std::string& p, const char* type, const char* right, bool inh) {
  return std::string("{\"PrincipalSID\":\"") + p + "\",\"PrincipalType\":\"" + type +
         "\",\"RightName\":\"" + right + "\",\"IsInherited\":" + (inh ? "true" : "false") + "}";
}
std::string default_aces() {
  std::string a = "[" + ace(sid(512), "Group", "Owns", false) + "," +
                  ace(sid(512), "Group", "GenericAll", false) + "," +
                  ace(sid(519), "Group", "GenericAll", true) + "," +
                  ace("CORP.LOCAL-S-1-5-32-544", "Group", "WriteDacl", true) + "," +
                  ace("CORP.LOCAL-S-1-5-32-544", "Group", "WriteOwner", true) + "," +
                  ace("CORP.LOCAL-S-1-5-32-544", "Group", "GenericWrite", true) + "," +
                  ace("CORP.LOCAL-S-1-5-32-548", "Group", "GenericAll", true) + "," +
                  ace(sid(517), "Group", "AllExtendedRights", true);
  return a;
}
std::string guid(long n) {
  n &= 0xFFFFFFFFL;
  char b[64];
  std::snprintf(b, sizeof b, "%08lX-0000-4000-8000-%012lX", n, n);
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: adaudit_gen N OUTDIR\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  const std::filesystem::path out = argv[2];
  std::filesystem::create_directories(out);
  std::mt19937_64 rng(42);
  const long users = n * 78 / 100, computers = n * 16 / 100, groups = std::max(20L, n * 5 / 100);
  const long ous = std::max(5L, n / 1000), gpos = std::max(3L, n / 2000);
  const long user0 = 10000, comp0 = user0 + users, group0 = comp0 + computers;
  const std::int64_t now = 1751241600;  // 2025-06-30
  auto pick = [&](long lo, long count) { return lo + long(rng() % std::uint64_t(count)); };
  auto ou_of = [&](long i) { return guid(1 + i % ous); };

  Writer u(out / "bench_users.json");
  for (long i = 0; i < users; ++i) {
    const long rid = user0 + i;
    const bool admin = i < 40, old = rng() % 10 == 0, spn = rng() % 50 == 0;
    std::string aces = default_aces();
    if (rng() % 20 == 0)
      aces += "," + ace(sid(group0 + 10 + long(rng() % 10)), "Group", "ForceChangePassword", true);
    if (rng() % 1000 == 0)
      aces += "," + ace(sid(pick(user0, users)), "User", "GenericWrite", false);
    aces += "]";
    char props[1024];
    std::snprintf(
        props, sizeof props,
        "{\"domain\":\"CORP.LOCAL\",\"name\":\"USER%ld@CORP.LOCAL\",\"distinguishedname\":\"CN="
        "USER%ld,OU=OU%ld,DC=CORP,"
        "DC=LOCAL\",\"domainsid\":\"%s\",\"enabled\":%s,\"pwdlastset\":%lld,\"lastlogontimestamp\":"
        "%lld,"
        "\"whencreated\":1500000000,\"admincount\":%s,\"sensitive\":false,\"dontreqpreauth\":%s,"
        "\"pwdneverexpires\":%s,\"unconstraineddelegation\":false,\"trustedtoauth\":false,"
        "\"passwordnotreqd\":false,"
        "\"serviceprincipalnames\":[%s],\"sidhistory\":[],\"description\":null}",
        i, i, i % ous, kD, rng() % 25 == 0 ? "false" : "true",
        (long long)(now - long(rng() % 900) * 86400),
        (long long)(old ? now - 400 * 86400 : now - long(rng() % 30) * 86400),
        admin ? "true" : "false", rng() % 500 == 0 ? "true" : "false",
        rng() % 8 == 0 ? "true" : "false", spn ? "\"MSSQLSvc/db.corp.local:1433\"" : "");
    u.item("{\"ObjectIdentifier\":\"" + sid(rid) + "\",\"Properties\":" + props +
           ",\"Aces\":" + aces + ",\"PrimaryGroupSID\":\"" + sid(513) +
           "\",\"AllowedToDelegate\":[],\"HasSIDHistory\":[],\"SPNTargets\":[]," +
           "\"IsDeleted\":false,\"IsACLProtected\":false,\"ContainedBy\":{\"ObjectIdentifier\":\"" +
           ou_of(i) + "\",\"ObjectType\":\"OU\"}}");
  }
  u.close("users", std::size_t(users));

  Writer c(out / "bench_computers.json");
  for (long i = 0; i < computers; ++i) {
    const long rid = comp0 + i;
    const bool dc = i < 3, server = i % 5 == 0;
    std::string sessions;
    for (int s = 0; s < 2; ++s) {
      if (!sessions.empty()) sessions += ",";
      const long who = (rng() % 200 == 0) ? pick(user0, 40) : pick(user0, users);
      sessions += "{\"UserSID\":\"" + sid(who) + "\",\"ComputerSID\":\"" + sid(rid) + "\"}";
    }
    const std::string admins = "{\"ObjectIdentifier\":\"" + sid(group0 + 10 + long(rng() % 10)) +
                               "\",\"ObjectType\":\"Group\"}";
    char props[768];
    std::snprintf(
        props, sizeof props,
        "{\"domain\":\"CORP.LOCAL\",\"name\":\"PC%ld.CORP.LOCAL\",\"domainsid\":\"%s\",\"enabled\":"
        "true,"
        "\"haslaps\":%s,\"unconstraineddelegation\":%s,\"trustedtoauth\":false,"
        "\"lastlogontimestamp\":%lld,"
        "\"pwdlastset\":%lld,\"whencreated\":1500000000,\"operatingsystem\":\"%s\","
        "\"serviceprincipalnames\":[]}",
        i, kD, rng() % 10 ? "true" : "false", (dc || rng() % 300 == 0) ? "true" : "false",
        (long long)(now - long(rng() % 200) * 86400), (long long)(now - long(rng() % 120) * 86400),
        dc       ? "Windows Server 2019 Standard"
        : server ? (rng() % 10 ? "Windows Server 2022 Standard" : "Windows Server 2012 R2 Standard")
                 : (rng() % 20 ? "Windows 11 Enterprise" : "Windows 7 Professional"));
    c.item(
        "{\"ObjectIdentifier\":\"" + sid(rid) + "\",\"Properties\":" + props +
        ",\"Aces\":" + default_aces() + "],\"PrimaryGroupSID\":\"" + sid(dc ? 516 : 515) +
        "\",\"IsDC\":" + (dc ? "true" : "false") +
        ",\"AllowedToDelegate\":[],\"AllowedToAct\":[],\"Sessions\":{\"Results\":[" + sessions +
        "],\"Collected\":true,\"FailureReason\":null},\"LocalGroups\":[{\"ObjectIdentifier\":\"" +
        sid(rid) + "-544\",\"Name\":\"ADMINISTRATORS\",\"Collected\":true,\"Results\":[" + admins +
        "]}],\"IsDeleted\":false,\"ContainedBy\":{\"ObjectIdentifier\":\"" + ou_of(i) +
        "\",\"ObjectType\":\"OU\"}}");
  }
  c.close("computers", std::size_t(computers));

  Writer g(out / "bench_groups.json");
  auto group = [&](const std::string& id, const std::string& name, const std::string& members,
                   const std::string& extra_aces) {
    g.item("{\"ObjectIdentifier\":\"" + id +
           "\",\"Properties\":{\"domain\":\"CORP.LOCAL\",\"name\":\"" + name +
           "@CORP.LOCAL\",\"domainsid\":\"" + kD + "\"},\"Members\":[" + members +
           "],\"Aces\":" + default_aces() + extra_aces + "],\"IsDeleted\":false}");
  };
  auto mem = [](const std::string& id, const char* type) {
    return "{\"ObjectIdentifier\":\"" + id + "\",\"ObjectType\":\"" + type + "\"}";
  };
  std::string da;
  for (long i = 0; i < 20; ++i) da += (i ? "," : "") + mem(sid(user0 + i), "User");
  group(sid(512), "DOMAIN ADMINS", da, "," + ace(sid(group0 + 12), "Group", "AddMember", false));
  group(sid(513), "DOMAIN USERS", "", "");
  group(sid(516), "DOMAIN CONTROLLERS",
        mem(sid(comp0), "Computer") + "," + mem(sid(comp0 + 1), "Computer"), "");
  group(sid(519), "ENTERPRISE ADMINS", mem(sid(user0 + 20), "User"), "");
  group(sid(525), "PROTECTED USERS", mem(sid(user0), "User"), "");
  group("CORP.LOCAL-S-1-5-32-544", "ADMINISTRATORS",
        mem(sid(512), "Group") + "," + mem(sid(519), "Group"), "");
  for (long i = 10; i < groups; ++i) {
    std::string members;
    const int count = 5 + int(rng() % 40);
    for (int m = 0; m < count; ++m)
      members += (m ? "," : "") + mem(sid(pick(user0, users)), "User");
    if (i > 30) members += "," + mem(sid(group0 + 10 + long(rng() % 20)), "Group");
    group(sid(group0 + i), "GROUP" + std::to_string(i), members, "");
  }
  g.close("groups", std::size_t(groups - 4));

  Writer o(out / "bench_ous.json");
  for (long i = 0; i < ous; ++i)
    o.item("{\"ObjectIdentifier\":\"" + guid(1 + i) + "\",\"Properties\":{\"name\":\"OU" +
           std::to_string(i) + "@CORP.LOCAL\",\"distinguishedname\":\"OU=OU" + std::to_string(i) +
           ",DC=CORP,DC=LOCAL\"},\"Links\":[{\"IsEnforced\":false,\"GUID\":\"" +
           guid(1000000 + i % gpos) + "\"}],\"Aces\":" + default_aces() + "],\"IsDeleted\":false}");
  o.close("ous", std::size_t(ous));

  Writer p(out / "bench_gpos.json");
  for (long i = 0; i < gpos; ++i)
    p.item("{\"ObjectIdentifier\":\"" + guid(1000000 + i) + "\",\"Properties\":{\"name\":\"GPO" +
           std::to_string(i) + "@CORP.LOCAL\"},\"Aces\":" + default_aces() +
           (i == 0 ? "," + ace(sid(group0 + 15), "Group", "GenericWrite", false) : "") +
           "],\"IsDeleted\":false}");
  p.close("gpos", std::size_t(gpos));

  Writer d(out / "bench_domains.json");
  d.item(std::string("{\"ObjectIdentifier\":\"") + kD +
         "\",\"Properties\":{\"name\":\"CORP.LOCAL\",\"distinguishedname\":\"DC=CORP,DC=LOCAL\"," +
         "\"functionallevel\":\"2016\",\"machineaccountquota\":10},\"Trusts\":[],\"Links\":[],"
         "\"Aces\":" +
         default_aces() + "," + ace(sid(516), "Group", "GetChangesAll", false) + "," +
         ace(sid(516), "Group", "GetChanges", false) + "," +
         ace(sid(group0 + 40), "Group", "GetChanges", false) + "," +
         ace(sid(group0 + 41), "Group", "GetChangesAll", false) + "]}");
  d.close("domains", 1);

  // AD CS.
  const long templates = std::max(30L, n / 1000);
  Writer t(out / "bench_certtemplates.json");
  std::string published;
  for (long i = 0; i < templates; ++i) {
    const bool esc1 = i == 7;
    const std::string id = guid(2000000 + i);
    published += (i ? "," : "") + std::string("{\"ObjectIdentifier\":\"") + id +
                 "\",\"ObjectType\":\"CertTemplate\"}";
    t.item("{\"ObjectIdentifier\":\"" + id + "\",\"Properties\":{\"name\":\"TEMPLATE" +
           std::to_string(i) + "@CORP.LOCAL\",\"schemaversion\":" + (i % 3 ? "2" : "1") +
           ",\"enrolleesuppliessubject\":" + (esc1 || i % 5 == 0 ? "true" : "false") +
           ",\"authenticationenabled\":" + (i % 2 ? "true" : "false") +
           ",\"requiresmanagerapproval\":" + (esc1 || i % 4 ? "false" : "true") +
           ",\"authorizedsignatures\":0,\"nosecurityextension\":false,"
           "\"effectiveekus\":[\"1.3.6.1.5.5.7.3.2\"],\"issuancepolicies\":[],"
           "\"applicationpolicies\":[]},\"Aces\":" +
           default_aces() + "," +
           ace(esc1 ? sid(group0 + 25) : sid(512), "Group", "Enroll", false) +
           // Domain Users enroll on the harmless authentication templates.
           (i % 2 && i % 5 && !esc1 ? "," + ace(sid(513), "Group", "Enroll", false) : "") +
           "],\"IsDeleted\":false}");
  }
  t.close("certtemplates", std::size_t(templates));
  Writer ca(out / "bench_enterprisecas.json");
  for (int i = 0; i < 2; ++i)
    ca.item("{\"ObjectIdentifier\":\"" + guid(3000000 + i) + "\",\"Properties\":{\"name\":\"CA" +
            std::to_string(i) + "@CORP.LOCAL\",\"certthumbprint\":\"AB" + std::to_string(i) +
            "\"},\"HostingComputer\":\"" + sid(comp0 + 2 + i) + "\",\"EnabledCertTemplates\":[" +
            published + "],\"CARegistryData\":{\"CASecurity\":{\"Data\":[" +
            ace(sid(512), "Group", "ManageCA", false) + "," +
            ace(sid(513), "Group", "Enroll", false) +
            "],\"Collected\":true},\"IsUserSpecifiesSanEnabled\":{\"Value\":false,"
            "\"Collected\":true}},\"Aces\":" +
            default_aces() + "],\"IsDeleted\":false}");
  ca.close("enterprisecas", 2);
  Writer nt(out / "bench_ntauthstores.json");
  nt.item("{\"ObjectIdentifier\":\"" + guid(4000000) +
          "\",\"Properties\":{\"name\":\"NTAUTHCERTIFICATES@CORP.LOCAL\",\"certthumbprints\":"
          "[\"AB0\",\"AB1\"]},\"Aces\":" +
          default_aces() + "],\"IsDeleted\":false}");
  nt.close("ntauthstores", 1);
  Writer ip(out / "bench_issuancepolicies.json");
  for (int i = 0; i < 3; ++i)
    ip.item("{\"ObjectIdentifier\":\"" + guid(5000000 + i) +
            "\",\"Properties\":{\"name\":\"POLICY" + std::to_string(i) +
            "@CORP.LOCAL\",\"oid\":\"1.2.3." + std::to_string(i) +
            "\"},\"Aces\":" + default_aces() + "],\"IsDeleted\":false}");
  ip.close("issuancepolicies", 3);
  return 0;
}
