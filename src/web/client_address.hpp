// The client's address behind a reverse proxy (issue 21). Only a peer listed in
// `trusted_proxies` (addresses or CIDR ranges) is believed about the client: then the last
// hop of its X-Forwarded-For header — the address that proxy itself saw and appended
// (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`) — is the client.
// Earlier hops are whatever the client sent and are never used. A peer that is not trusted,
// or a last hop that is not a plain IP address, leaves the peer's own address.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace carepilot::web {

class TrustedProxies {
 public:
  // Entries such as "127.0.0.1", "10.0.1.0/24", "::1", "fd00::/8". Throws
  // std::invalid_argument (French message naming the entry) on a malformed one.
  static TrustedProxies parse(const std::vector<std::string>& entries);
  bool empty() const { return ranges_.empty(); }
  bool trusts(const std::string& address) const;
  // The client's address for a request from `peer` carrying `forwarded_for` (the
  // X-Forwarded-For header, empty when absent).
  std::string client_address(const std::string& peer, const std::string& forwarded_for) const;

 private:
  struct Range {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    int prefix = 128;
  };
  std::vector<Range> ranges_;
};

// The canonical text of an IP address (IPv4-mapped IPv6 written as IPv4), or "" when `text`
// is not a plain IPv4 or IPv6 address.
std::string canonical_ip(const std::string& text);

}  // namespace carepilot::web
