#include "engine/explain.hpp"

#include <cmath>
#include <cstdio>

#include "common/labels.hpp"

namespace carepilot::engine {

std::string format_percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(share * 1000.0) / 10.0);
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = ',';
  return s + " %";
}

std::string format_date_fr(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return buf;
}

std::string explain(const referential::Referential& ref, const referential::Obligation& o,
                    const ObligationResult& r, const std::string& situation) {
  std::string out;
  out.reserve(situation.size() + o.rule.size() + o.source.article.size() + 160 +
              64 * r.missing.size());
  out.append(situation);
  if (!r.evidence.empty()) {
    out.append(" Preuves utilisées : ");
    for (std::size_t i = 0; i < r.evidence.size(); ++i) {
      if (i) out.append(", ");
      out.append("n° ").append(std::to_string(r.evidence[i]));
    }
    out.push_back('.');
  }
  if (!r.missing.empty()) {
    out.append(" Manque : ");
    for (std::size_t i = 0; i < r.missing.size(); ++i) {
      if (i) out.append(" ; ");
      out.append(r.missing[i].text);
    }
    out.push_back('.');
  }
  for (const auto& m : r.measures) {
    out.append(" ").append(measure_label(m.id)).append(" : ");
    out.append(m.value ? format_percent(*m.value) : std::string("non mesurée")).push_back('.');
  }
  out.append(" Règle : ").append(o.rule);
  const auto& ins = ref.instructions[o.instruction];
  out.append(" Source : ").append(o.source.text).append(", ").append(o.source.article);
  out.append(" (version ").append(std::to_string(ins.version)).append(" du référentiel).");
  return out;
}

}  // namespace carepilot::engine
