// The HospiConnect objectives an establishment declares reached (issue 16): those carepilot
// cannot compute from the inventory (data/identification, hospiconnect, without `derived`:
// the framing note, the maturity questionnaire, the PSSI and the homologation decision, the
// RPPS identifiers, HR-driven account management). A declaration holds the day the objective
// was reached, a justification and the proving document (common/attachment.hpp: PDF, ODT,
// DOCX, XLSX, PNG, JPEG or TXT, 5 Mio at most, content matching the extension). The
// objective then reads « Déclaré atteint » from that day (engine.hpp, evaluate_objective).
// A declaration is proof: never deleted, withdrawn with a reason and kept (table
// mie_hc_declarations, migration 0041).
//
// Every operation first resolves the establishment with registry::Repository::visible (404
// outside the scope); a declaration of another establishment is unknown (404).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/scope.hpp"
#include "common/withdrawal.hpp"
#include "identification/engine.hpp"
#include "identification/input.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::identification {

struct Declaration {
  std::int64_t id = 0;
  std::string objective_id;
  Date reached_on{};
  std::string justification;
  std::string file_name, content_type, sha256;  // sha256: hexadecimal, of the document's bytes
  std::int64_t size_bytes = 0;
  std::string created_at, created_by;  // UTC ISO instant; the declarant's account
  Withdrawal withdrawal;
};

// The current (not withdrawn) declaration of each objective, as the engine reads it.
std::map<std::string, ObjectiveDeclaration> current_declarations(
    const std::vector<Declaration>& all);

class Declarations {
 public:
  Declarations(store::Database& db, registry::Repository& registry, const Data& data)
      : db_(db), registry_(registry), data_(data) {}

  // Every declaration of the establishment, current and withdrawn, by objective then id.
  std::vector<Declaration> list(const Scope& scope, const std::string& finess);

  // Declares `objective_id` reached. Refusals, nothing stored: 422
  // `identification.objective_unknown` (field objective) for an objective unknown to the
  // data; 422 `identification.objective_derived` (field objective) for an objective
  // computed from the inventory; 409 `identification.already_declared` when a current
  // declaration exists (withdraw it first); 422, every one at once, naming the field:
  // reached_on missing or after `today`, justification missing or over 2 000 bytes,
  // proof_document missing; then the document's own checks (common/attachment.hpp, field
  // proof_document, codes identification.attachment_*).
  Declaration declare(const Scope& scope, const std::string& finess,
                      const std::string& objective_id, const DeclarationInput& in,
                      const Date& today, const Actor& actor);

  // Withdraws a current declaration with a reason (checked_withdrawal_reason, field reason);
  // 404 unknown, 409 `identification.already_withdrawn`.
  Declaration withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                       const std::string& reason, const Actor& actor);

  struct File {
    Declaration info;
    std::string bytes;
  };
  // The proving document of a declaration (withdrawn or not); 404 when unknown.
  File document(const Scope& scope, const std::string& finess, std::int64_t id);

  static constexpr std::size_t kMaxJustification = 2000;

 private:
  store::Database& db_;
  registry::Repository& registry_;
  const Data& data_;
};

}  // namespace carepilot::identification
