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
  for (const auto& m : members) {
    const bool covered = tested ? m.plans.tested : m.plans.bia_based;
    w += " " + m.name + " : " +
         (m.weight ? (covered ? "couvert" : "non couvert") : "poids d'activité non déclaré") + ".";
  }
  switch (share.state) {
    case continuity::ShareState::met:
      r.verdict = Verdict::met;
      w += " Atteint.";
      break;
    case continuity::ShareState::not_met:
      r.verdict = Verdict::not_met;
      w += " Non atteint.";
      r.missing = "Une activité couverte " + what + " d'au moins " +
                  percent_text(threshold_percent) + " de l'activité cumulée (" +
                  percent_text(share.percent) + " aujourd'hui).";
      break;
    case continuity::ShareState::incomplete:
      w += " Part non établie : " +
           (g.without_weight.empty()
                ? std::string("des établissements du groupe sont hors de votre périmètre")
                : plural(static_cast<std::int64_t>(g.without_weight.size()), "établissement",
                         "établissements") +
                      " sans poids d'activité") +
           ".";
      r.missing = g.without_weight.empty()
                      ? "La part des établissements hors de votre périmètre."
                      : "Le poids d'activité de chaque établissement du groupe.";
      break;
    case continuity::ShareState::no_activity:
      w += " Aucun poids d'activité déclaré.";
      r.missing = "Le poids d'activité de chaque établissement du groupe.";
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
