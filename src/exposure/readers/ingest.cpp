#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "common/text.hpp"
#include "exposure/campaign.hpp"
#include "exposure/readers/input_error.hpp"
#include "exposure/readers/scan_reader.hpp"

namespace carepilot::exposure {

namespace fs = std::filesystem;

namespace {

// Keeps one file's times apart (ReadStats::file_times) while the readers note them in the
// run's earliest and latest: the run's are set aside for the file, then merged back.
class FileTimer {
 public:
  explicit FileTimer(ReadStats& s) : s_(s), from_(s.scan_from), to_(s.scan_to) {
    s_.scan_from.reset();
    s_.scan_to.reset();
  }
  void done(std::string name) {
    s_.file_times.push_back({std::move(name), s_.scan_from, s_.scan_to});
    if (from_) s_.note_time(*from_);
    if (to_) s_.note_time(*to_);
  }

 private:
  ReadStats& s_;
  std::optional<std::int64_t> from_, to_;
};

}  // namespace

namespace {

// The format's reader chosen from its first (UTF-8) bytes.
std::unique_ptr<ScanReader> reader_for(std::string_view first, std::string name, HostSink sink,
                                       ReadStats& stats, const Limits& limits) {
  std::size_t i = 0;
  if (first.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 BOM
  while (i < first.size() &&
         (first[i] == ' ' || first[i] == '\n' || first[i] == '\r' || first[i] == '\t'))
    ++i;
  if (i < first.size() && first[i] == '<')
    return make_xml_reader(std::move(name), std::move(sink), stats, limits);
  if (i < first.size() && (first[i] == '[' || first[i] == '{'))
    return make_masscan_json_reader(std::move(name), std::move(sink), stats, limits);
  if (i == first.size()) throw InputError(name + " : fichier vide");
  throw InputError(
      name + " : format non reconnu (XML nmap -oX ou masscan -oX, JSON masscan -oJ attendus)");
}

std::string ascii_lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The encoding of a scan file, from its first bytes: a byte-order mark (UTF-16, as
// PowerShell 5's `>` writes it), UTF-16 without one (XML's "<?" detection), or the encoding
// an XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`, allowed by XML
// 1.0 §4.3.3). "" for UTF-8: nmap and masscan write UTF-8, and so must JSON (RFC 8259).
std::string declared_encoding(std::string_view first) {
  if (first.substr(0, 2) == "\xFF\xFE" || first.substr(0, 2) == "\xFE\xFF") return "UTF-16";
  if (first.substr(0, 4) == std::string_view("<\0?\0", 4)) return "UTF-16LE";
  if (first.substr(0, 4) == std::string_view("\0<\0?", 4)) return "UTF-16BE";
  if (first.substr(0, 3) == "\xEF\xBB\xBF") return "";
  if (first.substr(0, 5) != "<?xml") return "";
  const std::string_view decl = first.substr(0, first.find("?>"));
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  std::size_t q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return "";
  const std::size_t end = decl.find(decl[q], q + 1);
  if (end == std::string_view::npos) return "";
  std::string enc(decl.substr(q + 1, end - q - 1));
  const std::string l = ascii_lower(enc);
  return l == "utf-8" || l == "utf8" ? "" : enc;
}

// A scan file checked for its encoding before its format's reader sees it: UTF-8 is checked
// as it streams by (refused at the line of its first bad byte: a scan re-saved in Latin-1
// would store names the pages cannot show); a declared encoding is converted to UTF-8.
class EncodingGate : public ScanReader {
 public:
  EncodingGate(std::string_view first, std::string name, HostSink sink, ReadStats& stats,
               const Limits& limits)
      : name_(std::move(name)), encoding_(declared_encoding(first)) {
    if (!encoding_.empty()) {
      try {
        decoder_ = std::make_unique<Utf8Decoder>(encoding_);
      } catch (const std::invalid_argument&) {
        throw InputError(name_ + " : encodage « " + encoding_ +
                         " » déclaré inconnu ; enregistrez le fichier en UTF-8");
      }
      // The format is chosen from the converted first bytes.
      Utf8Decoder probe(encoding_);
      std::string head;
      (void)probe.feed(first, head);
      inner_ = reader_for(head, name_, std::move(sink), stats, limits);
    } else {
      inner_ = reader_for(first, name_, std::move(sink), stats, limits);
    }
  }

  void feed(std::string_view bytes) override {
    if (!decoder_) {
      refuse(checker_.feed(bytes));
      inner_->feed(bytes);
      return;
    }
    std::string out;
    refuse(decoder_->feed(bytes, out));
    inner_->feed(out);
  }

  void finish() override {
    refuse(decoder_ ? decoder_->finish() : checker_.finish());
    inner_->finish();
  }

 private:
  void refuse(const std::optional<EncodingFault>& fault) const {
    if (!fault) return;
    throw InputError(not_utf8_message(name_, *fault, encoding_.empty() ? "UTF-8" : encoding_),
                     InputError::Kind::encoding, fault->line);
  }

  std::string name_;
  std::string encoding_;
  Utf8Checker checker_;
  std::unique_ptr<Utf8Decoder> decoder_;
  std::unique_ptr<ScanReader> inner_;
};

}  // namespace

std::unique_ptr<ScanReader> make_reader(std::string_view first, std::string name, HostSink sink,
                                        ReadStats& stats, const Limits& limits) {
  return std::make_unique<EncodingGate>(first, std::move(name), std::move(sink), stats, limits);
}

void read_scan(std::string_view name, std::string_view data, const HostSink& sink, ReadStats& stats,
               const Limits& limits) {
  stats.sources.emplace_back(name);
  stats.bytes += data.size();
  FileTimer timer(stats);
  auto r = make_reader(data.substr(0, 4096), std::string(name), sink, stats, limits);
  r->feed(data);
  r->finish();
  timer.done(std::string(name));
}

namespace {

void read_file(const fs::path& path, const HostSink& sink, ReadStats& stats, const Limits& limits) {
  const std::string name = path.filename().string();
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw InputError(path.string() + " : fichier illisible");
  stats.sources.push_back(name);
  FileTimer timer(stats);
  std::vector<char> block(std::size_t{4} << 20);
  std::unique_ptr<ScanReader> reader;
  for (;;) {
    const std::size_t n = std::fread(block.data(), 1, block.size(), f.get());
    if (n == 0) break;
    stats.bytes += n;
    if (stats.bytes > limits.max_total_bytes)
      throw InputError(name + " : entrée de plus de " +
                       std::to_string(limits.max_total_bytes >> 30) + " Gio (limite)");
    std::string_view chunk(block.data(), n);
    if (!reader) reader = make_reader(chunk.substr(0, 4096), name, sink, stats, limits);
    reader->feed(chunk);
  }
  if (std::ferror(f.get())) throw InputError(path.string() + " : erreur de lecture");
  if (!reader) throw InputError(name + " : fichier vide");
  reader->finish();
  timer.done(name);
}

}  // namespace

std::vector<fs::path> input_files(const std::vector<std::string>& paths) {
  if (paths.empty()) throw InputError("aucun fichier de scan fourni (--input)");
  std::vector<fs::path> out;
  for (const auto& p : paths) {
    std::error_code ec;
    const fs::path path(p);
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file()) files.push_back(it->path());
      }
      if (ec) throw InputError(p + " : dossier illisible");
      if (files.empty()) throw InputError(p + " : dossier sans fichier de scan");
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else if (fs::is_regular_file(path, ec)) {
      out.push_back(path);
    } else {
      throw InputError(p + " : chemin introuvable");
    }
  }
  return out;
}

void read_inputs(const std::vector<std::string>& paths, const HostSink& sink, ReadStats& stats,
                 const Limits& limits) {
  for (const auto& f : input_files(paths)) read_file(f, sink, stats, limits);
  // The files are one audit only when their scans ran close together (data/exposure/
  // campaign.yaml; issue 17 trial: two files a year apart were read as one audit).
  if (auto spread = campaign_spread(stats.file_times))
    throw InputError(campaign_text(*spread) + " ; analysez chaque scan séparément",
                     InputError::Kind::campaign_span);
}

}  // namespace carepilot::exposure
