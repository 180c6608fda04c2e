// continuity::Repository on both backends (issue 15): the register (resources, activities with
// their shares, BIA versions, plans and tests), the evidence it emits (bia per service,
// continuity_plan with kind and scope), refusals that leave nothing written, withdrawal that
// keeps the row, and tenancy.
#include <gtest/gtest.h>

#include "common/french.hpp"
#include "continuity/rules/restore_limits.hpp"
#include "continuity/store/repository.hpp"
#include "module_fixture.hpp"
#include "referential/loader.hpp"
#include "test_db.hpp"

using namespace carepilot;
using namespace carepilot::continuity;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::emitted;
using carepilot::testing::module_establishment;

namespace {

// Every cell at `base`, then the given cells changed.
ImpactMatrix matrix(int base,
                    std::initializer_list<std::tuple<const char*, const char*, int>> set = {}) {
  ImpactMatrix m;
  for (const auto& c : default_scale().categories)
    for (const auto& h : default_scale().horizons) m.levels[c.id][h.id] = base;
  for (const auto& [c, h, l] : set) m.levels[c][h] = l;
  return m;
}

class ContinuityRepositoryTest : public ::testing::TestWithParam<const char*> {
 protected:
  ContinuityRepositoryTest()
      : db_(GetParam()),
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_default_referential()),
        evidence_(db_.db(), registry_, ref_),
        repo_(db_.db(), registry_, evidence_) {
    registry_.seed_regions();
    auto in = module_establishment("750712184", "CH A");
    in.services = {"urgences", "pharmacie", "admissions"};
    a_ = registry_.create(Scope::nation(), in);
    b_ = registry_.create(Scope::nation(), module_establishment("750100208", "CH B"));
    evidence_.clock = [this] { return today_; };
  }
  std::int64_t resource(const char* finess, const char* name) {
    return repo_.add_resource(Scope::nation(), finess, {name, "application", {}}, actor_).id;
  }
  ActivityInput activity_in(const char* name, const char* service, double share,
                            std::vector<std::int64_t> resources = {}) {
    ActivityInput in;
    in.name = name;
    in.kind = "care_service";
    in.service = service;
    in.owner = "Dr Martin";
    in.share_percent = share;
    in.resource_ids = std::move(resources);
    return in;
  }
  BiaInput bia_in(ImpactMatrix m, const char* validated_on = nullptr) {
    BiaInput in;
    in.impacts = std::move(m);
    in.degraded_mode = "Procédures papier, dossiers de secours imprimés chaque nuit";
    in.autonomy_hours = 24;
    if (validated_on) {
      in.validated_by = "Directeur des soins";
      in.validated_on = day(validated_on);
    }
    return in;
  }
  PlanInput plan_in(const char* kind, const char* scope, const char* validated_on) {
    PlanInput in;
    in.kind = kind;
    in.title = "Plan de continuité 2026";
    in.scope = scope;
    in.version = "1.0";
    in.validated_by = "Directrice générale";
    in.validated_on = day(validated_on);
    in.covers_it_outage = true;
    return in;
  }
  // The fields of the 422 a write answers (empty when it succeeds).
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
  template <typename F>
  int status_of(F write) {
    try {
      write();
    } catch (const UserError& e) {
      return e.status();
    }
    return 200;
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

TEST_P(ContinuityRepositoryTest, AValidatedBiaIsTheServicesBiaEvidenceAndADraftIsNot) {
  auto dpi = resource("750712184", "Dossier patient informatisé");
  auto act = repo_.add_activity(Scope::nation(), "750712184",
                                activity_in("Urgences adultes", "urgences", 30, {dpi}), actor_);
  EXPECT_EQ(audit_count(db_.db(), "continuity_activity", std::to_string(act.id), "create"), 1);

  // Unacceptable from 24 h on patient safety, from 4 h on data: DMIA 24 h, PDMA 4 h.
  auto m = matrix(2, {{"patient_safety", "24h", 3},
                      {"patient_safety", "72h", 4},
                      {"patient_safety", "1w", 4},
                      {"patient_safety", "1m", 4}});
  for (const char* h : {"4h", "24h", "72h", "1w", "1m"}) m.levels["data"][h] = 3;
  auto draft = repo_.save_bia(Scope::nation(), "750712184", act.id, bia_in(m), today_, actor_);
  EXPECT_EQ(draft.version, 1);
  EXPECT_EQ(draft.dmia(), 24);
  EXPECT_EQ(draft.pdma(), 4);
  EXPECT_EQ(emitted(db_.db(), "continuity_bia:" + std::to_string(act.id)).count, 0);

  auto valid =
      repo_.save_bia(Scope::nation(), "750712184", act.id, bia_in(m, "2026-03-01"), today_, actor_);
  EXPECT_EQ(valid.version, 2);
  auto e = emitted(db_.db(), "continuity_bia:" + std::to_string(act.id));
  ASSERT_EQ(e.count, 1);
  EXPECT_EQ(e.payload["service"], "urgences");
  EXPECT_EQ(e.date, "2026-03-01");

  // Read back: the counting version is the validated one, even after a later draft.
  repo_.save_bia(Scope::nation(), "750712184", act.id, bia_in(matrix(1)), today_, actor_);
  auto reg = repo_.load(Scope::nation(), "750712184");
  ASSERT_EQ(reg.bias.size(), 3u);
  EXPECT_EQ(reg.latest_bia(act.id)->version, 3);
  EXPECT_EQ(reg.counting_bia(act.id)->version, 2);
  EXPECT_EQ(reg.counting_bia(act.id)->impacts.levels.at("patient_safety").at("24h"), 3);
  EXPECT_EQ(reg.counting_bia(act.id)->validated_on, day("2026-03-01"));
  EXPECT_EQ(reg.counting_bia(act.id)->autonomy_hours, 24);

  // The RTO/RPO of the patient record follows the counting BIA; the other services lack one.
  auto req = Repository::requirements(reg);
  ASSERT_TRUE(req.count(dpi));
  EXPECT_EQ(req.at(dpi).rto_hours, 24);
  EXPECT_EQ(req.at(dpi).rpo_hours, 4);
  EXPECT_EQ(Repository::services_without_bia(reg, a_.services),
            (std::vector<std::string>{"admissions", "pharmacie"}));

  // The compliance engine reads it: the BIA of urgences is there, pharmacie's is missing.
  auto loaded = evidence_.load(Scope::nation(), "750712184");
  bool bia_seen = false;
  for (const auto& r : loaded.records) bia_seen = bia_seen || r.type == "bia";
  EXPECT_TRUE(bia_seen);
}

TEST_P(ContinuityRepositoryTest, AStricterActivityMovesTheResourcesRequirement) {
  auto pacs = resource("750712184", "PACS");
  auto a1 = repo_.add_activity(Scope::nation(), "750712184",
                               activity_in("Urgences", "urgences", 20, {pacs}), actor_);
  auto a2 = repo_.add_activity(Scope::nation(), "750712184",
                               activity_in("Imagerie", "", 10, {pacs}), actor_);
  repo_.save_bia(Scope::nation(), "750712184", a1.id,
                 bia_in(matrix(2, {{"care_continuity", "72h", 3},
                                   {"care_continuity", "1w", 3},
                                   {"care_continuity", "1m", 3}}),
                        "2026-03-01"),
                 today_, actor_);
  auto reg = repo_.load(Scope::nation(), "750712184");
  EXPECT_EQ(Repository::requirements(reg).at(pacs).rto_hours, 72);
  repo_.save_bia(Scope::nation(), "750712184", a2.id, bia_in(matrix(3), "2026-03-02"), today_,
                 actor_);
  reg = repo_.load(Scope::nation(), "750712184");
  EXPECT_EQ(Repository::requirements(reg).at(pacs).rto_hours, 4);
  EXPECT_EQ(Repository::requirements(reg).at(pacs).rto_set_by, (std::vector<long long>{a2.id}));
  // An activity without a service emits nothing.
  EXPECT_EQ(emitted(db_.db(), "continuity_bia:" + std::to_string(a2.id)).count, 0);
}

TEST_P(ContinuityRepositoryTest, BadBiasAreRefusedNamingTheFieldAndNothingIsWritten) {
  auto act = repo_.add_activity(Scope::nation(), "750712184",
                                activity_in("Urgences", "urgences", 30), actor_);
  // A level outside the scale (5 on a 1–4 scale) and a missing cell.
  auto m = matrix(2, {{"patient_safety", "4h", 5}});
  m.levels["image"].erase("1m");
  auto f = refused(
      [&] { repo_.save_bia(Scope::nation(), "750712184", act.id, bia_in(m), today_, actor_); });
  EXPECT_NE(std::find(f.begin(), f.end(), "impact.patient_safety.4h/continuity.impact_invalid"),
            f.end());
  EXPECT_NE(std::find(f.begin(), f.end(), "impact.image.1m/continuity.impact_invalid"), f.end());
  // A DMIA longer than the horizon the BIA says is unacceptable (24 h) is refused; 24 h is not.
  auto ok = matrix(2, {{"patient_safety", "24h", 3},
                       {"patient_safety", "72h", 3},
                       {"patient_safety", "1w", 3},
                       {"patient_safety", "1m", 3}});
  auto in = bia_in(ok, "2026-03-01");
  in.dmia_override = Override{72, "Renfort de personnel prévu"};
  EXPECT_EQ(
      refused([&] { repo_.save_bia(Scope::nation(), "750712184", act.id, in, today_, actor_); }),
      (std::vector<std::string>{"dmia_hours/continuity.dmia_invalid"}));
  // Validated in the future (one day after today) is refused; today is accepted below.
  auto future = bia_in(ok, "2026-03-11");
  EXPECT_EQ(refused([&] {
              repo_.save_bia(Scope::nation(), "750712184", act.id, future, today_, actor_);
            }),
            (std::vector<std::string>{"validated_on/continuity.date_in_future"}));
  auto who = bia_in(ok);
  who.validated_on = today_;
  EXPECT_EQ(
      refused([&] { repo_.save_bia(Scope::nation(), "750712184", act.id, who, today_, actor_); }),
      (std::vector<std::string>{"validated_by/continuity.validated_by_required"}));
  EXPECT_EQ(count_rows(db_.db(), "continuity_bias"), 0);
  EXPECT_EQ(count_rows(db_.db(), "evidence"), 0);
  in.dmia_override = Override{24, "Renfort de personnel prévu"};
  in.validated_on = today_;
  auto saved = repo_.save_bia(Scope::nation(), "750712184", act.id, in, today_, actor_);
  EXPECT_EQ(saved.dmia(), 24);
  auto reg = repo_.load(Scope::nation(), "750712184");
  ASSERT_TRUE(reg.bias.at(0).dmia_override.has_value());
  EXPECT_EQ(reg.bias.at(0).dmia_override->justification, "Renfort de personnel prévu");
}

TEST_P(ContinuityRepositoryTest, SharesOfActivityMayNotExceedAHundredPercent) {
  repo_.add_activity(Scope::nation(), "750712184", activity_in("Urgences", "urgences", 60), actor_);
  // 60 + 40 = 100 is accepted; one more hundredth is not.
  EXPECT_EQ(refused([&] {
              repo_.add_activity(Scope::nation(), "750712184",
                                 activity_in("Pharmacie", "pharmacie", 40.01), actor_);
            }),
            (std::vector<std::string>{"share_percent/continuity.share_percent_invalid"}));
  repo_.add_activity(Scope::nation(), "750712184", activity_in("Pharmacie", "pharmacie", 40),
                     actor_);
  // A name taken, a service the establishment does not run, a resource of another one.
  auto other = resource("750100208", "DPI de B");
  auto bad = activity_in("Pharmacie", "maternite", 0, {other});
  bad.kind = "garage";
  EXPECT_EQ(refused([&] { repo_.add_activity(Scope::nation(), "750712184", bad, actor_); }),
            (std::vector<std::string>{
                "name/continuity.name_taken", "activity_kind/continuity.activity_kind_unknown",
                "service/continuity.service_not_run", "resources/continuity.resource_unknown"}));
  EXPECT_EQ(count_rows(db_.db(), "continuity_activities"), 2);
  EXPECT_EQ(count_rows(db_.db(), "continuity_activity_resources"), 0);
}

TEST_P(ContinuityRepositoryTest, APlanIsContinuityPlanEvidenceAndItsTestsAreKept) {
  auto pca = repo_.add_plan(Scope::nation(), "750712184", plan_in("pca", "global", "2026-02-01"),
                            today_, actor_);
  auto e = emitted(db_.db(), "continuity_plan:" + std::to_string(pca.id));
  ASSERT_EQ(e.count, 1);
  EXPECT_EQ(e.payload["kind"], "pca");
  EXPECT_EQ(e.payload["scope"], "global");
  EXPECT_EQ(e.date, "2026-02-01");

  auto svc = plan_in("pcri", "service", "2026-02-02");
  svc.services = {"pharmacie", "urgences", "pharmacie"};
  auto pcri = repo_.add_plan(Scope::nation(), "750712184", svc, today_, actor_);
  EXPECT_EQ(pcri.services, (std::vector<std::string>{"pharmacie", "urgences"}));
  EXPECT_EQ(emitted(db_.db(), "continuity_plan:" + std::to_string(pcri.id)).payload["kind"],
            "pcri");

  PlanTestInput held;
  held.held_on = day("2026-03-05");
  held.scenario = "Indisponibilité informatique";
  held.observed_hours = 6;
  held.failures = "Imprimantes de secours sans papier";
  repo_.add_plan_test(Scope::nation(), "750712184", pca.id, held, today_, actor_);
  PlanTestInput planned;
  planned.planned_on = day("2026-09-15");
  repo_.add_plan_test(Scope::nation(), "750712184", pcri.id, planned, today_, actor_);
  auto reg = repo_.load(Scope::nation(), "750712184");
  ASSERT_EQ(reg.plans.size(), 2u);
  EXPECT_EQ(reg.plans.front().id, pcri.id);  // latest validation first
  ASSERT_NE(reg.last_test(pca.id), nullptr);
  EXPECT_EQ(reg.last_test(pca.id)->observed_hours, 6);
  EXPECT_EQ(reg.last_test(pcri.id), nullptr);  // only planned
  ASSERT_EQ(reg.tests.size(), 2u);

  // A test held in the future, a planned one in the past, before the plan's validation.
  PlanTestInput future;
  future.held_on = day("2026-03-11");
  EXPECT_EQ(refused([&] {
              repo_.add_plan_test(Scope::nation(), "750712184", pca.id, future, today_, actor_);
            }),
            (std::vector<std::string>{"held_on/continuity.date_in_future"}));
  PlanTestInput past;
  past.planned_on = today_;
  EXPECT_EQ(refused([&] {
              repo_.add_plan_test(Scope::nation(), "750712184", pca.id, past, today_, actor_);
            }),
            (std::vector<std::string>{"planned_on/continuity.planned_in_past"}));
  // Held and planned in one record: refused (the planned date would be lost), nothing stored.
  PlanTestInput both;
  both.held_on = day("2026-03-02");
  both.planned_on = day("2026-09-01");
  EXPECT_EQ(refused([&] {
              repo_.add_plan_test(Scope::nation(), "750712184", pca.id, both, today_, actor_);
            }),
            (std::vector<std::string>{"planned_on/continuity.test_held_and_planned"}));
  EXPECT_EQ(repo_.load(Scope::nation(), "750712184").tests.size(), 2u);
  PlanTestInput early;
  early.held_on = day("2026-01-31");
  EXPECT_EQ(refused([&] {
              repo_.add_plan_test(Scope::nation(), "750712184", pca.id, early, today_, actor_);
            }),
            (std::vector<std::string>{"held_on/continuity.test_before_plan"}));
  // A plan of a service not run, a future validation, a review before validation.
  auto bad = plan_in("pcra", "service", "2026-03-11");
  bad.services = {"maternite"};
  bad.review_on = day("2026-01-01");
  EXPECT_EQ(refused([&] { repo_.add_plan(Scope::nation(), "750712184", bad, today_, actor_); }),
            (std::vector<std::string>{"services/continuity.service_not_run",
                                      "validated_on/continuity.date_in_future",
                                      "review_on/continuity.review_before_validation"}));
  EXPECT_EQ(count_rows(db_.db(), "continuity_plans"), 2);
  EXPECT_EQ(count_rows(db_.db(), "continuity_plan_tests"), 2);
}

TEST_P(ContinuityRepositoryTest, WithdrawingKeepsTheRowAndMovesTheEvidence) {
  auto act = repo_.add_activity(Scope::nation(), "750712184",
                                activity_in("Urgences", "urgences", 30), actor_);
  auto v1 = repo_.save_bia(Scope::nation(), "750712184", act.id, bia_in(matrix(3), "2026-02-01"),
                           today_, actor_);
  auto v2 = repo_.save_bia(Scope::nation(), "750712184", act.id, bia_in(matrix(3), "2026-03-01"),
                           today_, actor_);
  const auto source = "continuity_bia:" + std::to_string(act.id);
  EXPECT_EQ(emitted(db_.db(), source).date, "2026-03-01");

  // A reason is required; nothing changes without one.
  EXPECT_EQ(refused([&] {
              repo_.withdraw(Scope::nation(), "750712184", Record::bia, v2.id, "  ", today_,
                             actor_);
            }),
            (std::vector<std::string>{"reason/continuity.reason_required"}));
  repo_.withdraw(Scope::nation(), "750712184", Record::bia, v2.id, "Saisie erronée", today_,
                 actor_);
  // Version 1 counts again; the withdrawn version stays in the table.
  EXPECT_EQ(emitted(db_.db(), source).date, "2026-02-01");
  EXPECT_EQ(count_rows(db_.db(), "continuity_bias"), 2);
  EXPECT_EQ(repo_.load(Scope::nation(), "750712184").counting_bia(act.id)->id, v1.id);
  EXPECT_EQ(status_of([&] {
              repo_.withdraw(Scope::nation(), "750712184", Record::bia, v2.id, "Encore", today_,
                             actor_);
            }),
            409);
  // Withdrawing the activity withdraws its evidence.
  repo_.withdraw(Scope::nation(), "750712184", Record::activity, act.id, "Activité fermée", today_,
                 actor_);
  EXPECT_EQ(emitted(db_.db(), source).count, 0);
  EXPECT_TRUE(repo_.load(Scope::nation(), "750712184").activities.empty());
  EXPECT_EQ(count_rows(db_.db(), "continuity_activities"), 1);
  EXPECT_EQ(audit_count(db_.db(), "continuity_activity", std::to_string(act.id), "withdraw"), 1);

  auto plan = repo_.add_plan(Scope::nation(), "750712184", plan_in("pcra", "global", "2026-02-01"),
                             today_, actor_);
  repo_.withdraw(Scope::nation(), "750712184", Record::plan, plan.id, "Remplacé", today_, actor_);
  EXPECT_EQ(emitted(db_.db(), "continuity_plan:" + std::to_string(plan.id)).count, 0);
  EXPECT_TRUE(repo_.load(Scope::nation(), "750712184").plans.empty());
}

TEST_P(ContinuityRepositoryTest, AnotherEstablishmentsRecordsAreUnknown) {
  auto act = repo_.add_activity(Scope::nation(), "750712184",
                                activity_in("Urgences", "urgences", 30), actor_);
  auto plan = repo_.add_plan(Scope::nation(), "750712184", plan_in("pca", "global", "2026-02-01"),
                             today_, actor_);
  // Through B's FINESS, A's activity and plan are not found.
  EXPECT_EQ(status_of([&] {
              repo_.save_bia(Scope::nation(), "750100208", act.id, bia_in(matrix(2)), today_,
                             actor_);
            }),
            404);
  PlanTestInput t;
  t.held_on = today_;
  EXPECT_EQ(status_of([&] {
              repo_.add_plan_test(Scope::nation(), "750100208", plan.id, t, today_, actor_);
            }),
            404);
  EXPECT_EQ(status_of([&] {
              repo_.withdraw(Scope::nation(), "750100208", Record::plan, plan.id, "x", today_,
                             actor_);
            }),
            404);
  // A user of B does not see A at all.
  EXPECT_EQ(status_of([&] { repo_.load(Scope::establishment(b_.id), "750712184"); }), 404);
  EXPECT_EQ(count_rows(db_.db(), "continuity_bias"), 0);
  EXPECT_EQ(count_rows(db_.db(), "continuity_plan_tests"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ContinuityRepositoryTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace

// The cap on a restore test's measures is data (data/continuity/restore_tests.yaml, 8 760 h):
// equal to it is accepted, a hundredth of an hour more is refused naming the field, for the
// restore duration and the data loss alike; nothing is stored by a refusal.
TEST_P(ContinuityRepositoryTest, RestoreMeasuresAreCappedByTheDataBoundInclusive) {
  const double cap = default_restore_limits().max_hours;
  ASSERT_EQ(cap, 8760);
  const auto dpi = resource("750712184", "Dossier patient informatisé");
  auto input = [](double restore, double loss) {
    RestoreTestInput in;
    in.held_on = day("2026-03-09");
    in.restore_hours = restore;
    in.data_loss_hours = loss;
    in.checked_by = "Dr Martin";
    return in;
  };
  EXPECT_EQ(refused([&] {
              repo_.add_restore_test(Scope::nation(), "750712184", dpi, input(cap + 0.01, 0),
                                     today_, actor_);
            }),
            std::vector<std::string>{"restore_hours/continuity.restore_hours_out_of_range"});
  EXPECT_EQ(refused([&] {
              repo_.add_restore_test(Scope::nation(), "750712184", dpi, input(0, cap + 0.01),
                                     today_, actor_);
            }),
            std::vector<std::string>{"data_loss_hours/continuity.data_loss_hours_out_of_range"});
  try {
    repo_.add_restore_test(Scope::nation(), "750712184", dpi, input(cap + 1, 0), today_, actor_);
    ADD_FAILURE() << "accepted";
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.fields().front().message)
                  .find("entre 0 et " + french_integer(8760) + " heures"),
              std::string::npos)
        << e.fields().front().message;
  }
  EXPECT_EQ(count_rows(db_.db(), "continuity_restore_tests"), 0);
  auto t =
      repo_.add_restore_test(Scope::nation(), "750712184", dpi, input(cap, cap), today_, actor_);
  EXPECT_EQ(t.restore_minutes, 8760 * 60);
  EXPECT_EQ(t.data_loss_minutes, 8760 * 60);
  EXPECT_EQ(count_rows(db_.db(), "continuity_restore_tests"), 1);
}
