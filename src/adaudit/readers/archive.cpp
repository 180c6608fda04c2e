#include "adaudit/readers/archive.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "adaudit/readers/input_error.hpp"

namespace carepilot::adaudit {

namespace {
std::string mib(std::uint64_t bytes) {
  return std::to_string(bytes >> 20) + " Mio";
}
}  // namespace

void read_archive(const std::filesystem::path& path, const ArchiveLimits& limits,
                  const std::function<bool(std::string_view)>& want,
                  const std::function<void(std::string_view, std::string&)>& on_member) {
  std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
  archive_read_support_format_zip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_all(a.get());
  const std::string name = path.string();
  if (archive_read_open_filename(a.get(), name.c_str(), 1 << 16) != ARCHIVE_OK)
    throw InputError(name + " : archive illisible (" + archive_error_string(a.get()) + ")");
  std::uint64_t total = 0;
  std::uint32_t members = 0;
  archive_entry* entry = nullptr;
  for (;;) {
    const int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      const char* err = archive_error_string(a.get());
      throw InputError(name + " : archive corrompue (" + std::string(err ? err : "?") + ")");
    }
    if (++members > limits.max_members)
      throw InputError(name + " : plus de " + std::to_string(limits.max_members) + " membres");
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* raw_name = archive_entry_pathname(entry);
    const std::string member = raw_name ? raw_name : "";
    if (!want(member)) continue;
    std::string data;
    if (archive_entry_size_is_set(entry)) {
      const auto declared = static_cast<std::uint64_t>(archive_entry_size(entry));
      if (declared > limits.max_member_bytes || total + declared > limits.max_total_bytes)
        throw InputError(name + " : le membre « " + member +
                         " » dépasserait la limite de décompression (" +
                         mib(limits.max_member_bytes) + " par membre, " +
                         mib(limits.max_total_bytes) + " au total)");
      data.reserve(declared + 64);
    }
    char chunk[1 << 16];
    for (;;) {
      const la_ssize_t n = archive_read_data(a.get(), chunk, sizeof chunk);
      if (n == 0) break;
      if (n < 0) {
        const char* err = archive_error_string(a.get());
        throw InputError(name + " : membre « " + member + " » illisible (" +
                         std::string(err ? err : "?") + ")");
      }
      total += static_cast<std::uint64_t>(n);
      if (data.size() + static_cast<std::size_t>(n) > limits.max_member_bytes ||
          total > limits.max_total_bytes)
        throw InputError(name + " : la décompression de « " + member + " » dépasse la limite (" +
                         mib(limits.max_member_bytes) + " par membre, " +
                         mib(limits.max_total_bytes) + " au total) : archive refusée");
      data.append(chunk, static_cast<std::size_t>(n));
    }
    on_member(member, data);
  }
}

}  // namespace carepilot::adaudit
