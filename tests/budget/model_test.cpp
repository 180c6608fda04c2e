// Pure arithmetic of the budget declarations, against hand-computed figures.
#include <gtest/gtest.h>

#include "common/labels.hpp"

#include "budget/chart.hpp"
#include "budget/input.hpp"
#include "budget/model.hpp"

using namespace carepilot;
using namespace carepilot::budget;

namespace {

Declaration decl(int year, std::int64_t total_eur, std::int64_t digital_eur,
                 std::int64_t cyber_eur) {
  Declaration d;
  d.year = year;
  d.total_cents = total_eur * 100;
  d.digital_cents = digital_eur * 100;
  d.cyber_cents = cyber_eur * 100;
  return d;
}

Input input(int year, std::int64_t total, std::int64_t digital, std::int64_t cyber) {
  Input in;
  in.year = year;
  in.total_cents = total;
  in.digital_cents = digital;
  in.cyber_cents = cyber;
  return in;
}

const Date kToday{std::chrono::year(2026), std::chrono::November, std::chrono::day(23)};

}  // namespace

TEST(BudgetModel, SharesRoundHalfUpToATenthOfAPercent) {
  EXPECT_EQ(permille(6, 250), 24);  // 2,4 %
  EXPECT_EQ(permille(1, 2000), 1);  // 0,05 % → 0,1 % (half up)
  EXPECT_EQ(permille(1, 2001), 0);  // 0,049… % → 0,0 %
  EXPECT_EQ(permille(1, 3), 333);   // 33,33… %
  EXPECT_EQ(permille(2, 3), 667);   // 66,66… %
  EXPECT_EQ(permille(5, 0), 0);     // no total: no share
  // The demo's profile 0: 4,5 M€ digital + 0,9 M€ cyber over 250 M€.
  auto s = shares(decl(2026, 250'000'000, 4'500'000, 900'000));
  EXPECT_EQ(s.digital_permille, 18);   // 1,8 %
  EXPECT_EQ(s.cyber_permille, 4);      // 0,36 % → 0,4 %
  EXPECT_EQ(s.combined_permille, 22);  // 2,16 % → 2,2 % (not 1,8 + 0,4 rounded apart)
  EXPECT_EQ(french_percent(s.combined_permille), "2,2\u00a0%");
  EXPECT_EQ(french_percent(0), "0,0\u00a0%");
  EXPECT_EQ(french_percent(1000), "100,0\u00a0%");
}

TEST(BudgetModel, ThresholdIsExactNotRounded) {
  EXPECT_TRUE(meets_threshold(decl(2026, 250'000'000, 4'000'000, 1'000'000)));  // exactly 2 %
  Declaration just_below = decl(2026, 250'000'000, 4'000'000, 1'000'000);
  just_below.cyber_cents -= 1;  // 4 999 999,99 €
  EXPECT_FALSE(meets_threshold(just_below));
  EXPECT_EQ(shares(just_below).combined_permille, 20);  // shown 2,0 % but below
  EXPECT_FALSE(meets_threshold(decl(2026, 250'000'000, 3'500'000, 900'000)));  // 1,76 %
}

TEST(BudgetModel, EurosParseAndFormat) {
  EXPECT_EQ(parse_euros("1234.5"), 123450);
  EXPECT_EQ(parse_euros("1 234,56"), 123456);
  EXPECT_EQ(parse_euros("1\u00a0234"), 123400);
  EXPECT_EQ(parse_euros(".5"), 50);
  EXPECT_EQ(parse_euros("0"), 0);
  EXPECT_FALSE(parse_euros("12.345"));
  EXPECT_FALSE(parse_euros("-3"));
  EXPECT_FALSE(parse_euros("1e5"));
  EXPECT_FALSE(parse_euros("1.2.3"));
  EXPECT_FALSE(parse_euros(""));
  EXPECT_FALSE(parse_euros("douze"));
  EXPECT_GT(*parse_euros("99999999999999999"), kMaxCents);
  EXPECT_EQ(french_euros(25'000'000'050), "250\u00a0000\u00a0000,50\u00a0€");
  EXPECT_EQ(french_euros(5), "0,05\u00a0€");
  EXPECT_EQ(plain_euros(123405), "1234.05");
}

TEST(BudgetModel, DeclarableYearsFollowTheCivilYear) {
  const Date dec31{std::chrono::year(2026), std::chrono::December, std::chrono::day(31)};
  const Date jan1{std::chrono::year(2027), std::chrono::January, std::chrono::day(1)};
  EXPECT_EQ(offered_years(kToday), (std::vector<int>{2026, 2025, 2024}));
  EXPECT_TRUE(declarable_year(2026, dec31));
  EXPECT_FALSE(declarable_year(2027, dec31));
  EXPECT_TRUE(declarable_year(2027, jan1));
  EXPECT_FALSE(declarable_year(1999, jan1));
  EXPECT_TRUE(declarable_year(2000, jan1));
}

TEST(BudgetModel, ChecksNameTheField) {
  auto first = [](const Input& in) {
    auto e = check(in, kToday);
    return e.empty() ? std::string("ok") : e.front().field + "/" + e.front().code;
  };
  EXPECT_EQ(first(input(2026, 100'00, 50'00, 50'00)), "ok");  // 100 %: accepted
  EXPECT_EQ(first(input(2026, 100'00, 101'00, 0)), "digital_eur/budget.share_over_100");
  EXPECT_EQ(first(input(2026, 100'00, 60'00, 41'00)), "cyber_eur/budget.share_over_100");
  EXPECT_EQ(first(input(2026, 0, 0, 0)), "total_eur/budget.total_zero");
  // A civil year is declared once it has begun (issue 12 trial: « Déclarer 2027 » offered in
  // 2026): the current year and the ones before, never a year to come.
  EXPECT_EQ(first(input(2027, 100'00, 1'00, 1'00)), "year/budget.year_invalid");
  EXPECT_EQ(first(input(2028, 100'00, 1'00, 1'00)), "year/budget.year_invalid");
  EXPECT_EQ(first(input(2000, 100'00, 1'00, 1'00)), "ok");
  EXPECT_EQ(first(input(1999, 100'00, 1'00, 1'00)), "year/budget.year_invalid");
  EXPECT_EQ(first(input(2026, kMaxCents + 1, 1'00, 1'00)), "total_eur/budget.amount_too_large");

  FormFields form{{"total_eur", "1000"}, {"digital_eur", "-5"}, {"cyber_eur", "1,234"}};
  auto errors = check(input_from_form(2026, form), kToday);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "digital_eur");
  EXPECT_EQ(errors[0].code, "budget.negative");
  EXPECT_EQ(errors[0].message.rfind("digital_eur : ", 0), 0u);
  // The page puts the label in place of the key: the reason never repeats it.
  EXPECT_EQ(page_message(errors[0]),
            "Budget numérique (hors cybersécurité) : montant négatif refusé.");
  EXPECT_EQ(page_message(errors[1]).find("cybersécurité)"),
            page_message(errors[1]).rfind("cybersécurité)"));
  EXPECT_EQ(errors[1].field, "cyber_eur");
  EXPECT_EQ(errors[1].code, "budget.amount_invalid");

  auto json_in = input_from_json(2026, {{"total_eur", 1000.5},
                                        {"digital_eur", "20"},
                                        {"cyber_eur", 0},
                                        {"declared_on", "2026-11-24"}});
  EXPECT_EQ(json_in.total_cents, 100050);
  auto json_errors = check(json_in, kToday);
  ASSERT_EQ(json_errors.size(), 1u);
  EXPECT_EQ(json_errors[0].field, "declared_on");
  EXPECT_EQ(json_errors[0].code, "budget.date_in_future");
  auto missing = check(input_from_json(2026, {{"total_eur", 10}}), kToday);
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0].field, "digital_eur");
  EXPECT_EQ(missing[0].code, "budget.amount_required");
}

TEST(BudgetModel, ChartScaleAndThreshold) {
  // 2,2 % and 5,5 %: scale up to 6 % (5,5 rounded up to the next whole percent).
  auto c = history_chart(
      {decl(2025, 250'000'000, 4'500'000, 900'000), decl(2026, 100'000'000, 5'000'000, 500'000)});
  EXPECT_EQ(c.max_permille, 60);
  int plot_h = c.height - c.top - c.bottom;  // 208
  EXPECT_EQ(c.baseline_y, c.top + plot_h);
  EXPECT_EQ(c.threshold_y, c.baseline_y - 20 * plot_h / 60);
  ASSERT_EQ(c.ticks.size(), 7u);  // 0 … 6 %
  ASSERT_EQ(c.bars.size(), 2u);
  EXPECT_EQ(c.bars[0].year, 2025);
  EXPECT_TRUE(c.bars[0].meets);
  EXPECT_EQ(c.bars[1].combined_permille, 55);
  // The stacked bar reaches the combined share: digital 50 ‰ then cyber on top.
  EXPECT_EQ(c.bars[1].digital_y, c.baseline_y - 50 * plot_h / 60);
  EXPECT_EQ(c.bars[1].cyber_y, c.baseline_y - 55 * plot_h / 60);
  EXPECT_EQ(c.bars[1].cyber_h, c.bars[1].digital_y - c.bars[1].cyber_y);
  EXPECT_LT(c.bars[0].x + c.bars[0].width, c.bars[1].x);
  // No declaration: the scale starts at 4 %.
  EXPECT_EQ(history_chart({}).max_permille, 40);
}
