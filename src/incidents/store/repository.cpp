#include "incidents/store/repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "common/text.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/scope_generation.hpp"
#include "store/transaction.hpp"
#include "store/withdrawal.hpp"

namespace carepilot::incidents {

namespace repository_detail {

using nlohmann::json;
using soci::into;
using soci::use;

constexpr std::size_t kMaxTitle = 300;
constexpr std::size_t kMaxNote = 4000;

std::string lead(const char* field) {
  return std::string(field_label(field)) + " : ";
}

FieldError instant_error(const char* field) {
  return {field, "incident.instant_invalid",
          lead(field) +
              "date et heure attendues avec leur décalage horaire (heure de Paris : +01:00 en "
              "hiver, +02:00 en été)."};
}

// An instant not given (an empty date field of a page, `detected_at` missing from a request).
FieldError required_error(const char* field) {
  return {field, "incident.instant_required", lead(field) + "ce champ est requis."};
}

std::size_t chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

void throw_if(const std::vector<FieldError>& errors) {
  if (!errors.empty()) throw UserError::invalid(errors);
}

json event_json(const Event& e) {
  return {{"kind", e.kind},
          {"at", utc_text(e.at)},
          {"offset_minutes", e.offset_minutes},
          {"service", e.service},
          {"note", e.note}};
}

void load_events(soci::session& s, Incident& inc) {
  long long id = 0, at = 0;
  int offset = 0;
  std::string kind, service, note, w_at, w_by, w_reason;
  long long incident_id = inc.id;
  soci::statement st =
      (s.prepare << "SELECT id, kind, at_unix, offset_minutes, service, note, " +
                        store::withdrawal_columns() +
                        " FROM incident_events WHERE incident_id = :i ORDER BY at_unix, id",
       into(id), into(kind), into(at), into(offset), into(service), into(note), into(w_at),
       into(w_by), into(w_reason), use(incident_id));
  st.execute();
  while (st.fetch()) {
    Event e{id, kind, at, offset, service, note, {w_at, w_by, w_reason}};
    (e.withdrawal.withdrawn() ? inc.withdrawn_events : inc.events).push_back(std::move(e));
  }
}

// Takes the incident's row for the transaction (PostgreSQL: FOR UPDATE; SQLite: BEGIN
// IMMEDIATE already serialises writers), so two events checked against the same timeline
// cannot both pass.
void lock_incident(soci::session& s, std::int64_t id) {
  long long key = id, got = 0;
  if (s.get_backend_name() == "postgresql")
    s << "SELECT id FROM incidents WHERE id = :i FOR UPDATE", use(key), into(got);
}

// One row of the dated status history (migration 0053), in the transaction of the change.
void record_status(soci::session& s, std::int64_t incident_id, const std::string& status,
                   const std::string& at, const std::string& by) {
  long long key = incident_id;
  s << "INSERT INTO incident_status_changes (incident_id, status, at, changed_by) VALUES (:i, "
       ":s, :a, :b)",
      use(key), use(status), use(at), use(by);
}

}  // namespace repository_detail

void history_changed(soci::session& s, const registry::Establishment& est) {
  store::bump_scope_generations(
      s, store::establishment_scope_keys(est.id, est.region_code, est.ght_id));
}

const Event* Incident::detection() const {
  for (const auto& e : events)
    if (e.kind == "detection") return &e;
  return nullptr;
}

const std::vector<std::string>& statuses() {
  static const std::vector<std::string> s{"open", "contained", "closed"};
  return s;
}

std::string qualification_json(const Qualification& q) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : q) j[k] = v;
  return j.dump();
}

Qualification parse_qualification_json(const std::string& text) {
  Qualification q;
  auto j = nlohmann::json::parse(text.empty() ? "{}" : text);
  for (const auto& [k, v] : j.items()) q[k] = v.get<std::vector<std::string>>();
  return q;
}

Incident Repository::load_on(soci::session& s, std::int64_t est_id, const std::string& finess,
                             std::int64_t id) {
  using namespace repository_detail;
  Incident inc;
  long long key = id, est = est_id;
  std::string qualification, qualified_at, closed_at;
  soci::indicator i_q = soci::i_ok, i_closed = soci::i_ok;
  s << "SELECT id, title, status, qualification, qualified_at, created_at, created_by, "
       "updated_at, closed_at, " +
           store::withdrawal_columns() + " FROM incidents WHERE id = :i AND establishment_id = :e",
      into(inc.id), into(inc.title), into(inc.status), into(qualification), into(qualified_at, i_q),
      into(inc.created_at), into(inc.created_by), into(inc.updated_at), into(closed_at, i_closed),
      into(inc.withdrawal.at), into(inc.withdrawal.by), into(inc.withdrawal.reason), use(key),
      use(est);
  if (!s.got_data()) throw UserError::not_found("Incident introuvable.");
  inc.establishment_id = est_id;
  inc.finess = finess;
  inc.qualification = parse_qualification_json(qualification);
  inc.qualified_at = i_q == soci::i_null ? "" : qualified_at;
  inc.closed_at = i_closed == soci::i_null ? "" : closed_at;
  load_events(s, inc);
  {
    std::string service, name, kind;
    long long rid = 0;
    soci::indicator i_r = soci::i_ok, i_n = soci::i_ok, i_k = soci::i_ok;
    soci::statement st =
        (s.prepare << "SELECT a.service, a.resource_id, r.name, r.kind FROM "
                      "incident_affected_systems a LEFT JOIN continuity_resources r ON r.id = "
                      "a.resource_id WHERE a.incident_id = :i ORDER BY a.id",
         into(service), into(rid, i_r), into(name, i_n), into(kind, i_k), use(key));
    st.execute();
    while (st.fetch()) {
      if (i_r == soci::i_ok)
        inc.affected_resources.push_back(
            {rid, i_n == soci::i_ok ? name : "", i_k == soci::i_ok ? kind : ""});
      else
        inc.affected_services.push_back(service);
    }
  }
  return inc;
}

std::vector<Incident::Resource> Repository::resources(const Scope& scope,
                                                      const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  std::vector<Incident::Resource> out;
  long long id = 0, e = est.id;
  std::string name, kind;
  soci::statement st =
      (s->prepare << "SELECT id, name, kind FROM continuity_resources WHERE establishment_id = "
                     ":e AND withdrawn_at IS NULL ORDER BY name, id",
       soci::into(id), soci::into(name), soci::into(kind), soci::use(e));
  st.execute();
  while (st.fetch()) out.push_back({id, name, kind});
  return out;
}

void refuse_if_withdrawn(const Incident& inc) {
  if (inc.withdrawal.withdrawn())
    throw UserError(409, "incident.withdrawn",
                    "Cet incident a été retiré le " + paris_datetime(inc.withdrawal.at) +
                        " (créé par erreur) : il est conservé mais n'est plus modifiable.");
}

Incident Repository::withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                              const std::string& reason, const Actor& actor) {
  using namespace repository_detail;
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock_incident(*s, id);
  auto inc = load_on(*s, est.id, est.finess_et, id);  // 404 outside
  if (inc.withdrawal.withdrawn())
    throw UserError(409, "incident.withdrawn",
                    "Cet incident est déjà retiré (le " + paris_datetime(inc.withdrawal.at) + ").");
  const std::string why = checked_withdrawal_reason(reason, "incident", "cet incident est retiré");
  inc.withdrawal = store::mark_withdrawn(*s, "incidents", id, est.id, why, actor.user);
  store::append_audit(*s, actor,
                      {"withdraw", "incident", std::to_string(id), est.id, est.region_code,
                       "Incident « " + inc.title + " » retiré (créé par erreur) ; motif : " + why,
                       json{{"title", inc.title}, {"status", inc.status}}.dump(),
                       json{{"title", inc.title},
                            {"status", inc.status},
                            {"withdrawn_at", inc.withdrawal.at},
                            {"withdrawal_reason", why}}
                           .dump()});
  history_changed(*s, est);
  tr.commit();
  return inc;
}

Event Repository::withdraw_event(const Scope& scope, const std::string& finess, std::int64_t id,
                                 std::int64_t event_id, const std::string& reason,
                                 const Actor& actor) {
  using namespace repository_detail;
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock_incident(*s, id);
  auto inc = load_on(*s, est.id, est.finess_et, id);  // 404 outside
  for (const auto& w : inc.withdrawn_events)
    if (w.id == event_id)
      throw UserError(
          409, "incident.event_withdrawn",
          "Cet événement est déjà retiré (le " + paris_datetime(w.withdrawal.at) + ").");
  auto it = std::find_if(inc.events.begin(), inc.events.end(),
                         [&](const Event& e) { return e.id == event_id; });
  if (it == inc.events.end())
    throw UserError(404, "incident.event_not_found", "Événement introuvable.");
  refuse_if_withdrawn(inc);
  const Event e = *it;
  const auto& cat = default_catalog();
  if (e.kind == "detection")
    throw UserError(409, "incident.detection_event",
                    "La détection ne peut pas être retirée : la date de détection de l'incident "
                    "en dépend (délais, échéances, statistiques). Si cet incident n'en est pas "
                    "un ou a été saisi avec une mauvaise date de détection, retirez l'incident "
                    "et saisissez-le de nouveau.");
  if (const auto* type = cat.event(e.kind); type && type->automatic)
    throw UserError(409, "incident.event_automatic",
                    "L'événement « " + label("event", e.kind) +
                        " » est enregistré par la transmission de la déclaration initiale, "
                        "figée : il ne peut pas être retiré.");
  // The end of a degraded-mode period needs its start: the period `e` opens, if any.
  for (const auto& t : cat.events) {
    if (t.ends != e.kind) continue;
    const Event* open = nullptr;
    for (const auto& x : inc.events) {
      if (x.service != e.service) continue;
      if (x.kind == e.kind) open = &x;
      if (x.kind == t.id) {
        if (open && open->id == e.id)
          throw UserError(409, "incident.event_needed",
                          "Cet événement ne peut pas être retiré : « " + label("event", t.id) +
                              " » du " + paris_datetime(x.at) +
                              " en dépend ; retirez d'abord cette fin.");
        open = nullptr;
      }
    }
  }
  const std::string why = checked_withdrawal_reason(reason, "incident", "cet événement est retiré");
  Event out = e;
  out.withdrawal = {store::now_utc_iso(), actor.user, why};
  long long key = event_id, inc_key = id;
  *s << "UPDATE incident_events SET withdrawn_at = :a, withdrawn_by = :b, withdrawal_reason = "
        ":r WHERE id = :e AND incident_id = :i AND withdrawn_at IS NULL",
      use(out.withdrawal.at), use(out.withdrawal.by), use(out.withdrawal.reason), use(key),
      use(inc_key);
  *s << "UPDATE incidents SET updated_at = :u WHERE id = :i", use(out.withdrawal.at), use(inc_key);
  json after = event_json(e);
  after["withdrawn_at"] = out.withdrawal.at;
  after["withdrawal_reason"] = why;
  store::append_audit(
      *s, actor,
      {"withdraw", "incident_event", std::to_string(event_id), est.id, est.region_code,
       "Incident « " + inc.title + " » : événement « " + label("event", e.kind) + " » du " +
           paris_datetime(e.at) + " retiré ; motif : " + why,
       event_json(e).dump(), after.dump()});
  history_changed(*s, est);
  tr.commit();
  return out;
}

Incident Repository::load(const Scope& scope, const std::string& finess, std::int64_t id) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  return load_on(*s, est.id, est.finess_et, id);
}

std::vector<Repository::StatusChange> Repository::status_changes(const Scope& scope,
                                                                 const std::string& finess,
                                                                 std::int64_t id) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  load_on(*s, est.id, est.finess_et, id);  // 404 outside
  std::vector<StatusChange> out;
  std::string at, status, by;
  long long key = id;
  soci::statement st =
      (s->prepare << "SELECT at, status, changed_by FROM incident_status_changes WHERE "
                     "incident_id = :i ORDER BY id",
       soci::into(at), soci::into(status), soci::into(by), soci::use(key));
  st.execute();
  while (st.fetch())
    if (const auto t = parse_iso_utc(at)) out.push_back({*t, status, by});
  return out;
}

std::vector<Incident> Repository::list(const Scope& scope, const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  std::vector<long long> ids;
  {
    long long id = 0, e = est.id;
    soci::statement st =
        (s->prepare << "SELECT i.id FROM incidents i LEFT JOIN incident_events d "
                       "ON d.incident_id = i.id AND d.kind = 'detection' WHERE "
                       "i.establishment_id = :e ORDER BY d.at_unix DESC, i.id DESC",
         soci::into(id), soci::use(e));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  std::vector<Incident> out;
  for (auto id : ids) out.push_back(load_on(*s, est.id, est.finess_et, id));
  return out;
}

Incident Repository::create(const Scope& scope, const std::string& finess, const IncidentInput& in,
                            const Actor& actor) {
  using namespace repository_detail;
  auto est = registry_.visible(scope, finess);
  const std::string title = trim(in.title);
  std::vector<FieldError> errors;
  if (title.empty())
    errors.push_back({"incident_title", "incident.title_required",
                      lead("incident_title") + "ce champ est requis."});
  else if (chars(title) > kMaxTitle)
    errors.push_back({"incident_title", "incident.title_too_long",
                      lead("incident_title") + "300 caractères au plus."});
  const auto detected = parse_instant(trim(in.detected_at));
  if (trim(in.detected_at).empty())
    errors.push_back(required_error("detected_at"));
  else if (!detected)
    errors.push_back(instant_error("detected_at"));
  else if (auto f = check_not_future(default_catalog(), "detected_at", detected->unix, now()))
    errors.push_back(std::move(*f));
  if (chars(in.note) > kMaxNote)
    errors.push_back(
        {"note", "incident.note_too_long", lead("note") + "4 000 caractères au plus."});
  throw_if(errors);

  auto s = db_.lease();
  store::Transaction tr(*s);
  const std::string now = store::now_utc_iso();
  long long est_id = est.id;
  const std::int64_t id = store::insert_returning(
      *s,
      "INSERT INTO incidents (establishment_id, title, status, created_at, created_by, "
      "updated_at) VALUES (:e, :t, 'open', :c, :b, :u)",
      [&](soci::statement& st) {
        st.exchange(use(est_id));
        st.exchange(use(title));
        st.exchange(use(now));
        st.exchange(use(actor.user));
        st.exchange(use(now));
      });
  long long incident_id = id, at = detected->unix;
  int offset = detected->offset_minutes;
  const std::string at_utc = utc_text(detected->unix), kind = "detection", service, note = in.note;
  *s << "INSERT INTO incident_events (incident_id, kind, at_utc, at_unix, offset_minutes, "
        "service, note, created_at, created_by) VALUES (:i, :k, :a, :u, :o, :s, :n, :c, :b)",
      use(incident_id), use(kind), use(at_utc), use(at), use(offset), use(service), use(note),
      use(now), use(actor.user);
  record_status(*s, id, "open", now, actor.user);
  store::append_audit(
      *s, actor,
      {"create", "incident", std::to_string(id), est.id, est.region_code,
       "Incident ouvert : " + title + " (détecté le " + paris_datetime(detected->unix) + ")", "",
       json{{"title", title}, {"status", "open"}, {"detected_at", at_utc}}.dump()});
  history_changed(*s, est);
  auto inc = load_on(*s, est.id, est.finess_et, id);
  tr.commit();
  return inc;
}

Event Repository::add_event(const Scope& scope, const std::string& finess, std::int64_t id,
                            const EventInput& in, const Actor& actor) {
  using namespace repository_detail;
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock_incident(*s, id);
  auto inc = load_on(*s, est.id, est.finess_et, id);
  refuse_if_withdrawn(inc);
  Event e{0, trim(in.kind), 0, 0, trim(in.service), in.note};
  std::vector<FieldError> errors;
  if (inc.status == "closed")
    errors.push_back({"event_kind", "incident.closed",
                      lead("event_kind") + "l'incident est clos ; rouvrez-le pour compléter sa "
                                           "chronologie."});
  const auto at = parse_instant(trim(in.at));
  if (trim(in.at).empty())
    errors.push_back(required_error("event_at"));
  else if (!at)
    errors.push_back(instant_error("event_at"));
  if (chars(in.note) > kMaxNote)
    errors.push_back(
        {"note", "incident.note_too_long", lead("note") + "4 000 caractères au plus."});
  if (at) {
    e.at = at->unix;
    e.offset_minutes = at->offset_minutes;
    if (auto f = check_not_future(default_catalog(), "event_at", e.at, now()))
      errors.push_back(std::move(*f));
    for (auto& x : check_event(default_catalog(), inc.events, e, est.services))
      errors.push_back(std::move(x));
  }
  throw_if(errors);
  const auto* type = default_catalog().event(e.kind);
  if (!type->per_service) e.service.clear();
  const std::string now = store::now_utc_iso(), at_utc = utc_text(e.at);
  long long incident_id = id, at_unix = e.at;
  e.id = store::insert_returning(
      *s,
      "INSERT INTO incident_events (incident_id, kind, at_utc, at_unix, offset_minutes, service, "
      "note, created_at, created_by) VALUES (:i, :k, :a, :u, :o, :s, :n, :c, :b)",
      [&](soci::statement& st) {
        st.exchange(use(incident_id));
        st.exchange(use(e.kind));
        st.exchange(use(at_utc));
        st.exchange(use(at_unix));
        st.exchange(use(e.offset_minutes));
        st.exchange(use(e.service));
        st.exchange(use(e.note));
        st.exchange(use(now));
        st.exchange(use(actor.user));
      });
  *s << "UPDATE incidents SET updated_at = :u WHERE id = :i", use(now), use(incident_id);
  std::string summary =
      "Incident « " + inc.title + " » : " + label("event", e.kind) + " le " + paris_datetime(e.at);
  if (!e.service.empty()) summary += " (" + code_label(e.service) + ")";
  store::append_audit(*s, actor,
                      {"create", "incident_event", std::to_string(e.id), est.id, est.region_code,
                       summary, "", event_json(e).dump()});
  history_changed(*s, est);
  tr.commit();
  return e;
}

Incident Repository::qualify(const Scope& scope, const std::string& finess, std::int64_t id,
                             const Qualification& q, const Actor& actor,
                             const AffectedInput* affected) {
  using namespace repository_detail;
  auto est = registry_.visible(scope, finess);
  auto errors = check_qualification(default_catalog(), q);
  // The systems and services touched: the establishment's own lists only (each once).
  std::vector<std::string> services;
  std::vector<Incident::Resource> chosen;
  if (affected) {
    for (const auto& raw : affected->services) {
      const std::string code = trim(raw);
      if (std::find(services.begin(), services.end(), code) != services.end()) continue;
      if (std::find(est.services.begin(), est.services.end(), code) == est.services.end()) {
        errors.push_back({"affected_services", "incident.service_unknown",
                          lead("affected_services") + "« " + code +
                              " » n'est pas un service de l'établissement (registre)."});
        break;
      }
      services.push_back(code);
    }
    const auto mine = resources(scope, finess);
    for (const auto rid : affected->resources) {
      auto it = std::find_if(mine.begin(), mine.end(),
                             [&](const Incident::Resource& r) { return r.id == rid; });
      if (it == mine.end()) {
        // Its id is not echoed: it may be another establishment's (issue 19 trial).
        errors.push_back({"affected_resources", "incident.resource_unknown",
                          lead("affected_resources") +
                              "une des ressources choisies n'est pas une ressource informatique "
                              "actuelle de l'établissement (inventaire de la continuité "
                              "d'activité)."});
        break;
      }
      if (std::none_of(chosen.begin(), chosen.end(),
                       [&](const Incident::Resource& r) { return r.id == rid; }))
        chosen.push_back(*it);
    }
  }
  throw_if(errors);
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock_incident(*s, id);
  auto inc = load_on(*s, est.id, est.finess_et, id);
  refuse_if_withdrawn(inc);

  auto affected_json = [](const Incident& i) {
    json ids = json::array();
    for (const auto& r : i.affected_resources) ids.push_back(r.id);
    return json{{"services", i.affected_services}, {"resources", ids}};
  };
  const std::string before = json{
      {"qualification", json::parse(qualification_json(inc.qualification))},
      {"affected",
       affected_json(inc)}}.dump();
  for (const auto& [k, v] : q) inc.qualification[k] = v;
  if (affected) {
    long long inc_key = id;
    *s << "DELETE FROM incident_affected_systems WHERE incident_id = :i", use(inc_key);
    for (const auto& code : services)
      *s << "INSERT INTO incident_affected_systems (incident_id, service) VALUES (:i, :s)",
          use(inc_key), use(code);
    for (const auto& r : chosen) {
      long long rid = r.id;
      *s << "INSERT INTO incident_affected_systems (incident_id, resource_id) VALUES (:i, :r)",
          use(inc_key), use(rid);
    }
    inc.affected_services = services;
    inc.affected_resources = chosen;
  }
  const std::string stored = qualification_json(inc.qualification), now = store::now_utc_iso();
  const std::string after =
      json{{"qualification", json::parse(stored)}, {"affected", affected_json(inc)}}.dump();
  long long key = id;
  *s << "UPDATE incidents SET qualification = :q, qualified_at = :a, qualified_by = :b, "
        "updated_at = :u WHERE id = :i",
      use(stored), use(now), use(actor.user), use(now), use(key);
  store::append_audit(*s, actor,
                      {"update", "incident", std::to_string(id), est.id, est.region_code,
                       "Incident « " + inc.title + " » qualifié", before, after});
  inc.qualified_at = now;
  inc.updated_at = now;
  tr.commit();
  return inc;
}

Incident Repository::set_status(const Scope& scope, const std::string& finess, std::int64_t id,
                                const std::string& status, const Actor& actor,
                                const std::string& at) {
  using namespace repository_detail;
  auto est = registry_.visible(scope, finess);
  const auto& all = statuses();
  std::vector<FieldError> errors;
  if (std::find(all.begin(), all.end(), status) == all.end()) {
    std::vector<std::string_view> names;
    for (const auto& x : all) names.push_back(status_label("incident", x));
    errors.push_back(
        {"incident_status", "incident.status_unknown",
         lead("incident_status") + "choix possibles : " + french_choices(names) + "."});
  }
  // The instant of the change: typed (with its offset), else now.
  std::int64_t when = now();
  if (!trim(at).empty()) {
    if (const auto typed = parse_instant(trim(at))) {
      when = typed->unix;
      if (auto f = check_not_future(default_catalog(), "status_at", when, now()))
        errors.push_back(std::move(*f));
    } else {
      errors.push_back(instant_error("status_at"));
    }
  }
  throw_if(errors);
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock_incident(*s, id);
  auto inc = load_on(*s, est.id, est.finess_et, id);
  refuse_if_withdrawn(inc);
  if (inc.status == status) return inc;
  // Not before the detection, nor before the change it follows (the history stays in order).
  if (const auto* det = inc.detection(); det && when < det->at)
    throw_if({{"status_at", "incident.before_detection",
               lead("status_at") + "la date est antérieure à la détection (" +
                   paris_datetime(det->at) + ")."}});
  if (!trim(at).empty()) {
    // The changes after the opening (the first row, at the incident's recording).
    std::optional<std::int64_t> previous;
    std::string row_at;
    long long key = id;
    soci::statement st = (s->prepare << "SELECT at FROM incident_status_changes WHERE "
                                        "incident_id = :i ORDER BY id",
                          into(row_at), use(key));
    st.execute();
    for (bool first = true; st.fetch(); first = false)
      if (!first)
        if (const auto t = parse_iso_utc(row_at); t && (!previous || *t > *previous)) previous = t;
    if (previous && when < *previous)
      throw_if({{"status_at", "incident.before_previous_status",
                 lead("status_at") + "la date est antérieure au changement de statut précédent (" +
                     paris_datetime(*previous) + ")."}});
  }
  const std::string now_iso = store::now_utc_iso();
  const std::string when_iso = utc_text(when);
  const std::string closed = status != "closed" ? "" : when_iso;
  soci::indicator i_closed = closed.empty() ? soci::i_null : soci::i_ok;
  long long key = id;
  *s << "UPDATE incidents SET status = :s, updated_at = :u, closed_at = :c WHERE id = :i",
      use(status), use(now_iso), use(closed, i_closed), use(key);
  record_status(*s, id, status, when_iso, actor.user);
  json before{{"status", inc.status}}, after{{"status", status}};
  if (!inc.closed_at.empty()) before["closed_at"] = inc.closed_at;
  if (!closed.empty()) after["closed_at"] = closed;
  store::append_audit(*s, actor,
                      {"update", "incident", std::to_string(id), est.id, est.region_code,
                       "Incident « " + inc.title + " » : statut « " +
                           std::string(status_label("incident", status)) + " »",
                       before.dump(), after.dump()});
  history_changed(*s, est);
  inc.status = status;
  inc.updated_at = now_iso;
  inc.closed_at = closed;
  tr.commit();
  return inc;
}

}  // namespace carepilot::incidents
