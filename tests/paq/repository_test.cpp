#include <gtest/gtest.h>

#include "evidence/repository.hpp"
#include "fixture.hpp"
#include "paq/repository.hpp"
#include "referential/loader.hpp"
#include "store/transaction.hpp"

using namespace carepilot;
using carepilot::testing::audit_count;
using carepilot::testing::count_rows;
using carepilot::testing::day;
using carepilot::testing::emitted;
using carepilot::testing::paq_establishment;
using carepilot::testing::refused;

namespace {

class PaqRepositoryTest : public ::testing::TestWithParam<const char*> {
 protected:
  PaqRepositoryTest()
      : db_(GetParam(), 1),  // a single connection: any nested lease would dead-lock
        registry_(db_.db(), registry::Catalog::builtin()),
        ref_(referential::load_embedded_referential()),
        evidence_(db_.db(), registry_, ref_),
        repo_(db_.db(), registry_, evidence_) {
    registry_.seed_regions();
    a_ = registry_.create(Scope::nation(), paq_establishment("750712184", "CH A"));
    b_ = registry_.create(Scope::nation(), paq_establishment("750100208", "CH B"));
  }
  paq::ActionInput input(const std::string& title = "Durcir l'AD") {
    paq::ActionInput in;
    in.title = title;
    in.owner = "RSSI";
    in.source = paq::Source::ad_audit;
    in.source_ref = "ad_audit:7";
    in.due = day("2026-12-31");
    in.priority = paq::Priority::high;
    return in;
  }
  paq::Action create(const paq::ActionInput& in, const Date& today = day("2026-01-10")) {
    return repo_.create(Scope::nation(), a_.finess_et, in, today, actor_);
  }

  carepilot::testing::TestDb db_;
  registry::Repository registry_;
  referential::Referential ref_;
  evidence::Repository evidence_;
  paq::Repository repo_;
  registry::Establishment a_, b_;
  Actor actor_{"qualite@example.fr", "127.0.0.1", "req-1"};
};

TEST_P(PaqRepositoryTest, CreateEmitsEvidenceAndAudits) {
  auto a = create(input());
  EXPECT_GT(a.id, 0);
  EXPECT_EQ(a.status, paq::Status::open);
  EXPECT_EQ(a.progress, 0);
  EXPECT_EQ(a.created_by, "qualite@example.fr");
  auto ev = emitted(db_.db(), a.id);
  ASSERT_EQ(ev.count, 1);
  EXPECT_EQ(ev.date, "2026-01-10");
  EXPECT_EQ(ev.payload["status"], "open");
  EXPECT_EQ(ev.payload["cyber"], true);
  EXPECT_EQ(ev.payload["title"], "Durcir l'AD");
  EXPECT_EQ(audit_count(db_.db(), a.id, "create"), 1);

  auto got = repo_.get(Scope::nation(), a_.finess_et, a.id);
  EXPECT_EQ(got.title, "Durcir l'AD");
  EXPECT_EQ(got.source, paq::Source::ad_audit);
  EXPECT_EQ(got.source_ref, "ad_audit:7");
  EXPECT_EQ(format_date(*got.due), "2026-12-31");
  EXPECT_EQ(got.priority, paq::Priority::high);
  EXPECT_EQ(format_date(got.updated_on), "2026-01-10");
  EXPECT_TRUE(repo_.list(Scope::nation(), b_.finess_et).empty());
}

TEST_P(PaqRepositoryTest, UpdateReemitsWithStatusMapping) {
  auto a = create(input());
  auto ch = a.change();
  ch.status = paq::Status::in_progress;
  ch.progress = 40;
  ch.owner = "DSI";
  auto u = repo_.update(Scope::nation(), a_.finess_et, a.id, ch, day("2026-03-01"), actor_);
  EXPECT_EQ(u.progress, 40);
  EXPECT_EQ(u.owner, "DSI");
  auto ev = emitted(db_.db(), a.id);
  ASSERT_EQ(ev.count, 1);  // replaced, not added
  EXPECT_EQ(ev.date, "2026-03-01");
  EXPECT_EQ(ev.payload["status"], "open");

  // Done: progress is set to 100 whatever was given; the evidence says closed.
  ch.status = paq::Status::done;
  ch.progress = 30;
  u = repo_.update(Scope::nation(), a_.finess_et, a.id, ch, day("2026-04-02"), actor_);
  EXPECT_EQ(u.progress, 100);
  EXPECT_EQ(repo_.get(Scope::nation(), a_.finess_et, a.id).progress, 100);
  ev = emitted(db_.db(), a.id);
  EXPECT_EQ(ev.payload["status"], "closed");
  EXPECT_EQ(ev.date, "2026-04-02");

  ch.status = paq::Status::cancelled;
  ch.progress = 50;
  ch.cyber = false;
  u = repo_.update(Scope::nation(), a_.finess_et, a.id, ch, day("2026-04-03"), actor_);
  EXPECT_EQ(u.progress, 50);
  ev = emitted(db_.db(), a.id);
  EXPECT_EQ(ev.payload["status"], "cancelled");
  EXPECT_EQ(ev.payload["cyber"], false);
  EXPECT_EQ(audit_count(db_.db(), a.id, "update"), 3);
  auto got = repo_.get(Scope::nation(), a_.finess_et, a.id);
  EXPECT_EQ(got.status, paq::Status::cancelled);
  EXPECT_FALSE(got.cyber);
  EXPECT_EQ(format_date(got.updated_on), "2026-04-03");
}

TEST_P(PaqRepositoryTest, NotesUpdateTheActionAndItsEvidence) {
  auto a = create(input());
  auto n1 = repo_.add_note(Scope::nation(), a_.finess_et, a.id, "  Comptes revus.  ",
                           day("2026-02-01"), actor_);
  auto n2 = repo_.add_note(Scope::nation(), a_.finess_et, a.id, "Délégations.", day("2026-02-05"),
                           actor_);
  EXPECT_EQ(n1.note, "Comptes revus.");
  EXPECT_LT(n1.id, n2.id);
  auto got = repo_.get(Scope::nation(), a_.finess_et, a.id);
  ASSERT_EQ(got.notes.size(), 2u);
  EXPECT_EQ(got.notes[1].note, "Délégations.");
  EXPECT_EQ(got.notes[0].created_by, "qualite@example.fr");
  EXPECT_EQ(format_date(got.updated_on), "2026-02-05");
  EXPECT_EQ(emitted(db_.db(), a.id).date, "2026-02-05");
  EXPECT_EQ(audit_count(db_.db(), a.id, "note"), 2);

  refused(
      [&] {
        repo_.add_note(Scope::nation(), a_.finess_et, a.id, "   ", day("2026-02-06"), actor_);
      },
      "note", "paq.note_required");
  EXPECT_EQ(repo_.get(Scope::nation(), a_.finess_et, a.id).notes.size(), 2u);

  auto all = repo_.list_with_notes(Scope::nation(), a_.finess_et);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].notes.size(), 2u);
}

TEST_P(PaqRepositoryTest, WithdrawKeepsTheActionAndWithdrawsItsEvidence) {
  auto a = create(input());
  auto keep = create(input("Autre action"));
  repo_.add_note(Scope::nation(), a_.finess_et, a.id, "Note", day("2026-02-01"), actor_);
  // Without a reason: refused naming « Motif du retrait », nothing changes.
  auto msg = refused(
      [&] { repo_.withdraw(Scope::nation(), a_.finess_et, a.id, "  ", day("2026-02-02"), actor_); },
      "reason", "paq.reason_required");
  EXPECT_NE(msg.find("Motif du retrait"), std::string::npos) << msg;
  EXPECT_EQ(repo_.list(Scope::nation(), a_.finess_et).size(), 2u);
  EXPECT_EQ(emitted(db_.db(), a.id).count, 1);
  EXPECT_EQ(audit_count(db_.db(), a.id, "withdraw"), 0);

  auto w =
      repo_.withdraw(Scope::nation(), a_.finess_et, a.id, " Doublon ", day("2026-02-02"), actor_);
  EXPECT_TRUE(w.withdrawal.withdrawn());
  EXPECT_EQ(w.withdrawal.reason, "Doublon");
  // Nothing destroyed: the row and its notes stay, listed among the withdrawn actions.
  EXPECT_EQ(count_rows(db_.db(), "paq_actions"), 2);
  EXPECT_EQ(count_rows(db_.db(), "paq_notes"), 1);
  EXPECT_EQ(count_rows(db_.db(), "evidence"), 2);
  EXPECT_EQ(emitted(db_.db(), a.id).count, 0);  // its evidence no longer counts
  EXPECT_EQ(emitted(db_.db(), keep.id).count, 1);
  EXPECT_EQ(audit_count(db_.db(), a.id, "withdraw"), 1);
  EXPECT_EQ(audit_count(db_.db(), a.id, "delete"), 0);
  ASSERT_EQ(repo_.list(Scope::nation(), a_.finess_et).size(), 1u);
  auto gone = repo_.withdrawn(Scope::nation(), a_.finess_et);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0].id, a.id);
  auto got = repo_.get(Scope::nation(), a_.finess_et, a.id);
  EXPECT_EQ(got.withdrawal.reason, "Doublon");
  EXPECT_EQ(got.notes.size(), 1u);
  // A withdrawn action is no longer changed, nor withdrawn twice.
  for (auto f : std::vector<std::function<void()>>{
           [&] {
             repo_.update(Scope::nation(), a_.finess_et, a.id, a.change(), day("2026-02-03"),
                          actor_);
           },
           [&] {
             repo_.add_note(Scope::nation(), a_.finess_et, a.id, "x", day("2026-02-03"), actor_);
           },
           [&] {
             repo_.withdraw(Scope::nation(), a_.finess_et, a.id, "encore", day("2026-02-03"),
                            actor_);
           }}) {
    try {
      f();
      ADD_FAILURE() << "not refused";
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), 409);
      EXPECT_EQ(e.code(), "paq.withdrawn");
    }
  }
}

TEST_P(PaqRepositoryTest, ForeignActionIsNotFound) {
  auto a = create(input());
  auto expect_404 = [](auto f) {
    try {
      f();
      ADD_FAILURE() << "not refused";
    } catch (const UserError& e) {
      EXPECT_EQ(e.status(), 404);
    }
  };
  expect_404([&] { repo_.get(Scope::nation(), b_.finess_et, a.id); });
  expect_404([&] {
    repo_.update(Scope::nation(), b_.finess_et, a.id, a.change(), day("2026-02-01"), actor_);
  });
  expect_404(
      [&] { repo_.add_note(Scope::nation(), b_.finess_et, a.id, "x", day("2026-02-01"), actor_); });
  expect_404([&] {
    repo_.withdraw(Scope::nation(), b_.finess_et, a.id, "motif", day("2026-02-01"), actor_);
  });
  // An establishment outside the caller's scope does not exist either.
  expect_404([&] { repo_.list(Scope::establishment(b_.id), a_.finess_et); });
  EXPECT_EQ(repo_.get(Scope::nation(), a_.finess_et, a.id).title, "Durcir l'AD");
  EXPECT_EQ(audit_count(db_.db(), a.id, "update"), 0);
}

TEST_P(PaqRepositoryTest, RefusalsNameTheFieldAndStoreNothing) {
  refused([&] { create(input("   ")); }, "title", "paq.title_required");
  refused([&] { create(input(std::string(301, 'x'))); }, "title", "paq.title_invalid");
  auto late = input();
  late.due = day("1999-12-31");
  refused([&] { create(late); }, "due", "paq.due_invalid");
  auto owner = input();
  owner.owner = std::string(201, 'o');
  refused([&] { create(owner); }, "owner", "paq.owner_invalid");
  EXPECT_EQ(count_rows(db_.db(), "paq_actions"), 0);
  EXPECT_EQ(count_rows(db_.db(), "evidence"), 0);

  auto a = create(input());
  int audits = count_rows(db_.db(), "audit_log");
  auto ch = a.change();
  ch.progress = 101;
  refused([&] { repo_.update(Scope::nation(), a_.finess_et, a.id, ch, day("2026-02-01"), actor_); },
          "progress", "paq.progress_invalid");
  ch.progress = -1;
  refused([&] { repo_.update(Scope::nation(), a_.finess_et, a.id, ch, day("2026-02-01"), actor_); },
          "progress", "paq.progress_invalid");
  ch.progress = 10;
  ch.title = "";
  refused([&] { repo_.update(Scope::nation(), a_.finess_et, a.id, ch, day("2026-02-01"), actor_); },
          "title", "paq.title_required");
  EXPECT_EQ(count_rows(db_.db(), "audit_log"), audits);
  auto got = repo_.get(Scope::nation(), a_.finess_et, a.id);
  EXPECT_EQ(got.progress, 0);
  EXPECT_EQ(got.title, "Durcir l'AD");
  EXPECT_EQ(emitted(db_.db(), a.id).date, "2026-01-10");
}

TEST_P(PaqRepositoryTest, CreateInAndBySourceRef) {
  auto est = *registry_.find(Scope::nation(), a_.finess_et);
  {
    auto s = db_.db().lease();
    carepilot::store::Transaction tr(*s);
    auto in = input("RETEX 1");
    in.source = paq::Source::exercise;
    in.source_ref = "exercise:12:item:1";
    repo_.create_in(*s, est, in, day("2026-01-10"), actor_);
    in.source_ref = "exercise:13:item:1";
    repo_.create_in(*s, est, in, day("2026-01-10"), actor_);
    auto found = repo_.by_source_ref(*s, est.id, "exercise:12:");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].source_ref, "exercise:12:item:1");
    EXPECT_TRUE(repo_.by_source_ref(*s, b_.id, "exercise:").empty());
    tr.commit();
  }
  EXPECT_EQ(repo_.list(Scope::nation(), a_.finess_et).size(), 2u);
}

TEST(PaqModel, OverdueOnlyWhenOpenOrInProgress) {
  paq::Action a;
  a.due = day("2026-01-01");
  EXPECT_TRUE(a.overdue(day("2026-01-02")));
  EXPECT_FALSE(a.overdue(day("2026-01-01")));  // due today is not late
  a.status = paq::Status::in_progress;
  EXPECT_TRUE(a.overdue(day("2026-02-01")));
  a.status = paq::Status::done;
  EXPECT_FALSE(a.overdue(day("2026-02-01")));
  a.status = paq::Status::cancelled;
  EXPECT_FALSE(a.overdue(day("2026-02-01")));
  a.status = paq::Status::open;
  a.due.reset();
  EXPECT_FALSE(a.overdue(day("2030-01-01")));
}

INSTANTIATE_TEST_SUITE_P(Backends, PaqRepositoryTest,
                         ::testing::ValuesIn(carepilot::testing::kBackends));

}  // namespace
