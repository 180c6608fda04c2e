// The identification engine on both sides of every boundary of data/identification: 31/12/2025
// and 01/01/2026, local and remote, homologated or not (and before the commission's date),
// eIDAS substantiel or faible, ANS-issued, planned dates before and after the day; and the
// coverage arithmetic weighted by headcount.
#include <gtest/gtest.h>

#include "identification/data.hpp"
#include "identification/engine.hpp"

using namespace carepilot;
using namespace carepilot::identification;

namespace {

Date day(const char* s) {
  return *parse_date(s);
}

const Data& data() {
  return embedded_data();
}

const AccessPoint kLocal{1, "Dossier patient", "application", "local"};
const AccessPoint kRemote{2, "VPN", "remote_access", "remote"};
// The population of the cells below: cell() covers all of it.
constexpr std::int64_t kHeadcount = 10;

Cell cell(const char* means) {
  Cell c;
  c.population_id = 1;
  c.access_point_id = 1;
  c.means = means;
  c.covered = 10;
  return c;
}

Cell homologated(const char* means, const char* on, const char* decision = "favourable") {
  Cell c = cell(means);
  c.homologation = Homologation{day(on), decision, "", means};
  return c;
}

struct Case {
  const char* name;
  Cell cell;
  bool remote;
  const char* as_of;
  Status expected;
  const char* reason_has;
};

class Rules : public ::testing::TestWithParam<Case> {};

TEST_P(Rules, Verdict) {
  const auto& c = GetParam();
  auto v = evaluate(data(), c.cell, c.remote ? kRemote : kLocal, kHeadcount, day(c.as_of));
  EXPECT_EQ(status_code(v.status), status_code(c.expected)) << v.reason;
  EXPECT_NE(v.reason.find(c.reason_has), std::string::npos) << v.reason;
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, Rules,
    ::testing::Values(
        // Password alone, local: tolerated up to 31/12/2025, refused from 01/01/2026.
        Case{"local_password_2025_12_31", cell("password"), false, "2025-12-31", Status::compliant,
             "Toléré jusqu'au 31/12/2025"},
        Case{"local_password_2026_01_01", cell("password"), false, "2026-01-01",
             Status::non_compliant, "ne sont plus tolérés pour un accès local"},
        // Password alone, remote: refused on both sides.
        Case{"remote_password_2025_12_31", cell("password"), true, "2025-12-31",
             Status::non_compliant, "double authentification"},
        Case{"remote_password_2026_01_01", cell("password"), true, "2026-01-01",
             Status::non_compliant, "double authentification"},
        // OTP application (two factors, eIDAS faible, not ANS): fine remotely in 2025, needs
        // the homologation from 2026.
        Case{"remote_otp_2025_12_31", cell("password_otp"), true, "2025-12-31", Status::compliant,
             "homologué par l'établissement"},
        Case{"remote_otp_2026_01_01", cell("password_otp"), true, "2026-01-01",
             Status::non_compliant, "homologué par l'établissement"},
        Case{"remote_otp_homologated_2026", homologated("password_otp", "2025-11-20"), true,
             "2026-01-01", Status::compliant, "homologué le 20/11/2025"},
        Case{"otp_homologated_after_the_day", homologated("password_otp", "2026-03-01"), true,
             "2026-02-28", Status::non_compliant, "Non conforme"},
        Case{"otp_homologated_on_the_day", homologated("password_otp", "2026-03-01"), true,
             "2026-03-01", Status::compliant, "homologué le 01/03/2026"},
        Case{"otp_unfavourable_decision", homologated("password_otp", "2025-11-20", "unfavourable"),
             false, "2026-06-01", Status::non_compliant, "Non conforme"},
        Case{"otp_with_reserves",
             homologated("password_otp", "2025-11-20", "favourable_with_reserves"), false,
             "2026-06-01", Status::compliant, "Conforme"},
        // eIDAS substantiel (FIDO key, not ANS) vs faible (badge + PIN) after 2026.
        Case{"fido_substantiel_2026", cell("fido_key"), true, "2026-01-01", Status::compliant,
             "niveau eIDAS substantiel"},
        Case{"badge_faible_2026", cell("badge_pin"), false, "2026-01-01", Status::non_compliant,
             "niveau eIDAS faible"},
        // ANS-issued.
        Case{"cps_2026", cell("cps"), true, "2026-06-01", Status::compliant, "émis par l'ANS"},
        Case{"e_cps_2025", cell("e_cps"), false, "2025-06-01", Status::compliant, "Conforme"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Planned, OnOrAfterTheDayIsPlannedBeforeItIsLate) {
  Cell c = cell("password");
  c.planned_means = "e_cps";
  c.planned_date = day("2026-03-31");
  auto before = evaluate(data(), c, kRemote, kHeadcount, day("2026-03-31"));
  EXPECT_EQ(before.status, Status::planned) << before.reason;
  EXPECT_NE(before.reason.find("Prévu pour le 31/03/2026 : "), std::string::npos) << before.reason;
  EXPECT_EQ(before.reason.find("en retard"), std::string::npos) << before.reason;
  EXPECT_EQ(before.reason.find("À cette date"), std::string::npos) << before.reason;
  auto after = evaluate(data(), c, kRemote, kHeadcount, day("2026-04-01"));
  EXPECT_EQ(after.status, Status::non_compliant) << after.reason;
  EXPECT_NE(after.reason.find("Prévu pour le 31/03/2026, en retard"), std::string::npos)
      << after.reason;
}

TEST(Planned, APlannedMeansThatDoesNotSufficeIsNoPlan) {
  Cell c = cell("password");
  c.planned_means = "password";
  c.planned_date = day("2026-09-01");
  auto v = evaluate(data(), c, kRemote, kHeadcount, day("2026-06-01"));
  EXPECT_EQ(v.status, Status::non_compliant);
  EXPECT_NE(v.reason.find("ne suffit pas"), std::string::npos) << v.reason;
  // A two-factor means still to homologate is a plan, said so.
  c.planned_means = "password_otp";
  v = evaluate(data(), c, kRemote, kHeadcount, day("2026-06-01"));
  EXPECT_EQ(v.status, Status::planned);
  EXPECT_NE(v.reason.find("sous réserve de son homologation"), std::string::npos) << v.reason;
}

// « sous réserve de son homologation » only when the planned means needs one and the crossing
// records none that counts on the planned day (user trial: said under a favourable one).
TEST(Planned, AHomologationAlreadyRecordedIsNotStillToCome) {
  Cell c = cell("password");
  c.planned_means = "password_otp";
  c.planned_date = day("2026-09-01");
  c.homologation = Homologation{day("2026-05-01"), "favourable", "", "password_otp"};
  auto v = evaluate(data(), c, kRemote, kHeadcount, day("2026-06-01"));
  EXPECT_EQ(v.status, Status::planned) << v.reason;
  EXPECT_EQ(v.reason.find("sous réserve"), std::string::npos) << v.reason;
  // Favourable with reserves counts too; unfavourable does not.
  c.homologation->decision = "favourable_with_reserves";
  v = evaluate(data(), c, kRemote, kHeadcount, day("2026-06-01"));
  EXPECT_EQ(v.reason.find("sous réserve"), std::string::npos) << v.reason;
  c.homologation->decision = "unfavourable";
  v = evaluate(data(), c, kRemote, kHeadcount, day("2026-06-01"));
  EXPECT_NE(v.reason.find("sous réserve de son homologation"), std::string::npos) << v.reason;
  // A commission after the planned day does not count on it; on that very day it does.
  c.homologation = Homologation{day("2026-09-02"), "favourable", "", "password_otp"};
  v = evaluate(data(), c, kRemote, kHeadcount, day("2026-06-01"));
  EXPECT_NE(v.reason.find("sous réserve de son homologation"), std::string::npos) << v.reason;
  c.homologation = Homologation{day("2026-09-01"), "favourable", "", "password_otp"};
  v = evaluate(data(), c, kRemote, kHeadcount, day("2026-06-01"));
  EXPECT_EQ(v.reason.find("sous réserve"), std::string::npos) << v.reason;
  // Issue 16 trial: a commission on another means (SMS codes) is not the planned means'.
  c.homologation->means = "password_sms";
  v = evaluate(data(), c, kRemote, kHeadcount, day("2026-06-01"));
  EXPECT_NE(v.reason.find("sous réserve de son homologation"), std::string::npos) << v.reason;
  // A planned means that needs none (e-CPS, issued by the ANS) is never « sous réserve ».
  c.homologation.reset();
  c.planned_means = "e_cps";
  v = evaluate(data(), c, kRemote, kHeadcount, day("2026-06-01"));
  EXPECT_EQ(v.reason.find("sous réserve"), std::string::npos) << v.reason;
}

// A compliant means used by part of the population: the others are not known to use one, so
// the access is not compliant (issue 16: e-CPS for 124 of 620 doctors read « Conforme »).
// Both sides of covered == headcount, with no plan, a plan to come and a plan gone by.
TEST(PartialCoverage, CompliantOnlyWhenTheWholePopulationUsesTheMeans) {
  Cell c = cell("e_cps");
  c.covered = 124;
  auto v = evaluate(data(), c, kRemote, 620, day("2026-06-01"));
  EXPECT_EQ(v.status, Status::non_compliant) << v.reason;
  EXPECT_TRUE(v.means_compliant);
  EXPECT_TRUE(v.rules_failed.empty());
  EXPECT_EQ(v.uncovered, 496);
  EXPECT_NE(v.reason.find("Non conforme : seules 124 des 620 personnes de cette population "
                          "utilisent e-CPS"),
            std::string::npos)
      << v.reason;
  EXPECT_NE(v.reason.find("les 496 autres n'ont pas de moyen conforme renseigné"),
            std::string::npos)
      << v.reason;
  c.covered = 619;
  v = evaluate(data(), c, kRemote, 620, day("2026-06-01"));
  EXPECT_EQ(v.status, Status::non_compliant) << v.reason;
  EXPECT_NE(v.reason.find("la dernière n'a pas de moyen conforme"), std::string::npos) << v.reason;
  c.covered = 620;
  v = evaluate(data(), c, kRemote, 620, day("2026-06-01"));
  EXPECT_EQ(v.status, Status::compliant) << v.reason;
  EXPECT_EQ(v.uncovered, 0);
  c.covered = 0;
  v = evaluate(data(), c, kRemote, 620, day("2026-06-01"));
  EXPECT_EQ(v.status, Status::non_compliant) << v.reason;
  EXPECT_NE(v.reason.find("Non conforme : aucune des 620 personnes"), std::string::npos)
      << v.reason;
  // The rest planned on the same means: planned until its day, late after it.
  c.covered = 124;
  c.planned_means = "e_cps";
  c.planned_date = day("2026-09-30");
  v = evaluate(data(), c, kRemote, 620, day("2026-09-30"));
  EXPECT_EQ(v.status, Status::planned) << v.reason;
  EXPECT_NE(v.reason.find("Prévu pour le 30/09/2026 : passage à e-CPS"), std::string::npos)
      << v.reason;
  EXPECT_NE(v.reason.find("pour les 496 autres personnes"), std::string::npos) << v.reason;
  v = evaluate(data(), c, kRemote, 620, day("2026-10-01"));
  EXPECT_EQ(v.status, Status::non_compliant) << v.reason;
  EXPECT_NE(v.reason.find("en retard"), std::string::npos) << v.reason;
  // A means that is not compliant keeps its own reason, whatever the people covered.
  Cell p = cell("password");
  p.covered = 3;
  v = evaluate(data(), p, kRemote, 620, day("2026-06-01"));
  EXPECT_EQ(v.status, Status::non_compliant);
  EXPECT_FALSE(v.means_compliant);
  EXPECT_EQ(v.uncovered, 0);
  EXPECT_EQ(v.reason.find("personnes de cette population"), std::string::npos) << v.reason;
}

// The same cell in an inventory: looked up by population and access point, and the
// trajectory rule (no non-compliant access without a plan) sees the partial access.
TEST(PartialCoverage, InAnInventory) {
  Inventory inv;
  inv.populations = {{1, "doctors", 620}};
  inv.access_points = {kLocal};
  Cell c = cell("e_cps");
  c.covered = 124;
  inv.cells = {c};
  auto v = evaluate(data(), inv, c, day("2026-06-01"));
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, Status::non_compliant);
  auto cov = coverage(data(), inv, day("2026-06-01"));
  EXPECT_EQ(cov.non_compliant, 1);
  EXPECT_EQ(cov.overall.covered, 124);
  EXPECT_EQ(cov.overall.accesses, 620);
  Cell elsewhere = c;
  elsewhere.access_point_id = 99;
  EXPECT_FALSE(evaluate(data(), inv, elsewhere, day("2026-06-01")));
}

TEST(Coverage, WeightedByHeadcountOverallAndPerPopulation) {
  Inventory inv;
  inv.populations = {{1, "doctors", 100}, {2, "nurses", 300}};
  inv.access_points = {kLocal, kRemote};
  Cell a = cell("cps");  // doctors × local: 90 covered by a compliant 2FA means
  a.covered = 90;
  Cell b = cell("password");  // nurses × local in 2026: not compliant, counts 0
  b.population_id = 2;
  b.covered = 300;
  Cell c = cell("e_cps");  // nurses × remote: 150 covered
  c.population_id = 2;
  c.access_point_id = 2;
  c.covered = 150;
  inv.cells = {a, b, c};
  auto cov = coverage(data(), inv, day("2026-01-01"));
  EXPECT_EQ(cov.overall.accesses, 100 + 300 + 300);
  EXPECT_EQ(cov.overall.covered, 90 + 150);
  EXPECT_EQ(*cov.overall.permille(), 343);  // 240 / 700 = 34,29 %
  EXPECT_EQ(cov.populations[0].share.covered, 90);
  EXPECT_EQ(*cov.populations[0].share.permille(), 900);
  EXPECT_EQ(*cov.populations[1].share.permille(), 250);  // 150 / 600
  // The two compliant means cover part of their population only (90 of 100, 150 of 300):
  // their people count in the share, but neither access is compliant.
  EXPECT_EQ(cov.compliant, 0);
  EXPECT_EQ(cov.non_compliant, 3);
  // The day before, local passwords are tolerated (all 300 nurses: compliant) but a single
  // factor covers nothing.
  auto before = coverage(data(), inv, day("2025-12-31"));
  EXPECT_EQ(before.compliant, 1);
  EXPECT_EQ(before.overall.covered, 240);
  // Rounding half up; no access: no share.
  EXPECT_EQ((Share{8, 1}.permille()), 125);
  EXPECT_EQ((Share{3, 2}.permille()), 667);
  EXPECT_FALSE(Share{}.permille());
}

TEST(Coverage, TargetDateIsTheLatestPlannedDate) {
  Inventory inv;
  inv.populations = {{1, "doctors", 10}};
  inv.access_points = {kLocal, kRemote};
  Cell a = cell("password");
  a.planned_means = "cps";
  a.planned_date = day("2026-05-01");
  Cell b = cell("password");
  b.access_point_id = 2;
  b.planned_means = "e_cps";
  b.planned_date = day("2026-09-01");
  inv.cells = {a, b};
  auto cov = coverage(data(), inv, day("2026-02-01"));
  EXPECT_EQ(cov.planned, 2);
  ASSERT_TRUE(cov.target_date);
  EXPECT_EQ(format_date(*cov.target_date), "2026-09-01");
  // Once a planned date has gone by it is no plan any more.
  auto late = coverage(data(), inv, day("2026-10-01"));
  EXPECT_EQ(late.planned, 0);
  EXPECT_FALSE(late.target_date);
}

}  // namespace

// « Aucun accès » is a filled crossing: neither an access nor a fault; a crossing with no cell
// is a blank, listed in the matrix's order.
TEST(Coverage, NoAccessIsFilledAndABlankIsListed) {
  Inventory inv;
  inv.populations = {{1, "doctors", 100}, {2, "nurses", 300}};
  inv.access_points = {{10, "DPI", "application", "local"}, {11, "VPN", "remote_access", "remote"}};
  Cell dpi = cell("cps");
  dpi.population_id = 1;
  dpi.access_point_id = 10;
  dpi.covered = 100;
  Cell none = cell(kNoAccess);
  none.population_id = 1;
  none.access_point_id = 11;
  Cell nurses = cell("cps");
  nurses.population_id = 2;
  nurses.access_point_id = 10;
  nurses.covered = 300;
  inv.cells = {dpi, none, nurses};
  auto v = evaluate(data(), none, inv.access_points[1], 100, day("2026-06-01"));
  EXPECT_EQ(v.status, Status::no_access);
  EXPECT_EQ(status_code(v.status), "no_access");
  auto c = coverage(data(), inv, day("2026-06-01"));
  EXPECT_EQ(c.cells, 3);
  EXPECT_EQ(c.no_access, 1);
  EXPECT_EQ(c.compliant, 2);
  EXPECT_EQ(c.overall.accesses, 400);  // the « aucun accès » crossing is not an access
  ASSERT_EQ(c.blanks.size(), 1u);
  EXPECT_EQ(c.blanks[0].population_id, 2);
  EXPECT_EQ(c.blanks[0].access_point_id, 11);
  Cell nurses_none = none;
  nurses_none.population_id = 2;
  inv.cells.push_back(nurses_none);
  EXPECT_TRUE(coverage(data(), inv, day("2026-06-01")).blanks.empty());
}

// Issue 16 trial: a homologation counts for the means the commission homologated only. In use,
// a favourable decision on SMS codes makes SMS codes compliant after 1 January 2026; the OTP
// application that replaced them, with the same homologation left on the crossing, is not
// (said in the reason), until a commission homologates it.
TEST(Homologation, CountsForTheHomologatedMeansOnly) {
  const Date after = day("2026-03-01");
  Cell c = homologated("password_sms", "2025-11-01");
  EXPECT_EQ(evaluate(data(), c, kRemote, kHeadcount, after).status, Status::compliant);
  c.means = "password_otp";
  auto v = evaluate(data(), c, kRemote, kHeadcount, after);
  EXPECT_EQ(v.status, Status::non_compliant) << v.reason;
  EXPECT_NE(v.reason.find("L'homologation enregistrée porte sur"), std::string::npos) << v.reason;
  c.homologation->means = "password_otp";
  EXPECT_EQ(evaluate(data(), c, kRemote, kHeadcount, after).status, Status::compliant);
}
