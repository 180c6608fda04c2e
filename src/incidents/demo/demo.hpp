// Demo incidents (issue 19): three incidents for each demo establishment, at different stages
// — a phishing campaign closed with its initial and final declarations, a ransomware attack
// contained with its initial declaration submitted and the complementary one in draft, a
// provider's outage just detected with its initial declaration ready to submit. Instants are
// relative to `now`; an establishment that already has incidents is left as it is. With
// `attachments`, the ransomware's containment carries the response team's first report.
#pragma once

#include <cstdint>

#include "incidents/store/attachments.hpp"
#include "incidents/store/declarations.hpp"
#include "incidents/store/repository.hpp"

namespace carepilot::incidents {

int seed_demo(Repository& repo, Declarations& declarations, registry::Repository& registry,
              std::int64_t now, Attachments* attachments = nullptr);

}  // namespace carepilot::incidents
