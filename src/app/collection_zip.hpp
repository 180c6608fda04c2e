// An Active Directory collection the CLI was given as a folder or a single SharpHound JSON
// file, packed as the zip the platform takes (adplatform::Repository::upload_file accepts a
// zip or an LDIF export only): `ad-audit run --store` records it as the pages' upload does.
#pragma once

#include <filesystem>

namespace carepilot::app {

// Writes `input` (a folder: its regular files, recursively, named by their path under it; a
// file: that file alone) to the zip archive `out`. Throws std::runtime_error (French, naming
// the file) when a file cannot be read or the archive written; `out` is then removed.
void zip_collection(const std::filesystem::path& input, const std::filesystem::path& out);

}  // namespace carepilot::app
