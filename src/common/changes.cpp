#include "common/changes.hpp"

#include <algorithm>

#include "common/labels.hpp"
#include "common/text.hpp"

namespace carepilot {

namespace changes_detail {

// Bytes of UTF-8 continuation (10xxxxxx): never a cut point.
bool continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// About kShownChangeExcerptChars characters of `v` from the word holding byte `at` (the first
// difference), cut at a word boundary, line breaks read as spaces, « … » where text is left out.
std::string excerpt(const std::string& v, std::size_t at) {
  if (v.empty()) return "—";
  at = std::min(at, v.size());
  while (at > 0 && continuation(v[at])) --at;
  // Back to the start of the word, and a few words before when the difference is inside.
  std::size_t b = at;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  while (b > 0 && !is_space(v[b - 1])) --b;
  if (at - b > 30) {  // a very long word: a few characters before the difference
    b = at - 20;
    while (b > 0 && continuation(v[b])) --b;
  }
  for (int words = 0; words < 2 && b > 0 && at - b < 30; ++words) {
    std::size_t w = b;
    while (w > 0 && is_space(v[w - 1])) --w;
    while (w > 0 && !is_space(v[w - 1])) --w;
    if (at - w > 30) break;
    b = w;
  }
  std::size_t e = b, chars = 0;
  while (e < v.size() && chars < kShownChangeExcerptChars) {
    ++e;
    while (e < v.size() && continuation(v[e])) ++e;
    ++chars;
  }
  if (e < v.size()) {
    // Cut at the last word boundary (a word longer than the excerpt is cut where it stands).
    std::size_t w = e;
    while (w > b && !is_space(v[w])) --w;
    if (w > b) e = w;
  }
  std::string out = trim(v.substr(b, e - b));
  for (auto& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return "« " + std::string(b > 0 ? "…" : "") + out + (e < v.size() ? "…" : "") + " »";
}

}  // namespace changes_detail

std::string describe_changes(const std::vector<ShownField>& before,
                             const std::vector<ShownField>& after) {
  auto value_in = [](const std::vector<ShownField>& fields, const std::string& key) {
    for (const auto& f : fields)
      if (f.key == key) return f.value;
    return std::string();
  };
  auto shown = [](const std::string& v) { return v.empty() ? std::string("—") : "« " + v + " »"; };
  auto long_text = [](const std::string& v) {
    return utf8_length(v) > kShownChangeChars || v.find('\n') != std::string::npos;
  };
  std::string out;
  auto add = [&](const std::string& key, const std::string& was, const std::string& now) {
    if (was == now) return;
    out += out.empty() ? "" : " ; ";
    out += std::string(field_label(key)) + " : ";
    if (!long_text(was) && !long_text(now)) {
      out += shown(was) + " → " + shown(now);
      return;
    }
    // A long text: where it starts to differ, before and after (issue 20 trial: « modifié »
    // alone did not say what was changed).
    std::size_t at = 0;
    while (at < was.size() && at < now.size() && was[at] == now[at]) ++at;
    out += "modifié (ancien : " + changes_detail::excerpt(was, at) +
           ", nouveau : " + changes_detail::excerpt(now, at) + ")";
  };
  for (const auto& f : after) add(f.key, value_in(before, f.key), f.value);
  for (const auto& f : before) {
    bool in_after = false;
    for (const auto& a : after) in_after = in_after || a.key == f.key;
    if (!in_after) add(f.key, f.value, "");
  }
  return out;
}

}  // namespace carepilot
