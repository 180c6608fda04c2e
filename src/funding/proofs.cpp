#include "funding/proofs.hpp"

#include <set>

#include <soci/soci.h>

#include "continuity/rules/ght_coverage.hpp"
#include "continuity/store/backup.hpp"
#include "registry/activity_weight.hpp"

namespace carepilot::funding {

RuleResult combine(const std::string& rule,
                   const std::vector<std::pair<std::string, RuleResult>>& per_establishment) {
  RuleResult out{rule, Verdict::met, {}, {}};
  if (per_establishment.empty()) out.verdict = Verdict::unknown;
  bool unknown = false;
  for (const auto& [name, r] : per_establishment) {
    if (r.verdict == Verdict::not_met) out.verdict = Verdict::not_met;
    if (r.verdict == Verdict::unknown) unknown = true;
    out.words += (out.words.empty() ? "" : " ") + name + " : " + r.words;
    if (r.verdict != Verdict::met && !r.missing.empty())
      out.missing += (out.missing.empty() ? "" : " ") + name + " : " + r.missing;
    out.records.insert(out.records.end(), r.records.begin(), r.records.end());
  }
  if (unknown && out.verdict == Verdict::met) out.verdict = Verdict::unknown;
  return out;
}

RuleResults Proofs::compute(const Candidature& k, const Date& today) {
  RuleResults out;
  const Call* call = data_.call(k.call_id);
  if (!call) return out;
  const Scope scope = k.ght_id ? Scope::ght(*k.ght_id) : Scope::establishment(k.establishment_id);
  const Date from = call->date("operational_start").value_or(call->legal_date);
  Date to = today;
  if (auto close = call->date("declaration_close"); close && *close < to) to = *close;

  std::vector<registry::Establishment> ests;
  for (const auto& e : k.establishments)
    if (auto found = registry_.find_by_id(Scope::nation(), e.value("id", std::int64_t{0})))
      ests.push_back(*found);

  for (const auto& o : call->objectives) {
    if (o.rule.empty()) continue;
    std::vector<std::pair<std::string, RuleResult>> each;
    if (o.rule == "exposure_interval") {
      for (const auto& e : ests) {
        std::vector<exposure::DatedAudit> dated;
        for (const auto& a : exposure_.list(scope, e.finess_et))
          if (a.state == jobs::UploadState::done && !a.withdrawal.withdrawn())
            if (auto d = parse_date(a.as_of)) dated.push_back({a.id, *d});
        each.emplace_back(e.name, exposure_interval(std::move(dated), from, to));
      }
      out[o.id] = combine(o.rule, each);
    } else if (o.rule == "ad_audit_done") {
      for (const auto& e : ests) {
        std::vector<exposure::DatedAudit> dated;
        for (const auto& a : ad_.list(scope, e.finess_et))
          if (a.state == jobs::UploadState::done && a.level)
            if (auto d = parse_date(a.as_of)) dated.push_back({a.id, *d});
        each.emplace_back(e.name, ad_audit_done(dated, from, to));
      }
      out[o.id] = combine(o.rule, each);
    } else if (o.rule == "bia_coverage" || o.rule == "tested_coverage") {
      // Measured on the combined activity of the candidate's establishments, each weighed by
      // its activity weight in the data's measure (continuity/rules/ght_coverage.hpp).
      std::vector<std::int64_t> ids;
      for (const auto& e : ests) ids.push_back(e.id);
      auto weights = registry::activity_weights(db_, ids);
      const auto& measure = continuity::weight_measure();
      std::vector<continuity::Member> members;
      for (const auto& e : ests) {
        continuity::Member m;
        m.finess = e.finess_et;
        m.name = e.name;
        if (auto it = weights.find(e.id); it != weights.end() && it->second.measure == measure.id)
          m.weight = it->second.weight;
        m.plans = continuity::plan_coverage(continuity_.load(scope, e.finess_et), today);
        members.push_back(std::move(m));
      }
      out[o.id] = coverage(members, continuity_.scale().coverage_threshold_percent,
                           o.rule == "tested_coverage");
    } else if (o.rule == "backup_directory_level") {
      for (const auto& e : ests) {
        auto all = continuity::load_backup(db_, registry_, scope, e.finess_et);
        BackupDirectory d;
        if (const auto* v = continuity::counting(all, "independent_auth")) {
          d.declared = v->answer != "no";
          d.auth_mode = v->auth_mode;
          d.level = v->ad_level;
          d.record_id = v->id;
        }
        each.emplace_back(e.name,
                          backup_directory_level(d, continuity::backup_data().ads_level_required));
      }
      out[o.id] = combine(o.rule, each);
    } else if (o.rule == "restore_test") {
      // A restore test on a resource an activity with a validated BIA depends on, the
      // establishment having plans that count for D2.O1.C; its checker is the business referent.
      std::vector<RestoreTest> tests;
      for (const auto& e : ests) {
        auto reg = continuity_.load(scope, e.finess_et);
        const auto plans = continuity::plan_coverage(reg, today);
        std::set<std::int64_t> validated, covered;
        for (const auto& b : reg.bias)
          if (b.validated()) validated.insert(b.activity_id);
        if (!plans.plan_ids.empty())
          for (const auto& a : reg.activities)
            if (validated.count(a.id)) covered.insert(a.resource_ids.begin(), a.resource_ids.end());
        for (const auto& r : reg.restores)
          tests.push_back({r.id, r.held_on, covered.count(r.resource_id) > 0, r.checked_by});
      }
      out[o.id] = restore_test(tests, from, to);
    }
  }
  return out;
}

Proposals Proofs::propose(const Candidature& k, const RuleResults& computed, const Date& today) {
  Proposals out;
  const Call* call = data_.call(k.call_id);
  if (!call) return out;
  const Scope scope = k.ght_id ? Scope::ght(*k.ght_id) : Scope::establishment(k.establishment_id);
  std::vector<registry::Establishment> ests;
  for (const auto& e : k.establishments)
    if (auto found = registry_.find_by_id(Scope::nation(), e.value("id", std::int64_t{0})))
      ests.push_back(*found);
  // The plans that count for the coverage (continuity_plan:ID), read before the session is
  // leased (the continuity register leases its own).
  std::vector<std::string> plans;
  bool coverage = false;
  for (const auto& o : call->objectives)
    if ((o.rule == "bia_coverage" || o.rule == "tested_coverage") && computed.count(o.id))
      coverage = true;
  if (coverage)
    for (const auto& e : ests)
      for (auto id :
           continuity::plan_coverage(continuity_.load(scope, e.finess_et), today).plan_ids)
        plans.push_back("continuity_plan:" + std::to_string(id));
  auto s = db_.lease();
  for (const auto& o : call->objectives) {
    auto it = computed.find(o.id);
    if (it == computed.end()) continue;
    std::vector<std::string> sources;
    if (o.rule == "exposure_interval" || o.rule == "ad_audit_done") {
      const std::string prefix = o.rule == "ad_audit_done" ? "ad_audit:" : "exposure_audit:";
      for (auto id : it->second.records) sources.push_back(prefix + std::to_string(id));
    } else if (o.rule == "bia_coverage" || o.rule == "tested_coverage") {
      sources = plans;
    }
    std::set<std::int64_t> seen;
    for (const auto& source : sources)
      for (const auto& e : ests) {
        long long est = e.id, id = 0;
        std::string type, date;
        soci::indicator ind = soci::i_null;
        *s << "SELECT id, type, date FROM evidence WHERE source = :s AND establishment_id = :e "
              "AND withdrawn_at IS NULL",
            soci::use(source), soci::use(est), soci::into(id, ind), soci::into(type),
            soci::into(date);
        if (ind == soci::i_ok && seen.insert(id).second)
          out[o.id].push_back({id, e.id, e.name, type, date.substr(0, 10), source});
      }
  }
  return out;
}

std::string Proofs::module_record_note(const std::string& objective_id,
                                       const RuleResults& computed) const {
  auto it = computed.find(objective_id);
  if (it == computed.end() || it->second.verdict != Verdict::met) return {};
  const auto& r = it->second;
  std::string numbers;
  for (auto id : r.records) numbers += (numbers.empty() ? "n° " : ", n° ") + std::to_string(id);
  if (r.rule == "restore_test")
    return "Atteint selon les relevés : le registre de continuité tient le test de restauration " +
           numbers +
           " qui satisfait l'objectif ; il n'a pas de pièce au registre des preuves : citez-le "
           "dans la justification ou joignez son compte rendu.";
  if (r.rule == "backup_directory_level")
    return "Atteint selon les relevés : l'autodéclaration de la sauvegarde du registre de "
           "continuité (" +
           numbers +
           ") satisfait l'objectif ; elle n'a pas de pièce au registre des preuves : citez-la "
           "dans la justification ou joignez l'attestation.";
  return {};
}

}  // namespace carepilot::funding
