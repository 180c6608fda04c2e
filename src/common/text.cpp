#include "common/text.hpp"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <stdexcept>

namespace carepilot {

namespace {
// Folded form of the Latin-1 supplement letters U+00C0..U+00FF ("" keeps the code point).
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0-CF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "",  "ss",  // D0-DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0-EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "",  "y"};  // F0-FF
}  // namespace

std::string fold_for_search(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = true;  // drops leading spaces
  auto put = [&](std::string_view piece) {
    for (char c : piece) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '\'') {
        if (!space) out.push_back(' ');
        space = true;
      } else {
        out.push_back(c);
        space = false;
      }
    }
  };
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      put(std::string_view(&l, 1));
      ++i;
    } else if (c == 0xC3 && i + 1 < s.size()) {
      auto cp = static_cast<unsigned char>(s[i + 1]);
      if (cp >= 0x80 && cp <= 0xBF && *kLatin1[cp - 0x80] != '\0')
        put(kLatin1[cp - 0x80]);
      else
        out.append(s.substr(i, 2)), space = false;
      i += 2;
    } else if (c == 0xC5 && i + 1 < s.size() &&
               (static_cast<unsigned char>(s[i + 1]) == 0x92 ||
                static_cast<unsigned char>(s[i + 1]) == 0x93)) {
      put("oe");  // Œ œ
      i += 2;
    } else if (c == 0xC5 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xB8) {
      put("y");  // Ÿ
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
      space = false;
      ++i;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string utf8_prefix(std::string_view s, std::size_t chars) {
  std::size_t n = 0, i = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == chars) break;
  return std::string(s.substr(0, i));
}

namespace {

constexpr std::size_t kIncomplete = static_cast<std::size_t>(-1);

// The length of the well-formed UTF-8 sequence at s[i]: 0 when it is not one, kIncomplete
// when `s` ends inside a sequence whose bytes so far are well-formed.
std::size_t sequence_at(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0)
    len = 2, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0)
    len = 3, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0)
    len = 4, cp = c & 0x07;
  else
    return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= s.size()) return kIncomplete;
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

std::size_t count_lines(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n' ? 1 : 0;
  return n;
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = sequence_at(s, i);
    if (n == 0 || n == kIncomplete) return false;
    i += n;
  }
  return true;
}

std::optional<EncodingFault> first_invalid_utf8(std::string_view s) {
  Utf8Checker check;
  if (auto f = check.feed(s)) return f;
  return check.finish();
}

std::string not_utf8_text(std::string_view encoding) {
  if (encoding == "UTF-8")
    return "le fichier n'est pas en UTF-8 (encodage Windows-1252 ou Latin-1 ?) : "
           "enregistrez-le en UTF-8 puis recommencez";
  return "le fichier n'est pas en " + std::string(encoding) +
         " comme il le déclare : enregistrez-le en UTF-8 puis recommencez";
}

std::string not_utf8_message(std::string_view file, const EncodingFault& fault,
                             std::string_view encoding) {
  return std::string(file) + ":" + std::to_string(fault.line) + ": " + not_utf8_text(encoding);
}

std::optional<EncodingFault> Utf8Checker::feed(std::string_view block) {
  std::size_t i = 0;
  if (!pending_.empty()) {
    // The sequence cut at the previous block's end, completed by this block's first bytes.
    std::string head = pending_;
    head.append(block.substr(0, 4 - pending_.size()));
    const std::size_t n = sequence_at(head, 0);
    if (n == 0) return EncodingFault{offset_, line_};
    if (n == kIncomplete) {
      pending_ = head;
      return std::nullopt;
    }
    i = n - pending_.size();
    offset_ += n;
    pending_.clear();
  }
  const std::size_t start = i;
  while (i < block.size()) {
    const auto c = static_cast<unsigned char>(block[i]);
    if (c < 0x80) {
      if (c == '\n') ++line_;
      ++i;
      continue;
    }
    const std::size_t n = sequence_at(block, i);
    if (n == 0) return EncodingFault{offset_ + (i - start), line_};
    if (n == kIncomplete) {
      pending_.assign(block.substr(i));
      break;
    }
    i += n;
  }
  offset_ += i - start;
  return std::nullopt;
}

std::optional<EncodingFault> Utf8Checker::finish() const {
  if (pending_.empty()) return std::nullopt;
  return EncodingFault{offset_, line_};
}

Utf8Decoder::Utf8Decoder(const std::string& from) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw std::invalid_argument("encodage inconnu : " + from);
  cd_ = cd;
}

Utf8Decoder::~Utf8Decoder() {
  iconv_close(static_cast<iconv_t>(cd_));
}

std::optional<EncodingFault> Utf8Decoder::feed(std::string_view block, std::string& out) {
  std::string in = std::move(pending_);
  pending_.clear();
  in.append(block);
  char* src = in.data();
  std::size_t left = in.size();
  char buf[16384];
  while (left > 0) {
    char* dst = buf;
    std::size_t room = sizeof buf;
    const std::size_t rc = iconv(static_cast<iconv_t>(cd_), &src, &left, &dst, &room);
    const std::string_view made(buf, static_cast<std::size_t>(dst - buf));
    out.append(made);
    line_ += count_lines(made);
    offset_ += static_cast<std::uint64_t>(src - in.data());
    in.erase(0, static_cast<std::size_t>(src - in.data()));
    src = in.data();
    if (rc != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) continue;
    if (errno == EINVAL) {  // a sequence cut at the block's end
      pending_ = in;
      return std::nullopt;
    }
    return EncodingFault{offset_, line_};
  }
  return std::nullopt;
}

std::optional<EncodingFault> Utf8Decoder::finish() const {
  if (pending_.empty()) return std::nullopt;
  return EncodingFault{offset_, line_};
}

std::optional<std::string> to_utf8(std::string_view bytes, const std::string& from,
                                   EncodingFault* fault) {
  Utf8Decoder dec(from);
  std::string out;
  auto f = dec.feed(bytes, out);
  if (!f) f = dec.finish();
  if (f) {
    if (fault) *fault = *f;
    return std::nullopt;
  }
  return out;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string unix_newlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\r') {
      out.push_back(s[i]);
    } else {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    }
  }
  return out;
}

std::vector<std::vector<std::string>> text_paragraphs(std::string_view s) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> para;
  const std::string text = unix_newlines(s);
  std::size_t b = 0;
  for (;;) {
    const auto e = text.find('\n', b);
    auto line = trim(std::string_view(text).substr(b, e == std::string::npos ? e : e - b));
    if (line.empty()) {
      if (!para.empty()) out.push_back(std::move(para));
      para.clear();
    } else {
      para.push_back(std::move(line));
    }
    if (e == std::string::npos) break;
    b = e + 1;
  }
  if (!para.empty()) out.push_back(std::move(para));
  return out;
}

std::string like_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace carepilot
