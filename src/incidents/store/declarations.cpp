#include "incidents/store/declarations.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/text.hpp"
#include "incidents/report/prefill.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"

namespace carepilot::incidents {

namespace declarations_detail {

using soci::into;
using soci::use;

std::string content_json(const DeclarationContent& c) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : c) j[k] = v;
  return j.dump();
}

DeclarationContent parse_content(const std::string& text) {
  DeclarationContent c;
  const auto j = nlohmann::json::parse(text.empty() ? "{}" : text);
  for (const auto& [k, v] : j.items()) c[k] = v.get<std::string>();
  return c;
}

std::vector<Declaration> load_all(soci::session& s, std::int64_t incident_id) {
  std::vector<Declaration> out;
  long long id = 0, inc = incident_id;
  std::string stage, content, submitted_at, reference, digest, by, created_at, created_by,
      updated_at;
  soci::indicator i_sub = soci::i_ok;
  soci::statement st =
      (s.prepare << "SELECT id, stage, content, submitted_at, portal_reference, digest, "
                    "submitted_by, created_at, created_by, updated_at FROM incident_declarations "
                    "WHERE incident_id = :i",
       into(id), into(stage), into(content), into(submitted_at, i_sub), into(reference),
       into(digest), into(by), into(created_at), into(created_by), into(updated_at), use(inc));
  st.execute();
  while (st.fetch())
    out.push_back({id, incident_id, stage, parse_content(content),
                   i_sub == soci::i_null ? "" : submitted_at, reference, digest, by, created_at,
                   created_by, updated_at});
  const auto& form = default_declaration_form();
  std::sort(out.begin(), out.end(), [&](const Declaration& a, const Declaration& b) {
    return form.stage_index(a.stage) < form.stage_index(b.stage);
  });
  return out;
}

Declaration* find_stage(std::vector<Declaration>& all, const std::string& stage) {
  for (auto& d : all)
    if (d.stage == stage) return &d;
  return nullptr;
}

UserError frozen(const std::string& stage) {
  return UserError(409, "incident.stage_submitted",
                   "La " + code_label("incident_stage." + stage) +
                       " est transmise : elle ne peut plus être modifiée.",
                   {{"declaration_stage", "incident.stage_submitted",
                     std::string(field_label("declaration_stage")) + " : la " +
                         code_label("incident_stage." + stage) +
                         " est transmise et ne peut plus être modifiée."}});
}

void lock(soci::session& s, std::int64_t incident_id) {
  long long key = incident_id, got = 0;
  if (s.get_backend_name() == "postgresql")
    s << "SELECT id FROM incidents WHERE id = :i FOR UPDATE", use(key), into(got);
}

// "2026-11-30", the Paris day of `unix`.
std::string paris_today(std::int64_t unix) {
  const std::string p = paris_datetime(unix);  // "30/11/2026 à 13 h 01"
  return p.substr(6, 4) + "-" + p.substr(3, 2) + "-" + p.substr(0, 2);
}

}  // namespace declarations_detail

const Declaration* previous_stage(const std::vector<Declaration>& all, const std::string& stage) {
  const auto& form = default_declaration_form();
  const int at = form.stage_index(stage);
  const Declaration* found = nullptr;
  for (const auto& d : all) {
    const int i = form.stage_index(d.stage);
    if (d.submitted() && i >= 0 && i < at && (!found || form.stage_index(found->stage) < i))
      found = &d;
  }
  return found;
}

std::vector<Declaration> Declarations::list(const Scope& scope, const std::string& finess,
                                            std::int64_t incident_id) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  Repository::load_on(*s, est.id, est.finess_et, incident_id);  // 404 outside
  return declarations_detail::load_all(*s, incident_id);
}

Declaration Declarations::save(const Scope& scope, const std::string& finess,
                               std::int64_t incident_id, const std::string& stage,
                               const DeclarationContent& content, const Actor& actor) {
  using namespace declarations_detail;
  auto est = registry_.visible(scope, finess);
  const auto& form = default_declaration_form();
  const int index = form.stage_index(stage);
  if (index < 0) {
    std::vector<std::string> names;
    for (const auto& x : form.stages) names.push_back(code_label("incident_stage." + x));
    std::vector<std::string_view> views(names.begin(), names.end());
    throw UserError::invalid({{"declaration_stage", "incident.stage_unknown",
                               std::string(field_label("declaration_stage")) +
                                   " : choix possibles : " + french_choices(views) + "."}});
  }
  auto errors = check_content(form, content);
  {
    auto future = future_dates(form, content, declarations_detail::paris_today(now()));
    errors.insert(errors.end(), future.begin(), future.end());
  }
  if (!errors.empty()) throw UserError::invalid(errors);
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock(*s, incident_id);
  auto inc = Repository::load_on(*s, est.id, est.finess_et, incident_id);
  refuse_if_withdrawn(inc);
  auto all = load_all(*s, incident_id);
  auto* existing = find_stage(all, stage);
  if (existing && existing->submitted()) throw frozen(stage);
  const std::string now = store::now_utc_iso();
  long long inc_id = incident_id;
  Declaration d;
  std::string before;
  if (existing) {
    d = *existing;
    before = content_json(d.content);
  } else {
    const auto* initial = find_stage(all, form.stages.front());
    if (index > 0 && !(initial && initial->submitted()))
      throw UserError::invalid(
          {{"declaration_stage", "incident.stage_order",
            std::string(field_label("declaration_stage")) + " : transmettez d'abord la " +
                code_label("incident_stage." + form.stages.front()) + "."}});
    // A later stage starts from the latest submitted one.
    for (const auto& x : all)
      if (x.submitted() && form.stage_index(x.stage) < index) d.content = x.content;
    d.incident_id = incident_id;
    d.stage = stage;
    d.created_at = now;
    d.created_by = actor.user;
  }
  for (const auto& [k, v] : content) d.content[k] = trim(v);
  d.updated_at = now;
  const std::string after = content_json(d.content);
  if (existing) {
    long long id = d.id;
    *s << "UPDATE incident_declarations SET content = :c, updated_at = :u WHERE id = :i",
        use(after), use(now), use(id);
  } else {
    d.id = store::insert_returning(
        *s,
        "INSERT INTO incident_declarations (incident_id, stage, content, created_at, created_by, "
        "updated_at) VALUES (:i, :s, :c, :ca, :cb, :u)",
        [&](soci::statement& st) {
          st.exchange(use(inc_id));
          st.exchange(use(d.stage));
          st.exchange(use(after));
          st.exchange(use(now));
          st.exchange(use(actor.user));
          st.exchange(use(now));
        });
  }
  store::append_audit(*s, actor,
                      {existing ? "update" : "create", "incident_declaration", std::to_string(d.id),
                       est.id, est.region_code,
                       "Incident « " + inc.title + " » : " + code_label("incident_stage." + stage) +
                           " enregistrée en brouillon",
                       before, after});
  tr.commit();
  return d;
}

Declaration Declarations::submit(const Scope& scope, const std::string& finess,
                                 std::int64_t incident_id, const std::string& stage,
                                 const std::string& submitted_at,
                                 const std::string& portal_reference, const Actor& actor) {
  using namespace declarations_detail;
  auto est = registry_.visible(scope, finess);
  const auto& form = default_declaration_form();
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock(*s, incident_id);
  auto inc = Repository::load_on(*s, est.id, est.finess_et, incident_id);
  refuse_if_withdrawn(inc);
  auto all = load_all(*s, incident_id);
  auto* d = find_stage(all, stage);
  if (!d) throw UserError::not_found("Aucun brouillon de cette étape de la déclaration.");
  if (d->submitted()) throw frozen(stage);
  auto errors = missing_for(form, stage, d->content);
  // A draft saved before future dates were refused is not transmitted with one.
  for (auto& f : future_dates(form, d->content, paris_today(now()))) errors.push_back(std::move(f));
  const auto at = parse_instant(trim(submitted_at));
  if (trim(submitted_at).empty())
    errors.push_back({"submitted_at", "incident.field_required",
                      std::string(field_label("submitted_at")) + " : ce champ est requis."});
  else if (!at)
    errors.push_back({"submitted_at", "incident.instant_invalid",
                      std::string(field_label("submitted_at")) +
                          " : date et heure attendues avec leur décalage horaire (heure de Paris : "
                          "+01:00 en hiver, +02:00 en été)."});
  else if (const auto* det = inc.detection(); det && at->unix < det->at)
    errors.push_back({"submitted_at", "incident.before_detection",
                      std::string(field_label("submitted_at")) +
                          " : la transmission est datée avant la détection (" +
                          paris_datetime(det->at) + ")."});
  if (at) {
    if (auto f = check_not_future(default_catalog(), "submitted_at", at->unix, now()))
      errors.push_back(std::move(*f));
    // The stages are transmitted in the form's order: not before an earlier stage's
    // transmission, nor after a later one's.
    const int index = form.stage_index(stage);
    for (const auto& x : all) {
      if (!x.submitted() || x.stage == stage) continue;
      const auto other = parse_iso_utc(x.submitted_at).value_or(0);
      const int i = form.stage_index(x.stage);
      if (i < index && at->unix < other)
        errors.push_back({"submitted_at", "incident.before_previous_stage",
                          std::string(field_label("submitted_at")) +
                              " : la transmission est datée avant celle de la " +
                              code_label("incident_stage." + x.stage) + " (" +
                              paris_datetime(other) + ")."});
      else if (i > index && at->unix > other)
        errors.push_back({"submitted_at", "incident.after_next_stage",
                          std::string(field_label("submitted_at")) +
                              " : la transmission est datée après celle de la " +
                              code_label("incident_stage." + x.stage) + " (" +
                              paris_datetime(other) + ")."});
    }
  }
  const std::string reference = trim(portal_reference);
  if (reference.empty())
    errors.push_back({"portal_reference", "incident.reference_required",
                      std::string(field_label("portal_reference")) +
                          " : la référence donnée par le portail de signalement est requise."});
  if (!errors.empty()) throw UserError::invalid(errors);

  // The fields following the register, untouched, as the register stood at the transmission:
  // its events and its status then (issue 19 trial: a final stage transmitted on 15/11 said
  // « clos le 05/12 »).
  {
    std::vector<std::pair<std::int64_t, std::string>> changes;
    {
      std::string when, status;
      long long key = incident_id;
      soci::statement st = (s->prepare << "SELECT at, status FROM incident_status_changes WHERE "
                                          "incident_id = :i ORDER BY id",
                            into(when), into(status), use(key));
      st.execute();
      while (st.fetch()) changes.emplace_back(parse_iso_utc(when).value_or(0), status);
    }
    auto cut = status_cut(changes, at->unix);
    cut.events_until = at->unix;
    cut.recorded_until = INT64_MAX;  // the qualification as it is: not part of the timeline
    std::vector<DeclarationContent> texts{register_content(inc, std::nullopt, "", "")};
    for (auto& c : previous_register_texts(inc, parse_iso_utc(d->created_at).value_or(0),
                                           parse_iso_utc(d->updated_at).value_or(0),
                                           parse_iso_utc(d->updated_at).value_or(0), "", ""))
      texts.push_back(std::move(c));
    const bool froze =
        freeze_register_fields(d->content, texts, register_content(inc, cut, "", ""));
    // What the stage states of the handling agrees with the register then (issue 19 trial: a
    // final stage « Clos » transmitted the day before the closure).
    bool contained_then = cut.status != "open";
    for (const auto& e : inc.events)
      if (e.kind == "containment" && e.at <= at->unix) contained_then = true;
    const auto field = d->content.find("handling_status");
    if (field != d->content.end())
      if (const auto why = handling_contradiction(field->second, cut.status, contained_then);
          !why.empty())
        throw UserError::invalid(
            {{"handling_status", "incident.register_contradiction",
              std::string(field_label("handling_status")) + " : " + why + " (" +
                  paris_datetime(at->unix) +
                  "). Datez le changement de statut ou le confinement avant la transmission, ou "
                  "corrigez le texte du brouillon."}});
    if (froze) {
      const std::string frozen_content = content_json(d->content);
      long long key = d->id;
      *s << "UPDATE incident_declarations SET content = :c WHERE id = :i", use(frozen_content),
          use(key);
    }
  }
  d->submitted_at = utc_text(at->unix);
  d->portal_reference = reference;
  d->submitted_by = actor.user;
  d->digest = store::sha256_hex(canonical_text(stage, d->content, d->submitted_at, reference));
  const std::string now = store::now_utc_iso();
  d->updated_at = now;
  long long id = d->id;
  *s << "UPDATE incident_declarations SET submitted_at = :s, portal_reference = :r, digest = :d, "
        "submitted_by = :b, updated_at = :u WHERE id = :i AND submitted_at IS NULL",
      use(d->submitted_at), use(reference), use(d->digest), use(actor.user), use(now), use(id);
  store::append_audit(
      *s, actor,
      {"declare", "incident_declaration", std::to_string(d->id), est.id, est.region_code,
       "Incident « " + inc.title + " » : " + code_label("incident_stage." + stage) +
           " transmise au CERT Santé (référence " + reference + ", empreinte SHA-256 " +
           d->digest.substr(0, 12) + "…)",
       "",
       nlohmann::json{{"stage", stage},
                      {"submitted_at", d->submitted_at},
                      {"portal_reference", reference},
                      {"digest", d->digest}}
           .dump()});
  history_changed(*s, est);
  // The initial stage stops the declaration's clock: the timeline records it once.
  if (form.stage_index(stage) == 0) {
    bool recorded = false;
    for (const auto& e : inc.events)
      if (e.kind == "declaration_submitted") recorded = true;
    if (!recorded) {
      long long inc_id = incident_id, unix = at->unix;
      int offset = at->offset_minutes;
      const std::string kind = "declaration_submitted", service,
                        note = "Référence du portail : " + reference;
      const std::int64_t event_id = store::insert_returning(
          *s,
          "INSERT INTO incident_events (incident_id, kind, at_utc, at_unix, offset_minutes, "
          "service, note, created_at, created_by) VALUES (:i, :k, :a, :u, :o, :s, :n, :c, :b)",
          [&](soci::statement& st) {
            st.exchange(use(inc_id));
            st.exchange(use(kind));
            st.exchange(use(d->submitted_at));
            st.exchange(use(unix));
            st.exchange(use(offset));
            st.exchange(use(service));
            st.exchange(use(note));
            st.exchange(use(now));
            st.exchange(use(actor.user));
          });
      store::append_audit(
          *s, actor,
          {"create", "incident_event", std::to_string(event_id), est.id, est.region_code,
           "Incident « " + inc.title + " » : " + label("event", "declaration_submitted") + " le " +
               paris_datetime(at->unix),
           "", nlohmann::json{{"kind", kind}, {"at", d->submitted_at}}.dump()});
    }
  }
  tr.commit();
  return *d;
}

}  // namespace carepilot::incidents
