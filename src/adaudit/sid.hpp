// Security identifiers and GUIDs: binary decoding (LDIF objectSid, objectGUID, security
// descriptors) and the well-known RIDs the rules and the control graph rely on.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace carepilot::adaudit {

// Decodes a binary SID (revision 1) into "S-1-5-21-...". nullopt when malformed.
std::optional<std::string> sid_from_binary(std::span<const std::uint8_t> bytes);

// Decodes a 16-byte GUID (mixed-endian, as AD stores it) into upper-case
// "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX". nullopt when not 16 bytes.
std::optional<std::string> guid_from_binary(std::span<const std::uint8_t> bytes);

// The "S-1-..." part of an identifier; SharpHound prefixes well-known SIDs with the
// domain name ("TESTLAB.LOCAL-S-1-5-32-544"). Returns the input when there is no prefix.
std::string_view sid_part(std::string_view id);

// The last sub-authority of a domain SID ("S-1-5-21-a-b-c-512" -> 512); 0 when the
// identifier is not a domain-relative SID.
std::uint32_t domain_rid(std::string_view id);

// The domain part of a domain-relative SID ("S-1-5-21-a-b-c"); empty otherwise.
std::string_view domain_of_sid(std::string_view id);

// True when the identifier is the builtin (S-1-5-32-rid) SID with that RID.
bool is_builtin(std::string_view id, std::uint32_t rid);

// Well-known identifiers.
inline constexpr std::string_view kEveryone = "S-1-1-0";
inline constexpr std::string_view kAnonymous = "S-1-5-7";
inline constexpr std::string_view kAuthenticatedUsers = "S-1-5-11";
inline constexpr std::string_view kEnterpriseDcs = "S-1-5-9";

namespace rid {
inline constexpr std::uint32_t kAdministrator = 500;
inline constexpr std::uint32_t kGuest = 501;
inline constexpr std::uint32_t kKrbtgt = 502;
inline constexpr std::uint32_t kDomainAdmins = 512;
inline constexpr std::uint32_t kDomainUsers = 513;
inline constexpr std::uint32_t kDomainGuests = 514;
inline constexpr std::uint32_t kDomainComputers = 515;
inline constexpr std::uint32_t kDomainControllers = 516;
inline constexpr std::uint32_t kSchemaAdmins = 518;
inline constexpr std::uint32_t kEnterpriseAdmins = 519;
inline constexpr std::uint32_t kRodcs = 521;
inline constexpr std::uint32_t kProtectedUsers = 525;
inline constexpr std::uint32_t kKeyAdmins = 526;
inline constexpr std::uint32_t kEnterpriseKeyAdmins = 527;
inline constexpr std::uint32_t kEnterpriseRodcs = 498;
// Builtin (S-1-5-32-x).
inline constexpr std::uint32_t kBuiltinAdministrators = 544;
inline constexpr std::uint32_t kBuiltinUsers = 545;
inline constexpr std::uint32_t kAccountOperators = 548;
inline constexpr std::uint32_t kServerOperators = 549;
inline constexpr std::uint32_t kPrintOperators = 550;
inline constexpr std::uint32_t kBackupOperators = 551;
inline constexpr std::uint32_t kPreWindows2000 = 554;
}  // namespace rid

}  // namespace carepilot::adaudit
