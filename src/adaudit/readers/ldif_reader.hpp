// Reader for LDIF exports of the directory (RFC 2849, as ldapsearch writes them): folded
// lines, "attr:: base64" values, binary objectSid / objectGUID / sIDHistory and
// nTSecurityDescriptor (its allow ACEs become rights). Bad base64 or undecodable binary
// values are counted warnings; the entry is kept without that value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adaudit/model.hpp"

namespace carepilot::adaudit {

// One directory entry as LDAP returns it: attribute names in lower case (options
// stripped), binary values raw (objectSid, nTSecurityDescriptor ...), one value per item.
struct LdapAttr {
  std::string name;
  std::string value;
};
struct LdapEntry {
  std::string dn;
  std::vector<LdapAttr> attrs;
};

// Builds the objects of entries read another way (ORADAD's files), as read_ldif does.
void read_ldap_entries(std::string_view name, const std::vector<LdapEntry>& entries,
                       Directory& dir);

// Reads a whole LDIF text into the directory (call Directory::finalize() afterwards). Faults
// inside entries become warnings; throws InputError (adaudit/readers/input_error.hpp) only when
// the text is not UTF-8, naming the line of its first bad byte.
void read_ldif(std::string_view name, std::string_view text, Directory& dir);

// Strict RFC 4648 base64 (whitespace not allowed, padding optional); nullopt if invalid.
std::optional<std::string> decode_base64(std::string_view in);

// FILETIME (100 ns since 1601) to Unix seconds; 0 for "never" values.
std::int64_t filetime_to_unix(std::int64_t ft);

}  // namespace carepilot::adaudit
