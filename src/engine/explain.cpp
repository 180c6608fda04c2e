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

std::string explain_tail(const referential::Referential& ref, const referential::Obligation& o,
                         const ObligationResult& r, std::span<const std::int64_t> numbers) {
  std::string out;
  out.reserve(o.rule.size() + o.source.article.size() + 160 + 64 * r.missing.size());
  if (!r.evidence.empty()) {
    out.append(" Preuves utilisées : ");
    for (std::size_t i = 0; i < r.evidence.size(); ++i) {
      if (i) out.append(", ");
      // The stored record's number when known (the evidence page's "n° 55"), else the
      // record's index in the bundle.
      int k = r.evidence[i];
      std::int64_t number = k;
      if (k >= 0 && static_cast<std::size_t>(k) < numbers.size())
        number = numbers[static_cast<std::size_t>(k)];
      out.append("n° ").append(std::to_string(number));
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

std::string explain(const referential::Referential& ref, const referential::Obligation& o,
                    const ObligationResult& r, std::span<const std::int64_t> numbers,
                    const std::string& situation) {
  return situation + explain_tail(ref, o, r, numbers);
}

std::string situation_of(const referential::Referential& ref, const ObligationResult& r,
                         std::span<const std::int64_t> numbers) {
  const auto* o = ref.find_obligation(r.id);
  if (o == nullptr) return r.explanation;
  std::string tail = explain_tail(ref, *o, r, numbers);
  if (r.explanation.size() >= tail.size() &&
      r.explanation.compare(r.explanation.size() - tail.size(), tail.size(), tail) == 0)
    return r.explanation.substr(0, r.explanation.size() - tail.size());
  return r.explanation;
}

}  // namespace carepilot::engine
