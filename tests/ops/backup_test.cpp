// Backup and restore (issue 21, docs/operations.md): a round trip gives the same rows and a
// verified audit chain, a backup taken while another thread writes is consistent, and a
// restore refuses a non-empty database and a truncated or altered file without writing.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "evidence/calendar.hpp"
#include "ops_support.hpp"
#include "store/audit_log.hpp"
#include "store/backup.hpp"
#include "store/transaction.hpp"
#include "test_server.hpp"
#include "web/demo.hpp"

namespace carepilot::testing {
namespace {

namespace fs = std::filesystem;

std::vector<store::TableDigest> digests(store::Database& db) {
  auto s = db.lease();
  return store::table_digests(*s, db.backend());
}

std::int64_t count(store::Database& db, const std::string& sql) {
  auto s = db.lease();
  long long n = 0;
  *s << sql, soci::into(n);
  return n;
}

// An attachment of 300 kB of varied bytes, stored as the application stores it.
void add_attachment(store::Database& db) {
  std::string bytes(300000, '\0');
  std::mt19937 rng(7);
  for (auto& c : bytes) c = static_cast<char>(rng());
  std::string b64;
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                 (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 3; k >= 0; --k) b64.push_back(alphabet[(v >> (6 * k)) & 63]);
  }
  auto s = db.lease();
  *s << "INSERT INTO assessment_attachments (assessment_id, establishment_id, requirement_id, "
        "file_name, content_type, size_bytes, sha256, content_base64, created_at) "
        "SELECT id, establishment_id, 'GOUV-1', 'preuve.pdf', 'application/pdf', 300000, "
        "'x', :b, '2026-11-30T10:00:00Z' FROM assessments ORDER BY id LIMIT 1",
      soci::use(b64);
}

class BackupTest : public ::testing::TestWithParam<const char*> {
 protected:
  TempFolder dir_;
  // The process's key (TestDb sets the tests' one; set here when no TestDb exists yet).
  static const store::AuditKey& key() {
    carepilot::testing::use_test_audit_key();
    return store::audit_key();
  }
  std::string backend() const { return GetParam(); }

  // The demo territory with every module's records (t starts from a copy of it: demo_seed),
  // one attachment, and a checkpoint file.
  std::string populate(TestServer& t) {
    web::load_demo(t.app(), evidence::paris_today());  // finds it loaded
    add_attachment(t.db().db());
    auto cp_file = (dir_.path() / "source-checkpoints.log").string();
    auto s = t.db().db().lease();
    store::append_checkpoint_file(cp_file, store::make_checkpoint(*s, key()));
    // One entry after the file's checkpoint, so that the backup adds the saved head's.
    store::Transaction tr(*s);
    store::append_audit(*s, Actor{"sauvegarde@test.fr", "", ""},
                        {"update", "evidence", "1", std::nullopt, std::nullopt,
                         "après le dernier point de contrôle", "", "{}"});
    tr.commit();
    return cp_file;
  }
  store::BackupSummary backup(store::Database& db, const std::string& cp_file,
                              const std::string& name = "b.tar.gz") {
    store::BackupOptions o;
    o.checkpoint_file = cp_file;
    o.key = key();
    return store::create_backup(db, (dir_.path() / name).string(), o);
  }
  store::RestoreResult restore(const std::string& url, const std::string& name = "b.tar.gz") {
    store::RestoreOptions o;
    o.key = key();
    o.checkpoint_file = (dir_.path() / "restored-checkpoints.log").string();
    return store::restore_backup(url, (dir_.path() / name).string(), o);
  }
};

TEST_P(BackupTest, RoundTripGivesTheSameRowsAndAVerifiedChain) {
  TestServer t(backend(), carepilot::testing::demo_seed(evidence::paris_today()));
  auto cp_file = populate(t);
  auto before = digests(t.db().db());
  auto sum = backup(t.db().db(), cp_file);
  EXPECT_EQ(sum.tables, before);
  EXPECT_GT(sum.audit_entries, 100);
  EXPECT_EQ(sum.checkpoints, 2);  // the file's and the one of the saved head

  EmptyDb target(backend(), t.db().url(), dir_.path());
  auto r = restore(target.url());
  for (const auto& p : r.problems) ADD_FAILURE() << p;
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.audit_entries, sum.audit_entries);
  EXPECT_EQ(r.audit_checkpoints, 2);
  EXPECT_TRUE(r.checkpoints_installed);

  auto db = store::Database::open(target.url(), 1);
  EXPECT_EQ(digests(*db), before);  // nothing lost, nothing added
  std::int64_t rows = 0;
  for (const auto& d : before) rows += d.rows;
  EXPECT_GT(rows, 1000);
  EXPECT_EQ(count(*db,
                  "SELECT COUNT(*) FROM assessment_attachments WHERE LENGTH(content_base64) "
                  "= 400000"),
            1);
  // The installed checkpoints verify the restored chain.
  auto cps = store::read_checkpoint_file((dir_.path() / "restored-checkpoints.log").string());
  ASSERT_EQ(cps.size(), 2u);
  auto s = db->lease();
  auto v = store::verify_audit(*s, key(), cps);
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries, sum.audit_entries);
  // The restored database keeps working: a new audited write extends the chain.
  {
    store::Transaction tr(*s);
    store::append_audit(*s, Actor{"test", "127.0.0.1", "r1", ""},
                        {"update", "test", "1", std::nullopt, std::nullopt, "après", "", "{}"});
    tr.commit();
  }
  EXPECT_TRUE(store::verify_audit(*s, key(), cps).ok);
}

TEST_P(BackupTest, ABackupTakenWhileAnotherThreadWritesIsConsistent) {
  TestDb src(backend());
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  // Each transaction adds a region and its audit entry: a torn copy would hold one without
  // the other, or a chain whose head does not match its last entry.
  std::thread writer([&] {
    auto s = src.db().lease();
    for (int i = 0; i < 5000 && !stop; ++i) {
      store::Transaction tr(*s);
      std::string code = "W" + std::to_string(i);
      *s << "INSERT INTO regions (code, name, created_at, updated_at) VALUES (:c, 'Écrite', "
            "'2026-11-30', '2026-11-30')",
          soci::use(code);
      store::append_audit(
          *s, Actor{"writer", "127.0.0.1", code, ""},
          {"create", "region", code, std::nullopt, code, "Région écrite", "", "{}"});
      tr.commit();
      ++written;
    }
  });
  while (written < 50) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto sum = backup(src.db(), "");
  const int during = written;
  while (written < during + 50 && written < 5000)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  writer.join();
  EXPECT_GT(written.load(), sum.audit_entries);  // the writer went on after the snapshot

  EmptyDb target(backend(), src.url(), dir_.path());
  auto r = restore(target.url());
  for (const auto& p : r.problems) ADD_FAILURE() << p;
  ASSERT_TRUE(r.ok);
  auto db = store::Database::open(target.url(), 1);
  auto regions = count(*db, "SELECT COUNT(*) FROM regions WHERE code LIKE 'W%'");
  EXPECT_GE(regions, 50);
  EXPECT_EQ(regions, count(*db, "SELECT COUNT(*) FROM audit_log WHERE actor = 'writer'"));
  EXPECT_EQ(regions, sum.audit_entries);
}

TEST_P(BackupTest, RestoreRefusesANonEmptyDatabaseAndChangesNothing) {
  TestDb src(backend());
  backup(src.db(), "");
  TestDb other(backend());  // migrated: tables, even without rows
  auto before = digests(other.db());
  try {
    restore(other.url());
    FAIL() << "restored over a database that has tables";
  } catch (const store::BackupRefused& e) {
    EXPECT_NE(std::string(e.what()).find("n'est pas vide"), std::string::npos) << e.what();
  }
  EXPECT_EQ(digests(other.db()), before);
}

TEST_P(BackupTest, RestoreRefusesATruncatedOrAlteredFileBeforeWriting) {
  TestServer t(backend(), carepilot::testing::demo_seed(evidence::paris_today()));
  auto cp_file = populate(t);
  backup(t.db().db(), cp_file);
  std::string whole;
  {
    std::ifstream in(dir_.path() / "b.tar.gz", std::ios::binary);
    whole.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_GT(whole.size(), 4096u);
  std::vector<std::pair<std::string, std::string>> bad;
  for (std::size_t cut : {std::size_t{0}, std::size_t{100}, whole.size() / 2, whole.size() - 40})
    bad.emplace_back("tronqué à " + std::to_string(cut), whole.substr(0, cut));
  for (std::size_t at : {std::size_t{40}, whole.size() / 3, whole.size() / 2, whole.size() - 60}) {
    std::string c = whole;
    c[at] = static_cast<char>(c[at] ^ 0x5a);
    bad.emplace_back("octet " + std::to_string(at) + " altéré", c);
  }
  EmptyDb target(backend(), t.db().url(), dir_.path());
  for (const auto& [what, bytes] : bad) {
    {
      std::ofstream out(dir_.path() / "bad.tar.gz", std::ios::binary | std::ios::trunc);
      out << bytes;
    }
    try {
      restore(target.url(), "bad.tar.gz");
      ADD_FAILURE() << what << " : accepted";
    } catch (const store::BackupRefused& e) {
      std::string m = e.what();
      EXPECT_TRUE(m.find("tronqué") != std::string::npos || m.find("altéré") != std::string::npos ||
                  m.find("incomplet") != std::string::npos)
          << what << " : " << m;
    }
    EXPECT_EQ(store::count_tables(target.url()), 0) << what;
  }
  // The intact file still restores into the database the refusals left empty.
  EXPECT_TRUE(restore(target.url()).ok);
}

TEST_P(BackupTest, RestoreRefusesAnotherAuditKey) {
  TestDb src(backend());
  backup(src.db(), "");
  EmptyDb target(backend(), src.url(), dir_.path());
  store::RestoreOptions o;
  o.key = store::AuditKey::random();
  EXPECT_THROW(store::restore_backup(target.url(), (dir_.path() / "b.tar.gz").string(), o),
               store::BackupRefused);
  EXPECT_EQ(store::count_tables(target.url()), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
