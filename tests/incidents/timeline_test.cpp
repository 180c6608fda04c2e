// The pure timeline engine (issue 19): instants typed with their offset, the checks of an
// event against its timeline (each refusal names its field), the durations and the regulatory
// clocks — including across the changes to and from summer time in Paris (29 March and
// 25 October 2026), where a wall-clock difference would be one hour wrong.
#include <gtest/gtest.h>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "incidents/rules/timeline.hpp"

using namespace carepilot;
using namespace carepilot::incidents;

namespace {

std::int64_t at(const char* text) {
  auto i = parse_instant(text);
  EXPECT_TRUE(i) << text;
  return i ? i->unix : 0;
}

Event ev(std::int64_t id, const char* kind, const char* when, const char* service = "") {
  return Event{id, kind, at(when), 0, service, ""};
}

const std::vector<std::string> kServices{"urgences", "pharmacie", "imagerie"};

std::string field_of(const std::vector<FieldError>& errors) {
  return errors.empty() ? "" : errors.front().field + " " + errors.front().code;
}

const Clock& clock_of(const std::vector<Clock>& cs, const char* id) {
  for (const auto& c : cs)
    if (c.deadline->id == id) return c;
  throw std::runtime_error(id);
}

}  // namespace

TEST(IncidentsTimeline, AnInstantNeedsItsOffset) {
  auto i = parse_instant("2026-03-29T01:30:00+01:00");
  ASSERT_TRUE(i);
  EXPECT_EQ(utc_text(i->unix), "2026-03-29T00:30:00Z");
  EXPECT_EQ(i->offset_minutes, 60);
  EXPECT_EQ(utc_text(at("2026-03-29T03:30+02:00")), "2026-03-29T01:30:00Z");
  EXPECT_EQ(utc_text(at("2026-12-01T10:00:00Z")), "2026-12-01T10:00:00Z");
  EXPECT_EQ(parse_instant("2026-12-01T10:00:00-03:30")->offset_minutes, -210);
  EXPECT_FALSE(parse_instant("2026-03-29T01:30:00"));   // no offset: ambiguous
  EXPECT_FALSE(parse_instant("2026-02-29T01:30:00Z"));  // no such day
  EXPECT_FALSE(parse_instant("2026-03-29T24:00:00Z"));
  EXPECT_FALSE(parse_instant("2026-03-29T01:30:00+15:00"));
  EXPECT_FALSE(parse_instant("2026-03-29T01:30:00+01:00 "));
  EXPECT_FALSE(parse_instant("29/03/2026 01:30"));
  EXPECT_FALSE(parse_instant(""));
}

TEST(IncidentsTimeline, DurationsHoldAcrossTheChangeToSummerTime) {
  // Paris, 29 March 2026: 02:00 becomes 03:00. From 01:30 (UTC+1) to 03:30 (UTC+2) the
  // wall clock says two hours; one hour passed.
  std::vector<Event> t{ev(1, "detection", "2026-03-29T01:30:00+01:00"),
                       ev(2, "occurred", "2026-03-28T23:00:00+01:00"),
                       ev(3, "containment", "2026-03-29T03:00:00+02:00"),
                       ev(4, "declaration_submitted", "2026-03-29T03:30:00+02:00"),
                       ev(5, "degraded_start", "2026-03-29T01:45:00+01:00", "urgences"),
                       ev(6, "degraded_end", "2026-03-29T04:45:00+02:00", "urgences"),
                       ev(7, "services_restored", "2026-03-29T05:30:00+02:00")};
  const auto d = durations(t, at("2026-03-30T00:00:00+02:00"));
  EXPECT_EQ(d.to_detect, 150 * 60);
  EXPECT_EQ(d.to_contain, 30 * 60);
  EXPECT_EQ(d.to_declare, 60 * 60);
  EXPECT_EQ(d.degraded, 2 * 3600);
  EXPECT_FALSE(d.degraded_ongoing);
  EXPECT_EQ(d.to_restore, 3 * 3600);
  // Shown in Paris time, each on its own side of the change.
  EXPECT_EQ(paris_datetime(t[0].at), "29/03/2026 à 01 h 30");
  EXPECT_EQ(paris_datetime(t[3].at), "29/03/2026 à 03 h 30");
  EXPECT_EQ(duration_text(*d.to_declare), "1 heure");
}

TEST(IncidentsTimeline, DurationsHoldAcrossTheChangeFromSummerTime) {
  // Paris, 25 October 2026: 03:00 becomes 02:00. From 01:30 (UTC+2) to 02:30 (UTC+1): two
  // hours of degraded mode, not one.
  std::vector<Event> t{ev(1, "detection", "2026-10-25T01:00:00+02:00"),
                       ev(2, "degraded_start", "2026-10-25T01:30:00+02:00", "pharmacie"),
                       ev(3, "degraded_end", "2026-10-25T02:30:00+01:00", "pharmacie")};
  auto d = durations(t, at("2026-10-26T00:00:00+01:00"));
  EXPECT_EQ(d.degraded, 2 * 3600);
  EXPECT_EQ(d.degraded_by_service["pharmacie"], 2 * 3600);
  EXPECT_EQ(paris_datetime(t[1].at), "25/10/2026 à 01 h 30");
  EXPECT_EQ(paris_datetime(t[2].at), "25/10/2026 à 02 h 30 (heure d'hiver)");
  // The 02:30 that happens twice: the offset says which one.
  EXPECT_EQ(at("2026-10-25T02:30:00+01:00") - at("2026-10-25T02:30:00+02:00"), 3600);
}

TEST(IncidentsTimeline, TheGdprClockRunsSeventyTwoHoursAcrossTheChangeFromSummerTime) {
  const auto& c = default_catalog();
  // Detected Friday 23 October 2026 at 10:00 (UTC+2): 72 hours later is Monday 26 October at
  // 09:00 Paris time (UTC+1), not 10:00.
  std::vector<Event> t{ev(1, "detection", "2026-10-23T10:00:00+02:00")};
  Qualification q{{"data", {"health_data.confidentiality"}}};
  auto cs = clocks(c, t, q, at("2026-10-25T12:00:00+01:00"));
  const auto& gdpr = clock_of(cs, "gdpr_breach_notification");
  EXPECT_EQ(gdpr.state, ClockState::running);
  ASSERT_TRUE(gdpr.due);
  EXPECT_EQ(paris_datetime(*gdpr.due), "26/10/2026 à 09 h 00");
  EXPECT_EQ(gdpr.seconds, 21 * 3600);  // 12:00 (UTC+1) → 09:00 next day
  EXPECT_EQ(duration_text(gdpr.seconds), "21 heures");
  // Late by 90 minutes at 10:30 on the Monday.
  cs = clocks(c, t, q, at("2026-10-26T10:30:00+01:00"));
  EXPECT_EQ(clock_of(cs, "gdpr_breach_notification").state, ClockState::overdue);
  EXPECT_EQ(clock_of(cs, "gdpr_breach_notification").seconds, 90 * 60);
  // Notified at 08:59 (UTC+1): on time, a minute to spare.
  t.push_back(ev(2, "breach_notified", "2026-10-26T08:59:00+01:00"));
  cs = clocks(c, t, q, at("2026-10-30T10:30:00+01:00"));
  EXPECT_EQ(clock_of(cs, "gdpr_breach_notification").state, ClockState::done_on_time);
  EXPECT_EQ(clock_of(cs, "gdpr_breach_notification").seconds, 60);
  // Notified at 09:30: late by half an hour.
  t.back() = ev(2, "breach_notified", "2026-10-26T09:30:00+01:00");
  cs = clocks(c, t, q, at("2026-10-30T10:30:00+01:00"));
  EXPECT_EQ(clock_of(cs, "gdpr_breach_notification").state, ClockState::done_late);
  EXPECT_EQ(clock_of(cs, "gdpr_breach_notification").seconds, 30 * 60);
}

TEST(IncidentsTimeline, TheGdprClockRunsSeventyTwoHoursAcrossTheChangeToSummerTime) {
  // Detected Friday 27 March 2026 at 10:00 (UTC+1): due Monday 30 March at 11:00 (UTC+2).
  std::vector<Event> t{ev(1, "detection", "2026-03-27T10:00:00+01:00")};
  auto cs = clocks(default_catalog(), t, {{"data", {"other_personal_data.integrity"}}},
                   at("2026-03-27T11:00:00+01:00"));
  const auto& gdpr = clock_of(cs, "gdpr_breach_notification");
  EXPECT_EQ(paris_datetime(*gdpr.due), "30/03/2026 à 11 h 00");
  EXPECT_EQ(gdpr.seconds, 71 * 3600);
  EXPECT_EQ(duration_text(gdpr.seconds), "2 jours 23 heures");
}

TEST(IncidentsTimeline, TheClocksFollowTheQualification) {
  const auto& c = default_catalog();
  std::vector<Event> t{ev(1, "detection", "2026-06-01T08:00:00+02:00")};
  const auto now = at("2026-06-01T10:15:00+02:00");
  // Not qualified: the GDPR clock depends on the data concerned.
  auto cs = clocks(c, t, {}, now);
  ASSERT_EQ(cs.size(), 2u);
  EXPECT_EQ(clock_of(cs, "gdpr_breach_notification").state, ClockState::to_qualify);
  // The CERT Santé declaration is due without delay: time elapsed, never a lateness.
  EXPECT_EQ(clock_of(cs, "cert_sante_declaration").state, ClockState::as_soon_as_possible);
  EXPECT_FALSE(clock_of(cs, "cert_sante_declaration").due);
  EXPECT_EQ(duration_text(clock_of(cs, "cert_sante_declaration").seconds), "2 heures 15 minutes");
  // Technical data only: no personal-data breach to notify.
  cs = clocks(c, t, {{"data", {"technical_data.availability"}}}, now);
  EXPECT_EQ(clock_of(cs, "gdpr_breach_notification").state, ClockState::not_applicable);
  t.push_back(ev(2, "declaration_submitted", "2026-06-01T09:05:00+02:00"));
  cs = clocks(c, t, {{"data", {}}}, now);
  EXPECT_EQ(clock_of(cs, "gdpr_breach_notification").state, ClockState::not_applicable);
  EXPECT_EQ(clock_of(cs, "cert_sante_declaration").state, ClockState::done);
  EXPECT_EQ(clock_of(cs, "cert_sante_declaration").seconds, 65 * 60);
  // Without a detection there is no clock.
  EXPECT_TRUE(clocks(c, {}, {}, now).empty());
  // Every state has its label.
  const auto codes = labelled_codes("codes");
  for (auto s : {ClockState::not_applicable, ClockState::to_qualify, ClockState::running,
                 ClockState::overdue, ClockState::as_soon_as_possible, ClockState::done_on_time,
                 ClockState::done_late, ClockState::done}) {
    const std::string key = "incident_clock." + std::string(clock_state_code(s));
    EXPECT_NE(std::find(codes.begin(), codes.end(), key), codes.end()) << key;
  }
}

TEST(IncidentsTimeline, AnEventIsCheckedAgainstItsTimelineAndNamesItsField) {
  const auto& c = default_catalog();
  std::vector<Event> t{ev(1, "detection", "2026-06-01T08:00:00+02:00")};
  // Before the detection: only the occurrence.
  auto e = ev(0, "containment", "2026-06-01T07:59:00+02:00");
  auto errors = check_event(c, t, e, kServices);
  EXPECT_EQ(field_of(errors), "event_at incident.before_detection");
  EXPECT_NE(errors.front().message.find("01/06/2026 à 08 h 00"), std::string::npos);
  EXPECT_EQ(field_of(check_event(c, t, ev(0, "occurred", "2026-05-30T22:00:00+02:00"), kServices)),
            "");
  EXPECT_EQ(field_of(check_event(c, t, ev(0, "detection", "2026-06-01T09:00:00+02:00"), kServices)),
            "event_kind incident.event_unique");
  EXPECT_EQ(field_of(check_event(c, t, ev(0, "lunch", "2026-06-01T09:00:00+02:00"), kServices)),
            "event_kind incident.event_unknown");
  // The choices named are only the types a user may add here (issue 19 trial: the
  // declaration's transmission and the legacy declaration were listed, then refused).
  {
    const auto unknown =
        check_event(c, t, ev(0, "lunch", "2026-06-01T09:00:00+02:00"), kServices).at(0).message;
    EXPECT_NE(unknown.find("Confinement"), std::string::npos) << unknown;
    EXPECT_EQ(unknown.find("Déclaration transmise"), std::string::npos) << unknown;
    EXPECT_EQ(unknown.find("Déclaration notée"), std::string::npos) << unknown;
    EXPECT_EQ(unknown.find("Détection"), std::string::npos) << unknown;  // already there
  }
  // Degraded mode per service of the establishment.
  EXPECT_EQ(
      field_of(check_event(c, t, ev(0, "degraded_start", "2026-06-01T09:00:00+02:00"), kServices)),
      "service incident.service_required");
  EXPECT_EQ(field_of(check_event(
                c, t, ev(0, "degraded_start", "2026-06-01T09:00:00+02:00", "cuisine"), kServices)),
            "service incident.service_unknown");
  EXPECT_EQ(field_of(check_event(
                c, t, ev(0, "degraded_end", "2026-06-01T09:00:00+02:00", "urgences"), kServices)),
            "service incident.no_open_period");
  t.push_back(ev(2, "degraded_start", "2026-06-01T09:00:00+02:00", "urgences"));
  EXPECT_EQ(field_of(check_event(
                c, t, ev(0, "degraded_start", "2026-06-01T09:30:00+02:00", "urgences"), kServices)),
            "service incident.period_open");
  // The message names the service by its label, never its code (issue 19 trial).
  {
    const auto open = check_event(
        c, t, ev(0, "degraded_start", "2026-06-01T09:30:00+02:00", "urgences"), kServices);
    ASSERT_FALSE(open.empty());
    EXPECT_NE(open.front().message.find("« Urgences »"), std::string::npos) << open.front().message;
    EXPECT_EQ(open.front().message.find("« urgences »"), std::string::npos);
  }
  EXPECT_EQ(service_label("imagerie"), "Imagerie");
  EXPECT_EQ(service_label("medecine"), "Médecine");
  EXPECT_EQ(field_of(check_event(
                c, t, ev(0, "degraded_start", "2026-06-01T09:30:00+02:00", "imagerie"), kServices)),
            "");
  // End of degraded mode before its start.
  errors =
      check_event(c, t, ev(0, "degraded_end", "2026-06-01T08:30:00+02:00", "urgences"), kServices);
  EXPECT_EQ(field_of(errors), "event_at incident.end_before_start");
  EXPECT_NE(errors.front().message.find(std::string(field_label("event_at"))), std::string::npos);
  EXPECT_EQ(field_of(check_event(
                c, t, ev(0, "degraded_end", "2026-06-01T11:00:00+02:00", "urgences"), kServices)),
            "");
  // Once closed, the service may degrade again.
  t.push_back(ev(3, "degraded_end", "2026-06-01T11:00:00+02:00", "urgences"));
  EXPECT_EQ(field_of(check_event(
                c, t, ev(0, "degraded_start", "2026-06-01T12:00:00+02:00", "urgences"), kServices)),
            "");
  auto d = durations(t, at("2026-06-02T00:00:00+02:00"));
  EXPECT_EQ(d.degraded, 2 * 3600);
}

TEST(IncidentsTimeline, OverlappingAndOpenPeriodsOfDegradedMode) {
  std::vector<Event> t{ev(1, "detection", "2026-06-01T08:00:00+02:00"),
                       ev(2, "degraded_start", "2026-06-01T09:00:00+02:00", "urgences"),
                       ev(3, "degraded_start", "2026-06-01T10:00:00+02:00", "pharmacie"),
                       ev(4, "degraded_end", "2026-06-01T11:00:00+02:00", "urgences")};
  auto d = durations(t, at("2026-06-01T12:00:00+02:00"));
  EXPECT_TRUE(d.degraded_ongoing);
  EXPECT_EQ(d.degraded, 3 * 3600);  // 09:00 → 12:00, the two services merged
  EXPECT_EQ(d.degraded_by_service["urgences"], 2 * 3600);
  EXPECT_EQ(d.degraded_by_service["pharmacie"], 2 * 3600);
  EXPECT_FALSE(d.to_detect);
  EXPECT_FALSE(d.to_declare);
}

TEST(IncidentsTimeline, TheQualificationIsChecked) {
  const auto& c = default_catalog();
  EXPECT_TRUE(check_qualification(
                  c, {{"threat", {"ransomware"}},
                      {"data", {"health_data.confidentiality", "technical_data.availability"}},
                      {"endangerment", {"potential"}}})
                  .empty());
  auto errors = check_qualification(c, {{"threat", {"alien"}}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "qualification.threat");
  EXPECT_EQ(errors[0].code, "incident.value_unknown");
  EXPECT_NE(errors[0].message.find("« rançongiciel »"), std::string::npos) << errors[0].message;
  EXPECT_EQ(errors[0].message.find("ransomware"), std::string::npos);
  errors = check_qualification(c, {{"threat", {"phishing", "ransomware"}}});
  EXPECT_EQ(errors.at(0).code, "incident.single_value");
  errors = check_qualification(c, {{"colour", {"red"}}});
  EXPECT_EQ(errors.at(0).code, "incident.dimension_unknown");
  errors = check_qualification(c, {{"data", {"health_data"}}});
  EXPECT_EQ(errors.at(0).code, "incident.value_unknown");
}

TEST(IncidentsTimeline, DurationsInWords) {
  EXPECT_EQ(duration_text(0), "moins d'une minute");
  EXPECT_EQ(duration_text(59), "moins d'une minute");
  EXPECT_EQ(duration_text(60), "1 minute");
  EXPECT_EQ(duration_text(3600 + 5 * 60), "1 heure 5 minutes");
  EXPECT_EQ(duration_text(3 * 86400), "3 jours");
  // Issue 19 trial: the minutes stay when days appear.
  EXPECT_EQ(duration_text(86400 + 3600 + 60), "1 jour 1 heure 1 minute");
  EXPECT_EQ(duration_text(86400 + 15 * 3600 + 30 * 60), "1 jour 15 heures 30 minutes");
  EXPECT_EQ(duration_text(2 * 86400 + 30 * 60), "2 jours 30 minutes");
  EXPECT_EQ(duration_text(86400 + 59), "1 jour");
}

// Issue 19 trial: the time left agrees with what it counts (« 2 jours 13 heures restant » was
// shown), on both sides of each boundary; a late clock says its lateness.
TEST(IncidentsTimeline, TheTimeLeftAgreesWithWhatItCounts) {
  const std::int64_t minute = 60, hour = 3600, day = 86400;
  EXPECT_EQ(remaining_text(hour), "1 heure restante");
  EXPECT_EQ(remaining_text(2 * hour), "2 heures restantes");
  EXPECT_EQ(remaining_text(hour + 5 * minute), "1 heure 5 minutes restantes");
  EXPECT_EQ(remaining_text(hour - minute), "59 minutes restantes");
  EXPECT_EQ(remaining_text(minute), "1 minute restante");
  EXPECT_EQ(remaining_text(2 * minute), "2 minutes restantes");
  EXPECT_EQ(remaining_text(30), "moins d'une minute restante");
  EXPECT_EQ(remaining_text(day), "1 jour restant");
  EXPECT_EQ(remaining_text(day - minute), "23 heures 59 minutes restantes");
  EXPECT_EQ(remaining_text(day + hour), "1 jour 1 heure restants");
  EXPECT_EQ(remaining_text(2 * day), "2 jours restants");
  EXPECT_EQ(remaining_text(2 * day + 13 * hour), "2 jours 13 heures restants");
  // The GDPR clock's 72 hours, as it starts.
  EXPECT_EQ(remaining_text(72 * hour), "3 jours restants");

  Clock c;
  c.state = ClockState::running;
  c.seconds = hour;
  EXPECT_EQ(clock_delay_text(c), "1 heure restante");
  c.seconds = 2 * hour;
  EXPECT_EQ(clock_delay_text(c), "2 heures restantes");
  c.state = ClockState::overdue;
  c.seconds = hour;
  EXPECT_EQ(clock_delay_text(c), "1 heure de retard");
  c.seconds = 2 * day + 3 * hour;
  EXPECT_EQ(clock_delay_text(c), "2 jours 3 heures de retard");
  c.state = ClockState::done_late;
  EXPECT_EQ(clock_delay_text(c), "2 jours 3 heures de retard");
  c.state = ClockState::done_on_time;
  c.seconds = 5 * hour;
  EXPECT_EQ(clock_delay_text(c), "5 heures d'avance");
  c.state = ClockState::not_applicable;
  EXPECT_EQ(clock_delay_text(c), "—");
}
