// Entry point of the readers: a SharpHound folder, a SharpHound zip, a single SharpHound
// JSON file or an LDIF file, detected from the path, read into one finalized Directory.
#pragma once

#include <filesystem>

#include "adaudit/model.hpp"
#include "adaudit/readers/archive.hpp"

namespace carepilot::adaudit {

struct IngestOptions {
  ArchiveLimits limits;
  // When true a refused file (malformed JSON, unsupported version) is skipped with a
  // warning; by default it refuses the whole input, since a partial collection would
  // give a falsely reassuring audit.
  bool lenient = false;
};

// Throws InputError with a message for the person running the audit.
Directory ingest(const std::filesystem::path& input, const IngestOptions& options = {});

// Reads a file whole, with padding room for the JSON parser.
std::string read_file(const std::filesystem::path& path);

}  // namespace carepilot::adaudit
