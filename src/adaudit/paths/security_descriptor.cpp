#include "adaudit/paths/security_descriptor.hpp"

#include <string_view>

#include "adaudit/sid.hpp"

namespace carepilot::adaudit {

namespace {

constexpr std::uint32_t kGenericAll = 0x10000000;
constexpr std::uint32_t kGenericWrite = 0x40000000;
constexpr std::uint32_t kSelf = 0x8;
constexpr std::uint32_t kWriteProp = 0x20;
constexpr std::uint32_t kControlAccess = 0x100;
constexpr std::uint32_t kWriteDac = 0x40000;
constexpr std::uint32_t kWriteOwner = 0x80000;
constexpr std::uint32_t kFullControl = 0xF01FF;

constexpr std::uint8_t kAllowed = 0x00;
constexpr std::uint8_t kAllowedObject = 0x05;
constexpr std::uint8_t kInheritOnly = 0x08;
constexpr std::uint8_t kInheritedAce = 0x10;

std::uint16_t u16(std::span<const std::uint8_t> b, std::size_t o) {
  return static_cast<std::uint16_t>(b[o] | (b[o + 1] << 8));
}
std::uint32_t u32(std::span<const std::uint8_t> b, std::size_t o) {
  return std::uint32_t(b[o]) | (std::uint32_t(b[o + 1]) << 8) | (std::uint32_t(b[o + 2]) << 16) |
         (std::uint32_t(b[o + 3]) << 24);
}

// SID at offset o within [o, end): its length is 8 + 4 * sub-authority count.
std::optional<std::string> sid_at(std::span<const std::uint8_t> b, std::size_t o, std::size_t end) {
  if (o + 8 > end || end > b.size()) return std::nullopt;
  const std::size_t len = 8 + 4 * std::size_t(b[o + 1]);
  if (o + len > end) return std::nullopt;
  return sid_from_binary(b.subspan(o, len));
}

// Principals whose rights are not delegations to someone (BloodHound skips them too).
bool ignored_principal(std::string_view sid) {
  return sid == "S-1-5-10" || sid == "S-1-3-0" || sid == "S-1-5-18";
}

void add_rights(SecurityDescriptor& sd, const std::string& who, std::uint32_t mask,
                const std::string& object_type, bool inherited) {
  auto add = [&](Right r) { sd.aces.push_back({who, r, inherited}); };
  const bool typed = !object_type.empty();
  if (!typed && ((mask & kGenericAll) || (mask & kFullControl) == kFullControl)) {
    add(Right::GenericAll);
    return;
  }
  if (mask & kWriteDac) add(Right::WriteDacl);
  if (mask & kWriteOwner) add(Right::WriteOwner);
  if (!typed && (mask & kGenericWrite)) add(Right::GenericWrite);
  if (mask & kWriteProp) {
    if (!typed) {
      if (!(mask & kGenericWrite)) add(Right::GenericWrite);
    } else if (object_type == "BF9679C0-0DE6-11D0-A285-00AA003049E2") {
      add(Right::AddMember);
    } else if (object_type == "5B47D60F-6090-40B2-9F37-2A4DE88F3063") {
      add(Right::AddKeyCredentialLink);
    } else if (object_type == "F3A64788-5306-11D1-A9C5-0000F80367C1") {
      add(Right::WriteSPN);
    } else if (object_type == "3F78C3E5-F79A-46BD-A0B8-9D18116DDC79") {
      add(Right::AddAllowedToAct);
    } else if (object_type == "F30E3BBE-9FF0-11D1-B603-0000F80367C1") {
      add(Right::WriteGPLink);
    } else if (object_type == "4C164200-20C0-11D0-A768-00AA003DE2E8") {
      add(Right::WriteAccountRestrictions);
    }
  }
  if ((mask & kSelf) && object_type == "BF9679C0-0DE6-11D0-A285-00AA003049E2") add(Right::AddSelf);
  if (mask & kControlAccess) {
    if (!typed) {
      add(Right::AllExtendedRights);
    } else if (object_type == "00299570-246D-11D0-A768-00AA006E0529") {
      add(Right::ForceChangePassword);
    } else if (object_type == "1131F6AA-9C07-11D1-F79F-00C04FC2DCD2") {
      add(Right::GetChanges);
    } else if (object_type == "1131F6AD-9C07-11D1-F79F-00C04FC2DCD2") {
      add(Right::GetChangesAll);
    } else if (object_type == "89E95B76-444D-4C62-991A-0FACBEDA640C") {
      add(Right::GetChangesInFilteredSet);
    }
  }
}

}  // namespace

std::optional<SecurityDescriptor> parse_security_descriptor(std::span<const std::uint8_t> b) {
  if (b.size() < 20 || b[0] != 1) return std::nullopt;
  SecurityDescriptor sd;
  const std::size_t owner_off = u32(b, 4);  // size_t: no 32-bit wrap-around below
  const std::size_t dacl_off = u32(b, 16);
  if (owner_off != 0) {
    auto owner = sid_at(b, owner_off, b.size());
    if (!owner) return std::nullopt;
    sd.owner = *owner;
  }
  if (dacl_off == 0) return sd;
  if (dacl_off + 8 > b.size()) return std::nullopt;
  const std::size_t acl_size = u16(b, dacl_off + 2);
  const std::size_t count = u16(b, dacl_off + 4);
  const std::size_t acl_end = dacl_off + acl_size;
  if (acl_size < 8 || acl_end > b.size()) return std::nullopt;
  std::size_t o = dacl_off + 8;
  for (std::size_t i = 0; i < count; ++i) {
    if (o + 4 > acl_end) return std::nullopt;
    const std::uint8_t type = b[o];
    const std::uint8_t flags = b[o + 1];
    const std::size_t size = u16(b, o + 2);
    if (size < 4 || o + size > acl_end) return std::nullopt;
    const std::size_t end = o + size;
    if ((type == kAllowed || type == kAllowedObject) && !(flags & kInheritOnly) && o + 8 <= end) {
      const std::uint32_t mask = u32(b, o + 4);
      std::size_t p = o + 8;
      std::string object_type;
      bool ok = true;
      if (type == kAllowedObject) {
        if (p + 4 > end) return std::nullopt;
        const std::uint32_t present = u32(b, p);
        p += 4;
        if (present & 1) {
          if (p + 16 > end) return std::nullopt;
          object_type = guid_from_binary(b.subspan(p, 16)).value_or("");
          p += 16;
        }
        if (present & 2) p += 16;
        ok = p <= end;
      }
      if (!ok) return std::nullopt;
      auto who = sid_at(b, p, end);
      if (!who) return std::nullopt;
      sd.allowed.push_back(*who);
      if (!ignored_principal(*who)) add_rights(sd, *who, mask, object_type, flags & kInheritedAce);
    }
    o = end;
  }
  return sd;
}

}  // namespace carepilot::adaudit
