#include "exposure/analysis.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "common/french.hpp"

namespace carepilot::exposure {

std::string private_hosts_ignored_text(std::uint64_t n) {
  return n == 1 ? "1 hôte à adresse non publique ignoré"
                : french_integer(static_cast<std::int64_t>(n)) +
                      " hôtes à adresse non publique ignorés";
}

std::string warning_text(const std::string& kind, std::uint64_t n) {
  struct Words {
    const char* one;
    const char* many;
  };
  static const std::map<std::string, Words, std::less<>> words{
      {"garbage_line", {"ligne illisible ignorée", "lignes illisibles ignorées"}},
      {"long_line", {"ligne trop longue ignorée", "lignes trop longues ignorées"}},
      {"bad_port", {"numéro de port invalide", "numéros de port invalides"}},
      {"host_without_address", {"hôte sans adresse IP", "hôtes sans adresse IP"}},
      {"no_host_up", {"scan sans hôte actif", "scans sans hôte actif"}},
      {"private_addresses_only",
       {"scan d'adresses non publiques seulement", "scans d'adresses non publiques seulement"}},
      {"private_hosts_ignored",
       {"hôte à adresse non publique ignoré", "hôtes à adresse non publique ignorés"}},
  };
  const auto it = words.find(kind);
  const auto count = static_cast<std::int64_t>(n);
  if (it == words.end()) return plural(count, "autre avertissement", "autres avertissements");
  return plural(count, it->second.one, it->second.many);
}

std::string duration_text(double seconds) {
  const auto tenths = static_cast<std::int64_t>(std::llround(std::max(0.0, seconds) * 10));
  if (tenths == 0) return "moins de 0,1 s";
  return french_integer(tenths / 10) + "," + std::to_string(tenths % 10) + " s";
}

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
    shrunk_at_.push_back(0);
  }
  HostResult& r = hosts_[it->second];
  for (auto& name : host.hostnames)
    if (std::find(r.hostnames.begin(), r.hostnames.end(), name) == r.hostnames.end())
      r.hostnames.push_back(std::move(name));
  // Appended only: a port seen again (another file, masscan's one element per port) is
  // resolved in finish(), the last reading winning — never a scan of the host's ports per
  // reading, which would be quadratic for a host answering on every port.
  for (const auto& p : host.ports) {
    const std::uint32_t seq = r.sightings++;
    r.ports.push_back({p.protocol, p.number, seq, p.service, p.product, p.version, p.tls,
                       p.http_title, p.cert.not_after});
    const std::size_t first = r.findings.size();
    check_port(ctx_, host, p, r.findings);
    for (std::size_t k = first; k < r.findings.size(); ++k) {
      r.findings[k].sighting = seq;
      r.findings[k].detail.shrink_to_fit();
    }
  }
  // Hosts stay in memory until the end (a /16 of results holds millions of ports and
  // findings): their vectors lose their growth slack when the reader moves to another host,
  // at most once per doubling so that a host read port by port stays linear.
  if (last_ != it->second) {
    if (last_ < hosts_.size()) shrink(last_);
    last_ = it->second;
  }
}

void Analyzer::shrink(std::size_t i) {
  HostResult& h = hosts_[i];
  if (h.ports.size() < 2 * shrunk_at_[i] && shrunk_at_[i] != 0) return;
  shrunk_at_[i] = static_cast<std::uint32_t>(h.ports.size());
  h.ports.shrink_to_fit();
  h.findings.shrink_to_fit();
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
  // A scan mixing public and private hosts is an internet audit of its public hosts only:
  // the private ones are left out of the hosts, the findings and the score, and counted.
  const bool any_public =
      std::any_of(hosts_.begin(), hosts_.end(), [](const auto& h) { return !h.is_private; });
  res.hosts.reserve(hosts_.size());
  for (const auto& [key, i] : order) {
    HostResult& h = hosts_[i];
    if (any_public && h.is_private) {
      ++res.hosts_private;
      ++res.hosts_private_ignored;
      continue;
    }
    std::sort(h.ports.begin(), h.ports.end(), [](const auto& a, const auto& b) {
      if (a.protocol != b.protocol) return a.protocol < b.protocol;
      return a.number != b.number ? a.number < b.number : a.sighting < b.sighting;
    });
    if (h.sightings > h.ports.size() || h.ports.size() > 1) {
      // Keep the last reading of each port, and only the findings of that reading.
      std::vector<PortSummary> kept;
      kept.reserve(h.ports.size());
      for (std::size_t k = 0; k < h.ports.size(); ++k) {
        const bool superseded = k + 1 < h.ports.size() &&
                                h.ports[k + 1].protocol == h.ports[k].protocol &&
                                h.ports[k + 1].number == h.ports[k].number;
        if (!superseded) kept.push_back(std::move(h.ports[k]));
      }
      if (kept.size() != h.ports.size()) {
        auto last = [&](const Finding& f) {
          auto it = std::lower_bound(kept.begin(), kept.end(), f, [](const auto& p, const auto& x) {
            return p.protocol != x.protocol ? p.protocol < x.protocol : p.number < x.port;
          });
          return it != kept.end() && it->protocol == f.protocol && it->number == f.port &&
                 it->sighting == f.sighting;
        };
        h.findings.erase(std::remove_if(h.findings.begin(), h.findings.end(),
                                        [&](const Finding& f) { return !last(f); }),
                         h.findings.end());
      }
      h.ports = std::move(kept);
    }
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
    res.hosts_open += !h.ports.empty();
    res.hosts_with_findings += !h.findings.empty();
    res.hosts_private += h.is_private;
    res.hosts.push_back(std::move(h));
  }
  hosts_.clear();
  index_.clear();
  shrunk_at_.clear();
  last_ = static_cast<std::size_t>(-1);
  for (const auto& r : ctx_.data.rules) res.rule_counts.emplace_back(&r, per_rule[&r]);
  res.no_host_up = res.hosts.empty();
  res.private_only = !res.hosts.empty() && !any_public;
  if (res.no_host_up)
    input.warnings.add("no_host_up", "Aucun hôte actif dans le scan : rien à analyser");
  if (res.private_only)
    input.warnings.add("private_addresses_only",
                       "Toutes les adresses analysées sont privées : pas un audit d'exposition "
                       "internet");
  if (res.hosts_private_ignored > 0) {
    input.warnings.by_kind["private_hosts_ignored"] += res.hosts_private_ignored;
    input.warnings.samples.insert(input.warnings.samples.begin(),
                                  private_hosts_ignored_text(res.hosts_private_ignored));
    if (input.warnings.samples.size() > 20) input.warnings.samples.pop_back();
  }
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
