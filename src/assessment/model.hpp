// Maturity self-assessments of an establishment: one per year, a draft until declared; the
// declaration freezes an immutable snapshot (framework, answers, scores) with its digest.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assessment/framework.hpp"
#include "assessment/scoring.hpp"
#include "common/date.hpp"
#include "common/withdrawal.hpp"

namespace carepilot::assessment {

struct Answer {
  std::string requirement;
  int level = 0;  // a scale level or kNotApplicable
  std::string comment;
  std::string updated_at;
  std::string updated_by;
};

struct AttachmentInfo {
  std::int64_t id = 0;
  std::string requirement;
  std::string file_name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  std::string created_at;
  std::string created_by;
  // Set when the file was withdrawn from the draft (issue 12): kept, never destroyed.
  Withdrawal withdrawal;
};

struct Declaration {
  Date date{};         // the day it was declared in carepilot (the evidence's date)
  Date declared_on{};  // the day the score was declared on the national platform
  int score = 0;
  std::string snapshot;  // the frozen JSON text
  std::string digest;    // SHA-256 (hex) of `snapshot`
  std::string created_at;
  std::string created_by;
};

struct Assessment {
  std::int64_t id = 0;
  std::int64_t establishment_id = 0;
  int year = 0;
  std::string framework_id;
  int framework_version = 0;
  bool declared = false;
  std::string created_at, created_by, updated_at;
  std::map<std::string, Answer> answers;              // by requirement id
  std::vector<AttachmentInfo> attachments;            // the current ones
  std::vector<AttachmentInfo> withdrawn_attachments;  // kept, listed as withdrawn
  std::optional<Declaration> declaration;

  const Framework& framework() const;
  std::map<std::string, int> levels() const;
  // Live score of the answers (a declared assessment's answers no longer change, so it equals
  // the frozen one while the framework file is unchanged; pages of declared years read the
  // snapshot).
  Score score() const;
  // Applicable requirements not at the top level of the scale (unanswered included).
  std::vector<std::string> unmet() const;
};

// One line of the establishment's assessments list.
struct Summary {
  int year = 0;
  bool declared = false;
  std::optional<int> score;  // the declared score, or the draft's live overall score
  int progress = 0;
  std::optional<Date> declared_date;
  std::optional<Date> declared_on;
};

// Scores of one year for the comparison: a declared year's from its snapshot.
struct YearScores {
  int year = 0;
  bool declared = false;
  Score score;
};

// What a form or an API body gives for one answer; `level` nullopt removes the answer.
struct AnswerInput {
  std::string requirement;
  std::optional<int> level;
  std::string comment;
};

struct DeclarationInput {
  std::optional<Date> date;         // default: today
  std::optional<Date> declared_on;  // default: the declaration's date
};

}  // namespace carepilot::assessment
