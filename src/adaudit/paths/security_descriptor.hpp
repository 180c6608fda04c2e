// Binary self-relative security descriptors (nTSecurityDescriptor,
// msDS-AllowedToActOnBehalfOfOtherIdentity): owner and the allow ACEs of the DACL, mapped
// to the BloodHound-style rights the control graph uses. Deny ACEs are ignored (the
// result over-approximates rights, which is the safe side for an audit).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adaudit/model.hpp"

namespace carepilot::adaudit {

struct SdAce {
  std::string principal;  // SID string
  Right right = Right::Other;
  bool inherited = false;
};

struct SecurityDescriptor {
  std::string owner;                 // empty when absent
  std::vector<SdAce> aces;           // one entry per (principal, right) derived from allow ACEs
  std::vector<std::string> allowed;  // principals of any allow ACE (for RBCD descriptors)
};

// nullopt when the bytes are not a well-formed self-relative descriptor.
std::optional<SecurityDescriptor> parse_security_descriptor(std::span<const std::uint8_t> bytes);

}  // namespace carepilot::adaudit
