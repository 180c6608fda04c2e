// Real documents for tests that upload files: each opens in the library that reads its kind
// (files::check_attachment opens every upload, so a header alone is refused).
#pragma once

#include <string>

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

}  // namespace carepilot::testing
