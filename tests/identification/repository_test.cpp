// identification::Repository on both backends: the inventory, the evidence it emits, the audit
// entries, refusals that leave nothing written, and tenancy.
#include <gtest/gtest.h>

#include "identification/repository.hpp"
#include "module_fixture.hpp"
#include "referential/loader.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::identification;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::emitted;
using carepilot::testing::module_establishment;

namespace {

class IdentificationRepositoryTest : public ::testing::TestWithParam<const char*> {
 protected:
  IdentificationRepositoryTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_default_referential()),
        evidence_(db_.db(), registry_, ref_),
        repo_(db_.db(), registry_, evidence_) {
    registry_.seed_regions();
    a_ = registry_.create(Scope::nation(), module_establishment("750712184", "CH A"));
    b_ = registry_.create(Scope::nation(), module_establishment("750100208", "CH B"));
  }
  std::int64_t population(const char* finess, const char* kind, int headcount) {
    PopulationInput in;
    in.kind = kind;
    in.headcount = headcount;
    return repo_.save_population(Scope::nation(), finess, in, today_, actor_).value.id;
  }
  std::int64_t access_point(const char* finess, const char* name, const char* location) {
    return repo_
        .add_access_point(Scope::nation(), finess, {name, "application", location, {}}, today_,
                          actor_)
        .id;
  }
  CellInput cell(const char* pop, const char* ap, const char* means, int covered) {
    CellInput in;
    in.population = pop;
    in.access_point = ap;
    in.means = means;
    in.covered = covered;
    return in;
  }
  // The fields of the 422 a write answers ("" when it succeeds).
  template <typename F>
  std::vector<std::string> refused(F write) {
    try {
      write();
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), 422) << e.what();
      std::vector<std::string> fields;
      for (const auto& f : e.fields()) fields.push_back(f.field + "/" + f.code);
      return fields;
    }
    return {};
  }
  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository evidence_;
  Repository repo_;
  registry::Establishment a_, b_;
  const Date today_ = day("2026-03-10");
  const Actor actor_{"rssi@ch-a.fr", "127.0.0.1", "req-1"};
};

TEST_P(IdentificationRepositoryTest, TheInventoryEmitsCoverageAndTrajectory) {
  population("750712184", "doctors", 100);
  auto nurses_id = population("750712184", "nurses", 300);
  access_point("750712184", "Dossier patient informatisé", "local");
  auto vpn_id = access_point("750712184", "VPN", "remote");
  const char* doctors = "doctors";
  const char* nurses = "nurses";
  const char* dpi = "Dossier patient informatisé";
  const char* vpn = "VPN";
  EXPECT_EQ(emitted(db_.db(), "mfa_coverage").count, 0);  // no cell: no access yet

  // 90 of the 100 doctors on a CPS card: the other 10 planned on it (a compliant means for
  // part of a population is no compliant access: without that plan, no trajectory).
  auto partial = cell(doctors, dpi, "cps", 90);
  partial.planned_means = "cps";
  partial.planned_date = day("2026-06-30");
  auto saved = repo_.save_cell(Scope::nation(), "750712184", partial, today_, actor_);
  EXPECT_TRUE(saved.created);
  // The doctors have no VPN, the nurses no DPI: every crossing is filled.
  repo_.save_cell(Scope::nation(), "750712184", cell(doctors, vpn, kNoAccess, 0), today_, actor_);
  repo_.save_cell(Scope::nation(), "750712184", cell(nurses, dpi, kNoAccess, 0), today_, actor_);
  auto in = cell(nurses, vpn, "password", 300);
  in.planned_means = "e_cps";
  in.planned_date = day("2026-09-30");
  repo_.save_cell(Scope::nation(), "750712184", in, today_, actor_);

  auto cov = emitted(db_.db(), "mfa_coverage");
  ASSERT_EQ(cov.count, 1);
  EXPECT_EQ(cov.date, "2026-03-10");
  EXPECT_EQ(cov.payload["accesses"], 400);
  EXPECT_EQ(cov.payload["covered"], 90);
  auto traj = emitted(db_.db(), "mfa_trajectory");
  ASSERT_EQ(traj.count, 1);
  EXPECT_EQ(traj.payload["target_date"], "2026-09-30");

  // The nurses switch to e-CPS: their plan is done, coverage follows, the cell updated in
  // place; the doctors' plan is what is left (its date is the trajectory's target).
  auto done = repo_.save_cell(Scope::nation(), "750712184", cell(nurses, vpn, "e_cps", 300), today_,
                              actor_);
  EXPECT_FALSE(done.created);
  EXPECT_EQ(emitted(db_.db(), "mfa_coverage").payload["covered"], 390);
  ASSERT_EQ(emitted(db_.db(), "mfa_trajectory").count, 1);
  EXPECT_EQ(emitted(db_.db(), "mfa_trajectory").payload["target_date"], "2026-06-30");
  // Every doctor on a CPS card: the trajectory is complete (every access compliant: its
  // target date is today's).
  repo_.save_cell(Scope::nation(), "750712184", cell(doctors, dpi, "cps", 100), today_, actor_);
  EXPECT_EQ(emitted(db_.db(), "mfa_coverage").payload["covered"], 400);
  EXPECT_EQ(emitted(db_.db(), "mfa_trajectory").payload["target_date"], "2026-03-10");
  EXPECT_EQ(count_rows(db_.db(), "mie_cells"), 4);
  EXPECT_EQ(audit_count(db_.db(), "mie_cell",
                        std::to_string(nurses_id) + "x" + std::to_string(vpn_id), "update"),
            1);
  EXPECT_EQ(audit_count(db_.db(), "mie_population", "doctors", "create"), 1);

  auto inv = repo_.inventory(Scope::nation(), "750712184");
  ASSERT_EQ(inv.populations.size(), 2u);
  EXPECT_EQ(inv.populations[0].kind, "doctors");  // the data's order
  EXPECT_EQ(inv.access_points[0].name, "Dossier patient informatisé");
  EXPECT_EQ(inv.cells.size(), 4u);
}

// The user trial's wrong verdict: every access compliant but a crossing left blank, and the
// trajectory stood (« Satisfaite »). A blank crossing is not fine: no trajectory until it is
// filled, with a means or with « aucun accès ».
TEST_P(IdentificationRepositoryTest, ABlankCrossingMeansNoTrajectory) {
  population("750712184", "doctors", 100);
  access_point("750712184", "DPI", "local");
  access_point("750712184", "VPN", "remote");
  repo_.save_cell(Scope::nation(), "750712184", cell("doctors", "DPI", "cps", 100), today_, actor_);
  EXPECT_EQ(emitted(db_.db(), "mfa_coverage").payload["covered"], 100);
  EXPECT_EQ(emitted(db_.db(), "mfa_trajectory").count, 0);  // doctors × VPN is blank

  auto none = repo_.save_cell(Scope::nation(), "750712184", cell("doctors", "VPN", kNoAccess, 0),
                              today_, actor_);
  EXPECT_EQ(none.value.means, kNoAccess);
  ASSERT_EQ(emitted(db_.db(), "mfa_trajectory").count, 1);
  EXPECT_EQ(emitted(db_.db(), "mfa_trajectory").payload["target_date"], "2026-03-10");
  auto cov = emitted(db_.db(), "mfa_coverage");
  EXPECT_EQ(cov.payload["accesses"], 100);  // « aucun accès » is not an access
  auto inv = repo_.inventory(Scope::nation(), "750712184");
  ASSERT_EQ(inv.cells.size(), 2u);
  EXPECT_EQ(inv.cells[1].means, kNoAccess);  // stored as such

  // A new access point leaves a blank again: the trajectory is withdrawn.
  access_point("750712184", "Messagerie", "remote");
  EXPECT_EQ(emitted(db_.db(), "mfa_trajectory").count, 0);
}

TEST_P(IdentificationRepositoryTest, NoAccessCoversNobodyAndPlansNothing) {
  population("750712184", "doctors", 100);
  access_point("750712184", "VPN", "remote");
  auto covered = cell("doctors", "VPN", kNoAccess, 5);
  EXPECT_EQ(
      refused([&] { repo_.save_cell(Scope::nation(), "750712184", covered, today_, actor_); }),
      std::vector<std::string>{"covered/identification.no_access_covered"});
  auto planned = cell("doctors", "VPN", kNoAccess, 0);
  planned.planned_means = "e_cps";
  planned.planned_date = day("2026-06-30");
  EXPECT_EQ(
      refused([&] { repo_.save_cell(Scope::nation(), "750712184", planned, today_, actor_); }),
      std::vector<std::string>{"planned_means/identification.no_access_planned"});
  EXPECT_EQ(count_rows(db_.db(), "mie_cells"), 0);
  EXPECT_EQ(emitted(db_.db(), "mfa_trajectory").count, 0);
}

// The trajectory's boundary: one access non-compliant with nothing planned, and there is no
// trajectory whatever the coverage (no « Satisfaite » at 0 %); plan it, and there is one.
TEST_P(IdentificationRepositoryTest, OneUnplannedNonCompliantAccessMeansNoTrajectory) {
  population("750712184", "nurses", 300);
  access_point("750712184", "VPN", "remote");
  const char* nurses = "nurses";
  const char* vpn = "VPN";
  repo_.save_cell(Scope::nation(), "750712184", cell(nurses, vpn, "password", 300), today_, actor_);
  EXPECT_EQ(emitted(db_.db(), "mfa_coverage").payload["covered"], 0);
  EXPECT_EQ(emitted(db_.db(), "mfa_trajectory").count, 0);

  auto in = cell(nurses, vpn, "password", 300);
  in.planned_means = "e_cps";
  in.planned_date = day("2026-06-30");
  repo_.save_cell(Scope::nation(), "750712184", in, today_, actor_);
  EXPECT_EQ(emitted(db_.db(), "mfa_coverage").payload["covered"], 0);
  ASSERT_EQ(emitted(db_.db(), "mfa_trajectory").count, 1);
  EXPECT_EQ(emitted(db_.db(), "mfa_trajectory").payload["target_date"], "2026-06-30");
}

TEST_P(IdentificationRepositoryTest, RefusalsNameTheFieldAndWriteNothing) {
  population("750712184", "doctors", 100);
  access_point("750712184", "DPI", "local");
  access_point("750100208", "VPN de B", "remote");
  const char* doctors = "doctors";
  const char* dpi = "DPI";
  const char* foreign_ap = "VPN de B";
  const int cells = count_rows(db_.db(), "mie_cells");
  const int audits = count_rows(db_.db(), "audit_log");

  EXPECT_EQ(refused([&] {
              repo_.save_cell(Scope::nation(), "750712184", cell(doctors, dpi, "cps", 101), today_,
                              actor_);
            }),
            std::vector<std::string>{"covered/identification.covered_above_headcount"});
  EXPECT_TRUE(refused([&] {
                repo_.save_cell(Scope::nation(), "750712184", cell(doctors, dpi, "cps", 100),
                                today_, actor_);
              }).empty());  // exactly the headcount is fine
  EXPECT_EQ(refused([&] {
              repo_.save_cell(Scope::nation(), "750712184", cell(doctors, dpi, "carte_vitale", 1),
                              today_, actor_);
            }),
            std::vector<std::string>{"means/identification.means_unknown"});
  EXPECT_EQ(refused([&] {
              repo_.save_cell(Scope::nation(), "750712184", cell(doctors, foreign_ap, "cps", 1),
                              today_, actor_);
            }),
            std::vector<std::string>{"access_point/identification.access_point_not_found"});
  auto future = cell(doctors, dpi, "password_otp", 10);
  future.homologation_date = day("2026-03-11");
  future.homologation_decision = "favourable";
  EXPECT_EQ(refused([&] { repo_.save_cell(Scope::nation(), "750712184", future, today_, actor_); }),
            std::vector<std::string>{"homologation_date/identification.homologation_in_future"});
  future.homologation_date = today_;  // on the day: accepted
  EXPECT_TRUE(refused([&] {
                repo_.save_cell(Scope::nation(), "750712184", future, today_, actor_);
              }).empty());
  auto past = cell(doctors, dpi, "password", 10);
  past.planned_means = "cps";
  past.planned_date = day("2026-03-09");
  EXPECT_EQ(refused([&] { repo_.save_cell(Scope::nation(), "750712184", past, today_, actor_); }),
            std::vector<std::string>{"planned_date/identification.planned_date_past"});
  past.planned_date = today_;  // today: accepted
  EXPECT_TRUE(refused([&] {
                repo_.save_cell(Scope::nation(), "750712184", past, today_, actor_);
              }).empty());
  // Everything wrong at once: every field named, nothing written.
  auto all = cell(doctors, foreign_ap, "x", 5);
  all.planned_means = "y";
  EXPECT_EQ(
      refused([&] { repo_.save_cell(Scope::nation(), "750712184", all, today_, actor_); }).size(),
      4u);
  EXPECT_EQ(count_rows(db_.db(), "mie_cells"), cells + 1);  // the one accepted cell only
  EXPECT_GT(count_rows(db_.db(), "audit_log"), audits);

  // Populations and access points.
  EXPECT_EQ(refused([&] { population("750712184", "astronauts", 3); }),
            std::vector<std::string>{"population/identification.population_unknown"});
  EXPECT_EQ(refused([&] { population("750712184", "doctors", 9); }),  // the cell covers 10
            std::vector<std::string>{"headcount/identification.headcount_below_covered"});
  EXPECT_EQ(refused([&] { access_point("750712184", "DPI", "local"); }),
            std::vector<std::string>{"name/identification.name_taken"});
  EXPECT_EQ(refused([&] { access_point("750712184", "Autre", "lune"); }),
            std::vector<std::string>{"location/identification.location_unknown"});
  EXPECT_EQ(count_rows(db_.db(), "mie_populations"), 1);
  EXPECT_EQ(count_rows(db_.db(), "mie_access_points"), 2);
}

TEST_P(IdentificationRepositoryTest, AnotherEstablishmentsScopeSeesNothing) {
  population("750712184", "doctors", 10);
  try {
    repo_.inventory(Scope::establishment(b_.id), "750712184");
    FAIL() << "visible outside its scope";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  PopulationInput in;
  in.kind = "nurses";
  in.headcount = 5;
  EXPECT_THROW(repo_.save_population(Scope::establishment(b_.id), "750712184", in, today_, actor_),
               UserError);
  EXPECT_EQ(count_rows(db_.db(), "mie_populations"), 1);
  EXPECT_TRUE(repo_.inventory(Scope::nation(), "750100208").populations.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, IdentificationRepositoryTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
