#include "exposure/analysis.hpp"

#include <algorithm>
#include <chrono>

namespace carepilot::exposure {

Analyzer::Analyzer(Date as_of, const Data& data) : ctx_{data, as_of} {}

void Analyzer::add(Host&& host) {
  auto [it, inserted] = index_.try_emplace(host.address, hosts_.size());
  if (inserted) {
    HostResult r;
    r.address = host.address;
    if (auto a = parse_address(host.address))
      for (const auto& n : ctx_.data.private_networks)
        if (in_network(*a, n)) r.is_private = true;
    hosts_.push_back(std::move(r));
  }
  HostResult& r = hosts_[it->second];
  for (auto& name : host.hostnames)
    if (std::find(r.hostnames.begin(), r.hostnames.end(), name) == r.hostnames.end())
      r.hostnames.push_back(std::move(name));
  for (const auto& p : host.ports) {
    // A port seen again (another file) replaces what was known of it.
    auto same = [&](const auto& x) {
      if constexpr (std::is_same_v<std::decay_t<decltype(x)>, PortSummary>) {
        return x.number == p.number && x.protocol == p.protocol;
      } else {
        return x.port == p.number && x.protocol == p.protocol;
      }
    };
    r.ports.erase(std::remove_if(r.ports.begin(), r.ports.end(), same), r.ports.end());
    r.findings.erase(std::remove_if(r.findings.begin(), r.findings.end(), same), r.findings.end());
    r.ports.push_back({p.protocol, p.number, p.service, p.product, p.version, p.tls, p.http_title,
                       p.cert.not_after});
    check_port(ctx_, host, p, r.findings);
  }
  // Hosts stay in memory until the end: no growth slack (a /16 of results holds millions
  // of ports and findings).
  if (r.ports.capacity() > r.ports.size() + 2) r.ports.shrink_to_fit();
  if (r.findings.capacity() > r.findings.size() + 2) r.findings.shrink_to_fit();
  for (auto& f : r.findings) f.detail.shrink_to_fit();
}

namespace {
std::array<std::uint8_t, 17> sort_key(const std::string& a) {
  std::array<std::uint8_t, 17> k{};
  if (auto p = parse_address(a)) {
    k[0] = p->first ? 1 : 0;
    std::copy(p->second.begin(), p->second.end(), k.begin() + 1);
  } else {
    k[0] = 2;
  }
  return k;
}
}  // namespace

Result Analyzer::finish(ReadStats input) {
  const auto started = std::chrono::steady_clock::now();
  Result res;
  res.as_of = ctx_.as_of;
  std::vector<std::pair<std::array<std::uint8_t, 17>, std::size_t>> order;
  order.reserve(hosts_.size());
  for (std::size_t i = 0; i < hosts_.size(); ++i)
    order.emplace_back(sort_key(hosts_[i].address), i);
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first
                              : hosts_[a.second].address < hosts_[b.second].address;
  });
  std::unordered_map<const RuleInfo*, std::uint64_t> per_rule;
  res.hosts.reserve(hosts_.size());
  for (const auto& [key, i] : order) {
    HostResult& h = hosts_[i];
    std::sort(h.ports.begin(), h.ports.end(), [](const auto& a, const auto& b) {
      return a.protocol != b.protocol ? a.protocol < b.protocol : a.number < b.number;
    });
    std::stable_sort(h.findings.begin(), h.findings.end(), [](const auto& a, const auto& b) {
      return a.protocol != b.protocol ? a.protocol < b.protocol : a.port < b.port;
    });
    h.score = 0;
    for (const auto& f : h.findings) {
      h.score += ctx_.data.weight(f.rule->severity);
      ++res.by_severity[static_cast<std::size_t>(f.rule->severity)];
      ++per_rule[f.rule];
    }
    res.score += static_cast<std::uint64_t>(h.score);
    res.findings += h.findings.size();
    res.open_ports += h.ports.size();
    res.hosts_exposed += !h.findings.empty();
    res.hosts_private += h.is_private;
    res.hosts.push_back(std::move(h));
  }
  hosts_.clear();
  index_.clear();
  for (const auto& r : ctx_.data.rules) res.rule_counts.emplace_back(&r, per_rule[&r]);
  res.no_host_up = res.hosts.empty();
  res.private_only = !res.hosts.empty() && res.hosts_private == res.hosts.size();
  if (res.no_host_up)
    input.warnings.add("no_host_up", "Aucun hôte actif dans le scan : rien à analyser");
  if (res.private_only)
    input.warnings.add("private_addresses_only",
                       "Toutes les adresses analysées sont privées : pas un audit d'exposition "
                       "internet");
  res.input = std::move(input);
  res.analysis_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return res;
}

Result analyse_files(const std::vector<std::string>& paths, Date as_of, const Limits& limits,
                     const Data& data) {
  Analyzer a(as_of, data);
  ReadStats stats;
  read_inputs(
      paths, [&](Host&& h) { a.add(std::move(h)); }, stats, limits);
  return a.finish(std::move(stats));
}

}  // namespace carepilot::exposure
