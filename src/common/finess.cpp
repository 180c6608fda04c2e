#include "common/finess.hpp"

namespace carepilot {

namespace {
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool luhn_ok(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}
}  // namespace

std::string_view finess_reason(std::string_view f) {
  if (f.size() != 9) return "finess.invalid_length";
  bool corsica = f[0] == '2' && (f[1] == 'A' || f[1] == 'B');
  if (!corsica && !(is_digit(f[0]) && is_digit(f[1]))) return "finess.invalid_format";
  for (std::size_t i = 2; i < f.size(); ++i)
    if (!is_digit(f[i])) return "finess.invalid_format";
  if (corsica) return {};
  if (!luhn_ok(f)) return "finess.invalid_key";
  return {};
}

bool finess_valid(std::string_view f) {
  return finess_reason(f).empty();
}

std::string_view finess_reason_text(std::string_view reason) {
  if (reason == "finess.invalid_length") return "un numéro FINESS compte 9 caractères";
  if (reason == "finess.invalid_format")
    return "un numéro FINESS commence par le département (2 chiffres, 2A ou 2B) suivi de 7 "
           "chiffres";
  if (reason == "finess.invalid_key")
    return "la clé de contrôle (Luhn) du numéro FINESS est fausse";
  return {};
}

}  // namespace carepilot
