// The register of security incidents of an establishment (issue 19, migration 0046): each
// incident with its title, status (open, contained, closed), qualification on the CERT Santé
// observatory's dimensions and its timeline of typed events, stored as UTC instants with the
// offset they were typed with. Every write is one transaction with its audit entry; a refused
// input names its field and leaves nothing written. Establishments outside the caller's scope
// answer 404 (registry::Repository::visible).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/scope.hpp"
#include "common/withdrawal.hpp"
#include "incidents/rules/timeline.hpp"
#include "registry/repository.hpp"
#include "store/clock.hpp"
#include "store/database.hpp"

namespace carepilot::incidents {

struct Incident {
  std::int64_t id = 0;
  std::int64_t establishment_id = 0;
  std::string finess;
  std::string title;
  std::string status;  // open | contained | closed
  Qualification qualification;
  std::string qualified_at;  // UTC ISO, "" when not qualified
  std::string closed_at;     // UTC ISO while closed, "" otherwise
  std::string created_at, created_by, updated_at;
  std::vector<Event> events;  // by instant, the current ones: what every computation reads
  // The events withdrawn (typed wrong; migration 0056), by instant: kept and shown « Retiré »,
  // ignored by the durations, clocks, pre-filled declarations and statistics.
  std::vector<Event> withdrawn_events;
  // Withdrawn (created by mistake; migration 0054): kept and shown « Retiré », out of the
  // statistics and the clocks, no more changes.
  Withdrawal withdrawal;
  // « Systèmes et services touchés » (migration 0055): the establishment's registry services
  // (codes) and its continuity IT resources, in the order chosen.
  struct Resource {
    std::int64_t id = 0;
    std::string name, kind;  // kind: application | infrastructure
  };
  std::vector<std::string> affected_services;
  std::vector<Resource> affected_resources;

  const Event* detection() const;
};

// A new incident: its title and the instant of its detection, typed with its offset
// ("2026-03-29T01:30+01:00"); the detection is the first event of its timeline.
struct IncidentInput {
  std::string title;
  std::string detected_at;
  std::string note;
};

// The systems and services touched, as chosen: service codes and continuity resource ids.
struct AffectedInput {
  std::vector<std::string> services;
  std::vector<std::int64_t> resources;
};

// An event joining a timeline: `at` typed with its offset; `service` for degraded mode.
struct EventInput {
  std::string kind;
  std::string at;
  std::string service;
  std::string note;
};

// The statuses an incident takes, in order.
const std::vector<std::string>& statuses();

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry) : db_(db), registry_(registry) {}

  // Now, Unix seconds: a typed instant later than now (plus the catalog's clock skew) is
  // refused, `incident.in_future`. Tests pin it.
  std::function<std::int64_t()> now = store::now_unix;

  // 422: `incident_title` incident.title_required / incident.title_too_long (300 characters);
  // `detected_at` incident.instant_required (empty or missing), incident.instant_invalid (not a
  // date and time with its offset),
  // incident.in_future (later than now).
  Incident create(const Scope& scope, const std::string& finess, const IncidentInput& in,
                  const Actor& actor);
  // Adds an event to incident `id` (404 when it is not the establishment's). 422:
  // `event_at` incident.instant_required, incident.instant_invalid, incident.in_future, the checks
  // of timeline.hpp (check_event), `event_kind` incident.closed (a closed incident takes no more
  // events), `note` incident.note_too_long.
  Event add_event(const Scope& scope, const std::string& finess, std::int64_t id,
                  const EventInput& in, const Actor& actor);
  // Sets the qualification (the dimensions given replace the stored ones; the others stay) and,
  // when `affected` is given, replaces the systems and services touched — in one transaction.
  // 422: the errors of check_qualification; `affected_services` incident.service_unknown (not a
  // service of the establishment's registry), `affected_resources` incident.resource_unknown
  // (not a current IT resource of this establishment's continuity inventory: another
  // establishment's is refused).
  Incident qualify(const Scope& scope, const std::string& finess, std::int64_t id,
                   const Qualification& q, const Actor& actor,
                   const AffectedInput* affected = nullptr);
  // The establishment's current continuity IT resources (the choices of `affected_resources`),
  // by name.
  std::vector<Incident::Resource> resources(const Scope& scope, const std::string& finess);
  // 422 `incident_status` incident.status_unknown. `at`: the instant of the change typed with
  // its offset ("" : now), recorded in the dated status history (and as `closed_at` when
  // closing; reopening clears it); 422 `status_at` incident.instant_invalid, incident.in_future,
  // incident.before_detection, incident.before_previous_status (before the last change).
  Incident set_status(const Scope& scope, const std::string& finess, std::int64_t id,
                      const std::string& status, const Actor& actor, const std::string& at = "");

  // Withdraws incident `id` created by mistake, with the reason (« Motif du retrait »; 422
  // `reason` incident.reason_required / incident.reason_too_long); 409 incident.withdrawn when
  // it already is. Nothing is deleted: its timeline, declarations and attachments stay.
  Incident withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                    const std::string& reason, const Actor& actor);

  // Withdraws event `event_id` of incident `id` typed wrong, with the reason (« Motif du
  // retrait »; 422 `reason` incident.reason_required / incident.reason_too_long). Nothing is
  // deleted: the event stays in the timeline shown « Retiré », out of every computation. 404
  // incident.event_not_found when it is not the incident's; 409 incident.withdrawn (the incident
  // is), incident.event_withdrawn (it already is), incident.detection_event (the detection: the
  // incident's detection date depends on it), incident.event_automatic (recorded by a stage's
  // transmission), incident.event_needed (the end of a degraded-mode period depends on its start).
  Event withdraw_event(const Scope& scope, const std::string& finess, std::int64_t id,
                       std::int64_t event_id, const std::string& reason, const Actor& actor);

  Incident load(const Scope& scope, const std::string& finess, std::int64_t id);
  // The dated status history of incident `id` (404 outside), oldest first: its opening, then
  // each change — the instant (Unix seconds; a closure at its `closed_at`), the status set and
  // who set it (migration 0053, written in the transaction of the change; issue 19 trial: the
  // instants were read back from the audit trail's summary text).
  struct StatusChange {
    std::int64_t at = 0;
    std::string status;
    std::string by;
  };
  std::vector<StatusChange> status_changes(const Scope& scope, const std::string& finess,
                                           std::int64_t id);
  // The establishment's incidents, the latest detected first.
  std::vector<Incident> list(const Scope& scope, const std::string& finess);

  // The incident `id` of establishment `est_id` on an open session (declarations, lessons);
  // 404 when there is none.
  static Incident load_on(soci::session& s, std::int64_t est_id, const std::string& finess,
                          std::int64_t id);

 private:
  store::Database& db_;
  registry::Repository& registry_;
};

// 409 incident.withdrawn when `inc` is withdrawn: every change of a withdrawn incident (event,
// qualification, status, declaration stage, attachment, lessons) is refused.
void refuse_if_withdrawn(const Incident& inc);

// In the transaction of a write that changes an establishment's history (an incident opened, an
// event, a stage submitted, a closure): bumps the generations of the scopes containing it, so
// that the cached pages showing that history (the establishment's page) are rendered again.
void history_changed(soci::session& s, const registry::Establishment& est);

// The qualification as stored and answered by the API: {"threat": ["ransomware"], …}.
std::string qualification_json(const Qualification& q);
Qualification parse_qualification_json(const std::string& text);

}  // namespace carepilot::incidents
