// JSON form of an audit result (schema "carepilot.ad_audit/1", documented in
// docs/ad-audit.md). Top-level "evidence_type", "date" and "level" let the platform store
// the result as `ad_audit` evidence.
#pragma once

#include <nlohmann/json.hpp>

#include "adaudit/audit.hpp"

namespace carepilot::adaudit {

inline constexpr const char* kResultSchema = "carepilot.ad_audit/1";

nlohmann::json to_json(const AuditResult& result);

}  // namespace carepilot::adaudit
