#include <gtest/gtest.h>

#include <set>

#include "engine/aggregate.hpp"
#include "evidence/demo.hpp"
#include "evidence/registrations.hpp"
#include "fixture.hpp"
#include "registry/demo.hpp"

using namespace carepilot;

class DemoEvidenceTest : public ::testing::TestWithParam<const char*> {};

// The demo territory shows every situation: some establishments met, some late, on the
// crisis exercise and the AD audit, as of the day of the reference example (the PCA/PRA
// comes from the continuity module's demo: tests/continuity/demo_test.cpp).
TEST_P(DemoEvidenceTest, SpreadsSituationsAndIsIdempotent) {
  carepilot::testing::TestDb t(GetParam());
  registry::Repository registry(t.db(), registry::Catalog::builtin());
  registry::load_demo(registry);
  auto ref = referential::load_default_referential();
  evidence::Repository repo(t.db(), registry, ref);
  const Date today = carepilot::testing::d("2026-11-23");
  int added = evidence::load_demo_evidence(repo, registry, today);
  EXPECT_GT(added, 100);
  EXPECT_EQ(evidence::load_demo_evidence(repo, registry, today), 0);

  std::vector<engine::EstablishmentReport> reports;
  for (auto& loaded : repo.load_all(Scope::nation(), {}))
    reports.push_back(repo.compliance(loaded, today));
  auto agg = engine::aggregate(ref, reports);
  std::set<std::string> mixed;
  for (const auto& o : agg.obligations) {
    int met = o.count[static_cast<int>(engine::Status::met)];
    int overdue = o.count[static_cast<int>(engine::Status::overdue)];
    if (met > 0 && overdue > 0) mixed.insert(o.id);
  }
  EXPECT_TRUE(mixed.count("crisis-exercise"));
  EXPECT_FALSE(mixed.count("pca-pra")) << "no typed continuity_plan evidence";
  EXPECT_TRUE(mixed.count("ad-audit"));
  EXPECT_FALSE(agg.late.empty());

  // Registrations are declared as a user declares them: the contact's role, a reference and
  // an attestation in PDF (issue 17 trial: the demo's had neither reference nor document).
  // Barely started establishments have none.
  int registered = 0, without = 0;
  for (const auto& loaded : repo.load_all(Scope::nation(), {})) {
    for (const auto& [service, reg] :
         evidence::Registrations(repo, registry)
             .current(Scope::nation(), loaded.establishment.finess_et)) {
      if (!reg) {
        ++without;
        continue;
      }
      ++registered;
      EXPECT_EQ(reg->contact_role, "rssi");
      EXPECT_EQ(reg->anssi_reference.rfind("DEMO-", 0), 0u) << reg->anssi_reference;
      EXPECT_NE(reg->anssi_reference.find(loaded.establishment.finess_et), std::string::npos);
      ASSERT_TRUE(reg->document) << service;
      EXPECT_EQ(reg->document->content_type, "application/pdf");
      EXPECT_GT(reg->document->size, 500);
    }
  }
  EXPECT_GT(registered, 0);
  EXPECT_GT(without, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoEvidenceTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));
