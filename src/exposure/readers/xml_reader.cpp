#include <pugixml.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>

#include "exposure/readers/input_error.hpp"
#include "exposure/readers/scan_reader.hpp"

namespace carepilot::exposure {

namespace {

std::string_view find_region(std::string_view hay, std::string_view needle, std::size_t from,
                             std::size_t& at) {
  if (from > hay.size()) {
    at = std::string_view::npos;
    return {};
  }
  const void* p = memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size());
  at = p ? static_cast<std::size_t>(static_cast<const char*>(p) - hay.data())
         : std::string_view::npos;
  return hay;
}

std::size_t find(std::string_view hay, std::string_view needle, std::size_t from) {
  std::size_t at;
  find_region(hay, needle, from, at);
  return at;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string elem(const pugi::xml_node& n, const char* key) {
  return n.find_child_by_attribute("elem", "key", key).text().as_string();
}

// "commonName=localhost, organizationName=…" from a subject or issuer table.
std::string name_of(const pugi::xml_node& table) {
  std::string out;
  for (auto e : table.children("elem")) {
    if (!out.empty()) out += ", ";
    out += e.attribute("key").as_string();
    out += "=";
    out += e.text().as_string();
  }
  return out;
}

void read_ssl_cert(const pugi::xml_node& script, Port& p) {
  Certificate& c = p.cert;
  c.present = true;
  c.subject = name_of(script.find_child_by_attribute("table", "key", "subject"));
  c.issuer = name_of(script.find_child_by_attribute("table", "key", "issuer"));
  c.not_after = elem(script.find_child_by_attribute("table", "key", "validity"), "notAfter");
  c.not_after_s = parse_nmap_time(c.not_after);
  c.self_signed = !c.subject.empty() && c.subject == c.issuer;
  p.tls = true;
}

void read_ssl_enum(const pugi::xml_node& script, Port& p) {
  TlsScan& t = p.tls_scan;
  t.present = true;
  p.tls = true;
  for (auto table : script.children("table")) {
    std::string key = table.attribute("key").as_string();
    if (key.rfind("SSLv", 0) != 0 && key.rfind("TLSv", 0) != 0) continue;
    t.protocols.push_back(key);
    for (auto c : table.find_child_by_attribute("table", "key", "ciphers").children("table"))
      t.ciphers.emplace_back(key + " " + elem(c, "name"), elem(c, "strength"));
  }
  t.least_strength = elem(script, "least strength");
}

void read_ntlm(const pugi::xml_node& script, Port& p) {
  p.ntlm_domain = elem(script, "DNS_Domain_Name");
  if (p.ntlm_domain.empty()) p.ntlm_domain = elem(script, "NetBIOS_Domain_Name");
  p.ntlm_computer = elem(script, "DNS_Computer_Name");
  if (p.ntlm_computer.empty()) p.ntlm_computer = elem(script, "NetBIOS_Computer_Name");
  p.ntlm_product_version = elem(script, "Product_Version");
}

void read_script(const pugi::xml_node& script, Port& p) {
  std::string_view id = script.attribute("id").as_string();
  if (id == "ssl-cert") {
    read_ssl_cert(script, p);
  } else if (id == "ssl-enum-ciphers") {
    read_ssl_enum(script, p);
  } else if (id == "http-title") {
    p.http_title = elem(script, "title");
    if (p.http_title.empty() && !script.find_child_by_attribute("elem", "key", "title"))
      p.http_title = script.attribute("output").as_string();
  } else if (id.size() > 10 && id.substr(id.size() - 10) == "-ntlm-info") {
    read_ntlm(script, p);
  } else if (id == "smb-protocols") {
    for (auto e : script.find_child_by_attribute("table", "key", "dialects").children("elem"))
      p.smb_dialects.push_back(e.text().as_string());
  }
}

std::optional<std::uint16_t> port_number(const char* text) {
  std::string_view s(text);
  unsigned v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v == 0 || v > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(v);
}

class XmlReader final : public ScanReader {
 public:
  XmlReader(std::string name, HostSink sink, ReadStats& stats, const Limits& limits)
      : name_(std::move(name)), sink_(std::move(sink)), stats_(stats), limits_(limits) {}

  void feed(std::string_view bytes) override {
    buf_.append(bytes);
    process(false);
  }

  void finish() override {
    process(true);
    if (state_ == State::Prolog)
      throw InputError(name_ + " : pas un fichier XML nmap ou masscan (élément <nmaprun> absent)");
    if (!done_)
      throw InputError(name_ +
                           " : fichier XML tronqué (la fin </nmaprun> manque ; le scan a-t-il été "
                           "interrompu ?)",
                       InputError::Kind::truncated);
  }

 private:
  enum class State { Prolog, Body };

  // nmap writes `<!DOCTYPE nmaprun>`: that bare declaration is the only one accepted. Any
  // internal subset, external identifier or ENTITY declaration is refused, so no entity
  // can ever be defined (pugixml would not expand one anyway).
  void refuse_declarations(std::string_view prolog) {
    const auto refuse = [&] {
      throw InputError(name_ +
                           " : déclaration DOCTYPE ou ENTITY refusée (un scan nmap n'en contient "
                           "pas d'autre que <!DOCTYPE nmaprun> ; protection contre l'expansion "
                           "d'entités)",
                       InputError::Kind::declaration);
    };
    if (find(prolog, "<!ENTITY", 0) != std::string_view::npos) refuse();
    for (std::size_t at = find(prolog, "<!DOCTYPE", 0); at != std::string_view::npos;
         at = find(prolog, "<!DOCTYPE", at + 9)) {
      const std::size_t end = prolog.find('>', at);
      if (end == std::string_view::npos) {
        if (prolog.size() - at > 64) refuse();
        continue;  // wait for the rest of the declaration
      }
      std::string_view body = prolog.substr(at + 9, end - at - 9);
      while (!body.empty() && is_space(body.front())) body.remove_prefix(1);
      while (!body.empty() && is_space(body.back())) body.remove_suffix(1);
      if (body != "nmaprun") refuse();
    }
  }

  void read_root(std::string_view tag) {
    std::string copy(tag);
    copy.back() = ' ';
    copy += "/>";
    pugi::xml_document doc;
    if (!doc.load_buffer(copy.data(), copy.size(), pugi::parse_minimal | pugi::parse_escapes))
      throw InputError(name_ + " : élément <nmaprun> illisible");
    auto root = doc.child("nmaprun");
    masscan_ = std::string_view(root.attribute("scanner").as_string()) == "masscan";
    std::string scanner = root.attribute("scanner").as_string();
    if (scanner.empty()) scanner = "nmap";
    std::string v = root.attribute("version").as_string();
    if (!v.empty()) scanner += " " + v;
    if (std::find(stats_.scanners.begin(), stats_.scanners.end(), scanner) == stats_.scanners.end())
      stats_.scanners.push_back(scanner);
    if (auto t = parse_epoch(root.attribute("start").as_string())) stats_.note_time(*t);
  }

  // `<finished time="…" …/>` (in <runstats>, after the last host) inside b[from, to): its
  // time noted. Returns where the bytes may be dropped: before a tag not yet whole.
  std::size_t read_finished(std::string_view b, std::size_t from, std::size_t to) {
    // Every tag starting before `to`, even one whose name runs past it (the bytes up to `to`
    // are dropped after this).
    for (std::size_t at = find(b, "<finished", from); at != std::string_view::npos && at < to;
         at = find(b, "<finished", at + 9)) {
      const std::size_t end = b.find('>', at);
      if (end == std::string_view::npos) return at;  // wait for the rest of the tag
      if (end - at > 4096) continue;
      std::string copy(b.substr(at, end + 1 - at));
      if (copy.size() >= 2 && copy[copy.size() - 2] != '/') copy.insert(copy.size() - 1, "/");
      pugi::xml_document doc;
      if (doc.load_buffer(copy.data(), copy.size(), pugi::parse_minimal | pugi::parse_escapes))
        if (auto t = parse_epoch(doc.child("finished").attribute("time").as_string()))
          stats_.note_time(*t);
    }
    return to;
  }

  void process(bool at_end) {
    for (;;) {
      std::string_view b(buf_);
      if (state_ == State::Prolog) {
        const std::size_t p = find(b, "<nmaprun", 0);
        refuse_declarations(b.substr(0, p == std::string_view::npos ? b.size() : p));
        if (p == std::string_view::npos) {
          if (b.size() > limits_.max_prolog_bytes)
            throw InputError(name_ +
                             " : pas un fichier XML nmap ou masscan (élément <nmaprun> absent)");
          return;
        }
        const std::size_t e = b.find('>', p);
        if (e == std::string_view::npos) {
          if (b.size() - p > limits_.max_prolog_bytes)
            throw InputError(name_ + " : élément <nmaprun> illisible");
          return;
        }
        read_root(b.substr(p, e + 1 - p));
        state_ = State::Body;
        pos_ = e + 1;
        continue;
      }
      // Body: the next host element, skipping whatever lies between hosts.
      std::size_t p = pos_;
      for (;;) {
        p = find(b, "<host", p);
        if (p == std::string_view::npos || p + 5 >= b.size()) break;
        if (is_space(b[p + 5]) || b[p + 5] == '>') break;
        p += 5;
      }
      std::size_t scan_to =
          p == std::string_view::npos ? (b.size() > 16 ? b.size() - 16 : pos_) : p;
      if (scan_to > pos_ || (at_end && p == std::string_view::npos)) {
        const std::size_t limit = at_end && p == std::string_view::npos ? b.size() : scan_to;
        scan_to = std::max(pos_, std::min(scan_to, read_finished(b, pos_, limit)));
      }
      if (scan_to > pos_ &&
          find(b.substr(0, scan_to), "</nmaprun>", pos_) != std::string_view::npos)
        done_ = true;
      if (p == std::string_view::npos || p + 5 >= b.size()) {
        if (at_end && find(b, "</nmaprun>", pos_) != std::string_view::npos) done_ = true;
        pos_ = std::max(pos_, scan_to);
        compact();
        return;
      }
      if (done_) throw InputError(name_ + " : élément <host> après la fin </nmaprun>");
      const std::size_t e = find(b, "</host>", p);
      if (e == std::string_view::npos) {
        if (b.size() - p > limits_.max_host_bytes)
          throw InputError(name_ + " : élément <host> de plus de " +
                           std::to_string(limits_.max_host_bytes >> 20) + " Mio (limite)");
        pos_ = p;
        compact();
        return;
      }
      const std::size_t end = e + 7;
      if (end - p > limits_.max_host_bytes)
        throw InputError(name_ + " : élément <host> de plus de " +
                         std::to_string(limits_.max_host_bytes >> 20) + " Mio (limite)");
      parse_host(buf_.data() + p, end - p);
      pos_ = end;
    }
  }

  void compact() {
    if (pos_ == 0) return;
    buf_.erase(0, pos_);
    pos_ = 0;
  }

  void parse_host(char* data, std::size_t size) {
    ++stats_.hosts_read;
    pugi::xml_document doc;
    auto res = doc.load_buffer_inplace(data, size, pugi::parse_minimal | pugi::parse_escapes);
    if (!res)
      throw InputError(name_ + " : élément <host> n° " + std::to_string(stats_.hosts_read) +
                       " illisible (" + res.description() + ")");
    auto h = doc.child("host");
    auto status = h.child("status");
    if (status && std::string_view(status.attribute("state").as_string()) != "up") {
      ++stats_.hosts_down;
      return;
    }
    Host host;
    for (auto a : h.children("address")) {
      std::string_view type = a.attribute("addrtype").as_string();
      if (type == "ipv4" || type == "ipv6" || type.empty()) {
        host.address = a.attribute("addr").as_string();
        break;
      }
    }
    if (host.address.empty()) {
      stats_.warnings.add(
          "host_without_address",
          name_ + " : hôte n° " + std::to_string(stats_.hosts_read) + " sans adresse IP, ignoré");
      return;
    }
    ++stats_.hosts_up;
    for (auto n : h.child("hostnames").children("hostname")) {
      std::string name = n.attribute("name").as_string();
      if (!name.empty() &&
          std::find(host.hostnames.begin(), host.hostnames.end(), name) == host.hostnames.end())
        host.hostnames.push_back(std::move(name));
    }
    for (auto pn : h.child("ports").children("port")) {
      if (std::string_view(pn.child("state").attribute("state").as_string()) != "open") continue;
      auto number = port_number(pn.attribute("portid").as_string());
      if (!number) {
        stats_.warnings.add("bad_port", name_ + " : hôte " + host.address +
                                            ", numéro de port invalide « " +
                                            pn.attribute("portid").as_string() + " »");
        continue;
      }
      Port p;
      p.number = *number;
      p.protocol = pn.attribute("protocol").as_string();
      if (p.protocol.empty()) p.protocol = "tcp";
      auto svc = pn.child("service");
      std::string svc_name = svc.attribute("name").as_string();
      if (masscan_) {
        if (svc_name == "title") {
          p.http_title = svc.attribute("banner").as_string();
        } else if (!svc_name.empty()) {
          p.banner = svc.attribute("banner").as_string();
        }
      } else {
        p.service = std::move(svc_name);
        p.product = svc.attribute("product").as_string();
        p.version = svc.attribute("version").as_string();
        p.extrainfo = svc.attribute("extrainfo").as_string();
        p.tls = std::string_view(svc.attribute("tunnel").as_string()) == "ssl";
      }
      for (auto s : pn.children("script")) read_script(s, p);
      host.ports.push_back(std::move(p));
      ++stats_.ports_open;
    }
    // Host scripts: SMB dialects belong to the SMB port.
    for (auto s : h.child("hostscript").children("script")) {
      if (std::string_view(s.attribute("id").as_string()) != "smb-protocols") continue;
      Port* target = nullptr;
      for (auto& p : host.ports)
        if (p.number == 445 || (p.number == 139 && !target)) target = &p;
      if (!target) continue;
      read_script(s, *target);
    }
    sink_(std::move(host));
  }

  std::string name_;
  HostSink sink_;
  ReadStats& stats_;
  Limits limits_;
  std::string buf_;
  std::size_t pos_ = 0;
  State state_ = State::Prolog;
  bool masscan_ = false;
  bool done_ = false;
};

}  // namespace

std::optional<std::int64_t> parse_epoch(std::string_view t) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size() || v <= 0) return std::nullopt;
  return v;
}

std::optional<std::int64_t> parse_nmap_time(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS
  if (t.size() < 19 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
      t[13] != ':' || t[16] != ':')
    return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    auto [ptr, ec] = std::from_chars(t.data() + at, t.data() + at + len, out);
    return ec == std::errc() && ptr == t.data() + at + len;
  };
  int y, mo, d, h, mi, s;
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
      !num(17, 2, s))
    return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  return sys_days(ymd).time_since_epoch().count() * 86400LL + h * 3600 + mi * 60 + s;
}

std::unique_ptr<ScanReader> make_xml_reader(std::string name, HostSink sink, ReadStats& stats,
                                            const Limits& limits) {
  return std::make_unique<XmlReader>(std::move(name), std::move(sink), stats, limits);
}

}  // namespace carepilot::exposure
