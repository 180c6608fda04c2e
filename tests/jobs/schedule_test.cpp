// The recurring schedule (data/jobs/schedule.yaml): occurrences in Europe/Paris, payloads and
// dedupe keys, and the checks of the data file.
#include <gtest/gtest.h>

#include "common/french.hpp"
#include "jobs/labels.hpp"
#include "jobs/schedule.hpp"

namespace carepilot::testing {
namespace {

using jobs::Recurring;

std::int64_t utc(const std::string& iso) {
  return *parse_iso_utc(iso);
}

TEST(Schedule, TheBuiltinDataHoldsTheThreeRecurringJobs) {
  const auto& s = jobs::Settings::builtin();
  ASSERT_EQ(s.recurring.size(), 3u);
  EXPECT_EQ(s.recurring[0].kind, "compliance.recompute_all");
  EXPECT_EQ(s.recurring[1].kind, "compliance.snapshot");
  EXPECT_EQ(s.recurring[2].kind, "reminders.weekly");
  EXPECT_EQ(s.recurring[2].weekday, 1u);
  EXPECT_EQ(s.digest_horizon_days, 30);
  EXPECT_GE(s.retry.max_attempts, 1);
}

TEST(Schedule, DailyJustAfterParisMidnight) {
  Recurring r{"compliance.recompute_all", Recurring::Every::day, 1, 0, 5, Recurring::Payload::date};
  // Winter (UTC+1): 00:05 Paris = 23:05 UTC the day before.
  auto o = jobs::latest_occurrence(r, utc("2026-11-30T23:04:59Z"));
  EXPECT_EQ(o.payload["date"], "2026-11-30");
  EXPECT_EQ(o.run_at, utc("2026-11-29T23:05:00Z"));
  EXPECT_EQ(o.dedupe_key, "compliance.recompute_all:2026-11-30");
  o = jobs::latest_occurrence(r, utc("2026-11-30T23:05:00Z"));
  EXPECT_EQ(o.payload["date"], "2026-12-01");
  // Summer (UTC+2): 00:05 Paris = 22:05 UTC.
  o = jobs::latest_occurrence(r, utc("2026-07-14T22:05:00Z"));
  EXPECT_EQ(o.payload["date"], "2026-07-15");
  o = jobs::latest_occurrence(r, utc("2026-07-14T22:04:00Z"));
  EXPECT_EQ(o.payload["date"], "2026-07-14");
}

TEST(Schedule, MonthlyOnTheFirstForTheMonthThatEnded) {
  Recurring r{
      "compliance.snapshot", Recurring::Every::month, 1, 1, 0, Recurring::Payload::previous_month};
  auto o = jobs::latest_occurrence(r, utc("2027-01-01T00:00:00Z"));  // 01:00 Paris
  EXPECT_EQ(o.payload["month"], "2026-12");
  EXPECT_EQ(o.dedupe_key, "compliance.snapshot:2027-01");
  o = jobs::latest_occurrence(r, utc("2026-12-31T23:59:59Z"));  // 00:59 Paris on the 1st
  EXPECT_EQ(o.payload["month"], "2026-11");
  o = jobs::latest_occurrence(r, utc("2026-03-15T12:00:00Z"));
  EXPECT_EQ(o.payload["month"], "2026-02");
  EXPECT_EQ(o.run_at, utc("2026-03-01T00:00:00Z"));
}

TEST(Schedule, WeeklyOnMondayMorningParis) {
  Recurring r{"reminders.weekly", Recurring::Every::week, 1, 7, 0, Recurring::Payload::week};
  // Monday 30 November 2026, 07:00 Paris = 06:00 UTC.
  auto o = jobs::latest_occurrence(r, utc("2026-11-30T06:00:00Z"));
  EXPECT_EQ(o.payload["week"], "2026-W49");
  EXPECT_EQ(o.run_at, utc("2026-11-30T06:00:00Z"));
  o = jobs::latest_occurrence(r, utc("2026-11-30T05:59:59Z"));
  EXPECT_EQ(o.payload["week"], "2026-W48");
  o = jobs::latest_occurrence(r, utc("2026-12-06T20:00:00Z"));  // Sunday
  EXPECT_EQ(o.payload["week"], "2026-W49");
  // ISO week-year: Monday 28 December 2026 is in 2026-W53; 4 January 2027 in 2027-W01.
  o = jobs::latest_occurrence(r, utc("2027-01-01T12:00:00Z"));
  EXPECT_EQ(o.payload["week"], "2026-W53");
  o = jobs::latest_occurrence(r, utc("2027-01-04T07:00:00Z"));
  EXPECT_EQ(o.payload["week"], "2027-W01");
}

TEST(Schedule, ATimeSkippedBySummerTimeRunsRightAfterTheChange) {
  Recurring r{"test.x", Recurring::Every::day, 1, 2, 30, Recurring::Payload::date};
  // 29 March 2026: 02:00 → 03:00 in Paris (01:00 UTC).
  auto o = jobs::latest_occurrence(r, utc("2026-03-29T05:00:00Z"));
  EXPECT_EQ(o.payload["date"], "2026-03-29");
  EXPECT_EQ(o.run_at, utc("2026-03-29T01:00:00Z"));
}

TEST(Schedule, BadDataIsRefusedNamingTheKey) {
  const std::string ok =
      "version: 1\nretry: {max_attempts: 3, base_delay_s: 10, max_delay_s: 100}\nlease_s: 60\n"
      "poll_s: 5\nkeep_done_days: 7\ndigest_horizon_days: 30\n";
  EXPECT_NO_THROW(jobs::Settings::parse(ok));
  auto refused = [&](const std::string& yaml, const std::string& key) {
    try {
      jobs::Settings::parse(yaml);
      ADD_FAILURE() << "accepted: " << yaml;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  };
  refused("version: 1\n", "retry.max_attempts");
  refused("version: [1\n", "data/jobs/schedule.yaml : YAML illisible (");
  refused("- 1\n", "data/jobs/schedule.yaml : un dictionnaire est attendu");
  refused(ok + "recurring:\n  - {kind: a.b, every: hour, at: '00:00', payload: date}\n",
          "recurring.every");
  refused(ok + "recurring:\n  - {kind: a.b, every: day, at: '24:00', payload: date}\n",
          "recurring.at");
  refused(ok + "recurring:\n  - {kind: a.b, every: week, at: '07:00', payload: week}\n",
          "recurring.weekday");
  std::string bad = ok;
  bad.replace(bad.find("max_delay_s: 100"), 16, "max_delay_s: 5");
  refused(bad, "retry.max_delay_s");
}

TEST(Labels, FrenchLabelsWithoutInternalCodes) {
  EXPECT_EQ(jobs::kind_label("compliance.recompute_all"), "Recalcul quotidien des statuts");
  EXPECT_EQ(jobs::kind_label("reminders.weekly"), "Récapitulatif hebdomadaire des échéances");
  EXPECT_EQ(jobs::kind_label("x.y"), "Tâche d'un autre type");
  EXPECT_EQ(jobs::kind_label("compliance.other"), "Tâche de conformité (autre)");
  EXPECT_EQ(jobs::payload_label({{"date", "2026-11-30"}}), "journée du 30/11/2026");
  EXPECT_EQ(jobs::payload_label({{"month", "2026-10"}}), "octobre 2026");
  EXPECT_EQ(jobs::payload_label({{"week", "2026-W09"}}), "semaine 9 de 2026");
  EXPECT_EQ(jobs::payload_label(nlohmann::json::object()), "—");
  EXPECT_EQ(jobs::state_label(jobs::State::failed), "En échec");
}

TEST(Labels, JobErrorsAreExplainedInFrench) {
  auto dead = jobs::error_explanation(
      "Le processus qui exécutait la tâche s'est arrêté pendant la dernière tentative");
  EXPECT_EQ(dead.rfind("Le serveur qui exécutait la tâche s'est arrêté", 0), 0u) << dead;
  auto db = jobs::error_explanation("soci: connection to postgres lost");
  EXPECT_EQ(db.rfind("La base de données n'a pas répondu", 0), 0u) << db;
  auto mail = jobs::error_explanation("curl: SMTP server refused");
  EXPECT_EQ(mail.rfind("L'envoi des courriels a échoué", 0), 0u) << mail;
  auto other = jobs::error_explanation("std::out_of_range: vector::at");
  EXPECT_EQ(other.rfind("La tâche s'est arrêtée sur une erreur inattendue", 0), 0u) << other;
  for (const auto& e : {dead, db, mail, other}) {
    EXPECT_EQ(e.find("std::"), std::string::npos) << e;
    EXPECT_EQ(e.find("soci"), std::string::npos) << e;
  }
}

}  // namespace
}  // namespace carepilot::testing
