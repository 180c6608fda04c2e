#include "adaudit/readers/ldif_reader.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <span>
#include <unordered_map>

#include "adaudit/paths/security_descriptor.hpp"
#include "adaudit/sid.hpp"
#include "common/text.hpp"

namespace carepilot::adaudit {

namespace {

using Attr = LdapAttr;
using Entry = LdapEntry;

std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::optional<std::int64_t> to_int(std::string_view s) {
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// "20190916104213.0Z" -> Unix seconds.
std::int64_t generalized_time(std::string_view s) {
  if (s.size() < 14) return 0;
  auto num = [&](std::size_t o, std::size_t n) { return to_int(s.substr(o, n)).value_or(-1); };
  const auto y = num(0, 4), mo = num(4, 2), d = num(6, 2), h = num(8, 2), mi = num(10, 2),
             se = num(12, 2);
  if (y < 1601 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || mi < 0 || se < 0) return 0;
  using namespace std::chrono;
  const year_month_day ymd{year(int(y)), month(unsigned(mo)), day(unsigned(d))};
  if (!ymd.ok()) return 0;
  return sys_days(ymd).time_since_epoch().count() * 86400 + h * 3600 + mi * 60 + se;
}

std::string functional_level(std::string_view v) {
  switch (to_int(v).value_or(-1)) {
    case 0:
      return "2000";
    case 1:
      return "2003 Interim";
    case 2:
      return "2003";
    case 3:
      return "2008";
    case 4:
      return "2008 R2";
    case 5:
      return "2012";
    case 6:
      return "2012 R2";
    case 7:
      return "2016";
    case 10:
      return "2025";
    default:
      return std::string(v);
  }
}

// "DC=corp,DC=example,DC=org" -> "CORP.EXAMPLE.ORG".
std::string dns_of_dn(std::string_view dn) {
  std::string out;
  std::size_t pos = 0;
  while (pos < dn.size()) {
    auto end = dn.find(',', pos);
    if (end == std::string_view::npos) end = dn.size();
    auto rdn = dn.substr(pos, end - pos);
    while (!rdn.empty() && rdn.front() == ' ') rdn.remove_prefix(1);
    if (rdn.size() > 3 && (rdn[0] == 'D' || rdn[0] == 'd') && (rdn[1] == 'C' || rdn[1] == 'c') &&
        rdn[2] == '=') {
      if (!out.empty()) out += '.';
      out += upper(rdn.substr(3));
    }
    pos = end + 1;
  }
  return out;
}

class LdifParser {
 public:
  LdifParser(std::string_view name, Directory& dir) : file_(name), dir_(dir) {}

  void run(std::string_view text) {
    std::string logical;  // current unfolded line
    bool in_comment = false;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      auto nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      const bool eof = nl >= text.size();
      pos = nl + 1;
      if (!line.empty() && line[0] == ' ') {  // continuation of the previous line
        if (!in_comment) logical.append(line.substr(1));
      } else {
        if (!logical.empty()) attribute_line(logical);
        logical.clear();
        in_comment = !line.empty() && line[0] == '#';
        if (line.empty()) {
          end_entry();
        } else if (!in_comment) {
          logical.assign(line);
        }
      }
      if (eof) break;
    }
    if (!logical.empty()) attribute_line(logical);
    end_entry();
    finish();
  }

  // Entries read by another reader (ORADAD), then the end of the input.
  void add(const Entry& e) {
    build(e);
    ++entries_;
  }
  void finish() {
    for (auto& [dn, trust] : trusts_) attach_trust(dn, std::move(trust));
    trusts_.clear();
    if (laps_seen_)
      for (auto& o : dir_.objects())
        if (o.type == ObjectType::Computer) o.flags |= flag::kLapsKnown;
  }

 private:
  void warn(const std::string& kind, const std::string& what) {
    dir_.warnings.add(kind,
                      std::string(file_) + " (ligne ~" + std::to_string(entries_) + ") : " + what);
  }

  void attribute_line(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      warn("bad_line", "ligne LDIF sans « : » ignorée");
      return;
    }
    std::string name = lower(line.substr(0, colon));
    if (const auto semi = name.find(';'); semi != std::string::npos) name.resize(semi);
    std::string_view rest = line.substr(colon + 1);
    std::string value;
    if (!rest.empty() && rest[0] == ':') {
      rest.remove_prefix(1);
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      auto decoded = decode_base64(rest);
      if (!decoded) {
        warn("invalid_base64", "valeur base64 invalide pour " + name);
        if (name == "dn") skip_entry_ = true;
        return;
      }
      value = std::move(*decoded);
    } else if (!rest.empty() && rest[0] == '<') {
      warn("unsupported_url", "valeur par URL non lue pour " + name);
      return;
    } else {
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      value.assign(rest);
    }
    if (name == "version" && !in_entry_) return;
    if (!in_entry_ && name == "search") return;  // ldapsearch's summary: "search: 2"
    if (!in_entry_ && name == "result") {
      // "result: 0 Success"; anything else means the server stopped the export (4 Size
      // limit exceeded, 3 Time limit exceeded, 11 Administrative limit exceeded ...).
      const auto space = value.find(' ');
      const auto code = to_int(std::string_view(value).substr(0, space)).value_or(-1);
      if (code != 0)
        dir_.incomplete.push_back(std::string(file_) +
                                  " : export interrompu par le serveur LDAP (result: " + value +
                                  ") ; des objets manquent");
      return;
    }
    if (name == "dn") {
      if (in_entry_) end_entry();
      in_entry_ = true;
      entry_.dn = std::move(value);
      return;
    }
    if (!in_entry_) {
      warn("bad_line", "attribut hors d'une entrée ignoré");
      return;
    }
    if (name == "changetype") {
      warn("unsupported_record", "enregistrement de modification ignoré");
      skip_entry_ = true;
      return;
    }
    entry_.attrs.push_back({std::move(name), std::move(value)});
  }

  void end_entry() {
    if (in_entry_ && !skip_entry_) build(entry_);
    if (in_entry_) ++entries_;
    in_entry_ = false;
    skip_entry_ = false;
    entry_ = Entry{};
  }

  ObjectType type_of(const Entry& e) const {
    bool user = false, computer = false, group = false, gpo = false, ou = false, domain = false,
         container = false, fsp = false, trust = false;
    for (const auto& a : e.attrs) {
      if (a.name != "objectclass") continue;
      const std::string v = lower(a.value);
      computer |= v == "computer";
      user |= v == "user" || v == "inetorgperson";
      group |= v == "group";
      gpo |= v == "grouppolicycontainer";
      ou |= v == "organizationalunit";
      domain |= v == "domaindns";
      container |= v == "container" || v == "builtindomain";
      fsp |= v == "foreignsecurityprincipal";
      trust |= v == "trusteddomain";
    }
    if (trust) return ObjectType::Unknown;
    if (computer) return ObjectType::Computer;
    if (user) return ObjectType::User;
    if (group || fsp) return ObjectType::Group;
    if (gpo) return ObjectType::Gpo;
    if (ou) return ObjectType::Ou;
    if (domain) return ObjectType::Domain;
    if (container) return ObjectType::Container;
    return ObjectType::Unknown;
  }

  bool is_trust(const Entry& e) const {
    for (const auto& a : e.attrs)
      if (a.name == "objectclass" && lower(a.value) == "trusteddomain") return true;
    return false;
  }

  void build(const Entry& e) {
    if (is_trust(e)) {
      build_trust(e);
      return;
    }
    const ObjectType type = type_of(e);
    std::string id, sam, cn, nm, dns_host;
    for (const auto& a : e.attrs) {
      if (a.name == "objectsid") {
        if (auto s = sid_from_binary(bytes(a.value))) {
          id = *s;
        } else if (a.value.starts_with("S-1-")) {
          id = a.value;
        } else {
          warn("bad_value", "objectSid illisible pour " + e.dn);
        }
      } else if (a.name == "objectguid" && id.empty()) {
        if (auto g = guid_from_binary(bytes(a.value))) {
          id = *g;
        } else if (a.value.size() == 36 && a.value[8] == '-') {
          id = upper(a.value);  // already text (ORADAD)
        }
      } else if (a.name == "samaccountname") {
        sam = a.value;
      } else if (a.name == "cn") {
        cn = a.value;
      } else if (a.name == "name") {
        nm = a.value;
      } else if (a.name == "dnshostname") {
        dns_host = a.value;
      }
    }
    if (type == ObjectType::Unknown && id.empty()) return;  // schema, config, ... entries
    if (part_of(type) != Part::Count) dir_.parts |= part_bit(part_of(type));
    if (id.empty()) id = e.dn;
    const std::uint32_t index = dir_.intern(id);
    if (dir_.at(index).defined) warn("duplicate_object", "objet en double : " + id);
    std::string domain_sid(domain_of_sid(id));
    {
      Object& o = dir_.at(index);
      o.defined = true;
      o.type = type;
      o.dn = e.dn;
      // An LDIF export holds every attribute that is set: an absent lastLogonTimestamp
      // means "never". Only userAccountControl (enabled, account flags) and the security
      // descriptor must be seen to be known.
      o.known |= ~(field::kEnabled | field::kAccountFlags | field::kAces | field::kSessions |
                   field::kLocalAdmins);
      if (type == ObjectType::Computer && !dns_host.empty()) {
        o.name = dns_host;
      } else if (!sam.empty()) {
        o.name = sam;
      } else if (!nm.empty()) {
        o.name = nm;
      } else if (!cn.empty()) {
        o.name = cn;
      } else {
        o.name = e.dn;
      }
      if (type == ObjectType::Domain) o.name = dns_of_dn(e.dn);
    }
    Domain* domain = nullptr;
    if (type == ObjectType::Domain) {
      dir_.domains.push_back({});
      domain = &dir_.domains.back();
      domain->object = index;
      domain->name = dir_.at(index).name;
      domain->sid = id;
    }
    for (const auto& a : e.attrs) apply(index, a, domain_sid, domain, e.dn);
  }

  void apply(std::uint32_t index, const Attr& a, const std::string& domain_sid, Domain* domain,
             const std::string& dn) {
    const std::string& n = a.name;
    auto obj = [&]() -> Object& { return dir_.at(index); };
    if (n == "useraccountcontrol") {
      if (auto v = to_int(a.value)) {
        obj().flags = (obj().flags & (flag::kAdminCount | flag::kHasLaps | flag::kLapsKnown |
                                      flag::kAclCollected)) |
                      flags_from_uac(static_cast<std::uint32_t>(*v));
        obj().known |= field::kEnabled | field::kAccountFlags;
      } else {
        warn("bad_value", "userAccountControl non numérique pour " + dn);
      }
    } else if (n == "pwdlastset") {
      obj().pwd_last_set = filetime_to_unix(to_int(a.value).value_or(0));
    } else if (n == "lastlogontimestamp") {
      obj().last_logon = filetime_to_unix(to_int(a.value).value_or(0));
    } else if (n == "whencreated") {
      obj().when_created = generalized_time(a.value);
    } else if (n == "serviceprincipalname") {
      obj().spns.push_back(a.value);
    } else if (n == "admincount") {
      if (to_int(a.value).value_or(0) != 0) obj().flags |= flag::kAdminCount;
    } else if (n == "operatingsystem") {
      obj().os = a.value;
    } else if (n == "member") {
      obj().pending_member_dns.push_back(a.value);
    } else if (n == "msds-allowedtodelegateto") {
      obj().pending_delegate_spns.push_back(a.value);
    } else if (n == "sidhistory") {
      auto s = sid_from_binary(bytes(a.value));
      if (!s && a.value.starts_with("S-1-")) s = a.value;  // text (ORADAD)
      if (s) {
        const auto h = dir_.intern(*s);
        dir_.at(index).sid_history.push_back(h);
      } else {
        warn("bad_value", "sIDHistory illisible pour " + dn);
      }
    } else if (n == "primarygroupid") {
      if (auto r = to_int(a.value); r && !domain_sid.empty()) {
        const auto g = dir_.intern(domain_sid + "-" + std::to_string(*r));
        dir_.at(index).primary_group = g;
      }
    } else if (n == "gplink") {
      parse_gplink(index, a.value);
    } else if (n == "ntsecuritydescriptor") {
      auto sd = parse_security_descriptor(bytes(a.value));
      if (!sd) {
        warn("bad_security_descriptor", "nTSecurityDescriptor illisible pour " + dn);
        return;
      }
      std::vector<Ace> aces;
      if (!sd->owner.empty()) aces.push_back({dir_.intern(sd->owner), Right::Owns, false});
      for (const auto& ace : sd->aces)
        aces.push_back({dir_.intern(ace.principal), ace.right, ace.inherited});
      dir_.aces_read += aces.size();
      Object& o = dir_.at(index);
      o.aces.insert(o.aces.end(), aces.begin(), aces.end());
      o.flags |= flag::kAclCollected;
      o.known |= field::kAces;
    } else if (n == "msds-allowedtoactonbehalfofotheridentity") {
      auto sd = parse_security_descriptor(bytes(a.value));
      if (!sd) {
        warn("bad_security_descriptor", "descripteur RBCD illisible pour " + dn);
        return;
      }
      std::vector<std::uint32_t> who;
      for (const auto& s : sd->allowed) who.push_back(dir_.intern(s));
      Object& o = dir_.at(index);
      o.allowed_to_act.insert(o.allowed_to_act.end(), who.begin(), who.end());
    } else if (n == "ms-mcs-admpwdexpirationtime" || n == "mslaps-passwordexpirationtime" ||
               n == "ms-mcs-admpwd" || n == "mslaps-password" || n == "mslaps-encryptedpassword") {
      obj().flags |= flag::kHasLaps | flag::kLapsKnown;
      laps_seen_ = true;
    } else if (domain && n == "ms-ds-machineaccountquota") {
      domain->machine_account_quota = to_int(a.value);
    } else if (domain && n == "msds-behavior-version") {
      domain->functional_level = functional_level(a.value);
    }
  }

  // "[LDAP://cn={GUID},cn=policies,cn=system,DC=x;0][LDAP://...;2]" (1 = disabled, 2 = enforced).
  void parse_gplink(std::uint32_t index, std::string_view v) {
    std::size_t pos = 0;
    while ((pos = v.find('[', pos)) != std::string_view::npos) {
      const auto close = v.find(']', pos);
      if (close == std::string_view::npos) {
        warn("bad_value", "gPLink mal formé");
        return;
      }
      std::string_view link = v.substr(pos + 1, close - pos - 1);
      pos = close + 1;
      const auto semi = link.rfind(';');
      std::string_view target = link.substr(0, semi);
      const auto options =
          semi == std::string_view::npos ? 0 : to_int(link.substr(semi + 1)).value_or(0);
      if (target.size() > 7 && lower(target.substr(0, 7)) == "ldap://") target.remove_prefix(7);
      if (options & 1) continue;  // disabled link
      dir_.at(index).pending_gplink_dns.emplace_back(target);
    }
  }

  void build_trust(const Entry& e) {
    Trust t;
    std::int64_t attributes = 0, direction = 0, ttype = 0;
    for (const auto& a : e.attrs) {
      if (a.name == "trustpartner") t.target_name = upper(a.value);
      if (a.name == "trustattributes") attributes = to_int(a.value).value_or(0);
      if (a.name == "trustdirection") direction = to_int(a.value).value_or(0);
      if (a.name == "trusttype") ttype = to_int(a.value).value_or(0);
      if (a.name == "securityidentifier") {
        if (auto s = sid_from_binary(bytes(a.value))) {
          t.target_sid = *s;
        } else if (a.value.starts_with("S-1-")) {
          t.target_sid = a.value;
        }
      }
    }
    switch (direction) {
      case 0:
        t.direction = TrustDirection::Disabled;
        break;
      case 1:
        t.direction = TrustDirection::Inbound;
        break;
      case 2:
        t.direction = TrustDirection::Outbound;
        break;
      case 3:
        t.direction = TrustDirection::Bidirectional;
        break;
      default:
        t.direction = TrustDirection::Unknown;
    }
    t.transitive = !(attributes & 0x1);
    if (attributes & 0x20) {
      t.type = "ParentChild";
      t.sid_filtering = false;
    } else if (attributes & 0x8) {
      t.type = "Forest";
      t.sid_filtering = !(attributes & 0x40);  // treat-as-external = SID history allowed
    } else if (ttype == 3) {
      t.type = "Realm";
      t.sid_filtering = (attributes & 0x4) != 0;
    } else {
      t.type = "External";
      t.sid_filtering = (attributes & 0x4) != 0;
    }
    t.tgt_delegation = (attributes & 0x800) != 0;
    trusts_.emplace_back(lower(e.dn), std::move(t));
  }

  void attach_trust(const std::string& dn, Trust t) {
    Domain* best = nullptr;
    std::size_t best_len = 0;
    for (auto& d : dir_.domains) {
      const std::string ddn = lower(dir_.at(d.object).dn);
      if (!ddn.empty() && dn.ends_with(ddn) && ddn.size() > best_len) {
        best = &d;
        best_len = ddn.size();
      }
    }
    if (!best) {
      warn("dangling_reference", "relation d'approbation hors de tout domaine : " + dn);
      return;
    }
    best->trusts.push_back(std::move(t));
  }

  std::string_view file_;
  Directory& dir_;
  Entry entry_;
  bool in_entry_ = false;
  bool skip_entry_ = false;
  bool laps_seen_ = false;
  std::size_t entries_ = 0;
  std::vector<std::pair<std::string, Trust>> trusts_;
};

}  // namespace

std::optional<std::string> decode_base64(std::string_view in) {
  static constexpr auto kTable = [] {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    const char* chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
      t[static_cast<unsigned char>(chars[i])] = static_cast<std::int8_t>(i);
    return t;
  }();
  while (!in.empty() && in.back() == ' ') in.remove_suffix(1);
  std::size_t pad = 0;
  while (!in.empty() && in.back() == '=' && pad < 2) {
    in.remove_suffix(1);
    ++pad;
  }
  if (in.size() % 4 == 1) return std::nullopt;
  if (pad && (in.size() + pad) % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const auto v = kTable[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | std::uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::int64_t filetime_to_unix(std::int64_t ft) {
  if (ft <= 0 || ft >= 0x7FFFFFFFFFFFFFFFLL) return 0;
  const std::int64_t seconds = ft / 10000000 - 11644473600LL;
  return seconds > 0 ? seconds : 0;
}

void read_ldap_entries(std::string_view name, const std::vector<LdapEntry>& entries,
                       Directory& dir) {
  LdifParser parser(name, dir);
  for (const auto& e : entries) parser.add(e);
  parser.finish();
}

void read_ldif(std::string_view name, std::string_view text, Directory& dir) {
  // Binary values are base64 ("attr:: …"); the rest is UTF-8 text (RFC 2849 with RFC 4512's
  // UTF-8 strings). A file re-saved in Latin-1 is refused at the line of its first bad byte:
  // its names would reach the report and the stored evidence unreadable.
  if (const auto fault = first_invalid_utf8(text)) throw InputError(not_utf8_message(name, *fault));
  LdifParser parser(name, dir);
  parser.run(text);
  if (dir.format.empty()) dir.format = "ldif";
  dir.sources.emplace_back(name);
}

}  // namespace carepilot::adaudit
