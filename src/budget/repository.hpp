// Budget declarations of establishments, one per year. Every operation first finds the
// establishment through registry::Repository::find(scope, finess): outside the caller's
// scope it does not exist (404); every query also filters on the establishment. A save or a
// removal writes its audit entry and (re-)emits the year's budget_declaration evidence
// (source "budget_declaration:YEAR") in the same transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "budget/input.hpp"
#include "budget/model.hpp"
#include "common/actor.hpp"
#include "common/scope.hpp"
#include "evidence/repository.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::budget {

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, evidence::Repository& evidence)
      : db_(db), registry_(registry), evidence_(evidence) {}

  // The establishment's declarations, by year.
  std::vector<Declaration> list(const Scope& scope, const std::string& finess);
  // One year's declaration, nullopt when none.
  std::optional<Declaration> get(const Scope& scope, const std::string& finess, int year);

  struct Saved {
    Declaration declaration;
    bool created = false;
  };
  // Validates (UserError 422 naming the field, see check()) and creates or replaces the
  // year's declaration; declared_on defaults to `today`. Evidence: {"type":
  // "budget_declaration", "date": declared_on, "year", "total_eur", "digital_eur",
  // "cyber_eur"}.
  Saved save(const Scope& scope, const std::string& finess, const Input& in, const Date& today,
             const Actor& actor);
  // Never deleted (issue 12): withdraws the year's current declaration with a reason (422
  // `budget.reason_required` on "reason"); 404 when there is none. It stays listed among
  // the withdrawn ones; its evidence is withdrawn with it; the year can be declared again.
  Declaration withdraw(const Scope& scope, const std::string& finess, int year,
                       const std::string& reason, const Date& today, const Actor& actor);
  // The withdrawn declarations, the latest withdrawal first.
  std::vector<Declaration> withdrawn(const Scope& scope, const std::string& finess);

 private:
  registry::Establishment visible(const Scope& scope, const std::string& finess);

  store::Database& db_;
  registry::Repository& registry_;
  evidence::Repository& evidence_;
};

}  // namespace carepilot::budget
