#include "web/client_address.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <stdexcept>

namespace carepilot::web {

namespace {

// `text` as 16 bytes (IPv4 mapped into IPv6); false when it is not a plain address.
bool to_bytes(const std::string& text, std::array<std::uint8_t, 16>& out) {
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    out.fill(0);
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return true;
  }
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return true;
  }
  return false;
}

bool is_v4_mapped(const std::array<std::uint8_t, 16>& b) {
  for (int i = 0; i < 10; ++i)
    if (b[i] != 0) return false;
  return b[10] == 0xff && b[11] == 0xff;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string canonical_ip(const std::string& text) {
  std::array<std::uint8_t, 16> b{};
  if (text.empty() || text.size() > 45 || !to_bytes(text, b)) return "";
  char buf[INET6_ADDRSTRLEN] = {};
  if (is_v4_mapped(b)) return inet_ntop(AF_INET, b.data() + 12, buf, sizeof buf) ? buf : "";
  return inet_ntop(AF_INET6, b.data(), buf, sizeof buf) ? buf : "";
}

TrustedProxies TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies t;
  for (const auto& raw : entries) {
    const std::string e = trim(raw);
    const auto bad = [&raw] {
      return std::invalid_argument("trusted_proxies : « " + raw +
                                   " » n'est ni une adresse IP ni une plage CIDR");
    };
    Range r;
    const auto slash = e.find('/');
    const std::string addr = e.substr(0, slash);
    if (!to_bytes(addr, r.bytes)) throw bad();
    const bool v4 = addr.find(':') == std::string::npos;
    r.prefix = 128;
    if (slash != std::string::npos) {
      const std::string len = e.substr(slash + 1);
      if (len.empty() || len.size() > 3 || len.find_first_not_of("0123456789") != std::string::npos)
        throw bad();
      const int n = std::stoi(len);
      if (n > (v4 ? 32 : 128)) throw bad();
      r.prefix = v4 ? 96 + n : n;
    }
    t.ranges_.push_back(r);
  }
  return t;
}

bool TrustedProxies::trusts(const std::string& address) const {
  std::array<std::uint8_t, 16> b{};
  if (ranges_.empty() || !to_bytes(address, b)) return false;
  for (const auto& r : ranges_) {
    int bits = r.prefix, i = 0;
    bool match = true;
    for (; bits >= 8 && match; bits -= 8, ++i) match = b[i] == r.bytes[i];
    if (match && bits > 0) {
      const auto mask = static_cast<std::uint8_t>(0xff << (8 - bits));
      match = (b[i] & mask) == (r.bytes[i] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string TrustedProxies::client_address(const std::string& peer,
                                           const std::string& forwarded_for) const {
  if (forwarded_for.empty() || !trusts(peer)) return peer;
  const auto comma = forwarded_for.rfind(',');
  const std::string last =
      trim(comma == std::string::npos ? forwarded_for : forwarded_for.substr(comma + 1));
  std::string ip = canonical_ip(last);
  return ip.empty() ? peer : ip;
}

}  // namespace carepilot::web
