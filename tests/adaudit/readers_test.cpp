#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "adaudit/paths/security_descriptor.hpp"
#include "adaudit/readers/ingest.hpp"
#include "adaudit/readers/input_error.hpp"
#include "adaudit/readers/ldif_reader.hpp"
#include "adaudit/readers/sharphound_reader.hpp"
#include "adaudit/sid.hpp"
#include "sample_files.hpp"

namespace fs = std::filesystem;
using namespace carepilot::adaudit;

namespace {

const fs::path kData = ADAUDIT_TEST_DATA;
const std::string kD = "S-1-5-21-100-200-300";

fs::path temp_dir(const std::string& name) {
  auto p = fs::temp_directory_path() / ("adaudit_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

using ::carepilot::testing::write_zip;

Directory read_json(const std::string& name, std::string text) {
  Directory d;
  read_sharphound_json(name, text, d);
  d.finalize();
  return d;
}

}  // namespace

TEST(Sid, DecodesBinarySid) {
  const std::uint8_t b[] = {1, 5, 0,   0, 0, 0, 0,  5, 21, 0, 0,   0, 100, 0,
                            0, 0, 200, 0, 0, 0, 44, 1, 0,  0, 244, 1, 0,   0};
  EXPECT_EQ(sid_from_binary(b).value(), "S-1-5-21-100-200-300-500");
  EXPECT_FALSE(sid_from_binary(std::span<const std::uint8_t>(b, 10)).has_value());
  const std::uint8_t bad[] = {2, 0, 0, 0, 0, 0, 0, 5};
  EXPECT_FALSE(sid_from_binary(bad).has_value());
}

TEST(Sid, DecodesGuidMixedEndian) {
  const std::uint8_t g[] = {0x40, 0xF3, 0xB2, 0x31, 0x6D, 0x01, 0xD2, 0x11,
                            0x94, 0x5F, 0x00, 0xC0, 0x4F, 0xB9, 0x84, 0xF9};
  EXPECT_EQ(guid_from_binary(g).value(), "31B2F340-016D-11D2-945F-00C04FB984F9");
}

TEST(Sid, WellKnownHelpers) {
  EXPECT_EQ(sid_part("CORP.LOCAL-S-1-5-32-544"), "S-1-5-32-544");
  EXPECT_TRUE(is_builtin("CORP.LOCAL-S-1-5-32-544", 544));
  EXPECT_FALSE(is_builtin("S-1-5-32-5440", 544));
  EXPECT_EQ(domain_rid("S-1-5-21-1-2-3-512"), 512u);
  EXPECT_EQ(domain_rid("S-1-5-32-544"), 0u);
  EXPECT_EQ(domain_of_sid("S-1-5-21-1-2-3-512"), "S-1-5-21-1-2-3");
  EXPECT_EQ(domain_of_sid("S-1-5-21-1-2-3"), "");
}

TEST(Base64, StrictDecoding) {
  EXPECT_EQ(decode_base64("aGVsbG8=").value(), "hello");
  EXPECT_EQ(decode_base64("aGVsbG8").value(), "hello");
  EXPECT_FALSE(decode_base64("aGV!bG8=").has_value());
  EXPECT_FALSE(decode_base64("a").has_value());
  EXPECT_EQ(decode_base64("").value(), "");
}

TEST(SharpHound, ReadsV6CollectionFolder) {
  Directory d = ingest(kData / "sharphound_v6");
  EXPECT_EQ(d.format, "sharphound");
  EXPECT_EQ(d.schema_version, 6);
  const auto da = d.find(kD + "-512");
  ASSERT_NE(da, kNone);
  EXPECT_EQ(d.at(da).members.size(), 2u);
  const auto dc = d.find(kD + "-1000");
  EXPECT_TRUE(d.at(dc).has(flag::kIsDc));
  EXPECT_TRUE(d.at(dc).has(flag::kUnconstrained));
  const auto ws = d.find(kD + "-1101");
  EXPECT_EQ(d.at(ws).sessions.size(), 1u);
  EXPECT_EQ(d.at(ws).local_admins.size(), 1u);
  ASSERT_EQ(d.domains.size(), 1u);
  EXPECT_EQ(d.domains[0].machine_account_quota.value(), 10);
  ASSERT_EQ(d.domains[0].trusts.size(), 1u);
  EXPECT_EQ(d.domains[0].trusts[0].direction, TrustDirection::Bidirectional);
  EXPECT_FALSE(d.domains[0].trusts[0].sid_filtering.value());
  // DCSync is derived from the two replication rights.
  bool dcsync = false;
  for (const auto& a : d.at(d.domains[0].object).aces)
    dcsync |= a.right == Right::DCSync && d.at(a.principal).id == kD + "-1107";
  EXPECT_TRUE(dcsync);
  // The OU holds the DC; the DC's parent is the OU.
  EXPECT_EQ(d.at(d.at(dc).parent).id, "0DE400CD-2FF3-46E0-8A26-2C917B403C65");
}

TEST(SharpHound, CountsWarningsForNullsWrongTypesAndDanglingSids) {
  Directory d = ingest(kData / "sharphound_v6");
  EXPECT_GE(d.warnings.by_kind["bad_value"], 1u);           // "sensitive": "peut-être"
  EXPECT_GE(d.warnings.by_kind["dangling_reference"], 1u);  // member -9999
  const auto bob = d.find(kD + "-1107");
  EXPECT_EQ(d.at(bob).last_logon, 0);  // null
  EXPECT_TRUE(d.at(bob).has(flag::kDontReqPreauth));
}

TEST(SharpHound, ReadsV5LayoutWithIntegerTrustsAndLocalAdmins) {
  const std::string computers = R"({"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1101",
    "Properties":{"name":"WS.X","enabled":true},
    "LocalAdmins":{"Results":[{"ObjectIdentifier":"S-1-5-21-1-2-3-513","ObjectType":"Group"}],"Collected":true},
    "Sessions":{"Results":[{"UserSID":"S-1-5-21-1-2-3-500","ComputerSID":"S-1-5-21-1-2-3-1101"}]}}],
    "meta":{"type":"computers","count":1,"version":5}})";
  Directory d = read_json("c.json", computers);
  const auto ws = d.find("S-1-5-21-1-2-3-1101");
  EXPECT_EQ(d.at(ws).local_admins.size(), 1u);
  EXPECT_EQ(d.at(ws).sessions.size(), 1u);
  const std::string domains =
      R"({"meta":{"type":"domains","version":5},"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3",
    "Properties":{"name":"X.LOCAL"},"Trusts":[{"TargetDomainName":"Y","TrustDirection":2,"TrustType":3,
    "SidFilteringEnabled":null,"IsTransitive":false}]}]})";
  Directory d2 = read_json("d.json", domains);
  ASSERT_EQ(d2.domains.at(0).trusts.size(), 1u);
  EXPECT_EQ(d2.domains[0].trusts[0].direction, TrustDirection::Outbound);
  EXPECT_EQ(d2.domains[0].trusts[0].type, "External");
  EXPECT_FALSE(d2.domains[0].trusts[0].sid_filtering.has_value());
}

TEST(SharpHound, GuessesTypeFromFileNameWithoutMeta) {
  Directory d =
      read_json("20240101_users.json", R"({"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1000"}]})");
  EXPECT_EQ(d.at(d.find("S-1-5-21-1-2-3-1000")).type, ObjectType::User);
  EXPECT_GE(d.warnings.by_kind["missing_meta"], 1u);
}

TEST(SharpHound, RefusesTruncatedJson) {
  std::string text = read_file(kData / "truncated_users.json");
  Directory d;
  try {
    read_sharphound_json("truncated_users.json", text, d);
    FAIL() << "truncated JSON accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("truncated_users.json"), std::string::npos);
  }
}

TEST(SharpHound, RefusedFileAddsNothing) {
  // Balanced structure, but the second element is not valid JSON (bad UTF-8): the elements
  // are all checked before the first is read, so the first object is not kept.
  std::string text = std::string(R"({"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1000"},)") +
                     "{\"a\":\"\xff\"}]," + R"("meta":{"type":"users","version":6}})";
  Directory d;
  EXPECT_THROW(read_sharphound_json("u.json", text, d), InputError);
  EXPECT_EQ(d.size(), 0u);
  // The same text with room after it is read in place, with progress hints.
  std::string ok = R"({"meta":{"type":"users","version":6},"data":[{"ObjectIdentifier":)"
                   R"("S-1-5-21-1-2-3-1000"}, 7 ]})";
  const std::size_t length = ok.size();
  ok.resize(length + 64, ' ');
  std::size_t hints = 0;
  Directory d2;
  read_sharphound_json("u.json", std::string_view(ok.data(), length), ok.size(), d2,
                       [&](std::size_t n) { hints += n == length; });
  EXPECT_NE(d2.find("S-1-5-21-1-2-3-1000"), kNone);
  EXPECT_EQ(d2.warnings.by_kind["bad_value"], 1u);  // 7 is not an object
  EXPECT_GE(hints, 1u);
}

TEST(SharpHound, RefusesUnsupportedSchemaVersions) {
  for (const char* v : {"3", "7"}) {
    std::string text = std::string(R"({"data":[],"meta":{"type":"users","version":)") + v + "}}";
    Directory d;
    try {
      read_sharphound_json("u.json", text, d);
      FAIL() << "version " << v << " accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("version de schéma"), std::string::npos);
    }
  }
}

TEST(SharpHound, RejectsGarbageAndWrongStructure) {
  for (std::string text :
       {std::string("not json"), std::string(R"({"data":{}, "meta":{"type":"users","version":6}})"),
        std::string(R"([1,2,3])"), std::string(R"({"meta":{"type":"users","version":6}})")}) {
    Directory d;
    EXPECT_THROW(read_sharphound_json("u.json", text, d), InputError) << text;
  }
}

TEST(SharpHound, IgnoresUnusedTypesWithWarning) {
  Directory d =
      read_json("x_deleted.json", R"({"data":[{"a":1}],"meta":{"type":"deleted","version":6}})");
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(d.warnings.by_kind["ignored_file"], 1u);
}

TEST(Ingest, LenientModeSkipsRefusedFiles) {
  const auto dir = temp_dir("lenient");
  fs::copy(kData / "sharphound_v6", dir, fs::copy_options::recursive);
  fs::copy_file(kData / "truncated_users.json", dir / "zz_broken_users.json");
  EXPECT_THROW(ingest(dir), InputError);
  IngestOptions opt;
  opt.lenient = true;
  Directory d = ingest(dir, opt);
  EXPECT_EQ(d.warnings.by_kind["file_refused"], 1u);
  EXPECT_NE(d.find(kD + "-512"), kNone);
  fs::remove_all(dir);
}

TEST(Ingest, ReadsZipCollection) {
  const auto dir = temp_dir("zip");
  std::vector<std::pair<std::string, std::string>> members;
  for (const auto& e : fs::directory_iterator(kData / "sharphound_v6"))
    members.emplace_back(e.path().filename().string(), read_file(e.path()));
  write_zip(dir / "collection.zip", members);
  Directory d = ingest(dir / "collection.zip");
  EXPECT_NE(d.find(kD + "-1105"), kNone);
  EXPECT_EQ(d.sources.size(), members.size());
  fs::remove_all(dir);
}

TEST(Ingest, RefusesZipBomb) {
  const auto dir = temp_dir("bomb");
  std::string big(4 << 20, ' ');  // 4 MiB of spaces compresses to a few KiB
  big.front() = '{';
  write_zip(dir / "bomb.zip", {{"a_users.json", big}, {"b_users.json", big}});
  IngestOptions opt;
  opt.limits.max_member_bytes = 3 << 20;
  try {
    ingest(dir / "bomb.zip", opt);
    FAIL() << "zip bomb accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("limite"), std::string::npos);
  }
  opt.limits.max_member_bytes = 8 << 20;
  opt.limits.max_total_bytes = 6 << 20;
  EXPECT_THROW(ingest(dir / "bomb.zip", opt), InputError);
  fs::remove_all(dir);
}

TEST(Ingest, RefusesMissingPathAndEmptyFolder) {
  EXPECT_THROW(ingest(kData / "nope"), InputError);
  const auto dir = temp_dir("empty");
  EXPECT_THROW(ingest(dir), InputError);
  fs::remove_all(dir);
}

TEST(Ldif, ReadsFoldedBase64AndBinaryAttributes) {
  Directory d = ingest(kData / "corp.ldif");
  EXPECT_EQ(d.format, "ldif");
  const auto admin = d.find(kD + "-500");
  ASSERT_NE(admin, kNone);
  EXPECT_EQ(d.at(admin).name, "Administrator");
  EXPECT_TRUE(d.at(admin).has(flag::kPwdNeverExpires));
  EXPECT_EQ(d.at(admin).pwd_last_set, 1546300800);
  const auto da = d.find(kD + "-512");
  EXPECT_EQ(d.at(da).members.size(), 2u);  // resolved by DN
  const auto bob = d.find(kD + "-1107");
  EXPECT_TRUE(d.at(bob).has(flag::kDontReqPreauth));
  EXPECT_EQ(d.warnings.by_kind["invalid_base64"], 1u);
  const auto dc = d.find(kD + "-1000");
  EXPECT_TRUE(d.at(dc).has(flag::kIsDc));
  EXPECT_TRUE(d.at(dc).has(flag::kUnconstrained));
  EXPECT_EQ(d.at(dc).name, "dc01.corp.local");
  ASSERT_EQ(d.domains.size(), 1u);
  EXPECT_EQ(d.domains[0].name, "CORP.LOCAL");
  EXPECT_EQ(d.domains[0].functional_level, "2012 R2");
  ASSERT_EQ(d.domains[0].trusts.size(), 1u);
  EXPECT_EQ(d.domains[0].trusts[0].type, "External");
  // The Pre-Windows 2000 group holds Everyone through its foreign security principal DN.
  const auto pre = d.find("S-1-5-32-554");
  ASSERT_EQ(d.at(pre).members.size(), 1u);
  EXPECT_EQ(d.at(d.at(pre).members[0]).id, "S-1-1-0");
}

TEST(Ldif, SecurityDescriptorsBecomeRights) {
  Directory d = ingest(kData / "corp.ldif");
  const auto da = d.find(kD + "-512");
  bool helpdesk_all = false, owner = false;
  for (const auto& a : d.at(da).aces) {
    helpdesk_all |= a.right == Right::GenericAll && d.at(a.principal).id == kD + "-1200";
    owner |= a.right == Right::Owns && a.principal == da;
  }
  EXPECT_TRUE(helpdesk_all);
  EXPECT_TRUE(owner);
  bool dcsync = false;
  for (const auto& a : d.at(d.domains[0].object).aces)
    dcsync |= a.right == Right::DCSync && d.at(a.principal).id == kD + "-1107";
  EXPECT_TRUE(dcsync);
  // gPLink resolved by DN to the GPO object.
  const auto ou = d.find("6F1E6C54-5D5E-4B0E-9C77-8C1D1D1D1D02");
  ASSERT_EQ(d.at(ou).links.size(), 1u);
  EXPECT_EQ(d.at(d.at(ou).links[0].gpo).type, ObjectType::Gpo);
}

TEST(Ldif, ToleratesJunkWithoutCrashing) {
  Directory d;
  read_ldif("junk.ldif",
            "garbage line\n dn:: ???\n\ndn:: @@@\nobjectClass: user\n\nversion: 1\n#c\n  x\n", d);
  d.finalize();
  EXPECT_GE(d.warnings.total(), 2u);
  EXPECT_EQ(d.size(), 0u);
}

TEST(SecurityDescriptor, RejectsMalformedInput) {
  std::vector<std::uint8_t> b(20, 0);
  b[0] = 1;
  b[16] = 200;  // DACL offset beyond the end
  EXPECT_FALSE(parse_security_descriptor(b).has_value());
  EXPECT_FALSE(parse_security_descriptor(std::span<const std::uint8_t>(b.data(), 5)).has_value());
  b[16] = 0;
  EXPECT_TRUE(parse_security_descriptor(b).has_value());
}

TEST(SharpHound, OddMetaAndBadLiteralsNeverCrash) {
  for (
      std::string text :
      {std::string(R"({"meta": 5, "data": []})"),
       std::string(R"({"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-4",
         "Properties":{"enabled":tru}}]})"),
       std::string(
           R"({"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-4","Aces":[{"PrincipalSID":1}]}],"meta":[]})"),
       std::string(R"({"data":[], "meta":{"type":"users","version":6}} trailing)")}) {
    Directory d;
    try {
      read_sharphound_json("fuzzlike_users.json", text, d);
    } catch (const InputError&) {
    }
    d.finalize();
  }
  SUCCEED();
}

TEST(SharpHound, RepeatedSpnKeyWithAWrongTypeKeepsTheFirstList) {
  // Found by fuzz_sharphound in CI: a second "serviceprincipalnames" that is not a list
  // iterated an unset array (the known-field flag of the first one let it through).
  const std::string text = R"({"data":[{"ObjectIdentifier":"S-1-5-21-100-200-300-1105",
    "Properties":{"name":"SVC@LAB.LOCAL","serviceprincipalnames":["HTTP/web"],
    "serviceprincipalnames":"oops"}}],"meta":{"type":"users","version":6}})";
  const Directory d = read_json("spn_users.json", text);
  const auto svc = d.find(kD + "-1105");
  ASSERT_EQ(d.at(svc).spns.size(), 1U);
  EXPECT_EQ(d.at(svc).spns[0], "HTTP/web");
}

TEST(SecurityDescriptor, OffsetsNearFourGigabytesDoNotWrapAround) {
  // Found by fuzz_security_descriptor: a DACL offset of 0xFFFFFFFC wrapped the bounds check.
  const std::vector<std::uint8_t> b = {0x01, 0xdf, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00,
                                       0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00,
                                       0xfc, 0xff, 0xff, 0xff, 0x0c, 0x0c, 0x0c, 0x0c,
                                       0x0c, 0x0c, 0x2d, 0x0c, 0x0c, 0x0c, 0x0c};
  EXPECT_FALSE(parse_security_descriptor(b).has_value());
  std::vector<std::uint8_t> owner = b;
  owner[4] = 0xfc, owner[5] = 0xff, owner[6] = 0xff, owner[7] = 0xff;  // owner offset too
  owner[16] = 0;
  EXPECT_FALSE(parse_security_descriptor(owner).has_value());
}

namespace {
std::string slurp_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
std::size_t line_at(const std::string& text, std::size_t at) {
  return static_cast<std::size_t>(
             std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) +
         1;
}
}  // namespace

// An LDIF or SharpHound file re-saved in Latin-1 is refused at the line of its first bad
// byte, in French, nothing read; the same files in UTF-8 (accents included) are read.
TEST(Encoding, TextThatIsNotUtf8IsRefusedAtItsLine) {
  const std::string ldif = slurp_file(kData / "corp.ldif");
  ASSERT_NE(ldif.find("intégré"), std::string::npos);
  {
    Directory d;
    read_ldif("corp.ldif", ldif, d);
    d.finalize();
    EXPECT_GT(d.size(), 0u);
  }
  std::string latin1 = ldif;
  const std::size_t at = latin1.find("intégré");
  latin1.replace(at, std::string("intégré").size(), "int\xE9gr\xE9");
  Directory d;
  try {
    read_ldif("corp.ldif", latin1, d);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "corp.ldif:" + std::to_string(line_at(latin1, at)) +
                  ": le fichier n'est pas en UTF-8 (encodage Windows-1252 "
                  "ou Latin-1 ?) : enregistrez-le en UTF-8 puis recommencez");
  }
  EXPECT_EQ(d.size(), 0u);
  // SharpHound JSON: the same refusal, instead of « JSON invalide ».
  const fs::path users = kData / "sharphound_v6" / "20250630_users.json";
  std::string json = slurp_file(users);
  const std::size_t name = json.find("\"name\"");
  ASSERT_NE(name, std::string::npos);
  json.insert(name, "\"description\": \"caf\xE9\",\n");
  try {
    read_json("20250630_users.json", json);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind("20250630_users.json:" + std::to_string(line_at(json, name)) +
                                        ": le fichier n'est pas en UTF-8",
                                    0),
        0u)
        << e.what();
  }
  std::string accented = slurp_file(users);
  accented.insert(name, "\"description\": \"café\",\n");
  EXPECT_GT(read_json("20250630_users.json", accented).size(), 0u);
}
