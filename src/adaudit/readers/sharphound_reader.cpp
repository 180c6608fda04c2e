#include "adaudit/readers/sharphound_reader.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

#include "adaudit/readers/encoding.hpp"
#include "adaudit/readers/input_error.hpp"
#include "adaudit/sid.hpp"
#include "common/text.hpp"

namespace carepilot::adaudit {

namespace sj = simdjson::ondemand;

namespace {

enum class FileKind { Objects, Sessions, Ignored };

// Fields of one JSON object collected before its identifier is known (the identifier
// often comes last). The string_views point into the parser's buffers, valid until the
// next document.
struct Raw {
  ObjectType type = ObjectType::Unknown;
  std::string_view id, name, dn, os, primary_group, sam, functional_level, contained_by;
  std::vector<std::string> spns;
  std::vector<std::string_view> members, sid_history, delegate_to, allowed_to_act, sessions,
      local_admins, children, gpo_admins, gpo_computers;
  std::vector<std::tuple<std::string_view, Right, bool>> aces;
  std::vector<std::pair<std::string_view, bool>> links;
  std::vector<Trust> trusts;
  std::uint32_t set = 0, value = 0;  // flag bits present / flag bits true
  std::uint32_t known = 0;           // field:: bits carried by the record
  std::optional<std::int64_t> pwd_last_set, last_logon, when_created, uac, maq;
  bool is_dc = false, deleted = false;
  // AD CS.
  std::optional<bool> ess, auth_enabled, approval, no_sec_ext, san_flag;
  std::optional<std::int64_t> auth_sigs, schema_version, strong_binding, mapping_methods;
  std::optional<std::vector<std::string>> ekus, issuance, app_policies, ntauth;
  std::vector<std::string_view> ca_templates;
  bool ca_templates_known = false, dc_registry = false;
  std::string_view host, group_link, thumbprint, oid;

  void clear() { *this = Raw{}; }
};

struct Reader {
  std::string_view file;
  Directory& dir;
  Raw raw;

  void warn(const std::string& kind, std::string_view what) {
    dir.warnings.add(kind, std::string(file) + " : " + std::string(what));
  }

  static std::optional<bool> as_bool(sj::value v) {
    sj::json_type t;
    if (v.type().get(t)) return std::nullopt;
    if (t == sj::json_type::boolean) {
      bool b;
      if (!v.get_bool().get(b)) return b;
    } else if (t == sj::json_type::number) {
      std::int64_t i;
      if (!v.get_int64().get(i)) return i != 0;
    } else if (t == sj::json_type::string) {
      std::string_view s;
      if (!v.get_string().get(s)) {
        if (s == "true" || s == "True" || s == "1") return true;
        if (s == "false" || s == "False" || s == "0") return false;
      }
    }
    return std::nullopt;
  }
  static std::optional<std::int64_t> as_int(sj::value v) {
    sj::json_type t;
    if (v.type().get(t)) return std::nullopt;
    if (t == sj::json_type::number) {
      std::int64_t i;
      if (!v.get_int64().get(i)) return i;
      double d;
      if (!v.get_double().get(d) && d > -9.2e18 && d < 9.2e18) return static_cast<std::int64_t>(d);
    } else if (t == sj::json_type::string) {
      std::int64_t i;
      if (!v.get_int64_in_string().get(i)) return i;
    }
    return std::nullopt;
  }
  static std::optional<std::string_view> as_string(sj::value v) {
    sj::json_type t;
    if (v.type().get(t) || t != sj::json_type::string) return std::nullopt;
    std::string_view s;
    if (v.get_string().get(s)) return std::nullopt;
    return s;
  }

  void set_flag(std::uint32_t f, sj::value v, std::string_view key) {
    sj::json_type t;
    if (v.type().get(t) || t == sj::json_type::null) return;
    const auto b = as_bool(v);
    if (!b) {
      warn("bad_value", std::string("valeur booléenne attendue pour ") + std::string(key));
      return;
    }
    raw.set |= f;
    if (*b) raw.value |= f;
  }

  // A principal reference: {"ObjectIdentifier": ...} (or MemberId), or a bare string.
  static std::optional<std::string_view> principal_of(sj::value v) {
    if (auto s = as_string(v)) return s;
    sj::object o;
    if (v.get_object().get(o)) return std::nullopt;
    for (auto f : o) {
      std::string_view k = f.unescaped_key();
      if (k == "ObjectIdentifier" || k == "MemberId" || k == "ObjectID")
        return as_string(f.value());
    }
    return std::nullopt;
  }
  // Returns whether the list was collected: a bare list, or {"Results": [...],
  // "Collected": true}.
  bool principals(sj::value v, std::vector<std::string_view>& out, std::string_view key) {
    sj::json_type t;
    if (v.type().get(t) || t == sj::json_type::null) return false;
    if (t == sj::json_type::object) {  // {"Results": [...], "Collected": ...}
      sj::object o = v.get_object();
      bool got = true;
      for (auto f : o) {
        const std::string_view k = f.unescaped_key();
        if (k == "Results") principals(f.value(), out, key);
        if (k == "Collected") got = as_bool(f.value()).value_or(false);
      }
      return got;
    }
    if (t != sj::json_type::array) {
      warn("bad_value", std::string("liste attendue pour ") + std::string(key));
      return false;
    }
    for (auto item : v.get_array()) {
      if (auto p = principal_of(item.value())) {
        out.push_back(*p);
      } else {
        warn("bad_value", std::string("référence sans identifiant dans ") + std::string(key));
      }
    }
    return true;
  }

  void sessions(sj::value v, std::vector<std::string_view>& out) {
    sj::json_type t;
    if (v.type().get(t) || t == sj::json_type::null) return;
    if (t == sj::json_type::object) {
      for (auto f : v.get_object()) {
        const std::string_view k = f.unescaped_key();
        if (k == "Results") sessions(f.value(), out);
        if (k == "Collected" && as_bool(f.value()).value_or(false)) raw.known |= field::kSessions;
      }
      return;
    }
    raw.known |= field::kSessions;
    if (t != sj::json_type::array) return;
    for (auto item : v.get_array()) {
      sj::object o;
      if (item.get_object().get(o)) continue;
      for (auto f : o) {
        std::string_view k = f.unescaped_key();
        if (k == "UserSID" || k == "UserId")
          if (auto s = as_string(f.value())) out.push_back(*s);
      }
    }
  }

  void local_groups(sj::value v) {  // v6: [{"ObjectIdentifier": "...-544", "Results": [...]}]
    sj::array arr;
    if (v.get_array().get(arr)) return;
    for (auto item : arr) {
      sj::object o;
      if (item.get_object().get(o)) continue;
      bool admins = false, got = false;
      std::vector<std::string_view> members;
      for (auto f : o) {
        std::string_view k = f.unescaped_key();
        if (k == "ObjectIdentifier") {
          if (auto s = as_string(f.value())) admins = s->ends_with("-544");
        } else if (k == "Results") {
          principals(f.value(), members, "LocalGroups");
        } else if (k == "Collected") {
          got = as_bool(f.value()).value_or(false);
        }
      }
      if (admins && got) raw.known |= field::kLocalAdmins;
      if (admins) raw.local_admins.insert(raw.local_admins.end(), members.begin(), members.end());
    }
  }

  // v6 domains and OUs: "GPOChanges": {"LocalAdmins": [...], "AffectedComputers": [...]},
  // the local administrators that the linked GPOs give on the computers they apply to.
  void gpo_changes(sj::value v) {
    sj::object o;
    if (v.get_object().get(o)) return;
    for (auto f : o) {
      const std::string_view k = f.unescaped_key();
      if (k == "LocalAdmins") principals(f.value(), raw.gpo_admins, "GPOChanges.LocalAdmins");
      if (k == "AffectedComputers")
        principals(f.value(), raw.gpo_computers, "GPOChanges.AffectedComputers");
    }
  }

  void aces(sj::value v) {
    sj::array arr;
    if (v.get_array().get(arr)) return;
    raw.known |= field::kAces;
    for (auto item : arr) {
      sj::object o;
      if (item.get_object().get(o)) {
        warn("bad_value", "ACE qui n'est pas un objet");
        continue;
      }
      std::string_view principal, right;
      bool inherited = false;
      for (auto f : o) {
        std::string_view k = f.unescaped_key();
        if (k == "PrincipalSID") {
          principal = as_string(f.value()).value_or("");
        } else if (k == "RightName") {
          right = as_string(f.value()).value_or("");
        } else if (k == "IsInherited") {
          inherited = as_bool(f.value()).value_or(false);
        }
      }
      if (principal.empty() || right.empty()) {
        warn("bad_value", "ACE sans PrincipalSID ou RightName");
        continue;
      }
      raw.aces.emplace_back(principal, right_from(right), inherited);
    }
  }

  void links(sj::value v) {
    sj::array arr;
    if (v.get_array().get(arr)) return;
    for (auto item : arr) {
      sj::object o;
      if (item.get_object().get(o)) continue;
      std::string_view guid;
      bool enforced = false;
      for (auto f : o) {
        std::string_view k = f.unescaped_key();
        if (k == "GUID" || k == "Guid" || k == "ObjectIdentifier") {
          guid = as_string(f.value()).value_or("");
        } else if (k == "IsEnforced") {
          enforced = as_bool(f.value()).value_or(false);
        }
      }
      if (!guid.empty()) raw.links.emplace_back(guid, enforced);
    }
  }

  static TrustDirection direction_of(sj::value v) {
    if (auto s = as_string(v)) {
      if (*s == "Inbound") return TrustDirection::Inbound;
      if (*s == "Outbound") return TrustDirection::Outbound;
      if (*s == "Bidirectional") return TrustDirection::Bidirectional;
      if (*s == "Disabled") return TrustDirection::Disabled;
      return TrustDirection::Unknown;
    }
    switch (as_int(v).value_or(-1)) {
      case 0:
        return TrustDirection::Disabled;
      case 1:
        return TrustDirection::Inbound;
      case 2:
        return TrustDirection::Outbound;
      case 3:
        return TrustDirection::Bidirectional;
      default:
        return TrustDirection::Unknown;
    }
  }
  static std::string trust_type_of(sj::value v) {
    if (auto s = as_string(v)) {
      // v5 names a realm trust "Kerberos", v6 "Realm"; v5's "CrossLink" is v6's "Shortcut".
      if (*s == "Kerberos") return "Realm";
      if (*s == "CrossLink") return "Shortcut";
      return std::string(*s);
    }
    switch (as_int(v).value_or(-1)) {
      case 0:
        return "ParentChild";
      case 1:
        return "Shortcut";
      case 2:
        return "Forest";
      case 3:
        return "External";
      default:
        return "Unknown";
    }
  }
  void trusts(sj::value v) {
    sj::array arr;
    if (v.get_array().get(arr)) return;
    for (auto item : arr) {
      sj::object o;
      if (item.get_object().get(o)) continue;
      Trust t;
      for (auto f : o) {
        std::string_view k = f.unescaped_key();
        if (k == "TargetDomainSid") {
          t.target_sid = std::string(as_string(f.value()).value_or(""));
        } else if (k == "TargetDomainName") {
          t.target_name = std::string(as_string(f.value()).value_or(""));
        } else if (k == "IsTransitive") {
          t.transitive = as_bool(f.value());
        } else if (k == "SidFilteringEnabled") {
          t.sid_filtering = as_bool(f.value());
        } else if (k == "TGTDelegationEnabled") {
          t.tgt_delegation = as_bool(f.value());
        } else if (k == "TrustDirection") {
          t.direction = direction_of(f.value());
        } else if (k == "TrustType") {
          t.type = trust_type_of(f.value());
        }
      }
      raw.trusts.push_back(std::move(t));
    }
  }
  // Trust fields every trust carries (a v5 collection has no TGT delegation flag).
  void trust_fields() {
    std::uint32_t tgt = field::kTrustTgtDelegation, sidf = field::kTrustSidFiltering;
    for (const auto& t : raw.trusts) {
      if (!t.tgt_delegation) tgt = 0;
      if (!t.sid_filtering) sidf = 0;
    }
    raw.known |= tgt | sidf;
  }

  static std::optional<std::vector<std::string>> string_list(sj::value v) {
    sj::array arr;
    if (v.get_array().get(arr)) return std::nullopt;
    std::vector<std::string> out;
    for (auto s : arr)
      if (auto str = as_string(s.value())) out.emplace_back(*str);
    return out;
  }
  void ca_registry(sj::value v) {
    sj::object o;
    if (v.get_object().get(o)) return;
    for (auto f : o) {
      const std::string_view k = f.unescaped_key();
      if (k == "CASecurity") {
        sj::object sec;
        if (f.value().get_object().get(sec)) continue;
        for (auto g : sec) {
          const std::string_view gk = g.unescaped_key();
          if (gk == "Data") aces(g.value());
          if (gk == "Collected" && as_bool(g.value()).value_or(false))
            raw.known |= field::kCaSecurity;
        }
      } else if (k == "IsUserSpecifiesSanEnabled") {
        sj::object flag;
        if (f.value().get_object().get(flag)) continue;
        std::optional<bool> value;
        bool got = false;
        for (auto g : flag) {
          const std::string_view gk = g.unescaped_key();
          if (gk == "Value") value = as_bool(g.value());
          if (gk == "Collected") got = as_bool(g.value()).value_or(false);
        }
        if (got && value) {
          raw.san_flag = value;
          raw.known |= field::kCaSanFlag;
        }
      }
    }
  }
  void dc_registry(sj::value v) {
    sj::object o;
    if (v.get_object().get(o)) return;
    for (auto f : o) {
      const std::string_view k = f.unescaped_key();
      std::optional<std::int64_t>* target =
          k == "StrongCertificateBindingEnforcement" ? &raw.strong_binding
          : k == "CertificateMappingMethods"         ? &raw.mapping_methods
                                                     : nullptr;
      if (!target) continue;
      sj::object item;
      if (f.value().get_object().get(item)) continue;
      std::optional<std::int64_t> value;
      bool got = false;
      for (auto g : item) {
        const std::string_view gk = g.unescaped_key();
        if (gk == "Value") value = as_int(g.value());
        if (gk == "Collected") got = as_bool(g.value()).value_or(false);
      }
      if (got) {
        // -1: collected, the value is absent from the registry (the default applies).
        *target = value && *value >= 0 ? value : std::nullopt;
        raw.dc_registry = true;
      }
    }
  }

  void properties(sj::value v) {
    sj::object o;
    if (v.get_object().get(o)) {
      warn("bad_value", "Properties n'est pas un objet");
      return;
    }
    for (auto f : o) {
      std::string_view k = f.unescaped_key();
      sj::value val = f.value();
      if (k == "name") {
        raw.name = as_string(val).value_or(raw.name);
      } else if (k == "distinguishedname") {
        raw.dn = as_string(val).value_or("");
      } else if (k == "samaccountname") {
        raw.sam = as_string(val).value_or("");
      } else if (k == "operatingsystem") {
        raw.os = as_string(val).value_or("");
        if (!raw.os.empty()) raw.known |= field::kOs;
      } else if (k == "functionallevel") {
        raw.functional_level = as_string(val).value_or("");
      } else if (k == "enabled") {
        set_flag(flag::kEnabled, val, k);
      } else if (k == "dontreqpreauth") {
        set_flag(flag::kDontReqPreauth, val, k);
      } else if (k == "pwdneverexpires") {
        set_flag(flag::kPwdNeverExpires, val, k);
      } else if (k == "passwordnotreqd") {
        set_flag(flag::kPwdNotRequired, val, k);
      } else if (k == "unconstraineddelegation") {
        set_flag(flag::kUnconstrained, val, k);
      } else if (k == "trustedtoauth") {
        set_flag(flag::kTrustedToAuth, val, k);
      } else if (k == "sensitive") {
        set_flag(flag::kSensitive, val, k);
      } else if (k == "encryptedtextpwdallowed") {
        set_flag(flag::kReversible, val, k);
      } else if (k == "usedeskeyonly") {
        set_flag(flag::kDesOnly, val, k);
      } else if (k == "haslaps") {
        set_flag(flag::kHasLaps, val, k);
      } else if (k == "admincount") {
        set_flag(flag::kAdminCount, val, k);
      } else if (k == "isdc") {
        raw.is_dc = raw.is_dc || as_bool(val).value_or(false);
      } else if (k == "pwdlastset") {
        raw.pwd_last_set = as_int(val);
      } else if (k == "lastlogontimestamp") {
        raw.last_logon = as_int(val);
      } else if (k == "whencreated") {
        raw.when_created = as_int(val);
      } else if (k == "useraccountcontrol") {
        raw.uac = as_int(val);
      } else if (k == "machineaccountquota") {
        raw.maq = as_int(val);
      } else if (k == "serviceprincipalnames") {
        // The local result decides, not the flag: a repeated key whose second value is
        // not a list would otherwise iterate an unset array.
        sj::array arr;
        if (!val.get_array().get(arr)) {
          raw.known |= field::kSpns;
          for (auto s : arr)
            if (auto str = as_string(s.value())) raw.spns.emplace_back(*str);
        }
      } else if (k == "enrolleesuppliessubject") {
        raw.ess = as_bool(val);
      } else if (k == "authenticationenabled") {
        raw.auth_enabled = as_bool(val);
      } else if (k == "requiresmanagerapproval") {
        raw.approval = as_bool(val);
      } else if (k == "nosecurityextension") {
        raw.no_sec_ext = as_bool(val);
      } else if (k == "authorizedsignatures") {
        raw.auth_sigs = as_int(val);
      } else if (k == "schemaversion") {
        raw.schema_version = as_int(val);
      } else if (k == "effectiveekus") {
        raw.ekus = string_list(val);
      } else if (k == "issuancepolicies") {
        raw.issuance = string_list(val);
      } else if (k == "applicationpolicies") {
        raw.app_policies = string_list(val);
      } else if (k == "certthumbprints") {
        raw.ntauth = string_list(val);
      } else if (k == "certthumbprint") {
        raw.thumbprint = as_string(val).value_or("");
      } else if (k == "oid") {
        raw.oid = as_string(val).value_or("");
      } else if (k == "sidhistory") {
        sj::array arr;
        if (!val.get_array().get(arr))
          for (auto s : arr)
            if (auto str = as_string(s.value())) raw.sid_history.push_back(*str);
      }
    }
  }

  void object(sj::object o, ObjectType type) {
    raw.clear();
    raw.type = type;
    for (auto f : o) {
      std::string_view k = f.unescaped_key();
      sj::value v = f.value();
      if (k == "ObjectIdentifier") {
        raw.id = as_string(v).value_or("");
      } else if (k == "Properties") {
        properties(v);
      } else if (k == "Aces") {
        aces(v);
      } else if (k == "Members") {
        if (principals(v, raw.members, k)) raw.known |= field::kMembers;
      } else if (k == "AllowedToDelegate") {
        if (principals(v, raw.delegate_to, k)) raw.known |= field::kDelegation;
      } else if (k == "AllowedToAct") {
        principals(v, raw.allowed_to_act, k);
      } else if (k == "HasSIDHistory") {
        principals(v, raw.sid_history, k);
      } else if (k == "PrimaryGroupSID") {
        raw.primary_group = as_string(v).value_or("");
        if (!raw.primary_group.empty()) raw.known |= field::kPrimaryGroup;
      } else if (k == "Sessions" || k == "PrivilegedSessions" || k == "RegistrySessions") {
        sessions(v, raw.sessions);
      } else if (k == "LocalAdmins") {
        if (principals(v, raw.local_admins, k)) raw.known |= field::kLocalAdmins;
      } else if (k == "LocalGroups") {
        local_groups(v);
      } else if (k == "ChildObjects") {
        principals(v, raw.children, k);
      } else if (k == "Links") {
        links(v);
      } else if (k == "GPOChanges") {
        gpo_changes(v);
      } else if (k == "EnabledCertTemplates") {
        raw.ca_templates_known = principals(v, raw.ca_templates, k);
      } else if (k == "HostingComputer") {
        raw.host = as_string(v).value_or("");
      } else if (k == "CARegistryData") {
        ca_registry(v);
      } else if (k == "DCRegistryData") {
        dc_registry(v);
      } else if (k == "GroupLink") {
        if (auto p = principal_of(v)) raw.group_link = *p;
      } else if (k == "Trusts") {
        trusts(v);
        trust_fields();
      } else if (k == "IsDC") {
        raw.is_dc = as_bool(v).value_or(false);
      } else if (k == "IsDeleted") {
        raw.deleted = as_bool(v).value_or(false);
      } else if (k == "ContainedBy") {
        if (auto p = principal_of(v)) raw.contained_by = *p;
      }
    }
    commit();
  }

  // Adds the record to the directory. A second record of the same object (SharpHound
  // lists some objects twice: a full record and a stub) is merged into the first: lists
  // are united, a non-empty value wins over an empty one, a stub never erases data.
  void commit() {
    if (raw.id.empty()) {
      warn("missing_identifier", "objet sans ObjectIdentifier ignoré");
      return;
    }
    const std::uint32_t index = dir.intern(raw.id);
    const bool again = dir.at(index).defined;
    if (again)
      warn("duplicate_merged", std::string("objet en double fusionné : ") + std::string(raw.id));
    // Flags and fields this record determines.
    std::uint32_t flags = 0, determined = raw.set;
    if (raw.uac) {
      flags = flags_from_uac(static_cast<std::uint32_t>(*raw.uac));
      determined |= flag::kEnabled | flag::kDontReqPreauth | flag::kPwdNeverExpires |
                    flag::kPwdNotRequired | flag::kUnconstrained | flag::kTrustedToAuth |
                    flag::kSensitive | flag::kReversible | flag::kDesOnly | flag::kReversibleKnown |
                    flag::kDesOnlyKnown;
    }
    // Explicit boolean properties win over the derived userAccountControl bits.
    flags = (flags & ~raw.set) | (raw.value & raw.set);
    if (raw.set & flag::kReversible) flags |= flag::kReversibleKnown;
    if (raw.set & flag::kDesOnly) flags |= flag::kDesOnlyKnown;
    if (raw.set & flag::kHasLaps) flags |= flag::kLapsKnown;
    determined |= flags & (flag::kReversibleKnown | flag::kDesOnlyKnown | flag::kLapsKnown);
    if (raw.is_dc) flags |= flag::kIsDc;
    if (raw.deleted) flags |= flag::kDeleted;
    flags |= flag::kAclCollected;
    determined |= flags & (flag::kIsDc | flag::kDeleted | flag::kAclCollected);
    std::uint32_t known = raw.known;
    if ((raw.set & flag::kEnabled) || raw.uac) known |= field::kEnabled;
    if (raw.uac || (raw.set & (flag::kPwdNeverExpires | flag::kDontReqPreauth |
                               flag::kPwdNotRequired | flag::kUnconstrained)))
      known |= field::kAccountFlags;
    if (raw.set & flag::kAdminCount) known |= field::kAdminCount;
    if (raw.last_logon) known |= field::kLastLogon;
    if (raw.pwd_last_set) known |= field::kPwdLastSet;
    if (raw.when_created) known |= field::kWhenCreated;
    if (raw.ess) known |= field::kEnrolleeSuppliesSubject;
    if (raw.auth_enabled) known |= field::kAuthenticationEnabled;
    if (raw.approval) known |= field::kManagerApproval;
    if (raw.auth_sigs) known |= field::kAuthorizedSignatures;
    if (raw.schema_version) known |= field::kSchemaVersion;
    if (raw.ekus) known |= field::kEkus;
    if (raw.no_sec_ext) known |= field::kNoSecurityExtension;
    if (raw.issuance) known |= field::kIssuancePolicies;
    if (raw.app_policies) known |= field::kApplicationPolicies;
    if (raw.ca_templates_known) known |= field::kCaTemplates;
    if (!raw.thumbprint.empty()) known |= field::kCaCertificate;
    if (!raw.group_link.empty()) known |= field::kGroupLink;
    // Well-known principals (DOMAIN-S-1-5-20 ...) are not accounts of the directory.
    const std::string_view sid = sid_part(raw.id);
    if (sid.starts_with("S-1-") && !sid.starts_with("S-1-5-21-") &&
        (raw.type == ObjectType::User || raw.type == ObjectType::Computer)) {
      flags |= flag::kWellKnown;
      determined |= flag::kWellKnown;
    }
    {
      Object& o = dir.at(index);
      o.defined = true;
      if (!again || o.type == ObjectType::Unknown) o.type = raw.type;
      const std::string_view name = raw.name.empty() ? raw.sam : raw.name;
      if (o.name.empty() || (!again && !name.empty())) o.name = std::string(name);
      if (o.dn.empty()) o.dn = std::string(raw.dn);
      if (o.os.empty()) o.os = std::string(raw.os);
      for (auto& spn : raw.spns)
        if (std::find(o.spns.begin(), o.spns.end(), spn) == o.spns.end())
          o.spns.push_back(std::move(spn));
      o.flags = again ? (o.flags & ~determined) | (flags & determined) : flags;
      o.known |= known;
      auto ts = [](const std::optional<std::int64_t>& t, std::int64_t old) {
        return t && *t > old ? *t : old;
      };
      o.pwd_last_set = ts(raw.pwd_last_set, o.pwd_last_set);
      o.last_logon = ts(raw.last_logon, o.last_logon);
      o.when_created = ts(raw.when_created, o.when_created);
    }
    // intern() may grow the vector: take no reference across these calls.
    auto ids = [&](const std::vector<std::string_view>& from) {
      std::vector<std::uint32_t> out;
      out.reserve(from.size());
      for (auto s : from) out.push_back(dir.intern(s));
      return out;
    };
    auto members = ids(raw.members);
    auto sid_history = ids(raw.sid_history);
    auto delegate_to = ids(raw.delegate_to);
    auto act = ids(raw.allowed_to_act);
    auto sess = ids(raw.sessions);
    auto admins = ids(raw.local_admins);
    auto children = ids(raw.children);
    dir.aces_read += raw.aces.size();
    std::vector<Ace> aces;
    aces.reserve(raw.aces.size());
    for (const auto& [p, r, inh] : raw.aces) aces.push_back({dir.intern(p), r, inh});
    std::vector<GpoLink> links;
    for (const auto& [g, e] : raw.links) links.push_back({dir.intern(g), e});
    const std::uint32_t pg = raw.primary_group.empty() ? kNone : dir.intern(raw.primary_group);
    const std::uint32_t parent = raw.contained_by.empty() ? kNone : dir.intern(raw.contained_by);
    for (auto c : children)
      if (dir.at(c).type == ObjectType::Unknown && !dir.at(c).defined) dir.at(c).parent = index;
    Object& o = dir.at(index);
    if (!again) {
      o.members = std::move(members);
      o.sid_history = std::move(sid_history);
      o.delegate_to = std::move(delegate_to);
      o.allowed_to_act = std::move(act);
      o.sessions.insert(o.sessions.end(), sess.begin(), sess.end());
      o.local_admins = std::move(admins);
      o.children = std::move(children);
      o.aces = std::move(aces);
      o.links = std::move(links);
    } else {
      unite(o.members, members);
      unite(o.sid_history, sid_history);
      unite(o.delegate_to, delegate_to);
      unite(o.allowed_to_act, act);
      unite(o.sessions, sess);
      unite(o.local_admins, admins);
      unite(o.children, children);
      for (const auto& a : aces)
        if (std::none_of(o.aces.begin(), o.aces.end(), [&](const Ace& b) {
              return b.principal == a.principal && b.right == a.right && b.inherited == a.inherited;
            }))
          o.aces.push_back(a);
      for (const auto& l : links)
        if (std::none_of(o.links.begin(), o.links.end(),
                         [&](const GpoLink& b) { return b.gpo == l.gpo; }))
          o.links.push_back(l);
    }
    if (o.primary_group == kNone) o.primary_group = pg;
    if (!raw.gpo_admins.empty()) {
      const auto gpo_admins = ids(raw.gpo_admins);
      for (const auto c : ids(raw.gpo_computers)) {
        unite(dir.at(c).local_admins, gpo_admins);
        for (const auto a : gpo_admins) dir.at(c).gpo_admin_grants.emplace_back(a, index);
      }
    }
    if (parent != kNone) o.parent = parent;
    adcs(index);
    if (raw.type == ObjectType::Domain) {
      auto it = std::find_if(dir.domains.begin(), dir.domains.end(),
                             [&](const Domain& d) { return d.object == index; });
      if (it == dir.domains.end()) {
        Domain d;
        d.object = index;
        d.sid = o.id;
        dir.domains.push_back(std::move(d));
        it = dir.domains.end() - 1;
      }
      if (it->name.empty()) it->name = o.name;
      if (it->functional_level.empty()) it->functional_level = std::string(raw.functional_level);
      if (!it->machine_account_quota) it->machine_account_quota = raw.maq;
      for (auto& t : raw.trusts) it->trusts.push_back(std::move(t));
    }
  }

  // AD CS records: templates, enterprise CAs, NTAuth store, issuance policies; DC registry.
  void adcs(std::uint32_t index) {
    if (raw.type == ObjectType::CertTemplate) {
      auto it = std::find_if(dir.templates.begin(), dir.templates.end(),
                             [&](const CertTemplate& t) { return t.object == index; });
      if (it == dir.templates.end()) {
        dir.templates.push_back({});
        it = dir.templates.end() - 1;
        it->object = index;
      }
      auto keep = [](auto& to, auto& from) {
        if (!to && from) to = std::move(from);
      };
      keep(it->enrollee_supplies_subject, raw.ess);
      keep(it->authentication_enabled, raw.auth_enabled);
      keep(it->manager_approval, raw.approval);
      keep(it->no_security_extension, raw.no_sec_ext);
      keep(it->authorized_signatures, raw.auth_sigs);
      keep(it->schema_version, raw.schema_version);
      keep(it->ekus, raw.ekus);
      keep(it->issuance_policies, raw.issuance);
      keep(it->application_policies, raw.app_policies);
    } else if (raw.type == ObjectType::EnterpriseCa) {
      std::optional<std::vector<std::uint32_t>> published;
      if (raw.ca_templates_known) {
        published.emplace();
        for (auto t : raw.ca_templates) published->push_back(dir.intern(t));
      }
      const std::uint32_t host = raw.host.empty() ? kNone : dir.intern(raw.host);
      auto it = std::find_if(dir.cas.begin(), dir.cas.end(),
                             [&](const CertAuthority& c) { return c.object == index; });
      if (it == dir.cas.end()) {
        dir.cas.push_back({});
        it = dir.cas.end() - 1;
        it->object = index;
      }
      if (!it->templates) it->templates = std::move(published);
      if (it->host == kNone) it->host = host;
      if (!it->user_specifies_san) it->user_specifies_san = raw.san_flag;
      if (it->thumbprint.empty()) it->thumbprint = upper(raw.thumbprint);
    } else if (raw.type == ObjectType::NtAuthStore) {
      if (raw.ntauth) {
        dir.ntauth_known = true;
        for (const auto& t : *raw.ntauth) dir.ntauth_thumbprints.push_back(upper(t));
      }
    } else if (raw.type == ObjectType::IssuancePolicy) {
      IssuancePolicyLink l;
      l.object = index;
      l.oid = std::string(raw.oid);
      if (!raw.group_link.empty()) l.group = dir.intern(raw.group_link);
      dir.issuance_policies.push_back(std::move(l));
    }
    if (raw.dc_registry)
      dir.dc_registry.push_back({index, raw.strong_binding, raw.mapping_methods});
  }

  // Appends the values of `add` that `to` lacks (lists are short; order kept).
  static void unite(std::vector<std::uint32_t>& to, const std::vector<std::uint32_t>& add) {
    for (const auto v : add)
      if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
  }

  void session_entry(sj::object o) {
    std::string_view user, computer;
    for (auto f : o) {
      std::string_view k = f.unescaped_key();
      if (k == "UserSID" || k == "UserId") user = as_string(f.value()).value_or("");
      if (k == "ComputerSID" || k == "ComputerId") computer = as_string(f.value()).value_or("");
    }
    if (user.empty() || computer.empty()) {
      warn("bad_value", "session incomplète");
      return;
    }
    const auto u = dir.intern(user);
    const auto c = dir.intern(computer);
    dir.at(c).sessions.push_back(u);
  }
};

ObjectType type_from_file_name(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  const auto us = name.find_last_of('_');
  std::string_view stem = us == std::string_view::npos ? name : name.substr(us + 1);
  if (const auto dot = stem.find('.'); dot != std::string_view::npos) stem = stem.substr(0, dot);
  return object_type_from(stem);
}

// Structure scan of the whole text, without simdjson: checks that the document is one
// balanced object, and finds the values of its top-level "meta" and "data" members. The
// `data` elements are then parsed one by one, so the parser's index and string buffers
// are sized to one element instead of the whole file (they are ~2x the text otherwise).
struct Scanner {
  std::string_view text;
  const std::function<void(std::size_t)>* done = nullptr;  // progress hint, may be null
  mutable std::size_t next_done = kReleaseStep;

  static constexpr std::size_t kReleaseStep = std::size_t{4} << 20;
  // Tells the caller that the bytes before `p` are not needed any more for now.
  void progress(std::size_t p) const {
    if (p < next_done || !done || !*done) return;
    (*done)(p);
    next_done = p + kReleaseStep;
  }
  void restart() const { next_done = kReleaseStep; }

  std::size_t skip_ws(std::size_t i) const {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t'))
      ++i;
    return i;
  }
  // The bytes value_end stops at: quotes and brackets.
  static constexpr std::array<bool, 256> kStructural = [] {
    std::array<bool, 256> t{};
    for (const char c : std::string_view("\"{}[]")) t[static_cast<unsigned char>(c)] = true;
    return t;
  }();
  // One past the closing quote of the string opening at i.
  std::size_t string_end(std::size_t i) const {
    for (std::size_t p = i + 1;;) {
      const auto q = text.find('"', p);
      if (q == std::string_view::npos) throw simdjson::simdjson_error(simdjson::UNCLOSED_STRING);
      std::size_t backslashes = 0;
      while (q - backslashes > i + 1 && text[q - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return q + 1;
      p = q + 1;
    }
  }
  // One past the closing bracket of the array opening at i; appends each element's
  // [begin, end) to `elements`.
  std::size_t array_elements(std::size_t i,
                             std::vector<std::pair<std::size_t, std::size_t>>& elements) const {
    i = skip_ws(i + 1);
    if (i < text.size() && text[i] == ']') return i + 1;
    for (;;) {
      const std::size_t e = value_end(i);
      elements.emplace_back(i, e);
      progress(e);
      i = skip_ws(e);
      if (i < text.size() && text[i] == ']') return i + 1;
      if (i >= text.size() || text[i] != ',') throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
      i = skip_ws(i + 1);
    }
  }
  // One past the end of the value starting at i (object, array, string or scalar).
  std::size_t value_end(std::size_t i) const {
    if (i >= text.size()) throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
    const char c = text[i];
    if (c == '"') return string_end(i);
    if (c != '{' && c != '[') {
      std::size_t p = i;
      while (p < text.size() && text[p] != ',' && text[p] != '}' && text[p] != ']' &&
             text[p] != ' ' && text[p] != '\n' && text[p] != '\r' && text[p] != '\t')
        ++p;
      if (p == i) throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
      return p;
    }
    std::string stack(1, c == '{' ? '}' : ']');
    for (std::size_t p = i + 1; p < text.size(); ++p) {
      // Straight to the next quote or bracket: one table look-up per byte (issue 14, ingest
      // speed; the switch below ran for every byte).
      while (p < text.size() && !kStructural[static_cast<unsigned char>(text[p])]) ++p;
      if (p == text.size()) break;
      switch (text[p]) {
        case '"':
          p = string_end(p) - 1;
          break;
        case '{':
          stack.push_back('}');
          break;
        case '[':
          stack.push_back(']');
          break;
        case '}':
        case ']':
          if (text[p] != stack.back()) throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
          stack.pop_back();
          if (stack.empty()) return p + 1;
          progress(p);
          break;
        default:
          break;
      }
    }
    throw simdjson::simdjson_error(simdjson::INCOMPLETE_ARRAY_OR_OBJECT);
  }
};

struct Member {
  std::size_t begin = 0, end = 0;
  bool found = false;
};

// Scans the top-level object; returns the "meta" and "data" values (first occurrence) and,
// when that "data" is an array, appends its elements' bounds to `elements`: the one scalar
// pass over the text (the reading passes parse the recorded elements).
std::pair<Member, Member> scan_top(const Scanner& sc,
                                   std::vector<std::pair<std::size_t, std::size_t>>& elements) {
  Member meta, data;
  std::size_t i = sc.skip_ws(0);
  if (i >= sc.text.size() || sc.text[i] != '{')
    throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
  i = sc.skip_ws(i + 1);
  if (i < sc.text.size() && sc.text[i] == '}') {
    i = sc.skip_ws(i + 1);
  } else {
    for (;;) {
      if (i >= sc.text.size() || sc.text[i] != '"')
        throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
      const std::size_t key_end = sc.string_end(i);
      const std::string_view key = sc.text.substr(i + 1, key_end - i - 2);
      i = sc.skip_ws(key_end);
      if (i >= sc.text.size() || sc.text[i] != ':')
        throw simdjson::simdjson_error(simdjson::TAPE_ERROR);
      const std::size_t vb = sc.skip_ws(i + 1);
      const bool data_array =
          key == "data" && !data.found && vb < sc.text.size() && sc.text[vb] == '[';
      const std::size_t ve = data_array ? sc.array_elements(vb, elements) : sc.value_end(vb);
      Member* m = key == "meta" ? &meta : key == "data" ? &data : nullptr;
      if (m && !m->found) *m = Member{vb, ve, true};
      i = sc.skip_ws(ve);
      if (i < sc.text.size() && sc.text[i] == ',') {
        i = sc.skip_ws(i + 1);
        continue;
      }
      if (i < sc.text.size() && sc.text[i] == '}') {
        i = sc.skip_ws(i + 1);
        break;
      }
      throw simdjson::simdjson_error(simdjson::INCOMPLETE_ARRAY_OR_OBJECT);
    }
  }
  if (i != sc.text.size()) throw simdjson::simdjson_error(simdjson::TRAILING_CONTENT);
  return {meta, data};
}

}  // namespace

void read_sharphound_json(std::string_view name, std::string& buffer, Directory& dir) {
  normalise_to_utf8(buffer, name);
  buffer.reserve(buffer.size() + simdjson::SIMDJSON_PADDING);
  read_sharphound_json(name, std::string_view(buffer), buffer.capacity(), dir);
}

void read_sharphound_json(std::string_view name, std::string_view text, std::size_t readable,
                          Directory& dir, const std::function<void(std::size_t)>& done) {
  if (readable < text.size() + simdjson::SIMDJSON_PADDING)
    throw std::logic_error("read_sharphound_json: no padding after the text");
  if (const auto e = detect_encoding(text.substr(0, 4));
      e != TextEncoding::Utf8 && e != TextEncoding::Utf8Bom)
    throw InputError(std::string(name) + " : encodage " + std::string(encoding_name(e)) +
                     " non pris en charge ici (UTF-8 attendu)");
  if (const auto bom = utf8_bom_length(text); bom > 0) {
    // RFC 8259 lets a parser ignore the mark; the offsets given to `done` stay those of
    // the caller's text.
    auto shifted = [&](std::size_t n) {
      if (done) done(n + bom);
    };
    return read_sharphound_json(
        name, text.substr(bom), readable - bom, dir,
        done ? std::function<void(std::size_t)>(shifted) : std::function<void(std::size_t)>());
  }
  const std::size_t length = text.size();
  const char* const base = text.data();
  sj::parser parser;
  Reader reader{name, dir, {}};
  const std::string file(name);
  // A slice of the buffer; the bytes after it (the rest of the text, then the reserved
  // padding) serve as simdjson's padding: it reads them but never interprets them.
  auto slice = [&](std::size_t b, std::size_t e) {
    return simdjson::padded_string_view(base + b, e - b, readable - b);
  };
  try {
    // Validate the whole structure first: truncated or unbalanced input must be refused
    // before anything is read.
    const Scanner sc{std::string_view(base, length), &done};
    // Plain variables, not a structured binding: clang 14 (the fuzz build) cannot capture
    // structured bindings in lambdas.
    std::vector<std::pair<std::size_t, std::size_t>> elements;
    const auto top = scan_top(sc, elements);
    const auto& meta_member = top.first;
    const auto& data_member = top.second;
    std::string meta_type;
    std::int64_t version = 0;
    if (meta_member.found && base[meta_member.begin] == '{') {
      sj::document doc = parser.iterate(slice(meta_member.begin, meta_member.end));
      sj::object meta = doc.get_object();
      for (auto f : meta) {
        std::string_view k = f.unescaped_key();
        if (k == "type") meta_type = std::string(Reader::as_string(f.value()).value_or(""));
        if (k == "version") version = Reader::as_int(f.value()).value_or(0);
      }
    }
    if (version == 0) {
      dir.warnings.add("missing_meta", file + " : meta.version absent, lecture au format v5/v6");
    } else if (version < kMinSharpHoundVersion || version > kMaxSharpHoundVersion) {
      throw InputError(
          file + " : version de schéma SharpHound " + std::to_string(version) +
          " non prise en charge (versions acceptées : " + std::to_string(kMinSharpHoundVersion) +
          " à " + std::to_string(kMaxSharpHoundVersion) + ")");
    }
    if (version > dir.schema_version) dir.schema_version = static_cast<int>(version);
    FileKind kind = FileKind::Objects;
    ObjectType type = meta_type.empty() ? type_from_file_name(name) : object_type_from(meta_type);
    if (meta_type == "sessions" || (meta_type.empty() && name.ends_with("sessions.json"))) {
      kind = FileKind::Sessions;
    } else if (type == ObjectType::Unknown) {
      if (meta_type.empty())
        throw InputError(
            file + " : type d'objets inconnu (meta.type absent et nom de fichier non reconnu)");
      kind = FileKind::Ignored;  // "deleted" lists and other types the rules do not use
      dir.warnings.add("ignored_file", file + " : type « " + meta_type + " » non analysé");
    }
    if (kind == FileKind::Sessions) dir.parts |= part_bit(Part::Sessions);
    if (kind == FileKind::Objects) dir.parts |= part_bit(part_of(type));
    if (kind != FileKind::Ignored) {
      if (!data_member.found) throw InputError(file + " : champ « data » absent");
      if (base[data_member.begin] != '[')
        throw InputError(file + " : « data » n'est pas une liste");
      // Each element of data is parsed as its own document: all are checked first (as
      // the whole text was, so a refused file adds nothing), then read.
      auto each_element = [&](auto&& fn) {
        if (done) done(length);  // end of the previous pass: nothing is needed for now
        sc.restart();
        for (const auto& [b, e] : elements) {
          sj::document doc = parser.iterate(slice(b, e));
          fn(doc);
          sc.progress(e);
        }
      };
      each_element([](sj::document& doc) {
        std::string_view whole;
        if (auto err = doc.raw_json().get(whole)) throw simdjson::simdjson_error(err);
      });
      each_element([&](sj::document& doc) {
        sj::object o;
        if (auto err = doc.get_object().get(o)) {
          if (err != simdjson::INCORRECT_TYPE) throw simdjson::simdjson_error(err);
          reader.warn("bad_value", "élément de data qui n'est pas un objet");
        } else if (kind == FileKind::Sessions) {
          reader.session_entry(o);
        } else {
          reader.object(o, type);
        }
      });
    }
  } catch (const simdjson::simdjson_error& e) {
    // simdjson's own message is English: the French one alone (issue 14 trial).
    (void)e;
    // Text that is not UTF-8 (a file re-saved in Latin-1): said so, at its line.
    if (const auto fault = first_invalid_utf8(std::string_view(base, length)))
      throw InputError(not_utf8_message(file, *fault));
    throw InputError(file +
                     " : JSON invalide ou tronqué (structure incorrecte : virgule, "
                     "accolade ou guillemet manquant ou en trop, ou fichier coupé)");
  }
  dir.sources.push_back(file);
}

}  // namespace carepilot::adaudit
