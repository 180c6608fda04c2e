#include "adaudit/sid.hpp"

#include <charconv>

namespace carepilot::adaudit {

std::optional<std::string> sid_from_binary(std::span<const std::uint8_t> b) {
  if (b.size() < 8 || b[0] != 1) return std::nullopt;
  const std::size_t count = b[1];
  if (count > 15 || b.size() != 8 + 4 * count) return std::nullopt;
  std::uint64_t authority = 0;
  for (int i = 2; i < 8; ++i) authority = (authority << 8) | b[i];
  std::string out = "S-1-" + std::to_string(authority);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t o = 8 + 4 * i;
    const std::uint32_t sub = std::uint32_t(b[o]) | (std::uint32_t(b[o + 1]) << 8) |
                              (std::uint32_t(b[o + 2]) << 16) | (std::uint32_t(b[o + 3]) << 24);
    out += '-';
    out += std::to_string(sub);
  }
  return out;
}

std::optional<std::string> guid_from_binary(std::span<const std::uint8_t> b) {
  if (b.size() != 16) return std::nullopt;
  static constexpr int kOrder[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[kOrder[i]] >> 4];
    out += kHex[b[kOrder[i]] & 15];
  }
  return out;
}

std::string_view sid_part(std::string_view id) {
  if (id.starts_with("S-1-")) return id;
  const auto pos = id.rfind("-S-1-");
  return pos == std::string_view::npos ? id : id.substr(pos + 1);
}

std::uint32_t domain_rid(std::string_view id) {
  id = sid_part(id);
  if (!id.starts_with("S-1-5-21-")) return 0;
  const auto pos = id.rfind('-');
  std::uint32_t value = 0;
  const auto* first = id.data() + pos + 1;
  const auto* last = id.data() + id.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  return (ec == std::errc() && ptr == last) ? value : 0;
}

std::string_view domain_of_sid(std::string_view id) {
  id = sid_part(id);
  if (!id.starts_with("S-1-5-21-")) return {};
  // A domain SID has exactly three sub-authorities after 21; an account SID adds a RID.
  int dashes = 0;
  for (char c : id) dashes += (c == '-');
  if (dashes < 7) return {};
  return id.substr(0, id.rfind('-'));
}

bool is_builtin(std::string_view id, std::uint32_t r) {
  id = sid_part(id);
  constexpr std::string_view kPrefix = "S-1-5-32-";
  if (!id.starts_with(kPrefix)) return false;
  std::uint32_t value = 0;
  const auto* first = id.data() + kPrefix.size();
  const auto* last = id.data() + id.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  return ec == std::errc() && ptr == last && value == r;
}

}  // namespace carepilot::adaudit
