// ORADAD plain-file output (outputFiles=1), built here from its documented layout: the
// entries of data/corp.ldif written as ORADAD would (tables.tsv describing each table and
// its columns, one UTF-16LE TSV per request, "top" carrying the security descriptors,
// SIDs and GUIDs as text, binary values in hexadecimal, dates "YYYY-MM-DD HH:MM:SS",
// multi-values joined by ';', userAccountControl as text + _int). The audit of that
// folder must be the audit of the LDIF.
#include <archive.h>
#include <archive_entry.h>
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
#include "text_helpers.hpp"

namespace fs = std::filesystem;
using namespace carepilot::adaudit;
using carepilot::adaudit::testing::kAsOf;
using carepilot::adaudit::testing::slurp;
using carepilot::adaudit::testing::spit;
using carepilot::adaudit::testing::to_utf16;

namespace {

struct Value {
  std::string name;  // as in the LDIF
  std::string value;
};
struct Entry {
  std::string dn;
  std::vector<Value> values;
};

// A small LDIF reading for the test (folded lines, base64 values).
std::vector<Entry> parse_ldif(const std::string& text) {
  std::vector<std::string> logical;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] == ' ' && !logical.empty()) {
      logical.back() += line.substr(1);
    } else {
      logical.push_back(line);
    }
  }
  std::vector<Entry> out;
  for (const auto& l : logical) {
    if (l.empty()) {
      if (!out.empty() && !out.back().dn.empty()) out.push_back({});
      continue;
    }
    if (l[0] == '#') continue;
    const auto colon = l.find(':');
    if (colon == std::string::npos) continue;
    std::string name = l.substr(0, colon), value;
    if (l.compare(colon, 2, "::") == 0) {
      value = decode_base64(l.substr(l.find_first_not_of(' ', colon + 2))).value_or("");
    } else {
      const auto start = l.find_first_not_of(' ', colon + 1);
      value = start == std::string::npos ? "" : l.substr(start);
    }
    if (name == "version") continue;
    if (out.empty()) out.push_back({});
    if (name == "dn") {
      out.back().dn = value;
    } else {
      out.back().values.push_back({name, value});
    }
  }
  while (!out.empty() && out.back().dn.empty()) out.pop_back();
  return out;
}

std::string lower_s(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string hex(const std::string& b) {
  static const char* d = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : b) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

std::string date_of_unix(std::int64_t t) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days(days(t / 86400))};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()),
                static_cast<long long>(t % 86400 / 3600), static_cast<long long>(t % 3600 / 60),
                static_cast<long long>(t % 60));
  return buf;
}

// One ORADAD column: its name, SQL type, and the rendering of an entry's values.
struct OradadColumn {
  std::string name, type;
};

std::string render(const std::string& lname, const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    std::string r;
    if (lname == "objectsid" || lname == "sidhistory") {
      r = sid_from_binary({reinterpret_cast<const std::uint8_t*>(v.data()), v.size()}).value_or("");
    } else if (lname == "objectguid") {
      r = lower_s(guid_from_binary({reinterpret_cast<const std::uint8_t*>(v.data()), v.size()})
                      .value_or(""));
    } else if (lname == "ntsecuritydescriptor" ||
               lname == "msds-allowedtoactonbehalfofotheridentity" ||
               lname == "securityidentifier") {
      r = hex(v);
    } else if (lname == "whencreated") {
      r = v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2) + " " + v.substr(8, 2) +
          ":" + v.substr(10, 2) + ":" + v.substr(12, 2);
    } else if (lname == "pwdlastset" || lname == "lastlogontimestamp") {
      const auto ft = std::stoll(v);
      if (ft == 0) continue;
      r = ft == 0x7FFFFFFFFFFFFFFFLL ? "2999-12-12 23:59:59"
                                     : date_of_unix(ft / 10000000 - 11644473600LL);
    } else {
      r = v;
    }
    out += (out.empty() ? "" : ";") + r;
  }
  return out;
}

std::string type_of(const std::string& lname) {
  if (lname == "objectsid" || lname == "sidhistory") return "varchar(190)";
  if (lname == "ntsecuritydescriptor" || lname == "msds-allowedtoactonbehalfofotheridentity" ||
      lname == "securityidentifier")
    return "varchar(max)";
  if (lname == "objectguid") return "uniqueidentifier";
  if (lname == "whencreated" || lname == "pwdlastset" || lname == "lastlogontimestamp")
    return "datetime2";
  return "nvarchar(255)";
}

// Writes the ORADAD layout of the LDIF's entries under `out`; returns the folder holding
// tables.tsv.
fs::path write_oradad(const std::vector<Entry>& entries, const fs::path& out) {
  const fs::path root = out / "CORP.LOCAL" / "20261130101500";
  const std::string dom = "domain/corp.local/";
  std::map<std::string, std::vector<const Entry*>> tables;  // request -> entries
  for (const auto& e : entries) {
    std::string klass = "top";
    for (const auto& v : e.values)
      if (lower_s(v.name) == "objectclass") {
        const auto c = lower_s(v.value);
        if (c == "computer") klass = "computer";
        if (c == "user" && klass != "computer") klass = "user";
        if (c == "group") klass = "group";
        if (c == "trusteddomain") klass = "trustedDomain";
      }
    // Domains, OUs, GPOs, containers: their own request ("object" here).
    tables[klass == "top" ? "object" : klass].push_back(&e);
    tables["top"].push_back(&e);  // every object, for its security descriptor
  }
  const std::set<std::string> top_attrs = {"objectclass", "objectsid", "objectguid",
                                           "ntsecuritydescriptor"};
  std::string tables_tsv = "CORP.LOCAL_20261130101500\n";
  for (const auto& [request, list] : tables) {
    // Columns: the union of the attributes (top: only its own), in first-seen order.
    std::vector<std::string> attrs;
    std::map<std::string, std::string> spelled;
    for (const auto* e : list)
      for (const auto& v : e->values) {
        const auto l = lower_s(v.name);
        if (request == "top" ? !top_attrs.count(l) : l == "ntsecuritydescriptor") continue;
        if (!spelled.count(l)) {
          spelled[l] = v.name;
          attrs.push_back(l);
        }
      }
    std::vector<OradadColumn> cols{{"dn", "nvarchar(200)"}};
    if (request == "top") {
      cols.push_back({"shortname", "nvarchar(40)"});
      cols.push_back({"shortdn", "nvarchar(200)"});
    }
    for (const auto& a : attrs) {
      if (a == "useraccountcontrol") {
        cols.push_back({spelled[a], "nvarchar(120)"});
        cols.push_back({spelled[a] + "_int", "int"});
      } else {
        cols.push_back({spelled[a], type_of(a)});
      }
    }
    std::string rows;
    for (const auto* e : list) {
      std::string row = e->dn;
      if (request == "top") row += "\tdomain/corp.local\t" + e->dn.substr(0, e->dn.find(','));
      for (const auto& a : attrs) {
        std::vector<std::string> vals;
        for (const auto& v : e->values)
          if (lower_s(v.name) == a) vals.push_back(v.value);
        if (a == "useraccountcontrol") {
          row += "\t" + std::string(vals.empty() ? "" : "NORMAL_ACCOUNT (rendu ORADAD)") + "\t" +
                 (vals.empty() ? "" : vals[0]);
        } else {
          row += "\t" + render(a, vals);
        }
      }
      rows += row + "\r\n";
    }
    spit(root / (dom + request + ".tsv"), to_utf16(rows, true, false));
    tables_tsv += "domain\\corp.local\\" + request + ".tsv\tdomain_corp.local_" + request +
                  "\tdomain_" + request + "\t" + std::to_string(cols.size());
    for (const auto& c : cols) tables_tsv += "\t" + c.name + "\t" + c.type;
    tables_tsv += "\n";
  }
  spit(root / "tables.tsv", tables_tsv);
  spit(root / "metadata.tsv",
       to_utf16("oradad_version\t3.0\r\noradad_processtime\t1234\r\n", true, false));
  return root;
}

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
  EXPECT_EQ(verdict(run_audit(d, kAsOf)), expected);
  fs::remove_all(dir);
}

TEST(Oradad, ZipOfTheFolder) {
  const auto entries = parse_ldif(slurp(fs::path(ADAUDIT_TEST_DATA) / "corp.ldif"));
  const auto dir = temp_dir("zip");
  const fs::path root = write_oradad(entries, dir / "tree");
  const fs::path zip = dir / "oradad.zip";
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  ASSERT_EQ(archive_write_open_filename(a, zip.c_str()), ARCHIVE_OK);
  for (const auto& f : fs::recursive_directory_iterator(dir / "tree")) {
    if (!f.is_regular_file()) continue;
    const std::string data = slurp(f.path());
    const std::string name = fs::relative(f.path(), dir / "tree").generic_string();
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  const auto from_zip = verdict(run_audit(ingest(zip), kAsOf));
  EXPECT_EQ(from_zip, verdict(run_audit(ingest(root), kAsOf)));
  fs::remove_all(dir);
}

TEST(Oradad, MissingTableFileMakesThePartialAudit) {
  const auto entries = parse_ldif(slurp(fs::path(ADAUDIT_TEST_DATA) / "corp.ldif"));
  const auto dir = temp_dir("missing");
  const fs::path root = write_oradad(entries, dir);
  fs::remove(root / "domain" / "corp.local" / "group.tsv");
  const auto r = run_audit(ingest(root), kAsOf);
  EXPECT_FALSE(r.complete());
  ASSERT_FALSE(r.incomplete.empty());
  EXPECT_NE(r.incomplete[0].find("group.tsv"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Oradad, RefusesAFolderWithoutTables) {
  const auto dir = temp_dir("empty");
  spit(dir / "x" / "tables.tsv", "ROOT_TIME\n");
  EXPECT_THROW(ingest(dir), InputError);
  fs::remove_all(dir);
}
