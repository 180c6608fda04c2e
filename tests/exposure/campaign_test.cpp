// Issue 17 trial: two scan files a year apart were accepted as one audit. The files of one
// audit must have started within data/exposure/campaign.yaml's bound (Paris calendar days,
// inclusive): both sides of it, the Paris midnight, files without time, and the readers'
// refusal naming the first and the last file with their dates.
#include <gtest/gtest.h>

#include <regex>

#include "common/french.hpp"
#include "exposure/campaign.hpp"
#include "exposure/readers/input_error.hpp"
#include "exposure/readers/scan_reader.hpp"
#include "helpers.hpp"

namespace carepilot::exposure {
namespace {

using namespace test;

std::int64_t paris(const char* ymd, int hour, int minute = 0) {
  return *paris_day_start(ymd) + hour * 3600 + minute * 60;
}

TEST(ExposureCampaign, TheBoundIsDataWithItsSource) {
  const auto& r = builtin_campaign_rule();
  EXPECT_EQ(r.max_span_days, 7);
  EXPECT_NE(r.source.find("D1.O2.B"), std::string::npos);
  EXPECT_THROW(load_campaign_rule("max_span_days: -1\nsource: s\n"), std::runtime_error);
  EXPECT_THROW(load_campaign_rule("max_span_days: 3\n"), std::runtime_error);
  EXPECT_EQ(load_campaign_rule("max_span_days: 3\nsource: s\n").max_span_days, 3);
}

TEST(ExposureCampaign, BothSidesOfTheBoundInParisDays) {
  const CampaignRule rule{7, "s"};
  auto spread = [&](std::int64_t a, std::int64_t b) {
    return campaign_spread({{"a.xml", a, a + 60}, {"b.json", b, b}}, rule);
  };
  EXPECT_FALSE(spread(paris("2026-11-01", 10), paris("2026-11-01", 11)));            // same day
  EXPECT_FALSE(spread(paris("2026-11-01", 0, 1), paris("2026-11-08", 23, 59)));      // 7 days
  const auto over = spread(paris("2026-11-01", 23, 59), paris("2026-11-09", 0, 1));  // 8 days
  ASSERT_TRUE(over);
  EXPECT_EQ(over->days, 8);
  EXPECT_EQ(over->earliest.name, "a.xml");
  EXPECT_EQ(over->latest.name, "b.json");
  // Whatever the order of the files: the first started and the last.
  const auto back = spread(paris("2026-11-09", 0, 1), paris("2026-11-01", 23, 59));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->earliest.name, "b.json");
  // Files without time are not checked; one file alone never is.
  EXPECT_FALSE(campaign_spread(
      {{"a.xml", std::nullopt, std::nullopt}, {"b.xml", paris("2026-11-01", 10), std::nullopt}},
      rule));
  EXPECT_FALSE(
      campaign_spread({{"a.xml", paris("2025-11-01", 10), paris("2026-11-01", 10)}}, rule));
  EXPECT_EQ(campaign_text(*over, rule),
            "les fichiers d'un même audit doivent avoir été lancés à 7 jours au plus d'écart : "
            "« a.xml » a été lancé le 01/11/2026 à 23 h 59, « b.json » le 09/11/2026 à 00 h 01, "
            "8 jours plus tard");
}

TEST(ExposureCampaign, TheReadersKeepEachFilesTimesAndRefuseASpreadCampaign) {
  ReadStats stats;
  read_inputs(
      {data_path("public.xml"), data_path("masscan_campaign.json")}, [](Host&&) {}, stats);
  ASSERT_EQ(stats.file_times.size(), 2u);
  EXPECT_EQ(stats.file_times[0].name, "public.xml");
  EXPECT_EQ(stats.file_times[0].from, 1796031600);
  EXPECT_EQ(stats.file_times[1].from, 1796032000);
  EXPECT_EQ(stats.scan_from, 1796031600);
  // masscan.json ran a year before public.xml: not one audit.
  ReadStats other;
  try {
    read_inputs(
        {data_path("public.xml"), data_path("masscan.json")}, [](Host&&) {}, other);
    FAIL() << "a campaign a year apart was read as one audit";
  } catch (const InputError& e) {
    EXPECT_EQ(e.kind, InputError::Kind::campaign_span);
    EXPECT_NE(std::string(e.what()).find(
                  "« masscan.json » a été lancé le 01/12/2025 à 10 h 40, « public.xml » le "
                  "30/11/2026 à 10 h 40, 364 jours plus tard"),
              std::string::npos)
        << e.what();
  }
  // The whole-buffer reader keeps each file's times too.
  ReadStats one;
  read_scan(
      "a.json", slurp(data_path("masscan.json")), [](Host&&) {}, one);
  read_scan(
      "b.xml", slurp(data_path("public.xml")), [](Host&&) {}, one);
  ASSERT_EQ(one.file_times.size(), 2u);
  EXPECT_EQ(one.file_times[0].to, 1764582000);
  EXPECT_EQ(one.scan_from, 1764582000);
  EXPECT_TRUE(campaign_spread(one.file_times));
}

}  // namespace
}  // namespace carepilot::exposure
