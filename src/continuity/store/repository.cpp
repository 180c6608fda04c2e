#include "continuity/store/repository.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "continuity/messages.hpp"
#include "continuity/rules/coverage.hpp"
#include "continuity/rules/restore_limits.hpp"
#include "evidence/module_documents.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"
#include "store/withdrawal.hpp"

namespace carepilot::continuity {

using nlohmann::json;
using soci::indicator;
using soci::into;
using soci::use;
using UErr = carepilot::FieldError;

// --- Register lookups -----------------------------------------------------------------------

const Activity* Register::activity(std::int64_t id) const {
  for (const auto& a : activities)
    if (a.id == id) return &a;
  return nullptr;
}
const Resource* Register::resource(std::int64_t id) const {
  for (const auto& r : resources)
    if (r.id == id) return &r;
  return nullptr;
}
const Plan* Register::plan(std::int64_t id) const {
  for (const auto& p : plans)
    if (p.id == id) return &p;
  return nullptr;
}
const Bia* Register::latest_bia(std::int64_t activity_id) const {
  const Bia* out = nullptr;
  for (const auto& b : bias)
    if (b.activity_id == activity_id && (!out || b.version > out->version)) out = &b;
  return out;
}
const Bia* Register::counting_bia(std::int64_t activity_id) const {
  const Bia* out = nullptr;
  for (const auto& b : bias)
    if (b.activity_id == activity_id && b.validated() && (!out || b.version > out->version))
      out = &b;
  return out;
}
const PlanTest* Register::test(std::int64_t id) const {
  for (const auto& t : tests)
    if (t.id == id) return &t;
  return nullptr;
}
const Bia* Register::bia(std::int64_t id) const {
  for (const auto& b : bias)
    if (b.id == id) return &b;
  return nullptr;
}
const WithdrawnRecord* Register::withdrawn_record(std::string_view kind, std::int64_t id) const {
  for (const auto& w : withdrawn)
    if (w.kind == kind && w.id == id) return &w;
  return nullptr;
}

const RestoreTest* Register::last_restore(std::int64_t resource_id) const {
  const RestoreTest* out = nullptr;
  for (const auto& t : restores)
    if (t.resource_id == resource_id &&
        (!out || t.held_on > out->held_on || (t.held_on == out->held_on && t.id > out->id)))
      out = &t;
  return out;
}

const RestoreTest* Register::restore(std::int64_t id) const {
  for (const auto& t : restores)
    if (t.id == id) return &t;
  return nullptr;
}

const PlanTest* Register::last_test(std::int64_t plan_id) const {
  const PlanTest* out = nullptr;
  for (const auto& t : tests)
    if (t.plan_id == plan_id && t.held_on && (!out || *t.held_on > *out->held_on)) out = &t;
  return out;
}

namespace {

std::optional<int> opt_int(indicator ind, int v) {
  if (ind == soci::i_null) return std::nullopt;
  return v;
}
std::optional<Date> opt_date(indicator ind, const std::string& v) {
  if (ind == soci::i_null) return std::nullopt;
  return parse_date(v);
}

json matrix_json(const ImpactMatrix& m) {
  json j = json::object();
  for (const auto& [cat, row] : m.levels)
    for (const auto& [h, level] : row) j[cat][h] = level;
  return j;
}
ImpactMatrix matrix_from(const std::string& text) {
  ImpactMatrix m;
  auto j = json::parse(text);
  for (const auto& [cat, row] : j.items())
    for (const auto& [h, level] : row.items()) m.levels[cat][h] = level.get<int>();
  return m;
}

Register load_register(soci::session& sql, long long est) {
  Register reg;
  {
    long long id = 0;
    std::string name, kind;
    soci::statement st = (sql.prepare << "SELECT id, name, kind FROM continuity_resources WHERE "
                                         "establishment_id = :e AND withdrawn_at IS NULL "
                                         "ORDER BY name, id",
                          into(id), into(name), into(kind), use(est));
    st.execute();
    while (st.fetch()) reg.resources.push_back({id, name, kind});
  }
  {
    long long id = 0;
    int share = 0;
    std::string name, kind, service, owner;
    soci::statement st =
        (sql.prepare << "SELECT id, name, kind, service, owner, share_hundredths FROM "
                        "continuity_activities WHERE establishment_id = :e AND withdrawn_at IS "
                        "NULL ORDER BY name, id",
         into(id), into(name), into(kind), into(service), into(owner), into(share), use(est));
    st.execute();
    while (st.fetch()) reg.activities.push_back({id, name, kind, service, owner, share, {}});
  }
  {
    long long a = 0, r = 0;
    soci::statement st =
        (sql.prepare << "SELECT l.activity_id, l.resource_id FROM continuity_activity_resources l "
                        "JOIN continuity_activities a ON a.id = l.activity_id "
                        "JOIN continuity_resources r ON r.id = l.resource_id "
                        "WHERE a.establishment_id = :e AND r.withdrawn_at IS NULL "
                        "ORDER BY l.activity_id, l.resource_id",
         into(a), into(r), use(est));
    st.execute();
    while (st.fetch())
      for (auto& act : reg.activities)
        if (act.id == a) act.resource_ids.push_back(r);
  }
  {
    long long id = 0, activity = 0;
    int version = 0, scale_version = 0, dmia = 0, pdma = 0, dmia_o = 0, pdma_o = 0, autonomy = 0;
    std::string impacts, dmia_j, pdma_j, degraded, vby, von, cat, cby;
    indicator i_dmia, i_pdma, i_dmia_o, i_pdma_o, i_aut, i_von;
    soci::statement st =
        (sql.prepare << "SELECT b.id, b.activity_id, b.version, b.scale_version, b.impacts, "
                        "b.dmia_hours, b.pdma_hours, b.dmia_override_hours, b.dmia_justification, "
                        "b.pdma_override_hours, b.pdma_justification, b.degraded_mode, "
                        "b.autonomy_hours, b.validated_by, b.validated_on, b.created_at, "
                        "b.created_by FROM continuity_bias b JOIN continuity_activities a ON "
                        "a.id = b.activity_id WHERE b.establishment_id = :e AND b.withdrawn_at "
                        "IS NULL AND a.withdrawn_at IS NULL ORDER BY b.activity_id, b.version",
         into(id), into(activity), into(version), into(scale_version), into(impacts),
         into(dmia, i_dmia), into(pdma, i_pdma), into(dmia_o, i_dmia_o), into(dmia_j),
         into(pdma_o, i_pdma_o), into(pdma_j), into(degraded), into(autonomy, i_aut), into(vby),
         into(von, i_von), into(cat), into(cby), use(est));
    st.execute();
    while (st.fetch()) {
      Bia b;
      b.id = id;
      b.activity_id = activity;
      b.version = version;
      b.scale_version = scale_version;
      b.impacts = matrix_from(impacts);
      b.dmia_hours = opt_int(i_dmia, dmia);
      b.pdma_hours = opt_int(i_pdma, pdma);
      if (i_dmia_o != soci::i_null) b.dmia_override = Override{dmia_o, dmia_j};
      if (i_pdma_o != soci::i_null) b.pdma_override = Override{pdma_o, pdma_j};
      b.degraded_mode = degraded;
      b.autonomy_hours = opt_int(i_aut, autonomy);
      b.validated_by = vby;
      b.validated_on = opt_date(i_von, von);
      b.created_at = cat;
      b.created_by = cby;
      reg.bias.push_back(std::move(b));
    }
  }
  {
    long long id = 0;
    int covers = 0;
    std::string kind, title, scope, services, scenarios, version, vby, von, review, cat, cby;
    indicator i_review;
    soci::statement st =
        (sql.prepare << "SELECT id, kind, title, scope, services, scenarios, covers_it_outage, "
                        "version, validated_by, validated_on, review_on, created_at, created_by "
                        "FROM continuity_plans WHERE establishment_id = :e AND withdrawn_at IS "
                        "NULL ORDER BY validated_on DESC, id DESC",
         into(id), into(kind), into(title), into(scope), into(services), into(scenarios),
         into(covers), into(version), into(vby), into(von), into(review, i_review), into(cat),
         into(cby), use(est));
    st.execute();
    while (st.fetch()) {
      Plan p;
      p.id = id;
      p.kind = kind;
      p.title = title;
      p.scope = scope;
      p.services = json::parse(services).get<std::vector<std::string>>();
      p.scenarios = scenarios;
      p.covers_it_outage = covers != 0;
      p.version = version;
      p.validated_by = vby;
      p.validated_on = parse_date(von).value_or(Date{});
      p.review_on = opt_date(i_review, review);
      p.created_at = cat;
      p.created_by = cby;
      reg.plans.push_back(std::move(p));
    }
  }
  {
    // Withdrawn BIA versions, plans and tests (their activity or plan may be current or not).
    long long id = 0;
    int number = 0;
    std::string name, text, at, by, why, held, planned;
    indicator i_held, i_planned;
    auto add = [&](const char* kind, std::string label) {
      reg.withdrawn.push_back({kind, id, std::move(label), {at, by, why}});
    };
    {
      soci::statement st =
          (sql.prepare << "SELECT b.id, a.name, b.version, b.withdrawn_at, "
                          "COALESCE(b.withdrawn_by, ''), COALESCE(b.withdrawal_reason, '') FROM "
                          "continuity_bias b JOIN continuity_activities a ON a.id = b.activity_id "
                          "WHERE b.establishment_id = :e AND b.withdrawn_at IS NOT NULL",
           into(id), into(name), into(number), into(at), into(by), into(why), use(est));
      st.execute();
      while (st.fetch()) add("bia", "BIA de « " + name + " », version " + std::to_string(number));
    }
    {
      soci::statement st =
          (sql.prepare << "SELECT id, title, kind, version, withdrawn_at, COALESCE(withdrawn_by, "
                          "''), COALESCE(withdrawal_reason, '') FROM continuity_plans WHERE "
                          "establishment_id = :e AND withdrawn_at IS NOT NULL",
           into(id), into(name), into(text), into(held), into(at), into(by), into(why), use(est));
      st.execute();
      while (st.fetch())
        add("plan", "Plan « " + name + " » (" + code_label(text) + ", version " + held + ")");
    }
    {
      soci::statement st =
          (sql.prepare << "SELECT t.id, p.title, t.held_on, t.planned_on, t.withdrawn_at, "
                          "COALESCE(t.withdrawn_by, ''), COALESCE(t.withdrawal_reason, '') FROM "
                          "continuity_plan_tests t JOIN continuity_plans p ON p.id = t.plan_id "
                          "WHERE t.establishment_id = :e AND t.withdrawn_at IS NOT NULL",
           into(id), into(name), into(held, i_held), into(planned, i_planned), into(at), into(by),
           into(why), use(est));
      st.execute();
      while (st.fetch())
        add("plan_test",
            i_held == soci::i_ok
                ? "Test du " + french_date_text(held) + " du plan « " + name + " »"
                : "Test prévu le " + french_date_text(planned) + " du plan « " + name + " »");
    }
    {
      soci::statement st =
          (sql.prepare << "SELECT t.id, r.name, t.held_on, t.withdrawn_at, "
                          "COALESCE(t.withdrawn_by, ''), COALESCE(t.withdrawal_reason, '') FROM "
                          "continuity_restore_tests t JOIN continuity_resources r ON r.id = "
                          "t.resource_id WHERE t.establishment_id = :e AND t.withdrawn_at IS NOT "
                          "NULL",
           into(id), into(name), into(held), into(at), into(by), into(why), use(est));
      st.execute();
      while (st.fetch())
        add("restore_test",
            "Test de restauration du " + french_date_text(held) + " de « " + name + " »");
    }
    std::stable_sort(reg.withdrawn.begin(), reg.withdrawn.end(), [](const auto& a, const auto& b) {
      return a.withdrawal.at > b.withdrawal.at;
    });
  }
  {
    // The plans' documents: the latest version of each (ascending ids, the last one wins).
    long long id = 0, size = 0;
    int version = 0;
    std::string source, file, sha, cat, cby;
    const std::string title = kPlanDocumentTitle;
    soci::statement st =
        (sql.prepare << "SELECT d.id, e.source, d.version, d.file_name, d.size_bytes, d.sha256, "
                        "d.created_at, d.created_by FROM evidence_documents d JOIN evidence e ON "
                        "e.id = d.evidence_id WHERE d.establishment_id = :e AND d.title = :t AND "
                        "e.source LIKE 'continuity_plan:%' ORDER BY d.id",
         into(id), into(source), into(version), into(file), into(size), into(sha), into(cat),
         into(cby), use(est), use(title));
    st.execute();
    while (st.fetch()) {
      const std::string pid = source.substr(source.find(':') + 1);
      for (auto& p : reg.plans)
        if (std::to_string(p.id) == pid)
          p.document = PlanDocument{id, version, file, size, sha, cat, cby};
    }
  }
  {
    long long id = 0, plan = 0;
    int observed = 0;
    std::string held, planned, scenario, failures;
    indicator i_held, i_planned, i_obs;
    soci::statement st =
        (sql.prepare << "SELECT t.id, t.plan_id, t.held_on, t.planned_on, t.scenario, "
                        "t.observed_hours, t.failures FROM continuity_plan_tests t JOIN "
                        "continuity_plans p ON p.id = t.plan_id WHERE t.establishment_id = :e "
                        "AND t.withdrawn_at IS NULL AND p.withdrawn_at IS NULL "
                        "ORDER BY t.plan_id, COALESCE(t.held_on, t.planned_on), t.id",
         into(id), into(plan), into(held, i_held), into(planned, i_planned), into(scenario),
         into(observed, i_obs), into(failures), use(est));
    st.execute();
    while (st.fetch())
      reg.tests.push_back({id,
                           plan,
                           opt_date(i_held, held),
                           opt_date(i_planned, planned),
                           scenario,
                           opt_int(i_obs, observed),
                           failures,
                           {}});
  }
  {
    // The services involved in each test (migration 0045), by activity name.
    long long test = 0, activity = 0;
    int minutes = 0;
    indicator i_min;
    soci::statement st =
        (sql.prepare << "SELECT s.test_id, s.activity_id, s.observed_minutes FROM "
                        "continuity_plan_test_services s JOIN continuity_plan_tests t ON t.id = "
                        "s.test_id JOIN continuity_activities a ON a.id = s.activity_id WHERE "
                        "t.establishment_id = :e ORDER BY s.test_id, a.name, a.id",
         into(test), into(activity), into(minutes, i_min), use(est));
    st.execute();
    while (st.fetch())
      for (auto& t : reg.tests)
        if (t.id == test) t.services.push_back({activity, opt_int(i_min, minutes)});
  }
  {
    long long id = 0, resource = 0;
    int restore = 0, loss = 0;
    std::string held, checked, notes;
    soci::statement st =
        (sql.prepare << "SELECT t.id, t.resource_id, t.held_on, t.restore_minutes, "
                        "t.data_loss_minutes, t.checked_by, t.notes FROM continuity_restore_tests "
                        "t JOIN continuity_resources r ON r.id = t.resource_id WHERE "
                        "t.establishment_id = :e AND t.withdrawn_at IS NULL AND r.withdrawn_at IS "
                        "NULL ORDER BY t.resource_id, t.held_on, t.id",
         into(id), into(resource), into(held), into(restore), into(loss), into(checked),
         into(notes), use(est));
    st.execute();
    while (st.fetch())
      reg.restores.push_back(
          {id, resource, parse_date(held).value_or(Date{}), restore, loss, checked, notes});
  }
  return reg;
}

bool runs(const registry::Establishment& est, const std::string& service) {
  return std::find(est.services.begin(), est.services.end(), service) != est.services.end();
}

void check_text(std::vector<UErr>& errors, const std::string& key, const std::string& value,
                std::size_t max, bool required) {
  if (required && value.empty())
    errors.push_back({key, "continuity." + key + "_required", labelled(key) + "à renseigner."});
  else if (value.size() > max)
    errors.push_back(
        {key, "continuity." + key + "_too_long",
         labelled(key) + french_integer(static_cast<std::int64_t>(max)) + " caractères au plus."});
}

std::string hours_text(const std::optional<int>& h) {
  return h ? plural(*h, "heure", "heures") : "au-delà du dernier horizon";
}

// « Application ou Infrastructure »: the labels of `codes` as a refusal lists them.
std::string choices_of(const std::vector<std::string>& codes) {
  std::vector<std::string> labels;
  for (const auto& c : codes) labels.push_back(choice_label(c));
  std::vector<std::string_view> views(labels.begin(), labels.end());
  return french_choices(views);
}

bool one_of(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// The 422 of refused writes: each message names its field by its label (« Date de
// validation : … », never « validated_on : … »); the key stays in `fields[].field`.
void throw_if(std::vector<UErr> errors) {
  if (errors.empty()) return;
  for (auto& e : errors) e.message = page_message(e);
  throw UserError::invalid(std::move(errors));
}

std::string date_or_empty(const std::optional<Date>& d) {
  return d ? format_date(*d) : "";
}

}  // namespace

const std::vector<std::string>& resource_kinds() {
  static const std::vector<std::string> k{"application", "infrastructure"};
  return k;
}
const std::vector<std::string>& activity_kinds() {
  static const std::vector<std::string> k{"care_service", "admin_process", "technical_platform"};
  return k;
}
std::string choice_label(std::string_view code) {
  std::string l = code_label(code);
  if (!l.empty() && l[0] >= 'a' && l[0] <= 'z') l[0] = static_cast<char>(l[0] - 'a' + 'A');
  return l;
}

// --- reads ------------------------------------------------------------------------------------

Register Repository::load(const Scope& scope, const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  return load_register(*s, est.id);
}

std::map<long long, Requirement> Repository::requirements(const Register& r) {
  std::vector<ActivityNeed> needs;
  for (const auto& a : r.activities) {
    ActivityNeed n;
    n.activity_id = a.id;
    if (const Bia* b = r.counting_bia(a.id)) {
      n.dmia_hours = b->dmia();
      n.pdma_hours = b->pdma();
    }
    for (auto id : a.resource_ids) n.resource_ids.push_back(id);
    needs.push_back(std::move(n));
  }
  return required_rto_rpo(needs);
}

std::optional<Measured> Repository::measured(const Register& r, std::int64_t resource_id) {
  const RestoreTest* t = r.last_restore(resource_id);
  if (!t) return std::nullopt;
  return Measured{t->restore_minutes / 60.0, t->data_loss_minutes / 60.0};
}

std::vector<std::string> Repository::services_without_bia(
    const Register& r, const std::vector<std::string>& services) {
  std::vector<std::string> out;
  for (const auto& s : services) {
    bool covered = false;
    for (const auto& a : r.activities)
      covered = covered || (a.service == s && r.counting_bia(a.id) != nullptr);
    if (!covered) out.push_back(s);
  }
  return out;
}

// --- evidence ---------------------------------------------------------------------------------

void Repository::emit_bia(soci::session& sql, const registry::Establishment& est,
                          const Register& reg, std::int64_t activity_id, const Date& today,
                          const Actor& actor) {
  std::optional<json> record;
  const Activity* a = reg.activity(activity_id);
  const Bia* b = a ? reg.counting_bia(activity_id) : nullptr;
  if (a && b && !a->service.empty())
    record =
        json{{"type", "bia"}, {"service", a->service}, {"date", format_date(*b->validated_on)}};
  evidence_.emit(sql, est, "continuity_bia:" + std::to_string(activity_id), record, today, actor,
                 "plus aucun BIA validé pour cette activité");
}

// --- writes -----------------------------------------------------------------------------------

Resource Repository::add_resource(const Scope& scope, const std::string& finess,
                                  const ResourceInput& in, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  store::lock_establishment(*s, est.id);
  auto reg = load_register(*s, est.id);
  std::vector<UErr> errors = in.format_errors;
  check_text(errors, "name", in.name, kMaxName, true);
  for (const auto& r : reg.resources)
    if (r.name == in.name) {
      errors.push_back(
          {"name", "continuity.name_taken", labelled("name") + "une ressource porte déjà ce nom."});
      break;
    }
  if (!one_of(resource_kinds(), in.kind))
    errors.push_back(
        {"resource_kind", "continuity.resource_kind_unknown",
         labelled("resource_kind") + "choix possibles : " + choices_of(resource_kinds()) + "."});
  throw_if(errors);
  Resource r{0, in.name, in.kind};
  long long est_id = est.id;
  std::string now = store::now_utc_iso();
  r.id = store::insert_returning(*s,
                                 "INSERT INTO continuity_resources (establishment_id, name, kind, "
                                 "created_at, created_by) VALUES (:e, :n, :k, :ca, :cb)",
                                 [&](soci::statement& st) {
                                   st.exchange(use(est_id));
                                   st.exchange(use(r.name));
                                   st.exchange(use(r.kind));
                                   st.exchange(use(now));
                                   st.exchange(use(actor.user));
                                 });
  store::append_audit(*s, actor,
                      {"create", "continuity_resource", std::to_string(r.id), est.id,
                       est.region_code, "Ressource ajoutée (continuité) : " + r.name, "",
                       json{{"name", r.name}, {"kind", r.kind}}.dump()});
  tr.commit();
  return r;
}

Activity Repository::add_activity(const Scope& scope, const std::string& finess,
                                  const ActivityInput& in, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  store::lock_establishment(*s, est.id);
  auto reg = load_register(*s, est.id);
  std::vector<UErr> errors = in.format_errors;
  check_text(errors, "name", in.name, kMaxName, true);
  for (const auto& a : reg.activities)
    if (a.name == in.name) {
      errors.push_back(
          {"name", "continuity.name_taken", labelled("name") + "une activité porte déjà ce nom."});
      break;
    }
  if (!one_of(activity_kinds(), in.kind))
    errors.push_back(
        {"activity_kind", "continuity.activity_kind_unknown",
         labelled("activity_kind") + "choix possibles : " + choices_of(activity_kinds()) + "."});
  if (!in.service.empty() && !runs(est, in.service))
    errors.push_back({"service", "continuity.service_not_run",
                      labelled("service") + "l'établissement n'exploite pas ce service."});
  check_text(errors, "owner", in.owner, kMaxName, true);
  int share = 0;
  if (!in.share_percent) {
    bool format = false;
    for (const auto& f : in.format_errors) format = format || f.field == "share_percent";
    if (!format)
      errors.push_back({"share_percent", "continuity.share_percent_required",
                        labelled("share_percent") + "à renseigner (0 si l'activité ne pèse pas)."});
  } else {
    std::vector<double> shares;
    for (const auto& a : reg.activities) shares.push_back(a.share_hundredths / 100.0);
    shares.push_back(*in.share_percent);
    if (auto why = check_activity_shares(shares))
      errors.push_back(
          {"share_percent", "continuity.share_percent_invalid", labelled("share_percent") + *why});
    share = static_cast<int>(std::lround(*in.share_percent * 100));
  }
  std::vector<std::int64_t> resources = in.resource_ids;
  std::sort(resources.begin(), resources.end());
  resources.erase(std::unique(resources.begin(), resources.end()), resources.end());
  for (auto id : resources)
    if (!reg.resource(id)) {
      errors.push_back({"resources", "continuity.resource_unknown",
                        labelled("resources") + "ressource inconnue dans cet établissement."});
      break;
    }
  throw_if(errors);
  Activity a{0, in.name, in.kind, in.service, in.owner, share, resources};
  long long est_id = est.id;
  std::string now = store::now_utc_iso();
  a.id = store::insert_returning(
      *s,
      "INSERT INTO continuity_activities (establishment_id, name, kind, service, owner, "
      "share_hundredths, created_at, created_by) VALUES (:e, :n, :k, :s, :o, :sh, :ca, :cb)",
      [&](soci::statement& st) {
        st.exchange(use(est_id));
        st.exchange(use(a.name));
        st.exchange(use(a.kind));
        st.exchange(use(a.service));
        st.exchange(use(a.owner));
        st.exchange(use(a.share_hundredths));
        st.exchange(use(now));
        st.exchange(use(actor.user));
      });
  for (auto rid : resources) {
    long long aid = a.id, r = rid;
    *s << "INSERT INTO continuity_activity_resources (activity_id, resource_id) VALUES (:a, :r)",
        use(aid), use(r);
  }
  store::append_audit(*s, actor,
                      {"create", "continuity_activity", std::to_string(a.id), est.id,
                       est.region_code, "Activité ajoutée (continuité) : " + a.name, "",
                       json{{"name", a.name},
                            {"kind", a.kind},
                            {"service", a.service},
                            {"owner", a.owner},
                            {"share_hundredths", a.share_hundredths},
                            {"resources", resources}}
                           .dump()});
  tr.commit();
  return a;
}

Bia Repository::save_bia(const Scope& scope, const std::string& finess, std::int64_t activity_id,
                         const BiaInput& in, const Date& today, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  store::lock_establishment(*s, est.id);
  auto reg = load_register(*s, est.id);
  const Activity* act = reg.activity(activity_id);
  if (!act) throw UserError::not_found("Activité introuvable.");
  std::vector<UErr> errors = in.format_errors;
  Tolerance derived;
  auto matrix_errors = check_matrix(scale_, in.impacts);
  for (const auto& e : matrix_errors)
    errors.push_back({e.field, "continuity.impact_invalid", e.message});
  if (matrix_errors.empty()) {
    derived = derive(scale_, in.impacts);
    for (const auto& e : check_override(derived.dmia_hours, in.dmia_override, "dmia"))
      errors.push_back({e.field, "continuity.dmia_invalid", labelled(e.field) + e.message});
    for (const auto& e : check_override(derived.pdma_hours, in.pdma_override, "pdma"))
      errors.push_back({e.field, "continuity.pdma_invalid", labelled(e.field) + e.message});
  }
  check_text(errors, "degraded_mode", in.degraded_mode, kMaxText, false);
  if (in.autonomy_hours && *in.autonomy_hours < 0)
    errors.push_back({"autonomy_hours", "continuity.autonomy_hours_negative",
                      labelled("autonomy_hours") + "une durée ne peut pas être négative."});
  check_text(errors, "validated_by", in.validated_by, kMaxName, false);
  if (in.validated_on && in.validated_by.empty())
    errors.push_back({"validated_by", "continuity.validated_by_required",
                      labelled("validated_by") + "indiquez qui a validé le BIA."});
  if (!in.validated_on && !in.validated_by.empty()) {
    bool format = false;
    for (const auto& f : in.format_errors) format = format || f.field == "validated_on";
    if (!format)
      errors.push_back({"validated_on", "continuity.validated_on_required",
                        labelled("validated_on") + "indiquez la date de la validation."});
  }
  if (in.validated_on && *in.validated_on > today)
    errors.push_back({"validated_on", "continuity.date_in_future",
                      labelled("validated_on") + "la date ne peut pas être dans le futur."});
  // Implausibly old (data/continuity/bia.yaml, validated_on_not_before, with its rationale).
  if (in.validated_on && *in.validated_on < scale_.validated_on_not_before)
    errors.push_back({"validated_on", "continuity.validated_on_too_old",
                      labelled("validated_on") + "la date est antérieure au " +
                          french_date_text(format_date(scale_.validated_on_not_before)) +
                          ", date avant laquelle la méthode du BIA n'existait pas ; vérifiez la "
                          "saisie."});
  throw_if(errors);

  Bia b;
  b.activity_id = activity_id;
  b.version = 1;
  {
    long long aid = activity_id;
    int max_version = 0;
    indicator ind;
    *s << "SELECT MAX(version) FROM continuity_bias WHERE activity_id = :a", use(aid),
        into(max_version, ind);
    if (ind != soci::i_null) b.version = max_version + 1;
  }
  b.scale_version = scale_.version;
  b.impacts = in.impacts;
  b.dmia_hours = derived.dmia_hours;
  b.pdma_hours = derived.pdma_hours;
  b.dmia_override = in.dmia_override;
  b.pdma_override = in.pdma_override;
  b.degraded_mode = in.degraded_mode;
  b.autonomy_hours = in.autonomy_hours;
  b.validated_by = in.validated_by;
  b.validated_on = in.validated_on;
  b.created_at = store::now_utc_iso();
  b.created_by = actor.user;

  long long est_id = est.id, aid = activity_id;
  std::string impacts = matrix_json(b.impacts).dump();
  int dmia = b.dmia_hours.value_or(0), pdma = b.pdma_hours.value_or(0);
  int dmia_o = b.dmia_override ? b.dmia_override->hours : 0;
  int pdma_o = b.pdma_override ? b.pdma_override->hours : 0;
  std::string dmia_j = b.dmia_override ? b.dmia_override->justification : "";
  std::string pdma_j = b.pdma_override ? b.pdma_override->justification : "";
  int autonomy = b.autonomy_hours.value_or(0);
  std::string von = date_or_empty(b.validated_on);
  indicator i_dmia = b.dmia_hours ? soci::i_ok : soci::i_null;
  indicator i_pdma = b.pdma_hours ? soci::i_ok : soci::i_null;
  indicator i_dmia_o = b.dmia_override ? soci::i_ok : soci::i_null;
  indicator i_pdma_o = b.pdma_override ? soci::i_ok : soci::i_null;
  indicator i_aut = b.autonomy_hours ? soci::i_ok : soci::i_null;
  indicator i_von = b.validated_on ? soci::i_ok : soci::i_null;
  b.id = store::insert_returning(
      *s,
      "INSERT INTO continuity_bias (establishment_id, activity_id, version, scale_version, "
      "impacts, dmia_hours, pdma_hours, dmia_override_hours, dmia_justification, "
      "pdma_override_hours, pdma_justification, degraded_mode, autonomy_hours, validated_by, "
      "validated_on, created_at, created_by) VALUES (:e, :a, :v, :sv, :i, :d, :p, :do, :dj, "
      ":po, :pj, :dm, :au, :vb, :vo, :ca, :cb)",
      [&](soci::statement& st) {
        st.exchange(use(est_id));
        st.exchange(use(aid));
        st.exchange(use(b.version));
        st.exchange(use(b.scale_version));
        st.exchange(use(impacts));
        st.exchange(use(dmia, i_dmia));
        st.exchange(use(pdma, i_pdma));
        st.exchange(use(dmia_o, i_dmia_o));
        st.exchange(use(dmia_j));
        st.exchange(use(pdma_o, i_pdma_o));
        st.exchange(use(pdma_j));
        st.exchange(use(b.degraded_mode));
        st.exchange(use(autonomy, i_aut));
        st.exchange(use(b.validated_by));
        st.exchange(use(von, i_von));
        st.exchange(use(b.created_at));
        st.exchange(use(b.created_by));
      });
  json after{{"activity", act->name},
             {"version", b.version},
             {"impacts", matrix_json(b.impacts)},
             {"dmia_hours", b.dmia() ? json(*b.dmia()) : json()},
             {"pdma_hours", b.pdma() ? json(*b.pdma()) : json()},
             {"validated_by", b.validated_by},
             {"validated_on", von}};
  store::append_audit(*s, actor,
                      {"create", "continuity_bia", std::to_string(b.id), est.id, est.region_code,
                       std::string(b.validated() ? "BIA validé" : "BIA enregistré en brouillon") +
                           " (" + act->name + ", version " + std::to_string(b.version) +
                           ") : DMIA " + hours_text(b.dmia()) + ", PDMA " + hours_text(b.pdma()),
                       "", after.dump()});
  reg.bias.push_back(b);
  emit_bia(*s, est, reg, activity_id, today, actor);
  tr.commit();
  return b;
}

Plan Repository::add_plan(const Scope& scope, const std::string& finess, const PlanInput& in,
                          const Date& today, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  std::vector<UErr> errors = in.format_errors;
  auto format_error_on = [&](const std::string& key) {
    for (const auto& f : in.format_errors)
      if (f.field == key) return true;
    return false;
  };
  if (in.kind != "pca" && in.kind != "pra" && in.kind != "pcra" && in.kind != "pcri")
    errors.push_back({"plan_kind", "continuity.plan_kind_unknown",
                      labelled("plan_kind") + "choix possibles : PCA, PRA, PCRA, PCRI."});
  check_text(errors, "title", in.title, kMaxName, true);
  std::vector<std::string> services;
  if (in.scope == "global") {
    if (!in.services.empty())
      errors.push_back({"services", "continuity.services_with_global_scope",
                        labelled("services") + "un plan global ne nomme pas de service."});
  } else if (in.scope == "service") {
    services = in.services;
    std::sort(services.begin(), services.end());
    services.erase(std::unique(services.begin(), services.end()), services.end());
    if (services.empty())
      errors.push_back(
          {"services", "continuity.services_required",
           labelled("services") + "choisissez au moins un service couvert par le plan."});
    for (const auto& sv : services)
      if (!runs(est, sv)) {
        errors.push_back({"services", "continuity.service_not_run",
                          labelled("services") + "l'établissement n'exploite pas ce service."});
        break;
      }
  } else {
    errors.push_back(
        {"scope", "continuity.scope_unknown",
         labelled("scope") + "choix possibles : " + choices_of({"global", "service"}) + "."});
  }
  check_text(errors, "scenarios", in.scenarios, kMaxText, false);
  check_text(errors, "plan_version", in.version, kMaxName, true);
  check_text(errors, "validated_by", in.validated_by, kMaxName, true);
  if (!in.validated_on) {
    if (!format_error_on("validated_on"))
      errors.push_back({"validated_on", "continuity.validated_on_required",
                        labelled("validated_on") + "indiquez la date de la validation."});
  } else if (*in.validated_on > today) {
    errors.push_back({"validated_on", "continuity.date_in_future",
                      labelled("validated_on") + "la date ne peut pas être dans le futur."});
  } else if (*in.validated_on < scale_.plan_validated_on_not_before) {
    // Implausibly old (data/continuity/bia.yaml, plan_validated_on_not_before, with its
    // rationale).
    errors.push_back({"validated_on", "continuity.validated_on_too_old",
                      labelled("validated_on") + "la date est antérieure au " +
                          french_date_text(format_date(scale_.plan_validated_on_not_before)) +
                          ", date du guide de l'État pour réaliser un plan de continuité "
                          "d'activité ; vérifiez la saisie."});
  }
  if (in.review_on && in.validated_on && *in.review_on < *in.validated_on)
    errors.push_back({"review_on", "continuity.review_before_validation",
                      labelled("review_on") + "la révision ne peut pas précéder la validation."});
  throw_if(errors);

  Plan p;
  p.kind = in.kind;
  p.title = in.title;
  p.scope = in.scope;
  p.services = services;
  p.scenarios = in.scenarios;
  p.covers_it_outage = in.covers_it_outage;
  p.version = in.version;
  p.validated_by = in.validated_by;
  p.validated_on = *in.validated_on;
  p.review_on = in.review_on;
  p.created_at = store::now_utc_iso();
  p.created_by = actor.user;
  long long est_id = est.id;
  std::string services_text = json(p.services).dump();
  int covers = p.covers_it_outage ? 1 : 0;
  std::string von = format_date(p.validated_on), review = date_or_empty(p.review_on);
  indicator i_review = p.review_on ? soci::i_ok : soci::i_null;
  p.id = store::insert_returning(
      *s,
      "INSERT INTO continuity_plans (establishment_id, kind, title, scope, services, scenarios, "
      "covers_it_outage, version, validated_by, validated_on, review_on, created_at, created_by) "
      "VALUES (:e, :k, :t, :s, :sv, :sc, :c, :v, :vb, :vo, :r, :ca, :cb)",
      [&](soci::statement& st) {
        st.exchange(use(est_id));
        st.exchange(use(p.kind));
        st.exchange(use(p.title));
        st.exchange(use(p.scope));
        st.exchange(use(services_text));
        st.exchange(use(p.scenarios));
        st.exchange(use(covers));
        st.exchange(use(p.version));
        st.exchange(use(p.validated_by));
        st.exchange(use(von));
        st.exchange(use(review, i_review));
        st.exchange(use(p.created_at));
        st.exchange(use(p.created_by));
      });
  store::append_audit(*s, actor,
                      {"create", "continuity_plan", std::to_string(p.id), est.id, est.region_code,
                       "Plan de continuité ajouté : " + p.title + " (" + code_label(p.kind) +
                           ", version " + p.version + ")",
                       "",
                       json{{"kind", p.kind},
                            {"title", p.title},
                            {"scope", p.scope},
                            {"services", p.services},
                            {"version", p.version},
                            {"validated_on", von}}
                           .dump()});
  evidence_.emit(*s, est, "continuity_plan:" + std::to_string(p.id),
                 json{{"type", "continuity_plan"},
                      {"kind", p.kind},
                      {"scope", p.scope},
                      {"covers_it_outage", p.covers_it_outage},
                      {"date", von}},
                 today, actor);
  tr.commit();
  return p;
}

PlanTest Repository::add_plan_test(const Scope& scope, const std::string& finess,
                                   std::int64_t plan_id, const PlanTestInput& in, const Date& today,
                                   const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto reg = load_register(*s, est.id);
  const Plan* plan = reg.plan(plan_id);
  if (!plan) throw UserError::not_found("Plan introuvable.");
  std::vector<UErr> errors = in.format_errors;
  bool format = false;
  for (const auto& f : in.format_errors)
    format = format || f.field == "held_on" || f.field == "planned_on";
  if (!in.held_on && !in.planned_on && !format)
    errors.push_back({"held_on", "continuity.test_date_required",
                      labelled("held_on") + "indiquez la date du test, ou sa date prévue."});
  if (in.held_on && *in.held_on > today)
    errors.push_back({"held_on", "continuity.date_in_future",
                      labelled("held_on") +
                          "un test tenu ne peut pas être daté dans le futur ; indiquez "
                          "une date prévue."});
  if (in.held_on && *in.held_on < plan->validated_on)
    errors.push_back({"held_on", "continuity.test_before_plan",
                      labelled("held_on") + "le test ne peut pas précéder la validation du plan."});
  // One record is one test: held (a date held) or planned (a date to come). Both dates at once
  // would lose one of them (the trial: the date planned silently dropped).
  if (in.held_on && in.planned_on)
    errors.push_back({"planned_on", "continuity.test_held_and_planned",
                      labelled("planned_on") +
                          "un test tenu n'a pas de date prévue ; enregistrez le "
                          "prochain test à part, avec sa seule date prévue."});
  if (!in.held_on && in.planned_on && *in.planned_on <= today)
    errors.push_back({"planned_on", "continuity.planned_in_past",
                      labelled("planned_on") +
                          "une date prévue est à venir ; pour un test tenu, indiquez "
                          "sa date."});
  if (in.observed_hours && *in.observed_hours < 0)
    errors.push_back({"observed_hours", "continuity.observed_hours_negative",
                      labelled("observed_hours") + "une durée ne peut pas être négative."});
  if (in.observed_hours && !in.held_on)
    errors.push_back({"observed_hours", "continuity.observed_without_test",
                      labelled("observed_hours") + "une durée s'observe lors d'un test tenu."});
  check_text(errors, "scenario", in.scenario, kMaxName, false);
  check_text(errors, "failures", in.failures, kMaxText, false);
  // The services involved: current activities, each once; an interruption observed only in a
  // test held, within the bound of restore_tests.yaml (a year).
  std::vector<TestService> services;
  {
    const double max_hours = default_restore_limits().max_hours;
    std::vector<std::int64_t> seen;
    for (const auto& sv : in.services) {
      const Activity* a = reg.activity(sv.activity_id);
      if (!a) {
        errors.push_back({"test_services", "continuity.test_service_unknown",
                          labelled("test_services") + "activité inconnue dans cet établissement."});
        continue;
      }
      if (std::find(seen.begin(), seen.end(), sv.activity_id) != seen.end()) {
        errors.push_back({"test_services", "continuity.test_service_repeated",
                          labelled("test_services") + "« " + a->name + " » est nommée deux fois."});
        continue;
      }
      seen.push_back(sv.activity_id);
      if (sv.observed_hours && !in.held_on)
        errors.push_back({"test_services", "continuity.observed_without_test",
                          labelled("test_services") + "« " + a->name +
                              " » : une durée s'observe lors d'un test tenu."});
      else if (sv.observed_hours && (*sv.observed_hours < 0 || *sv.observed_hours > max_hours))
        errors.push_back({"test_services", "continuity.test_service_hours_out_of_range",
                          labelled("test_services") + "« " + a->name + " » : entre 0 et " +
                              french_integer(static_cast<std::int64_t>(max_hours)) + " heures."});
      std::optional<int> minutes;
      if (sv.observed_hours) minutes = static_cast<int>(std::lround(*sv.observed_hours * 60));
      services.push_back({sv.activity_id, minutes});
    }
  }
  throw_if(errors);
  PlanTest t{0,           plan_id,           in.held_on,  in.planned_on,
             in.scenario, in.observed_hours, in.failures, services};
  long long est_id = est.id, pid = plan_id;
  std::string held = date_or_empty(t.held_on), planned = date_or_empty(t.planned_on);
  int observed = t.observed_hours.value_or(0);
  indicator i_held = t.held_on ? soci::i_ok : soci::i_null;
  indicator i_planned = t.planned_on ? soci::i_ok : soci::i_null;
  indicator i_obs = t.observed_hours ? soci::i_ok : soci::i_null;
  std::string now = store::now_utc_iso();
  t.id = store::insert_returning(
      *s,
      "INSERT INTO continuity_plan_tests (establishment_id, plan_id, held_on, planned_on, "
      "scenario, observed_hours, failures, created_at, created_by) VALUES (:e, :p, :h, :pl, "
      ":s, :o, :f, :ca, :cb)",
      [&](soci::statement& st) {
        st.exchange(use(est_id));
        st.exchange(use(pid));
        st.exchange(use(held, i_held));
        st.exchange(use(planned, i_planned));
        st.exchange(use(t.scenario));
        st.exchange(use(observed, i_obs));
        st.exchange(use(t.failures));
        st.exchange(use(now));
        st.exchange(use(actor.user));
      });
  json audit_services = json::array();
  for (const auto& sv : t.services) {
    long long tid = t.id, aid = sv.activity_id;
    int minutes = sv.observed_minutes.value_or(0);
    indicator i_min = sv.observed_minutes ? soci::i_ok : soci::i_null;
    *s << "INSERT INTO continuity_plan_test_services (test_id, activity_id, observed_minutes) "
          "VALUES (:t, :a, :m)",
        use(tid), use(aid), use(minutes, i_min);
    audit_services.push_back(
        {{"activity", sv.activity_id},
         {"observed_minutes", sv.observed_minutes ? json(*sv.observed_minutes) : json(nullptr)}});
  }
  // In the register's order (by activity name), as load() gives them.
  std::sort(t.services.begin(), t.services.end(), [&](const TestService& a, const TestService& b) {
    const Activity* x = reg.activity(a.activity_id);
    const Activity* y = reg.activity(b.activity_id);
    return std::pair(x->name, x->id) < std::pair(y->name, y->id);
  });
  store::append_audit(
      *s, actor,
      {"create", "continuity_plan_test", std::to_string(t.id), est.id, est.region_code,
       std::string(t.held_on ? "Test de plan enregistré" : "Test de plan prévu") + " : " +
           plan->title + " (" + french_date_text(t.held_on ? held : planned) + ")",
       "",
       json{{"plan", plan_id},
            {"held_on", held},
            {"planned_on", planned},
            {"scenario", t.scenario},
            {"services", audit_services}}
           .dump()});
  tr.commit();
  return t;
}

RestoreTest Repository::add_restore_test(const Scope& scope, const std::string& finess,
                                         std::int64_t resource_id, const RestoreTestInput& in,
                                         const Date& today, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto reg = load_register(*s, est.id);
  const Resource* res = reg.resource(resource_id);
  if (!res) throw UserError::not_found("Ressource introuvable.");
  std::vector<UErr> errors = in.format_errors;
  auto format_error_on = [&](const char* f) {
    for (const auto& e : in.format_errors)
      if (e.field == f) return true;
    return false;
  };
  if (!in.held_on && !format_error_on("restored_on"))
    errors.push_back({"restored_on", "continuity.restored_on_required",
                      labelled("restored_on") + "indiquez la date du test de restauration."});
  if (in.held_on && *in.held_on > today)
    errors.push_back({"restored_on", "continuity.date_in_future",
                      labelled("restored_on") + "la date ne peut pas être dans le futur."});
  // The bound and its rationale: data/continuity/restore_tests.yaml.
  const double max_hours = default_restore_limits().max_hours;
  auto hours = [&](const char* key, const std::optional<double>& v) {
    if (!v) {
      if (!format_error_on(key))
        errors.push_back({key, std::string("continuity.") + key + "_required",
                          labelled(key) + "indiquez la durée mesurée, en heures."});
    } else if (*v < 0 || *v > max_hours) {
      errors.push_back({key, std::string("continuity.") + key + "_out_of_range",
                        labelled(key) + "entre 0 et " +
                            french_integer(static_cast<std::int64_t>(max_hours)) + " heures."});
    }
  };
  hours("restore_hours", in.restore_hours);
  hours("data_loss_hours", in.data_loss_hours);
  check_text(errors, "checked_by", in.checked_by, kMaxName, true);
  check_text(errors, "notes", in.notes, kMaxText, false);
  throw_if(errors);
  RestoreTest t{0,
                resource_id,
                *in.held_on,
                static_cast<int>(std::lround(*in.restore_hours * 60)),
                static_cast<int>(std::lround(*in.data_loss_hours * 60)),
                in.checked_by,
                in.notes};
  long long est_id = est.id, rid = resource_id;
  std::string held = format_date(t.held_on), now = store::now_utc_iso();
  t.id = store::insert_returning(
      *s,
      "INSERT INTO continuity_restore_tests (establishment_id, resource_id, held_on, "
      "restore_minutes, data_loss_minutes, checked_by, notes, created_at, created_by) VALUES "
      "(:e, :r, :h, :rm, :dm, :c, :n, :ca, :cb)",
      [&](soci::statement& st) {
        st.exchange(use(est_id));
        st.exchange(use(rid));
        st.exchange(use(held));
        st.exchange(use(t.restore_minutes));
        st.exchange(use(t.data_loss_minutes));
        st.exchange(use(t.checked_by));
        st.exchange(use(t.notes));
        st.exchange(use(now));
        st.exchange(use(actor.user));
      });
  store::append_audit(
      *s, actor,
      {"create", "continuity_restore_test", std::to_string(t.id), est.id, est.region_code,
       "Test de restauration enregistré : " + res->name + " (" + french_date_text(held) + ")", "",
       json{{"resource", resource_id},
            {"held_on", held},
            {"restore_minutes", t.restore_minutes},
            {"data_loss_minutes", t.data_loss_minutes},
            {"checked_by", t.checked_by}}
           .dump()});
  tr.commit();
  return t;
}

evidence::Document Repository::attach_plan_document(const Scope& scope, const std::string& finess,
                                                    std::int64_t plan_id,
                                                    const std::string& file_name,
                                                    const std::string& bytes, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  long long est_id = est.id, pid = plan_id;
  int found = 0;
  *s << "SELECT COUNT(*) FROM continuity_plans WHERE id = :id AND establishment_id = :e AND "
        "withdrawn_at IS NULL",
      use(pid), use(est_id), into(found);
  if (found == 0) throw UserError::not_found("Plan introuvable.");
  auto checked =
      files::check_attachment(file_name, bytes,
                              {"plan_document", "continuity",
                               std::string(field_label("plan_document"))});  // « Document du plan »
  const auto evidence_id =
      evidence::emitted_id(*s, "continuity_plan:" + std::to_string(plan_id), est.id);
  if (evidence_id == 0)
    throw UserError(409, "continuity.plan_without_evidence",
                    "Ce plan n'a pas de preuve à laquelle joindre son document.");
  evidence::Document d;
  d.title = kPlanDocumentTitle;
  d.file_name = checked.file_name;
  d.content_type = checked.content_type;
  d = evidence::write_document(*s, evidence_id, est.id, est.region_code, std::move(d), bytes,
                               actor);
  tr.commit();
  return d;
}

evidence::DocumentFile Repository::plan_document(const Scope& scope, const std::string& finess,
                                                 std::int64_t plan_id) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  long long est_id = est.id, doc = 0;
  const std::string source = "continuity_plan:" + std::to_string(plan_id);
  const std::string title = kPlanDocumentTitle;
  indicator ind = soci::i_null;
  *s << "SELECT MAX(d.id) FROM evidence_documents d JOIN evidence e ON e.id = d.evidence_id "
        "WHERE d.establishment_id = :e AND e.establishment_id = :e2 AND e.source = :s AND "
        "d.title = :t",
      use(est_id), use(est_id), use(source), use(title), into(doc, ind);
  if (ind != soci::i_ok) throw UserError::not_found("Document introuvable.");
  evidence::DocumentFile f;
  long long size = 0;
  *s << "SELECT file_name, content_type, size_bytes, sha256, version FROM evidence_documents "
        "WHERE id = :d",
      use(doc), into(f.info.file_name), into(f.info.content_type), into(size), into(f.info.sha256),
      into(f.info.version);
  f.info.id = doc;
  f.info.size = size;
  f.bytes = evidence::module_document_bytes(*s, doc);
  return f;
}

Withdrawal Repository::withdraw(const Scope& scope, const std::string& finess, Record what,
                                std::int64_t id, const std::string& reason, const Date& today,
                                const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  static constexpr const char* kTables[] = {"continuity_resources",  "continuity_activities",
                                            "continuity_bias",       "continuity_plans",
                                            "continuity_plan_tests", "continuity_restore_tests"};
  static constexpr const char* kEntities[] = {"continuity_resource",  "continuity_activity",
                                              "continuity_bia",       "continuity_plan",
                                              "continuity_plan_test", "continuity_restore_test"};
  const std::string table = kTables[static_cast<int>(what)];
  const std::string entity = kEntities[static_cast<int>(what)];
  auto s = db_.lease();
  store::Transaction tr(*s);
  long long est_id = est.id, rid = id;
  int found = 0, withdrawn = 0;
  indicator ind;
  std::string at;
  *s << "SELECT COUNT(*) FROM " + table + " WHERE id = :id AND establishment_id = :e", use(rid),
      use(est_id), into(found);
  if (found == 0) throw UserError::not_found();
  *s << "SELECT withdrawn_at FROM " + table + " WHERE id = :id", use(rid), into(at, ind);
  withdrawn = ind == soci::i_null ? 0 : 1;
  if (withdrawn)
    throw UserError(409, "continuity.already_withdrawn", "Cet enregistrement est déjà retiré.");
  std::string why =
      checked_withdrawal_reason(reason, "continuity", "cet enregistrement est retiré");
  std::optional<long long> activity;
  if (what == Record::activity) activity = rid;
  if (what == Record::bia) {
    long long a = 0;
    *s << "SELECT activity_id FROM continuity_bias WHERE id = :id", use(rid), into(a);
    activity = a;
  }
  auto w = store::mark_withdrawn(*s, table, rid, est_id, why, actor.user);
  store::append_audit(*s, actor,
                      {"withdraw", entity, std::to_string(rid), est.id, est.region_code,
                       "Retiré (continuité) : " + why, "",
                       json{{"withdrawn_at", w.at}, {"reason", w.reason}}.dump()});
  if (activity) {
    auto reg = load_register(*s, est.id);
    emit_bia(*s, est, reg, *activity, today, actor);
  }
  if (what == Record::plan)
    evidence_.emit(*s, est, "continuity_plan:" + std::to_string(rid), std::nullopt, today, actor,
                   "plan de continuité retiré : " + why);
  tr.commit();
  return w;
}

}  // namespace carepilot::continuity
