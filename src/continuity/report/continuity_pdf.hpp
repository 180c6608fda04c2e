// The printable continuity report of an establishment (issue 15: « printable BIA report and
// continuity summary, PDF, French, with the impact matrix »), through the one document helper
// (common/pdf.hpp): a summary (services covered by a validated BIA against their deadlines,
// plans and their tests, resources whose recovery misses its requirement), the impact scale
// with its definitions, each activity with the impact matrix of the BIA that counts (levels
// from the unacceptable one on stand out), its DMIA and PDMA (and why, when set by hand), its
// degraded mode; the RTO/RPO each resource must meet against its last restore test; the plans,
// their tests and the restore tests. The same reading as the continuity page (report/wording.hpp).
// Pure: the register is read by the caller.
#pragma once

#include <string>

#include "common/date.hpp"
#include "continuity/model.hpp"
#include "continuity/rules/scale.hpp"
#include "registry/model.hpp"

namespace carepilot::continuity {

// The PDF bytes; `today` is the Paris day of the edition (deadlines, tests late). Throws
// std::runtime_error when cairo fails.
std::string continuity_pdf(const registry::Establishment& e, const Register& reg,
                           const Scale& scale, const Date& today);

}  // namespace carepilot::continuity
