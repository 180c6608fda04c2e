#include "identification/engine.hpp"

#include <algorithm>

#include "common/french.hpp"

namespace carepilot::identification {

namespace {

std::string fr(const Date& d) {
  return french_date_text(format_date(d));
}

bool applies(const Rule& r, const std::string& location, const Date& on) {
  if (std::find(r.locations.begin(), r.locations.end(), location) == r.locations.end())
    return false;
  if (r.from && on < *r.from) return false;
  if (r.until && *r.until < on) return false;
  return true;
}

// The homologation counts for `means` on `on`: a decision that homologates that means, taken on
// or before that day.
bool homologated(const Data& data, const std::optional<Homologation>& h, const std::string& means,
                 const Date& on) {
  if (!h || h->means != means || on < h->commission_date) return false;
  const auto* d = data.find_decision(h->decision);
  return d && d->counts;
}

bool satisfies(const Data& data, const Rule& r, const Means& m,
               const std::optional<Homologation>& h, const Date& on) {
  switch (r.requirement) {
    case Requirement::two_factor:
      return m.two_factor;
    case Requirement::approved_means:
      return m.ans_issued || m.eidas >= r.min_eidas || homologated(data, h, m.id, on);
  }
  return false;
}

std::string capitalised(std::string s) {
  // The rule texts start in lower case; a sentence starts with a capital (ASCII or "à").
  if (s.rfind("à", 0) == 0) return "À" + s.substr(std::string("à").size());
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string joined(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::vector<std::string> broken_texts(const Data& data, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids)
    for (const auto& r : data.rules)
      if (r.id == id) out.push_back(r.text);
  return out;
}

// What makes the means acceptable, in words: "double authentification, émis par l'ANS, eIDAS
// élevé".
std::string qualities(const Data& data, const Means& m, const std::optional<Homologation>& h,
                      const Date& on) {
  std::vector<std::string> q;
  q.push_back(m.two_factor ? "double authentification" : "authentification simple");
  if (m.ans_issued) q.push_back("émis par l'ANS");
  q.push_back("niveau eIDAS " + data.eidas_label(m.eidas));
  if (homologated(data, h, m.id, on)) q.push_back("homologué le " + fr(h->commission_date));
  return joined(q, ", ");
}

}  // namespace

std::string status_code(Status s) {
  switch (s) {
    case Status::compliant:
      return "compliant";
    case Status::non_compliant:
      return "non_compliant";
    case Status::planned:
      return "planned";
    case Status::no_access:
      return "no_access";
  }
  return "non_compliant";
}

std::vector<std::string> broken_rules(const Data& data, const Means& means,
                                      const std::string& location,
                                      const std::optional<Homologation>& homologation,
                                      const Date& as_of) {
  std::vector<std::string> out;
  for (const auto& r : data.rules)
    if (applies(r, location, as_of) && !satisfies(data, r, means, homologation, as_of))
      out.push_back(r.id);
  return out;
}

namespace {

// The rules in force later that a means compliant today will break, said now with their date.
std::string rules_to_come(const Data& data, const Means& m, const Cell& cell,
                          const AccessPoint& point, const Date& as_of) {
  std::string out;
  for (const auto& r : data.rules) {
    if (!r.from || !(as_of < *r.from)) continue;
    if (!applies(r, point.location, *r.from) || satisfies(data, r, m, cell.homologation, *r.from))
      continue;
    if (r.tolerated_until && !(*r.tolerated_until < as_of))
      out += " Toléré jusqu'au " + fr(*r.tolerated_until) + " seulement : " + r.text + ".";
    else
      out += " " + capitalised(r.text) + ".";
  }
  return out;
}

// A compliant means used by part of the population only: who is left without one.
// "seules 124 des 620 personnes de cette population utilisent Carte e-CPS (…), moyen
// conforme ; les 496 autres n'ont pas de moyen conforme renseigné."
std::string partial_text(const std::string& in_use, std::int64_t covered, std::int64_t headcount) {
  const std::int64_t left = headcount - covered;
  if (headcount == 1)
    return "la seule personne de cette population n'utilise pas " + in_use + ", moyen conforme.";
  if (covered <= 0)
    return "aucune des " + french_integer(headcount) + " personnes de cette population n'utilise " +
           in_use + ", moyen conforme.";
  const std::string who =
      covered == 1
          ? "une seule des " + french_integer(headcount) + " personnes de cette population utilise "
          : "seules " + french_integer(covered) + " des " + french_integer(headcount) +
                " personnes de cette population utilisent ";
  const std::string rest =
      left == 1 ? "la dernière n'a pas de moyen conforme renseigné."
                : "les " + french_integer(left) + " autres n'ont pas de moyen conforme renseigné.";
  return who + in_use + ", moyen conforme ; " + rest;
}

}  // namespace

Verdict evaluate(const Data& data, const Cell& cell, const AccessPoint& point,
                 std::int64_t headcount, const Date& as_of) {
  Verdict v;
  if (cell.means == kNoAccess) {
    v.status = Status::no_access;
    v.reason = "Aucun accès : cette population n'utilise pas ce point d'accès.";
    return v;
  }
  const Means* m = data.find_means(cell.means);
  if (!m) {
    v.reason = "Moyen d'identification inconnu des données de référence.";
    return v;
  }
  v.two_factor = m->two_factor;
  v.rules_failed = broken_rules(data, *m, point.location, cell.homologation, as_of);
  v.means_compliant = v.rules_failed.empty();
  const std::string in_use = m->label + " (" + qualities(data, *m, cell.homologation, as_of) + ")";
  // What is wrong today, after « Non conforme : » or « Non conforme au <jour> : ».
  std::string now;
  if (v.means_compliant) {
    const std::string later = rules_to_come(data, *m, cell, point, as_of);
    v.uncovered = std::max<std::int64_t>(0, headcount - cell.covered);
    if (v.uncovered == 0) {
      v.status = Status::compliant;
      v.reason = "Conforme : " + in_use + "." + later;
      return v;
    }
    // A compliant means for part of the population is not a compliant access: the others
    // are not known to use one (issue 16: « 124 sur 620 » read « Conforme »).
    now = partial_text(in_use, cell.covered, headcount) + later;
  } else {
    now = in_use + ". " + capitalised(joined(broken_texts(data, v.rules_failed), " ; ")) + ".";
    // A homologation recorded for another means is not this means' (said, not counted).
    if (cell.homologation && cell.homologation->means != m->id) {
      const Means* hm = data.find_means(cell.homologation->means);
      now += " L'homologation enregistrée porte sur " +
             (hm ? hm->label : std::string("un autre moyen")) + ", pas sur ce moyen.";
    }
  }
  v.status = Status::non_compliant;
  v.reason = "Non conforme : " + now;
  const Means* pm = cell.planned_means.empty() ? nullptr : data.find_means(cell.planned_means);
  if (!pm || !cell.planned_date) return v;
  if (*cell.planned_date < as_of) {
    // The planned day has gone by with the means still in use: the step is late.
    v.reason +=
        " Prévu pour le " + fr(*cell.planned_date) + ", en retard : passage à " + pm->label + ".";
    return v;
  }
  // The planned means on its date, homologation aside (recorded once it is in use).
  auto planned_broken = broken_rules(data, *pm, point.location, std::nullopt, *cell.planned_date);
  bool needs_homologation = false;
  std::vector<std::string> hard;
  for (const auto& id : planned_broken) {
    auto it = std::find_if(data.rules.begin(), data.rules.end(),
                           [&](const Rule& r) { return r.id == id; });
    if (it != data.rules.end() && it->requirement == Requirement::approved_means)
      needs_homologation = true;
    else
      hard.push_back(id);
  }
  if (!hard.empty()) {
    v.reason += " Le moyen prévu (" + pm->label + ", le " + fr(*cell.planned_date) +
                ") ne suffit pas : " + joined(broken_texts(data, hard), " ; ") + ".";
    return v;
  }
  v.status = Status::planned;
  const std::string for_whom =
      v.means_compliant
          ? (v.uncovered == 1 ? " pour la personne restante"
                              : " pour les " + french_integer(v.uncovered) + " autres personnes")
          : "";
  v.reason =
      "Prévu pour le " + fr(*cell.planned_date) + " : passage à " + pm->label + for_whom +
      // A homologation already recorded on the crossing, counting on the planned day,
      // is not still to come (user trial).
      (needs_homologation && !homologated(data, cell.homologation, pm->id, *cell.planned_date)
           ? ", sous réserve de son homologation"
           : "") +
      ". Non conforme au " + fr(as_of) + " : " + now;
  return v;
}

std::optional<Verdict> evaluate(const Data& data, const Inventory& inv, const Cell& cell,
                                const Date& as_of) {
  auto pop = std::find_if(inv.populations.begin(), inv.populations.end(),
                          [&](const Population& p) { return p.id == cell.population_id; });
  auto ap = std::find_if(inv.access_points.begin(), inv.access_points.end(),
                         [&](const AccessPoint& a) { return a.id == cell.access_point_id; });
  if (pop == inv.populations.end() || ap == inv.access_points.end()) return std::nullopt;
  return evaluate(data, cell, *ap, pop->headcount, as_of);
}

std::optional<std::int64_t> Share::permille() const {
  if (accesses <= 0) return std::nullopt;
  return (2000 * covered + accesses) / (2 * accesses);
}

Coverage coverage(const Data& data, const Inventory& inv, const Date& as_of) {
  Coverage c;
  for (const auto& p : inv.populations) c.populations.push_back({p.id, {}});
  for (const auto& cell : inv.cells) {
    auto pop = std::find_if(inv.populations.begin(), inv.populations.end(),
                            [&](const Population& p) { return p.id == cell.population_id; });
    auto ap = std::find_if(inv.access_points.begin(), inv.access_points.end(),
                           [&](const AccessPoint& a) { return a.id == cell.access_point_id; });
    if (pop == inv.populations.end() || ap == inv.access_points.end()) continue;
    auto v = evaluate(data, cell, *ap, pop->headcount, as_of);
    ++c.cells;
    if (v.status == Status::no_access) {
      ++c.no_access;
      continue;
    }
    switch (v.status) {
      case Status::compliant:
        ++c.compliant;
        break;
      case Status::non_compliant:
        ++c.non_compliant;
        break;
      case Status::planned:
        ++c.planned;
        if (!c.target_date || *c.target_date < *cell.planned_date)
          c.target_date = cell.planned_date;
        break;
      case Status::no_access:
        break;
    }
    // The people on a compliant two-factor means count, even when the rest of the
    // population is not covered yet (the access is then not compliant).
    const std::int64_t covered = v.means_compliant && v.two_factor
                                     ? std::min<std::int64_t>(cell.covered, pop->headcount)
                                     : 0;
    c.overall.accesses += pop->headcount;
    c.overall.covered += covered;
    auto& ps = c.populations[static_cast<std::size_t>(pop - inv.populations.begin())].share;
    ps.accesses += pop->headcount;
    ps.covered += covered;
  }
  for (const auto& p : inv.populations)
    for (const auto& a : inv.access_points)
      if (std::none_of(inv.cells.begin(), inv.cells.end(), [&](const Cell& x) {
            return x.population_id == p.id && x.access_point_id == a.id;
          }))
        c.blanks.push_back({p.id, a.id});
  return c;
}

std::string objective_status_code(ObjectiveStatus s) {
  switch (s) {
    case ObjectiveStatus::met:
      return "met";
    case ObjectiveStatus::not_met:
      return "not_met";
    case ObjectiveStatus::unknown:
      return "unknown";
    case ObjectiveStatus::declarative:
      return "declarative";
    case ObjectiveStatus::declared:
      return "declared";
  }
  return "declarative";
}

ObjectiveVerdict evaluate_objective(const Data& data, const Inventory& inv, const Objective& o,
                                    const Date& as_of, const ObjectiveDeclaration* declaration) {
  ObjectiveVerdict v;
  if (!o.derived) {
    if (declaration && !(as_of < declaration->reached_on)) {
      v.status = ObjectiveStatus::declared;
      v.reason = "Déclaré atteint le " + fr(declaration->reached_on) +
                 " par l'établissement, avec sa preuve : " + declaration->justification;
    } else if (declaration) {
      v.reason = "Déclaré atteint à partir du " + fr(declaration->reached_on) +
                 " : pas encore à cette date.";
    } else {
      v.reason = "Objectif déclaratif : l'établissement le déclare atteint, avec sa preuve.";
    }
    return v;
  }
  Eidas min_eidas = Eidas::substantiel;
  for (const auto& r : data.rules)
    if (r.requirement == Requirement::approved_means) {
      min_eidas = r.min_eidas;
      break;
    }
  std::vector<std::string> names;
  for (const auto& k : o.populations)
    if (const auto* c = data.find_population(k)) {
      auto n = c->label;  // « de médecins et infirmiers » in a sentence
      if (!n.empty() && n[0] >= 'A' && n[0] <= 'Z') n[0] = static_cast<char>(n[0] - 'A' + 'a');
      names.push_back(n);
    }
  std::string who = names.empty() ? std::string("toutes les populations") : std::string();
  for (std::size_t i = 0; i < names.size(); ++i)
    who += (i == 0 ? "" : i + 1 == names.size() ? " et " : ", ") + names[i];
  int blanks = 0, pops = 0;
  for (const auto& p : inv.populations) {
    if (!o.populations.empty() &&
        std::find(o.populations.begin(), o.populations.end(), p.kind) == o.populations.end())
      continue;
    ++pops;
    for (const auto& a : inv.access_points) {
      const Cell* cell = nullptr;
      for (const auto& c : inv.cells)
        if (c.population_id == p.id && c.access_point_id == a.id) cell = &c;
      if (!cell) {
        ++blanks;
        continue;
      }
      if (cell->means == kNoAccess) continue;
      ++v.crossings;
      const Means* m = data.find_means(cell->means);
      const bool approved = m && m->two_factor &&
                            (m->ans_issued || m->eidas >= min_eidas ||
                             homologated(data, cell->homologation, cell->means, as_of));
      if (approved && cell->covered >= p.headcount) ++v.on_approved;
    }
  }
  if (pops == 0) {
    v.status = ObjectiveStatus::unknown;
    v.reason = "À inventorier : aucune population concernée (" + who + ") n'est saisie.";
    return v;
  }
  if (v.crossings == 0 && blanks == 0) {
    v.status = ObjectiveStatus::unknown;
    v.reason = "À inventorier : aucun accès saisi pour " + who + ".";
    return v;
  }
  if (v.on_approved == v.crossings && blanks == 0) {
    v.status = ObjectiveStatus::met;
    v.reason =
        "Atteint : " + plural(v.crossings, "accès", "accès") + " de " + who +
        ", tous sur un moyen de double authentification émis par l'ANS, de niveau eIDAS suffisant "
        "ou homologué, pour tout l'effectif.";
    return v;
  }
  v.status = ObjectiveStatus::not_met;
  v.reason =
      "Non atteint : " + std::to_string(v.on_approved) + " sur " +
      plural(v.crossings, "accès", "accès") + " de " + who +
      " sur un moyen de double authentification émis par l'ANS, de niveau eIDAS suffisant ou "
      "homologué, pour tout l'effectif";
  if (blanks > 0)
    v.reason += " ; " + plural(blanks, "croisement non renseigné", "croisements non renseignés");
  v.reason += ".";
  return v;
}

}  // namespace carepilot::identification
