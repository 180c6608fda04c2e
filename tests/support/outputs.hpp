// What a person reads in a download: the entries of a zip archive (XLSX), the text of a PDF
// (poppler's pdftotext), so that tests look for leaks and content inside compressed outputs
// instead of in their bytes.
#pragma once

#include <map>
#include <string>

#include "test_server.hpp"

namespace carepilot::testing {

// Entries of a zip archive (path -> content), read with libarchive; empty when not a zip.
std::map<std::string, std::string> unzip(const std::string& bytes);
// The text of a PDF, extracted with `pdftotext -enc UTF-8` (poppler-utils); throws when the
// tool is missing or fails, so that a test can never pass on an unread PDF.
std::string pdf_text(const std::string& bytes);
// The readable text of an answer: every entry of an XLSX, the text of a PDF, else the body.
// Sets `kind` to "xlsx", "pdf" or "".
std::string readable_text(const HttpResult& r, std::string* kind = nullptr);

}  // namespace carepilot::testing
