// The state of an uploaded file analysed by a background job (an AD collection, an exposure
// scan), as stored (`state` column: queued | running | done | failed) and as shown (a DSFR
// badge; the words are status_label(module, state_name(s)) in data/labels/labels.yaml).
#pragma once

#include <string>
#include <string_view>

namespace carepilot::jobs {

enum class UploadState { queued, running, done, failed };

std::string_view state_name(UploadState s);
// An unknown stored value reads as failed (never shown as done).
UploadState parse_state(const std::string& s);
// The DSFR badge modifier: info, new, success, error.
std::string state_badge(UploadState s);
// The banner of the page an upload leads to (?depose=1): `started` while the job waits or
// runs, `done` once it succeeded, nothing once it failed (the page's error alert then says
// the analysis failed and why; a success banner would contradict it).
std::string upload_flash(UploadState s, std::string_view started, std::string_view done);

}  // namespace carepilot::jobs
