// Candidatures to the funding calls (issue 18, migration 0048): from the candidature to the
// payment. Every transition runs in one store::Transaction with its audit entry and a dated,
// attributed event; the call's calendar (data/funding/calls.yaml) is enforced, a passed
// deadline giving way only to an explicit national exception. Who may act follows roles and
// scopes (common/role.hpp): the candidate is an editor of one of its establishments
// (edit_records on a scope holding it); the ARS, a regional manager of the candidature's region
// (edit_registry on that region); national staff, a national administrator (edit_registry on
// the nation), who like everywhere else in carepilot may also act for a candidate or an ARS
// (recorded under its own name). A refusal stores nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/actor.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/role.hpp"
#include "common/scope.hpp"
#include "funding/evidence_item.hpp"
#include "funding/model.hpp"
#include "funding/rules.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::funding {

// Who acts: the role and scope of the signed-in user, and the actor for the trail.
struct Caller {
  Role role = Role::establishment_reader;
  Scope scope;
  Actor actor;
};

// States, in the order of the workflow. Their French words: status_label("funding", code).
//   filed → refused | operational (ARS) → declared (candidate) → more_requested (ARS: an
//   objective needs more) → declared … → verified (ARS: every objective accepted or refused)
//   → decided (national: amount granted, after the thread of requests and answers) → paid.
inline constexpr const char* kStates[] = {"filed",          "refused",  "operational", "declared",
                                          "more_requested", "verified", "decided",     "paid"};

// A proof: evidence records of carepilot (ids of the evidence table, of the candidature's
// establishments), an uploaded file, and/or a written justification.
struct ProofInput {
  std::vector<std::int64_t> evidence_ids;
  std::string file_name, file_bytes;  // no file: both empty
  std::string justification;
};

struct CandidatureInput {
  std::string call_id;
  bool as_ght = false;  // the caller's GHT is the candidate (else its establishment)
  std::vector<std::string> establishments;  // FINESS ET covered (a GHT: every one of its own)
  std::vector<std::string> contacts;        // names and e-mails, free text, one each
  std::map<std::string, ProofInput> prerequisites;  // by prerequisite id (normalised)
  std::string amount_requested;                     // as typed ("200 000 €")
};

// What carepilot's records compute for a computed objective, given to declare(): by objective
// id. The routes build it from the modules (exposure series, continuity coverage, AD audits);
// a test gives it directly.
using RuleResults = std::map<std::string, RuleResult>;

struct ObjectiveDeclarationInput {
  bool reached = false;
  ProofInput proof;
};

struct Event {
  std::int64_t id = 0;
  std::string kind, from_state, to_state, text;
  nlohmann::json detail;
  std::string on_day, at, by;
};

struct Verification {
  std::string objective_id, outcome, comment, at, by;
};

struct Declaration {
  std::int64_t id = 0;
  nlohmann::json dossier;
  std::string sha256, filed_at, filed_by;
  bool late = false;
  std::vector<Verification> verifications;
};

// The words a declaration filed after its deadline carries (« (hors délai, sous dérogation
// nationale) »), empty for one on time: the one place that decides them, from the declaration's
// own `late` (issue 18 trial: the page said it of a declaration on time, from the candidature's
// later deadline).
std::string late_words(const Declaration& d);
std::string late_words(bool late);

// A file joined to a candidature: a prerequisite's proof (at filing) or an objective's (in a
// declaration), as funding_files holds it. `bytes` is read only by Repository::joined_file.
struct JoinedFile {
  std::int64_t id = 0, candidature_id = 0;
  std::string item_id;  // the prerequisite or objective it proves (D2.P1, D2.O1.A)
  std::string file_name, content_type;
  std::int64_t size = 0;
  std::string sha256, created_at, created_by;
  std::string bytes;
};

struct Candidature {
  std::int64_t id = 0;
  std::string call_id, candidate_kind, candidate_key, state, region_code;
  std::optional<std::int64_t> ght_id;
  std::string ght_name;               // the candidate GHT's name as the registry holds it
  std::int64_t establishment_id = 0;  // the establishment candidate, or the one that filed
  std::int64_t amount_requested_cents = 0;
  std::optional<std::int64_t> amount_granted_cents, amount_paid_cents;
  std::string paid_on;
  nlohmann::json establishments, contacts, prerequisites;
  std::string exception_until, exception_reason;
  std::string created_at, created_by, updated_at;
  std::vector<Event> events;
  std::vector<Declaration> declarations;  // oldest first
  std::vector<JoinedFile> files;          // every joined file, by id, without its bytes
};

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, const Data& data)
      : db_(db), registry_(registry), data_(data) {}

  // The candidate files for establishment `finess` (edit_records; 404 outside the scope), alone
  // or for its GHT. Refused, nothing stored: 403 not a candidate; 404 unknown call; 422 outside the
  // candidature window (funding.outside_window), ineligible (funding.ineligible), amount over the
  // ceiling (funding.amount_over_ceiling) or, for a call without a ceiling, over its envelope
  // (funding.amount_over_envelope), a GHT missing one of its establishments
  // (funding.ght_incomplete), a prerequisite without proof (funding.proof_required); 409 a
  // second candidature of the same candidate to the call (funding.already_filed).
  Candidature file(const Caller& c, const std::string& finess, const CandidatureInput& in,
                   const Date& today);

  // The ARS validates (→ operational) or refuses (→ refused, reason required).
  Candidature ars_decide(const Caller& c, std::int64_t id, bool validate, const std::string& reason,
                         const Date& today);

  // The candidate declares the objectives reached: per objective of the call, reached or not,
  // with its proof. The dossier is frozen with the computed results, each evidence record as
  // `described` describes it (Proofs::describe_evidence: what it is, whose, its day, what tells
  // it apart), each joined file with its size, and its SHA-256. 422 funding.proof_required for
  // an objective declared reached with neither proof nor justification; funding.declaration_closed
  // after the calendar's end without a national exception; funding.declaration_not_open before
  // its start.
  Candidature declare(const Caller& c, std::int64_t id,
                      const std::map<std::string, ObjectiveDeclarationInput>& objectives,
                      const RuleResults& computed, const Date& today,
                      const std::map<std::int64_t, EvidenceItem>& described = {});

  // The ARS verifies each objective of the latest declaration: accepted, more_requested or
  // refused (a comment required unless accepted). All judged: → verified, or more_requested
  // when any asked for more.
  Candidature verify(const Caller& c, std::int64_t id,
                     const std::map<std::string, std::pair<std::string, std::string>>& verdicts,
                     const Date& today);

  // National staff: a request in the instruction thread; the candidate answers it.
  Candidature national_request(const Caller& c, std::int64_t id, const std::string& text,
                               const Date& today);
  Candidature answer(const Caller& c, std::int64_t id, const std::string& text, const Date& today);
  // National staff: an exception to a passed deadline of the calendar, until a date.
  // Every refusal of a field is named at once (until: funding.date_invalid when unreadable,
  // funding.until_past; reason: funding.reason_required).
  Candidature grant_exception(const Caller& c, std::int64_t id, const std::optional<Date>& until,
                              const std::string& reason, const Date& today);
  // National staff: the decision and the amount granted (≤ requested). 0 € is a rejection: it
  // needs its reason (funding.reason_required, field « reason », « Motif »), kept in the event.
  Candidature decide(const Caller& c, std::int64_t id, const std::string& amount_granted,
                     const Date& today, const std::string& reason = {});
  // National staff: a payment (date, amount). Payments add up: the candidature is paid when
  // their sum reaches the amount granted, and stays decided (partly paid) until then; a sum
  // over the grant is refused (funding.amount_over_grant). The date is neither to come
  // (funding.paid_on_future) nor before the filing (funding.paid_on_before_filing) or the
  // decision (funding.paid_on_before_decision); nullopt: unreadable (funding.date_invalid).
  // Every refusal is named at once.
  Candidature pay(const Caller& c, std::int64_t id, const std::optional<Date>& paid_on,
                  const std::string& amount, const Date& today);

  // The candidatures the caller's scope sees (a call's, or all when empty), by id.
  std::vector<Candidature> list(const Scope& scope, const std::string& call_id = {});
  // One candidature with its events and declarations: 404 outside the scope.
  Candidature get(const Scope& scope, std::int64_t id);
  // A file joined to candidature `id`, with its bytes, for whoever reads the candidature (get's
  // scope check: 404 outside it); 404 too when `file_id` is no file of that candidature.
  JoinedFile joined_file(const Scope& scope, std::int64_t id, std::int64_t file_id);

  const Data& data() const { return data_; }

  // Who acted, as a page names them (issue 18 trial: « par demo »): each account's display name
  // by the address the events recorded, read at once; an address without a display name, or
  // the demo seeding, as actor_label() names it.
  std::map<std::string, std::string> people(const std::set<std::string>& who);

 private:
  Candidature load(soci::session& sql, std::int64_t id);
  // The GHT of an establishment-level caller (nullopt otherwise), read through the registry.
  std::optional<std::int64_t> viewer_ght(const Scope& scope);
  // Whether the scope sees k; own_ght is viewer_ght(scope), resolved beforehand.
  static bool sees(const Scope& scope, const std::optional<std::int64_t>& own_ght,
                   const Candidature& k);
  std::string transition(soci::session& sql, const Caller& c, Candidature& k,
                         const std::string& kind, const std::string& to_state,
                         const std::string& text, const nlohmann::json& detail, const Date& today);

  store::Database& db_;
  registry::Repository& registry_;
  const Data& data_;
};

// An objective as the candidature's last declaration holds it: its dossier item (reached,
// justification, evidence, file, the rule's computation as frozen), the last declaration (the
// dossier and its digest) and the declaration whose computation it carries (the last one, or
// the one it was filed with when a complement carried it forward). Nullopt before any
// declaration or for an objective the dossier does not hold.
struct FrozenObjective {
  const Declaration* declaration = nullptr;
  const Declaration* computed_in = nullptr;
  nlohmann::json item;
};
std::optional<FrozenObjective> frozen_objective(const Candidature& k,
                                                const std::string& objective_id);

// The declaration an objective of declaration `in` was filed with: the one its
// `kept_from_declaration` names when a complement carried it forward (issue 18 trial: a carried
// file read the complement's date), else `in`. Its filed_at dates the objective's joined file.
const Declaration& origin_declaration(const Candidature& k, const nlohmann::json& objective,
                                      const Declaration& in);

// The ARS's verdicts on one objective, oldest first, over the declarations up to `upto` (every
// one when null): each with its comment, instant and author (issue 18 trial: a « compléments
// demandés » comment vanished once the complement was accepted). A verdict a complement copied
// onto the new declaration is listed once.
std::vector<Verification> verdict_trail(const Candidature& k, const std::string& objective_id,
                                        const Declaration* upto = nullptr);

// Rejected by the national instruction (0 € granted), as against refused by the ARS.
inline bool rejected_nationally(const Candidature& k) {
  return k.state == "refused" && k.amount_granted_cents.has_value();
}
// The state a reader is shown: the workflow's state, except « partly_paid » for a decided
// candidature with part of its grant paid. The lists' tags and `?etat=` filter count and select
// by it, so that a tag, a filter and a row say one state (issue 18 trial: « Décidée (1) » over a
// row « Partiellement payée »).
std::string shown_state(const Candidature& k);
// A candidature's state in French for the lists, the tags, the page, the establishment page, the
// XLSX, the calendar and the API: status_label("funding", shown_state(k)) — « Partiellement
// payée » for a decided candidature partly paid —, « Rejetée à l'instruction nationale » for a
// national rejection.
std::string state_label(const Candidature& k);

// The deadline of the candidature's current step (filed: the ARS instruction; operational or
// more requested: the declaration; declared: the ARS verification; verified: the national
// instruction) when the calendar defines it and it has passed on `today`: its step and date.
std::optional<std::pair<std::string, Date>> passed_step(const Call& call, const Candidature& k,
                                                        const Date& today);

}  // namespace carepilot::funding
