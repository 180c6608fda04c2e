#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "exercises/validation.hpp"
#include "fixture.hpp"

using namespace carepilot;
using namespace carepilot::exercises;
using carepilot::testing::day;
using carepilot::testing::plan;
using carepilot::testing::refused;

namespace {

const std::vector<Scenario> kScenarios{{"ransomware", "Rançongiciel"},
                                       {"network_loss", "Perte du réseau"}};

TEST(ExerciseValidation, AcceptsAPlanAndFillsEveryFunction) {
  auto v = validate_exercise(plan("2026-10-01"), kScenarios);
  EXPECT_EQ(v.date, day("2026-10-01"));
  ASSERT_EQ(v.participants.size(), kFunctions.size());
  EXPECT_EQ(v.participants[0].function, "direction");
  EXPECT_EQ(v.participants[0].count, 2);
  EXPECT_EQ(v.participants[3].function, "it");
  EXPECT_EQ(v.participants[3].count, 3);
  EXPECT_EQ(v.participants[1].count, 0);
}

TEST(ExerciseValidation, NamesTheFaultyField) {
  auto in = plan("2026-10-01", "meteorite");
  refused([&] { validate_exercise(in, kScenarios); }, 422, "scenario");
  in = plan("2026-13-01");
  refused([&] { validate_exercise(in, kScenarios); }, 422, "date");
  in = plan("2026-10-01");
  in.format = "virtual";
  refused([&] { validate_exercise(in, kScenarios); }, 422, "format");
  in = plan("2026-10-01");
  in.title = "   ";
  refused([&] { validate_exercise(in, kScenarios); }, 422, "title");
  in = plan("2026-10-01");
  in.participants = {{"kitchen", 1, ""}};
  refused([&] { validate_exercise(in, kScenarios); }, 422, "participants");
  in.participants = {{"care", -3, ""}};
  refused([&] { validate_exercise(in, kScenarios); }, 422, "participants.care");
}

TEST(ExerciseValidation, RetexDateRules) {
  auto msg = refused(
      [] {
        validate_retex({"2026-09-30", "", "", ""}, day("2026-10-01"), day("2026-11-23"));
      },
      422, "retex_date");
  EXPECT_NE(msg.find("retex_date"), std::string::npos);
  refused(
      [] {
        validate_retex({"2026-11-24", "", "", ""}, day("2026-10-01"), day("2026-11-23"));
      },
      422, "retex_date");
  refused(
      [] {
        validate_retex({"", "", "", ""}, day("2026-10-01"), day("2026-11-23"));
      },
      422, "retex_date");
  refused(
      [] {
        validate_retex({"2026-12-02", "", "", ""}, day("2026-12-01"), day("2026-11-23"));
      },
      422, "retex_date");
  EXPECT_EQ(validate_retex({"2026-10-01", "ok", "", ""}, day("2026-10-01"), day("2026-11-23")),
            day("2026-10-01"));
}

TEST(ExerciseValidation, LogTimes) {
  auto e = validate_log({"09:05", "", "Début"}, day("2026-10-01"), "2026-11-23T10:00", "moi");
  EXPECT_EQ(e.at, "2026-10-01T09:05");
  EXPECT_EQ(e.author, "moi");
  e = validate_log({"", "RSSI", "Fin"}, day("2026-10-01"), "2026-11-23T10:00", "moi");
  EXPECT_EQ(e.at, "2026-11-23T10:00");
  EXPECT_EQ(e.author, "RSSI");
  e = validate_log({"2026-10-01T09:05:00+02:00", "", "x"}, day("2026-10-01"), "", "");
  EXPECT_EQ(e.at, "2026-10-01T09:05:00+02:00");
  refused([] { validate_log({"25:00", "", "x"}, day("2026-10-01"), "", ""); }, 422, "at");
  refused([] { validate_log({"09:00", "", " "}, day("2026-10-01"), "", ""); }, 422, "text");
}

TEST(ExerciseValidation, InjectsItemsDeclarationScenarios) {
  EXPECT_EQ(validate_inject({"45", "Alerte", ""}).offset_minutes, 45);
  refused([] { validate_inject({"-5", "Alerte", ""}); }, 422, "offset_minutes");
  refused([] { validate_inject({"10", "", ""}); }, 422, "title");
  EXPECT_EQ(validate_item({"Imprimer les fiches", "high"}).priority, paq::Priority::high);
  EXPECT_EQ(validate_item({"Imprimer les fiches", ""}).priority, paq::Priority::medium);
  refused([] { validate_item({"x", "urgent"}); }, 422, "priority");
  refused([] { validate_item({std::string(301, 'a'), ""}); }, 422, "text");
  refused([] { validate_declared("2026-09-30", day("2026-10-01"), day("2026-11-23")); }, 422,
          "declared_on");
  refused([] { validate_declared("2026-11-24", day("2026-10-01"), day("2026-11-23")); }, 422,
          "declared_on");
  refused([] { validate_scenario({"Pandémie", "Pandémie"}); }, 422, "code");
  refused([] { validate_scenario({"pandemic", ""}); }, 422, "label");
  refused([] { validate_paq_options({"", "demain"}); }, 422, "due");
}

}  // namespace
