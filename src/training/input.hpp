// Reading a year's coverage and a campaign from a form or a JSON body, and validating them:
// every refusal is collected (field, stable code "training.*", French message starting with
// the field) and thrown together as one UserError 422 before anything is written. Category
// fields are named by their index in the list: `categories[2].trained`.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "training/model.hpp"

namespace carepilot::training {

using FormFields = std::map<std::string, std::string>;

// Form rows per category: name_I, headcount_I, trained_I, initial_I, continuing_I for
// I = 0 … kFormRows - 1; a row whose fields are all empty is skipped (the remaining rows are
// numbered categories[0], [1] … in order); empty counts of a named row read as 0.
inline constexpr int kFormRows = 12;

struct CoverageInput {
  int year = 0;
  std::vector<Category> categories;
  std::vector<FieldError> format_errors;
};
struct CampaignInput {
  Campaign campaign;
  bool has_date = false, has_kind = false;
  std::vector<FieldError> format_errors;
};

CoverageInput coverage_from_form(int year, const FormFields& form);
// For each category of coverage_from_form's result, the form row it came from.
std::vector<int> form_rows(const FormFields& form);
// {"categories": [{"name", "headcount", "trained", "trained_initial", "trained_continuing"}]}
// (counts: non-negative integers, required).
CoverageInput coverage_from_json(int year, const nlohmann::json& body);

// Form fields: date, title, kind, audience, targeted, participants, emails_sent, clicks,
// credentials, reports (empty counts are absent).
CampaignInput campaign_from_form(const FormFields& form);
// Same names in JSON; counts are integers or null.
CampaignInput campaign_from_json(const nlohmann::json& body);

// The refusals as of `today` (empty when valid): year outside 2000 … this year, no
// category, names empty / duplicated / too long, counts negative or not integers,
// trained > headcount, initial or continuing > trained, trained > initial + continuing, no
// staff at all (`categories`).
std::vector<FieldError> check(const CoverageInput& in, const Date& today);
// Campaign: date (2000 … next year), title (1-300 characters), kind, audience (300 max),
// participants <= targeted; phishing: emails_sent required, clicks <= emails_sent,
// credentials <= clicks, reports <= emails_sent; phishing counts refused for other kinds.
std::vector<FieldError> check(const CampaignInput& in, const Date& today);

}  // namespace carepilot::training
