#include "auth/totp.hpp"

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <stdexcept>

namespace carepilot::auth {

namespace {

void ensure_libraries() {
  static const bool ok = sodium_init() >= 0 && oath_init() == OATH_OK;
  if (!ok) throw std::runtime_error("libsodium/liboath : initialisation impossible");
}

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

std::string decode_secret(const std::string& base32_secret) {
  if (base32_secret.empty()) throw std::invalid_argument("secret TOTP vide");
  char* out = nullptr;
  std::size_t len = 0;
  int rc = oath_base32_decode(base32_secret.data(), base32_secret.size(), &out, &len);
  std::unique_ptr<char, FreeDeleter> guard(out);
  if (rc != OATH_OK || out == nullptr || len == 0)
    throw std::invalid_argument("secret TOTP mal formé (base32 attendu)");
  return std::string(out, len);
}

std::string code_for_step(const std::string& key, std::int64_t step, int digits) {
  // liboath computes the step from a time: give it the start of the step.
  char otp[16] = {};
  int rc = oath_totp_generate(key.data(), key.size(), static_cast<time_t>(step * kTotpStepSeconds),
                              kTotpStepSeconds, 0, static_cast<unsigned>(digits), otp);
  if (rc != OATH_OK) throw std::invalid_argument(std::string("TOTP : ") + oath_strerror(rc));
  return std::string(otp);
}

std::int64_t step_of(std::int64_t unix_time) {
  std::int64_t step = unix_time / kTotpStepSeconds;
  if (unix_time < 0 && unix_time % kTotpStepSeconds != 0) --step;
  return step;
}

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (unreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
    }
  }
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// No 0/o, 1/i/l: nothing to confuse when read from paper.
constexpr std::string_view kRecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr int kRecoveryGroups = 3;
constexpr int kRecoveryGroupLength = 4;

}  // namespace

std::string new_totp_secret() {
  ensure_libraries();
  unsigned char bytes[20];
  randombytes_buf(bytes, sizeof bytes);
  char* out = nullptr;
  std::size_t len = 0;
  int rc = oath_base32_encode(reinterpret_cast<const char*>(bytes), sizeof bytes, &out, &len);
  std::unique_ptr<char, FreeDeleter> guard(out);
  sodium_memzero(bytes, sizeof bytes);
  if (rc != OATH_OK || out == nullptr)
    throw std::runtime_error("liboath : encodage base32 impossible");
  std::string secret(out, len);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::string totp_code(const std::string& base32_secret, std::int64_t unix_time, int digits) {
  ensure_libraries();
  if (digits < 6 || digits > 8) throw std::invalid_argument("TOTP : 6 à 8 chiffres");
  std::string key = decode_secret(base32_secret);
  std::string code = code_for_step(key, step_of(unix_time), digits);
  sodium_memzero(key.data(), key.size());
  return code;
}

std::optional<std::int64_t> totp_match(const std::string& base32_secret, std::string_view code,
                                       std::int64_t unix_time, int window) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  ensure_libraries();
  std::string key = decode_secret(base32_secret);
  std::int64_t now = step_of(unix_time);
  std::optional<std::int64_t> found;
  // Every step of the window is computed and compared in constant time.
  for (std::int64_t step = now - window; step <= now + window; ++step) {
    std::string expected = code_for_step(key, step, kTotpDigits);
    if (sodium_memcmp(expected.data(), code.data(), code.size()) == 0 && !found) found = step;
  }
  sodium_memzero(key.data(), key.size());
  return found;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        const std::string& base32_secret) {
  std::string uri = "otpauth://totp/";
  uri += percent_encode(issuer);
  uri += ':';
  uri += percent_encode(account);
  uri += "?secret=" + percent_encode(base32_secret);
  uri += "&issuer=" + percent_encode(issuer);
  uri += "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits);
  uri += "&period=" + std::to_string(kTotpStepSeconds);
  return uri;
}

std::string qr_svg(const std::string& text, std::string_view label) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> qr(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!qr) throw std::invalid_argument("QR code : texte trop long ou invalide");
  constexpr int kQuiet = 4;
  const int width = qr->width;
  const int size = width + 2 * kQuiet;
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width;) {
      if ((qr->data[y * width + x] & 1) == 0) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (qr->data[y * width + x + run] & 1) != 0) ++run;
      path += "M" + std::to_string(x + kQuiet) + ' ' + std::to_string(y + kQuiet) + "h" +
              std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  std::string n = std::to_string(size);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + ' ' + n +
                    "\" role=\"img\" aria-label=\"" + xml_escape(label) +
                    "\" shape-rendering=\"crispEdges\">";
  svg += "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/>";
  svg += "<path fill=\"#000\" d=\"" + path + "\"/>";
  svg += "</svg>";
  return svg;
}

std::vector<std::string> new_recovery_codes(int count) {
  ensure_libraries();
  std::vector<std::string> codes;
  codes.reserve(count > 0 ? static_cast<std::size_t>(count) : 0);
  while (static_cast<int>(codes.size()) < count) {
    std::string code;
    for (int g = 0; g < kRecoveryGroups; ++g) {
      if (g > 0) code.push_back('-');
      for (int i = 0; i < kRecoveryGroupLength; ++i)
        code.push_back(kRecoveryAlphabet[randombytes_uniform(
            static_cast<std::uint32_t>(kRecoveryAlphabet.size()))]);
    }
    bool duplicate = false;
    for (const auto& c : codes) duplicate = duplicate || c == code;
    if (!duplicate) codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view typed) {
  std::string compact;
  for (char c : typed) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-') continue;
    compact.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (compact.size() != static_cast<std::size_t>(kRecoveryGroups * kRecoveryGroupLength))
    return compact;
  std::string out;
  for (int g = 0; g < kRecoveryGroups; ++g) {
    if (g > 0) out.push_back('-');
    out += compact.substr(static_cast<std::size_t>(g * kRecoveryGroupLength), kRecoveryGroupLength);
  }
  return out;
}

std::string random_token(std::size_t bytes) {
  ensure_libraries();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

}  // namespace carepilot::auth
