// One audit in several files (a campaign split by address range or by tool): the files'
// scans must have started close together, within `max_span_days` Paris calendar days
// (data/exposure/campaign.yaml, inclusive), or they are not one picture of the exposure at
// a date (issue 17 trial: two files a year apart were accepted as one audit). A pure
// check: the CLI refuses such inputs (exit 2), the platform's upload refuses them (422
// `exposure_audit.campaign_span`); nothing is stored. A file that gives no time is not
// checked.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exposure/model.hpp"

namespace carepilot::exposure {

struct CampaignRule {
  int max_span_days = 0;
  std::string source;  // French
};

// The embedded rule; throws std::runtime_error (French) when the file is invalid.
const CampaignRule& builtin_campaign_rule();
// Parses the text of campaign.yaml; throws std::runtime_error.
CampaignRule load_campaign_rule(std::string_view yaml);

// The files started first and last, and the Paris calendar days between them.
struct CampaignSpread {
  FileTimes earliest, latest;
  int days = 0;
};

// The spread of the files' starts when it exceeds the rule's bound; nullopt when it holds
// (one file, files without time, starts close enough).
std::optional<CampaignSpread> campaign_spread(const std::vector<FileTimes>& files,
                                              const CampaignRule& rule = builtin_campaign_rule());

// French, without a leading capital nor final stop (callers add who and what next): « les
// fichiers d'un même audit doivent avoir été lancés à 7 jours au plus d'écart : « a.json »
// a été lancé le 01/12/2025 à 10 h 40, « b.xml » le 30/11/2026 à 18 h 00, 364 jours plus
// tard ».
std::string campaign_text(const CampaignSpread& s,
                          const CampaignRule& rule = builtin_campaign_rule());

}  // namespace carepilot::exposure
