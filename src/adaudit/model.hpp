// The normalised directory: every object of the collection, keyed by its identifier (SID
// for security principals, GUID for OUs, GPOs and containers), with the attributes the
// rules and the control graph need. Both readers (SharpHound JSON, LDIF) fill this model.
// References to identifiers absent from the input become placeholder objects
// (Object::defined == false) and are counted as "dangling" warnings by finalize().
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace carepilot::adaudit {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

enum class ObjectType : std::uint8_t {
  Unknown,
  User,
  Group,
  Computer,
  Domain,
  Gpo,
  Ou,
  Container,
  // AD CS (configuration partition).
  CertTemplate,
  EnterpriseCa,
  RootCa,
  AiaCa,
  NtAuthStore,
  IssuancePolicy
};
inline constexpr std::size_t kObjectTypes = 14;
std::string_view to_string(ObjectType t);
ObjectType object_type_from(std::string_view name);  // "User", "users", "Computer" ...

// Rights a principal holds on an object, as BloodHound names them.
enum class Right : std::uint8_t {
  GenericAll,
  GenericWrite,
  WriteDacl,
  WriteOwner,
  Owns,
  AddMember,
  AddSelf,
  ForceChangePassword,
  AllExtendedRights,
  GetChanges,
  GetChangesAll,
  GetChangesInFilteredSet,
  DCSync,
  AddAllowedToAct,
  AddKeyCredentialLink,
  WriteSPN,
  WriteAccountRestrictions,
  ReadLAPSPassword,
  ReadGMSAPassword,
  SyncLAPSPassword,
  WriteGPLink,
  Enroll,              // AD CS: on a template or an enterprise CA
  ManageCA,            // AD CS: CA officer rights (CA registry security)
  ManageCertificates,  // AD CS: certificate manager (approves requests)
  Other
};
std::string_view to_string(Right r);
Right right_from(std::string_view name);  // unknown names -> Right::Other
// True for rights that give control of the object (edges of the control graph).
bool is_control_right(Right r);

struct Ace {
  std::uint32_t principal = kNone;
  Right right = Right::Other;
  bool inherited = false;
};

struct GpoLink {
  std::uint32_t gpo = kNone;
  bool enforced = false;
};

// Flag bits of Object::flags.
namespace flag {
inline constexpr std::uint32_t kEnabled = 1u << 0;
inline constexpr std::uint32_t kDontReqPreauth = 1u << 1;
inline constexpr std::uint32_t kPwdNeverExpires = 1u << 2;
inline constexpr std::uint32_t kPwdNotRequired = 1u << 3;
inline constexpr std::uint32_t kUnconstrained = 1u << 4;
inline constexpr std::uint32_t kTrustedToAuth = 1u << 5;
inline constexpr std::uint32_t kSensitive = 1u << 6;
inline constexpr std::uint32_t kReversible = 1u << 7;
inline constexpr std::uint32_t kDesOnly = 1u << 8;
inline constexpr std::uint32_t kIsDc = 1u << 9;
inline constexpr std::uint32_t kHasLaps = 1u << 10;
inline constexpr std::uint32_t kAdminCount = 1u << 11;
inline constexpr std::uint32_t kDeleted = 1u << 12;
inline constexpr std::uint32_t kReversibleKnown = 1u << 13;  // the input carries the flag
inline constexpr std::uint32_t kDesOnlyKnown = 1u << 14;
inline constexpr std::uint32_t kLapsKnown = 1u << 15;
inline constexpr std::uint32_t kIsRodc = 1u << 16;
inline constexpr std::uint32_t kAclCollected = 1u << 17;
// A well-known principal (NETWORK SERVICE, Everyone ...) listed by SharpHound among the
// users or groups: not an account of the directory.
inline constexpr std::uint32_t kWellKnown = 1u << 18;
}  // namespace flag

// Fields of Object::known: the record carried a usable (non-null) value for them. A field
// absent from a record is unknown, never assumed (an object without `enabled` is not
// counted as enabled, and a rule that needs the field cannot pass on it).
namespace field {
inline constexpr std::uint32_t kEnabled = 1u << 0;
inline constexpr std::uint32_t kLastLogon = 1u << 1;
inline constexpr std::uint32_t kPwdLastSet = 1u << 2;
inline constexpr std::uint32_t kWhenCreated = 1u << 3;
inline constexpr std::uint32_t kAccountFlags = 1u << 4;  // userAccountControl or its booleans
inline constexpr std::uint32_t kAces = 1u << 5;
inline constexpr std::uint32_t kMembers = 1u << 6;
inline constexpr std::uint32_t kOs = 1u << 7;
inline constexpr std::uint32_t kAdminCount = 1u << 8;
inline constexpr std::uint32_t kSpns = 1u << 9;
inline constexpr std::uint32_t kPrimaryGroup = 1u << 10;
inline constexpr std::uint32_t kLocalAdmins = 1u << 11;
inline constexpr std::uint32_t kSessions = 1u << 12;
inline constexpr std::uint32_t kDelegation = 1u << 13;          // AllowedToDelegate / AllowedToAct
inline constexpr std::uint32_t kTrustTgtDelegation = 1u << 14;  // domains: on every trust
inline constexpr std::uint32_t kTrustSidFiltering = 1u << 15;   // domains: on every trust
// AD CS templates.
inline constexpr std::uint32_t kEnrolleeSuppliesSubject = 1u << 16;
inline constexpr std::uint32_t kAuthenticationEnabled = 1u << 17;
inline constexpr std::uint32_t kManagerApproval = 1u << 18;
inline constexpr std::uint32_t kAuthorizedSignatures = 1u << 19;
inline constexpr std::uint32_t kSchemaVersion = 1u << 20;
inline constexpr std::uint32_t kEkus = 1u << 21;
inline constexpr std::uint32_t kNoSecurityExtension = 1u << 22;
inline constexpr std::uint32_t kIssuancePolicies = 1u << 23;
inline constexpr std::uint32_t kApplicationPolicies = 1u << 24;
// AD CS enterprise CAs.
inline constexpr std::uint32_t kCaTemplates = 1u << 25;    // EnabledCertTemplates
inline constexpr std::uint32_t kCaSecurity = 1u << 26;     // CARegistryData.CASecurity
inline constexpr std::uint32_t kCaSanFlag = 1u << 27;      // IsUserSpecifiesSanEnabled
inline constexpr std::uint32_t kCaCertificate = 1u << 28;  // certthumbprint
// Issuance policies.
inline constexpr std::uint32_t kGroupLink = 1u << 29;
inline constexpr std::uint32_t kCount = 30;
}  // namespace field
std::string_view field_name(std::uint32_t bit);  // "enabled", "lastlogontimestamp" ...

// Parts of a collection (SharpHound's files; LDIF and ORADAD fill the same parts).
enum class Part : std::uint8_t {
  Users,
  Groups,
  Computers,
  Domains,
  Gpos,
  Ous,
  Containers,
  Sessions,
  CertTemplates,
  EnterpriseCas,
  RootCas,
  AiaCas,
  NtAuthStores,
  IssuancePolicies,
  Count
};
inline constexpr std::uint32_t part_bit(Part p) {
  return 1u << static_cast<unsigned>(p);
}
std::string_view to_string(Part p);  // "users", "certtemplates" ...
// The part that holds objects of that type (Part::Count for Unknown).
Part part_of(ObjectType t);

// userAccountControl bits (MS-ADTS 2.2.16).
namespace uac {
inline constexpr std::uint32_t kAccountDisable = 0x2;
inline constexpr std::uint32_t kPasswdNotReqd = 0x20;
inline constexpr std::uint32_t kEncryptedTextPwdAllowed = 0x80;
inline constexpr std::uint32_t kServerTrustAccount = 0x2000;
inline constexpr std::uint32_t kDontExpirePassword = 0x10000;
inline constexpr std::uint32_t kTrustedForDelegation = 0x80000;
inline constexpr std::uint32_t kNotDelegated = 0x100000;
inline constexpr std::uint32_t kUseDesKeyOnly = 0x200000;
inline constexpr std::uint32_t kDontReqPreauth = 0x400000;
inline constexpr std::uint32_t kTrustedToAuthForDelegation = 0x1000000;
inline constexpr std::uint32_t kPartialSecretsAccount = 0x4000000;
}  // namespace uac
// Sets Object::flags from a userAccountControl value.
std::uint32_t flags_from_uac(std::uint32_t value);

struct Object {
  std::string id;    // SID or GUID, upper case; the key of the directory
  std::string name;  // NAME@DOMAIN (SharpHound) or sAMAccountName / cn (LDIF)
  std::string dn;
  std::string os;
  std::vector<std::string> spns;
  ObjectType type = ObjectType::Unknown;
  bool defined = false;  // false for placeholders created by a reference
  std::uint32_t flags = 0;
  std::uint32_t known = 0;              // field:: bits the input carried for this object
  std::uint32_t parent = kNone;         // containing OU / container / domain
  std::uint32_t primary_group = kNone;  // group object
  std::int64_t pwd_last_set = 0;        // Unix seconds; 0 = never / unknown
  std::int64_t last_logon = 0;          // lastLogonTimestamp, Unix seconds; 0 = never
  std::int64_t when_created = 0;
  std::vector<std::uint32_t> members;         // groups: direct members
  std::vector<std::uint32_t> sid_history;     // SIDs carried in sIDHistory
  std::vector<std::uint32_t> delegate_to;     // constrained delegation targets
  std::vector<std::uint32_t> allowed_to_act;  // principals allowed to act (RBCD)
  std::vector<std::uint32_t> sessions;        // computers: users with a session
  std::vector<std::uint32_t> local_admins;    // computers: local administrators
  // Computers: (administrator, OU or domain) for a local administration granted by the GPOs
  // linked to that OU or domain (SharpHound's GPOChanges.LocalAdmins); the right itself is
  // in local_admins, this says where it comes from for the report's paths.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> gpo_admin_grants;
  std::vector<std::uint32_t> children;  // OUs, containers, domains
  std::vector<Ace> aces;                // rights held by others on this object
  std::vector<GpoLink> links;           // OUs and domains: linked GPOs
  // Raw spellings kept for unresolved LDIF references (resolved by DN in finalize).
  std::vector<std::string> pending_member_dns;
  std::vector<std::string> pending_delegate_spns;
  std::vector<std::string> pending_gplink_dns;

  bool has(std::uint32_t f) const { return (flags & f) != 0; }
  bool enabled() const { return has(flag::kEnabled); }
};

enum class TrustDirection : std::uint8_t { Unknown, Inbound, Outbound, Bidirectional, Disabled };
struct Trust {
  std::string target_name;
  std::string target_sid;
  std::string type;  // ParentChild, CrossLink/Shortcut, Forest, External, Realm, TreeRoot ...
  TrustDirection direction = TrustDirection::Unknown;
  std::optional<bool> transitive;
  std::optional<bool> sid_filtering;
  std::optional<bool> tgt_delegation;
};

struct Domain {
  std::uint32_t object = kNone;
  std::string name;
  std::string sid;
  std::string functional_level;  // "2016", "2012 R2" ...
  std::optional<std::int64_t> machine_account_quota;
  std::vector<Trust> trusts;
};

// AD CS: a certificate template (the fields the escalation rules read).
struct CertTemplate {
  std::uint32_t object = kNone;
  std::optional<bool> enrollee_supplies_subject, authentication_enabled, manager_approval,
      no_security_extension;
  std::optional<std::int64_t> authorized_signatures, schema_version;
  std::optional<std::vector<std::string>> ekus;  // effective EKUs; empty = any purpose
  std::optional<std::vector<std::string>> issuance_policies, application_policies;
};
// AD CS: an enterprise CA; its CA-registry rights (ManageCA ...) are ACEs of its object.
struct CertAuthority {
  std::uint32_t object = kNone;
  std::uint32_t host = kNone;                           // computer running the CA
  std::optional<std::vector<std::uint32_t>> templates;  // published (enabled) templates
  std::optional<bool> user_specifies_san;               // EDITF_ATTRIBUTESUBJECTALTNAME2
  std::string thumbprint;
};
struct IssuancePolicyLink {
  std::uint32_t object = kNone;
  std::string oid;
  std::uint32_t group = kNone;  // msDS-OIDToGroupLink
};
// Certificate mapping settings of a domain controller (ESC10), when collected.
struct DcRegistry {
  std::uint32_t computer = kNone;
  std::optional<std::int64_t> strong_binding;   // StrongCertificateBindingEnforcement
  std::optional<std::int64_t> mapping_methods;  // CertificateMappingMethods (Schannel)
};

// Counted, never fatal, problems of the input (first messages kept as samples).
struct Warnings {
  std::map<std::string, std::uint64_t> by_kind;
  std::vector<std::string> samples;
  void add(const std::string& kind, const std::string& message);
  std::uint64_t total() const;
};

class Directory {
 public:
  // Index of the object with that identifier, created as a placeholder when absent.
  std::uint32_t intern(std::string_view id);
  // Index of the object, or kNone.
  std::uint32_t find(std::string_view id) const;
  Object& at(std::uint32_t i) { return objects_[i]; }
  const Object& at(std::uint32_t i) const { return objects_[i]; }
  std::size_t size() const { return objects_.size(); }
  const std::vector<Object>& objects() const { return objects_; }
  std::vector<Object>& objects() { return objects_; }

  // Resolves pending DN references, links parents/children both ways, derives DCSync
  // rights, assigns domains and counts dangling references. Call once, after reading.
  void finalize();

  std::vector<Domain> domains;
  Warnings warnings;
  std::vector<std::string> sources;  // files read
  std::string format;                // "sharphound", "ldif"
  int schema_version = 0;            // highest SharpHound meta.version seen
  std::uint32_t parts = 0;           // part_bit() of the collection parts read
  std::uint64_t aces_read = 0;       // access-control entries read (before merging)
  // Not fatal problems that make the collection partial ("ldif_truncated" ...), French.
  std::vector<std::string> incomplete;
  // By ObjectType, computed by finalize() over the defined objects (well-known principals
  // excluded): fields some object carried, fields some object lacked.
  std::array<std::uint32_t, kObjectTypes> fields_seen{}, fields_missing{};
  // AD CS, by object index of the template / CA / policy.
  std::vector<CertTemplate> templates;
  std::vector<CertAuthority> cas;
  std::vector<IssuancePolicyLink> issuance_policies;
  std::vector<std::string> ntauth_thumbprints;  // certificates trusted for NT authentication
  bool ntauth_known = false;
  std::vector<DcRegistry> dc_registry;

 private:
  std::vector<Object> objects_;
  std::unordered_map<std::string, std::uint32_t> by_id_;
  std::string key_;  // scratch buffer for upper-casing lookups
};

// Upper-cases ASCII letters (identifiers are compared case-insensitively).
std::string upper(std::string_view s);
std::string lower(std::string_view s);

}  // namespace carepilot::adaudit
