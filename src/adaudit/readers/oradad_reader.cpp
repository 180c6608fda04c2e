#include "adaudit/readers/oradad_reader.hpp"

#include <charconv>
#include <chrono>
#include <set>
#include <unordered_map>

#include "adaudit/readers/encoding.hpp"
#include "adaudit/readers/ingest.hpp"
#include "adaudit/readers/input_error.hpp"
#include "adaudit/readers/ldif_reader.hpp"
#include "common/text.hpp"

namespace carepilot::adaudit {

namespace fs = std::filesystem;

namespace {

struct Column {
  std::string name;  // lower case
  std::string type;  // "nvarchar(40)", "int", "varchar(max)", "datetime2" ...
};
struct Table {
  std::string path;  // relative, '/'-separated
  std::vector<Column> columns;
};

std::string slashes(std::string p) {
  for (char& c : p)
    if (c == '\\') c = '/';
  return p;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  for (;;) {
    const auto next = s.find(sep, pos);
    out.push_back(s.substr(pos, next == std::string_view::npos ? s.size() - pos : next - pos));
    if (next == std::string_view::npos) return out;
    pos = next + 1;
  }
}

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  for (auto l : split(text, '\n')) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back(l);
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

// Attributes ORADAD writes as ';'-separated lists (the tables give no STR/STRS type).
const std::set<std::string, std::less<>>& multi_valued() {
  static const std::set<std::string, std::less<>> s{"objectclass",
                                                    "member",
                                                    "memberof",
                                                    "serviceprincipalname",
                                                    "msds-allowedtodelegateto",
                                                    "sidhistory",
                                                    "certificatetemplates",
                                                    "pkiextendedkeyusage",
                                                    "mspki-certificate-application-policy",
                                                    "mspki-certificate-policy",
                                                    "mspki-ra-application-policies",
                                                    "cacertificate"};
  return s;
}

std::optional<std::string> from_hex(std::string_view h) {
  if (h.size() % 2) return std::nullopt;
  std::string out;
  out.reserve(h.size() / 2);
  auto nib = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < h.size(); i += 2) {
    const int a = nib(h[i]), b = nib(h[i + 1]);
    if (a < 0 || b < 0) return std::nullopt;
    out.push_back(static_cast<char>(a * 16 + b));
  }
  return out;
}

// "2024-05-01 10:20:30" -> Unix seconds (nullopt when malformed).
std::optional<std::int64_t> parse_datetime(std::string_view s) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  auto num = [&](std::size_t o, std::size_t n) {
    int v = -1;
    const auto [p, ec] = std::from_chars(s.data() + o, s.data() + o + n, v);
    return ec == std::errc() && p == s.data() + o + n ? v : -1;
  };
  const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2),
            se = num(17, 2);
  using namespace std::chrono;
  const year_month_day ymd{year(y), month(unsigned(mo)), day(unsigned(d))};
  if (y < 1601 || !ymd.ok() || h < 0 || mi < 0 || se < 0) return std::nullopt;
  return sys_days(ymd).time_since_epoch().count() * 86400LL + h * 3600 + mi * 60 + se;
}

class Reader {
 public:
  Reader(Directory& dir) : dir_(dir) {}

  void tables(std::string_view text) {
    const auto ls = lines(text);
    for (std::size_t i = 1; i < ls.size(); ++i) {  // line 0: "<root DNS>_<time>"
      const auto f = split(ls[i], '\t');
      std::size_t n = 0;
      if (f.size() < 4 ||
          std::from_chars(f[3].data(), f[3].data() + f[3].size(), n).ec != std::errc() ||
          f.size() < 4 + 2 * n) {
        dir_.warnings.add("bad_value",
                          "tables.tsv : ligne " + std::to_string(i + 1) + " illisible");
        continue;
      }
      Table t;
      t.path = slashes(std::string(f[0]));
      for (std::size_t c = 0; c < n; ++c)
        t.columns.push_back({lower(f[4 + 2 * c]), std::string(f[5 + 2 * c])});
      tables_.push_back(std::move(t));
    }
  }

  // Reads the rows of table `t`; returns how many rows had the wrong number of columns.
  std::size_t rows(const Table& t, std::string_view text) {
    // Columns "x" + "x_int": the integer is the value, the text is ORADAD's rendering.
    std::set<std::string> has_int;
    std::size_t deleted_col = 0;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const auto& name = t.columns[c].name;
      if (name.size() > 4 && name.ends_with("_int"))
        has_int.insert(name.substr(0, name.size() - 4));
      if (name == "isdeleted") deleted_col = c;
    }
    // "top" dumps every object of a partition; outside the domain partition (configuration,
    // schema, DNS) its rows only complete objects another request listed (AD CS templates and
    // authorities read their security descriptors there).
    const auto partition = lower(t.path.substr(0, t.path.find('/')));
    const bool top = lower(t.path).ends_with("/top.tsv");
    const bool weak =
        top ? partition != "domain"
            : partition == "schema" || partition == "domaindns" || partition == "forestdns";
    std::size_t bad = 0;
    for (const auto l : lines(text)) {
      const auto f = split(l, '\t');
      if (f.size() != t.columns.size()) {
        ++bad;
        continue;
      }
      if (t.columns.empty() || t.columns[0].name != "dn" || f[0].empty()) continue;  // rootDSE
      if (lower(f[0]) == "dn") continue;  // writeHeader=1: the column names (a DN has a '=')
      if (deleted_col && f[deleted_col] == "1") {
        // A deleted object (the show-deleted control of "top"): no object of the domain.
        deleted_.insert(lower(f[0]));
        continue;
      }
      LdapEntry& e = entry(f[0]);
      if (!weak) strong_[index_.at(lower(f[0]))] = true;
      for (std::size_t c = 1; c < f.size(); ++c) {
        const Column& col = t.columns[c];
        if (f[c].empty() || col.name == "shortname" || col.name == "shortdn") continue;
        if (has_int.count(col.name)) continue;
        std::string name = col.name;
        if (name.ends_with("_int") && has_int.count(name.substr(0, name.size() - 4)))
          name.resize(name.size() - 4);
        if (std::any_of(e.attrs.begin(), e.attrs.end(),
                        [&](const LdapAttr& a) { return a.name == name; }))
          continue;  // already given by another table
        add_values(e, name, col.type, f[c]);
      }
    }
    return bad;
  }

  void finish(std::string_view source) {
    std::vector<LdapEntry> kept;
    kept.reserve(entries_.size());
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (strong_[i] && !deleted_.count(lower(entries_[i].dn)))
        kept.push_back(std::move(entries_[i]));
    entries_.clear();
    read_ldap_entries(source, kept, dir_);
    dir_.format = "oradad";
  }

  std::vector<Table> tables_;

 private:
  LdapEntry& entry(std::string_view dn) {
    const std::string key = lower(dn);
    const auto it = index_.find(key);
    if (it != index_.end()) return entries_[it->second];
    index_.emplace(key, entries_.size());
    entries_.push_back({std::string(dn), {}});
    strong_.push_back(false);
    return entries_.back();
  }

  void add_values(LdapEntry& e, const std::string& name, const std::string& type,
                  std::string_view raw) {
    std::vector<std::string_view> values;
    if (multi_valued().count(name)) {
      values = split(raw, ';');
    } else {
      values.push_back(raw);
    }
    for (auto v : values) {
      if (v.empty()) continue;
      std::string value(v);
      if (type.starts_with("varchar") && !v.starts_with("S-1-") && !v.starts_with("O:") &&
          !v.starts_with("D:")) {
        // Binary attributes in hexadecimal (security descriptors, certificates ...).
        auto bin = from_hex(v);
        if (!bin) {
          dir_.warnings.add("bad_value", "valeur hexadécimale invalide pour " + name);
          continue;
        }
        value = std::move(*bin);
      } else if (type == "datetime2") {
        const auto t = parse_datetime(v);
        if (!t) {
          dir_.warnings.add("bad_value", "date illisible pour " + name + " : " + value);
          continue;
        }
        if (name == "whencreated" || name == "whenchanged") {
          // Generalized time, as LDAP writes it.
          const auto days = std::chrono::sys_days(std::chrono::days(*t / 86400));
          const std::chrono::year_month_day ymd(days);
          char buf[32];
          const auto secs = *t % 86400;
          std::snprintf(buf, sizeof buf, "%04d%02u%02u%02lld%02lld%02lld.0Z", int(ymd.year()),
                        unsigned(ymd.month()), unsigned(ymd.day()),
                        static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                        static_cast<long long>(secs % 60));
          value = buf;
        } else if (v.starts_with("2999-12-12")) {
          value = "9223372036854775807";  // "never"
        } else {
          value = std::to_string((*t + 11644473600LL) * 10000000LL);  // FILETIME
        }
      } else if (type == "tinyint") {
        value = v == "1" ? "TRUE" : "FALSE";
      }
      e.attrs.push_back({name, std::move(value)});
    }
  }

  Directory& dir_;
  std::vector<LdapEntry> entries_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<bool> strong_;       // by entry: listed by a request of the domain's objects
  std::set<std::string> deleted_;  // lower-cased DNs of deleted objects
};

// A file of the collection as UTF-8: ORADAD writes UTF-16LE with a mark (tables.tsv in ANSI
// text). A file cut short (an odd byte of UTF-16, a last row without its line end) loses its
// cut row and sets `truncated`; UTF-32 or text neither UTF-16 nor UTF-8 (re-saved in
// Windows-1252) is refused, naming the file and the encoding.
std::string text_of(std::string data, const std::string& file, bool* truncated) {
  const auto e = detect_encoding(std::string_view(data).substr(0, 4));
  const bool utf16 = e == TextEncoding::Utf16Le || e == TextEncoding::Utf16Be ||
                     e == TextEncoding::Utf16LeNoBom || e == TextEncoding::Utf16BeNoBom;
  if (utf16 && data.size() % 2 != 0) {
    data.pop_back();
    if (truncated) *truncated = true;
  }
  normalise_to_utf8(data, file, true);
  if (const auto fault = first_invalid_utf8(data))
    throw InputError(file + ":" + std::to_string(fault->line) +
                     ": texte ni UTF-16 ni UTF-8 (octets invalides : encodage Windows-1252 ou "
                     "Latin-1 ?) ; ORADAD écrit ses fichiers en UTF-16 LE, envoyez-les tels "
                     "qu'il les a écrits");
  if (truncated && !data.empty() && data.back() != '\n') {
    data.erase(data.rfind('\n') == std::string::npos ? 0 : data.rfind('\n') + 1);
    *truncated = true;
  }
  return data;
}

// tables.tsv as UTF-8: ORADAD writes it as ANSI text (Windows-1252 on a French Windows),
// converted when it is not UTF-8 (ASCII, its usual content, is both); UTF-16 is read too.
std::string tables_text(std::string data) {
  const auto e = detect_encoding(std::string_view(data).substr(0, 4));
  if ((e == TextEncoding::Utf16Le || e == TextEncoding::Utf16Be ||
       e == TextEncoding::Utf16LeNoBom || e == TextEncoding::Utf16BeNoBom) &&
      data.size() % 2 != 0)
    data.pop_back();  // a cut unit, as text_of drops it
  normalise_to_utf8(data, "tables.tsv", true);
  if (valid_utf8(data)) return data;
  EncodingFault fault;
  auto utf8 = to_utf8(data, "WINDOWS-1252", &fault);
  if (!utf8)
    throw InputError("tables.tsv:" + std::to_string(fault.line) +
                     ": texte ni UTF-8 ni Windows-1252");
  return std::move(*utf8);
}

const std::string* find_file(const std::map<std::string, std::string>& files,
                             const std::string& rel) {
  const std::string want = lower(slashes(rel));
  for (const auto& [k, v] : files)
    if (lower(slashes(k)) == want) return &v;
  return nullptr;
}

}  // namespace

fs::path find_oradad_root(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / "tables.tsv", ec)) return dir;
  for (const auto& a : fs::directory_iterator(dir, ec)) {
    if (!a.is_directory()) continue;
    if (fs::exists(a.path() / "tables.tsv", ec)) return a.path();
    for (const auto& b : fs::directory_iterator(a.path(), ec))
      if (b.is_directory() && fs::exists(b.path() / "tables.tsv", ec)) return b.path();
  }
  return {};
}

void read_oradad(const std::map<std::string, std::string>& files, Directory& dir) {
  const std::string* tables = find_file(files, "tables.tsv");
  if (!tables) throw InputError("collecte ORADAD sans tables.tsv");
  Reader r(dir);
  r.tables(tables_text(*tables));
  if (r.tables_.empty()) throw InputError("tables.tsv : aucune table décrite");
  std::size_t read = 0;
  for (const auto& t : r.tables_) {
    if (lower(t.path) == "metadata.tsv") continue;  // read below
    const std::string* data = find_file(files, t.path);
    if (!data) {
      dir.incomplete.push_back("fichier ORADAD absent : " + t.path);
      continue;
    }
    bool truncated = false;
    const std::size_t bad = r.rows(t, text_of(*data, t.path, &truncated));
    if (truncated)
      dir.incomplete.push_back("fichier ORADAD tronqué : " + t.path +
                               " (sa dernière ligne est coupée)");
    else if (bad > 0)
      dir.incomplete.push_back("fichier ORADAD abîmé : " + t.path + " (" + std::to_string(bad) +
                               (bad == 1 ? " ligne illisible)" : " lignes illisibles)"));
    dir.sources.push_back(t.path);
    ++read;
  }
  if (const std::string* meta = find_file(files, "metadata.tsv")) {
    (void)text_of(*meta, "metadata.tsv", nullptr);
    dir.sources.push_back("metadata.tsv");
  }
  r.finish("oradad");
  if (read == 0) throw InputError("collecte ORADAD : aucun fichier de table lu");
}

void read_oradad_folder(const fs::path& root, Directory& dir) {
  std::map<std::string, std::string> files;
  files["tables.tsv"] = read_file(root / "tables.tsv");
  {
    const std::string tables = tables_text(files["tables.tsv"]);
    for (const auto l : lines(tables)) {
      const auto f = split(l, '\t');
      if (f.size() < 4) continue;
      const std::string rel = slashes(std::string(f[0]));
      std::error_code ec;
      if (fs::exists(root / rel, ec)) files[rel] = read_file(root / rel);
    }
  }
  std::error_code ec;
  if (fs::exists(root / "metadata.tsv", ec))
    files["metadata.tsv"] = read_file(root / "metadata.tsv");
  read_oradad(files, dir);
}

}  // namespace carepilot::adaudit
