#include "common/export.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace carepilot::exports {

namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length, 0 when invalid (then cp is unset).
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  std::uint32_t v = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b(k) & 0x3Fu);
  }
  static const std::uint32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < min_for_len[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  cp = v;
  return len;
}

template <typename Keep>
std::string filter(std::string_view text, Keep keep) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t cp = 0;
    std::size_t len = decode(text, i, cp);
    if (len == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (keep(cp))
      out.append(text.substr(i, len));
    else
      out += kReplacement;
    i += len;
  }
  return out;
}

}  // namespace

std::string valid_text(std::string_view text) {
  return filter(text, [](std::uint32_t) { return true; });
}

std::string xml_text(std::string_view text) {
  return filter(text, [](std::uint32_t cp) {
    if (cp < 0x20) return cp == 0x09 || cp == 0x0A || cp == 0x0D;
    return cp != 0xFFFE && cp != 0xFFFF;
  });
}

// "-12,5": a number, not a formula.
bool is_number(std::string_view v) {
  std::size_t i = v.size() > 1 && v[0] == '-' ? 1 : 0;
  bool digits = false, comma = false;
  for (; i < v.size(); ++i) {
    if (v[i] >= '0' && v[i] <= '9')
      digits = true;
    else if (v[i] == ',' && !comma && digits)
      comma = true;
    else
      return false;
  }
  return digits && v.back() != ',';
}

std::string csv_cell(std::string_view text) {
  std::string v = valid_text(text);
  if (!v.empty() && !is_number(v) &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Csv::Csv(const std::vector<std::string>& header) : out_(kBom) {
  row(header);
}

void Csv::row(const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out_ += ';';
    out_ += csv_cell(cells[i]);
  }
  // A row of one empty cell would be a blank line, which readers skip: quote it.
  if (cells.size() == 1 && cells[0].empty()) out_ += "\"\"";
  out_ += "\r\n";
}

std::string decimal(double v, int digits) {
  if (!std::isfinite(v)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  std::string s = buf;
  for (char& c : s)
    if (c == '.') c = ',';
  if (s == "-0" || s.rfind("-0,", 0) == 0) {
    bool zero = s.find_first_not_of("-0,") == std::string::npos;
    if (zero) s.erase(0, 1);
  }
  return s;
}

std::string percent(double share, int digits) {
  return decimal(share * 100.0, digits);
}

std::string french_date(const Date& d) {
  std::string s = format_date(d);
  return s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4);
}

std::string finess_and_name(std::string_view finess, std::string_view name) {
  if (name.empty()) return std::string(finess);
  return std::string(finess) + " — " + std::string(name);
}

}  // namespace carepilot::exports
