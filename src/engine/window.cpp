#include "engine/window.hpp"

#include <algorithm>

namespace carepilot::engine {

using referential::Condition;
using referential::Criterion;
using referential::CriterionKind;
using referential::Obligation;
using referential::Ratio;
using referential::Subject;

int day_number(const Date& d) {
  return static_cast<int>(std::chrono::sys_days{d}.time_since_epoch().count());
}

Date from_day_number(int day) {
  return Date{std::chrono::sys_days{std::chrono::days{day}}};
}

TypeIndex index_by_type(std::span<const Evidence> evidence, const Date& as_of) {
  TypeIndex out;
  int limit = day_number(as_of);
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    int day = day_number(evidence[i].date);
    if (day <= limit)
      out[static_cast<std::size_t>(evidence[i].type)].push_back({day, static_cast<int>(i)});
  }
  return out;
}

namespace {

bool holds(const Evidence& e, const Condition& c) {
  if (!e.has(c.field)) return false;
  if (c.boolean) return (e.number(c.field) != 0) == *c.boolean;
  const auto& v = e.text_of(c.field);
  return std::find(c.text_in.begin(), c.text_in.end(), v) != c.text_in.end();
}

bool all_hold(const Evidence& e, const std::vector<Condition>& cs) {
  return std::all_of(cs.begin(), cs.end(), [&](const Condition& c) { return holds(e, c); });
}

std::optional<double> ratio_of(const Evidence& e, const Ratio& r) {
  if (!e.has(r.denominator) || e.number(r.denominator) <= 0) return std::nullopt;
  double num = 0;
  for (int f : r.numerator)
    if (e.has(f)) num += e.number(f);
  return num / e.number(r.denominator);
}

bool criterion_holds(const Evidence& e, const Criterion& c, int cutoff) {
  if (!all_hold(e, c.where)) return false;
  for (int f : c.dated)
    if (!e.has(f) || static_cast<int>(e.number(f)) > cutoff) return false;
  if (c.share) {
    auto share = ratio_of(e, *c.share);
    if (!share) return false;
    // Shares are compared with a tolerance of 1e-9 so that 5,000,000 / 250,000,000
    // reaches a 2 % threshold despite binary floating point.
    if (c.share_min && *share + 1e-9 < *c.share_min) return false;
  }
  return true;
}

bool in_window(const Subject& s, const Evidence& e, int day, const Window& w) {
  if (s.period_field >= 0) {
    return day <= w.cutoff && e.has(s.period_field) &&
           static_cast<int>(e.number(s.period_field)) == w.year;
  }
  return day <= w.end && (!w.start || day >= *w.start);
}

struct Selected {
  int index = -1;
  int day = 0;
};

Selected select(const Obligation& o, int subject, std::span<const Evidence> evidence,
                const TypeIndex& by_type, const Window& w) {
  const auto& s = o.subjects[static_cast<std::size_t>(subject)];
  Selected best;
  int best_score = -1;
  for (auto type : s.types) {
    for (const auto& d : by_type[static_cast<std::size_t>(type)]) {
      const auto& e = evidence[static_cast<std::size_t>(d.index)];
      if (!in_window(s, e, d.day, w) || !all_hold(e, s.where)) continue;
      int score = 0;
      if (s.select == referential::Select::best)
        for (const auto& c : o.criteria)
          if (c.kind == CriterionKind::record && c.subject == subject &&
              criterion_holds(e, c, w.cutoff))
            ++score;
      bool better =
          score > best_score || (score == best_score &&
                                 (d.day > best.day || (d.day == best.day && d.index > best.index)));
      if (better) {
        best = {d.index, d.day};
        best_score = score;
      }
    }
  }
  return best;
}

void check_services(const referential::Referential& ref, const Criterion& c,
                    const Establishment& est, std::span<const Evidence> evidence,
                    const TypeIndex& by_type, const Window& w, WindowResult& out) {
  bool all = std::find(c.groups.begin(), c.groups.end(), "all") != c.groups.end();
  int service_field = referential::field_index(c.evidence, "service");
  int in_scope = 0;
  for (const auto& service : est.services) {
    const auto* known = ref.find_service(service);
    if (!all && (known == nullptr ||
                 std::find(c.groups.begin(), c.groups.end(), known->group) == c.groups.end()))
      continue;
    ++in_scope;
    Selected found;
    for (const auto& d : by_type[static_cast<std::size_t>(c.evidence)]) {
      const auto& e = evidence[static_cast<std::size_t>(d.index)];
      if (d.day > w.end || (w.start && d.day < *w.start)) continue;
      if (!e.has(service_field) || e.text_of(service_field) != service) continue;
      if (found.index < 0 || d.day > found.day || (d.day == found.day && d.index > found.index))
        found = {d.index, d.day};
    }
    if (found.index >= 0) {
      out.evidence.push_back(found.index);
      out.completed_day = std::max(out.completed_day, found.day);
    } else {
      out.satisfied = false;
      auto title = known != nullptr ? known->title : service;
      out.missing.push_back({c.id + ":" + service, c.text + " " + title});
    }
  }
  if (in_scope == 0) out.no_service_in_scope = true;
}

}  // namespace

WindowResult check_window(const referential::Referential& ref, const Obligation& o,
                          const Establishment& est, std::span<const Evidence> evidence,
                          const TypeIndex& by_type, const Window& w) {
  WindowResult out;
  out.satisfied = true;
  std::vector<Selected> selected;
  selected.reserve(o.subjects.size());
  for (std::size_t s = 0; s < o.subjects.size(); ++s)
    selected.push_back(select(o, static_cast<int>(s), evidence, by_type, w));
  for (const auto& c : o.criteria) {
    if (c.kind == CriterionKind::services) {
      check_services(ref, c, est, evidence, by_type, w, out);
      continue;
    }
    const auto& sel = selected[static_cast<std::size_t>(c.subject)];
    bool ok = sel.index >= 0 &&
              criterion_holds(evidence[static_cast<std::size_t>(sel.index)], c, w.cutoff);
    if (!ok) {
      out.satisfied = false;
      out.missing.push_back({c.id, c.text});
    }
  }
  for (const auto& sel : selected) {
    if (sel.index < 0) continue;
    out.evidence.push_back(sel.index);
    out.completed_day = std::max(out.completed_day, sel.day);
  }
  for (const auto& m : o.measures) {
    const auto& sel = selected[static_cast<std::size_t>(m.subject)];
    out.measures.push_back(
        {m.id, sel.index >= 0 ? ratio_of(evidence[static_cast<std::size_t>(sel.index)], m.ratio)
                              : std::nullopt});
  }
  std::sort(out.evidence.begin(), out.evidence.end());
  out.evidence.erase(std::unique(out.evidence.begin(), out.evidence.end()), out.evidence.end());
  return out;
}

}  // namespace carepilot::engine
