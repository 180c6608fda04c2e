// Staff training coverage and awareness campaigns, and the pure arithmetic on them.
//
// Counting rule (per staff category and year): `headcount` people; `trained` = DISTINCT
// people who followed at least one cybersecurity training in the year (the figure that
// counts for the staff-training obligation); `trained_initial` and `trained_continuing` are
// sub-counts of `trained` (a person may be in both). Hence
//   trained <= headcount, initial <= trained, continuing <= trained,
//   trained <= initial + continuing (every trained person followed one or the other).
// The share trained of a year is sum(trained) / sum(headcount).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.hpp"
#include "common/withdrawal.hpp"

namespace carepilot::training {

struct Category {
  std::string name;
  int headcount = 0;
  int trained = 0;
  int trained_initial = 0;
  int trained_continuing = 0;
};

struct Coverage {
  std::int64_t id = 0;
  int year = 0;
  std::vector<Category> categories;
  Date recorded_on{};  // the date of the evidence: the save date, or 31/12 for a past year
  std::string updated_at, updated_by;

  std::int64_t staff() const;
  std::int64_t trained() const;
};

// The categories proposed for a year not yet entered (editable).
const std::vector<std::string>& default_categories();

enum class CampaignKind { phishing, elearning, session, poster, other };
inline constexpr std::array<CampaignKind, 5> kCampaignKinds{
    CampaignKind::phishing, CampaignKind::elearning, CampaignKind::session, CampaignKind::poster,
    CampaignKind::other};
std::string_view kind_name(CampaignKind k);   // phishing, elearning …
std::string_view kind_label(CampaignKind k);  // French
std::optional<CampaignKind> parse_kind(std::string_view name);

struct Campaign {
  std::int64_t id = 0;
  Date date{};
  std::string title;
  CampaignKind kind = CampaignKind::session;
  std::string audience;
  std::optional<int> targeted, participants;
  // Phishing simulations only (absent otherwise).
  std::optional<int> emails_sent, clicks, credentials, reports;
  std::string created_at, created_by;
  // Set when the campaign was withdrawn (issue 12): kept and listed under "retirées".
  Withdrawal withdrawal;
};

// round(1000 * part / whole) half up (tenths of a percent); nullopt when whole <= 0.
std::optional<std::int64_t> permille(std::int64_t part, std::int64_t whole);
// Shares of a year and of one category, in tenths of a percent.
std::optional<std::int64_t> share_trained(const Coverage& c);
std::optional<std::int64_t> share_trained(const Category& c);

// Rates of a campaign (tenths of a percent), nullopt when a count or its base is absent or
// the base is 0: clicks / sent, credentials / sent, reports / sent, participants / targeted.
struct Rates {
  std::optional<std::int64_t> click, credential, report, participation;
};
Rates rates(const Campaign& c);

// "2,4 %" (one decimal, comma, no-break space before %), from tenths of a percent; "—"
// for nullopt.
std::string french_percent(std::optional<std::int64_t> permille);

// The :year route parameter: exactly four digits, nullopt otherwise.
std::optional<int> parse_year(std::string_view text);

}  // namespace carepilot::training
