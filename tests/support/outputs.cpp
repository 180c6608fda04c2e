#include "outputs.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace carepilot::testing {

std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> out;
  archive* a = archive_read_new();
  archive_read_support_format_zip(a);
  if (archive_read_open_memory(a, bytes.data(), bytes.size()) == ARCHIVE_OK) {
    archive_entry* e = nullptr;
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
      std::string content;
      char buf[8192];
      la_ssize_t n;
      while ((n = archive_read_data(a, buf, sizeof buf)) > 0)
        content.append(buf, static_cast<std::size_t>(n));
      out[archive_entry_pathname(e)] = content;
    }
  }
  archive_read_free(a);
  return out;
}

std::string pdf_text(const std::string& bytes) {
  static std::atomic<int> counter{0};
  auto file = std::filesystem::temp_directory_path() /
              ("carepilot-test-" + std::to_string(::getpid()) + "-" +
               std::to_string(counter.fetch_add(1)) + ".pdf");
  std::ofstream(file, std::ios::binary) << bytes;
  std::string cmd = "pdftotext -enc UTF-8 '" + file.string() + "' - 2>/dev/null";
  std::string text;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("pdftotext cannot be started");
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  int rc = pclose(p);
  std::filesystem::remove(file);
  if (rc != 0) throw std::runtime_error("pdftotext failed (is poppler-utils installed?)");
  return text;
}

std::string readable_text(const HttpResult& r, std::string* kind) {
  const std::string type = r.header("content-type");
  if (kind) kind->clear();
  if (type.find("spreadsheetml") != std::string::npos) {
    if (kind) *kind = "xlsx";
    auto entries = unzip(r.body);
    if (entries.empty()) throw std::runtime_error("an XLSX answer that does not unzip");
    std::string all;
    for (const auto& [path, content] : entries) all += path + "\n" + content + "\n";
    return all;
  }
  if (type.rfind("application/pdf", 0) == 0) {
    if (kind) *kind = "pdf";
    return pdf_text(r.body);
  }
  return r.body;
}

}  // namespace carepilot::testing
