#include "common/attachment.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>

#include "common/errors.hpp"
#include "common/file_content.hpp"
#include "common/text.hpp"

namespace carepilot::files {

namespace {

[[noreturn]] void refuse(const FileRules& rules, const std::string& code,
                         const std::string& message) {
  throw UserError::invalid(
      {{rules.field, rules.code_prefix + "." + code, rules.label + " : " + message}});
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}

bool plain_text(std::string_view bytes) {
  if (!valid_utf8(bytes)) return false;
  return std::none_of(bytes.begin(), bytes.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
  });
}

constexpr std::string_view kZip("PK\x03\x04", 4);

struct Kind {
  std::string_view ext;
  std::string_view content_type;
  std::string_view name;              // as the refusal names it
  bool (*matches)(std::string_view);  // the first bytes: another type of file altogether?
  std::optional<ContentKind> reader;  // then opened by its reader (common/file_content.hpp)
};

const std::array<Kind, 8> kKinds{{
    {"pdf", "application/pdf", "PDF", [](std::string_view b) { return starts_with(b, "%PDF-"); },
     ContentKind::pdf},
    {"png", "image/png", "PNG",
     [](std::string_view b) { return starts_with(b, std::string_view("\x89PNG\r\n\x1a\n", 8)); },
     ContentKind::png},
    {"jpg", "image/jpeg", "JPEG",
     [](std::string_view b) { return starts_with(b, std::string_view("\xff\xd8\xff", 3)); },
     ContentKind::jpeg},
    {"jpeg", "image/jpeg", "JPEG",
     [](std::string_view b) { return starts_with(b, std::string_view("\xff\xd8\xff", 3)); },
     ContentKind::jpeg},
    {"odt", "application/vnd.oasis.opendocument.text", "ODT",
     [](std::string_view b) { return starts_with(b, kZip); }, ContentKind::odt},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX",
     [](std::string_view b) { return starts_with(b, kZip); }, ContentKind::docx},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX",
     [](std::string_view b) { return starts_with(b, kZip); }, ContentKind::xlsx},
    {"txt", "text/plain; charset=utf-8", "texte", [](std::string_view b) { return plain_text(b); },
     std::nullopt},
}};

}  // namespace

CheckedFile check_attachment(std::string_view file_name, std::string_view bytes,
                             const FileRules& rules) {
  std::string name(file_name);
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name.erase(0, slash + 1);
  name = trim(name);
  if (name.empty()) refuse(rules, "attachment_missing", "aucun fichier n'a été joint.");
  if (!valid_utf8(name) || name.size() > 200 || std::any_of(name.begin(), name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == '"';
      }))
    refuse(rules, "attachment_name", "nom de fichier illisible ou de plus de 200 caractères.");
  if (bytes.empty()) refuse(rules, "attachment_empty", "le fichier « " + name + " » est vide.");
  if (bytes.size() > kMaxAttachmentBytes)
    refuse(rules, "attachment_too_large",
           "le fichier « " + name + " » dépasse la taille maximale de 5 Mio.");
  auto dot = name.find_last_of('.');
  std::string ext = dot == std::string::npos ? "" : lower(name.substr(dot + 1));
  for (const auto& k : kKinds) {
    if (k.ext != ext) continue;
    // A text file in Latin-1: said so, with the line of its first bad byte.
    if (k.ext == "txt")
      if (const auto fault = first_invalid_utf8(bytes))
        refuse(rules, "attachment_type",
               "le fichier « " + name + " » n'est pas en UTF-8 (ligne " +
                   std::to_string(fault->line) +
                   ", encodage Windows-1252 ou Latin-1 ?) : enregistrez-le en UTF-8 puis "
                   "joignez-le de nouveau.");
    if (!k.matches(bytes))
      refuse(
          rules, "attachment_type",
          "le contenu du fichier « " + name + " » ne correspond pas à son extension ." + ext + ".");
    if (k.reader) {
      const std::string kind(k.name);
      switch (inspect_content(*k.reader, bytes)) {
        case ContentVerdict::readable:
          break;
        case ContentVerdict::locked:
          refuse(rules, "attachment_locked",
                 "le fichier « " + name +
                     " » est protégé par un mot de passe ; joignez-le sans protection pour "
                     "qu'il puisse être lu.");
        case ContentVerdict::too_large:
          refuse(rules, "attachment_unreadable",
                 "le fichier « " + name + " » est trop grand une fois ouvert (image de plus de " +
                     "100 millions de points ou archive de plus de 200 Mio décompressée).");
        case ContentVerdict::unreadable:
          refuse(rules, "attachment_unreadable",
                 "le fichier « " + name + " » ne peut pas être ouvert comme un " + kind +
                     " : il est endommagé, incomplet ou d'un autre type.");
      }
    }
    return {name, std::string(k.content_type)};
  }
  refuse(rules, "attachment_type",
         "type de fichier refusé pour « " + name +
             " » (acceptés : PDF, PNG, JPEG, ODT, DOCX, XLSX, TXT).");
}

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) throw std::invalid_argument("base64 length");
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    int pad = 0;
    unsigned v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      char c = text[i + k];
      if (c == '=' && i + 4 == text.size() && k >= 2) {
        ++pad;
        v <<= 6;
        continue;
      }
      int x = value(c);
      if (x < 0 || pad > 0) throw std::invalid_argument("base64 character");
      v = (v << 6) | static_cast<unsigned>(x);
    }
    out += static_cast<char>((v >> 16) & 0xff);
    if (pad < 2) out += static_cast<char>((v >> 8) & 0xff);
    if (pad < 1) out += static_cast<char>(v & 0xff);
  }
  return out;
}

std::string content_disposition(const std::string& file_name) {
  std::string ascii, encoded;
  static const char* hex = "0123456789ABCDEF";
  for (char c : file_name) {
    auto u = static_cast<unsigned char>(c);
    bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                 c == '.' || c == '-' || c == '_';
    ascii += (u >= 0x20 && u < 0x7f && c != '"' && c != '\\') ? c : '_';
    if (plain) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += hex[u >> 4];
      encoded += hex[u & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace carepilot::files
