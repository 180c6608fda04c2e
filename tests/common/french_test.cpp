// French formatting and labels shared by every page (issue 12, point 13): dates in Paris
// time, plurals, amounts typed with spaces and the euro sign, labels instead of keys.
#include <gtest/gtest.h>

#include <limits>

#include "common/french.hpp"
#include "common/labels.hpp"

namespace carepilot {
namespace {

const std::string kNbsp = "\u00a0";

TEST(French, ParisDateTimeInWinterAndSummer) {
  EXPECT_EQ(paris_datetime(std::string("2026-11-30T12:01:00Z")), "30/11/2026 à 13 h 01");
  EXPECT_EQ(paris_datetime(std::string("2026-07-01T12:01:00Z")), "01/07/2026 à 14 h 01");
}

TEST(French, TheRepeatedHourSaysWhichOne) {
  // 25 October 2026: 03:00 summer time becomes 02:00 winter time; 02:40 happens twice.
  EXPECT_EQ(paris_datetime(std::string("2026-10-25T00:40:00Z")),
            "25/10/2026 à 02 h 40 (heure d'été)");
  EXPECT_EQ(paris_datetime(std::string("2026-10-25T01:40:00Z")),
            "25/10/2026 à 02 h 40 (heure d'hiver)");
  EXPECT_EQ(paris_datetime(std::string("2026-10-25T02:00:00Z")), "25/10/2026 à 03 h 00");
  EXPECT_EQ(paris_datetime(std::string("2026-10-24T23:59:00Z")), "25/10/2026 à 01 h 59");
  EXPECT_EQ(paris_datetime(std::string("2026-03-29T01:30:00Z")), "29/03/2026 à 03 h 30");
}

TEST(French, AParisWallClockTimeAsTyped) {
  using K = ParisLocalTime::Kind;
  auto summer = paris_local_time("2026-07-01T10:00");
  EXPECT_EQ(summer.kind, K::unique);
  EXPECT_EQ(iso_utc(summer.summer), "2026-07-01T08:00:00Z");
  EXPECT_EQ(summer.summer_offset_minutes, 120);
  auto winter = paris_local_time("2026-12-01T10:00:30");
  EXPECT_EQ(iso_utc(winter.winter), "2026-12-01T09:00:30Z");
  EXPECT_EQ(winter.winter_offset_minutes, 60);
  EXPECT_EQ(paris_local_time("2026-03-29T02:30").kind, K::nonexistent);
  auto twice = paris_local_time("2026-10-25T02:30");
  EXPECT_EQ(twice.kind, K::ambiguous);
  EXPECT_EQ(iso_utc(twice.summer), "2026-10-25T00:30:00Z");
  EXPECT_EQ(iso_utc(twice.winter), "2026-10-25T01:30:00Z");
  EXPECT_EQ(twice.summer_offset_minutes, 120);
  EXPECT_EQ(twice.winter_offset_minutes, 60);
  EXPECT_EQ(paris_local_time("2026-02-30T10:00").kind, K::invalid);
  EXPECT_EQ(paris_local_time("hier").kind, K::invalid);
  EXPECT_EQ(paris_local_time("2026-07-01 10:00").kind, K::invalid);
}

TEST(French, ParisDayStartsAtLocalMidnightInWinterAndSummer) {
  // 1 December: UTC+1; 1 July: UTC+2; the days of the clock changes start at midnight too.
  EXPECT_EQ(iso_utc(*paris_day_start("2026-12-01")), "2026-11-30T23:00:00Z");
  EXPECT_EQ(iso_utc(*paris_day_start("2026-07-01")), "2026-06-30T22:00:00Z");
  EXPECT_EQ(iso_utc(*paris_day_start("2026-03-29")), "2026-03-28T23:00:00Z");
  EXPECT_EQ(iso_utc(*paris_day_start("2026-03-30")), "2026-03-29T22:00:00Z");
  EXPECT_EQ(*paris_day_start("2026-10-26") - *paris_day_start("2026-10-25"), 25 * 3600);
  EXPECT_FALSE(paris_day_start("2026-02-30"));
  EXPECT_FALSE(paris_day_start("01/12/2026"));
  EXPECT_FALSE(paris_day_start("2026-12-1"));
  EXPECT_FALSE(paris_day_start(""));
}

TEST(French, JournalObjectsHaveFrenchLabels) {
  EXPECT_EQ(audit_entity_label("evidence"), "preuve");
  EXPECT_EQ(audit_entity_label("user"), "compte");
  EXPECT_EQ(audit_entity_label("quelque_chose"), "autre objet");
  EXPECT_EQ(audit_action_label("login_failed"), "échec de connexion");
  for (const auto& [code, label] : audit_entities()) {  // words, never the code's key
    EXPECT_FALSE(label.empty()) << code;
    EXPECT_EQ(label.find('_'), std::string_view::npos) << code;
  }
}

TEST(French, DateTextOfEveryStoredForm) {
  EXPECT_EQ(french_date_text("2025-06-17"), "17/06/2025");
  EXPECT_EQ(french_date_text("2025-06-17T10:40"), "17/06/2025 à 10 h 40");
  EXPECT_EQ(french_date_text("2026-11-30T12:01:00Z"), "30/11/2026 à 13 h 01");
  EXPECT_EQ(french_date_text("2026-11-30T23:30:00.125Z"), "01/12/2026 à 00 h 30");
  // Not a date: unchanged.
  EXPECT_EQ(french_date_text("2026-11"), "2026-11");
  EXPECT_EQ(french_date_text("2025-06-17 et plus"), "2025-06-17 et plus");
  EXPECT_EQ(french_date_text(""), "");
}

TEST(French, DatesInsideAText) {
  EXPECT_EQ(french_dates_in("Preuve ajoutée : bia du 2026-11-30"),
            "Preuve ajoutée : bia du 30/11/2026");
  EXPECT_EQ(french_dates_in("période 2025-12-01/2026-12-01."), "période 01/12/2025 – 01/12/2026.");
  EXPECT_EQ(french_dates_in("créé 2026-11-30T12:01:00Z"), "créé 30/11/2026 à 13 h 01");
  // A FINESS or a longer number is not a date.
  EXPECT_EQ(french_dates_in("n° 12026-11-30"), "n° 12026-11-30");
  EXPECT_EQ(french_dates_in("rien"), "rien");
}

TEST(French, PluralsAreRealFrenchForms) {
  EXPECT_EQ(plural(0, "compte", "comptes"), "0 compte");
  EXPECT_EQ(plural(1, "compte", "comptes"), "1 compte");
  EXPECT_EQ(plural(2, "compte", "comptes"), "2 comptes");
  EXPECT_EQ(plural(1234, "compte", "comptes"), "1" + kNbsp + "234 comptes");
  EXPECT_EQ(agree(1, "restant", "restants"), "restant");
  EXPECT_EQ(agree(2, "restant", "restants"), "restants");
  EXPECT_EQ(french_integer(-1234567), "-1" + kNbsp + "234" + kNbsp + "567");
  EXPECT_EQ(french_integer(999), "999");
}

// One way to write a file's size on every page (evidence documents, registration attestations,
// assessment attachments, declarations): bytes below 1 Kio, then Kio and Mio to the tenth.
TEST(French, FileSizesInBinaryUnitsToTheTenth) {
  EXPECT_EQ(french_file_size(0), "0 octet");
  EXPECT_EQ(french_file_size(1), "1 octet");
  EXPECT_EQ(french_file_size(1023), "1" + kNbsp + "023 octets");
  EXPECT_EQ(french_file_size(1024), "1" + kNbsp + "Kio");
  EXPECT_EQ(french_file_size(1536), "1,5" + kNbsp + "Kio");
  EXPECT_EQ(french_file_size(1024 * 1024 - 1), "1" + kNbsp + "Mio");  // 1 024,0 Kio: 1 Mio
  EXPECT_EQ(french_file_size(1024 * 1024 - 52429), "972,8" + kNbsp + "Kio");
  EXPECT_EQ(french_file_size(1024 * 1024 * 1024 / 100), "10,2" + kNbsp + "Mio");
  EXPECT_EQ(french_file_size(5 << 20), "5" + kNbsp + "Mio");
}

TEST(French, AmountsAsTypedInForms) {
  EXPECT_EQ(parse_euro_cents("200 000 €"), 20000000);
  EXPECT_EQ(parse_euro_cents("600\u00a0000\u00a0€"), 60000000);  // no-break spaces
  EXPECT_EQ(parse_euro_cents("600\u202f000\u202f€"), 60000000);  // narrow no-break spaces
  EXPECT_EQ(parse_euro_cents("1 500,5 €"), 150050);
  EXPECT_EQ(parse_euro_cents("1500.25EUR"), 150025);
  EXPECT_EQ(parse_euro_cents("1234"), 123400);
  // Refused: a sign before the number, two euro signs, text after the sign, three
  // decimals, two separators, nothing but the sign.
  EXPECT_FALSE(parse_euro_cents("€ 100"));
  EXPECT_FALSE(parse_euro_cents("100 € €"));
  EXPECT_FALSE(parse_euro_cents("100 € 5"));
  EXPECT_FALSE(parse_euro_cents("1,234"));
  EXPECT_FALSE(parse_euro_cents("1,2,3"));
  EXPECT_FALSE(parse_euro_cents("€"));
  EXPECT_FALSE(parse_euro_cents("-5"));
  EXPECT_FALSE(parse_euro_cents("1e5"));
  EXPECT_EQ(parse_euro_cents("1234567890123456"), std::numeric_limits<std::int64_t>::max());
}

TEST(Labels, ErrorMessagesNameTheFieldByItsLabel) {
  EXPECT_EQ(page_message("total_eur", "total_eur : le budget total est requis."),
            "Budget total : le budget total est requis.");
  EXPECT_EQ(page_message("title", "title : le titre est requis."),
            "Intitulé : le titre est requis.");
  // The key inside the message wins; a date in the reason reads in French.
  EXPECT_EQ(page_message("date", "date : postérieure à aujourd'hui (2026-12-01)."),
            "Date : postérieure à aujourd'hui (01/12/2026).");
  // A message without a key, or starting with French words, is kept.
  EXPECT_EQ(page_message("email", "Adresse déjà utilisée."), "Adresse déjà utilisée.");
  EXPECT_EQ(page_message("x", "Le budget : trop bas"), "Le budget : trop bas");
  // An unknown key is never shown.
  EXPECT_EQ(page_message("zz_unknown", "zz_unknown : invalide."), "Champ : invalide.");
  EXPECT_EQ(page_message(FieldError{"cyber_eur", "budget.x", "cyber_eur : négatif."}),
            "Budget cybersécurité : négatif.");
}

TEST(Labels, CodesNeverReachAPage) {
  EXPECT_EQ(code_label("open"), "à faire ou en cours");  // the PAQ pages' words
  EXPECT_EQ(code_label("club-ssi"), "Club SSI");
  EXPECT_EQ(code_label("pcri"), "PCRI");
  EXPECT_EQ(code_label("medico_technique"), "medico technique");
  EXPECT_EQ(code_label("Texte libre"), "Texte libre");
  EXPECT_EQ(evidence_type_label("paq_action"), "Action cyber du PAQ");
  EXPECT_EQ(evidence_type_label("zz"), "Preuve");
  EXPECT_EQ(field_value_label("status", "closed"), "terminée");
  EXPECT_EQ(field_value_label("declared_on", "2025-11-15"), "15/11/2025");
  EXPECT_EQ(field_value_label("cyber", "true"), "oui");
  EXPECT_EQ(field_value_label("score", "44"), "44");
  EXPECT_EQ(field_value_label("cyber", "non"), "non");
  EXPECT_EQ(field_value_label("year", "2025"), "2025");
  EXPECT_EQ(field_value_label("staff", "1200"), "1" + kNbsp + "200");
  EXPECT_EQ(field_value_label("total_eur", "245000000.0"),
            "245" + kNbsp + "000" + kNbsp + "000" + kNbsp + "€");
  EXPECT_EQ(field_value_label("cyber_eur", "1500.5"), "1" + kNbsp + "500,50" + kNbsp + "€");
  EXPECT_EQ(field_value_label("score", "61.25"), "61,25");
  EXPECT_EQ(field_value_label("service", "club-ssi"), "Club SSI");
  EXPECT_EQ(field_value_label("source", "oradad"), "ORADAD");
  EXPECT_EQ(field_value_label("title", "Former les secrétariats"), "Former les secrétariats");
  EXPECT_EQ(measure_label("training_share"), "Part du personnel formé");
  EXPECT_EQ(audit_action_label("retry"), "nouvelle tentative");
  EXPECT_EQ(audit_action_label("zz"), "autre action");
  EXPECT_EQ(job_kind_label("compliance.snapshot"), "Instantané mensuel de conformité");
  EXPECT_EQ(job_kind_label("compliance.other"), "Tâche de conformité (autre)");
  EXPECT_EQ(job_kind_label("x.y"), "Tâche d'un autre type");
}

TEST(Labels, PeriodsInFrench) {
  EXPECT_EQ(period_label(""), "—");
  EXPECT_EQ(period_label("2026"), "2026");
  EXPECT_EQ(period_label("2026-Q1"), "1er trimestre 2026");
  EXPECT_EQ(period_label("2026-Q4"), "4e trimestre 2026");
  EXPECT_EQ(period_label("2025-12-01/2026-12-01"), "du 01/12/2025 au 01/12/2026");
}

}  // namespace
}  // namespace carepilot
