// The data each rule reads (parts of the collection, fields of the objects), and the check
// of a directory against it. Kept in one table so that a rule cannot be added without
// saying what it needs (a test walks all_rules() against it).
#include <unordered_map>

#include "adaudit/rules/rule.hpp"

namespace carepilot::adaudit {

namespace {

constexpr std::uint32_t P(Part p) {
  return part_bit(p);
}
constexpr std::uint32_t kU = P(Part::Users), kG = P(Part::Groups), kC = P(Part::Computers),
                        kD = P(Part::Domains), kGpo = P(Part::Gpos), kOu = P(Part::Ous),
                        kCt = P(Part::Containers), kS = P(Part::Sessions),
                        kCert = P(Part::CertTemplates), kEca = P(Part::EnterpriseCas),
                        kNta = P(Part::NtAuthStores), kIp = P(Part::IssuancePolicies);
// Everything the control graph is made of.
constexpr std::uint32_t kGraph = kU | kG | kC | kD | kGpo | kOu | kCt;

using T = ObjectType;
namespace f = field;

constexpr std::uint32_t kEn = f::kEnabled, kFl = f::kAccountFlags, kLl = f::kLastLogon,
                        kPw = f::kPwdLastSet, kWc = f::kWhenCreated, kAc = f::kAces,
                        kMb = f::kMembers;

const std::unordered_map<std::string_view, Needs>& table() {
  static const std::unordered_map<std::string_view, Needs> t = [] {
    std::unordered_map<std::string_view, Needs> m;
    // Privileged principals are found through the groups' members.
    const FieldNeed members{T::Group, kMb};
    m["S-DormantUsers"] = {kU, {{T::User, kEn | kLl | kWc}}};
    m["S-InactiveComputers"] = {kC, {{T::Computer, kEn | kLl | kWc | f::kOs}}};
    m["S-InactiveServers"] = m["S-InactiveComputers"];
    m["S-ServerPassword90"] = {kC, {{T::Computer, kEn | kLl | kPw | f::kOs}}};
    m["S-ServerPassword45"] = m["S-ServerPassword90"];
    m["S-ObsoleteWorkstations"] = {kC, {{T::Computer, kEn | f::kOs}}};
    m["S-ObsoleteServers"] = m["S-ObsoleteWorkstations"];
    m["S-PwdNeverExpires"] = {kU, {{T::User, kEn | kFl}}};
    m["S-PwdNotRequired"] = m["S-PwdNeverExpires"];
    m["S-Reversible"] = {kU | kC, {{T::User, kEn | kFl}, {T::Computer, kEn | kFl}}};
    m["S-DesOnly"] = m["S-Reversible"];
    m["S-NoPreauth"] = m["S-PwdNeverExpires"];
    m["S-SidHistory"] = {kU | kG | kC, {}};
    m["S-PrimaryGroup"] = {
        kU | kC, {{T::User, kEn | f::kPrimaryGroup}, {T::Computer, kEn | f::kPrimaryGroup}}};
    m["S-GuestEnabled"] = {kU, {{T::User, kEn}}};
    m["S-DisabledPrivileged"] = {kU | kG, {{T::User, kEn}, members}};
    m["P-Krbtgt180"] = {kU, {{T::User, kPw}}};
    m["P-Krbtgt"] = m["P-Krbtgt180"];
    m["P-SpnPriv"] = {kU | kG, {{T::User, kEn | f::kSpns}, members}};
    m["P-NoPreauthPriv"] = {kU | kG, {{T::User, kEn | kFl}, members}};
    m["P-PwdNeverExpiresPriv"] = m["P-NoPreauthPriv"];
    m["P-PwdOldPriv"] = {kU | kG, {{T::User, kEn | kPw}, members}};
    m["P-ProtectedUsers"] = {kU | kG, {{T::User, kEn}, members}};
    m["P-Delegated"] = m["P-NoPreauthPriv"];
    m["P-ReversiblePriv"] = m["P-NoPreauthPriv"];
    m["P-InactivePriv"] = {kU | kG, {{T::User, kEn | kLl}, members}};
    m["P-AdminCount"] = {kU | kG, {{T::User, kEn | f::kAdminCount}, members}};
    m["P-TooManyAdmins"] = {kU | kG, {{T::User, kEn}, members}};
    m["P-SchemaAdmins"] = {kG, {members}};
    m["P-Operators"] = {kG, {members}};
    m["P-DnsAdmins"] = {kG, {members}};
    m["P-DCSync"] = {kD | kG | kU | kC, {{T::Domain, kAc}, members}};
    m["P-GpoPriv"] = {kGraph, {{T::Gpo, kAc}, members}};
    m["P-AclPriv"] = {kU | kG, {{T::User, kAc}, {T::Group, kAc | kMb}}};
    m["P-AclDc"] = {kC | kG, {{T::Computer, kAc}, members}};
    m["P-Owner"] = {kU | kG | kC | kD, {{T::User, kAc}, {T::Group, kAc | kMb}, {T::Domain, kAc}}};
    m["P-UnconstrainedDelegation"] = {kU | kC, {{T::User, kEn | kFl}, {T::Computer, kEn | kFl}}};
    m["P-DelegationT2A4D"] = {kU | kC | kG,
                              {{T::User, kEn | kFl | f::kDelegation},
                               {T::Computer, kEn | kFl | f::kDelegation},
                               members}};
    m["P-DelegationA2D2"] = m["P-DelegationT2A4D"];
    m["P-RbcdPriv"] = {kU | kC | kG, {{T::Computer, f::kDelegation}, members}};
    m["P-SidHistoryDangerous"] = {kU | kG | kC, {}};
    m["P-PrivSessions"] = {kC | kU | kG | kS, {{T::Computer, f::kSessions}, members}};
    m["P-PrivComputers"] = {kC | kG, {{T::Computer, kEn}, members}};
    m["T-SidFilteringDomain"] = {kD, {{T::Domain, f::kTrustSidFiltering}}};
    m["T-SidHistoryForest"] = m["T-SidFilteringDomain"];
    m["T-TgtDelegation"] = {kD, {{T::Domain, f::kTrustTgtDelegation}}};
    m["T-Bidirectional"] = {kD, {}};
    m["T-Unknown"] = {kD, {}};
    m["T-Realm"] = {kD, {}};
    m["A-PreWin2000Anonymous"] = {kG, {members}};
    m["A-PreWin2000Other"] = {kG, {members}};
    m["A-MachineAccountQuota"] = {kD, {}};
    m["A-FunctionalLevel2008"] = {kD, {}};
    m["A-FunctionalLevel2012R2"] = {kD, {}};
    m["A-FunctionalLevel2016"] = {kD, {}};
    m["A-LAPS-NotInstalled"] = {kC, {{T::Computer, kEn}}};
    m["A-LAPS-Partial"] = {kC, {{T::Computer, kEn}}};
    m["A-GroupLoop"] = {kG, {members}};
    const Needs graph{
        kGraph,
        {{T::User, kEn | kAc}, {T::Computer, kEn | kAc}, {T::Group, kAc | kMb}, {T::Domain, kAc}}};
    m["A-ExposedUsers"] = graph;
    m["A-ExposedComputers"] = graph;
    m["A-BroadGroupPath"] = graph;
    m["A-AdminEverywhere"] = {kC | kG, {{T::Computer, f::kLocalAdmins}, members}};
    // AD CS: published templates, the CAs' rights, enrollment over transitive membership.
    constexpr std::uint32_t kTpl = f::kEnrolleeSuppliesSubject | f::kAuthenticationEnabled |
                                   f::kManagerApproval | f::kAuthorizedSignatures |
                                   f::kSchemaVersion | kAc;
    const FieldNeed ca{T::EnterpriseCa, f::kCaTemplates | kAc | f::kCaCertificate};
    const std::uint32_t adcs = kCert | kEca | kG | kU | kC | kD;
    m["A-ADCS-ESC1"] = {adcs | kNta, {{T::CertTemplate, kTpl}, ca, members}};
    m["A-ADCS-ESC2"] = {adcs | kNta, {{T::CertTemplate, kTpl | f::kEkus}, ca, members}};
    m["A-ADCS-ESC3"] = {
        adcs | kNta, {{T::CertTemplate, kTpl | f::kEkus | f::kApplicationPolicies}, ca, members}};
    m["A-ADCS-ESC4"] = {adcs, {{T::CertTemplate, kAc}, ca, members}};
    m["A-ADCS-ESC6"] = {adcs | kNta,
                        {{T::CertTemplate, kTpl},
                         {T::EnterpriseCa, f::kCaTemplates | kAc | f::kCaSanFlag},
                         members}};
    m["A-ADCS-ESC7"] = {kEca | kG | kU | kC | kD, {{T::EnterpriseCa, f::kCaSecurity}, members}};
    m["A-ADCS-ESC9"] = {adcs, {{T::CertTemplate, kTpl | f::kNoSecurityExtension}, ca, members}};
    m["A-ADCS-ESC10"] = {kC, {}};
    m["A-ADCS-ESC13"] = {adcs | kIp,
                         {{T::CertTemplate, kTpl | f::kIssuancePolicies},
                          ca,
                          {T::IssuancePolicy, f::kGroupLink},
                          members}};
    m["A-ADCS-ESC15"] = {adcs, {{T::CertTemplate, kTpl}, ca, members}};
    return m;
  }();
  return t;
}

}  // namespace

const Needs* needs_of(std::string_view rule_id) {
  const auto& t = table();
  const auto it = t.find(rule_id);
  return it == t.end() ? nullptr : &it->second;
}

Coverage coverage(const Directory& dir, const Needs& needs) {
  Coverage c;
  for (unsigned p = 0; p < static_cast<unsigned>(Part::Count); ++p) {
    const auto bit = 1u << p;
    if ((needs.parts & bit) && !(dir.parts & bit))
      c.missing_parts.emplace_back(to_string(static_cast<Part>(p)));
  }
  for (const auto& n : needs.fields) {
    const auto t = static_cast<std::size_t>(n.type);
    // A part collected with no object of the type: nothing to say about its fields.
    if (dir.fields_seen[t] == 0 && dir.fields_missing[t] == 0) continue;
    const std::string prefix = std::string(to_string(part_of(n.type))) + ".";
    for (std::uint32_t b = 0; b < field::kCount; ++b) {
      const std::uint32_t bit = 1u << b;
      if (!(n.fields & bit)) continue;
      if (!(dir.fields_seen[t] & bit)) {
        c.missing_fields.push_back(prefix + std::string(field_name(bit)));
      } else if (dir.fields_missing[t] & bit) {
        c.partial_fields.push_back(prefix + std::string(field_name(bit)));
      }
    }
  }
  return c;
}

}  // namespace carepilot::adaudit
