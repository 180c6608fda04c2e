// Stored maturity self-assessments. Every operation first finds the establishment through
// registry::Repository::find(scope, finess): outside the caller's scope it does not exist
// (404); every query on an assessment row carries the establishment's id. Every change is
// validated before anything is written and committed in one transaction with its audit entry
// (and, for a declaration, the maturity_assessment evidence; for unmet requirements, the PAQ
// actions).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "assessment/model.hpp"
#include "common/actor.hpp"
#include "common/scope.hpp"
#include "evidence/repository.hpp"
#include "paq/repository.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::assessment {

struct StoredFile {
  AttachmentInfo info;
  std::string bytes;
};

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, evidence::Repository& evidence)
      : db_(db), registry_(registry), evidence_(evidence), paq_(db, registry, evidence) {}

  // The establishment's assessments, newest year first.
  std::vector<Summary> list(const Scope& scope, const std::string& finess);
  // The year's assessment; nullopt when none was started (404 when the establishment is not
  // visible).
  std::optional<Assessment> find(const Scope& scope, const std::string& finess, int year);
  // The status carepilot computes for each obligation of the establishment ("met", "due",
  // "overdue", "not_applicable"), from the stored compliance (evidence/stored.hpp); empty
  // before the first computation. 404 when not visible.
  std::map<std::string, std::string> computed_statuses(const Scope& scope,
                                                       const std::string& finess);
  // Starts the year's draft (returns the existing one when there is already one), optionally
  // with the answers and comments of the latest earlier year. 422 `year` outside 2020 …
  // next year.
  Assessment start(const Scope& scope, const std::string& finess, int year, bool prefill,
                   const Date& today, const Actor& actor);
  // Saves answers (starting the draft when needed). 422 naming the field: `requirement`
  // unknown, `level` outside the scale, `comment` over 4000 characters; 422
  // `assessment.declared` once the year is declared. Nothing is written when refused.
  Assessment save_answers(const Scope& scope, const std::string& finess, int year,
                          const std::vector<AnswerInput>& answers, const Date& today,
                          const Actor& actor);
  // Attaches a file to a requirement's answer of a draft (422 `attachment` when its type or
  // size is refused, see attachment.hpp).
  AttachmentInfo add_attachment(const Scope& scope, const std::string& finess, int year,
                                const std::string& requirement, const std::string& file_name,
                                const std::string& bytes, const Actor& actor);
  // Never deleted (issue 12): withdraws a draft's file with a reason (422
  // `assessment.reason_required` on "reason"); 404 when not the draft's, 409
  // `assessment.withdrawn` when it already is, 409 when the assessment is declared. The file
  // stays (downloadable, listed as withdrawn); audited `withdraw`.
  AttachmentInfo withdraw_attachment(const Scope& scope, const std::string& finess, int year,
                                     std::int64_t id, const std::string& reason,
                                     const Actor& actor);
  StoredFile attachment(const Scope& scope, const std::string& finess, int year, std::int64_t id);
  // Declares the draft: freezes the snapshot, its digest and score, emits the
  // maturity_assessment evidence (source "maturity_assessment:YEAR"). 422 `date` /
  // `declared_on` after today or before the assessment's year; `answers` when no
  // requirement is applicable; `assessment.declared` when already declared.
  Assessment declare(const Scope& scope, const std::string& finess, int year,
                     const DeclarationInput& in, const Date& today, const Actor& actor);
  // Creates a PAQ action (source assessment, ref "assessment:YEAR:REQ") for each of
  // `requirements` (all unmet requirements when empty) that has none yet; returns the
  // actions created. 422 `requirement` for an unknown or met requirement.
  std::vector<paq::Action> to_paq(const Scope& scope, const std::string& finess, int year,
                                  const std::vector<std::string>& requirements, const Date& today,
                                  const Actor& actor);
  // Requirement ids of the year that already have a PAQ action.
  std::set<std::string> paq_requirements(const Scope& scope, const std::string& finess, int year);
  // Scores of the given years that have an assessment (snapshot scores for declared years).
  std::vector<YearScores> compare(const Scope& scope, const std::string& finess,
                                  const std::vector<int>& years);

  // The establishment, or 404.
  registry::Establishment visible(const Scope& scope, const std::string& finess);

 private:
  std::optional<Assessment> load(soci::session& sql, std::int64_t establishment_id, int year);
  Assessment create_draft(soci::session& sql, const registry::Establishment& est, int year,
                          const Actor& actor);

  store::Database& db_;
  registry::Repository& registry_;
  evidence::Repository& evidence_;
  paq::Repository paq_;
};

// The snapshot's JSON text (canonical: nlohmann dump, keys sorted) of a declaration.
std::string snapshot_text(const registry::Establishment& est, const Assessment& a,
                          const Score& score, const Date& date, const Date& declared_on,
                          const std::string& declared_by);
// The scores recorded in a snapshot.
Score score_from_snapshot(const std::string& snapshot);

}  // namespace carepilot::assessment
