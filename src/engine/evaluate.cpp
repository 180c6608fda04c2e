#include "engine/evaluate.hpp"

#include <algorithm>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "engine/explain.hpp"
#include "engine/window.hpp"

namespace carepilot::engine {

using referential::Obligation;
using referential::Periodicity;

std::string_view status_name(Status s) {
  switch (s) {
    case Status::met:
      return "met";
    case Status::due:
      return "due";
    case Status::overdue:
      return "overdue";
    case Status::not_applicable:
      return "not_applicable";
  }
  return "";
}

namespace {

struct Period {
  Date start, end;
  std::string label;
};

Period period_of(Periodicity p, const Date& d) {
  if (p == Periodicity::quarterly) {
    auto end = end_of_quarter(d);
    Date start{d.year() / std::chrono::month{static_cast<unsigned>(end.month()) - 2} / 1};
    return {start, end,
            std::to_string(static_cast<int>(d.year())) + "-Q" + std::to_string(quarter_of(d))};
  }
  return {Date{d.year() / std::chrono::January / 1}, end_of_year(d),
          std::to_string(static_cast<int>(d.year()))};
}

// "le 3e trimestre 2026", "l'année 2026": the period in words (common/labels.hpp).
std::string period_words(Periodicity p, const std::string& label) {
  return (p == Periodicity::quarterly ? "le " : "l'année ") + period_label(label);
}

// "s'est clos" (trimestre) or "s'est close" (année): the past participle agrees.
std::string_view closed_words(Periodicity p) {
  return p == Periodicity::quarterly ? " s'est clos le " : " s'est close le ";
}

// d minus `months` calendar months; a day the month lacks becomes its last day.
Date minus_months(const Date& d, int months) {
  auto ym = std::chrono::year_month{d.year(), d.month()} - std::chrono::months{months};
  Date out{ym / d.day()};
  return out.ok() ? out : Date{ym / std::chrono::last};
}

void take(ObligationResult& r, WindowResult&& w) {
  r.evidence = std::move(w.evidence);
  r.missing = std::move(w.missing);
  r.measures = std::move(w.measures);
}

// "1 jour", "1 183 jours" (grouped by thousands, common/french.hpp).
std::string days_words(int n) {
  return plural(n, "jour", "jours");
}
// "(1 jour restant)", "(12 jours restants)": the participle agrees with the count.
std::string days_left_words(int n) {
  return days_words(n) + " " + std::string(agree(n, "restant", "restants"));
}

void evaluate_periodic(const referential::Referential& ref, const Obligation& o,
                       const Establishment& est, std::span<const Evidence> evidence,
                       const TypeIndex& idx, const Date& as_of, const Date& in_force,
                       ObligationResult& r, std::span<const std::int64_t> numbers) {
  auto p = o.timing.periodicity;
  auto cur = period_of(p, as_of);
  int d = day_number(as_of);
  Window w{day_number(cur.start), d, d, static_cast<int>(as_of.year())};
  auto now = check_window(ref, o, est, evidence, idx, w);
  if (now.satisfied) {
    r.status = Status::met;
    r.period = cur.label;
    r.deadline = cur.end;
    take(r, std::move(now));
    r.explanation = explain(ref, o, r, numbers,
                            "Satisfaite pour " + period_words(p, cur.label) + " (échéance le " +
                                format_date_fr(cur.end) + ").");
    return;
  }
  // The period just closed: if its criteria were never met, the obligation is overdue
  // until the current period's are.
  auto prev = period_of(p, add_days(cur.start, -1));
  if (prev.end >= in_force) {
    Window pw{day_number(prev.start), day_number(prev.end), d, static_cast<int>(prev.end.year())};
    auto before = check_window(ref, o, est, evidence, idx, pw);
    if (!before.satisfied) {
      r.status = Status::overdue;
      r.period = prev.label;
      r.deadline = prev.end;
      r.days_late = days_between(prev.end, as_of);
      take(r, std::move(before));
      r.explanation =
          explain(ref, o, r, numbers,
                  "En retard : " + period_words(p, prev.label) + std::string(closed_words(p)) +
                      format_date_fr(prev.end) + " sans que les critères soient remplis (" +
                      days_words(*r.days_late) + " de retard). Pour " + period_words(p, cur.label) +
                      ", échéance le " + format_date_fr(cur.end) + ".");
      return;
    }
  }
  r.status = Status::due;
  r.period = cur.label;
  r.deadline = cur.end;
  r.days_left = days_between(as_of, cur.end);
  take(r, std::move(now));
  r.explanation =
      explain(ref, o, r, numbers,
              "À réaliser pour " + period_words(p, cur.label) + " au plus tard le " +
                  format_date_fr(cur.end) + " (" + days_left_words(*r.days_left) + ").");
}

// The first day from which the criteria, met late on `d`, have held every day up to `d`
// (never before the day after the deadline `x`): what « critères remplis le » names. A newer
// record (a plan's next version) validated later must not move it. The criteria can only
// change on a record's day or a dated field's day, so they are checked on those days, latest
// first, back to the first one on which they did not hold.
int met_continuously_since(const referential::Referential& ref, const Obligation& o,
                           const Establishment& est, std::span<const Evidence> evidence,
                           const TypeIndex& idx, int x, int d) {
  std::vector<int> days{x + 1};
  for (const auto& type : idx)
    for (const auto& r : type)
      if (r.day > x && r.day <= d) days.push_back(r.day);
  for (const auto& c : o.criteria) {
    if (c.dated.empty() || c.subject < 0) continue;
    const auto& types = o.subjects[static_cast<std::size_t>(c.subject)].types;
    for (const auto& e : evidence) {
      if (std::find(types.begin(), types.end(), e.type) == types.end()) continue;
      for (int f : c.dated) {
        if (!e.has(f)) continue;
        int day = static_cast<int>(e.number(f));
        if (day > x && day <= d) days.push_back(day);
      }
    }
  }
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  int since = d;
  for (auto it = days.rbegin(); it != days.rend(); ++it) {
    if (!check_window(ref, o, est, evidence, idx, Window{std::nullopt, *it, *it, 0}).satisfied)
      break;
    since = *it;
  }
  return since;
}

void evaluate_fixed(const referential::Referential& ref, const Obligation& o,
                    const Establishment& est, std::span<const Evidence> evidence,
                    const TypeIndex& idx, const Date& as_of, ObligationResult& r,
                    std::span<const std::int64_t> numbers) {
  const Date deadline = *o.timing.deadline;
  int d = day_number(as_of), x = day_number(deadline);
  r.deadline = deadline;
  if (d <= x) {
    auto now = check_window(ref, o, est, evidence, idx, Window{std::nullopt, d, d, 0});
    if (now.no_service_in_scope && o.not_applicable_without_service) {
      r.status = Status::not_applicable;
      r.explanation = explain(ref, o, r, numbers,
                              "Ne s'applique pas : l'établissement n'exploite aucun des services "
                              "concernés.");
      return;
    }
    bool met = now.satisfied;
    take(r, std::move(now));
    if (met) {
      r.status = Status::met;
      r.explanation = explain(ref, o, r, numbers,
                              "Satisfaite avant l'échéance du " + format_date_fr(deadline) + ".");
    } else {
      r.status = Status::due;
      r.days_left = x - d;
      r.explanation = explain(ref, o, r, numbers,
                              "À réaliser au plus tard le " + format_date_fr(deadline) + " (" +
                                  days_left_words(*r.days_left) + ").");
    }
    return;
  }
  auto on_time = check_window(ref, o, est, evidence, idx, Window{std::nullopt, x, x, 0});
  if (on_time.no_service_in_scope && o.not_applicable_without_service) {
    r.status = Status::not_applicable;
    r.explanation = explain(ref, o, r, numbers,
                            "Ne s'applique pas : l'établissement n'exploite aucun des services "
                            "concernés.");
    return;
  }
  if (on_time.satisfied) {
    r.status = Status::met;
    take(r, std::move(on_time));
    r.explanation =
        explain(ref, o, r, numbers, "Satisfaite à l'échéance du " + format_date_fr(deadline) + ".");
    return;
  }
  auto late = check_window(ref, o, est, evidence, idx, Window{std::nullopt, d, d, 0});
  if (late.satisfied) {
    r.status = Status::met;
    r.late = true;
    int done = met_continuously_since(ref, o, est, evidence, idx, x, d);
    take(r, std::move(late));
    r.explanation =
        explain(ref, o, r, numbers,
                "Satisfaite en retard : l'échéance était le " + format_date_fr(deadline) +
                    ", critères remplis le " + format_date_fr(from_day_number(done)) + ".");
    return;
  }
  r.status = Status::overdue;
  r.days_late = d - x;
  take(r, std::move(late));
  r.explanation = explain(ref, o, r, numbers,
                          "En retard : l'échéance du " + format_date_fr(deadline) +
                              " est dépassée sans que les critères soient remplis (" +
                              days_words(*r.days_late) + " de retard).");
}

void evaluate_open(const referential::Referential& ref, const Obligation& o,
                   const Establishment& est, std::span<const Evidence> evidence,
                   const TypeIndex& idx, const Date& as_of, ObligationResult& r,
                   std::span<const std::int64_t> numbers) {
  int d = day_number(as_of);
  Window w{std::nullopt, d, d, 0};
  if (o.timing.window_months > 0) {
    auto start = minus_months(as_of, o.timing.window_months);
    w.start = day_number(start);
    r.period = format_date(start) + "/" + format_date(as_of);
  }
  auto now = check_window(ref, o, est, evidence, idx, w);
  bool met = now.satisfied;
  take(r, std::move(now));
  bool once = o.timing.periodicity == Periodicity::once;
  if (met) {
    r.status = Status::met;
    r.explanation =
        explain(ref, o, r, numbers,
                once ? std::string("Satisfaite (obligation ponctuelle).")
                     : "Satisfaite au " + format_date_fr(as_of) + " (obligation permanente).");
  } else {
    r.status = Status::due;
    r.explanation = explain(ref, o, r, numbers,
                            once ? std::string("À réaliser ; le texte ne fixe pas d'échéance.")
                                 : "Non satisfaite au " + format_date_fr(as_of) +
                                       " ; obligation permanente, sans échéance fixée par le "
                                       "texte.");
  }
}

ObligationResult evaluate_one(const referential::Referential& ref, const Obligation& o,
                              const Establishment& est, std::span<const Evidence> evidence,
                              const TypeIndex& idx, const Date& as_of,
                              std::span<const std::int64_t> numbers) {
  ObligationResult r;
  r.id = o.id;
  r.title = o.title;
  const auto& ins = ref.instructions[o.instruction];
  if (std::find(o.applies_to.begin(), o.applies_to.end(), est.category) == o.applies_to.end()) {
    r.status = Status::not_applicable;
    std::string targets;
    for (const auto& c : o.applies_to) targets += (targets.empty() ? "" : ", ") + code_label(c);
    r.explanation = explain(
        ref, o, r, numbers,
        "Ne s'applique pas : " + ins.short_name + " vise les établissements de catégorie " +
            targets + " ; cet établissement est de catégorie " + code_label(est.category) + ".");
    return r;
  }
  if (as_of < ins.in_force_from) {
    r.status = Status::not_applicable;
    r.explanation =
        explain(ref, o, r, numbers,
                "Pas encore en vigueur : " + ins.short_name + " s'applique à compter du " +
                    format_date_fr(ins.in_force_from) + ".");
    return r;
  }
  switch (o.timing.periodicity) {
    case Periodicity::yearly:
    case Periodicity::quarterly:
      evaluate_periodic(ref, o, est, evidence, idx, as_of, ins.in_force_from, r, numbers);
      break;
    case Periodicity::fixed:
      evaluate_fixed(ref, o, est, evidence, idx, as_of, r, numbers);
      break;
    case Periodicity::once:
    case Periodicity::continuous:
      evaluate_open(ref, o, est, evidence, idx, as_of, r, numbers);
      break;
  }
  return r;
}

}  // namespace

ObligationResult evaluate_obligation(const referential::Referential& ref, const Obligation& o,
                                     const Establishment& est, std::span<const Evidence> evidence,
                                     const Date& as_of, std::span<const std::int64_t> numbers) {
  return evaluate_one(ref, o, est, evidence, index_by_type(evidence, as_of), as_of, numbers);
}

EstablishmentReport evaluate(const referential::Referential& ref, const Establishment& est,
                             std::span<const Evidence> evidence, const Date& as_of,
                             std::span<const std::int64_t> numbers) {
  EstablishmentReport out{est.finess, est.name, est.category, {}};
  out.obligations.reserve(ref.obligations.size());
  auto idx = index_by_type(evidence, as_of);
  for (const auto& o : ref.obligations)
    out.obligations.push_back(evaluate_one(ref, o, est, evidence, idx, as_of, numbers));
  return out;
}

}  // namespace carepilot::engine
