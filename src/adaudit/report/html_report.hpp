// Self-contained French HTML report (no external resource): a first page for a director
// (level, scores, the five most serious findings, exposure to Tier 0), then the details for
// the administrator. Rendered from the ctemplate template templates/ad_report.tpl (embedded,
// registered through cp_templating): every value from the directory is escaped by
// ctemplate's auto-escape, no HTML is assembled in C++.
#pragma once

#include <string>

#include "adaudit/audit.hpp"

namespace carepilot::adaudit {

std::string render_html(const AuditResult& result);

}  // namespace carepilot::adaudit
