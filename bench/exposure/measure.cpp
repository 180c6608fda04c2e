// Ingest and analysis of one scan file: MB/s and peak memory (ru_maxrss), as run.sh prints
// them. Usage: exposure_bench FILE [--json OUT]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "exposure/analysis.hpp"
#include "exposure/report/result_json.hpp"

namespace {
double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / 1024.0;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace carepilot::exposure;
  if (argc < 2) {
    std::fprintf(stderr, "usage: exposure_bench FILE [--json OUT]\n");
    return 2;
  }
  const double input_mib = double(std::filesystem::file_size(argv[1])) / (1 << 20);
  const auto t0 = std::chrono::steady_clock::now();
  auto r = analyse_files(
      {argv[1]},
      carepilot::Date{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{1}},
      Limits{});
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double after = peak_mib();
  double json_s = 0;
  if (argc > 3 && std::string(argv[2]) == "--json") {
    const auto t1 = std::chrono::steady_clock::now();
    std::ofstream out(argv[3]);
    write_json(out, r);
    json_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  }
  std::printf(
      "input_mib=%.1f hosts=%zu open_ports=%llu findings=%llu score=%llu "
      "ingest_and_analysis_s=%.3f "
      "mb_per_s=%.1f json_s=%.3f peak_rss_mib=%.1f (after analysis %.1f) peak_vs_input=%.2f\n",
      input_mib, r.hosts.size(), static_cast<unsigned long long>(r.open_ports),
      static_cast<unsigned long long>(r.findings), static_cast<unsigned long long>(r.score), secs,
      input_mib * 1.048576 / secs, json_s, peak_mib(), after, peak_mib() / input_mib);
  return 0;
}
