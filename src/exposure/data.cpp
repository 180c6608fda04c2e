#include "exposure/data.hpp"

#include "common/labels.hpp"

#include <arpa/inet.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <stdexcept>

namespace carepilot::exposure {

namespace data_files {
const std::map<std::string_view, std::string_view>& embedded_files();
}  // namespace data_files

namespace {

constexpr std::array<std::string_view, kSeverities> kSeverityNames{"critical", "high", "medium",
                                                                   "low"};

[[noreturn]] void bad(const std::string& file, const std::string& what) {
  throw std::runtime_error("data/exposure/" + file + " : " + what);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string text(const YAML::Node& n, const char* key, const std::string& file,
                 bool required = true) {
  auto v = n[key];
  if (!v || !v.IsScalar() || v.as<std::string>().empty()) {
    if (!required) return {};
    bad(file, std::string("champ « ") + key + " » manquant");
  }
  return v.as<std::string>();
}

YAML::Node parse(const std::map<std::string_view, std::string_view>& files, const char* name) {
  auto it = files.find(name);
  if (it == files.end()) bad(name, "fichier absent");
  try {
    return YAML::Load(std::string(it->second));
  } catch (const YAML::Exception& e) {
    bad(name, std::string("YAML invalide : ") + e.what());
  }
}

Network parse_network(const std::string& cidr) {
  const auto slash = cidr.find('/');
  if (slash == std::string::npos) bad("rules.yaml", "réseau sans préfixe : " + cidr);
  auto addr = parse_address(cidr.substr(0, slash));
  int prefix = -1;
  std::string_view p(cidr);
  p.remove_prefix(slash + 1);
  auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
  if (!addr || ec != std::errc() || ptr != p.data() + p.size() || prefix < 0 ||
      prefix > (addr->first ? 128 : 32))
    bad("rules.yaml", "réseau invalide : " + cidr);
  return Network{addr->first, addr->second, prefix};
}

}  // namespace

std::string_view to_string(Severity s) {
  return kSeverityNames[static_cast<std::size_t>(s)];
}
std::string_view french_name(Severity s) {
  return severity_label(to_string(s));  // data/labels/labels.yaml, severities
}
std::string service_name_text(std::string_view service) {
  if (service.empty() || service == "unknown") return "non identifié";
  return std::string(service);
}
std::string service_text(std::string_view service, std::string_view product,
                         std::string_view version) {
  if (product.empty()) return service_name_text(service);
  return version.empty() ? std::string(product) : std::string(product) + " " + std::string(version);
}
std::optional<Severity> severity_from(std::string_view s) {
  for (std::size_t i = 0; i < kSeverities; ++i)
    if (kSeverityNames[i] == s) return static_cast<Severity>(i);
  return std::nullopt;
}

const RuleInfo* Data::rule(std::string_view id) const {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<int> version_numbers(std::string_view t) {
  std::vector<int> out;
  std::size_t i = 0;
  while (i < t.size()) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) break;
    int v = 0;
    auto [ptr, ec] = std::from_chars(t.data() + i, t.data() + t.size(), v);
    if (ec != std::errc()) break;
    out.push_back(v);
    i = static_cast<std::size_t>(ptr - t.data());
    if (i < t.size() && t[i] == '.') {
      ++i;
    } else {
      break;
    }
  }
  return out;
}

int compare_versions(const std::vector<int>& a, const std::vector<int>& b) {
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const int x = i < a.size() ? a[i] : 0, y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

std::optional<std::pair<bool, std::array<std::uint8_t, 16>>> parse_address(std::string_view a) {
  std::string s(a);
  std::array<std::uint8_t, 16> bytes{};
  if (inet_pton(AF_INET, s.c_str(), bytes.data()) == 1) return std::pair{false, bytes};
  if (inet_pton(AF_INET6, s.c_str(), bytes.data()) == 1) return std::pair{true, bytes};
  return std::nullopt;
}

bool in_network(const std::pair<bool, std::array<std::uint8_t, 16>>& addr, const Network& n) {
  if (addr.first != n.v6) return false;
  int bits = n.prefix;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xFF : static_cast<std::uint8_t>(0xFF << (8 - bits));
    if ((addr.second[i] & mask) != (n.bytes[i] & mask)) return false;
  }
  return true;
}

Data load_data(const std::map<std::string_view, std::string_view>& files) {
  Data d;
  // rules.yaml
  {
    const std::string f = "rules.yaml";
    auto root = parse(files, "rules.yaml");
    for (std::size_t i = 0; i < kSeverities; ++i) {
      auto w = root["severity_weights"][std::string(kSeverityNames[i])];
      if (!w) bad(f, "poids de gravité « " + std::string(kSeverityNames[i]) + " » manquant");
      d.weights[i] = w.as<int>();
      if (d.weights[i] < 0) bad(f, "poids négatif");
    }
    auto tls = root["tls"];
    d.expiring_days = tls["expiring_days"].as<int>(-1);
    if (d.expiring_days < 0) bad(f, "tls.expiring_days manquant ou négatif");
    for (auto p : tls["weak_protocols"]) d.weak_protocols.push_back(p.as<std::string>());
    for (auto g : tls["weak_grades"]) d.weak_grades.push_back(g.as<std::string>());
    for (auto n : root["private_networks"])
      d.private_networks.push_back(parse_network(n.as<std::string>()));
    std::set<std::string> ids;
    for (auto r : root["rules"]) {
      RuleInfo info;
      info.id = text(r, "id", f);
      info.title = text(r, "title", f);
      auto sev = severity_from(text(r, "severity", f));
      if (!sev) bad(f, "gravité inconnue pour " + info.id);
      info.severity = *sev;
      info.rationale = text(r, "rationale", f);
      info.remediation = text(r, "remediation", f);
      info.references = text(r, "references", f);
      if (!ids.insert(info.id).second) bad(f, "règle en double : " + info.id);
      d.rules.push_back(std::move(info));
    }
  }
  // services.yaml
  {
    const std::string f = "services.yaml";
    auto root = parse(files, "services.yaml");
    for (auto s : root["services"]) {
      ServiceEntry e;
      e.id = text(s, "id", f);
      e.label = text(s, "label", f);
      e.rule = text(s, "rule", f);
      if (!d.rule(e.rule)) bad(f, "règle inconnue « " + e.rule + " » pour " + e.id);
      for (auto p : s["ports"]) {
        const auto t = p.as<std::string>();
        const auto slash = t.find('/');
        int n = 0;
        if (slash == std::string::npos) bad(f, "port sans protocole : " + t);
        auto [ptr, ec] = std::from_chars(t.data() + slash + 1, t.data() + t.size(), n);
        if (ec != std::errc() || ptr != t.data() + t.size() || n <= 0 || n > 65535)
          bad(f, "port invalide : " + t);
        e.ports.push_back({t.substr(0, slash), static_cast<std::uint16_t>(n)});
      }
      for (auto n : s["names"]) e.names.push_back(n.as<std::string>());
      e.unless_tls = s["unless_tls"].as<bool>(false);
      d.services.push_back(std::move(e));
    }
  }
  {
    const std::string f = "http_admin_titles.yaml";
    auto root = parse(files, "http_admin_titles.yaml");
    for (auto t : root["titles"])
      d.admin_titles.push_back({lower(text(t, "pattern", f)), text(t, "label", f)});
  }
  {
    const std::string f = "end_of_life.yaml";
    auto root = parse(files, "end_of_life.yaml");
    for (auto p : root["products"]) {
      EndOfLife e;
      e.product = lower(text(p, "product", f));
      e.from_text = text(p, "from", f);
      e.before_text = text(p, "before", f);
      e.from = version_numbers(e.from_text);
      e.before = version_numbers(e.before_text);
      if (e.from.empty() || e.before.empty() || compare_versions(e.from, e.before) >= 0)
        bad(f, "intervalle de versions invalide pour " + e.product);
      auto date = parse_date(text(p, "end_of_life", f));
      if (!date) bad(f, "date de fin de vie invalide pour " + e.product);
      e.end_of_life = *date;
      e.label = text(p, "label", f);
      e.source = text(p, "source", f);
      d.end_of_life.push_back(std::move(e));
    }
  }
  return d;
}

const Data& builtin_data() {
  static const Data d = load_data(data_files::embedded_files());
  return d;
}

}  // namespace carepilot::exposure
