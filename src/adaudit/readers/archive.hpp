// Reading the members of a zip (or any archive libarchive knows) with extraction limits:
// a member, or all members together, growing beyond the limit stops the extraction with
// an InputError instead of filling memory (zip bombs).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace carepilot::adaudit {

struct ArchiveLimits {
  std::uint64_t max_total_bytes = 8ULL << 30;   // all members, uncompressed
  std::uint64_t max_member_bytes = 4ULL << 30;  // one member, uncompressed
  std::uint32_t max_members = 10000;
};

// Calls `on_member(name, contents)` for every regular member whose name `want` accepts.
// Throws InputError on a corrupt archive or when a limit is crossed.
void read_archive(const std::filesystem::path& path, const ArchiveLimits& limits,
                  const std::function<bool(std::string_view)>& want,
                  const std::function<void(std::string_view, std::string&)>& on_member);

}  // namespace carepilot::adaudit
