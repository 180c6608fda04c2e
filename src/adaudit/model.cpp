#include "adaudit/model.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "adaudit/sid.hpp"

namespace carepilot::adaudit {

namespace {

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

struct RightName {
  std::string_view name;
  Right right;
};
constexpr std::array<RightName, 24> kRights{{
    {"GenericAll", Right::GenericAll},
    {"GenericWrite", Right::GenericWrite},
    {"WriteDacl", Right::WriteDacl},
    {"WriteOwner", Right::WriteOwner},
    {"Owns", Right::Owns},
    {"AddMember", Right::AddMember},
    {"AddSelf", Right::AddSelf},
    {"ForceChangePassword", Right::ForceChangePassword},
    {"AllExtendedRights", Right::AllExtendedRights},
    {"GetChanges", Right::GetChanges},
    {"GetChangesAll", Right::GetChangesAll},
    {"GetChangesInFilteredSet", Right::GetChangesInFilteredSet},
    {"DCSync", Right::DCSync},
    {"AddAllowedToAct", Right::AddAllowedToAct},
    {"AddKeyCredentialLink", Right::AddKeyCredentialLink},
    {"WriteSPN", Right::WriteSPN},
    {"WriteAccountRestrictions", Right::WriteAccountRestrictions},
    {"ReadLAPSPassword", Right::ReadLAPSPassword},
    {"ReadGMSAPassword", Right::ReadGMSAPassword},
    {"SyncLAPSPassword", Right::SyncLAPSPassword},
    {"WriteGPLink", Right::WriteGPLink},
    {"Enroll", Right::Enroll},
    {"ManageCA", Right::ManageCA},
    {"ManageCertificates", Right::ManageCertificates},
}};

// "CN=a\,b,OU=x,DC=y" -> "OU=x,DC=y" (skips escaped commas).
std::string_view parent_dn(std::string_view dn) {
  for (std::size_t i = 0; i < dn.size(); ++i) {
    if (dn[i] == '\\') {
      ++i;
      continue;
    }
    if (dn[i] == ',') return dn.substr(i + 1);
  }
  return {};
}

}  // namespace

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

std::string_view to_string(ObjectType t) {
  switch (t) {
    case ObjectType::User:
      return "user";
    case ObjectType::Group:
      return "group";
    case ObjectType::Computer:
      return "computer";
    case ObjectType::Domain:
      return "domain";
    case ObjectType::Gpo:
      return "gpo";
    case ObjectType::Ou:
      return "ou";
    case ObjectType::Container:
      return "container";
    case ObjectType::CertTemplate:
      return "certtemplate";
    case ObjectType::EnterpriseCa:
      return "enterpriseca";
    case ObjectType::RootCa:
      return "rootca";
    case ObjectType::AiaCa:
      return "aiaca";
    case ObjectType::NtAuthStore:
      return "ntauthstore";
    case ObjectType::IssuancePolicy:
      return "issuancepolicy";
    case ObjectType::Unknown:
      break;
  }
  return "unknown";
}

ObjectType object_type_from(std::string_view n) {
  if (ieq(n, "user") || ieq(n, "users")) return ObjectType::User;
  if (ieq(n, "group") || ieq(n, "groups")) return ObjectType::Group;
  if (ieq(n, "computer") || ieq(n, "computers")) return ObjectType::Computer;
  if (ieq(n, "domain") || ieq(n, "domains")) return ObjectType::Domain;
  if (ieq(n, "gpo") || ieq(n, "gpos")) return ObjectType::Gpo;
  if (ieq(n, "ou") || ieq(n, "ous")) return ObjectType::Ou;
  if (ieq(n, "container") || ieq(n, "containers")) return ObjectType::Container;
  if (ieq(n, "certtemplate") || ieq(n, "certtemplates")) return ObjectType::CertTemplate;
  if (ieq(n, "enterpriseca") || ieq(n, "enterprisecas")) return ObjectType::EnterpriseCa;
  if (ieq(n, "rootca") || ieq(n, "rootcas")) return ObjectType::RootCa;
  if (ieq(n, "aiaca") || ieq(n, "aiacas")) return ObjectType::AiaCa;
  if (ieq(n, "ntauthstore") || ieq(n, "ntauthstores")) return ObjectType::NtAuthStore;
  if (ieq(n, "issuancepolicy") || ieq(n, "issuancepolicies")) return ObjectType::IssuancePolicy;
  return ObjectType::Unknown;
}

std::string_view field_name(std::uint32_t bit) {
  switch (bit) {
    case field::kEnabled:
      return "enabled";
    case field::kLastLogon:
      return "lastlogontimestamp";
    case field::kPwdLastSet:
      return "pwdlastset";
    case field::kWhenCreated:
      return "whencreated";
    case field::kAccountFlags:
      return "useraccountcontrol";
    case field::kAces:
      return "Aces";
    case field::kMembers:
      return "Members";
    case field::kOs:
      return "operatingsystem";
    case field::kAdminCount:
      return "admincount";
    case field::kSpns:
      return "serviceprincipalnames";
    case field::kPrimaryGroup:
      return "PrimaryGroupSID";
    case field::kLocalAdmins:
      return "LocalGroups";
    case field::kSessions:
      return "Sessions";
    case field::kDelegation:
      return "AllowedToDelegate";
    case field::kTrustTgtDelegation:
      return "Trusts.TGTDelegationEnabled";
    case field::kTrustSidFiltering:
      return "Trusts.SidFilteringEnabled";
    case field::kEnrolleeSuppliesSubject:
      return "enrolleesuppliessubject";
    case field::kAuthenticationEnabled:
      return "authenticationenabled";
    case field::kManagerApproval:
      return "requiresmanagerapproval";
    case field::kAuthorizedSignatures:
      return "authorizedsignatures";
    case field::kSchemaVersion:
      return "schemaversion";
    case field::kEkus:
      return "effectiveekus";
    case field::kNoSecurityExtension:
      return "nosecurityextension";
    case field::kIssuancePolicies:
      return "issuancepolicies";
    case field::kApplicationPolicies:
      return "applicationpolicies";
    case field::kCaTemplates:
      return "EnabledCertTemplates";
    case field::kCaSecurity:
      return "CARegistryData.CASecurity";
    case field::kCaSanFlag:
      return "CARegistryData.IsUserSpecifiesSanEnabled";
    case field::kCaCertificate:
      return "certthumbprint";
    case field::kGroupLink:
      return "GroupLink";
    default:
      return "?";
  }
}

std::string_view to_string(Part p) {
  switch (p) {
    case Part::Users:
      return "users";
    case Part::Groups:
      return "groups";
    case Part::Computers:
      return "computers";
    case Part::Domains:
      return "domains";
    case Part::Gpos:
      return "gpos";
    case Part::Ous:
      return "ous";
    case Part::Containers:
      return "containers";
    case Part::Sessions:
      return "sessions";
    case Part::CertTemplates:
      return "certtemplates";
    case Part::EnterpriseCas:
      return "enterprisecas";
    case Part::RootCas:
      return "rootcas";
    case Part::AiaCas:
      return "aiacas";
    case Part::NtAuthStores:
      return "ntauthstores";
    case Part::IssuancePolicies:
      return "issuancepolicies";
    case Part::Count:
      break;
  }
  return "?";
}

Part part_of(ObjectType t) {
  switch (t) {
    case ObjectType::User:
      return Part::Users;
    case ObjectType::Group:
      return Part::Groups;
    case ObjectType::Computer:
      return Part::Computers;
    case ObjectType::Domain:
      return Part::Domains;
    case ObjectType::Gpo:
      return Part::Gpos;
    case ObjectType::Ou:
      return Part::Ous;
    case ObjectType::Container:
      return Part::Containers;
    case ObjectType::CertTemplate:
      return Part::CertTemplates;
    case ObjectType::EnterpriseCa:
      return Part::EnterpriseCas;
    case ObjectType::RootCa:
      return Part::RootCas;
    case ObjectType::AiaCa:
      return Part::AiaCas;
    case ObjectType::NtAuthStore:
      return Part::NtAuthStores;
    case ObjectType::IssuancePolicy:
      return Part::IssuancePolicies;
    case ObjectType::Unknown:
      break;
  }
  return Part::Count;
}

std::string_view to_string(Right r) {
  for (const auto& rn : kRights)
    if (rn.right == r) return rn.name;
  return "Other";
}

Right right_from(std::string_view name) {
  for (const auto& rn : kRights)
    if (ieq(rn.name, name)) return rn.right;
  return Right::Other;
}

bool is_control_right(Right r) {
  switch (r) {
    case Right::GetChanges:
    case Right::GetChangesAll:
    case Right::GetChangesInFilteredSet:
    case Right::Enroll:
    case Right::ManageCA:
    case Right::ManageCertificates:
    case Right::Other:
      return false;
    default:
      return true;
  }
}

std::uint32_t flags_from_uac(std::uint32_t v) {
  std::uint32_t f = flag::kReversibleKnown | flag::kDesOnlyKnown;
  if (!(v & uac::kAccountDisable)) f |= flag::kEnabled;
  if (v & uac::kDontReqPreauth) f |= flag::kDontReqPreauth;
  if (v & uac::kDontExpirePassword) f |= flag::kPwdNeverExpires;
  if (v & uac::kPasswdNotReqd) f |= flag::kPwdNotRequired;
  if (v & uac::kTrustedForDelegation) f |= flag::kUnconstrained;
  if (v & uac::kTrustedToAuthForDelegation) f |= flag::kTrustedToAuth;
  if (v & uac::kNotDelegated) f |= flag::kSensitive;
  if (v & uac::kEncryptedTextPwdAllowed) f |= flag::kReversible;
  if (v & uac::kUseDesKeyOnly) f |= flag::kDesOnly;
  if (v & uac::kServerTrustAccount) f |= flag::kIsDc;
  if (v & uac::kPartialSecretsAccount) f |= flag::kIsRodc;
  return f;
}

void Warnings::add(const std::string& kind, const std::string& message) {
  ++by_kind[kind];
  if (samples.size() < 50) samples.push_back(message);
}

std::uint64_t Warnings::total() const {
  std::uint64_t n = 0;
  for (const auto& [k, v] : by_kind) n += v;
  return n;
}

std::uint32_t Directory::intern(std::string_view id) {
  key_.assign(id);
  for (char& c : key_)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  auto it = by_id_.find(key_);
  if (it != by_id_.end()) return it->second;
  const auto index = static_cast<std::uint32_t>(objects_.size());
  Object o;
  o.id = key_;
  objects_.push_back(std::move(o));
  by_id_.emplace(key_, index);
  return index;
}

std::uint32_t Directory::find(std::string_view id) const {
  const auto it = by_id_.find(upper(id));
  return it == by_id_.end() ? kNone : it->second;
}

void Directory::finalize() {
  // DN and host name indexes of the objects present in the input.
  std::unordered_map<std::string, std::uint32_t> by_dn;
  std::unordered_map<std::string, std::uint32_t> by_host;
  for (std::uint32_t i = 0; i < objects_.size(); ++i) {
    const Object& o = objects_[i];
    if (!o.defined) continue;
    if (!o.dn.empty()) by_dn.emplace(lower(o.dn), i);
    if (o.type == ObjectType::Computer && !o.name.empty()) {
      std::string host = lower(o.name);
      if (const auto at = host.find('@'); at != std::string::npos) host.resize(at);
      if (!host.empty() && host.back() == '$') host.pop_back();
      by_host.emplace(host, i);
      if (const auto dot = host.find('.'); dot != std::string::npos)
        by_host.emplace(host.substr(0, dot), i);
    }
  }
  auto resolve_dn = [&](const std::string& dn) -> std::uint32_t {
    if (const auto it = by_dn.find(lower(dn)); it != by_dn.end()) return it->second;
    // Foreign security principals are named by their SID: CN=S-1-5-11,CN=ForeignSecurity...
    if (dn.size() > 7 && (dn[0] == 'C' || dn[0] == 'c') && dn.compare(2, 5, "=S-1-") == 0) {
      const auto end = dn.find(',');
      return intern(
          std::string_view(dn).substr(3, end == std::string::npos ? dn.size() - 3 : end - 3));
    }
    return kNone;
  };
  for (std::uint32_t i = 0; i < objects_.size(); ++i) {
    auto pending = std::move(objects_[i].pending_member_dns);
    objects_[i].pending_member_dns.clear();
    for (const auto& dn : pending) {
      const auto m = resolve_dn(dn);
      if (m == kNone) {
        warnings.add("dangling_reference", "membre introuvable : " + dn);
      } else {
        objects_[i].members.push_back(m);
      }
    }
    auto links = std::move(objects_[i].pending_gplink_dns);
    objects_[i].pending_gplink_dns.clear();
    for (const auto& dn : links) {
      const auto g = resolve_dn(dn);
      if (g == kNone) {
        warnings.add("dangling_reference", "GPO liée introuvable : " + dn);
      } else {
        objects_[i].links.push_back({g, false});
      }
    }
    auto spns = std::move(objects_[i].pending_delegate_spns);
    objects_[i].pending_delegate_spns.clear();
    for (const auto& spn : spns) {
      std::string_view host = spn;
      if (const auto s = host.find('/'); s != std::string_view::npos) host = host.substr(s + 1);
      if (const auto s = host.find_first_of("/:"); s != std::string_view::npos)
        host = host.substr(0, s);
      std::string h = lower(host);
      auto it = by_host.find(h);
      if (it == by_host.end() && h.find('.') != std::string::npos)
        it = by_host.find(h.substr(0, h.find('.')));
      if (it == by_host.end()) {
        warnings.add("unresolved_spn", "cible de délégation introuvable : " + spn);
      } else {
        objects_[i].delegate_to.push_back(it->second);
      }
    }
  }
  // Containment: explicit children and parents, then the DN hierarchy as a fallback.
  for (std::uint32_t i = 0; i < objects_.size(); ++i)
    for (const auto c : objects_[i].children)
      if (objects_[c].parent == kNone) objects_[c].parent = i;
  for (std::uint32_t i = 0; i < objects_.size(); ++i) {
    Object& o = objects_[i];
    if (o.parent != kNone || o.dn.empty()) continue;
    std::string_view p = parent_dn(o.dn);
    while (!p.empty()) {
      if (const auto it = by_dn.find(lower(p)); it != by_dn.end()) {
        if (it->second != i) o.parent = it->second;
        break;
      }
      p = parent_dn(p);
    }
  }
  for (auto& o : objects_) o.children.clear();
  for (std::uint32_t i = 0; i < objects_.size(); ++i)
    if (objects_[i].parent != kNone && objects_[i].parent != i)
      objects_[objects_[i].parent].children.push_back(i);
  // DCSync: both replication rights (or full control) on the domain object, held directly
  // or through the transitive group membership (GetChanges by one group, GetChangesAll by
  // another: every member of both can replicate).
  std::vector<std::vector<std::uint32_t>> member_lists;  // by group, primary members included
  auto members_of = [&](std::uint32_t g) -> const std::vector<std::uint32_t>& {
    if (member_lists.empty()) {
      member_lists.resize(objects_.size());
      for (std::uint32_t i = 0; i < objects_.size(); ++i) {
        member_lists[i].insert(member_lists[i].end(), objects_[i].members.begin(),
                               objects_[i].members.end());
        if (objects_[i].primary_group != kNone)
          member_lists[objects_[i].primary_group].push_back(i);
      }
      // Domain controllers are implicitly members of Enterprise Domain Controllers.
      for (std::uint32_t g = 0; g < objects_.size(); ++g) {
        if (sid_part(objects_[g].id) != "S-1-5-9") continue;
        for (std::uint32_t i = 0; i < objects_.size(); ++i)
          if (objects_[i].defined && objects_[i].type == ObjectType::Computer &&
              objects_[i].has(flag::kIsDc))
            member_lists[g].push_back(i);
      }
    }
    return member_lists[g];
  };
  for (auto& d : domains) {
    if (d.object == kNone) continue;
    std::unordered_map<std::uint32_t, int> rights;
    for (const auto& a : objects_[d.object].aces) {
      if (a.right == Right::GetChanges) rights[a.principal] |= 1;
      if (a.right == Right::GetChangesAll) rights[a.principal] |= 2;
      if (a.right == Right::GenericAll || a.right == Right::AllExtendedRights)
        rights[a.principal] |= 3;
    }
    // Holders of one right only pass it down to their transitive members.
    std::unordered_map<std::uint32_t, int> effective = rights;
    std::vector<std::uint32_t> partial;
    for (const auto& [p, r] : rights)
      if (r != 3) partial.push_back(p);
    std::sort(partial.begin(), partial.end());
    for (const auto h : partial) {
      const int r = rights[h];
      std::vector<std::uint8_t> seen(objects_.size(), 0);
      std::vector<std::uint32_t> stack{h};
      seen[h] = 1;
      while (!stack.empty()) {
        const auto g = stack.back();
        stack.pop_back();
        for (const auto m : members_of(g)) {
          if (seen[m]) continue;
          seen[m] = 1;
          effective[m] |= r;
          stack.push_back(m);
        }
      }
    }
    // Members of a full holder already reach it by MemberOf: only new combinations count.
    std::vector<std::uint8_t> under_full(objects_.size(), 0);
    for (const auto& [p, r] : rights) {
      if (r != 3) continue;
      std::vector<std::uint32_t> stack{p};
      while (!stack.empty()) {
        const auto g = stack.back();
        stack.pop_back();
        for (const auto m : members_of(g))
          if (!under_full[m]) {
            under_full[m] = 1;
            stack.push_back(m);
          }
      }
    }
    std::vector<std::uint32_t> dcsync;
    for (const auto& [p, r] : effective)
      if (r == 3 && ((rights.count(p) && rights.at(p) == 3) || !under_full[p])) dcsync.push_back(p);
    std::sort(dcsync.begin(), dcsync.end());
    Object& dom = objects_[d.object];
    for (const auto p : dcsync) {
      const bool present = std::any_of(dom.aces.begin(), dom.aces.end(), [&](const Ace& a) {
        return a.principal == p && a.right == Right::DCSync;
      });
      if (!present) dom.aces.push_back({p, Right::DCSync, false});
    }
  }
  // Fields carried, by object type.
  fields_seen.fill(0);
  fields_missing.fill(0);
  for (const auto& o : objects_) {
    if (o.defined && o.type == ObjectType::Computer && (o.known & field::kSessions))
      parts |= part_bit(Part::Sessions);
    if (!o.defined || o.has(flag::kWellKnown)) continue;
    const auto t = static_cast<std::size_t>(o.type);
    fields_seen[t] |= o.known;
    fields_missing[t] |= ~o.known;
  }
  // Never a nameless domain: a stub record is named after its objects, or its SID.
  for (auto& d : domains) {
    if (!d.name.empty()) continue;
    for (const auto& o : objects_) {
      const auto at = o.name.rfind('@');
      if (o.defined && at != std::string::npos && domain_of_sid(o.id) == d.sid) {
        d.name = o.name.substr(at + 1);
        break;
      }
    }
    if (d.name.empty()) {
      d.name = d.sid;
      warnings.add("nameless_domain", "domaine sans nom dans la collecte : " + d.sid);
    }
    if (d.object != kNone && objects_[d.object].name.empty()) objects_[d.object].name = d.name;
  }
  // Placeholders: well-known principals are expected, others are dangling references.
  std::uint64_t dangling = 0;
  for (auto& o : objects_) {
    if (o.defined) continue;
    if (o.name.empty()) o.name = o.id;
    const std::string_view sid = sid_part(o.id);
    if (sid.starts_with("S-1-") && !sid.starts_with("S-1-5-21-")) {
      if (o.type == ObjectType::Unknown) o.type = ObjectType::Group;
      continue;
    }
    if (++dangling <= 20) warnings.add("dangling_reference", "objet référencé absent : " + o.id);
  }
  if (dangling > 20) warnings.by_kind["dangling_reference"] += dangling - 20;
}

}  // namespace carepilot::adaudit
