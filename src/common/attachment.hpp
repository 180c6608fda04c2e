// Uploaded files (attachments of assessment answers, documents of evidence records): what is
// accepted (type checked by the file name's extension AND the content's magic bytes, size
// limit) and the base64 text they are stored as (one TEXT column behaves the same on SQLite
// and PostgreSQL).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace carepilot::files {

inline constexpr std::size_t kMaxAttachmentBytes = 5u << 20;  // 5 MiB

struct CheckedFile {
  std::string file_name;     // the base name, cleaned
  std::string content_type;  // derived from the extension, never from the client
};

// How a refusal names the form field: UserError field, code prefix ("assessment" →
// "assessment.attachment_type") and the label that starts the message.
struct FileRules {
  std::string field = "attachment";
  std::string code_prefix = "assessment";
  std::string label = "attachment";
};

// Validates an uploaded file; throws UserError 422 on field `rules.field` naming the reason
// (empty, over 5 Mio, extension outside PDF, PNG, JPEG, ODT, DOCX, XLSX, TXT, content not
// matching the extension, unreadable name).
CheckedFile check_attachment(std::string_view file_name, std::string_view bytes,
                             const FileRules& rules = {});

std::string base64_encode(std::string_view bytes);
// Throws std::invalid_argument on malformed input.
std::string base64_decode(std::string_view text);

// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded`.
std::string content_disposition(const std::string& file_name);

}  // namespace carepilot::files
