// The streaming readers on hand-made files: nmap XML with NSE output, masscan XML and JSON,
// blocks of every size, and the inputs they must refuse or warn about.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>

#include "exposure/readers/input_error.hpp"
#include "helpers.hpp"

namespace carepilot::exposure {
namespace {

using namespace test;

std::vector<Host> read_all(const std::string& text, ReadStats& stats, std::size_t block = 0,
                           const Limits& limits = {}) {
  std::vector<Host> hosts;
  auto sink = [&](Host&& h) { hosts.push_back(std::move(h)); };
  if (block == 0) {
    read_scan("t", text, sink, stats, limits);
  } else {
    auto r = make_reader(std::string_view(text).substr(0, 4096), "t", sink, stats, limits);
    for (std::size_t i = 0; i < text.size(); i += block)
      r->feed(std::string_view(text).substr(i, block));
    r->finish();
  }
  return hosts;
}

TEST(ExposureReaders, NmapXmlWithScripts) {
  ReadStats stats;
  auto hosts = read_all(slurp(data_path("public.xml")), stats);
  ASSERT_EQ(hosts.size(), 2u);  // the down host is counted, not handed over
  EXPECT_EQ(stats.hosts_read, 3u);
  EXPECT_EQ(stats.hosts_up, 2u);
  EXPECT_EQ(stats.hosts_down, 1u);
  EXPECT_EQ(stats.ports_open, 6u);
  ASSERT_EQ(stats.scanners.size(), 1u);
  EXPECT_EQ(stats.scanners[0], "nmap 7.93");
  const Host& h = hosts[0];
  EXPECT_EQ(h.address, "91.207.53.10");
  ASSERT_EQ(h.hostnames.size(), 1u);
  EXPECT_EQ(h.hostnames[0], "portail.ch-exemple.fr");
  ASSERT_EQ(h.ports.size(), 5u);
  EXPECT_EQ(h.ports[0].service, "ssh");
  EXPECT_EQ(h.ports[0].product, "OpenSSH");
  EXPECT_EQ(h.ports[0].version, "9.2p1 Debian 2+deb12u3");
  EXPECT_FALSE(h.ports[0].tls);
  EXPECT_EQ(h.ports[1].http_title, "Connexion \xE2\x80\x93 Routeur & pare-feu");
  const Port& tls = h.ports[2];
  EXPECT_TRUE(tls.tls);
  EXPECT_TRUE(tls.cert.present);
  EXPECT_EQ(tls.cert.subject, "commonName=portail.ch-exemple.fr");
  EXPECT_EQ(tls.cert.issuer, "commonName=R3, organizationName=Let's Encrypt");
  EXPECT_FALSE(tls.cert.self_signed);
  EXPECT_EQ(tls.cert.not_after, "2026-12-20T23:59:59");
  ASSERT_TRUE(tls.cert.not_after_s);
  EXPECT_EQ(*tls.cert.not_after_s, 1797811199);  // 2026-12-20T23:59:59Z
  EXPECT_EQ(tls.tls_scan.protocols, (std::vector<std::string>{"TLSv1.0", "TLSv1.2"}));
  EXPECT_EQ(tls.tls_scan.least_strength, "C");
  ASSERT_EQ(tls.tls_scan.ciphers.size(), 2u);
  EXPECT_EQ(tls.tls_scan.ciphers[0].second, "C");
  const Port& rdp = h.ports[3];
  EXPECT_EQ(rdp.ntlm_domain, "chex.local");
  EXPECT_EQ(rdp.ntlm_computer, "srv-tse01.chex.local");
  EXPECT_EQ(rdp.ntlm_product_version, "6.3.9600");
  const Port& smb = h.ports[4];
  EXPECT_EQ(smb.number, 445);
  ASSERT_EQ(smb.smb_dialects.size(), 3u);
  EXPECT_EQ(smb.smb_dialects[0], "NT LM 0.12 (SMBv1) [dangerous, but default]");
  EXPECT_TRUE(hosts[1].ports[0].cert.self_signed);
}

// Every block size gives the same hosts: the chunker finds elements across block edges.
TEST(ExposureReaders, BlocksOfAnySize) {
  const std::string text = slurp(data_path("public.xml"));
  ReadStats whole;
  const auto expected = read_all(text, whole);
  for (std::size_t block : {1u, 2u, 3u, 5u, 7u, 64u, 1000u, 4096u}) {
    ReadStats stats;
    auto hosts = read_all(text, stats, block);
    ASSERT_EQ(hosts.size(), expected.size()) << block;
    for (std::size_t i = 0; i < hosts.size(); ++i) {
      EXPECT_EQ(hosts[i].address, expected[i].address) << block;
      EXPECT_EQ(hosts[i].ports.size(), expected[i].ports.size()) << block;
    }
    EXPECT_EQ(stats.hosts_down, 1u) << block;
  }
}

// UTF-16LE with its byte-order mark, from UTF-8 text of the basic plane (the test's own).
std::string utf16le(const std::string& utf8) {
  std::string out("\xFF\xFE", 2);
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xE0)
      cp = (c & 0x0Fu) << 12 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6 |
           (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu),
      n = 3;
    else if (c >= 0xC0)
      cp = (c & 0x1Fu) << 6 | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu), n = 2;
    out.push_back(static_cast<char>(cp & 0xFF));
    out.push_back(static_cast<char>(cp >> 8));
    i += n;
  }
  return out;
}

std::size_t line_of(const std::string& text, std::string_view what) {
  const auto at = text.find(what);
  return static_cast<std::size_t>(
             std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) +
         1;
}

// A scan re-saved in Latin-1 is refused at the line of its first bad byte, whatever the
// blocks it is read by (a sequence may straddle two); the same scan in UTF-8 is read, and so
// is one in an encoding its XML declaration names, or in UTF-16 with its byte-order mark.
TEST(ExposureReaders, TextThatIsNotUtf8IsRefusedAtItsLine) {
  const std::string utf8 = slurp(data_path("public.xml"));
  const std::string title = "Routeur &amp; pare-feu</elem>";
  ASSERT_NE(utf8.find(title), std::string::npos);
  std::string latin1 = utf8;
  latin1.replace(latin1.find(title), title.size(), "Routeur &amp; pare-feu \xE9t\xE9</elem>");
  const std::size_t line = line_of(latin1, "\xE9t");
  EXPECT_EQ(line, 23u);
  for (std::size_t block : {0u, 1u, 3u, 7u, 4096u}) {
    ReadStats stats;
    try {
      read_all(latin1, stats, block);
      ADD_FAILURE() << "accepted, block " << block;
    } catch (const InputError& e) {
      EXPECT_EQ(e.kind, InputError::Kind::encoding) << block;
      EXPECT_EQ(e.line, line) << block;
      EXPECT_EQ(std::string(e.what()).rfind("t:23: le fichier n'est pas en UTF-8", 0), 0u)
          << e.what();
    }
  }
  // The same in UTF-8, by any block: read.
  std::string accented = utf8;
  accented.replace(accented.find(title), title.size(), "Routeur &amp; pare-feu été €</elem>");
  for (std::size_t block : {0u, 1u, 3u, 4096u}) {
    ReadStats stats;
    const auto hosts = read_all(accented, stats, block);
    ASSERT_EQ(hosts.size(), 2u) << block;
    EXPECT_EQ(hosts[0].ports[1].http_title, "Connexion \xE2\x80\x93 Routeur & pare-feu été €");
  }
  // Declared windows-1252 (XML 1.0 §4.3.3): converted.
  std::string cp1252 = latin1;
  cp1252.replace(cp1252.find("encoding=\"UTF-8\""), 16, "encoding='windows-1252'");
  cp1252.replace(cp1252.find("\xE9t\xE9"), 3, "\xE9t\xE9 \x80");
  for (std::size_t block : {0u, 1u, 4096u}) {
    ReadStats stats;
    const auto hosts = read_all(cp1252, stats, block);
    ASSERT_EQ(hosts.size(), 2u) << block;
    EXPECT_EQ(hosts[0].ports[1].http_title, "Connexion \xE2\x80\x93 Routeur & pare-feu été €");
  }
  // UTF-16 with its mark (PowerShell 5's `nmap … > scan.xml`): converted.
  for (std::size_t block : {0u, 1u, 3u, 4096u}) {
    ReadStats stats;
    const auto hosts = read_all(utf16le(accented), stats, block);
    ASSERT_EQ(hosts.size(), 2u) << block;
    EXPECT_EQ(hosts[0].ports[1].http_title, "Connexion \xE2\x80\x93 Routeur & pare-feu été €");
  }
  // An encoding iconv does not know is refused by name.
  std::string unknown = utf8;
  unknown.replace(unknown.find("encoding=\"UTF-8\""), 16, "encoding=\"klingon-8\"");
  ReadStats stats;
  try {
    read_all(unknown, stats);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("encodage « klingon-8 » déclaré inconnu"),
              std::string::npos);
  }
  // masscan JSON must be UTF-8 (RFC 8259): a Latin-1 banner is refused at its line, not
  // counted as a garbage line.
  std::string json = slurp(data_path("masscan_garbage.json"));
  json +=
      "{\"ip\": \"91.207.53.99\", \"timestamp\": \"1764582000\", \"ports\": [{\"port\": 80, "
      "\"proto\": \"tcp\", \"service\": {\"name\": \"http\", \"banner\": \"caf\xE9\"}}]}\n";
  ReadStats js;
  try {
    read_all(json, js, 3);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.kind, InputError::Kind::encoding);
    EXPECT_EQ(e.line, line_of(json, "caf\xE9"));
  }
}

TEST(ExposureReaders, MasscanXmlOneElementPerPort) {
  ReadStats stats;
  auto hosts = read_all(slurp(data_path("masscan.xml")), stats);
  ASSERT_EQ(hosts.size(), 3u);
  EXPECT_EQ(hosts[0].address, "77.159.220.7");
  EXPECT_EQ(hosts[1].address, "77.159.220.7");
  EXPECT_EQ(hosts[1].ports[0].number, 445);
  EXPECT_TRUE(hosts[1].ports[0].service.empty());
  EXPECT_EQ(stats.scanners[0], "masscan 1.0-BETA");
  // Merged by address in the analysis.
  auto r = analyse_text(slurp(data_path("masscan.xml")));
  ASSERT_EQ(r.hosts.size(), 2u);
  EXPECT_EQ(r.hosts[0].ports.size(), 2u);
  EXPECT_EQ(count(&r.hosts[0], "exposed-remote-admin", 3389), 1);
  EXPECT_EQ(count(&r.hosts[0], "exposed-file-sharing", 445), 1);
  EXPECT_EQ(count(&r.hosts[1], "exposed-remote-maintenance", 5938), 1);
}

TEST(ExposureReaders, MasscanJsonWithGarbageLines) {
  ReadStats stats;
  auto hosts = read_all(slurp(data_path("masscan_garbage.json")), stats);
  ASSERT_EQ(hosts.size(), 3u);
  EXPECT_EQ(stats.warnings.by_kind["garbage_line"], 2u);
  EXPECT_EQ(hosts[2].ports[0].http_title, "Synology DiskStation");
  // The same by blocks of 3 bytes.
  ReadStats s3;
  EXPECT_EQ(read_all(slurp(data_path("masscan_garbage.json")), s3, 3).size(), 3u);
  EXPECT_EQ(s3.warnings.by_kind["garbage_line"], 2u);
}

TEST(ExposureReaders, MasscanJsonOnlyGarbageIsRefused) {
  ReadStats stats;
  EXPECT_THROW(read_all("[\nnot json\n{also not}\n]\n", stats), InputError);
}

std::string refusal(const std::string& text, const Limits& limits = {}) {
  ReadStats stats;
  try {
    read_all(text, stats, 0, limits);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(ExposureReaders, RefusedInputs) {
  EXPECT_NE(refusal(slurp(data_path("truncated.xml"))).find("fichier XML tronqué"),
            std::string::npos);
  EXPECT_NE(refusal(slurp(data_path("not_nmap.xml"))).find("pas un fichier XML nmap"),
            std::string::npos);
  EXPECT_NE(refusal(slurp(data_path("xml_bomb.xml"))).find("DOCTYPE ou ENTITY refusée"),
            std::string::npos);
  EXPECT_NE(refusal("").find("fichier vide"), std::string::npos);
  EXPECT_NE(refusal("hello").find("format non reconnu"), std::string::npos);
  // An ENTITY declaration alone (no DOCTYPE keyword) is refused too.
  EXPECT_NE(
      refusal("<?xml version=\"1.0\"?><!ENTITY a \"b\"><nmaprun></nmaprun>").find("ENTITY refusée"),
      std::string::npos);
  // Only the bare declaration nmap writes is accepted.
  EXPECT_NE(refusal("<!DOCTYPE nmaprun SYSTEM \"http://x/y.dtd\"><nmaprun></nmaprun>")
                .find("DOCTYPE ou ENTITY refusée"),
            std::string::npos);
  EXPECT_NE(refusal("<!DOCTYPE nmaprun [ ]><nmaprun></nmaprun>").find("DOCTYPE ou ENTITY refusée"),
            std::string::npos);
  EXPECT_EQ(refusal("<!DOCTYPE  nmaprun ><nmaprun></nmaprun>"), "");
  // A broken host element.
  EXPECT_NE(refusal("<nmaprun><host><status state=\"up\"></host></nmaprun>").find("illisible"),
            std::string::npos);
  // A host element over the limit.
  Limits small;
  small.max_host_bytes = 64;
  EXPECT_NE(refusal(slurp(data_path("public.xml")), small).find("limite"), std::string::npos);
  // A host after the end.
  EXPECT_NE(refusal("<nmaprun></nmaprun><host><address addr=\"1.2.3.4\"/></host>").find("après"),
            std::string::npos);
}

// An entity reference that is not predefined is never expanded (pugixml keeps it as text).
TEST(ExposureReaders, EntitiesAreNotExpanded) {
  ReadStats stats;
  auto hosts = read_all(
      "<nmaprun><host><address addr=\"91.207.53.1\" addrtype=\"ipv4\"/><hostnames><hostname "
      "name=\"&lol9;\"/></hostnames></host></nmaprun>",
      stats);
  ASSERT_EQ(hosts.size(), 1u);
  ASSERT_EQ(hosts[0].hostnames.size(), 1u);
  EXPECT_EQ(hosts[0].hostnames[0], "&lol9;");
}

TEST(ExposureReaders, NoHostUp) {
  auto r = analyse_text(slurp(data_path("no_host_up.xml")));
  EXPECT_TRUE(r.no_host_up);
  EXPECT_FALSE(r.internet_audit());
  EXPECT_EQ(r.input.warnings.by_kind["no_host_up"], 1u);
}

TEST(ExposureReaders, FolderIsOneScan) {
  ReadStats stats;
  std::vector<Host> hosts;
  read_inputs(
      {data_path("folder")}, [&](Host&& h) { hosts.push_back(std::move(h)); }, stats);
  EXPECT_EQ(stats.sources, (std::vector<std::string>{"a-masscan.xml", "b-masscan.json"}));
  EXPECT_EQ(hosts.size(), 4u);
  EXPECT_THROW(read_inputs(
                   {data_path("nothing-here")}, [](Host&&) {}, stats),
               InputError);
}

// User trial: an audit was dated by its upload day. The readers keep when the scan ran, as
// its files say, whatever the blocks they are fed by.
TEST(ExposureReaders, ScanTimeIsKept) {
  const std::string nmap = slurp(data_path("public.xml"));
  for (std::size_t block : {0u, 1u, 3u, 7u, 64u, 4096u}) {
    ReadStats stats;
    read_all(nmap, stats, block);
    ASSERT_TRUE(stats.scan_from) << block;
    EXPECT_EQ(*stats.scan_from, 1796031600) << block;  // <nmaprun start=…>
    ASSERT_TRUE(stats.scan_to) << block;
    EXPECT_EQ(*stats.scan_to, 1796031800) << block;  // <finished time=…>
  }
  for (std::size_t block : {0u, 1u, 5u}) {
    ReadStats stats;
    read_all(slurp(data_path("masscan.xml")), stats, block);
    EXPECT_EQ(stats.scan_from, std::optional<std::int64_t>(1764582000)) << block;
    EXPECT_EQ(stats.scan_to, std::optional<std::int64_t>(1764582010)) << block;
  }
  // masscan JSON: each record's "timestamp", the earliest and the latest.
  for (std::size_t block : {0u, 3u}) {
    ReadStats stats;
    read_all(slurp(data_path("masscan_garbage.json")), stats, block);
    EXPECT_EQ(stats.scan_from, std::optional<std::int64_t>(1764582000)) << block;
    EXPECT_EQ(stats.scan_to, std::optional<std::int64_t>(1764582002)) << block;
  }
  ReadStats json;
  read_all(
      "{\"ip\": \"91.207.53.9\", \"timestamp\": 1764600000, \"ports\": []}\n"
      "{\"ip\": \"91.207.53.8\", \"timestamp\": \"1764500000\", \"ports\": []}\n",
      json);
  EXPECT_EQ(json.scan_from, std::optional<std::int64_t>(1764500000));
  EXPECT_EQ(json.scan_to, std::optional<std::int64_t>(1764600000));
  // Several files: the range over all of them.
  ReadStats both;
  read_all(nmap, both);
  read_all(slurp(data_path("public_old.xml")), both);
  EXPECT_EQ(both.scan_from, std::optional<std::int64_t>(1790841600));
  EXPECT_EQ(both.scan_to, std::optional<std::int64_t>(1796031800));
}

TEST(ExposureReaders, AScanWithoutTimeHasNone) {
  std::string nmap = slurp(data_path("public.xml"));
  for (const std::string attr : {" start=\"1796031600\"", "<finished time=\"1796031800\""}) {
    const auto at = nmap.find(attr);
    ASSERT_NE(at, std::string::npos) << attr;
    nmap.replace(at, attr.size(), attr[0] == '<' ? "<finished" : "");
  }
  for (std::size_t block : {0u, 7u}) {
    ReadStats stats;
    EXPECT_EQ(read_all(nmap, stats, block).size(), 2u);
    EXPECT_FALSE(stats.scan_from) << block;
    EXPECT_FALSE(stats.scan_to) << block;
  }
  // A zero or unreadable time is no time (a scanner that did not set it).
  ReadStats zero;
  read_all(
      "{\"ip\": \"91.207.53.9\", \"timestamp\": \"0\", \"ports\": []}\n"
      "{\"ip\": \"91.207.53.8\", \"timestamp\": \"hier\", \"ports\": []}\n",
      zero);
  EXPECT_FALSE(zero.scan_from);
  EXPECT_EQ(parse_epoch("1764582000"), 1764582000);
  EXPECT_FALSE(parse_epoch(""));
  EXPECT_FALSE(parse_epoch("-5"));
  EXPECT_FALSE(parse_epoch("17645x"));
}

TEST(ExposureReaders, NmapTime) {
  EXPECT_EQ(parse_nmap_time("1970-01-01T00:00:00"), 0);
  EXPECT_EQ(parse_nmap_time("2026-12-20T23:59:59+00:00"), 1797811199);
  EXPECT_FALSE(parse_nmap_time("2026-02-30T00:00:00"));
  EXPECT_FALSE(parse_nmap_time("2026-12-20"));
  EXPECT_FALSE(parse_nmap_time("garbage-garbage-garb"));
}

}  // namespace
}  // namespace carepilot::exposure
