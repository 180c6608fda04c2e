#include "incidents/rules/timeline.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "common/french.hpp"
#include "common/labels.hpp"

namespace carepilot::incidents {

namespace timeline_detail {

bool two_digits(std::string_view s, std::size_t at, int& out) {
  if (at + 2 > s.size() || !std::isdigit(static_cast<unsigned char>(s[at])) ||
      !std::isdigit(static_cast<unsigned char>(s[at + 1])))
    return false;
  out = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return true;
}

const Event* first(const std::vector<Event>& t, std::string_view kind) {
  const Event* best = nullptr;
  for (const auto& e : t)
    if (e.kind == kind && (!best || e.at < best->at)) best = &e;
  return best;
}

std::vector<const Event*> sorted(const std::vector<Event>& t) {
  std::vector<const Event*> out;
  for (const auto& e : t) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const Event* a, const Event* b) {
    return a->at != b->at ? a->at < b->at : a->id < b->id;
  });
  return out;
}

std::string labelled(const char* field) {
  return std::string(field_label(field)) + " : ";
}

}  // namespace timeline_detail

std::optional<TypedInstant> parse_instant(std::string_view s) {
  using timeline_detail::two_digits;
  // YYYY-MM-DDTHH:MM
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':') return {};
  for (std::size_t i : {0u, 1u, 2u, 3u})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return {};
  const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!two_digits(s, 5, mo) || !two_digits(s, 8, d) || !two_digits(s, 11, h) ||
      !two_digits(s, 14, mi))
    return {};
  std::size_t at = 16;
  if (at < s.size() && s[at] == ':') {
    if (!two_digits(s, at + 1, sec)) return {};
    at += 3;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month(mo),
                                        std::chrono::day(d)};
  if (y < 1900 || !ymd.ok() || h > 23 || mi > 59 || sec > 59) return {};
  int offset = 0;
  if (at < s.size() && s[at] == 'Z') {
    ++at;
  } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    int oh = 0, om = 0;
    if (!two_digits(s, at + 1, oh) || at + 3 >= s.size() || s[at + 3] != ':' ||
        !two_digits(s, at + 4, om) || om > 59)
      return {};
    offset = oh * 60 + om;
    if (offset > 14 * 60) return {};
    if (s[at] == '-') offset = -offset;
    at += 6;
  } else {
    return {};  // no explicit offset
  }
  if (at != s.size()) return {};
  const auto local = std::chrono::sys_days(ymd).time_since_epoch() + std::chrono::hours(h) +
                     std::chrono::minutes(mi) + std::chrono::seconds(sec);
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(local).count();
  return TypedInstant{secs - offset * 60LL, offset};
}

std::string utc_text(std::int64_t unix) {
  return iso_utc(unix);
}

std::vector<FieldError> check_qualification(const Catalog& c, const Qualification& q) {
  std::vector<FieldError> errors;
  for (const auto& [dim_id, values] : q) {
    const std::string field = "qualification." + dim_id;
    const auto* dim = c.dimension(dim_id);
    if (!dim) {
      errors.push_back({field, "incident.dimension_unknown",
                        "Qualification : dimension « " + dim_id + " » inconnue."});
      continue;
    }
    const std::string name = label("dimension", dim_id);
    if (!dim->matrix && values.size() > 1)
      errors.push_back({field, "incident.single_value", name + " : une seule valeur attendue."});
    for (const auto& v : values)
      if (!dim->allows(v)) {
        std::vector<std::string> names;
        if (dim->matrix) {
          for (const auto& cat : dim->categories)
            for (const auto& cr : dim->criteria) names.push_back(label("data", cat.id + "." + cr));
        } else {
          for (const auto& x : dim->values) names.push_back(label(dim_id, x));
        }
        std::vector<std::string_view> views(names.begin(), names.end());
        errors.push_back({field, "incident.value_unknown",
                          name + " : choix possibles : " + french_choices(views) + "."});
        break;
      }
  }
  return errors;
}

std::vector<FieldError> check_event(const Catalog& c, const std::vector<Event>& timeline,
                                    const Event& e, const std::vector<std::string>& services) {
  using timeline_detail::labelled;
  std::vector<FieldError> errors;
  const auto* type = c.event(e.kind);
  if (!type) {
    // Only the types a user may add to this timeline (issue 19 trial: the list named the
    // declaration's transmission and the legacy declaration, then refused them).
    std::vector<std::string> names;
    for (const auto& t : c.events)
      if (!t.automatic && !t.legacy && !(t.unique && timeline_detail::first(timeline, t.id)))
        names.push_back(label("event", t.id));
    std::vector<std::string_view> views(names.begin(), names.end());
    errors.push_back({"event_kind", "incident.event_unknown",
                      labelled("event_kind") + "choix possibles : " + french_choices(views) + "."});
    return errors;
  }
  if (type->automatic) {
    errors.push_back({"event_kind", "incident.event_automatic",
                      labelled("event_kind") + "l'événement « " + label("event", e.kind) +
                          " » est enregistré par la transmission de la déclaration initiale "
                          "(page de la déclaration au CERT Santé), pas à la main."});
    return errors;
  }
  if (type->legacy) {
    errors.push_back({"event_kind", "incident.event_automatic",
                      labelled("event_kind") + "l'événement « " + label("event", e.kind) +
                          " » ne se saisit plus : la transmission de la déclaration se note sur "
                          "la page de la déclaration au CERT Santé."});
    return errors;
  }
  if (type->unique && timeline_detail::first(timeline, e.kind))
    errors.push_back({"event_kind", "incident.event_unique",
                      labelled("event_kind") + "l'événement « " + label("event", e.kind) +
                          " » est déjà dans la chronologie de cet incident."});
  const auto* detection = timeline_detail::first(timeline, "detection");
  if (detection && !type->before_detection && e.at < detection->at)
    errors.push_back({"event_at", "incident.before_detection",
                      labelled("event_at") + "l'événement est daté avant la détection (" +
                          paris_datetime(detection->at) +
                          ") ; seule la survenue peut la précéder."});
  if (type->per_service) {
    if (e.service.empty()) {
      errors.push_back({"service", "incident.service_required",
                        labelled("service") + "le service concerné est requis."});
      return errors;
    }
    if (std::find(services.begin(), services.end(), e.service) == services.end()) {
      errors.push_back({"service", "incident.service_unknown",
                        labelled("service") + "« " + service_label(e.service) +
                            " » n'est pas un service de l'établissement."});
      return errors;
    }
    // The period of this service open before `e` (the last start not yet ended).
    const EventType* starts = nullptr;  // the type `e` ends, or nullptr
    if (!type->ends.empty()) starts = c.event(type->ends);
    std::string start_kind = starts ? starts->id : e.kind;
    std::string end_kind;
    for (const auto& t : c.events)
      if (t.ends == start_kind) end_kind = t.id;
    const Event* open = nullptr;
    for (const auto* x : timeline_detail::sorted(timeline)) {
      if (x->service != e.service) continue;
      if (x->kind == start_kind) open = x;
      if (x->kind == end_kind) open = nullptr;
    }
    if (starts) {
      if (!open)
        errors.push_back({"service", "incident.no_open_period",
                          labelled("service") + "aucune période « " + label("event", start_kind) +
                              " » n'est ouverte pour « " + service_label(e.service) + " »."});
      else if (e.at < open->at)
        errors.push_back({"event_at", "incident.end_before_start",
                          labelled("event_at") + "la fin est datée avant le début (" +
                              paris_datetime(open->at) + ") pour « " + service_label(e.service) +
                              " »."});
    } else if (!end_kind.empty() && open) {
      errors.push_back({"service", "incident.period_open",
                        labelled("service") + "une période « " + label("event", e.kind) +
                            " » est déjà ouverte pour « " + service_label(e.service) +
                            " » depuis le " + paris_datetime(open->at) + "."});
    }
  }
  return errors;
}

std::optional<FieldError> check_not_future(const Catalog& c, const char* field, std::int64_t at,
                                           std::int64_t now) {
  if (at <= now + static_cast<std::int64_t>(c.clock_skew_minutes) * 60) return std::nullopt;
  return FieldError{field, "incident.in_future",
                    timeline_detail::labelled(field) + "la date (" + paris_datetime(at) +
                        ") est postérieure à maintenant (" + paris_datetime(now) +
                        ") ; indiquez une date et une heure déjà passées."};
}

Durations durations(const std::vector<Event>& timeline, std::int64_t now) {
  using timeline_detail::first;
  Durations d;
  const auto* detection = first(timeline, "detection");
  const auto* occurred = first(timeline, "occurred");
  if (detection && occurred) d.to_detect = detection->at - occurred->at;
  if (detection) {
    if (const auto* x = first(timeline, "containment")) d.to_contain = x->at - detection->at;
    if (const auto* x = first(timeline, "declaration_submitted"))
      d.to_declare = x->at - detection->at;
    if (const auto* x = first(timeline, "services_restored")) d.to_restore = x->at - detection->at;
  }
  std::map<std::string, std::size_t> open;  // service → index in periods
  for (const auto* e : timeline_detail::sorted(timeline)) {
    if (e->kind == "degraded_start" && !open.count(e->service)) {
      open[e->service] = d.periods.size();
      d.periods.push_back({e->service, e->at, std::nullopt});
    } else if (e->kind == "degraded_end") {
      auto it = open.find(e->service);
      if (it == open.end()) continue;
      d.periods[it->second].end = e->at;
      open.erase(it);
    }
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> spans;
  for (const auto& p : d.periods) {
    const std::int64_t end = p.end ? *p.end : std::max(now, p.start);
    if (!p.end) d.degraded_ongoing = true;
    d.degraded_by_service[p.service] += end - p.start;
    spans.emplace_back(p.start, end);
  }
  std::sort(spans.begin(), spans.end());
  std::int64_t cur_start = 0, cur_end = 0;
  bool have = false;
  for (const auto& [s, e] : spans) {
    if (have && s <= cur_end) {
      cur_end = std::max(cur_end, e);
      continue;
    }
    if (have) d.degraded += cur_end - cur_start;
    cur_start = s;
    cur_end = e;
    have = true;
  }
  if (have) d.degraded += cur_end - cur_start;
  return d;
}

std::vector<Clock> clocks(const Catalog& c, const std::vector<Event>& timeline,
                          const Qualification& q, std::int64_t now) {
  std::vector<Clock> out;
  const auto* detection = timeline_detail::first(timeline, "detection");
  if (!detection) return out;
  for (const auto& dl : c.deadlines) {
    Clock k;
    k.deadline = &dl;
    if (dl.applies_when) {
      auto it = q.find(dl.applies_when->dimension);
      if (it == q.end()) {
        k.state = ClockState::to_qualify;
        out.push_back(k);
        continue;
      }
      const auto* dim = c.dimension(dl.applies_when->dimension);
      bool applies = false;
      for (const auto& cell : it->second) {
        const auto* cat = dim ? dim->category(cell.substr(0, cell.find('.'))) : nullptr;
        if (cat && cat->personal == dl.applies_when->personal) applies = true;
      }
      if (!applies) {
        k.state = ClockState::not_applicable;
        out.push_back(k);
        continue;
      }
    }
    if (const auto* done = timeline_detail::first(timeline, dl.done_by)) k.done_at = done->at;
    if (dl.within_hours) {
      k.due = detection->at + static_cast<std::int64_t>(*dl.within_hours) * 3600;
      if (k.done_at) {
        k.state = *k.done_at <= *k.due ? ClockState::done_on_time : ClockState::done_late;
        k.seconds = *k.done_at <= *k.due ? *k.due - *k.done_at : *k.done_at - *k.due;
      } else {
        k.state = now <= *k.due ? ClockState::running : ClockState::overdue;
        k.seconds = now <= *k.due ? *k.due - now : now - *k.due;
      }
    } else if (k.done_at) {
      k.state = ClockState::done;
      k.seconds = std::max<std::int64_t>(0, *k.done_at - detection->at);
    } else {
      k.state = ClockState::as_soon_as_possible;
      k.seconds = std::max<std::int64_t>(0, now - detection->at);
    }
    out.push_back(k);
  }
  return out;
}

std::string_view clock_state_code(ClockState s) {
  switch (s) {
    case ClockState::not_applicable:
      return "not_applicable";
    case ClockState::to_qualify:
      return "to_qualify";
    case ClockState::running:
      return "running";
    case ClockState::overdue:
      return "overdue";
    case ClockState::as_soon_as_possible:
      return "as_soon_as_possible";
    case ClockState::done_on_time:
      return "done_on_time";
    case ClockState::done_late:
      return "done_late";
    case ClockState::done:
      return "done";
  }
  return "not_applicable";
}

std::string duration_text(std::int64_t seconds) {
  if (seconds < 0) seconds = -seconds;
  const std::int64_t minutes = seconds / 60;
  if (minutes == 0) return "moins d'une minute";
  const std::int64_t days = minutes / (24 * 60), hours = (minutes / 60) % 24, mins = minutes % 60;
  std::string out;
  auto add = [&out](std::int64_t n, const char* one, const char* many) {
    if (n == 0) return;
    if (!out.empty()) out += ' ';
    out += plural(n, one, many);
  };
  add(days, "jour", "jours");
  add(hours, "heure", "heures");
  add(mins, "minute", "minutes");
  if (out.empty()) out = plural(0, "heure", "heures");
  return out;
}

std::string remaining_text(std::int64_t seconds) {
  const std::int64_t minutes = (seconds < 0 ? -seconds : seconds) / 60;
  const std::int64_t days = minutes / (24 * 60), hours = (minutes / 60) % 24, mins = minutes % 60;
  const char* word = "restante";
  if (days > 0)
    word = days > 1 || hours > 0 ? "restants" : "restant";
  else if (hours > 0)
    word = hours > 1 || mins > 0 ? "restantes" : "restante";
  else if (mins > 1)
    word = "restantes";
  return duration_text(seconds) + " " + word;
}

std::string clock_delay_text(const Clock& c) {
  switch (c.state) {
    case ClockState::running:
      return remaining_text(c.seconds);
    case ClockState::overdue:
    case ClockState::done_late:
      return duration_text(c.seconds) + " de retard";
    case ClockState::done_on_time:
      return duration_text(c.seconds) + " d'avance";
    case ClockState::as_soon_as_possible:
      return duration_text(c.seconds) + " depuis la détection";
    case ClockState::done:
      return "fait " + duration_text(c.seconds) + " après la détection";
    default:
      return "—";
  }
}

}  // namespace carepilot::incidents
