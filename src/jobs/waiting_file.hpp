// An uploaded file waiting on disk for its background job (an AD collection, an exposure
// scan): written under a random name in the module's directory, removed when the job ends.
#pragma once

#include <filesystem>
#include <string>

namespace carepilot::jobs {

// Writes `bytes` to `dir`/`prefix`-RANDOM.`ext` (creating `dir`); throws std::runtime_error
// when it cannot be written (nothing stays).
std::filesystem::path write_waiting_file(const std::filesystem::path& dir,
                                         const std::string& prefix, const std::string& ext,
                                         const std::string& bytes);
// A fresh path `dir`/`prefix`-RANDOM.`ext` (creating `dir`), for a file moved there.
std::filesystem::path waiting_path(const std::filesystem::path& dir, const std::string& prefix,
                                   const std::string& ext);
// A message about a waiting file as its user knows it: the stored path and the stored
// name ("…/scan-3f2a….xml", random) replaced by the name of the file they sent.
std::string name_as_sent(std::string message, const std::string& stored_path,
                         const std::string& sent_name);
// Removes a waiting file, ignoring errors ("" does nothing).
void remove_waiting_file(const std::string& path);
// An upload's size limit as people read it: "256 Mio", "2 048 Mio", "100 Kio" (whole units,
// rounded down, grouped as common/french.hpp does).
std::string size_limit_text(std::size_t bytes);

}  // namespace carepilot::jobs
