// Real documents for tests that upload files: each opens in the library that reads its kind
// (files::check_attachment opens every upload, so a header alone is refused).
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace carepilot::testing {

// A one-page PDF (common/pdf.hpp) whose text is `text`.
std::string sample_pdf(const std::string& text = "Document de test");
// A `width` × `height` grey PNG (libpng) and JPEG (libjpeg).
std::string sample_png(unsigned width = 8, unsigned height = 8);
std::string sample_jpeg(unsigned width = 8, unsigned height = 8);
// Minimal but well-formed OpenDocument text, Word and Excel files (zip, libarchive).
std::string sample_odt();
std::string sample_docx();
std::string sample_xlsx();

// The one zip writer of the tests (libarchive): `entries` (name, content) in that order,
// deflated, or stored uncompressed when `stored` (as an ODT's `mimetype` must be).
using ZipEntries = std::vector<std::pair<std::string, std::string>>;
std::string zip_bytes(const ZipEntries& entries, bool stored = false);
void write_zip(const std::filesystem::path& zip, const ZipEntries& entries);
// The folder `dir` as a zip archive at `zip` (paths relative to `dir`, '/'-separated).
void zip_folder(const std::filesystem::path& dir, const std::filesystem::path& zip);

}  // namespace carepilot::testing
