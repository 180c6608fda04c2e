#include <gtest/gtest.h>

#include "engine/evaluate.hpp"
#include "evidence/stored.hpp"
#include "fixture.hpp"
#include "store/transaction.hpp"

using namespace carepilot;
using carepilot::testing::d;
using carepilot::testing::establishment_input;
using nlohmann::json;

namespace {

class EvidenceRepositoryTest : public ::testing::TestWithParam<const char*> {
 protected:
  EvidenceRepositoryTest()
      : db_(GetParam(), 1),  // a single connection: any nested lease would dead-lock
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_embedded_referential()),
        repo_(db_.db(), registry_, ref_) {
    registry_.seed_regions();
    a_ = registry_.create(Scope::nation(),
                          establishment_input("750712184", "CH A", {"urgences", "pharmacie"}));
    b_ = registry_.create(Scope::nation(), establishment_input("750100208", "CH B", {"medecine"}));
  }
  static constexpr const char* kToday = "2026-11-23";
  evidence::Record add(const json& j, const Scope& scope = Scope::nation()) {
    return repo_.add(scope, a_.finess_et, j, d(kToday), Actor{"rssi@example.fr", "", ""});
  }
  // Runs `f`, expecting a 422 UserError whose first field is `field`; returns its message.
  template <typename F>
  std::string refused(F f, const std::string& field, const std::string& code = "") {
    try {
      f();
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), 422);
      EXPECT_FALSE(e.fields().empty());
      if (!e.fields().empty()) {
        EXPECT_EQ(e.fields()[0].field, field) << e.what();
      }
      if (!code.empty()) {
        EXPECT_EQ(e.code(), code);
      }
      return e.what();
    }
    ADD_FAILURE() << "not refused";
    return {};
  }

  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository repo_;
  registry::Establishment a_, b_;
};

TEST_P(EvidenceRepositoryTest, AddListAndWithdraw) {
  repo_.clock = [] { return d(kToday); };
  auto r1 = add({{"type", "crisis_exercise"},
                 {"date", "2026-03-02"},
                 {"declared_on", "2026-03-10"},
                 {"retex_in_paq", true}});
  auto r2 = add({{"type", "bia"}, {"service", "urgences"}, {"date", "2026-01-15"}});
  EXPECT_GT(r1.id, 0);
  EXPECT_NE(r1.id, r2.id);
  EXPECT_EQ(r1.created_by, "rssi@example.fr");
  EXPECT_FALSE(r1.withdrawn());
  auto list = repo_.list(Scope::nation(), a_.finess_et);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].type, "bia");  // by date
  EXPECT_EQ(format_date(list[1].date), "2026-03-02");
  EXPECT_EQ(list[1].payload["retex_in_paq"], true);
  EXPECT_TRUE(repo_.list(Scope::nation(), b_.finess_et).empty());
  EXPECT_TRUE(repo_.withdrawn(Scope::nation(), a_.finess_et).empty());

  const Actor officer{"rssi@example.fr", "", ""};
  // Another establishment's record cannot be withdrawn through this one.
  try {
    repo_.withdraw(Scope::nation(), b_.finess_et, r1.id, "doublon", officer);
    ADD_FAILURE();
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  // Without a reason (or only blanks): 422 naming the field, nothing changed.
  for (const char* blank : {"", "  \n\t "}) {
    refused([&] { repo_.withdraw(Scope::nation(), a_.finess_et, r1.id, blank, officer); }, "reason",
            "evidence.reason_required");
  }
  refused(
      [&] {
        repo_.withdraw(Scope::nation(), a_.finess_et, r1.id,
                       std::string(evidence::Repository::kMaxReasonBytes + 1, 'x'), officer);
      },
      "reason", "evidence.reason_too_long");
  EXPECT_EQ(repo_.list(Scope::nation(), a_.finess_et).size(), 2u);
  EXPECT_FALSE(repo_.get(Scope::nation(), a_.finess_et, r1.id).withdrawn());

  auto w = repo_.withdraw(Scope::nation(), a_.finess_et, r1.id, "  Saisie en double  ", officer);
  EXPECT_TRUE(w.withdrawn());
  EXPECT_EQ(w.withdrawal_reason, "Saisie en double");
  EXPECT_EQ(w.withdrawn_by, "rssi@example.fr");
  // It no longer counts, but it is kept, with who withdrew it, when and why.
  ASSERT_EQ(repo_.list(Scope::nation(), a_.finess_et).size(), 1u);
  EXPECT_EQ(repo_.list(Scope::nation(), a_.finess_et)[0].id, r2.id);
  auto gone = repo_.withdrawn(Scope::nation(), a_.finess_et);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0].id, r1.id);
  EXPECT_EQ(gone[0].payload["retex_in_paq"], true);
  EXPECT_EQ(gone[0].withdrawal_reason, "Saisie en double");
  EXPECT_FALSE(gone[0].withdrawn_at.empty());
  EXPECT_EQ(repo_.get(Scope::nation(), a_.finess_et, r1.id).withdrawal_reason, "Saisie en double");
  // A second withdrawal is a conflict and changes nothing.
  try {
    repo_.withdraw(Scope::nation(), a_.finess_et, r1.id, "encore", officer);
    ADD_FAILURE();
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.code(), "evidence.already_withdrawn");
  }
  EXPECT_EQ(repo_.withdrawn(Scope::nation(), a_.finess_et)[0].withdrawal_reason,
            "Saisie en double");
  try {
    repo_.get(Scope::nation(), a_.finess_et, 999999);
    ADD_FAILURE();
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
}

// A withdrawn record no longer counts, for the engine and for the stored compliance, on both
// sides of the boundary: with another valid exercise the obligation stays met; once the only
// one is withdrawn it goes back to what it was without any.
TEST_P(EvidenceRepositoryTest, AWithdrawnRecordNoLongerCountsForCompliance) {
  repo_.clock = [] { return d(kToday); };
  const Actor officer{"rssi@example.fr", "", ""};
  auto engine_status = [&] {
    auto report = repo_.compliance(repo_.load(Scope::nation(), a_.finess_et), d(kToday));
    for (const auto& o : report.obligations)
      if (o.id == "crisis-exercise") return std::string(engine::status_name(o.status));
    return std::string("absent");
  };
  auto stored = [&] {
    auto s = db_.db().lease();
    long long e = a_.id;
    std::string status, ids;
    *s << "SELECT status, evidence_ids FROM compliance_status WHERE establishment_id = :e AND "
          "obligation = 'crisis-exercise'",
        soci::into(status), soci::into(ids), soci::use(e);
    return status + "|" + ids;
  };
  auto bia = add({{"type", "bia"}, {"service", "urgences"}, {"date", "2026-01-15"}});
  const std::string without = engine_status();
  ASSERT_NE(without, "met");
  EXPECT_EQ(stored(), without + "|");
  auto first = add({{"type", "crisis_exercise"},
                    {"date", "2026-03-02"},
                    {"declared_on", "2026-03-10"},
                    {"retex_in_paq", true}});
  auto second = add({{"type", "crisis_exercise"},
                     {"date", "2026-06-01"},
                     {"declared_on", "2026-06-05"},
                     {"retex_in_paq", true}});
  ASSERT_EQ(engine_status(), "met");
  repo_.withdraw(Scope::nation(), a_.finess_et, second.id, "Exercice annulé", officer);
  EXPECT_EQ(engine_status(), "met");  // the other exercise still counts
  EXPECT_EQ(stored(), "met|" + std::to_string(first.id));
  repo_.withdraw(Scope::nation(), a_.finess_et, first.id, "Saisi par erreur", officer);
  EXPECT_EQ(engine_status(), without);
  EXPECT_EQ(stored(), without + "|");
  // The scope-wide loads (dashboards, snapshots, stored compliance) ignore it too.
  for (bool keep : {true, false}) {
    auto all = repo_.load_all(Scope::nation(), {}, keep);
    ASSERT_EQ(all.size(), 2u);
    ASSERT_EQ(all[0].evidence_ids, std::vector<std::int64_t>{bia.id}) << keep;
  }
  auto ids = repo_.load_ids(*db_.db().lease(), a_.id, a_.id);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0].evidence_ids, std::vector<std::int64_t>{bia.id});
  // The stored rows equal a fresh evaluation (CH B, never written to, is computed first).
  EXPECT_EQ(evidence::recompute_all(db_.db(), repo_, d(kToday)).establishments, 1);
  for (const auto& diff : evidence::verify(db_.db(), repo_)) ADD_FAILURE() << diff;
}

TEST_P(EvidenceRepositoryTest, RefusesWithTheFieldNamedAndWritesNothing) {
  auto msg = refused(
      [&] {
        add({{"type", "crisis_exercise"}, {"date", "2026-11-24"}});
      },
      "date", "evidence.date_in_future");
  EXPECT_NE(msg.find("date"), std::string::npos);
  add({{"type", "crisis_exercise"}, {"date", kToday}});  // today itself is accepted
  refused(
      [&] {
        add({{"type", "bia"}, {"service", "chirurgie"}, {"date", "2026-01-01"}});
      },
      "service");
  msg = refused(
      [&] {
        add({{"type", "budget_declaration"},
             {"date", "2026-05-01"},
             {"total_eur", -5},
             {"digital_eur", 1}});
      },
      "total_eur");
  EXPECT_NE(msg.find("total_eur"), std::string::npos) << msg;
  refused([&] { add({{"type", "teleportation"}, {"date", "2026-01-01"}}); }, "type");
  refused([&] { add({{"type", "registration"}, {"date", "2026-01-01"}}); }, "service");
  refused([&] { add({{"type", "ad_audit"}, {"date", "2026-02-30"}}); }, "date");
  refused([&] { add(json::array()); }, "");
  EXPECT_EQ(repo_.list(Scope::nation(), a_.finess_et).size(), 1u);
}

TEST_P(EvidenceRepositoryTest, ScopeHidesOtherEstablishments) {
  auto only_b = Scope::establishment(b_.id);
  try {
    add({{"type", "ad_audit"}, {"date", "2026-10-05"}}, only_b);
    ADD_FAILURE();
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 404);
  }
  EXPECT_THROW(repo_.list(only_b, a_.finess_et), UserError);
  auto r = add({{"type", "ad_audit"}, {"date", "2026-10-05"}});
  EXPECT_THROW(repo_.withdraw(only_b, a_.finess_et, r.id, "motif", Actor{}), UserError);
  EXPECT_THROW(repo_.get(only_b, a_.finess_et, r.id), UserError);
  EXPECT_THROW(repo_.withdrawn(only_b, a_.finess_et), UserError);
  EXPECT_EQ(repo_.load_all(only_b, {}).size(), 1u);
  EXPECT_EQ(repo_.load_all(Scope::region("11"), {}).size(), 2u);  // Paris is in Île-de-France
  EXPECT_TRUE(repo_.load_all(Scope::region("52"), {}).empty());
  EXPECT_TRUE(repo_.load_all(Scope::nation(), {"52", std::nullopt}).empty());
}

TEST_P(EvidenceRepositoryTest, ComplianceUsesStoredEvidence) {
  add({{"type", "crisis_exercise"},
       {"date", "2026-03-02"},
       {"declared_on", "2026-03-10"},
       {"retex_in_paq", true}});
  auto loaded = repo_.load(Scope::nation(), a_.finess_et);
  EXPECT_EQ(loaded.engine.category, "sanitaire");
  auto report = repo_.compliance(loaded, d("2026-11-23"));
  auto find = [&](const std::string& id) {
    for (const auto& o : report.obligations)
      if (o.id == id) return o;
    ADD_FAILURE() << id;
    return engine::ObligationResult{};
  };
  EXPECT_EQ(find("crisis-exercise").status, engine::Status::met);
  EXPECT_EQ(find("crisis-exercise").evidence, std::vector<int>{0});
  EXPECT_EQ(find("pca-pra").status, engine::Status::overdue);
  // Before the 2026 exercise counts, the missed 2025 exercise makes it overdue.
  auto early = repo_.compliance(loaded, d("2026-03-05")).obligations[0];
  EXPECT_EQ(early.id, "crisis-exercise");
  EXPECT_EQ(early.status, engine::Status::overdue);
  EXPECT_EQ(early.period, "2025");

  auto all = repo_.load_all(Scope::nation(), {});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].establishment.finess_et, a_.finess_et);  // by name
  EXPECT_EQ(all[0].records.size(), 1u);
  EXPECT_EQ(all[0].engine.services.size(), 2u);
  EXPECT_TRUE(all[1].records.empty());
}

TEST_P(EvidenceRepositoryTest, MedicoSocialIsNotApplicable) {
  auto in = establishment_input("750100224", "EHPAD C", {});
  in.type = "ehpad";
  // The catalogue has an EHPAD type: a failure here is a regression, never a skip.
  registry::Establishment c = registry_.create(Scope::nation(), in);
  ASSERT_EQ(c.category, "medico_social");
  auto loaded = repo_.load(Scope::nation(), c.finess_et);
  EXPECT_EQ(loaded.engine.category, "medico-social");
  for (const auto& o : repo_.compliance(loaded, d("2026-11-23")).obligations)
    EXPECT_EQ(o.status, engine::Status::not_applicable) << o.id;
}

// Derived evidence (issue 12, point 3): emitted by a module, updated in place (no
// delete/add pairs in the journal, nothing written when unchanged), withdrawn (never
// deleted) when the source no longer gives it, and read-only on the evidence side.
TEST_P(EvidenceRepositoryTest, DerivedEvidenceIsUpdatedInPlaceAndReadOnly) {
  repo_.clock = [] { return d(kToday); };
  const Actor officer{"rssi@example.fr", "", ""};
  auto journal = [&](const std::string& action) {
    auto s = db_.db().lease();
    long long n = 0;
    *s << "SELECT COUNT(*) FROM audit_log WHERE entity = 'evidence' AND action = :a",
        soci::use(action), soci::into(n);
    return n;
  };
  auto emit = [&](const std::optional<json>& record) {
    auto s = db_.db().lease();
    store::Transaction tr(*s);
    repo_.emit(*s, a_, "budget_declaration:2026", record, d(kToday), officer);
    tr.commit();
  };
  const json v1{{"type", "budget_declaration"}, {"date", "2026-05-01"}, {"year", 2026},
                {"total_eur", 1000000},         {"digital_eur", 15000}, {"cyber_eur", 6000}};
  emit(v1);
  auto list = repo_.list(Scope::nation(), a_.finess_et);
  ASSERT_EQ(list.size(), 1u);
  const auto id = list[0].id;
  EXPECT_TRUE(list[0].derived());
  EXPECT_EQ(journal("create"), 1);
  emit(v1);  // unchanged: nothing written
  EXPECT_EQ(journal("create") + journal("update") + journal("delete"), 1);
  json v2 = v1;
  v2["cyber_eur"] = 9000;
  emit(v2);  // changed: the same row, one update entry
  list = repo_.list(Scope::nation(), a_.finess_et);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].id, id);
  EXPECT_EQ(list[0].payload["cyber_eur"], 9000);
  EXPECT_EQ(journal("update"), 1);
  EXPECT_EQ(journal("delete"), 0);
  // Read-only on the evidence side: its module withdraws it.
  try {
    repo_.withdraw(Scope::nation(), a_.finess_et, id, "Doublon", officer);
    ADD_FAILURE() << "a derived record withdrawn from the evidence side";
  } catch (const UserError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.code(), "evidence.derived");
  }
  EXPECT_EQ(evidence::source_url(a_.finess_et, "budget_declaration:2026"),
            "/etablissements/750712184/budget/2026");
  emit(std::nullopt);  // the source is gone: withdrawn, kept
  EXPECT_TRUE(repo_.list(Scope::nation(), a_.finess_et).empty());
  auto gone = repo_.withdrawn(Scope::nation(), a_.finess_et);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0].id, id);
  EXPECT_EQ(journal("withdraw"), 1);
  EXPECT_EQ(journal("delete"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceRepositoryTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
