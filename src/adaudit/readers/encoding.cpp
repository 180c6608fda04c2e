#include "adaudit/readers/encoding.hpp"

#include <cstdint>

#include "adaudit/readers/input_error.hpp"

namespace carepilot::adaudit {

namespace {

std::uint8_t byte(std::string_view s, std::size_t i) {
  return static_cast<std::uint8_t>(s[i]);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

TextEncoding detect_encoding(std::string_view h) {
  const auto n = h.size();
  if (n >= 4 && byte(h, 0) == 0xFF && byte(h, 1) == 0xFE && byte(h, 2) == 0 && byte(h, 3) == 0)
    return TextEncoding::Utf32Le;
  if (n >= 4 && byte(h, 0) == 0 && byte(h, 1) == 0 && byte(h, 2) == 0xFE && byte(h, 3) == 0xFF)
    return TextEncoding::Utf32Be;
  if (n >= 3 && byte(h, 0) == 0xEF && byte(h, 1) == 0xBB && byte(h, 2) == 0xBF)
    return TextEncoding::Utf8Bom;
  if (n >= 2 && byte(h, 0) == 0xFF && byte(h, 1) == 0xFE) return TextEncoding::Utf16Le;
  if (n >= 2 && byte(h, 0) == 0xFE && byte(h, 1) == 0xFF) return TextEncoding::Utf16Be;
  // No mark: ASCII text in UTF-16 has a NUL in every other byte.
  if (n >= 4) {
    if (byte(h, 0) != 0 && byte(h, 1) == 0 && byte(h, 2) != 0 && byte(h, 3) == 0)
      return TextEncoding::Utf16LeNoBom;
    if (byte(h, 0) == 0 && byte(h, 1) != 0 && byte(h, 2) == 0 && byte(h, 3) != 0)
      return TextEncoding::Utf16BeNoBom;
  }
  return TextEncoding::Utf8;
}

std::string_view encoding_name(TextEncoding e) {
  switch (e) {
    case TextEncoding::Utf8:
      return "UTF-8";
    case TextEncoding::Utf8Bom:
      return "UTF-8 avec marque d'ordre des octets";
    case TextEncoding::Utf16Le:
      return "UTF-16 LE";
    case TextEncoding::Utf16Be:
      return "UTF-16 BE";
    case TextEncoding::Utf32Le:
      return "UTF-32 LE";
    case TextEncoding::Utf32Be:
      return "UTF-32 BE";
    case TextEncoding::Utf16LeNoBom:
      return "UTF-16 LE sans marque d'ordre des octets";
    case TextEncoding::Utf16BeNoBom:
      return "UTF-16 BE sans marque d'ordre des octets";
  }
  return "inconnu";
}

std::size_t utf8_bom_length(std::string_view text) {
  return detect_encoding(text.substr(0, 4)) == TextEncoding::Utf8Bom ? 3 : 0;
}

std::string utf16_to_utf8(std::string_view b, bool le, std::string_view file) {
  if (b.size() % 2 != 0)
    throw InputError(std::string(file) + " : texte UTF-16 tronqué (nombre impair d'octets)");
  std::string out;
  out.reserve(b.size() / 2 + b.size() / 8);
  auto unit = [&](std::size_t i) -> std::uint32_t {
    return le ? (byte(b, i) | (std::uint32_t{byte(b, i + 1)} << 8))
              : ((std::uint32_t{byte(b, i)} << 8) | byte(b, i + 1));
  };
  std::size_t i = 0;
  if (b.size() >= 2 && unit(0) == 0xFEFF) i = 2;
  for (; i < b.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 < b.size()) {
        const std::uint32_t lo = unit(i + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
          i += 2;
          continue;
        }
      }
      u = 0xFFFD;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      u = 0xFFFD;
    }
    append_utf8(out, u);
  }
  return out;
}

void normalise_to_utf8(std::string& data, std::string_view file, bool allow_no_bom) {
  const auto e = detect_encoding(std::string_view(data).substr(0, 4));
  switch (e) {
    case TextEncoding::Utf8:
      return;
    case TextEncoding::Utf8Bom:
      data.erase(0, 3);
      return;
    case TextEncoding::Utf16Le:
    case TextEncoding::Utf16Be:
      data = utf16_to_utf8(data, e == TextEncoding::Utf16Le, file);
      return;
    case TextEncoding::Utf16LeNoBom:
    case TextEncoding::Utf16BeNoBom:
      if (allow_no_bom) {
        data = utf16_to_utf8(data, e == TextEncoding::Utf16LeNoBom, file);
        return;
      }
      break;
    case TextEncoding::Utf32Le:
    case TextEncoding::Utf32Be:
      break;
  }
  throw InputError(std::string(file) + " : encodage " + std::string(encoding_name(e)) +
                   " non pris en charge (UTF-8, avec ou sans marque, ou UTF-16 avec marque "
                   "attendus)");
}

}  // namespace carepilot::adaudit
