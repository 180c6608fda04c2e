// Training coverage (one record per establishment and year, with its staff categories) and
// awareness campaigns. Every operation first finds the establishment through
// registry::Repository::find(scope, finess): outside the caller's scope it does not exist
// (404); every query also filters on the establishment, so another establishment's
// campaign id is a 404. Changes write their audit entry in their transaction; saving a year
// (re-)emits its training_coverage evidence (source "training_coverage:YEAR").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/scope.hpp"
#include "evidence/repository.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"
#include "training/input.hpp"
#include "training/model.hpp"

namespace carepilot::training {

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, evidence::Repository& evidence)
      : db_(db), registry_(registry), evidence_(evidence) {}

  // Every year's coverage with its categories, by year.
  std::vector<Coverage> years(const Scope& scope, const std::string& finess);
  std::optional<Coverage> year(const Scope& scope, const std::string& finess, int year);

  struct Saved {
    Coverage coverage;
    bool created = false;
  };
  // Validates (UserError 422 naming the field, e.g. `categories[2].trained`) and creates or
  // replaces the year's categories. recorded_on = today for the current year, 31 December
  // for a past year; evidence {"type": "training_coverage", "date": recorded_on, "staff":
  // sum of headcounts, "trained": sum of trained}.
  Saved save(const Scope& scope, const std::string& finess, const CoverageInput& in,
             const Date& today, const Actor& actor);

  // The training_coverage evidence the compliance engine uses on `as_of` (the latest counting
  // record dated on or before it, as the "latest" selection: by date then id), whether this
  // module emitted it or it was typed on the evidence page; nullopt when none. The training
  // page shows it so that both pages give one figure.
  std::optional<evidence::Record> counted_coverage(const Scope& scope, const std::string& finess,
                                                   const Date& as_of);

  // Current (not withdrawn) campaigns by date (newest first) then id.
  std::vector<Campaign> campaigns(const Scope& scope, const std::string& finess);
  // The withdrawn campaigns, by date (newest first).
  std::vector<Campaign> withdrawn_campaigns(const Scope& scope, const std::string& finess);
  // One campaign, withdrawn or not; 404 when not the establishment's.
  Campaign campaign(const Scope& scope, const std::string& finess, std::int64_t id);
  // Validates (422 naming the field: clicks > emails_sent …) and creates a campaign.
  Campaign add_campaign(const Scope& scope, const std::string& finess, const CampaignInput& in,
                        const Date& today, const Actor& actor);
  // Never deleted (issue 12): withdraws the campaign with a reason (422
  // `training.reason_required` on "reason"); 404 when not the establishment's, 409
  // `training.withdrawn` when it already is. Audited `withdraw`.
  Campaign withdraw_campaign(const Scope& scope, const std::string& finess, std::int64_t id,
                             const std::string& reason, const Actor& actor);

 private:
  registry::Establishment visible(const Scope& scope, const std::string& finess);

  store::Database& db_;
  registry::Repository& registry_;
  evidence::Repository& evidence_;
};

}  // namespace carepilot::training
