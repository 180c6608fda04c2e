// French labels of job kinds and states, for pages and e-mails (no internal code on screen).
#pragma once

#include <string>
#include <string_view>

#include "jobs/queue.hpp"

namespace carepilot::jobs {

// « Recalcul quotidien des statuts » for "compliance.recompute_all"; an unknown kind is
// named by its family (common/labels.hpp job_kind_label), never by its internal code.
std::string kind_label(std::string_view kind);
// « En attente », « En cours », « Terminée », « En échec ».
std::string state_label(State s);
// What a job's last error means for the person operating the platform, in French: the
// raw error (an exception's text, possibly from a library) is shown only folded beside it.
std::string error_explanation(std::string_view last_error);

}  // namespace carepilot::jobs

namespace carepilot::jobs {
// What a job is about, in French, from its payload: « journée du 30/11/2026 »,
// « octobre 2026 », « semaine 49 de 2026 »; "—" when nothing is recognised.
std::string payload_label(const nlohmann::json& payload);
}  // namespace carepilot::jobs
