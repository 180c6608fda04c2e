// Pure arithmetic and validation of staff training, against hand-computed figures.
#include <gtest/gtest.h>

#include "training/input.hpp"
#include "training/model.hpp"

using namespace carepilot;
using namespace carepilot::training;

namespace {

const Date kToday{std::chrono::year(2026), std::chrono::November, std::chrono::day(23)};

Category cat(const char* name, int headcount, int trained, int initial, int continuing) {
  return {name, headcount, trained, initial, continuing};
}

std::string first(const std::vector<FieldError>& e) {
  return e.empty() ? std::string("ok") : e.front().field + "/" + e.front().code;
}

}  // namespace

TEST(TrainingModel, SharesPerYearAndCategory) {
  Coverage c;
  c.categories = {cat("Médical", 150, 120, 30, 100), cat("Soignant", 650, 455, 100, 400),
                  cat("Direction", 50, 50, 0, 50)};
  EXPECT_EQ(c.staff(), 850);
  EXPECT_EQ(c.trained(), 625);
  EXPECT_EQ(share_trained(c), 735);  // 625 / 850 = 73,53 % → 73,5 %
  EXPECT_EQ(french_percent(share_trained(c)), "73,5\u00a0%");
  EXPECT_EQ(share_trained(c.categories[0]), 800);   // 80,0 %
  EXPECT_EQ(share_trained(c.categories[1]), 700);   // 70,0 %
  EXPECT_EQ(share_trained(c.categories[2]), 1000);  // 100,0 %
  EXPECT_EQ(permille(1, 8), 125);                   // 12,5 %
  EXPECT_EQ(permille(1, 16), 63);                   // 6,25 % → 6,3 % (half up)
  EXPECT_EQ(permille(2, 3), 667);
  EXPECT_FALSE(permille(0, 0));
  EXPECT_EQ(french_percent(std::nullopt), "—");
}

TEST(TrainingModel, CampaignRates) {
  Campaign c;
  c.kind = CampaignKind::phishing;
  c.emails_sent = 1100;
  c.clicks = 154;      // 14 %
  c.credentials = 33;  // 3 %
  c.reports = 215;     // 19,545… % → 19,5 %
  c.targeted = 1200;
  c.participants = 1100;  // 91,666… % → 91,7 %
  auto r = rates(c);
  EXPECT_EQ(r.click, 140);
  EXPECT_EQ(r.credential, 30);
  EXPECT_EQ(r.report, 195);
  EXPECT_EQ(r.participation, 917);
  c.emails_sent = 0;
  EXPECT_FALSE(rates(c).click);  // no base
  Campaign session;
  EXPECT_FALSE(rates(session).participation);
}

TEST(TrainingModel, CoverageChecksNameTheCategoryField) {
  CoverageInput in;
  in.year = 2026;
  in.categories = {cat("Médical", 100, 80, 20, 70), cat("Soignant", 500, 400, 100, 350),
                   cat("Administratif", 100, 120, 60, 60)};
  auto errors = check(in, kToday);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "categories[2].trained");
  EXPECT_EQ(errors[0].code, "training.trained_over_headcount");
  EXPECT_EQ(errors[0].message.rfind("categories[2].trained (Administratif) : 120 personnes", 0),
            0u);

  in.categories[2] = cat("Administratif", 100, 50, 60, 10);
  EXPECT_EQ(first(check(in, kToday)),
            "categories[2].trained_initial/training.initial_over_trained");
  in.categories[2] = cat("Administratif", 100, 50, 10, 51);
  EXPECT_EQ(first(check(in, kToday)),
            "categories[2].trained_continuing/training.continuing_over_trained");
  in.categories[2] = cat("Administratif", 100, 50, 10, 30);  // 10 + 30 < 50
  EXPECT_EQ(first(check(in, kToday)), "categories[2].trained/training.trained_without_training");
  in.categories[2] = cat("soignant", 100, 50, 50, 0);  // same name, other case
  EXPECT_EQ(first(check(in, kToday)), "categories[2].name/training.name_duplicate");
  in.categories[2] = cat("Administratif", 100, 50, 50, 50);  // everybody in both: fine
  EXPECT_EQ(first(check(in, kToday)), "ok");
  in.year = 2027;
  EXPECT_EQ(first(check(in, kToday)), "year/training.year_invalid");
  in.year = 2026;
  in.categories = {cat("Médical", 0, 0, 0, 0)};
  EXPECT_EQ(first(check(in, kToday)), "categories/training.no_staff");
  in.categories.clear();
  EXPECT_EQ(first(check(in, kToday)), "categories/training.categories_required");
}

TEST(TrainingModel, FormAndJsonReading) {
  FormFields form{{"name_0", "Médical"}, {"headcount_0", "10"},   {"trained_0", "5"},
                  {"initial_0", "5"},    {"continuing_0", ""},    {"name_1", ""},
                  {"headcount_1", ""},   {"name_2", "Direction"}, {"headcount_2", "-2"},
                  {"trained_2", "1.5"}};
  auto in = coverage_from_form(2026, form);
  ASSERT_EQ(in.categories.size(), 2u);  // the blank row 1 is skipped
  EXPECT_EQ(in.categories[0].trained_continuing, 0);
  EXPECT_EQ((form_rows(form)), (std::vector<int>{0, 2}));
  auto errors = check(in, kToday);
  ASSERT_GE(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "categories[1].headcount");
  EXPECT_EQ(errors[0].code, "training.count_negative");
  EXPECT_EQ(errors[1].field, "categories[1].trained");
  EXPECT_EQ(errors[1].code, "training.count_invalid");

  auto j = coverage_from_json(
      2026, {{"categories", {{{"name", "Médical"}, {"headcount", 10}, {"trained", 2}}}}});
  auto je = check(j, kToday);
  ASSERT_GE(je.size(), 2u);
  EXPECT_EQ(je[0].field, "categories[0].trained_initial");
  EXPECT_EQ(je[0].code, "training.count_required");
  EXPECT_EQ(first(check(coverage_from_json(2026, {{"categories", "x"}}), kToday)),
            "categories/training.categories_required");
}

TEST(TrainingModel, CampaignChecks) {
  auto with = [](FormFields f) { return first(check(campaign_from_form(f), kToday)); };
  FormFields ok{{"date", "2026-03-12"}, {"title", "Colis"}, {"kind", "phishing"},
                {"emails_sent", "100"}, {"clicks", "10"},   {"credentials", "2"},
                {"reports", "30"}};
  EXPECT_EQ(with(ok), "ok");
  auto f = ok;
  f["clicks"] = "101";
  EXPECT_EQ(with(f), "clicks/training.clicks_over_sent");
  f = ok;
  f["credentials"] = "11";
  EXPECT_EQ(with(f), "credentials/training.credentials_over_clicks");
  f = ok;
  f["reports"] = "101";
  EXPECT_EQ(with(f), "reports/training.reports_over_sent");
  f = ok;
  f.erase("emails_sent");
  EXPECT_EQ(with(f), "emails_sent/training.emails_required");
  f = ok;
  f["kind"] = "session";
  EXPECT_EQ(with(f), "emails_sent/training.phishing_only");
  f = {{"date", "2026-10-01"},
       {"title", "Session"},
       {"kind", "session"},
       {"targeted", "20"},
       {"participants", "21"}};
  EXPECT_EQ(with(f), "participants/training.participants_over_targeted");
  f = {{"title", "Session"}, {"kind", "atelier"}};
  auto errors = check(campaign_from_form(f), kToday);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "date");
  EXPECT_EQ(errors[1].field, "kind");
  EXPECT_EQ(first(check(campaign_from_json({{"date", "2026-01-05"},
                                            {"title", "E-learning"},
                                            {"kind", "elearning"},
                                            {"targeted", 5},
                                            {"participants", "x"}}),
                        kToday)),
            "participants/training.count_invalid");
}
