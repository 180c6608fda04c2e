// The backup posture self-declaration of an establishment (issue 15; CaRE domain 2, D2.O2.A/B
// and D2.O3.A–D): per point of data/continuity/backup.yaml, versions of an answer (yes,
// partial, no) with its date, a note and its evidence (one file through common/attachment.hpp);
// for independent authentication, how the backup infrastructure authenticates (dedicated
// directory, local accounts or the establishment's directory; second factor; a dedicated
// directory's ADS level, read from a finished AD audit of the establishment when one is linked,
// otherwise declared). The latest version not withdrawn counts; a version is withdrawn with a
// reason, never deleted. Migration 0039.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/date.hpp"
#include "common/errors.hpp"
#include "common/scope.hpp"
#include "common/withdrawal.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::continuity {

struct BackupPoint {
  std::string id, objective, label, date_label;
  bool auth = false;  // asks how the backup infrastructure authenticates
};

struct Choice {
  std::string id, label;
};

struct BackupData {
  std::string source;
  std::vector<Choice> answers, auth_modes;
  int ads_level_required = 3;
  std::vector<BackupPoint> points;
  const BackupPoint* point(const std::string& id) const;
  std::string answer_label(const std::string& id) const;
  std::string auth_mode_label(const std::string& id) const;
};
const BackupData& backup_data();

struct BackupDocument {
  std::string file_name, content_type, sha256;
  std::int64_t size = 0;
};

struct BackupDeclaration {
  std::int64_t id = 0;
  std::string point;
  int version = 1;
  std::string answer;  // an id of BackupData::answers
  Date declared_on{};
  std::string auth_mode;  // independent_auth: an id of BackupData::auth_modes, "" otherwise
  std::optional<bool> second_factor;
  std::optional<int> ad_level;              // a dedicated directory's ADS level (1 to 5)
  std::optional<std::int64_t> ad_audit_id;  // the AD audit the level was read from
  std::string note;
  std::optional<BackupDocument> document;
  std::string created_at, created_by;
  Withdrawal withdrawal;
  bool counts() const { return !withdrawal.withdrawn(); }
};

struct BackupInput {
  std::string answer;
  std::optional<Date> declared_on;
  std::string auth_mode;
  std::optional<bool> second_factor;
  std::optional<int> ad_level;
  std::optional<std::int64_t> ad_audit_id;
  std::string note;
  std::string file_name, file_bytes;                 // no file: empty
  std::vector<carepilot::FieldError> format_errors;  // from parsing (a date or a number unreadable)
};

// Every version of every point of the establishment (withdrawn ones too), by point then
// version. 404 when not visible.
std::vector<BackupDeclaration> load_backup(store::Database& db, registry::Repository& registry,
                                           const Scope& scope, const std::string& finess);
// The version that counts for `point` (the latest not withdrawn), nullptr when none.
const BackupDeclaration* counting(const std::vector<BackupDeclaration>& all,
                                  const std::string& point);

// Records a new version of `point`: 404 (establishment, or a point the data does not know),
// then 422 naming the field (answer, declared_on: required, not after `today`, not before
// 2000; independent_auth answered yes or partial: auth_mode, second_factor; a dedicated
// directory: ad_level 1–5 or ad_audit_id, a finished AD audit with a level of this
// establishment; the file: checked by common/attachment.hpp, 413/415 kept). One transaction,
// audited.
BackupDeclaration declare_backup(store::Database& db, registry::Repository& registry,
                                 const Scope& scope, const std::string& finess,
                                 const std::string& point, const BackupInput& in, const Date& today,
                                 const Actor& actor);

// Withdraws version `id` (404 when not the establishment's, or already withdrawn; 422 without
// a reason). Its evidence is kept.
BackupDeclaration withdraw_backup(store::Database& db, registry::Repository& registry,
                                  const Scope& scope, const std::string& finess, std::int64_t id,
                                  const std::string& reason, const Actor& actor);

// The evidence file of version `id` (404 when none): name, type and bytes.
struct BackupFile {
  std::string file_name, content_type, bytes;
};
BackupFile backup_file(store::Database& db, registry::Repository& registry, const Scope& scope,
                       const std::string& finess, std::int64_t id);

}  // namespace carepilot::continuity
