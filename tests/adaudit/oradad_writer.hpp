// ORADAD's plain-file output (outputFiles=1) written from LDIF entries, as ORADAD writes it
// (facts from ORADAD's public configuration, schema and sources; no code of it): shared by the
// reader's tests and the platform's upload test.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "adaudit/readers/ldif_reader.hpp"
#include "adaudit/sid.hpp"
#include "sample_files.hpp"
#include "text_helpers.hpp"

namespace carepilot::adaudit::testing::oradad {

namespace fs = std::filesystem;
using carepilot::adaudit::testing::slurp;
using carepilot::adaudit::testing::spit;
using carepilot::adaudit::testing::to_utf16;

struct Value {
  std::string name;  // as in the LDIF
  std::string value;
};
struct Entry {
  std::string dn;
  std::vector<Value> values;
};

// A small LDIF reading for the test (folded lines, base64 values).
inline std::vector<Entry> parse_ldif(const std::string& text) {
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

inline std::string lower_s(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

inline std::string hex(const std::string& b) {
  static const char* d = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : b) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

inline std::string date_of_unix(std::int64_t t) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days(days(t / 86400))};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()),
                static_cast<long long>(t % 86400 / 3600), static_cast<long long>(t % 3600 / 60),
                static_cast<long long>(t % 60));
  return buf;
}

// ORADAD's attribute types (its schema file: STR, STRS, INT, INT64, BOOL, SID, SD, GUID, DATE,
// DATEINT64, BIN; "filter" marks the integers it also writes as text, in a column of their own
// followed by "<name>_int").
enum class T { Str, Strs, Int, IntText, Int64Text, Bool, Sid, Sd, Guid, Date, DateInt64 };

struct Attr {
  const char* name;  // ORADAD's spelling
  T type;
};

// The requests of ORADAD's schema that hold this domain's objects, with their attributes (those
// of the request's classes, auxiliary classes included), and "top", every object of a
// partition with the attributes of class top (its security descriptor among them).
inline const std::vector<std::pair<std::string, std::vector<Attr>>>& requests() {
  static const std::vector<std::pair<std::string, std::vector<Attr>>> r{
      {"top",
       {{"objectClass", T::Strs},
        {"objectCategory", T::Str},
        {"nTSecurityDescriptor", T::Sd},
        {"objectGUID", T::Guid},
        {"whenCreated", T::Date},
        {"cn", T::Str},
        {"name", T::Str},
        {"description", T::Strs},
        {"displayName", T::Str},
        {"isDeleted", T::Bool},
        {"memberOf", T::Strs},
        {"systemFlags", T::IntText}}},
      {"root",
       {{"dc", T::Str},
        {"gPLink", T::Str},
        {"lockoutDuration", T::Int64Text},
        {"ms-DS-MachineAccountQuota", T::Int},
        {"msDS-Behavior-Version", T::Int},
        {"objectSid", T::Sid}}},
      {"user",
       {{"adminCount", T::Int},
        {"accountExpires", T::DateInt64},
        {"lastLogonTimestamp", T::DateInt64},
        {"msDS-AllowedToDelegateTo", T::Strs},
        {"msDS-SupportedEncryptionTypes", T::IntText},
        {"objectSid", T::Sid},
        {"primaryGroupID", T::Int},
        {"pwdLastSet", T::DateInt64},
        {"sAMAccountName", T::Str},
        {"servicePrincipalName", T::Strs},
        {"sIDHistory", T::Sid},
        {"userAccountControl", T::IntText},
        {"userPrincipalName", T::Str}}},
      {"computer",
       {{"adminCount", T::Int},
        {"dNSHostName", T::Str},
        {"lastLogonTimestamp", T::DateInt64},
        {"objectSid", T::Sid},
        {"operatingSystem", T::Str},
        {"primaryGroupID", T::Int},
        {"pwdLastSet", T::DateInt64},
        {"sAMAccountName", T::Str},
        {"servicePrincipalName", T::Strs},
        {"userAccountControl", T::IntText}}},
      {"group",
       {{"adminCount", T::Int},
        {"groupType", T::IntText},
        {"member", T::Strs},
        {"objectSid", T::Sid},
        {"sAMAccountName", T::Str},
        {"sIDHistory", T::Sid}}},
      {"ou", {{"gPLink", T::Str}, {"gPOptions", T::Int}, {"ou", T::Strs}}},
      {"gpo", {{"flags", T::Int}, {"gPCFileSysPath", T::Str}, {"versionNumber", T::Int}}},
      {"trustedDomain",
       {{"flatName", T::Str},
        {"securityIdentifier", T::Sid},
        {"trustAttributes", T::IntText},
        {"trustDirection", T::IntText},
        {"trustPartner", T::Str},
        {"trustType", T::IntText}}}};
  return r;
}

// The request an entry is dumped by (besides "top"), from its classes; "" for none.
inline std::string request_of(const Entry& e) {
  std::set<std::string> c;
  for (const auto& v : e.values)
    if (lower_s(v.name) == "objectclass") c.insert(lower_s(v.value));
  if (c.count("trusteddomain")) return "trustedDomain";
  if (c.count("computer")) return "computer";
  if (c.count("user")) return "user";
  if (c.count("group")) return "group";
  if (c.count("organizationalunit")) return "ou";
  if (c.count("grouppolicycontainer")) return "gpo";
  if (c.count("domaindns") || c.count("domain")) return "root";
  return "";
}

inline std::string date_of_filetime(const std::string& v) {
  const auto ft = std::stoll(v);
  if (ft == 0) return "";
  if (ft == 0x7FFFFFFFFFFFFFFFLL) return "2999-12-12 23:59:59";
  return date_of_unix(ft / 10000000 - 11644473600LL);
}

// One value cell as ORADAD writes it (the "_int" cell of a filtered integer aside).
inline std::string cell(const Attr& a, const std::vector<std::string>& values) {
  if (values.empty()) return "";
  const std::string& v = values[0];
  const auto bin = [&] {
    return std::span(reinterpret_cast<const std::uint8_t*>(v.data()), v.size());
  };
  switch (a.type) {
    case T::Strs: {
      std::string out;
      for (const auto& x : values) out += (out.empty() ? "" : ";") + x;
      return out;
    }
    case T::Sid:  // the first value only, as text
      return sid_from_binary(bin()).value_or(v);
    case T::Sd:
      return lower_s(hex(v));
    case T::Guid:  // UuidToString: lower case, no braces
      return lower_s(guid_from_binary(bin()).value_or(""));
    case T::Date:
      return v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2) + " " + v.substr(8, 2) +
             ":" + v.substr(10, 2) + ":" + v.substr(12, 2);
    case T::DateInt64:
      return date_of_filetime(v);
    case T::Bool:
      return lower_s(v) == "true" ? "1" : "0";
    case T::IntText:
    case T::Int64Text:
      return "FLAGS(" + v + ")";  // ORADAD's rendering of the flags; the integer follows
    default:
      return v;
  }
}

inline std::string sql_type(const Attr& a, std::size_t width) {
  const std::string n = "(" + std::to_string(width / 2 + 1) + ")";
  switch (a.type) {
    case T::Int:
      return "int";
    case T::Sid:
    case T::Sd:
      return width / 2 + 1 < 8000 ? "varchar" + n : "varchar(max)";
    case T::Guid:
      return "uniqueidentifier";
    case T::Date:
    case T::DateInt64:
      return "datetime2";
    case T::Bool:
      return "tinyint";
    default:
      return "nvarchar" + n;
  }
}

struct Layout {
  bool header = false;            // writeHeader=1: a first line of column names in each file
  bool deleted = false;           // a deleted user in top.tsv (the request shows deleted objects)
  bool config_partition = false;  // configuration\top.tsv and schema\top.tsv too
};

// Writes the entries as ORADAD with outputFiles=1 writes them under `out`: <root DNS>/<time>/
// holding tables.tsv (ANSI text: "<root DNS>_<time>", then per table its relative path with
// '\', its two names, its column count and each column with its SQL type), metadata.tsv (key,
// value) and rootDSE.tsv, and per request domain\<DNS>\<request>.tsv: UTF-16LE with a mark,
// CRLF, tab-separated, dn first ("top": then shortname and shortdn), multi-values joined by ';',
// SIDs and GUIDs as text, security descriptors in hexadecimal, dates "YYYY-MM-DD HH:MM:SS",
// booleans 1/0, a filtered integer as text then integer. Returns the folder of tables.tsv.
inline fs::path write_oradad(const std::vector<Entry>& entries, const fs::path& out,
                             Layout lay = {}) {
  const fs::path root = out / "corp.local" / "20261130101500";
  std::string tables_tsv = "corp.local_20261130101500\n";
  tables_tsv += "metadata.tsv\tmetadata\tmetadata\t2\tkey\tnvarchar(255)\tvalue\tnvarchar(1024)\n";
  spit(root / "metadata.tsv", to_utf16("oradad_version\t3.3.0.1\r\noradad_level\t4\r\n"
                                       "oradad_processtime\t1234\r\n",
                                       true, true));
  spit(root / "rootDSE.tsv",
       to_utf16("dc01.corp.local\tDC=corp,DC=local\tDC=corp,DC=local\r\n", true, true));
  tables_tsv +=
      "rootDSE.tsv\trootDSE\trootDSE\t3\tserver\tnvarchar(9)\tdefaultNamingContext\t"
      "nvarchar(9)\trootDomainNamingContext\tnvarchar(9)\n";
  std::set<std::string> covered;  // entry attributes some column carried
  auto write_table = [&](const std::string& rel_dir, const std::string& names,
                         const std::string& request, const std::vector<Attr>& attrs,
                         std::vector<std::vector<std::string>> extra_rows,
                         const std::vector<const Entry*>& list, const std::string& base) {
    const bool top = request == "top";
    std::string rows;
    std::vector<std::size_t> widths(attrs.size(), 0);
    std::size_t dn_width = 0;
    if (lay.header) {
      std::string h = "dn";
      if (top) h += "\tshortname\tshortdn";
      for (const auto& a : attrs) {
        h += std::string("\t") + a.name;
        if (a.type == T::IntText || a.type == T::Int64Text)
          h += std::string("\t") + a.name + "_int";
      }
      rows += h + "\r\n";
    }
    for (const auto* e : list) {
      std::string row = e->dn;
      dn_width = std::max(dn_width, e->dn.size() * 2);
      if (top) {
        const auto at = e->dn.size() > base.size() ? e->dn.size() - base.size() - 1 : 0;
        row += "\t" + rel_dir.substr(0, rel_dir.find('\\')) + "/corp.local\t" + e->dn.substr(0, at);
      }
      for (std::size_t i = 0; i < attrs.size(); ++i) {
        const auto& a = attrs[i];
        std::vector<std::string> vals;
        for (const auto& v : e->values)
          if (lower_s(v.name) == lower_s(a.name)) vals.push_back(v.value);
        if (!vals.empty()) covered.insert(e->dn + "|" + lower_s(a.name));
        const std::string c = cell(a, vals);
        widths[i] = std::max(widths[i], c.size() * 2);
        row += "\t" + c;
        if (a.type == T::IntText || a.type == T::Int64Text)
          row += "\t" + (vals.empty() ? "" : vals[0]);
      }
      rows += row + "\r\n";
    }
    for (const auto& r : extra_rows) {
      std::string row;
      for (const auto& c : r) row += (row.empty() ? "" : "\t") + c;
      rows += row + "\r\n";
    }
    const std::string rel = rel_dir + "\\" + request + ".tsv";
    std::string rel_slash = rel;
    for (auto& c : rel_slash)
      if (c == '\\') c = '/';
    spit(root / rel_slash, to_utf16(rows, true, true));
    std::size_t count = 1 + (top ? 2 : 0);
    std::string cols = "dn\tnvarchar(" + std::to_string(dn_width / 2 + 1) + ")";
    if (top) cols += "\tshortname\tnvarchar(20)\tshortdn\tnvarchar(60)";
    for (std::size_t i = 0; i < attrs.size(); ++i) {
      const auto& a = attrs[i];
      ++count;
      cols += std::string("\t") + a.name + "\t" + sql_type(a, widths[i]);
      if (a.type == T::IntText || a.type == T::Int64Text) {
        ++count;
        cols += std::string("\t") + a.name + "_int\t" + (a.type == T::IntText ? "int" : "bigint");
      }
    }
    tables_tsv += rel + "\t" + names + "_" + request + "\t" + names.substr(0, names.find('_')) +
                  "_" + request + "\t" + std::to_string(count) + "\t" + cols + "\n";
  };
  std::vector<const Entry*> all;
  for (const auto& e : entries) all.push_back(&e);
  for (const auto& [request, attrs] : requests()) {
    std::vector<const Entry*> list;
    std::vector<std::vector<std::string>> extra;
    if (request == "top") {
      list = all;
      if (lay.deleted) {
        // A deleted user, as the show-deleted control returns it: under Deleted Objects, its
        // name mangled, isDeleted 1; no other request lists it.
        std::vector<std::string> r{
            "CN=carol\\0ADEL:0b1e52a4-3c57-4f3e-9d7f-2f6b1c0d9e11,CN=Deleted "
            "Objects,DC=corp,DC=local",
            "domain/corp.local",
            "CN=carol\\0ADEL:0b1e52a4-3c57-4f3e-9d7f-2f6b1c0d9e11,CN=Deleted Objects"};
        for (const auto& a : attrs) {
          std::string c;
          if (std::string(a.name) == "objectClass") c = "top;person;organizationalPerson;user";
          if (std::string(a.name) == "isDeleted") c = "1";
          if (std::string(a.name) == "name")
            c = "carol\\0ADEL:0b1e52a4-3c57-4f3e-9d7f-2f6b1c0d9e11";
          if (std::string(a.name) == "objectGUID") c = "0b1e52a4-3c57-4f3e-9d7f-2f6b1c0d9e11";
          r.push_back(c);
          if (a.type == T::IntText || a.type == T::Int64Text) r.push_back("");
        }
        extra.push_back(r);
      }
    } else {
      for (const auto* e : all)
        if (request_of(*e) == request) list.push_back(e);
    }
    write_table("domain\\corp.local", "domain_corp.local", request, attrs, extra, list,
                "DC=corp,DC=local");
  }
  if (lay.config_partition) {
    // The configuration and schema partitions' objects (sites, display specifiers, classes,
    // attributes ...) are dumped by "top" too: none of them is a principal of the domain.
    const std::vector<Entry> config{{"CN=Configuration,DC=corp,DC=local",
                                     {{"objectClass", "top"}, {"objectClass", "configuration"}}},
                                    {"CN=Sites,CN=Configuration,DC=corp,DC=local",
                                     {{"objectClass", "top"}, {"objectClass", "sitesContainer"}}},
                                    {"CN=Display Specifiers,CN=Configuration,DC=corp,DC=local",
                                     {{"objectClass", "top"}, {"objectClass", "container"}}}};
    const std::vector<Entry> schema{{"CN=Schema,CN=Configuration,DC=corp,DC=local",
                                     {{"objectClass", "top"}, {"objectClass", "dMD"}}},
                                    {"CN=User,CN=Schema,CN=Configuration,DC=corp,DC=local",
                                     {{"objectClass", "top"}, {"objectClass", "classSchema"}}}};
    for (const auto& [dir, list_of, base] :
         {std::tuple{std::string("configuration"), &config,
                     std::string("CN=Configuration,DC=corp,DC=local")},
          std::tuple{std::string("schema"), &schema,
                     std::string("CN=Schema,CN=Configuration,DC=corp,DC=local")}}) {
      std::vector<const Entry*> l;
      for (const auto& e : *list_of) l.push_back(&e);
      write_table(dir, dir, "top", requests()[0].second, {}, l, base);
    }
  }
  // Every attribute of the LDIF went into some column: the two folders hold the same data.
  for (const auto& e : entries)
    for (const auto& v : e.values) {
      const auto l = lower_s(v.name);
      if (l == "description" && v.value.empty()) continue;  // the LDIF's unreadable base64
      EXPECT_TRUE(covered.count(e.dn + "|" + l)) << e.dn << " " << v.name;
    }
  spit(root / "tables.tsv", tables_tsv);
  return root;
}

// The folder as a zip: the tests' one zip writer.
using ::carepilot::testing::zip_folder;

}  // namespace carepilot::adaudit::testing::oradad
