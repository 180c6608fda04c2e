// Table tests for every rule: each case is a port (and the analysis date), the rule, and
// whether it must fire — both sides of each boundary.
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "helpers.hpp"

namespace carepilot::exposure {
namespace {

using namespace test;

Port port(const char* proto, std::uint16_t n, const char* service = "") {
  Port p;
  p.protocol = proto;
  p.number = n;
  p.service = service;
  return p;
}

std::vector<std::string> fired(const Port& p, Date as_of = day("2026-12-01")) {
  const Data& d = builtin_data();
  Context ctx{d, as_of};
  Host h;
  h.address = "91.207.53.1";
  std::vector<Finding> out;
  check_port(ctx, h, p, out);
  std::vector<std::string> ids;
  for (const auto& f : out) ids.push_back(f.rule->id);
  return ids;
}

bool fires(const Port& p, const std::string& rule, Date as_of = day("2026-12-01")) {
  auto ids = fired(p, as_of);
  return std::find(ids.begin(), ids.end(), rule) != ids.end();
}

TEST(ExposureRules, EveryRuleHasMetadataAndEveryMetadataARule) {
  std::set<std::string> code, data;
  for (const auto& r : all_rules()) code.insert(r.id);
  for (const auto& r : builtin_data().rules) {
    data.insert(r.id);
    EXPECT_FALSE(r.title.empty());
    EXPECT_FALSE(r.rationale.empty());
    EXPECT_FALSE(r.remediation.empty());
    EXPECT_FALSE(r.references.empty()) << r.id;
  }
  EXPECT_EQ(code, data);
}

struct ServiceCase {
  const char* name;
  Port p;
  const char* rule;
  bool expected;
};

Port tls(Port p) {
  p.tls = true;
  return p;
}

class ServiceRules : public ::testing::TestWithParam<ServiceCase> {};

TEST_P(ServiceRules, Fires) {
  const auto& c = GetParam();
  EXPECT_EQ(fires(c.p, c.rule), c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ServiceRules,
    ::testing::Values(
        ServiceCase{"rdp_port", port("tcp", 3389), "exposed-remote-admin", true},
        ServiceCase{"rdp_by_name_on_other_port", port("tcp", 13389, "ms-wbt-server"),
                    "exposed-remote-admin", true},
        ServiceCase{"rdp_udp_is_not_tcp", port("udp", 3389), "exposed-remote-admin", false},
        ServiceCase{"port_3388", port("tcp", 3388), "exposed-remote-admin", false},
        ServiceCase{"vnc", port("tcp", 5900), "exposed-remote-admin", true},
        ServiceCase{"winrm_https", port("tcp", 5986), "exposed-remote-admin", true},
        ServiceCase{"telnet", port("tcp", 23, "telnet"), "exposed-remote-admin", true},
        ServiceCase{"ssh_is_not_never_exposed", port("tcp", 22, "ssh"), "exposed-remote-admin",
                    false},
        ServiceCase{"smb", port("tcp", 445), "exposed-file-sharing", true},
        ServiceCase{"netbios", port("tcp", 139), "exposed-file-sharing", true},
        ServiceCase{"ftp_cleartext", port("tcp", 21, "ftp"), "exposed-file-sharing", true},
        ServiceCase{"ftp_with_tls", tls(port("tcp", 21, "ftp")), "exposed-file-sharing", false},
        ServiceCase{"mysql", port("tcp", 3306), "exposed-database", true},
        ServiceCase{"postgresql_by_name", port("tcp", 15432, "postgresql"), "exposed-database",
                    true},
        ServiceCase{"mssql", port("tcp", 1433), "exposed-database", true},
        ServiceCase{"ldap", port("tcp", 389), "exposed-directory", true},
        ServiceCase{"ldaps_gc", port("tcp", 3269), "exposed-directory", true},
        ServiceCase{"snmp_udp", port("udp", 161), "exposed-snmp", true},
        ServiceCase{"snmp_wrong_port", port("udp", 160), "exposed-snmp", false},
        ServiceCase{"printer_raw", port("tcp", 9100), "exposed-printer", true},
        ServiceCase{"ipp", port("tcp", 631), "exposed-printer", true},
        ServiceCase{"teamviewer", port("tcp", 5938), "exposed-remote-maintenance", true},
        ServiceCase{"anydesk", port("tcp", 7070), "exposed-remote-maintenance", true},
        ServiceCase{"http_cleartext", port("tcp", 8080, "http"), "cleartext-protocol", true},
        ServiceCase{"https", tls(port("tcp", 443, "http")), "cleartext-protocol", false},
        ServiceCase{"http_80_masscan", port("tcp", 80), "cleartext-protocol", true},
        ServiceCase{"pop3", port("tcp", 110, "pop3"), "cleartext-protocol", true},
        ServiceCase{"pop3s", tls(port("tcp", 995, "pop3")), "cleartext-protocol", false},
        ServiceCase{"imap", port("tcp", 143), "cleartext-protocol", true},
        ServiceCase{"https_443_nothing", tls(port("tcp", 443, "http")), "exposed-remote-admin",
                    false}),
    [](const auto& info) { return std::string(info.param.name); });

// Certificate expiry: the analysis day is 01/12/2026 (Paris), the threshold N = 30 days.
Port cert_port(const char* not_after, const char* subject = "commonName=a",
               const char* issuer = "commonName=CA") {
  Port p = tls(port("tcp", 443, "http"));
  p.cert.present = true;
  p.cert.subject = subject;
  p.cert.issuer = issuer;
  p.cert.self_signed = p.cert.subject == p.cert.issuer;
  p.cert.not_after = not_after;
  p.cert.not_after_s = parse_nmap_time(not_after);
  return p;
}

struct CertCase {
  const char* name;
  const char* not_after;  // UTC, as nmap writes it
  bool expired, expiring;
};

class CertificateRules : public ::testing::TestWithParam<CertCase> {};

TEST_P(CertificateRules, Boundaries) {
  const auto& c = GetParam();
  ASSERT_EQ(builtin_data().expiring_days, 30);
  const Port p = cert_port(c.not_after);
  EXPECT_EQ(fires(p, "tls-cert-expired"), c.expired) << c.name;
  EXPECT_EQ(fires(p, "tls-cert-expiring"), c.expiring) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CertificateRules,
    ::testing::Values(
        // 30/11/2026 23:59 Paris = 22:59 UTC: expired the day before the analysis.
        CertCase{"expired_yesterday_paris", "2026-11-30T22:59:59", true, false},
        // 30/11/2026 23:30 UTC is already 01/12/2026 00:30 in Paris: valid today.
        CertCase{"last_day_is_today_in_paris", "2026-11-30T23:30:00", false, true},
        CertCase{"today", "2026-12-01T12:00:00", false, true},
        CertCase{"n_minus_1_days", "2026-12-30T12:00:00", false, true},
        CertCase{"n_days", "2026-12-31T12:00:00", false, true},
        CertCase{"n_plus_1_days", "2027-01-01T12:00:00", false, false},
        CertCase{"far", "2030-01-01T00:00:00", false, false},
        CertCase{"long_expired", "2020-01-01T00:00:00", true, false},
        CertCase{"unparsable_date", "someday", false, false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ExposureRules, SelfSigned) {
  EXPECT_TRUE(
      fires(cert_port("2030-01-01T00:00:00", "commonName=x", "commonName=x"), "tls-self-signed"));
  EXPECT_FALSE(
      fires(cert_port("2030-01-01T00:00:00", "commonName=x", "commonName=R3"), "tls-self-signed"));
  Port none = tls(port("tcp", 443));
  EXPECT_FALSE(fires(none, "tls-self-signed"));
}

Port tls_scan(std::vector<std::string> protocols, std::string least,
              std::vector<std::pair<std::string, std::string>> ciphers = {}) {
  Port p = tls(port("tcp", 443, "http"));
  p.tls_scan.present = true;
  p.tls_scan.protocols = std::move(protocols);
  p.tls_scan.least_strength = std::move(least);
  p.tls_scan.ciphers = std::move(ciphers);
  return p;
}

TEST(ExposureRules, WeakProtocols) {
  EXPECT_TRUE(fires(tls_scan({"SSLv3", "TLSv1.2"}, "A"), "tls-weak-protocol"));
  EXPECT_TRUE(fires(tls_scan({"TLSv1.0"}, "A"), "tls-weak-protocol"));
  EXPECT_TRUE(fires(tls_scan({"TLSv1.1", "TLSv1.2"}, "A"), "tls-weak-protocol"));
  EXPECT_FALSE(fires(tls_scan({"TLSv1.2", "TLSv1.3"}, "A"), "tls-weak-protocol"));
  EXPECT_FALSE(fires(tls_scan({}, ""), "tls-weak-protocol"));
}

TEST(ExposureRules, WeakCipherGrades) {
  // Grades A and B pass; C and below fail (rules.yaml weak_grades).
  EXPECT_FALSE(fires(tls_scan({"TLSv1.2"}, "A", {{"x", "A"}}), "tls-weak-ciphers"));
  EXPECT_FALSE(fires(tls_scan({"TLSv1.2"}, "B", {{"x", "A"}, {"y", "B"}}), "tls-weak-ciphers"));
  EXPECT_TRUE(fires(tls_scan({"TLSv1.2"}, "C", {{"x", "A"}, {"y", "C"}}), "tls-weak-ciphers"));
  EXPECT_TRUE(fires(tls_scan({"TLSv1.2"}, "F"), "tls-weak-ciphers"));
  EXPECT_FALSE(fires(tls(port("tcp", 443)), "tls-weak-ciphers"));
}

TEST(ExposureRules, AdminInterfaceFromTitle) {
  auto titled = [](const char* t) {
    Port p = tls(port("tcp", 443, "http"));
    p.http_title = t;
    return p;
  };
  EXPECT_TRUE(fires(titled("phpMyAdmin"), "admin-interface"));
  EXPECT_TRUE(fires(titled("FortiGate - Login"), "admin-interface"));
  EXPECT_TRUE(fires(titled("Integrated Dell Remote Access Controller 9"), "admin-interface"));
  EXPECT_TRUE(fires(titled("VMware ESXi"), "admin-interface"));
  EXPECT_FALSE(fires(titled("Centre hospitalier - Accueil"), "admin-interface"));
  EXPECT_FALSE(fires(titled(""), "admin-interface"));
}

Port product(const char* name, const char* version) {
  Port p = port("tcp", 80, "http");
  p.product = name;
  p.version = version;
  return p;
}

struct EolCase {
  const char* name;
  const char* product;
  const char* version;
  const char* as_of;
  bool expected;
};

class EndOfLifeRule : public ::testing::TestWithParam<EolCase> {};

TEST_P(EndOfLifeRule, Fires) {
  const auto& c = GetParam();
  EXPECT_EQ(fires(product(c.product, c.version), "end-of-life", day(c.as_of)), c.expected)
      << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, EndOfLifeRule,
    ::testing::Values(
        EolCase{"iis75_after_eol", "Microsoft IIS httpd", "7.5", "2026-12-01", true},
        EolCase{"iis75_day_before_eol", "Microsoft IIS httpd", "7.5", "2020-01-13", false},
        EolCase{"iis75_on_eol_day", "Microsoft IIS httpd", "7.5", "2020-01-14", true},
        EolCase{"iis10_supported", "Microsoft IIS httpd", "10.0", "2026-12-01", false},
        EolCase{"iis85_upper_bound_excluded", "Microsoft IIS httpd", "8.5", "2026-12-01", true},
        EolCase{"apache22", "Apache httpd", "2.2.34", "2026-12-01", true},
        EolCase{"apache24", "Apache httpd", "2.4.62", "2026-12-01", false},
        EolCase{"esxi67", "VMware ESXi", "6.7.0", "2026-12-01", true},
        EolCase{"openssh9", "OpenSSH", "9.2p1 Debian 2", "2026-12-01", false},
        EolCase{"openssh6", "OpenSSH", "6.6.1p1", "2026-12-01", true},
        EolCase{"nginx118", "nginx", "1.18.0", "2026-12-01", true},
        EolCase{"nginx118_day_before_eol", "nginx", "1.18.0", "2021-04-19", false},
        EolCase{"nginx118_on_eol_day", "nginx", "1.18.0", "2021-04-20", true},
        EolCase{"nginx122_not_listed", "nginx", "1.22.1", "2026-12-01", false},
        EolCase{"vsftpd234", "vsftpd", "2.3.4", "2026-12-01", true},
        EolCase{"vsftpd305", "vsftpd", "3.0.5", "2026-12-01", false},
        EolCase{"no_version", "Apache httpd", "", "2026-12-01", false},
        EolCase{"unknown_product", "lighttpd", "1.4.0", "2026-12-01", false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ExposureRules, WindowsVersionFromNtlm) {
  Port p = port("tcp", 3389, "ms-wbt-server");
  p.ntlm_product_version = "6.3.9600";
  p.ntlm_domain = "chex.local";
  EXPECT_TRUE(fires(p, "end-of-life"));
  EXPECT_TRUE(fires(p, "ntlm-info-leak"));
  p.ntlm_product_version = "10.0.20348";
  EXPECT_FALSE(fires(p, "end-of-life"));
  Port quiet = port("tcp", 3389, "ms-wbt-server");
  EXPECT_FALSE(fires(quiet, "ntlm-info-leak"));
}

TEST(ExposureRules, SmbV1) {
  Port p = port("tcp", 445, "microsoft-ds");
  p.smb_dialects = {"2:0:2", "3:1:1"};
  EXPECT_FALSE(fires(p, "smbv1"));
  p.smb_dialects.insert(p.smb_dialects.begin(), "NT LM 0.12 (SMBv1) [dangerous, but default]");
  EXPECT_TRUE(fires(p, "smbv1"));
}

TEST(ExposureRules, PrivateAddresses) {
  const auto& d = builtin_data();
  auto is_private = [&](const char* a) {
    auto addr = parse_address(a);
    for (const auto& n : d.private_networks)
      if (addr && in_network(*addr, n)) return true;
    return false;
  };
  EXPECT_TRUE(is_private("10.0.0.1"));
  EXPECT_TRUE(is_private("172.16.0.1"));
  EXPECT_TRUE(is_private("172.31.255.255"));
  EXPECT_FALSE(is_private("172.32.0.1"));
  EXPECT_FALSE(is_private("172.15.255.255"));
  EXPECT_TRUE(is_private("192.168.10.1"));
  EXPECT_TRUE(is_private("100.64.0.1"));
  EXPECT_FALSE(is_private("100.128.0.1"));
  EXPECT_TRUE(is_private("127.0.0.1"));
  EXPECT_TRUE(is_private("::1"));
  EXPECT_TRUE(is_private("fd00::1"));
  EXPECT_TRUE(is_private("fe80::1"));
  EXPECT_FALSE(is_private("91.207.53.10"));
  EXPECT_FALSE(is_private("77.159.220.7"));
}

// The documentation ranges (RFC 5737, RFC 3849) are never on the internet: a scan of them is
// an example, not an exposure. Each range on both sides of both of its bounds.
TEST(ExposureRules, DocumentationRangesAreNotPublic) {
  const auto& d = builtin_data();
  auto is_private = [&](const char* a) {
    auto addr = parse_address(a);
    EXPECT_TRUE(addr.has_value()) << a;
    for (const auto& n : d.private_networks)
      if (addr && in_network(*addr, n)) return true;
    return false;
  };
  struct Range {
    const char *below, *first, *last, *above;
  };
  for (const Range& r : {
           Range{"192.0.1.255", "192.0.2.0", "192.0.2.255", "192.0.3.0"},
           Range{"198.51.99.255", "198.51.100.0", "198.51.100.255", "198.51.101.0"},
           Range{"203.0.112.255", "203.0.113.0", "203.0.113.255", "203.0.114.0"},
           Range{"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff",
                 "2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::"},
       }) {
    SCOPED_TRACE(r.first);
    EXPECT_FALSE(is_private(r.below));
    EXPECT_TRUE(is_private(r.first));
    EXPECT_TRUE(is_private(r.last));
    EXPECT_FALSE(is_private(r.above));
  }
}

TEST(ExposureRules, Versions) {
  EXPECT_EQ(version_numbers("2.4.41"), (std::vector<int>{2, 4, 41}));
  EXPECT_EQ(version_numbers("9.2p1 Debian"), (std::vector<int>{9, 2}));
  EXPECT_TRUE(version_numbers("beta").empty());
  EXPECT_EQ(compare_versions({7, 5}, {7, 5, 0}), 0);
  EXPECT_EQ(compare_versions({7, 5}, {8}), -1);
}

// The hand-made public scan: every family fires where expected, with its score.
TEST(ExposureAnalysis, PublicScan) {
  auto r = analyse_text(slurp(data_path("public.xml")));
  EXPECT_TRUE(r.internet_audit());
  ASSERT_EQ(r.hosts.size(), 2u);
  const auto* h = host(r, "91.207.53.10");
  EXPECT_EQ(count(h, "exposed-remote-admin", 3389), 1);
  EXPECT_EQ(count(h, "exposed-file-sharing", 445), 1);
  EXPECT_EQ(count(h, "smbv1", 445), 1);
  EXPECT_EQ(count(h, "ntlm-info-leak", 3389), 1);
  EXPECT_EQ(count(h, "end-of-life", 3389), 1);  // Windows 6.3 (2012 R2)
  EXPECT_EQ(count(h, "end-of-life", 80), 1);    // Apache 2.2
  EXPECT_EQ(count(h, "cleartext-protocol", 80), 1);
  EXPECT_EQ(count(h, "admin-interface", 80), 1);  // "Routeur"
  EXPECT_EQ(count(h, "tls-cert-expiring", 443), 1);
  EXPECT_EQ(count(h, "tls-weak-protocol", 443), 1);
  EXPECT_EQ(count(h, "tls-weak-ciphers", 443), 1);
  EXPECT_EQ(count(h, "tls-self-signed"), 0);
  EXPECT_EQ(count(h, "exposed-remote-admin", 22), 0);
  const auto* iis = host(r, "91.207.53.12");
  EXPECT_EQ(count(iis, "tls-cert-expired", 443), 1);
  EXPECT_EQ(count(iis, "tls-self-signed", 443), 1);
  EXPECT_EQ(count(iis, "admin-interface", 443), 1);
  EXPECT_EQ(count(iis, "end-of-life", 443), 1);
  // Score = sum of weights (critical 10, high 5, medium 2, low 1).
  int expected = 0;
  for (const auto& hr : r.hosts) {
    int s = 0;
    for (const auto& f : hr.findings) s += builtin_data().weight(f.rule->severity);
    EXPECT_EQ(hr.score, s);
    expected += s;
  }
  EXPECT_EQ(r.score, static_cast<std::uint64_t>(expected));
  // 3 critical on .10: RDP, SMB, SMBv1.
  EXPECT_EQ(r.by_severity[0], 3u);
}

TEST(ExposureAnalysis, PrivateOnlyIsNotAnInternetAudit) {
  auto r = analyse_text(slurp(data_path("private_only.xml")));
  EXPECT_TRUE(r.private_only);
  EXPECT_FALSE(r.internet_audit());
  EXPECT_EQ(r.input.warnings.by_kind["private_addresses_only"], 1u);
  EXPECT_EQ(r.hosts_private, 2u);
  // Findings are still computed.
  EXPECT_EQ(count(host(r, "192.168.1.20"), "exposed-file-sharing", 445), 1);
}

// A scan of the documentation ranges only is not an internet audit, as a scan of private
// addresses is not; beside public hosts just outside those ranges, they are left out and
// counted, the public ones analysed.
TEST(ExposureAnalysis, DocumentationAddressesAreNotAnInternetAudit) {
  const std::string doc = slurp(data_path("documentation_only.xml"));
  auto r = analyse_text(doc);
  EXPECT_TRUE(r.private_only);
  EXPECT_FALSE(r.internet_audit());
  EXPECT_EQ(r.hosts_private, 4u);
  EXPECT_EQ(r.input.warnings.by_kind["private_addresses_only"], 1u);
  auto record = [](const char* ip, int port) {
    return std::string("{\"ip\": \"") + ip +
           "\", \"timestamp\": \"1764582000\", \"ports\": [{\"port\": " + std::to_string(port) +
           ", \"proto\": \"tcp\", \"status\": \"open\"}]}\n";
  };
  auto both = analyse_text(record("203.0.113.255", 3389) + record("203.0.114.0", 3389) +
                           record("2001:db8::", 23) + record("2001:db9::", 23));
  EXPECT_FALSE(both.private_only);
  EXPECT_TRUE(both.internet_audit());
  ASSERT_EQ(both.hosts.size(), 2u);
  EXPECT_EQ(both.hosts[0].address, "203.0.114.0");
  EXPECT_EQ(both.hosts[1].address, "2001:db9::");
  EXPECT_EQ(both.hosts_private_ignored, 2u);
  EXPECT_EQ(both.findings, 2u);
}

// A scan mixing a public host and a private one with the same ports: the private host is
// not on the internet, so it is left out of the hosts, findings and score, and counted.
TEST(ExposureAnalysis, PrivateHostsOfAMixedScanAreLeftOutAndCounted) {
  const std::string mixed = slurp(data_path("mixed_private.xml"));
  auto r = analyse_text(mixed);
  EXPECT_FALSE(r.private_only);
  EXPECT_TRUE(r.internet_audit());
  ASSERT_EQ(r.hosts.size(), 1u);
  EXPECT_EQ(r.hosts[0].address, "193.48.10.20");
  EXPECT_EQ(host(r, "192.168.1.10"), nullptr);
  EXPECT_EQ(r.open_ports, 2u);
  EXPECT_EQ(r.hosts_private, 1u);
  EXPECT_EQ(r.hosts_private_ignored, 1u);
  EXPECT_EQ(r.input.warnings.by_kind["private_hosts_ignored"], 1u);
  EXPECT_EQ(r.input.warnings.total(), 1u);
  ASSERT_FALSE(r.input.warnings.samples.empty());
  EXPECT_EQ(r.input.warnings.samples[0], "1 hôte à adresse non publique ignoré");
  // Same findings and score as the public host scanned alone (not doubled).
  const auto cut = mixed.find("<host><status state=\"up\" reason=\"arp-response\"");
  const auto end = mixed.find("</host>", cut) + 7;
  ASSERT_NE(cut, std::string::npos);
  auto alone = analyse_text(mixed.substr(0, cut) + mixed.substr(end));
  ASSERT_EQ(alone.hosts.size(), 1u);
  EXPECT_EQ(alone.hosts_private_ignored, 0u);
  EXPECT_EQ(alone.input.warnings.total(), 0u);
  EXPECT_GT(alone.score, 0u);
  EXPECT_EQ(r.score, alone.score);
  EXPECT_EQ(r.findings, alone.findings);
  EXPECT_EQ(r.by_severity, alone.by_severity);
  for (const auto& [rule, n] : r.rule_counts)
    for (const auto& [rule2, n2] : alone.rule_counts)
      if (rule == rule2) {
        EXPECT_EQ(n, n2) << rule->id;
      }
}

TEST(ExposureAnalysis, PrivateHostsIgnoredTextHasRealPlurals) {
  EXPECT_EQ(private_hosts_ignored_text(1), "1 hôte à adresse non publique ignoré");
  EXPECT_EQ(private_hosts_ignored_text(2), "2 hôtes à adresse non publique ignorés");
  EXPECT_EQ(private_hosts_ignored_text(1234), "1\u00a0234 hôtes à adresse non publique ignorés");
}

// A port seen again in another file replaces the first sighting (no double finding).
TEST(ExposureAnalysis, SamePortTwice) {
  Analyzer a(day("2026-12-01"));
  Host h;
  h.address = "91.207.53.9";
  h.ports.push_back(port("tcp", 3389));
  a.add(Host(h));
  a.add(Host(h));
  auto r = a.finish({});
  ASSERT_EQ(r.hosts.size(), 1u);
  EXPECT_EQ(r.hosts[0].ports.size(), 1u);
  EXPECT_EQ(r.hosts[0].findings.size(), 1u);
}

// The last reading of a port wins: a port read again with another product replaces the
// first reading and its findings.
TEST(ExposureAnalysis, LastReadingWins) {
  Analyzer a(day("2026-12-01"));
  Host h;
  h.address = "91.207.53.9";
  Port old_iis = port("tcp", 443, "http");
  old_iis.tls = true;
  old_iis.product = "Microsoft IIS httpd";
  old_iis.version = "7.5";
  h.ports = {old_iis, port("tcp", 3389)};
  a.add(Host(h));
  Port new_iis = old_iis;
  new_iis.version = "10.0";
  h.ports = {new_iis};
  a.add(Host(h));
  auto r = a.finish({});
  ASSERT_EQ(r.hosts.size(), 1u);
  ASSERT_EQ(r.hosts[0].ports.size(), 2u);
  EXPECT_EQ(r.hosts[0].ports[0].number, 443);
  EXPECT_EQ(r.hosts[0].ports[0].version, "10.0");
  EXPECT_EQ(count(&r.hosts[0], "end-of-life"), 0);
  EXPECT_EQ(count(&r.hosts[0], "exposed-remote-admin", 3389), 1);
}

// A host answering on every port, one masscan element per port: linear, not quadratic.
TEST(ExposureAnalysis, HostOnEveryPort) {
  Analyzer a(day("2026-12-01"));
  const auto t0 = std::chrono::steady_clock::now();
  for (int n = 1; n <= 65535; ++n) {
    Host h;
    h.address = "91.207.53.77";
    h.ports.push_back(port("tcp", static_cast<std::uint16_t>(n)));
    a.add(std::move(h));
  }
  auto r = a.finish({});
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.hosts.size(), 1u);
  EXPECT_EQ(r.hosts[0].ports.size(), 65535u);
  EXPECT_LT(s, 30.0);  // minutes when each reading scanned the host's ports (sanitizer build)
}

}  // namespace
}  // namespace carepilot::exposure
