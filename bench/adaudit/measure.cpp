// Measures, on a SharpHound folder: carepilot ingest time, analysis time and peak memory,
// then the time simdjson alone takes to parse the same files (DOM, full validation), in
// the same run. Usage: adaudit_bench FOLDER
#include <simdjson.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "adaudit/audit.hpp"
#include "adaudit/readers/ingest.hpp"

namespace fs = std::filesystem;
using clk = std::chrono::steady_clock;

static double secs(clk::time_point a) {
  return std::chrono::duration<double>(clk::now() - a).count();
}
// Process CPU time (user + system, seconds): on a shared machine the wall clock measures the
// neighbours too; ingest and the simdjson baseline are single-threaded, so their CPU times
// compare like for like.
static double cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
static double peak_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_maxrss) / 1024.0;
}

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const fs::path dir = argv[1];
  std::uintmax_t bytes = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") bytes += e.file_size();
  auto t = clk::now();
  double c = cpu_s();
  auto d = carepilot::adaudit::ingest(dir);
  const double ingest = secs(t), ingest_cpu = cpu_s() - c;
  const double peak_ingest = peak_mib();
  t = clk::now();
  const auto r = carepilot::adaudit::run_audit(d, carepilot::parse_date("2025-06-30").value());
  const double analysis = secs(t);
  const double peak = peak_mib();
  std::size_t failed = 0;
  for (const auto& f : r.findings) failed += f.status == carepilot::adaudit::Status::Fail;
  const std::size_t objects = d.size();
  const std::uint64_t edges = r.control.edges,
                      exposed = r.control.exposed_users + r.control.exposed_computers;
  d = carepilot::adaudit::Directory{};
  // Baseline: simdjson alone, each file loaded then fully parsed (DOM).
  double simd = 0, simd_cpu = 0;
  simdjson::dom::parser parser;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    auto json = simdjson::padded_string::load(e.path().string());
    const auto t0 = clk::now();
    const double c0 = cpu_s();
    simdjson::dom::element doc;
    if (parser.parse(json.value()).get(doc)) return 1;
    simd += secs(t0);
    simd_cpu += cpu_s() - c0;
  }
  double read = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    const auto t0 = clk::now();
    auto s = carepilot::adaudit::read_file(e.path());
    read += secs(t0);
  }
  std::printf(
      "input_mib=%.1f objects=%zu edges=%llu exposed=%llu failed_rules=%zu level=%d\n"
      "ingest_s=%.3f (file read %.3f) simdjson_parse_s=%.3f ingest_speed_vs_simdjson=%.0f%%\n"
      "ingest_cpu_s=%.3f simdjson_parse_cpu_s=%.3f ingest_speed_vs_simdjson_cpu=%.0f%%\n"
      "analysis_s=%.3f peak_rss_mib=%.1f (after ingest %.1f) peak_vs_input=%.2f\n",
      double(bytes) / 1048576.0, objects, (unsigned long long)edges, (unsigned long long)exposed,
      failed, r.level, ingest, read, simd, 100.0 * simd / ingest, ingest_cpu, simd_cpu,
      100.0 * simd_cpu / ingest_cpu, analysis, peak, peak_ingest,
      peak / (double(bytes) / 1048576.0));
  return 0;
}
