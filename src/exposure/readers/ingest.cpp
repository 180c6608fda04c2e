#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

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

std::unique_ptr<ScanReader> make_reader(std::string_view first, std::string name, HostSink sink,
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
