// ORADAD plain-file output (outputFiles=1), built here from its documented layout: the
// entries of data/corp.ldif written as ORADAD would (tables.tsv describing each table and
// its columns, one UTF-16LE TSV per request, "top" carrying the security descriptors,
// SIDs and GUIDs as text, binary values in hexadecimal, dates "YYYY-MM-DD HH:MM:SS",
// multi-values joined by ';', userAccountControl as text + _int). The audit of that
// folder must be the audit of the LDIF.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <set>

#include "adaudit/audit.hpp"
#include "adaudit/readers/ingest.hpp"
#include "adaudit/readers/input_error.hpp"
#include "adaudit/readers/ldif_reader.hpp"
#include "adaudit/report/result_json.hpp"
#include "adaudit/sid.hpp"
#include "builder.hpp"
#include "oradad_writer.hpp"
#include "text_helpers.hpp"

namespace fs = std::filesystem;
using namespace carepilot::adaudit;
using carepilot::adaudit::testing::kAsOf;
using carepilot::adaudit::testing::slurp;
using carepilot::adaudit::testing::spit;
using carepilot::adaudit::testing::to_utf16;

namespace {

using namespace carepilot::adaudit::testing::oradad;

fs::path temp_dir(const std::string& name) {
  auto p =
      fs::temp_directory_path() / ("adaudit_oradad_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string verdict(const AuditResult& r) {
  auto j = to_json(r);
  std::string out = "level " + std::to_string(r.level) + "\n";
  for (const auto& f : j["findings"])
    out += f["rule_id"].get<std::string>() + " " + std::to_string(f["count"].get<int>()) + "\n";
  out += "objects " + j["input"]["objects"].dump() + "\n";
  out += "exposed " + std::to_string(r.control.exposed_users) + "/" +
         std::to_string(r.control.exposed_computers) + "\n";
  return out;
}

}  // namespace

TEST(Oradad, FolderAuditsLikeTheSameLdif) {
  const fs::path ldif = fs::path(ADAUDIT_TEST_DATA) / "corp.ldif";
  const auto entries = parse_ldif(slurp(ldif));
  ASSERT_GT(entries.size(), 10u);
  const auto dir = temp_dir("folder");
  write_oradad(entries, dir);
  const Directory d = ingest(dir);  // found two levels down
  EXPECT_EQ(d.format, "oradad");
  const auto expected = verdict(run_audit(ingest(ldif), kAsOf));
  // The verdict is not empty: a level, findings, objects of every kind, exposed principals.
  EXPECT_NE(expected.find("level 1"), std::string::npos) << expected;
  EXPECT_NE(expected.find("\"user\":5"), std::string::npos) << expected;
  EXPECT_EQ(verdict(run_audit(d, kAsOf)), expected);
  fs::remove_all(dir);
}

// writeHeader=1 puts the column names first in every file: a header, never an object "dn".
TEST(Oradad, HeaderLineIsNotAnObject) {
  const fs::path ldif = fs::path(ADAUDIT_TEST_DATA) / "corp.ldif";
  const auto dir = temp_dir("header");
  const auto plain = temp_dir("plain");
  write_oradad(parse_ldif(slurp(ldif)), plain);
  write_oradad(parse_ldif(slurp(ldif)), dir, {.header = true});
  const Directory d = ingest(dir);
  EXPECT_EQ(d.find("dn"), kNone);
  EXPECT_EQ(d.warnings.total(), ingest(plain).warnings.total());
  fs::remove_all(plain);
  EXPECT_EQ(verdict(run_audit(d, kAsOf)), verdict(run_audit(ingest(ldif), kAsOf)));
  fs::remove_all(dir);
}

// "top" is requested with the show-deleted control: a deleted user is in top.tsv (isDeleted
// 1) and is no account of the domain; the configuration and schema partitions' objects are no
// principals either.
TEST(Oradad, DeletedAndConfigurationObjectsAreNotCounted) {
  const fs::path ldif = fs::path(ADAUDIT_TEST_DATA) / "corp.ldif";
  const auto dir = temp_dir("deleted");
  write_oradad(parse_ldif(slurp(ldif)), dir, {.deleted = true, .config_partition = true});
  EXPECT_EQ(verdict(run_audit(ingest(dir), kAsOf)), verdict(run_audit(ingest(ldif), kAsOf)));
  fs::remove_all(dir);
}

TEST(Oradad, ZipOfTheFolder) {
  const auto entries = parse_ldif(slurp(fs::path(ADAUDIT_TEST_DATA) / "corp.ldif"));
  const auto dir = temp_dir("zip");
  write_oradad(entries, dir / "tree");
  const fs::path zip = dir / "oradad.zip";
  zip_folder(dir / "tree", zip);
  const auto from_zip = verdict(run_audit(ingest(zip), kAsOf));
  EXPECT_EQ(from_zip, verdict(run_audit(ingest(fs::path(ADAUDIT_TEST_DATA) / "corp.ldif"), kAsOf)));
  fs::remove_all(dir);
}

TEST(Oradad, MissingTableFileMakesThePartialAudit) {
  const auto entries = parse_ldif(slurp(fs::path(ADAUDIT_TEST_DATA) / "corp.ldif"));
  const auto dir = temp_dir("missing");
  const fs::path root = write_oradad(entries, dir);
  const auto full = run_audit(ingest(root), kAsOf);
  fs::remove(root / "domain" / "corp.local" / "group.tsv");
  const auto r = run_audit(ingest(root), kAsOf);
  EXPECT_FALSE(r.complete());
  ASSERT_FALSE(r.incomplete.empty());
  EXPECT_NE(r.incomplete[0].find("group.tsv"), std::string::npos);
  EXPECT_LE(r.level, full.level);  // never better for less data
  fs::remove_all(dir);
}

// A file cut short (a copy interrupted: half a UTF-16 character, a last row without its line
// end and with fewer columns) keeps the rows before the cut and makes the audit partial,
// naming the file; the same for a row of the wrong number of columns in the middle.
TEST(Oradad, TruncatedFileMakesThePartialAudit) {
  const auto entries = parse_ldif(slurp(fs::path(ADAUDIT_TEST_DATA) / "corp.ldif"));
  const auto dir = temp_dir("truncated");
  const fs::path root = write_oradad(entries, dir);
  const fs::path users = root / "domain" / "corp.local" / "user.tsv";
  const std::string whole = slurp(users);
  spit(users, whole.substr(0, whole.size() - 41));  // odd: mid-character, mid-row
  const auto r = run_audit(ingest(root), kAsOf);
  EXPECT_FALSE(r.complete());
  ASSERT_EQ(r.incomplete.size(), 1u);
  EXPECT_NE(r.incomplete[0].find("domain/corp.local/user.tsv"), std::string::npos)
      << r.incomplete[0];
  EXPECT_NE(r.incomplete[0].find("tronqué"), std::string::npos) << r.incomplete[0];
  // Rows before the cut are read: the domain's users are still there but one.
  const Directory d = ingest(root);
  EXPECT_NE(d.find("S-1-5-21-100-200-300-500"), kNone);
  fs::remove_all(dir);
}

// ORADAD writes UTF-16LE: a file in UTF-32 (or a text re-saved in Windows-1252) is refused,
// the encoding named; never read as garbage.
TEST(Oradad, WrongEncodingIsRefusedNamingIt) {
  const auto entries = parse_ldif(slurp(fs::path(ADAUDIT_TEST_DATA) / "corp.ldif"));
  const auto dir = temp_dir("encoding");
  const fs::path root = write_oradad(entries, dir);
  const fs::path groups = root / "domain" / "corp.local" / "group.tsv";
  std::string utf32 = "\xFF\xFE";
  utf32 += std::string(2, '\0');
  for (char c : std::string("CN=x\t\r\n")) utf32 += std::string{c, '\0', '\0', '\0'};
  spit(groups, utf32);
  try {
    ingest(root);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("UTF-32 LE"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("group.tsv"), std::string::npos) << e.what();
  }
  spit(groups, "CN=Comptabilit\xE9,CN=Users,DC=corp,DC=local\t\t\t\t\t\t\t\t\r\n");
  try {
    ingest(root);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("Windows-1252"), std::string::npos) << e.what();
    // Named at its line, like every reader (common/text.hpp).
    EXPECT_EQ(
        std::string(e.what()).rfind("domain/corp.local/group.tsv:1: texte ni UTF-16 ni UTF-8", 0),
        0u)
        << e.what();
  }
  fs::remove_all(dir);
}

// tables.tsv is ANSI text: a root name in Windows-1252 is read as such, not refused.
TEST(Oradad, TablesInWindows1252AreConverted) {
  const auto entries = parse_ldif(slurp(fs::path(ADAUDIT_TEST_DATA) / "corp.ldif"));
  const auto dir = temp_dir("ansi");
  const fs::path root = write_oradad(entries, dir);
  std::string tables = slurp(root / "tables.tsv");
  tables.insert(tables.find('\n'), " \xE9t\xE9");
  spit(root / "tables.tsv", tables);
  const Directory d = ingest(root);
  EXPECT_NE(d.find("S-1-5-21-100-200-300-500"), kNone);
  fs::remove_all(dir);
}

TEST(Oradad, RefusesAFolderWithoutTables) {
  const auto dir = temp_dir("empty");
  spit(dir / "x" / "tables.tsv", "ROOT_TIME\n");
  EXPECT_THROW(ingest(dir), InputError);
  fs::remove_all(dir);
}
