#include "funding/rules.hpp"

#include <cmath>
#include <cstdio>

#include "common/french.hpp"

namespace carepilot::funding {

bool known_rule(std::string_view id) {
  for (auto r : kRuleIds)
    if (r == id) return true;
  return false;
}

const char* verdict_code(Verdict v) {
  switch (v) {
    case Verdict::met:
      return "met";
    case Verdict::not_met:
      return "not_met";
    case Verdict::unknown:
      return "unknown";
  }
  return "unknown";
}

namespace rules_detail {

std::string day_text(const Date& d) {
  return french_date_text(format_date(d));
}

// "65,9 %" (one decimal, comma), "66 %" when whole.
std::string percent_text(double p) {
  char buf[32];
  const double r = std::round(p * 10) / 10;
  if (r == std::floor(r))
    std::snprintf(buf, sizeof buf, "%.0f", r);
  else
    std::snprintf(buf, sizeof buf, "%.1f", r);
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = ',';
  return s + "\u00a0%";
}

// "125 000 000 €", "2,8 €": the weight in the measure's unit, French digits.
std::string weight_text(double w, const std::string& unit) {
  std::string out;
  const double whole = std::round(w);
  if (std::fabs(w - whole) < 1e-9) {
    out = french_integer(static_cast<std::int64_t>(whole));
  } else {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", w);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    const auto dot = s.find('.');
    out = french_integer(static_cast<std::int64_t>(std::trunc(w))) + "," + s.substr(dot + 1);
  }
  return unit.empty() ? out : out + "\u00a0" + unit;
}

// Why an establishment's register does not cover its activity for the share.
std::string why_not(const continuity::PlanCoverage& p, bool tested) {
  if (p.plan_ids.empty())
    return p.without_it_outage.empty()
               ? "aucun PCA, PRA ou PCRA validé fondé sur un BIA validé"
               : "ses plans ne couvrent pas le scénario d'indisponibilité informatique";
  if (!p.missing_kinds.empty()) {
    std::string list;
    for (std::size_t i = 0; i < p.missing_kinds.size(); ++i) {
      const auto& k = p.missing_kinds[i];
      list += (i == 0                            ? ""
               : i + 1 == p.missing_kinds.size() ? " et "
                                                 : ", ") +
              std::string(k == "care_service"    ? "un service de soins"
                          : k == "admin_process" ? "un processus administratif"
                                                 : "un plateau technique");
    }
    return "il manque à ses plans fondés sur un BIA " + list;
  }
  if (!tested) return "";
  if (!p.field_tested) return "aucun PCA testé en exercice";
  return p.untested_unplanned.size() > 1 ? "des plans sans test ni test prévu"
                                         : "un plan sans test ni test prévu";
}

}  // namespace rules_detail

RuleResult exposure_interval(std::vector<exposure::DatedAudit> audits, Date from, Date to,
                             const exposure::IntervalRule& rule) {
  using rules_detail::day_text;
  RuleResult r{"exposure_interval", Verdict::not_met, {}, {}};
  auto c = exposure::check_series(std::move(audits), from, to, rule);
  for (const auto& a : c.audits) r.records.push_back(a.id);
  std::string w = plural(static_cast<std::int64_t>(c.audits.size()), "audit d'exposition",
                         "audits d'exposition") +
                  " du " + day_text(from) + " au " + day_text(to) + " ; règle : de " +
                  std::to_string(rule.min_days) + " à " + std::to_string(rule.max_days) +
                  " jours entre deux audits successifs.";
  for (const auto& i : c.intervals)
    w += " Audit du " + day_text(i.to.date) + " : " + exposure::interval_text(i, rule) + ".";
  if (c.covered) {
    r.verdict = Verdict::met;
    w += " Atteint.";
  } else {
    w += " Non atteint : " + c.reason + ".";
    r.missing = "Des audits d'exposition espacés de " + std::to_string(rule.min_days) + " à " +
                std::to_string(rule.max_days) + " jours du " + day_text(from) + " au " +
                day_text(to) + " (" + c.reason + ").";
  }
  r.words = w;
  return r;
}

RuleResult ad_audit_done(const std::vector<exposure::DatedAudit>& audits, Date from, Date to) {
  using rules_detail::day_text;
  RuleResult r{"ad_audit_done", Verdict::not_met, {}, {}};
  std::optional<Date> last;
  for (const auto& a : audits)
    if (a.date >= from && a.date <= to) {
      r.records.push_back(a.id);
      if (!last || *last < a.date) last = a.date;
    }
  if (last) {
    r.verdict = Verdict::met;
    r.words = plural(static_cast<std::int64_t>(r.records.size()), "audit de l'annuaire",
                     "audits de l'annuaire") +
              " du " + day_text(from) + " au " + day_text(to) + ", le dernier le " +
              day_text(*last) + ". Atteint.";
  } else {
    r.words = "Aucun audit de l'annuaire Active Directory du " + day_text(from) + " au " +
              day_text(to) + ". Non atteint : l'audit de l'annuaire est obligatoire.";
    r.missing = "Un audit de l'annuaire Active Directory entre le " + day_text(from) + " et le " +
                day_text(to) + ".";
  }
  return r;
}

RuleResult coverage(const std::vector<continuity::Member>& members, double threshold_percent,
                    bool tested, long outside_scope) {
  using rules_detail::percent_text;
  RuleResult r{tested ? "tested_coverage" : "bia_coverage", Verdict::unknown, {}, {}};
  auto g = continuity::group_coverage(members, threshold_percent, outside_scope);
  const auto& share = tested ? g.tested_plans : g.bia_plans;
  const std::string what = tested ? "par des plans testés" : "par des plans fondés sur des BIA";
  std::string w = "Activité couverte " + what + " : " + percent_text(share.percent) +
                  " de l'activité cumulée déclarée (seuil : " + percent_text(threshold_percent) +
                  ").";
  // Each establishment with its activity weight (the measure of the data the rule reads) and
  // its part of the declared total, so that a reader checks the sum.
  const auto& measure = continuity::weight_measure();
  const bool alone = members.size() == 1;
  for (const auto& m : members) {
    const bool covered = tested ? m.plans.tested : m.plans.bia_based;
    const std::string state = covered
                                  ? std::string("couvert")
                                  : "non couvert (" + rules_detail::why_not(m.plans, tested) + ")";
    // The plans that count for D2.O1.C, whatever the share: what the computation read.
    r.records.insert(r.records.end(), m.plans.plan_ids.begin(), m.plans.plan_ids.end());
    if (alone) {
      w += " " + m.name + " : seul établissement du candidat (100\u00a0% de son activité), " +
           state + ".";
      continue;
    }
    if (!m.weight) {
      w += " " + m.name + " : poids d'activité non déclaré, " + state + ".";
      continue;
    }
    w += " " + m.name + " : " + rules_detail::weight_text(*m.weight, measure.unit) + " (" +
         percent_text(share.total_weight > 0 ? 100.0 * *m.weight / share.total_weight : 0) +
         " de l'activité cumulée déclarée), " + state + ".";
  }
  if (share.total_weight > 0 && !alone)
    w += " Total : " + rules_detail::weight_text(share.covered_weight, measure.unit) +
         " couverts sur " + rules_detail::weight_text(share.total_weight, measure.unit) + " (" +
         measure.label + "), soit " + percent_text(share.percent) + " contre " +
         percent_text(threshold_percent) + " requis.";
  // The establishments without a declared weight, by name: a funding dossier weighs every
  // establishment of the candidate (issue 18 trial: one left out of the total, so a GHT could
  // reach 66 % by not declaring a big establishment's weight). Their weights are asked for, and
  // a share reached without them is not a verdict: « à compléter » (unknown).
  std::vector<std::string> unweighed;
  if (!alone)
    for (const auto& m : members)
      if (!m.weight) unweighed.push_back(m.name);
  std::string names;
  for (const auto& n : unweighed) names += (names.empty() ? "" : ", ") + n;
  const std::string ask_weights =
      unweighed.empty()
          ? std::string()
          : std::string(unweighed.size() == 1 ? "Le poids d'activité de l'établissement "
                                              : "Le poids d'activité de chacun de ces "
                                                "établissements : ") +
                names + " (à déclarer sur la fiche de l'établissement).";
  switch (share.state) {
    case continuity::ShareState::met:
      if (!unweighed.empty()) {
        w +=
            " Part non établie, à compléter : " +
            plural(static_cast<std::int64_t>(unweighed.size()), "établissement", "établissements") +
            " sans poids d'activité déclaré (" + names + ").";
        r.missing = ask_weights;
        break;
      }
      r.verdict = Verdict::met;
      w += " Atteint.";
      break;
    case continuity::ShareState::not_met:
      r.verdict = Verdict::not_met;
      w += " Non atteint.";
      r.missing = "Une activité couverte " + what + " d'au moins " +
                  percent_text(threshold_percent) + " de l'activité cumulée (" +
                  percent_text(share.percent) + " aujourd'hui)." +
                  (ask_weights.empty() ? std::string() : " " + ask_weights);
      break;
    case continuity::ShareState::incomplete:
      w += " Part non établie : " +
           (g.without_weight.empty()
                ? std::string("des établissements du groupe sont hors de votre périmètre")
                : plural(static_cast<std::int64_t>(g.without_weight.size()), "établissement",
                         "établissements") +
                      " sans poids d'activité déclaré (" + names + "), à compléter") +
           ".";
      r.missing = g.without_weight.empty() ? "La part des établissements hors de votre périmètre."
                                           : ask_weights;
      break;
    case continuity::ShareState::no_activity:
      w += " Aucun poids d'activité déclaré.";
      r.missing = ask_weights.empty() ? "Le poids d'activité de chaque établissement du groupe."
                                      : ask_weights;
      break;
  }
  r.words = w;
  return r;
}

RuleResult backup_directory_level(const BackupDirectory& d, int required_level) {
  RuleResult r{"backup_directory_level", Verdict::unknown, {}, {}};
  if (d.record_id) r.records.push_back(*d.record_id);
  const std::string need = "niveau ADS " + std::to_string(required_level) + " au moins";
  if (!d.declared) {
    r.words = "Aucune déclaration de l'authentification de l'infrastructure de sauvegarde.";
  } else if (d.auth_mode != "dedicated_directory") {
    r.verdict = Verdict::not_met;
    r.words = d.auth_mode == "local_accounts"
                  ? "L'infrastructure de sauvegarde s'authentifie par des comptes locaux : pas "
                    "d'annuaire dédié dont mesurer le niveau ; l'objectif demande un annuaire "
                    "dédié de " +
                        need + ". Non atteint."
                  : "L'infrastructure de sauvegarde s'authentifie sur l'annuaire de "
                    "l'établissement (non indépendant). Non atteint.";
  } else if (!d.level) {
    r.words = "Annuaire dédié sans niveau ADS connu (" + need + " attendu).";
  } else if (*d.level >= required_level) {
    r.verdict = Verdict::met;
    r.words =
        "Annuaire dédié au niveau ADS " + std::to_string(*d.level) + " (" + need + "). Atteint.";
  } else {
    r.verdict = Verdict::not_met;
    r.words = "Annuaire dédié au niveau ADS " + std::to_string(*d.level) + " (" + need +
              "). Non atteint.";
  }
  if (r.verdict != Verdict::met)
    r.missing = !d.declared ? "La déclaration de l'authentification de l'infrastructure de "
                              "sauvegarde (annuaire dédié de " +
                                  need + ")."
                : d.auth_mode != "dedicated_directory"
                    ? "Un annuaire dédié à l'infrastructure de sauvegarde, de " + need + "."
                : !d.level ? "Le niveau ADS de l'annuaire dédié (" + need + ")."
                           : "Un annuaire dédié de " + need + ".";
  return r;
}

RuleResult restore_test(const std::vector<RestoreTest>& tests, Date from, Date to) {
  using rules_detail::day_text;
  RuleResult r{"restore_test", Verdict::not_met, {}, {}};
  long in_period = 0;
  const RestoreTest* counted = nullptr;
  for (const auto& t : tests) {
    if (t.held_on < from || to < t.held_on) continue;
    ++in_period;
    if (t.supports_covered_activity && !t.referent.empty()) {
      r.records.push_back(t.id);
      if (!counted || counted->held_on < t.held_on) counted = &t;
    }
  }
  std::string w = plural(in_period, "test de restauration", "tests de restauration") + " du " +
                  day_text(from) + " au " + day_text(to) + ".";
  if (counted) {
    r.verdict = Verdict::met;
    w += " Test du " + day_text(counted->held_on) +
         " sur un système support d'une activité couverte, référent métier : " + counted->referent +
         ". Atteint.";
  } else {
    w += " Non atteint : aucun test sur un système support d'une activité couverte par un plan "
         "fondé sur un BIA, avec un référent métier nommé.";
    r.missing = "Un test de restauration en production entre le " + day_text(from) + " et le " +
                day_text(to) +
                " sur un système support d'une activité couverte par un plan fondé sur un BIA, "
                "vérifié par un référent métier nommé.";
  }
  r.words = w;
  return r;
}

}  // namespace carepilot::funding
