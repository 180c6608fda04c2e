// Text encodings of collection files. Windows tools write UTF-8 with a byte-order mark
// (SharpHound releases, PowerShell 5) or UTF-16 (ORADAD, PowerShell's default): the
// readers take UTF-8, so files are normalised here; anything else is refused with a message
// that names the encoding found.
#pragma once

#include <string>
#include <string_view>

namespace carepilot::adaudit {

enum class TextEncoding {
  Utf8,
  Utf8Bom,
  Utf16Le,
  Utf16Be,
  Utf32Le,
  Utf32Be,
  Utf16LeNoBom,
  Utf16BeNoBom
};

// Guesses the encoding from the byte-order mark, or from NUL bytes in the first characters
// (UTF-16 text without a mark).
TextEncoding detect_encoding(std::string_view head);
std::string_view encoding_name(TextEncoding e);

// Length of the byte-order mark of a UTF-8 text (3 or 0).
std::size_t utf8_bom_length(std::string_view text);

// Converts UTF-16 (LE or BE; a leading mark is dropped) to UTF-8. Unpaired surrogates
// become U+FFFD. An odd trailing byte is refused (InputError naming `file`).
std::string utf16_to_utf8(std::string_view bytes, bool little_endian, std::string_view file);

// Makes `data` UTF-8 without a mark: drops a UTF-8 mark, converts UTF-16 with a mark (or
// without one when `allow_utf16_without_bom`), refuses UTF-32 and mark-less UTF-16
// otherwise, naming the encoding (InputError).
void normalise_to_utf8(std::string& data, std::string_view file,
                       bool allow_utf16_without_bom = false);

}  // namespace carepilot::adaudit
