// PAQ actions of establishments. Every operation first finds the establishment through
// registry::Repository::find(scope, finess): outside the caller's scope it does not exist
// (404). Every change is written with its audit entry and re-emits the action's paq_action
// evidence (source "paq_action:ID": date = day of the change, cyber, status, title), in
// one transaction.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/scope.hpp"
#include "evidence/repository.hpp"
#include "paq/model.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::paq {

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, evidence::Repository& evidence)
      : db_(db), registry_(registry), evidence_(evidence) {}

  // Validates `in` (UserError 422 naming the field: title empty or over 300 characters,
  // due date before 2000 …) and creates an action in the establishment.
  Action create(const Scope& scope, const std::string& finess, const ActionInput& in,
                const Date& today, const Actor& actor);
  // The same inside another module's transaction on `sql` (an exercise's RETEX item, an
  // assessment's unmet requirement): `est` was found by the caller. Never leases.
  Action create_in(soci::session& sql, const registry::Establishment& est, const ActionInput& in,
                   const Date& today, const Actor& actor);

  // Creates the action of `in.source_ref` in the establishment, or returns the current one
  // with that exact reference: never two, even under concurrency (the transaction locks the
  // establishment first). `*created` tells which. Used by the audits' « Envoyer au PAQ ».
  // With `finding` (the part of the reference after "<family>:<audit id>:", e.g. a rule, or a
  // rule at a host and port), the current action of the same finding sent from an EARLIER
  // audit of the same family counts too: a finding still there in the next audit is the same
  // work, not a new action (issue 17 trial).
  Action create_once(const registry::Establishment& est, const ActionInput& in, const Date& today,
                     const Actor& actor, bool* created = nullptr, const std::string& finding = "");

  // The establishment's actions (without notes), by due date (none last) then id.
  std::vector<Action> list(const Scope& scope, const std::string& finess);
  // One action with its notes; 404 when it is not the establishment's.
  Action get(const Scope& scope, const std::string& finess, std::int64_t id);
  // Current (not withdrawn) actions of the establishment whose source_ref starts with
  // `prefix` ("exercise:12:").
  std::vector<Action> by_source_ref(soci::session& sql, std::int64_t establishment_id,
                                    const std::string& prefix);

  // The establishment's actions with their notes (exports), in the order of list().
  std::vector<Action> list_with_notes(const Scope& scope, const std::string& finess);
  // Replaces the editable fields (UserError 422 naming the field: title, progress outside
  // 0–100, owner, description, due …; 404 when the action is not the establishment's).
  // Status done sets progress to 100 whatever was given. Audited, evidence re-emitted
  // dated `today`.
  Action update(const Scope& scope, const std::string& finess, std::int64_t id,
                const ActionChange& change, const Date& today, const Actor& actor);
  // Appends a progress note (422 on `note` when empty or over 5 000 characters); the action
  // counts as updated today (evidence re-emitted).
  Note add_note(const Scope& scope, const std::string& finess, std::int64_t id,
                const std::string& note, const Date& today, const Actor& actor);
  // Never deleted (issue 12): withdraws the action with a reason (422 `paq.reason_required`
  // on "reason" when empty), 404 when not the establishment's, 409 `paq.withdrawn` when it
  // already is. Its notes stay; its evidence is withdrawn with it; audited `withdraw`.
  Action withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                  const std::string& reason, const Date& today, const Actor& actor);
  // The establishment's withdrawn actions, the latest withdrawal first.
  std::vector<Action> withdrawn(const Scope& scope, const std::string& finess);
  // 409 `paq.withdrawn` when `a` is withdrawn (a withdrawn action is no longer changed).
  static void refuse_withdrawn(const Action& a);

  // The refusals `in` / `change` deserve (empty when valid); validate() throws them.
  static std::vector<FieldError> check(const ActionInput& in);
  static std::vector<FieldError> check(const ActionChange& change);

 protected:
  registry::Establishment visible(const Scope& scope, const std::string& finess);
  void emit(soci::session& sql, const registry::Establishment& est, const Action& a,
            const Date& today, const Actor& actor);
  static void validate(const ActionInput& in);
  static void validate(const ActionChange& change);
  // The action `id` of establishment `est_id` with its notes, read on `sql`.
  std::optional<Action> find_in(soci::session& sql, std::int64_t est_id, std::int64_t id);

  store::Database& db_;
  registry::Repository& registry_;
  evidence::Repository& evidence_;
};

}  // namespace carepilot::paq
