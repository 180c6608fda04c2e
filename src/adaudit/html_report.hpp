// Self-contained French HTML report (no external resource): a first page for a director
// (level, scores, the five most serious findings, exposure to Tier 0), then the details for
// the administrator. Every value from the directory goes through html_escape().
#pragma once

#include <string>
#include <string_view>

#include "adaudit/audit.hpp"

namespace carepilot::adaudit {

// The single escaping helper: & < > " ' become entities; control characters are dropped.
std::string html_escape(std::string_view text);

std::string render_html(const AuditResult& result);

}  // namespace carepilot::adaudit
