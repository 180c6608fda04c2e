#include "funding/proofs.hpp"

#include <algorithm>
#include <set>

#include <soci/soci.h>

#include "common/french.hpp"
#include "common/labels.hpp"
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

namespace proofs_detail {

// The continuity register as it stood on `day`: the BIA versions validated, the plans
// validated, the tests and the restore tests held after it left out (a dossier frozen on a day
// rests only on the records of that day; a demo seeded with later records replays its history).
continuity::Register register_on(continuity::Register reg, const Date& day) {
  std::erase_if(reg.bias,
                [&](const continuity::Bia& b) { return b.validated_on && day < *b.validated_on; });
  std::erase_if(reg.plans, [&](const continuity::Plan& p) { return day < p.validated_on; });
  std::erase_if(reg.tests,
                [&](const continuity::PlanTest& t) { return t.held_on && day < *t.held_on; });
  std::erase_if(reg.restores, [&](const continuity::RestoreTest& r) { return day < r.held_on; });
  return reg;
}

}  // namespace proofs_detail

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
        m.plans = continuity::plan_coverage(
            proofs_detail::register_on(continuity_.load(scope, e.finess_et), today), today);
        members.push_back(std::move(m));
      }
      // A candidate of one establishment (outside a GHT, one site) is the whole of its own
      // activity: its weight, declared or not, is all of it (never « no weight »: 0 %).
      if (members.size() == 1 && !members.front().weight) members.front().weight = 1;
      out[o.id] = coverage(members, continuity_.scale().coverage_threshold_percent,
                           o.rule == "tested_coverage");
    } else if (o.rule == "backup_directory_level") {
      for (const auto& e : ests) {
        auto all = continuity::load_backup(db_, registry_, scope, e.finess_et);
        // As declared on the day: a later version is not read.
        std::erase_if(all,
                      [&](const continuity::BackupDeclaration& b) { return to < b.declared_on; });
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
        const auto reg = proofs_detail::register_on(continuity_.load(scope, e.finess_et), today);
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

namespace proofs_detail {

std::vector<registry::Establishment> establishments_of(registry::Repository& registry,
                                                       const Candidature& k) {
  std::vector<registry::Establishment> out;
  for (const auto& e : k.establishments)
    if (auto found = registry.find_by_id(Scope::nation(), e.value("id", std::int64_t{0})))
      out.push_back(*found);
  return out;
}

Scope candidate_scope(const Candidature& k) {
  return k.ght_id ? Scope::ght(*k.ght_id) : Scope::establishment(k.establishment_id);
}

// "ad_audit:12" → ("ad_audit", 12); anything else: ("", 0).
std::pair<std::string, std::int64_t> split_source(const std::string& source) {
  const auto colon = source.find(':');
  if (colon == std::string::npos) return {"", 0};
  try {
    std::size_t used = 0;
    const auto id = std::stoll(source.substr(colon + 1), &used);
    if (used == source.size() - colon - 1 && id > 0) return {source.substr(0, colon), id};
  } catch (const std::exception&) {
  }
  return {"", 0};
}

// Reads what tells records apart through their modules, each module's records of an
// establishment read once. Never call it while holding a leased session: the modules lease
// their own.
class Describer {
 public:
  Describer(store::Database& db, registry::Repository& registry,
            exposureplatform::Repository& exposure, adplatform::Repository& ad,
            continuity::Repository& continuity, Scope scope)
      : db_(db),
        registry_(registry),
        exposure_(exposure),
        ad_(ad),
        continuity_(continuity),
        scope_(std::move(scope)) {}

  const continuity::Register& reg(const registry::Establishment& e) {
    auto it = regs_.find(e.id);
    if (it == regs_.end()) it = regs_.emplace(e.id, continuity_.load(scope_, e.finess_et)).first;
    return it->second;
  }
  const std::vector<continuity::BackupDeclaration>& backups(const registry::Establishment& e) {
    auto it = backups_.find(e.id);
    if (it == backups_.end())
      it = backups_.emplace(e.id, continuity::load_backup(db_, registry_, scope_, e.finess_et))
               .first;
    return it->second;
  }

  // Completes `item` (its kind, source or record id, evidence id and date set) with the
  // establishment, what tells it apart and its page.
  void fill(EvidenceItem& item, const registry::Establishment& e) {
    item.establishment_id = e.id;
    item.finess = e.finess_et;
    item.establishment = e.name;
    const std::string base = "/etablissements/" + e.finess_et;
    const std::string evidence_page =
        item.evidence_id ? base + "/preuves/" + std::to_string(*item.evidence_id) : std::string();
    const auto [prefix, id] = split_source(item.source);
    if (prefix == "ad_audit") {
      item.kind = "ad_audit";
      item.record_id = id;
      item.link = base + "/audit-ad/" + std::to_string(id);
      for (const auto& a : ad_list(e))
        if (a.id == id) {
          if (item.date.empty()) item.date = a.as_of;
          item.detail = a.kind == "ads" ? "rapport ADS" : "collecte « " + a.file_name + " »";
          if (a.level) item.detail += ", niveau " + std::to_string(*a.level);
          if (!a.complete) item.detail += ", audit incomplet";
        }
    } else if (prefix == "exposure_audit") {
      item.kind = "exposure_audit";
      item.record_id = id;
      item.link = base + "/exposition/" + std::to_string(id);
      const auto& all = exposure_list(e);
      for (const auto& a : all)
        if (a.id == id) {
          if (item.date.empty()) item.date = a.as_of;
          item.detail = "scan « " + a.file_name + " »";
          const exposureplatform::Audit* previous = nullptr;
          if (a.previous_id)
            for (const auto& p : all)
              if (p.id == *a.previous_id) previous = &p;
          const auto day = parse_date(a.as_of);
          const auto before = previous ? parse_date(previous->as_of) : std::nullopt;
          if (day && before)
            item.detail += ", " + plural(days_between(*before, *day), "jour", "jours") +
                           " après l'audit précédent du " + french_date_text(previous->as_of);
          else
            item.detail += ", sans audit précédent";
        }
    } else if (prefix == "continuity_plan") {
      item.kind = "continuity_plan";
      item.record_id = id;
      item.link = evidence_page.empty() ? base + "/continuite" : evidence_page;
      if (const auto* p = reg(e).plan(id)) {
        if (item.date.empty()) item.date = format_date(p->validated_on);
        item.detail = "« " + p->title + " » (" + code_label(p->kind) +
                      (p->version.empty() ? std::string() : ", version " + p->version) + ")";
      }
    } else if (prefix == "continuity_bia") {
      item.kind = "bia";
      item.record_id = id;
      item.link = evidence_page.empty() ? base + "/continuite" : evidence_page;
      if (const auto* a = reg(e).activity(id)) {
        item.detail = "activité « " + a->name + " »";
        if (const auto* b = reg(e).counting_bia(id)) {
          item.detail += ", version " + std::to_string(b->version);
          if (item.date.empty() && b->validated_on) item.date = format_date(*b->validated_on);
        }
      }
    } else if (item.kind == "restore_test") {
      item.link = base + "/continuite";
      if (const auto* r = reg(e).restore(item.record_id)) {
        item.date = format_date(r->held_on);
        const auto* res = reg(e).resource(r->resource_id);
        item.detail = res ? "ressource « " + res->name + " »" : std::string();
        // The activities that rest on the resource: what the plans and the users name.
        std::vector<std::string> names;
        for (const auto& a : reg(e).activities)
          if (std::find(a.resource_ids.begin(), a.resource_ids.end(), r->resource_id) !=
              a.resource_ids.end())
            names.push_back("« " + a.name + " »");
        if (!names.empty()) {
          std::string list;
          for (std::size_t i = 0; i < names.size(); ++i)
            list += (i == 0 ? "" : i + 1 == names.size() ? " et " : ", ") + names[i];
          item.detail +=
              (item.detail.empty() ? "" : ", ") +
              std::string(names.size() > 1 ? "support des activités " : "support de l'activité ") +
              list;
        }
        if (!r->checked_by.empty())
          item.detail +=
              (item.detail.empty() ? "" : ", ") + std::string("vérifié par ") + r->checked_by;
      }
    } else if (item.kind == "backup_declaration") {
      item.link = base + "/continuite/sauvegardes";
      for (const auto& b : backups(e))
        if (b.id == item.record_id) {
          item.date = format_date(b.declared_on);
          std::string mode = b.auth_mode;
          for (const auto& c : continuity::backup_data().auth_modes)
            if (c.id == b.auth_mode) mode = c.label;
          // No mode given (a backup without independent authentication): said, not blank.
          item.detail =
              "authentification : " + (mode.empty() ? std::string("non renseignée") : mode);
          if (b.ad_level) item.detail += ", niveau ADS " + std::to_string(*b.ad_level);
          item.detail += ", version " + std::to_string(b.version);
        }
    } else {
      item.link = evidence_page;
    }
  }

 private:
  const std::vector<adplatform::Audit>& ad_list(const registry::Establishment& e) {
    auto it = ad_audits_.find(e.id);
    if (it == ad_audits_.end()) it = ad_audits_.emplace(e.id, ad_.list(scope_, e.finess_et)).first;
    return it->second;
  }
  const std::vector<exposureplatform::Audit>& exposure_list(const registry::Establishment& e) {
    auto it = exposure_audits_.find(e.id);
    if (it == exposure_audits_.end())
      it = exposure_audits_.emplace(e.id, exposure_.list(scope_, e.finess_et)).first;
    return it->second;
  }

  store::Database& db_;
  registry::Repository& registry_;
  exposureplatform::Repository& exposure_;
  adplatform::Repository& ad_;
  continuity::Repository& continuity_;
  Scope scope_;
  std::map<std::int64_t, continuity::Register> regs_;
  std::map<std::int64_t, std::vector<continuity::BackupDeclaration>> backups_;
  std::map<std::int64_t, std::vector<adplatform::Audit>> ad_audits_;
  std::map<std::int64_t, std::vector<exposureplatform::Audit>> exposure_audits_;
};

}  // namespace proofs_detail

using namespace proofs_detail;

Proposals Proofs::propose(const Candidature& k, const RuleResults& computed, const Date& today) {
  Proposals out;
  const Call* call = data_.call(k.call_id);
  if (!call) return out;
  const auto ests = establishments_of(registry_, k);
  Describer d(db_, registry_, exposure_, ad_, continuity_, candidate_scope(k));
  // What each objective's rule read: evidence sources (of one establishment, or of any of
  // them: -1), and module records without an evidence record.
  struct Wanted {
    std::string objective, source;
    int est = -1;
  };
  std::vector<Wanted> wanted;
  std::vector<std::pair<std::string, std::pair<EvidenceItem, std::size_t>>> module_records;
  for (const auto& o : call->objectives) {
    auto it = computed.find(o.id);
    if (it == computed.end()) continue;
    const auto& r = it->second;
    if (o.rule == "exposure_interval" || o.rule == "ad_audit_done") {
      const std::string prefix = o.rule == "ad_audit_done" ? "ad_audit:" : "exposure_audit:";
      for (auto id : r.records) wanted.push_back({o.id, prefix + std::to_string(id)});
    } else if (o.rule == "bia_coverage" || o.rule == "tested_coverage") {
      for (std::size_t i = 0; i < ests.size(); ++i) {
        const auto reg = register_on(d.reg(ests[i]), today);
        const auto plans = continuity::plan_coverage(reg, today).plan_ids;
        for (auto id : plans)
          wanted.push_back({o.id, "continuity_plan:" + std::to_string(id), static_cast<int>(i)});
        if (o.rule != "bia_coverage") continue;
        // The BIAs the plans rest on: the activities within their scope with a counting BIA.
        std::set<std::int64_t> activities;
        for (auto id : plans)
          if (const auto* p = reg.plan(id))
            for (const auto& a : reg.activities)
              if ((p->scope != "service" || std::find(p->services.begin(), p->services.end(),
                                                      a.service) != p->services.end()) &&
                  reg.counting_bia(a.id))
                activities.insert(a.id);
        for (auto id : activities)
          wanted.push_back({o.id, "continuity_bia:" + std::to_string(id), static_cast<int>(i)});
      }
    } else if (o.rule == "restore_test" || o.rule == "backup_directory_level") {
      const bool restore = o.rule == "restore_test";
      for (auto id : r.records)
        for (std::size_t i = 0; i < ests.size(); ++i) {
          bool found = false;
          if (restore) {
            found = d.reg(ests[i]).restore(id) != nullptr;
          } else {
            for (const auto& b : d.backups(ests[i])) found = found || b.id == id;
          }
          if (!found) continue;
          EvidenceItem item;
          item.kind = restore ? "restore_test" : "backup_declaration";
          item.record_id = id;
          module_records.push_back({o.id, {item, i}});
          break;
        }
    }
  }
  // The evidence records of those sources (the session released before the descriptions:
  // the modules lease their own).
  std::vector<std::pair<std::string, std::pair<EvidenceItem, std::size_t>>> found;
  {
    auto s = db_.lease();
    std::set<std::pair<std::string, std::int64_t>> seen;
    for (const auto& w : wanted)
      for (std::size_t i = 0; i < ests.size(); ++i) {
        if (w.est >= 0 && static_cast<std::size_t>(w.est) != i) continue;
        long long est = ests[i].id, id = 0;
        std::string type, date;
        soci::indicator ind = soci::i_null;
        *s << "SELECT id, type, date FROM evidence WHERE source = :s AND establishment_id = :e "
              "AND withdrawn_at IS NULL",
            soci::use(w.source), soci::use(est), soci::into(id, ind), soci::into(type),
            soci::into(date);
        if (ind != soci::i_ok || !seen.insert({w.objective, id}).second) continue;
        EvidenceItem item;
        item.kind = type;
        item.evidence_id = id;
        item.source = w.source;
        item.date = date.substr(0, 10);
        found.push_back({w.objective, {item, i}});
      }
  }
  for (auto& [objective, x] : found) {
    d.fill(x.first, ests[x.second]);
    out[objective].push_back(std::move(x.first));
  }
  for (auto& [objective, x] : module_records) {
    d.fill(x.first, ests[x.second]);
    out[objective].push_back(std::move(x.first));
  }
  return out;
}

std::map<std::int64_t, EvidenceItem> Proofs::describe_evidence(
    const Candidature& k, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, EvidenceItem> out;
  if (ids.empty()) return out;
  const auto ests = establishments_of(registry_, k);
  std::vector<std::pair<EvidenceItem, std::size_t>> rows;
  {
    auto s = db_.lease();
    for (auto id : std::set<std::int64_t>(ids.begin(), ids.end())) {
      long long i = id, est = 0;
      std::string type, date, source;
      soci::indicator ind = soci::i_null, source_ind = soci::i_null;
      *s << "SELECT establishment_id, type, date, source FROM evidence WHERE id = :i AND "
            "withdrawn_at IS NULL",
          soci::use(i), soci::into(est, ind), soci::into(type), soci::into(date),
          soci::into(source, source_ind);
      if (ind != soci::i_ok) continue;
      for (std::size_t n = 0; n < ests.size(); ++n)
        if (ests[n].id == est) {
          EvidenceItem item;
          item.kind = type;
          item.evidence_id = id;
          item.source = source_ind == soci::i_ok ? source : std::string();
          item.date = date.substr(0, 10);
          rows.push_back({item, n});
        }
    }
  }
  Describer d(db_, registry_, exposure_, ad_, continuity_, candidate_scope(k));
  for (auto& [item, n] : rows) {
    d.fill(item, ests[n]);
    out[*item.evidence_id] = std::move(item);
  }
  return out;
}

std::string Proofs::module_record_note(const std::string& objective_id, const RuleResults& computed,
                                       const std::vector<EvidenceItem>& proposed) const {
  auto it = computed.find(objective_id);
  if (it == computed.end() || it->second.verdict != Verdict::met) return {};
  const auto& r = it->second;
  // Each record by what its users know it by (issue 18 trial: « n° 6, n° 18 » named nothing):
  // its day, its establishment and what tells it apart, as propose() described it.
  std::vector<std::string> named;
  for (const auto& item : proposed) {
    if (item.evidence_id) continue;
    std::string one = item.date.empty() ? std::string() : "du " + french_date_text(item.date);
    std::string rest = item.establishment;
    if (!item.detail.empty()) rest += (rest.empty() ? "" : ", ") + item.detail;
    if (!rest.empty()) one += (one.empty() ? "" : " ") + std::string("(") + rest + ")";
    if (!one.empty()) named.push_back(std::move(one));
  }
  std::string list;
  for (std::size_t i = 0; i < named.size(); ++i)
    list += (i == 0 ? "" : i + 1 == named.size() ? " et " : ", ") + named[i];
  const bool several = named.size() > 1;
  if (r.rule == "restore_test")
    return "Atteint selon les relevés : le registre de continuité tient " +
           std::string(several ? "les tests de restauration " : "le test de restauration ") + list +
           (several ? " qui satisfont" : " qui satisfait") +
           " l'objectif ; il n'a pas de pièce au registre des preuves : citez-le dans la "
           "justification ou joignez son compte rendu.";
  if (r.rule == "backup_directory_level")
    return "Atteint selon les relevés : l'autodéclaration de la sauvegarde du registre de "
           "continuité " +
           list +
           " satisfait l'objectif ; elle n'a pas de pièce au registre des preuves : citez-la "
           "dans la justification ou joignez l'attestation.";
  return {};
}

}  // namespace carepilot::funding
