#include "identification/repository.hpp"

#include <algorithm>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/text.hpp"
#include "identification/data.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/transaction.hpp"

namespace carepilot::identification {

using nlohmann::json;
using soci::indicator;
using soci::into;
using soci::use;

namespace {

std::int64_t insert_returning(soci::session& sql, const std::string& insert,
                              const std::function<void(soci::statement&)>& bind) {
  long long id = 0;
  const bool pg = sql.get_backend_name() == "postgresql";
  soci::statement st(sql);
  bind(st);
  if (pg) st.exchange(into(id));
  st.alloc();
  st.prepare(pg ? insert + " RETURNING id" : insert);
  st.define_and_bind();
  st.execute(true);
  if (!pg) sql << "SELECT last_insert_rowid()", into(id);
  return id;
}

Inventory load(soci::session& sql, long long est, const Data& data) {
  Inventory inv;
  {
    long long id = 0;
    std::string kind;
    int headcount = 0;
    soci::statement st = (sql.prepare << "SELECT id, kind, headcount FROM mie_populations WHERE "
                                         "establishment_id = :e ORDER BY id",
                          into(id), into(kind), into(headcount), use(est));
    st.execute();
    while (st.fetch()) inv.populations.push_back({id, kind, headcount});
    auto rank = [&](const std::string& k) {
      for (std::size_t i = 0; i < data.populations.size(); ++i)
        if (data.populations[i].id == k) return i;
      return data.populations.size();
    };
    std::stable_sort(
        inv.populations.begin(), inv.populations.end(),
        [&](const Population& a, const Population& b) { return rank(a.kind) < rank(b.kind); });
  }
  {
    long long id = 0;
    std::string name, kind, location;
    soci::statement st =
        (sql.prepare << "SELECT id, name, kind, location FROM mie_access_points WHERE "
                        "establishment_id = :e ORDER BY name, id",
         into(id), into(name), into(kind), into(location), use(est));
    st.execute();
    while (st.fetch()) inv.access_points.push_back({id, name, kind, location});
  }
  {
    long long pop = 0, ap = 0;
    int covered = 0;
    std::string means, planned_means, planned_date, h_date, h_decision, h_reserves, h_means, ua, ub;
    indicator i_pd = soci::i_ok, i_hd = soci::i_ok, i_hdec = soci::i_ok, i_hm = soci::i_ok;
    soci::statement st =
        (sql.prepare << "SELECT population_id, access_point_id, means, covered, planned_means, "
                        "planned_date, homologation_date, homologation_decision, "
                        "homologation_reserves, homologation_means, updated_at, updated_by FROM "
                        "mie_cells WHERE establishment_id = :e ORDER BY id",
         into(pop), into(ap), into(means), into(covered), into(planned_means),
         into(planned_date, i_pd), into(h_date, i_hd), into(h_decision, i_hdec), into(h_reserves),
         into(h_means, i_hm), into(ua), into(ub), use(est));
    st.execute();
    while (st.fetch()) {
      Cell c;
      c.population_id = pop;
      c.access_point_id = ap;
      c.means = means;
      c.covered = covered;
      c.planned_means = planned_means;
      if (i_pd == soci::i_ok) c.planned_date = parse_date(planned_date);
      if (i_hd == soci::i_ok && i_hdec == soci::i_ok) {
        if (auto d = parse_date(h_date))
          c.homologation =
              Homologation{*d, h_decision, h_reserves, i_hm == soci::i_ok ? h_means : ""};
      }
      c.updated_at = ua;
      c.updated_by = ub;
      inv.cells.push_back(std::move(c));
    }
  }
  return inv;
}

std::string labels_of(const std::vector<Choice>& list) {
  std::vector<std::string_view> l;
  for (const auto& c : list) l.push_back(c.label);
  return french_choices(l);
}

// The choices of a means: those of the data, and for the means in use « Aucun accès ».
std::string means_labels(const Data& data, bool with_no_access = false) {
  std::vector<std::string_view> l;
  for (const auto& m : data.means) l.push_back(m.label);
  if (with_no_access) l.push_back(status_label("identification", kNoAccess));
  return french_choices(l);
}

// The 422 of refused writes: each message names its field by its label (« Effectif : … »,
// never « headcount : … »), in the order of the form; the field key stays in
// `fields[].field` and the code is stable.
UserError invalid(std::vector<FieldError> errors) {
  return refused(std::move(errors),
                 {"population", "headcount", "name", "access_kind", "location", "access_point",
                  "means", "covered", "planned_means", "planned_date", "homologation_date",
                  "homologation_decision", "homologation_means", "homologation_reserves"});
}

bool has_error(const std::vector<FieldError>& errors, std::string_view field) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == field; });
}

const Population* find_pop(const Inventory& inv, const std::string& kind) {
  for (const auto& p : inv.populations)
    if (p.kind == kind) return &p;
  return nullptr;
}
const AccessPoint* find_ap(const Inventory& inv, const std::string& name) {
  for (const auto& a : inv.access_points)
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace

Inventory Repository::inventory(const Scope& scope, const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  return load(*s, est.id, data_);
}

std::optional<json> Repository::coverage_record(const Coverage& c, const Date& today) {
  if (c.overall.accesses <= 0) return std::nullopt;
  return json{{"type", "mfa_coverage"},
              {"date", format_date(today)},
              {"accesses", c.overall.accesses},
              {"covered", c.overall.covered}};
}

std::optional<json> Repository::trajectory_record(const Coverage& c, const Date& today) {
  // A trajectory is defined when every access of the inventory is compliant or has a
  // compliant means planned for a date to come (instruction DNS/2025/12, action 6: « une
  // trajectoire de sécurisation des moyens d'identification électronique »). One access left
  // non-compliant with no step planned, and there is no trajectory, whatever the coverage:
  // « Satisfaite » at 0 % coverage with nothing planned would be a wrong verdict. With
  // every access compliant the trajectory is complete: its target date is the record's.
  // A crossing left blank is not known to be fine either: every crossing is filled (a means,
  // or « aucun accès ») before there is a trajectory. An inventory of « aucun accès » only has
  // no access to secure.
  if (c.cells == c.no_access || c.non_compliant > 0 || !c.blanks.empty()) return std::nullopt;
  return json{{"type", "mfa_trajectory"},
              {"date", format_date(today)},
              {"target_date", format_date(c.target_date.value_or(today))}};
}

std::vector<Repository::CoveragePoint> Repository::coverage_history(const Scope& scope,
                                                                    const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  long long id = est.id;
  std::string day;
  long long accesses = 0, covered = 0;
  soci::statement st = (s->prepare << "SELECT day, accesses, covered FROM mie_coverage_history "
                                      "WHERE establishment_id = :e ORDER BY day",
                        soci::use(id), soci::into(day), soci::into(accesses), soci::into(covered));
  st.execute();
  std::vector<CoveragePoint> out;
  while (st.fetch())
    if (auto d = parse_date(day)) out.push_back({*d, accesses, covered});
  return out;
}

void Repository::emit(soci::session& sql, const registry::Establishment& est, const Date& today,
                      const Actor& actor) {
  auto cov = coverage(data_, load(sql, est.id, data_), today);
  {
    long long id = est.id, accesses = cov.overall.accesses, covered = cov.overall.covered;
    int blanks = static_cast<int>(cov.blanks.size());
    // Counted apart from the shares: a crossing of a population of 0 people weighs nothing
    // there, yet it is not compliant (shares.cpp never calls such a measure compliant).
    int not_compliant = cov.non_compliant + cov.planned;
    std::string day = format_date(today);
    sql << "INSERT INTO mie_coverage_history (establishment_id, day, accesses, covered, blanks, "
           "not_compliant) VALUES (:e, :d, :a, :c, :b, :n) ON CONFLICT (establishment_id, day) "
           "DO UPDATE SET accesses = excluded.accesses, covered = excluded.covered, "
           "blanks = excluded.blanks, not_compliant = excluded.not_compliant",
        soci::use(id), soci::use(day), soci::use(accesses), soci::use(covered), soci::use(blanks),
        soci::use(not_compliant);
  }
  evidence_.emit(sql, est, "mfa_coverage", coverage_record(cov, today), today, actor,
                 "inventaire de l'identification sans accès renseigné");
  evidence_.emit(sql, est, "mfa_trajectory", trajectory_record(cov, today), today, actor,
                 cov.cells == cov.no_access ? "inventaire de l'identification sans accès renseigné"
                 : cov.non_compliant > 0    ? "des accès de l'inventaire de l'identification sont "
                                              "non conformes sans passage planifié"
                                         : "des croisements de la matrice de l'identification ne "
                                           "sont pas renseignés");
}

Repository::Saved<Population> Repository::save_population(const Scope& scope,
                                                          const std::string& finess,
                                                          const PopulationInput& in,
                                                          const Date& today, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto inv = load(*s, est.id, data_);
  std::vector<FieldError> errors = in.format_errors;
  const Choice* kind = data_.find_population(in.kind);
  if (in.kind.empty())
    errors.push_back({"population", "identification.population_required",
                      "population : choisissez une population."});
  else if (!kind)
    errors.push_back({"population", "identification.population_unknown",
                      "population : population inconnue ; choix possibles : " +
                          labels_of(data_.populations) + "."});
  const Population* existing = nullptr;
  for (const auto& p : inv.populations)
    if (p.kind == in.kind) existing = &p;
  if (existing && in.headcount)
    for (const auto& c : inv.cells)
      if (c.population_id == existing->id && c.covered > *in.headcount) {
        errors.push_back({"headcount", "identification.headcount_below_covered",
                          "headcount : " + french_integer(c.covered) +
                              " personnes sont déjà couvertes sur un point d'accès ; l'effectif "
                              "ne peut pas être inférieur."});
        break;
      }
  if (!errors.empty()) throw invalid(std::move(errors));
  Population p;
  p.kind = in.kind;
  p.headcount = *in.headcount;
  long long est_id = est.id;
  int headcount = p.headcount;
  std::string now = store::now_utc_iso();
  Saved<Population> out;
  out.created = existing == nullptr;
  if (existing) {
    p.id = existing->id;
    long long id = p.id;
    *s << "UPDATE mie_populations SET headcount = :h, updated_at = :ua, updated_by = :ub WHERE "
          "id = :id AND establishment_id = :e",
        use(headcount), use(now), use(actor.user), use(id), use(est_id);
  } else {
    p.id = insert_returning(
        *s,
        "INSERT INTO mie_populations (establishment_id, kind, headcount, updated_at, updated_by) "
        "VALUES (:e, :k, :h, :ua, :ub)",
        [&](soci::statement& st) {
          st.exchange(use(est_id));
          st.exchange(use(p.kind));
          st.exchange(use(headcount));
          st.exchange(use(now));
          st.exchange(use(actor.user));
        });
  }
  json after{{"population", p.kind}, {"headcount", p.headcount}};
  store::append_audit(
      *s, actor,
      {existing ? "update" : "create", "mie_population", p.kind, est.id, est.region_code,
       std::string(existing ? "Effectif modifié" : "Population ajoutée") + " (identification) : " +
           kind->label + ", " + plural(p.headcount, "personne", "personnes"),
       existing ? json{{"population", p.kind}, {"headcount", existing->headcount}}.dump() : "",
       after.dump()});
  emit(*s, est, today, actor);
  tr.commit();
  out.value = p;
  return out;
}

AccessPoint Repository::add_access_point(const Scope& scope, const std::string& finess,
                                         const AccessPointInput& in, const Date& today,
                                         const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto inv = load(*s, est.id, data_);
  std::vector<FieldError> errors = in.format_errors;
  if (in.name.empty())
    errors.push_back({"name", "identification.name_required", "name : nom requis."});
  else if (characters(in.name) > kMaxName)
    errors.push_back({"name", "identification.name_too_long",
                      "name : " + french_integer(kMaxName) + " caractères au plus."});
  else
    // The same name but for case or accents is the same access point (issue 16 trial: « vpn »
    // beside « VPN » gave two VPN columns).
    for (const auto& a : inv.access_points)
      if (fold_for_search(a.name) == fold_for_search(in.name)) {
        errors.push_back({"name", "identification.name_taken",
                          "name : un point d'accès porte déjà ce nom (« " + a.name + " »)."});
        break;
      }
  const Choice* kind = data_.find_access_kind(in.kind);
  if (in.kind.empty())
    errors.push_back({"access_kind", "identification.access_kind_required",
                      "access_kind : choisissez le type de point d'accès."});
  else if (!kind)
    errors.push_back(
        {"access_kind", "identification.access_kind_unknown",
         "access_kind : type inconnu ; choix possibles : " + labels_of(data_.access_kinds) + "."});
  const Choice* location = data_.find_location(in.location);
  if (in.location.empty())
    errors.push_back({"location", "identification.location_required",
                      "location : choisissez " + labels_of(data_.locations) + "."});
  else if (!location)
    errors.push_back({"location", "identification.location_unknown",
                      "location : choix possibles : " + labels_of(data_.locations) + "."});
  // A kind reached from outside by nature (VPN, remote maintenance) is never local: saved as
  // local it would escape the rule « un accès à distance exige une double authentification ».
  if (auto it = data_.access_kind_location.find(in.kind);
      kind && location && it != data_.access_kind_location.end() && it->second != in.location) {
    const auto* only = data_.find_location(it->second);
    const std::string where = only ? only->label : it->second;
    errors.push_back({"location", "identification.location_not_allowed",
                      "location : un point d'accès de type « " + kind->label + " » est toujours " +
                          where + " ; choisissez « " + where + " »."});
  }
  if (!errors.empty()) throw invalid(std::move(errors));
  AccessPoint a{0, in.name, in.kind, in.location};
  long long est_id = est.id;
  std::string now = store::now_utc_iso();
  a.id = insert_returning(*s,
                          "INSERT INTO mie_access_points (establishment_id, name, kind, location, "
                          "updated_at, updated_by) VALUES (:e, :n, :k, :l, :ua, :ub)",
                          [&](soci::statement& st) {
                            st.exchange(use(est_id));
                            st.exchange(use(a.name));
                            st.exchange(use(a.kind));
                            st.exchange(use(a.location));
                            st.exchange(use(now));
                            st.exchange(use(actor.user));
                          });
  store::append_audit(
      *s, actor,
      {"create", "mie_access_point", std::to_string(a.id), est.id, est.region_code,
       "Point d'accès ajouté (identification) : " + a.name + " (" +
           data_.find_location(a.location)->label + ")",
       "", json{{"name", a.name}, {"access_kind", a.kind}, {"location", a.location}}.dump()});
  emit(*s, est, today, actor);
  tr.commit();
  return a;
}

Repository::Saved<Cell> Repository::save_cell(const Scope& scope, const std::string& finess,
                                              const CellInput& in, const Date& today,
                                              const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto inv = load(*s, est.id, data_);
  std::vector<FieldError> errors = in.format_errors;
  const Population* pop = find_pop(inv, in.population);
  const AccessPoint* ap = find_ap(inv, in.access_point);
  // The ids GET returns name the same rows (of this establishment only); given with the code
  // or the name, both must name the same one.
  const Population* pop_by_id = nullptr;
  if (in.population_id)
    for (const auto& p : inv.populations)
      if (p.id == *in.population_id) pop_by_id = &p;
  const AccessPoint* ap_by_id = nullptr;
  if (in.access_point_id)
    for (const auto& a : inv.access_points)
      if (a.id == *in.access_point_id) ap_by_id = &a;
  if (in.population_id) {
    if (!pop_by_id)
      errors.push_back({"population", "identification.population_not_found",
                        "population : cette population n'est pas saisie dans cet "
                        "établissement."});
    else if (!in.population.empty() && pop != pop_by_id)
      errors.push_back({"population", "identification.population_mismatch",
                        "population : population_id et population désignent deux populations "
                        "différentes."});
    pop = pop_by_id;
  } else if (in.population.empty()) {
    errors.push_back({"population", "identification.population_required",
                      "population : choisissez une population."});
  } else if (!pop) {
    errors.push_back({"population", "identification.population_not_found",
                      "population : cette population n'est pas saisie dans cet établissement."});
  }
  if (in.access_point_id) {
    if (!ap_by_id)
      errors.push_back({"access_point", "identification.access_point_not_found",
                        "access_point : point d'accès inconnu dans cet établissement."});
    else if (!in.access_point.empty() && ap != ap_by_id)
      errors.push_back({"access_point", "identification.access_point_mismatch",
                        "access_point : access_point_id et access_point désignent deux points "
                        "d'accès différents."});
    ap = ap_by_id;
  } else if (in.access_point.empty()) {
    errors.push_back({"access_point", "identification.access_point_required",
                      "access_point : choisissez un point d'accès."});
  } else if (!ap) {
    errors.push_back({"access_point", "identification.access_point_not_found",
                      "access_point : point d'accès inconnu dans cet établissement."});
  }

  if (in.means.empty())
    errors.push_back({"means", "identification.means_required",
                      "means : choisissez le moyen d'identification en usage (ou « Aucun "
                      "accès »)."});
  else if (in.means != kNoAccess && !data_.find_means(in.means))
    errors.push_back({"means", "identification.means_unknown",
                      "means : moyen d'identification inconnu ; choix possibles : " +
                          means_labels(data_, true) + "."});
  const bool no_access = in.means == kNoAccess;
  if (no_access && in.covered && *in.covered > 0)
    errors.push_back({"covered", "identification.no_access_covered",
                      "covered : « Aucun accès » ne couvre personne (0 attendu)."});
  if (no_access && (!in.planned_means.empty() || in.planned_date))
    errors.push_back({"planned_means", "identification.no_access_planned",
                      "planned_means : rien à prévoir pour un croisement sans accès."});
  if (no_access && (in.homologation_date || !in.homologation_decision.empty() ||
                    !in.homologation_reserves.empty()))
    errors.push_back({"homologation_decision", "identification.no_access_homologation",
                      "homologation_decision : pas d'homologation pour un croisement sans "
                      "accès."});
  if (pop && in.covered && *in.covered > pop->headcount)
    errors.push_back({"covered", "identification.covered_above_headcount",
                      "covered : " + french_integer(*in.covered) +
                          " dépasse l'effectif de la population (" +
                          french_integer(pop->headcount) + ")."});
  if (!in.planned_means.empty() && !data_.find_means(in.planned_means))
    errors.push_back({"planned_means", "identification.means_unknown",
                      "planned_means : moyen d'identification inconnu ; choix possibles : " +
                          means_labels(data_) + "."});
  if (!in.planned_means.empty() && !in.planned_date && !has_error(errors, "planned_date"))
    errors.push_back({"planned_date", "identification.planned_date_required",
                      "planned_date : la date prévue du passage au nouveau moyen est requise."});
  if (in.planned_means.empty() && in.planned_date)
    errors.push_back({"planned_means", "identification.planned_means_required",
                      "planned_means : une date prévue va avec le moyen prévu."});
  if (in.planned_date && *in.planned_date < today)
    errors.push_back({"planned_date", "identification.planned_date_past",
                      "planned_date : la date prévue est passée (" +
                          french_date_text(format_date(*in.planned_date)) + ")."});
  const bool has_h = in.homologation_date || !in.homologation_decision.empty() ||
                     !in.homologation_reserves.empty();
  if (has_h) {
    if (!in.homologation_date) {
      if (!has_error(errors, "homologation_date"))  // a date typed but impossible: said once
        errors.push_back(
            {"homologation_date", "identification.homologation_incomplete",
             "homologation_date : la date de la commission d'homologation est requise."});
    } else if (today < *in.homologation_date) {
      errors.push_back({"homologation_date", "identification.homologation_in_future",
                        "homologation_date : la commission d'homologation ne peut pas être "
                        "postérieure à aujourd'hui."});
    } else if (in.homologation_date->year() < kEarliestRecordedYear) {
      // A commission before 2000 is a typing slip (« 0026 » for « 2026 »).
      errors.push_back({"homologation_date", "identification.homologation_date_too_old",
                        "homologation_date : une commission d'homologation date de 2000 au "
                        "plus tôt."});
    }
    std::vector<std::string_view> decisions;
    for (const auto& d : data_.decisions) decisions.push_back(d.label);
    if (in.homologation_decision.empty())
      errors.push_back({"homologation_decision", "identification.homologation_incomplete",
                        "homologation_decision : la décision de la commission est requise."});
    else if (!data_.find_decision(in.homologation_decision))
      errors.push_back(
          {"homologation_decision", "identification.homologation_decision_unknown",
           "homologation_decision : choix possibles : " + french_choices(decisions) + "."});
    // The means homologated: the means in use when not given; one of the data's otherwise.
    if (!in.homologation_means.empty() && !data_.find_means(in.homologation_means))
      errors.push_back({"homologation_means", "identification.homologation_means_unknown",
                        "homologation_means : choix possibles : " + means_labels(data_) + "."});
    if (characters(in.homologation_reserves) > kMaxReserves)
      errors.push_back(
          {"homologation_reserves", "identification.reserves_too_long",
           "homologation_reserves : " + french_integer(kMaxReserves) + " caractères au plus."});
  }
  if (!errors.empty()) throw invalid(std::move(errors));

  Cell c;
  c.population_id = pop->id;
  c.access_point_id = ap->id;
  c.means = in.means;
  c.covered = in.covered.value_or(0);
  c.planned_means = in.planned_means;
  c.planned_date = in.planned_date;
  if (has_h)
    c.homologation =
        Homologation{*in.homologation_date, in.homologation_decision, in.homologation_reserves,
                     in.homologation_means.empty() ? in.means : in.homologation_means};
  c.updated_at = store::now_utc_iso();
  c.updated_by = actor.user;
  const Cell* before = nullptr;
  for (const auto& x : inv.cells)
    if (x.population_id == c.population_id && x.access_point_id == c.access_point_id) before = &x;

  long long est_id = est.id, pid = c.population_id, aid = c.access_point_id;
  std::string pd = c.planned_date ? format_date(*c.planned_date) : "";
  std::string hd = c.homologation ? format_date(c.homologation->commission_date) : "";
  std::string hdec = c.homologation ? c.homologation->decision : "";
  std::string hres = c.homologation ? c.homologation->reserves : "";
  std::string hmeans = c.homologation ? c.homologation->means : "";
  indicator i_pd = c.planned_date ? soci::i_ok : soci::i_null;
  indicator i_h = c.homologation ? soci::i_ok : soci::i_null;
  if (before) {
    *s << "UPDATE mie_cells SET means = :m, covered = :c, planned_means = :pm, planned_date = "
          ":pd, homologation_date = :hd, homologation_decision = :hdec, homologation_reserves = "
          ":hres, homologation_means = :hm, updated_at = :ua, updated_by = :ub WHERE "
          "establishment_id = :e AND population_id = :p AND access_point_id = :a",
        use(c.means), use(c.covered), use(c.planned_means), use(pd, i_pd), use(hd, i_h),
        use(hdec, i_h), use(hres), use(hmeans, i_h), use(c.updated_at), use(c.updated_by),
        use(est_id), use(pid), use(aid);
  } else {
    *s << "INSERT INTO mie_cells (establishment_id, population_id, access_point_id, means, "
          "covered, planned_means, planned_date, homologation_date, homologation_decision, "
          "homologation_reserves, homologation_means, updated_at, updated_by) VALUES (:e, :p, :a, "
          ":m, :c, :pm, :pd, :hd, :hdec, :hres, :hm, :ua, :ub)",
        use(est_id), use(pid), use(aid), use(c.means), use(c.covered), use(c.planned_means),
        use(pd, i_pd), use(hd, i_h), use(hdec, i_h), use(hres), use(hmeans, i_h), use(c.updated_at),
        use(c.updated_by);
  }
  auto cell_json = [](const Cell& x) {
    return json{{"means", x.means},
                {"covered", x.covered},
                {"planned_means", x.planned_means},
                {"planned_date", x.planned_date ? json(format_date(*x.planned_date)) : json()},
                {"homologation_date",
                 x.homologation ? json(format_date(x.homologation->commission_date)) : json()},
                {"homologation_decision", x.homologation ? json(x.homologation->decision) : json()},
                {"homologation_means", x.homologation ? json(x.homologation->means) : json()}};
  };
  const Choice* pk = data_.find_population(pop->kind);
  store::append_audit(
      *s, actor,
      {before ? "update" : "create", "mie_cell",
       std::to_string(c.population_id) + "x" + std::to_string(c.access_point_id), est.id,
       est.region_code,
       "Moyen d'identification (" + (pk ? pk->label : pop->kind) + " × " + ap->name +
           ") : " + (no_access ? std::string("aucun accès") : data_.find_means(c.means)->label),
       before ? cell_json(*before).dump() : "", cell_json(c).dump()});
  emit(*s, est, today, actor);
  tr.commit();
  return {c, before == nullptr};
}

}  // namespace carepilot::identification
