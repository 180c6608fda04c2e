#include <nlohmann/json.hpp>

#include <algorithm>

#include "exposure/readers/input_error.hpp"
#include "exposure/readers/scan_reader.hpp"

namespace carepilot::exposure {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// masscan -oJ writes "[", then one record per line ("{ … },", or "{ … }" with the comma on
// a line of its own), then "]"; -oD writes one record per line.
class MasscanJsonReader final : public ScanReader {
 public:
  MasscanJsonReader(std::string name, HostSink sink, ReadStats& stats, const Limits& limits)
      : name_(std::move(name)), sink_(std::move(sink)), stats_(stats), limits_(limits) {
    std::string scanner = "masscan";
    if (std::find(stats_.scanners.begin(), stats_.scanners.end(), scanner) == stats_.scanners.end())
      stats_.scanners.push_back(scanner);
  }

  void feed(std::string_view bytes) override {
    buf_.append(bytes);
    std::size_t start = 0;
    for (;;) {
      const std::size_t nl = buf_.find('\n', start);
      if (nl == std::string::npos) break;
      line(std::string_view(buf_).substr(start, nl - start));
      start = nl + 1;
    }
    buf_.erase(0, start);
    if (buf_.size() > limits_.max_host_bytes) {
      warn("long_line",
           "ligne de plus de " + std::to_string(limits_.max_host_bytes >> 20) + " Mio ignorée");
      skipping_ = true;
      buf_.clear();
    }
  }

  void finish() override {
    if (!buf_.empty()) line(buf_);
    buf_.clear();
    if (records_ == 0 && garbage_ > 0)
      throw InputError(name_ + " : aucun enregistrement masscan lisible (" +
                       std::to_string(garbage_) + " lignes illisibles)");
  }

 private:
  void warn(const std::string& kind, const std::string& text) {
    stats_.warnings.add(kind, name_ + ", ligne " + std::to_string(line_no_) + " : " + text);
  }

  void line(std::string_view raw) {
    ++line_no_;
    if (skipping_) {  // the rest of an over-long line
      skipping_ = false;
      return;
    }
    std::string_view s = trim(raw);
    if (!s.empty() && s.back() == ',') s = trim(s.substr(0, s.size() - 1));
    if (s.empty() || s == "[" || s == "]" || s == ",") return;
    if (s.front() == ',') s = trim(s.substr(1));
    auto j = nlohmann::json::parse(s.begin(), s.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("ip") || !j["ip"].is_string()) {
      ++garbage_;
      warn("garbage_line", "ligne illisible ignorée");
      return;
    }
    ++records_;
    ++stats_.hosts_read;
    ++stats_.hosts_up;
    Host h;
    h.address = j["ip"].get<std::string>();
    // "timestamp": "1700000000" (a string in masscan's output; a number accepted too).
    if (auto ts = j.find("timestamp"); ts != j.end()) {
      if (ts->is_string()) {
        if (auto t = parse_epoch(ts->get<std::string>())) stats_.note_time(*t);
      } else if (ts->is_number_integer()) {
        stats_.note_time(ts->get<std::int64_t>());
      }
    }
    auto ports = j.find("ports");
    if (ports != j.end() && ports->is_array()) {
      for (const auto& p : *ports) {
        if (!p.is_object()) continue;
        auto num = p.find("port");
        if (num == p.end() || !num->is_number_integer() || num->get<long long>() <= 0 ||
            num->get<long long>() > 65535) {
          warn("bad_port", "numéro de port invalide");
          continue;
        }
        auto status = p.find("status");
        if (status != p.end() && status->is_string() && status->get<std::string>() != "open")
          continue;
        Port port;
        port.number = static_cast<std::uint16_t>(num->get<long long>());
        auto proto = p.find("proto");
        port.protocol = proto != p.end() && proto->is_string() ? proto->get<std::string>() : "tcp";
        auto svc = p.find("service");
        if (svc != p.end() && svc->is_object()) {
          std::string name = svc->value("name", std::string());
          std::string banner = svc->contains("banner") && (*svc)["banner"].is_string()
                                   ? (*svc)["banner"].get<std::string>()
                                   : "";
          if (name == "title") {
            port.http_title = banner;
          } else {
            port.banner = banner;
          }
        }
        h.ports.push_back(std::move(port));
        ++stats_.ports_open;
      }
    }
    sink_(std::move(h));
  }

  std::string name_;
  HostSink sink_;
  ReadStats& stats_;
  Limits limits_;
  std::string buf_;
  std::uint64_t line_no_ = 0, records_ = 0, garbage_ = 0;
  bool skipping_ = false;
};

}  // namespace

std::unique_ptr<ScanReader> make_masscan_json_reader(std::string name, HostSink sink,
                                                     ReadStats& stats, const Limits& limits) {
  return std::make_unique<MasscanJsonReader>(std::move(name), std::move(sink), stats, limits);
}

}  // namespace carepilot::exposure
