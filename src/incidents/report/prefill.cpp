#include "incidents/report/prefill.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>

#include "common/french.hpp"
#include "common/record_labels.hpp"
#include "incidents/rules/catalog.hpp"
#include "incidents/rules/timeline.hpp"

namespace carepilot::incidents {

namespace {

std::string capitalised(std::string s) {
  if (!s.empty() && static_cast<unsigned char>(s[0]) < 0x80)
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// "2026-03-12", the Paris day of `unix`.
std::string paris_ymd(std::int64_t unix) {
  const std::string p = paris_datetime(unix);  // "12/03/2026 à 10 h 00"
  return p.substr(6, 4) + "-" + p.substr(3, 2) + "-" + p.substr(0, 2);
}

std::optional<std::int64_t> instant(const std::string& iso) {
  if (iso.empty()) return std::nullopt;
  if (auto t = parse_instant(iso)) return t->unix;
  return parse_iso_utc(iso);
}

// The words of `text`, lowercased (ASCII; accented letters kept as they are).
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (const unsigned char c : text) {
    if (c >= 0x80 || std::isalnum(c)) {
      w += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

// Whether `text` states one of `claims`, not negated nor to come.
bool states(const std::vector<std::string>& text, std::initializer_list<const char*> claims) {
  static const std::vector<std::string> before{"non",  "pas",   "encore", "sera",
                                               "être", "avant", "jamais", "ni"};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::none_of(claims.begin(), claims.end(), [&](const char* c) { return text[i] == c; }))
      continue;
    if (i > 0 && std::find(before.begin(), before.end(), text[i - 1]) != before.end()) continue;
    return true;
  }
  return false;
}

}  // namespace

std::string handling_contradiction(const std::string& text, const std::string& status_then,
                                   bool contained_then) {
  const auto w = words(text);
  if (status_then != "closed" &&
      states(w, {"clos", "close", "closes", "clôturé", "clôturée", "résolu", "résolue"}))
    return "le texte dit l'incident clos, alors que le registre le montre « " +
           std::string(status_label("incident", status_then)) + " » à la date de transmission";
  if (status_then == "open" && !contained_then &&
      states(w, {"confiné", "confinée", "confinés", "confinées", "isolé", "isolée", "isolés",
                 "isolées"}))
    return "le texte dit l'incident confiné, alors que le registre ne montre aucun confinement à "
           "la date de transmission";
  return "";
}

RegisterCut status_cut(const std::vector<std::pair<std::int64_t, std::string>>& changes,
                       std::int64_t at) {
  RegisterCut cut;
  cut.status = "open";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (i > 0 && changes[i].first > at) break;
    cut.status = i == 0 ? std::string("open") : changes[i].second;
    cut.closed_at =
        cut.status == "closed" ? std::optional<std::int64_t>(changes[i].first) : std::nullopt;
  }
  return cut;
}

bool freeze_register_fields(DeclarationContent& content,
                            const std::vector<DeclarationContent>& register_texts,
                            const DeclarationContent& register_then) {
  bool changed = false;
  for (auto& [field, text] : content) {
    if (field == "declarant_name" || field == "declarant_contact") continue;
    const auto then = register_then.find(field);
    if (then == register_then.end() || then->second == text) continue;
    const bool follows = std::any_of(register_texts.begin(), register_texts.end(),
                                     [&, f = field](const DeclarationContent& r) {
                                       const auto it = r.find(f);
                                       return it != r.end() && it->second == text;
                                     });
    if (!follows) continue;
    text = then->second;
    changed = true;
  }
  return changed;
}

DeclarationContent register_content(const Incident& inc, const std::optional<RegisterCut>& cut,
                                    const std::string& declarant_name,
                                    const std::string& declarant_contact) {
  DeclarationContent c;
  const std::int64_t until = cut ? cut->events_until : INT64_MAX;
  const std::int64_t recorded = cut ? cut->recorded_until : INT64_MAX;
  std::vector<Event> events;
  std::int64_t latest = 0;
  for (const auto& e : inc.events)
    if (e.at <= until) {
      events.push_back(e);
      latest = std::max(latest, e.at);
    }
  const auto qualified = instant(inc.qualified_at);
  // The qualification and its « Systèmes et services touchés » as recorded then.
  const bool qualified_then = !cut || (qualified && *qualified < recorded);
  const Qualification q = qualified_then ? inc.qualification : Qualification{};
  auto first = [&](const char* kind) -> const Event* {
    for (const auto& e : events)
      if (e.kind == kind) return &e;
    return nullptr;
  };
  auto last = [&](const char* kind) -> const Event* {
    const Event* found = nullptr;
    for (const auto& e : events)
      if (e.kind == kind) found = &e;
    return found;
  };
  auto value = [&](const char* dim) -> const std::vector<std::string>* {
    auto it = q.find(dim);
    return it == q.end() ? nullptr : &it->second;
  };

  c["declarant_name"] = declarant_name;
  c["declarant_contact"] = declarant_contact;
  if (const auto* det = first("detection")) c["observed_at"] = paris_ymd(det->at);

  // The services in degraded mode, by start (the periods of the timeline up to `until`).
  const auto dur = durations(events, cut ? until : latest);
  std::vector<std::string> services, periods;
  for (const auto& p : dur.periods) {
    const std::string name = service_label(p.service);
    if (std::find(services.begin(), services.end(), name) == services.end())
      services.push_back(name);
    periods.push_back(name + (p.end ? " (mode dégradé du " + paris_datetime(p.start) + " au " +
                                          paris_datetime(*p.end) + ")"
                                    : " (mode dégradé depuis le " + paris_datetime(p.start) + ")"));
  }
  // The services and IT resources ticked in « Systèmes et services touchés » (issue 19 trial:
  // only the services in degraded mode reached the declaration).
  std::vector<std::string> touched = services, resources, systems = periods;
  if (qualified_then) {
    for (const auto& sv : inc.affected_services) {
      const std::string name = service_label(sv);
      if (std::find(touched.begin(), touched.end(), name) != touched.end()) continue;
      touched.push_back(name);
      systems.push_back(name);
    }
    for (const auto& r : inc.affected_resources) {
      resources.push_back(r.name);
      systems.push_back(r.name + " (" +
                        (r.kind == "application" ? "application" : "infrastructure") + ")");
    }
  }
  c["perimeter"] = "Incident « " + inc.title + " »" +
                   (touched.empty() ? "" : " ; services touchés : " + joined(touched, ", ")) +
                   (resources.empty() ? "" : " ; systèmes touchés : " + joined(resources, ", ")) +
                   ".";
  if (!systems.empty()) c["systems"] = joined(systems, " ; ") + ".";

  // Handling: the status then, the containment, the restoration, the closure.
  std::string status = "open";
  const auto closed = instant(inc.closed_at);
  if (cut && !cut->status.empty())
    status = cut->status;
  else if (inc.status == "closed" && closed && *closed < recorded)
    status = "closed";
  else if (inc.status != "open" && first("containment"))
    status = "contained";
  std::string status_text(status_label("incident", status));  // « Confiné »
  if (!status_text.empty())
    status_text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(status_text[0])));
  std::vector<std::string> handling{"Incident " + status_text};
  if (const auto* e = first("containment"))
    handling.push_back("confinement le " + paris_datetime(e->at));
  if (const auto* e = last("services_restored"))
    handling.push_back("services rétablis le " + paris_datetime(e->at));
  else if (dur.degraded_ongoing)
    handling.push_back("mode dégradé en cours");
  if (status == "closed") {
    const auto when = cut && cut->closed_at ? cut->closed_at : closed;
    handling.push_back(when ? "clos le " + paris_datetime(*when) : std::string("clos"));
  }
  c["handling_status"] = joined(handling, " ; ") + ".";

  if (const auto* cells = value("data")) {
    if (cells->empty()) {
      c["data_concerned"] = "Aucune donnée concernée.";
      c["impact_data"] = "Aucun impact sur les données.";
    } else {
      std::vector<std::string> categories, impacts;
      for (const auto& cell : *cells) {
        const std::string cat = label("data", cell.substr(0, cell.find('.')));
        if (std::find(categories.begin(), categories.end(), cat) == categories.end())
          categories.push_back(cat);
        impacts.push_back(label("data", cell));
      }
      c["data_concerned"] = capitalised(joined(categories, ", ")) + ".";
      c["impact_data"] = capitalised(joined(impacts, " ; ")) + ".";
    }
  }
  if (const auto* v = value("endangerment"); v && !v->empty())
    c["impact_people"] = "Patients : " + label("endangerment", v->front()) + ".";
  if (const auto* v = value("functioning"); v && !v->empty()) {
    const std::string f = capitalised(label("functioning", v->front()));
    c["impact_structure"] = f + ".";
    c["impact_systems"] =
        f + (services.empty() ? "" : " ; services en mode dégradé : " + joined(services, ", ")) +
        ".";
  } else if (!services.empty()) {
    c["impact_systems"] = "Services en mode dégradé : " + joined(services, ", ") + ".";
  }
  std::vector<std::string> causes;
  if (const auto* v = value("threat"); v && !v->empty())
    causes.push_back("Type de menace : " + label("threat", v->front()));
  if (const auto* v = value("malicious"); v && !v->empty())
    causes.push_back(std::string(causes.empty() ? "Caractère" : "caractère") +
                     " malveillant : " + label("malicious", v->front()));
  if (!causes.empty()) c["causes"] = joined(causes, " ; ") + ".";
  for (auto it = c.begin(); it != c.end();) it = it->second.empty() ? c.erase(it) : std::next(it);
  return c;
}

std::vector<DeclarationContent> previous_register_texts(const Incident& inc, std::int64_t started,
                                                        std::int64_t submitted,
                                                        std::int64_t recorded,
                                                        const std::string& declarant_name,
                                                        const std::string& declarant_contact) {
  std::vector<DeclarationContent> out;
  for (const auto& cut : {RegisterCut{submitted, recorded, ""}, RegisterCut{started, started, ""}})
    for (const char* status : {"", "open", "contained"}) {
      auto c = cut;
      c.status = status;
      out.push_back(register_content(inc, c, declarant_name, declarant_contact));
    }
  return out;
}

DeclarationContent later_stage_content(const DeclarationForm& form,
                                       const DeclarationContent& previous,
                                       const std::vector<DeclarationContent>& register_then,
                                       const DeclarationContent& register_now,
                                       const std::string& since) {
  auto get = [](const DeclarationContent& c, const std::string& k) {
    auto it = c.find(k);
    return it == c.end() ? std::string() : it->second;
  };
  DeclarationContent out = previous;
  for (const auto& sec : form.sections)
    for (const auto& f : sec.fields) {
      const std::string prev = get(previous, f.id), now = get(register_now, f.id);
      if (now.empty()) continue;
      if (prev.empty()) {
        out[f.id] = now;
        continue;
      }
      const bool declarant = f.id.rfind("declarant_", 0) == 0;
      if (f.date || declarant || register_then.empty()) continue;
      auto produced = [&](const std::string& text) {
        for (const auto& then : register_then)
          if (get(then, f.id) == text) return true;
        return false;
      };
      // Never touched by the declarant: the register's text of now.
      if (produced(prev)) {
        out[f.id] = now;
        continue;
      }
      // Written by the declarant: kept, the register's change since its submission appended.
      if (now == get(register_then.front(), f.id) || prev.find(now) != std::string::npos) continue;
      out[f.id] = prev + "\nMise à jour du registre depuis la " + since + " : " + now;
    }
  return out;
}

}  // namespace carepilot::incidents
