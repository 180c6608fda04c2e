// The audit on the real public collections of ../shared/testdata/ad/ (BloodHound CE's
// fixtures, each with BloodHound's expected graph) and the field cases
// ../shared/field-cases/ad-*: encodings, partial collections, duplicates, effective rights.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "adaudit/audit.hpp"
#include "adaudit/encoding.hpp"
#include "adaudit/ingest.hpp"
#include "adaudit/input_error.hpp"
#include "adaudit/result_json.hpp"
#include "adaudit/sharphound_reader.hpp"
#include "adaudit/sid.hpp"
#include "builder.hpp"

namespace fs = std::filesystem;
using namespace carepilot::adaudit;
using carepilot::adaudit::testing::kAsOf;

namespace {

const fs::path kShared = ADAUDIT_SHARED_DIR;
const fs::path kAd = kShared / "testdata" / "ad";
const std::vector<std::string> kCollections = {"bhce-v5", "bhce-v6", "bhce-v6-adcs", "bhce-v6-all"};

fs::path temp_dir(const std::string& name) {
  auto p =
      fs::temp_directory_path() / ("adaudit_shared_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void spit(const fs::path& p, const std::string& s) {
  std::ofstream(p, std::ios::binary) << s;
}

std::vector<fs::path> json_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// UTF-8 text to UTF-16 with a mark (the test's own small encoder).
std::string to_utf16(const std::string& s, bool le) {
  std::string out;
  auto put = [&](std::uint32_t u) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out.push_back(le ? lo : hi);
    out.push_back(le ? hi : lo);
  };
  put(0xFEFF);
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xF0) {
      cp = c & 0x07;
      n = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F;
      n = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1F;
      n = 2;
    }
    for (std::size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xD800 + (cp >> 10));
      put(0xDC00 + (cp & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

// What must not depend on the bytes' encoding.
std::string fingerprint(const AuditResult& r) {
  auto j = to_json(r);
  j.erase("input");
  j["objects"] = to_json(r)["input"]["objects"];
  j["aces"] = r.aces_read;
  return j.dump();
}

AuditResult audit(const fs::path& p) {
  return run_audit(ingest(p), kAsOf);
}

const Finding& finding(const AuditResult& r, std::string_view id) {
  for (const auto& f : r.findings)
    if (f.rule->id == id) return f;
  throw std::runtime_error("no rule " + std::string(id));
}

}  // namespace

// ---- 1. Encodings -------------------------------------------------------------------

TEST(SharedEncodings, BloodHoundBomFixtureIsRead) {
  Directory d;
  std::string text = slurp(kAd / "bhce-misc" / "utf8bomjson.json");
  ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NO_THROW(read_sharphound_json("utf8bomjson.json", text, d));
  EXPECT_EQ(d.warnings.by_kind.count("file_refused"), 0u);
  EXPECT_TRUE(d.parts & part_bit(Part::Sessions));
}

TEST(SharedEncodings, FieldCaseWithBomAuditsLikeWithout) {
  const fs::path in = kShared / "field-cases" / "ad-utf8-bom" / "input";
  const auto plain = temp_dir("nobom");
  for (const auto& f : json_files(in)) {
    std::string s = slurp(f);
    ASSERT_EQ(s.substr(0, 3), "\xEF\xBB\xBF") << f;
    spit(plain / f.filename(), s.substr(3));
  }
  const auto expected = fingerprint(audit(plain));
  EXPECT_EQ(fingerprint(audit(in)), expected);
  EXPECT_EQ(
      fingerprint(audit(kShared / "field-cases" / "ad-utf8-bom" / "20261130101500_BloodHound.zip")),
      expected);
  // One file alone, through the memory-mapped path and the copy path alike.
  Directory one = ingest(in / "20261130101500_users.json");
  EXPECT_GT(one.size(), 5u);
  fs::remove_all(plain);
}

// Every shared file, re-encoded as UTF-8 with a mark, UTF-16 LE and UTF-16 BE (with a
// mark), gives the same audit; mark-less UTF-16 and UTF-32 are refused by name.
TEST(SharedEncodings, EveryCollectionInEveryEncoding) {
  for (const auto& c : kCollections) {
    const auto base = fingerprint(audit(kAd / c));
    for (int variant = 0; variant < 3; ++variant) {
      const auto dir = temp_dir(c + std::to_string(variant));
      for (const auto& f : json_files(kAd / c)) {
        const std::string s = slurp(f);
        spit(dir / f.filename(), variant == 0   ? "\xEF\xBB\xBF" + s
                                 : variant == 1 ? to_utf16(s, true)
                                                : to_utf16(s, false));
      }
      EXPECT_EQ(fingerprint(audit(dir)), base) << c << " variant " << variant;
      fs::remove_all(dir);
    }
  }
}

TEST(SharedEncodings, UnsupportedEncodingsAreNamed) {
  const auto dir = temp_dir("enc");
  const std::string s = slurp(kAd / "bhce-v6" / "domains.json");
  auto refused = [&](const std::string& bytes) -> std::string {
    spit(dir / "domains.json", bytes);
    try {
      ingest(dir / "domains.json");
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  std::string no_bom = to_utf16(s, true).substr(2);
  EXPECT_NE(refused(no_bom).find("UTF-16 LE sans marque"), std::string::npos);
  std::string utf32 = std::string("\xFF\xFE\0\0", 4) + "{\0\0\0";
  EXPECT_NE(refused(utf32).find("UTF-32 LE"), std::string::npos);
  // Not "JSON invalide": the cause is named.
  EXPECT_EQ(refused(utf32).find("JSON invalide"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Encoding, Utf16Conversion) {
  EXPECT_EQ(utf16_to_utf8(std::string("\xFF\xFE"
                                      "A\0\xE9\0",
                                      6),
                          true, "f"),
            "A\xC3\xA9");
  EXPECT_EQ(utf16_to_utf8(std::string("\xFE\xFF\0A\xD8\x3D\xDE\x00", 8), false, "f"),
            "A\xF0\x9F\x98\x80");
  // An unpaired surrogate becomes U+FFFD; an odd byte count is refused.
  EXPECT_EQ(utf16_to_utf8(std::string("\x00\xD8", 2), true, "f"), "\xEF\xBF\xBD");
  EXPECT_THROW(utf16_to_utf8(std::string("A\0B", 3), true, "f"), InputError);
  EXPECT_EQ(detect_encoding("{\"a"), TextEncoding::Utf8);
  EXPECT_EQ(detect_encoding(std::string("{\0\"\0", 4)), TextEncoding::Utf16LeNoBom);
}

// ---- 2. Partial collections ---------------------------------------------------------

TEST(SharedPartial, CollectionWithoutUsersIsNotGradedBetter) {
  const auto r = audit(kShared / "field-cases" / "ad-partial-collection" /
                       "20261130101500_BloodHound_sans_users.zip");
  EXPECT_FALSE(r.complete());
  EXPECT_NE(std::find(r.missing_parts.begin(), r.missing_parts.end(), "users"),
            r.missing_parts.end());
  EXPECT_TRUE(r.level_bounded);
  EXPECT_EQ(r.level_floor, 1);
  EXPECT_EQ(finding(r, "P-SpnPriv").status, Status::NotEvaluated);
  EXPECT_NE(finding(r, "P-SpnPriv").detail.find("users"), std::string::npos);
  const auto j = to_json(r);
  EXPECT_FALSE(j["complete"].get<bool>());
  EXPECT_TRUE(j["level_bounded"].get<bool>());
}

// Removing any one file of a collection never gives a better verdict: the lowest level
// the partial audit leaves possible is never above the complete audit's level, and a level
// above it is only ever given as a bound.
TEST(SharedPartial, RemovingAnyFileNeverImprovesTheLevel) {
  std::vector<fs::path> collections;
  for (const auto& c : kCollections) collections.push_back(kAd / c);
  collections.push_back(kShared / "field-cases" / "ad-utf8-bom" / "input");
  for (const auto& c : collections) {
    const auto full = audit(c);
    const auto files = json_files(c);
    for (const auto& removed : files) {
      const auto dir = temp_dir("partial");
      for (const auto& f : files)
        if (f != removed) fs::copy_file(f, dir / f.filename());
      AuditResult part;
      try {
        part = audit(dir);
      } catch (const InputError&) {
        fs::remove_all(dir);
        continue;  // nothing left to audit: refused, which is fine
      }
      EXPECT_LE(part.level_floor, full.level) << c << " without " << removed.filename();
      if (part.level > full.level) {
        EXPECT_TRUE(part.level_bounded) << c << " without " << removed.filename();
      }
      // rootcas and aiacas are read (objects, ACLs) but no rule depends on them.
      if (removed.filename() != "rootcas.json" && removed.filename() != "aiacas.json") {
        EXPECT_FALSE(part.complete()) << c << " without " << removed.filename();
      }
      fs::remove_all(dir);
    }
  }
}

TEST(SharedPartial, MissingEnabledIsNeverAssumed) {
  const auto dir = temp_dir("noenabled");
  std::string users = slurp(kAd / "bhce-v6" / "users.json");
  for (std::size_t p; (p = users.find("\"enabled\": ")) != std::string::npos;)
    users.replace(p, 11, "\"enabled_\": ");
  for (const auto& f : json_files(kAd / "bhce-v6"))
    if (f.filename() != "users.json") fs::copy_file(f, dir / f.filename());
  spit(dir / "users.json", users);
  const Directory d = ingest(dir);
  for (const auto& o : d.objects())
    if (o.defined && o.type == ObjectType::User) {
      EXPECT_FALSE(o.enabled()) << o.name;
    }
  const auto r = run_audit(d, kAsOf);
  EXPECT_EQ(finding(r, "S-GuestEnabled").status, Status::NotEvaluated);
  EXPECT_EQ(r.control.exposed_users, 0u);
  EXPECT_FALSE(r.complete());
  fs::remove_all(dir);
}

TEST(SharedPartial, V5TrustsLackTgtDelegation) {
  const auto r5 = audit(kAd / "bhce-v5");
  EXPECT_EQ(finding(r5, "T-TgtDelegation").status, Status::NotEvaluated);
  EXPECT_NE(finding(r5, "T-TgtDelegation").detail.find("TGTDelegation"), std::string::npos);
  const auto r6 = audit(kAd / "bhce-v6");
  EXPECT_NE(finding(r6, "T-TgtDelegation").status, Status::NotEvaluated);
}

TEST(RuleNeeds, EveryRuleDeclaresWhatItNeeds) {
  for (const auto& r : all_rules()) EXPECT_NE(needs_of(r.info.id), nullptr) << r.info.id;
}

// ---- 3. Duplicates -------------------------------------------------------------------

TEST(SharedDuplicates, StubsNeverEraseData) {
  const Directory d = ingest(kAd / "bhce-v6-adcs");
  EXPECT_GT(d.warnings.by_kind.at("duplicate_merged"), 20u);
  const auto g = d.find("ESC1.LOCAL-S-1-5-32-557");  // a full record, then a stub
  ASSERT_NE(g, kNone);
  EXPECT_EQ(d.at(g).dn, "CN=INCOMING FOREST TRUST BUILDERS,CN=BUILTIN,DC=ESC1,DC=LOCAL");
  EXPECT_FALSE(d.at(g).aces.empty());
  ASSERT_EQ(d.domains.size(), 1u);
  EXPECT_EQ(d.domains[0].name, "ESC1.LOCAL");
  EXPECT_EQ(d.domains[0].functional_level, "2016");
  for (const auto& dom : d.domains) EXPECT_FALSE(dom.name.empty());
}

TEST(Duplicates, MergedInEitherOrder) {
  const std::string full =
      R"({"ObjectIdentifier":"S-1-5-21-1-2-3-1200","Properties":{"name":"G@X.LOCAL",)"
      R"("distinguishedname":"CN=G,DC=X,DC=LOCAL"},"Members":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1100"}],)"
      R"("Aces":[{"PrincipalSID":"S-1-5-21-1-2-3-1101","RightName":"GenericAll","IsInherited":false}]})";
  const std::string stub =
      R"({"ObjectIdentifier":"S-1-5-21-1-2-3-1200","Properties":{"name":"G@X.LOCAL"},)"
      R"("Members":[{"ObjectIdentifier":"S-1-5-21-1-2-3-1102"}],"Aces":[]})";
  for (bool stub_first : {false, true}) {
    std::string text = R"({"data":[)" + (stub_first ? stub + "," + full : full + "," + stub) +
                       R"(],"meta":{"type":"groups","version":6,"count":2}})";
    Directory d;
    read_sharphound_json("groups.json", text, d);
    d.finalize();
    const Object& g = d.at(d.find("S-1-5-21-1-2-3-1200"));
    EXPECT_EQ(g.dn, "CN=G,DC=X,DC=LOCAL") << stub_first;
    EXPECT_EQ(g.members.size(), 2u) << stub_first;
    EXPECT_EQ(g.aces.size(), 1u) << stub_first;
  }
}

// ---- 4. Effective rights ---------------------------------------------------------------

// BloodHound's DCSync edges of each collection are found, including DCSYNCDELEGATIONTEST
// whose two replication rights come through two different groups.
TEST(SharedRights, DcsyncMatchesBloodHound) {
  for (const auto& c : {"bhce-v5", "bhce-v6", "bhce-v6-adcs"}) {
    const Directory d = ingest(kAd / c);
    std::set<std::string> ours;
    for (const auto& dom : d.domains)
      for (const auto& a : d.at(dom.object).aces)
        if (a.right == Right::DCSync) ours.insert(d.at(a.principal).id);
    const auto graph = nlohmann::json::parse(slurp(kAd / c / "expected" / "analyzed.json"));
    std::set<std::string> expected;
    for (const auto& e : graph["graph"]["edges"])
      if (e["kind"] == "DCSync") expected.insert(upper(e["start"]["value"].get<std::string>()));
    ASSERT_FALSE(expected.empty()) << c;
    for (const auto& id : expected) EXPECT_TRUE(ours.count(id)) << c << " misses " << id;
    // What we add beyond BloodHound holds full control of the domain object, or is a domain
    // controller (implicit member of Enterprise Domain Controllers).
    for (const auto& id : ours)
      if (!expected.count(id)) {
        bool full = d.at(d.find(id)).has(flag::kIsDc);
        for (const auto& dom : d.domains)
          for (const auto& a : d.at(dom.object).aces)
            full |= d.at(a.principal).id == id &&
                    (a.right == Right::GenericAll || a.right == Right::AllExtendedRights);
        EXPECT_TRUE(full) << c << " adds " << id;
      }
  }
}

TEST(Rights, DcsyncThroughTwoGroups) {
  carepilot::adaudit::testing::Builder b;
  const auto u = b.user(1500, "REPL@CORP.LOCAL");
  const auto g1 = b.group(1600, "G1@CORP.LOCAL");
  const auto g2 = b.group(1601, "G2@CORP.LOCAL");
  const auto g3 = b.group(1602, "G3@CORP.LOCAL");
  b.member(g1, u);
  b.member(g3, u);  // G3 nests in G2: two levels
  b.member(g2, g3);
  b.ace(b.domain, g1, Right::GetChanges);
  // Only one of the two rights: no DCSync yet.
  {
    carepilot::adaudit::testing::Builder only = b;
    const auto& d = only.done();
    for (const auto& a : d.at(only.domain).aces) EXPECT_NE(a.right, Right::DCSync);
  }
  b.ace(b.domain, g2, Right::GetChangesAll);
  const auto& d = b.done();
  bool found = false;
  for (const auto& a : d.at(b.domain).aces) found |= a.right == Right::DCSync && a.principal == u;
  EXPECT_TRUE(found);
  const auto r = run_audit(d, kAsOf);
  EXPECT_EQ(finding(r, "P-DCSync").status, Status::Fail);
}
