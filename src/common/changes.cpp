#include "common/changes.hpp"

#include "common/labels.hpp"
#include "common/text.hpp"

namespace carepilot {

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
    out += long_text(was) || long_text(now) ? "modifié" : shown(was) + " → " + shown(now);
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
