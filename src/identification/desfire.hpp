// The DESFire contactless badges check of an establishment (issue 16, CaRE FAQ): the key
// scheme of its badges, its own key management system (KMS), its defined encoding and
// enrolment processes. A single symmetric key shared by all badges and terminals is
// « interdit » (the FAQ's text, data/identification desfire). The verdict is pure; the
// storage resolves the establishment first (404 outside the scope) and refuses an unknown
// scheme or a missing answer (422 naming the field), storing nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/errors.hpp"
#include "common/scope.hpp"
#include "identification/input.hpp"
#include "identification/model.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::identification {

struct DesfireCheck {
  std::string key_scheme;  // Desfire::key_schemes id
  bool own_kms = false, processes_defined = false;
  std::string updated_at, updated_by;
};

enum class BadgeStatus { compliant, non_compliant, forbidden };
// "compliant", "non_compliant", "forbidden"; labels: statuses desfire.*.
std::string badge_status_code(BadgeStatus s);
struct BadgeVerdict {
  BadgeStatus status = BadgeStatus::compliant;
  std::vector<std::string> reasons;  // French, each citing the FAQ
};
BadgeVerdict evaluate_badges(const Data& data, const DesfireCheck& c);

// Fields: key_scheme, own_kms, processes_defined ("yes"/"no" on the form, booleans in JSON).
struct DesfireInput {
  std::string key_scheme;
  std::optional<bool> own_kms, processes_defined;
  std::vector<FieldError> format_errors;
};
DesfireInput desfire_from_form(const FormFields& form);
DesfireInput desfire_from_json(const nlohmann::json& body);

class Badges {
 public:
  Badges(store::Database& db, registry::Repository& registry, const Data& data)
      : db_(db), registry_(registry), data_(data) {}
  std::optional<DesfireCheck> get(const Scope& scope, const std::string& finess);
  // Creates or replaces the check; `*created` tells which.
  DesfireCheck save(const Scope& scope, const std::string& finess, const DesfireInput& in,
                    const Actor& actor, bool* created = nullptr);

 private:
  store::Database& db_;
  registry::Repository& registry_;
  const Data& data_;
};

}  // namespace carepilot::identification
