#include "jobs/waiting_file.hpp"

#include <cstdio>
#include <fstream>
#include <random>
#include <stdexcept>

#include "common/french.hpp"

namespace carepilot::jobs {

namespace {

std::string random_hex() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned long long> d;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", d(rd), d(rd));
  return buf;
}

}  // namespace

std::filesystem::path write_waiting_file(const std::filesystem::path& dir,
                                         const std::string& prefix, const std::string& ext,
                                         const std::string& bytes) {
  std::filesystem::create_directories(dir);
  const auto path = dir / (prefix + "-" + random_hex() + "." + ext);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    remove_waiting_file(path.string());
    throw std::runtime_error("écriture impossible : " + path.string());
  }
  return path;
}

std::filesystem::path waiting_path(const std::filesystem::path& dir, const std::string& prefix,
                                   const std::string& ext) {
  std::filesystem::create_directories(dir);
  return dir / (prefix + "-" + random_hex() + "." + ext);
}

std::string name_as_sent(std::string message, const std::string& stored_path,
                         const std::string& sent_name) {
  if (stored_path.empty()) return message;
  const std::string stored_name = std::filesystem::path(stored_path).filename().string();
  for (const std::string& from : {stored_path, stored_name}) {
    if (from.empty()) continue;
    for (std::size_t at = message.find(from); at != std::string::npos;
         at = message.find(from, at + sent_name.size()))
      message.replace(at, from.size(), sent_name);
  }
  return message;
}

void remove_waiting_file(const std::string& path) {
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

std::string size_limit_text(std::size_t bytes) {
  if (bytes >= (1u << 20)) return french_integer(static_cast<std::int64_t>(bytes >> 20)) + " Mio";
  return french_integer(static_cast<std::int64_t>(bytes >> 10)) + " Kio";
}

}  // namespace carepilot::jobs
