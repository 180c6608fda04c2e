// Shared helpers of the exposure tests: read a file, analyse a buffer, find a finding.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "exposure/analysis.hpp"
#include "exposure/readers/scan_reader.hpp"

namespace carepilot::exposure::test {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string data_path(const std::string& name) {
  return std::string(EXPOSURE_TEST_DATA) + "/" + name;
}

inline Date day(const char* ymd) {
  return *parse_date(ymd);
}

inline Result analyse_text(const std::string& text, Date as_of = day("2026-12-01")) {
  Analyzer a(as_of);
  ReadStats stats;
  read_scan(
      "test.xml", text, [&](Host&& h) { a.add(std::move(h)); }, stats);
  return a.finish(std::move(stats));
}

inline const HostResult* host(const Result& r, const std::string& address) {
  for (const auto& h : r.hosts)
    if (h.address == address) return &h;
  return nullptr;
}

inline int count(const HostResult* h, const std::string& rule, int port = -1) {
  if (!h) return 0;
  int n = 0;
  for (const auto& f : h->findings) n += f.rule->id == rule && (port < 0 || f.port == port);
  return n;
}

}  // namespace carepilot::exposure::test
