// What an uploaded file really is: each accepted kind is opened with the library that reads it,
// not recognised by its first bytes (a 12-byte « PNG » or a « PDF » that is only its header
// must be refused: an attestation nobody can open proves nothing).
//
//   PDF   poppler opens it, it has at least one page, every page can be read, and it is not
//         locked by a password (a reviewer could not open it).
//   PNG   libpng decodes every row (checksums included).
//   JPEG  libjpeg decodes every scan line without a warning (a cut file is refused).
//   ODT   an OpenDocument zip: first entry `mimetype` naming the text type, `content.xml`.
//   DOCX  an Office Open XML zip with `[Content_Types].xml` and `word/document.xml`.
//   XLSX  the same with `xl/workbook.xml`.
// Zip entries are read to their end (libarchive checks their CRC), up to kMaxUnpackedBytes in
// all; images up to kMaxImagePixels (a 5 Mio file can declare gigapixels).
//
// Used by files::check_attachment (common/attachment.hpp), the one gate of every uploaded
// document: assessment attachments, evidence documents, ANSSI registrations, ADS reports.
#pragma once

#include <cstdint>
#include <string_view>

namespace carepilot::files {

inline constexpr std::uint64_t kMaxImagePixels = 100'000'000;   // 100 megapixels
inline constexpr std::uint64_t kMaxUnpackedBytes = 200u << 20;  // 200 MiB unpacked in a zip

enum class ContentKind { pdf, png, jpeg, odt, docx, xlsx };

enum class ContentVerdict {
  readable,
  unreadable,  // damaged, cut, or not that kind of file at all
  locked,      // a PDF protected by a password
  too_large,   // more pixels or more unpacked bytes than the limits above
};

// Opens `bytes` as `kind` and says whether a reader could use it. Never throws for bad
// content; std::bad_alloc may pass through.
ContentVerdict inspect_content(ContentKind kind, std::string_view bytes);

}  // namespace carepilot::files
