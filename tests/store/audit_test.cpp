// The keyed audit trail and its signed checkpoints (issue 10): an attacker who can write the
// database rewrites, rehashes, deletes or cuts the trail by SQL; verify must name the cause.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "store/audit_key.hpp"
#include "store/audit_log.hpp"
#include "store/transaction.hpp"
#include "test_db.hpp"

namespace carepilot::testing {
namespace {

class AuditChainTest : public ::testing::TestWithParam<const char*> {
 protected:
  TestDb t_{GetParam()};
  store::AuditKey key_ = store::audit_key();

  void append(int n) {
    auto s = t_.db().lease();
    for (int i = 0; i < n; ++i) {
      carepilot::store::Transaction tr(*s);
      store::append_audit(
          *s,
          Actor{"rssi@exemple.fr", "127.0.0.1", "srv-" + std::to_string(i),
                i == 0 ? "client-chosen" : ""},
          {"update", "evidence", std::to_string(i), std::nullopt, std::optional<std::string>("52"),
           "Preuve modifiée " + std::to_string(i), "{}", "{\"n\":" + std::to_string(i) + "}"});
      tr.commit();
    }
  }
  store::AuditCheckpoint checkpoint() {
    auto s = t_.db().lease();
    return store::make_checkpoint(*s, key_);
  }
  store::AuditVerdict verify(const std::vector<store::AuditCheckpoint>& cps) {
    auto s = t_.db().lease();
    return store::verify_audit(*s, key_, cps);
  }
  // What an attacker without the key can do: rewrite an entry and rehash every following
  // entry with the plain SHA-256 of the old scheme, or with a key of their own.
  void rewrite_and_rehash(long long from, const store::AuditKey* attacker_key) {
    auto s = t_.db().lease();
    *s << "UPDATE audit_log SET summary = 'rien à signaler' WHERE seq = :s", soci::use(from);
    std::vector<store::AuditEntry> all;
    {
      store::AuditQuery q;
      q.scope = Scope::nation();
      q.limit = 1000;
      all = store::list_audit(*s, q);
    }
    std::reverse(all.begin(), all.end());
    std::string prev;
    for (auto& e : all) {
      if (e.seq >= from) {
        e.prev_hash = prev;
        e.keyed = attacker_key != nullptr;
        e.hash = store::audit_hash(e, attacker_key ? *attacker_key : key_);
        int keyed = e.keyed ? 1 : 0;
        long long seq = e.seq;
        *s << "UPDATE audit_log SET prev_hash = :p, hash = :h, keyed = :k WHERE seq = :s",
            soci::use(e.prev_hash), soci::use(e.hash), soci::use(keyed), soci::use(seq);
      }
      prev = e.hash;
    }
    *s << "UPDATE audit_head SET hash = :h WHERE id = 1", soci::use(prev);
  }
};

TEST_P(AuditChainTest, AFreshChainVerifiesAgainstItsCheckpoints) {
  append(3);
  auto cp1 = checkpoint();
  append(2);
  auto cp2 = checkpoint();
  EXPECT_EQ(cp1.seq, 3);
  EXPECT_EQ(cp2.seq, 5);
  auto v = verify({cp1, cp2});
  ASSERT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries, 5);
  EXPECT_EQ(v.checkpoints, 2);
  EXPECT_TRUE(v.warnings.empty());
  // Without a checkpoint the chain verifies, with a warning that truncation is undetectable.
  v = verify({});
  ASSERT_TRUE(v.ok);
  EXPECT_EQ(v.warnings.size(), 1u);
}

TEST_P(AuditChainTest, TheServerRequestIdAndTheClientOneAreKeptApart) {
  append(1);
  auto s = t_.db().lease();
  std::string rid, crid;
  *s << "SELECT request_id, client_request_id FROM audit_log WHERE seq = 1", soci::into(rid),
      soci::into(crid);
  EXPECT_EQ(rid, "srv-0");
  EXPECT_EQ(crid, "client-chosen");
  // The client's id is covered by the hash too.
  *s << "UPDATE audit_log SET client_request_id = 'autre' WHERE seq = 1";
  auto v = store::verify_audit(*s, key_, {});
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_at, 1);
}

TEST_P(AuditChainTest, ARewriteRehashedWithoutTheKeyIsDetected) {
  append(6);
  auto cp = checkpoint();
  rewrite_and_rehash(3, nullptr);  // plain SHA-256, as before the key existed
  auto v = verify({cp});
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_at, 3);
  EXPECT_NE(v.reason.find("non signée"), std::string::npos) << v.reason;
  // Even with no checkpoint at all, unkeyed entries are refused (the first checkpoint is the
  // only place legacy entries may stand before).
  v = verify({});
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_at, 3);
}

TEST_P(AuditChainTest, ARewriteRehashedWithAnotherKeyIsDetected) {
  append(6);
  auto cp = checkpoint();
  auto other = store::AuditKey::random();
  rewrite_and_rehash(4, &other);
  auto v = verify({cp});
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_at, 4);
  EXPECT_NE(v.reason.find("empreinte"), std::string::npos) << v.reason;
}

TEST_P(AuditChainTest, DeletingTheWholeTrailIsDetected) {
  append(4);
  auto cp = checkpoint();
  {
    auto s = t_.db().lease();
    *s << "DELETE FROM audit_log";
    *s << "UPDATE audit_head SET seq = 0, hash = '' WHERE id = 1";
  }
  auto v = verify({cp});
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.reason.find("journal supprimé"), std::string::npos) << v.reason;
  EXPECT_NE(v.reason.find("atteste 4 entrées"), std::string::npos) << v.reason;
}

TEST_P(AuditChainTest, CuttingTheTailIsDetected) {
  append(5);
  auto cp = checkpoint();
  {
    auto s = t_.db().lease();
    std::string h3;
    *s << "SELECT hash FROM audit_log WHERE seq = 3", soci::into(h3);
    *s << "DELETE FROM audit_log WHERE seq > 3";
    *s << "UPDATE audit_head SET seq = 3, hash = :h WHERE id = 1", soci::use(h3);
  }
  auto v = verify({cp});
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.broken_at, 4);
  EXPECT_NE(v.reason.find("fin du journal coupée"), std::string::npos) << v.reason;
  // Entries written after the last checkpoint are not covered: document, do not pretend.
  auto v2 = verify({});
  EXPECT_TRUE(v2.ok);
}

TEST_P(AuditChainTest, AForgedCheckpointIsRefused) {
  append(2);
  auto cp = checkpoint();
  cp.seq = 1;  // changed after signing
  auto v = verify({cp});
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.reason.find("signature"), std::string::npos);
  auto foreign = store::AuditCheckpoint::sign(2, checkpoint().head, "2026-11-30T12:00:00Z",
                                              store::AuditKey::random());
  EXPECT_FALSE(verify({foreign}).ok);
}

TEST_P(AuditChainTest, LegacyEntriesAreAcceptedUpToTheFirstCheckpointOnly) {
  append(3);
  // Turn entries 1–3 into entries of the old, unkeyed scheme (as after the upgrade).
  rewrite_and_rehash(1, nullptr);
  auto first = checkpoint();  // written at the first start with a key
  append(2);                  // new entries are keyed
  auto v = verify({first, checkpoint()});
  ASSERT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.entries, 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChainTest, ::testing::ValuesIn(kBackends));

TEST(AuditKeyFile, IsCreatedPrivateAndReadBackIdentical) {
  auto dir = std::filesystem::temp_directory_path() / ("cp-key-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto path = (dir / "sub" / "audit.key").string();
  auto k1 = store::load_or_create_audit_key(path);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto k2 = store::load_or_create_audit_key(path);
  EXPECT_EQ(k1.mac, k2.mac);
  EXPECT_EQ(k1.public_key_hex(), k2.public_key_hex());
  // Readable by others: refused, naming the fix.
  ::chmod(path.c_str(), 0644);
  try {
    store::load_audit_key(path);
    FAIL() << "a key readable by others must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("chmod 600"), std::string::npos);
  }
  ::chmod(path.c_str(), 0600);
  { std::ofstream(path) << "pas une clé\n"; }
  EXPECT_THROW(store::load_audit_key(path), std::runtime_error);
  std::filesystem::remove_all(dir);
}

TEST(AuditCheckpointFile, RoundTripsAndReportsGarbage) {
  auto path = (std::filesystem::temp_directory_path() /
               ("cp-checkpoints-" + std::to_string(::getpid()) + ".log"))
                  .string();
  std::filesystem::remove(path);
  auto key = store::AuditKey::random();
  auto a = store::AuditCheckpoint::sign(0, "", "2026-11-30T10:00:00Z", key);
  auto b = store::AuditCheckpoint::sign(12, "abcd", "2026-11-30T10:05:00Z", key);
  store::append_checkpoint_file(path, a);
  store::append_checkpoint_file(path, b);
  { std::ofstream(path, std::ios::app) << "checkpoint seq=zz\n"; }
  auto all = store::read_checkpoint_file(path);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].seq, 0);
  EXPECT_TRUE(all[0].signature_valid(key));
  EXPECT_EQ(all[1].seq, 12);
  EXPECT_EQ(all[1].head, "abcd");
  EXPECT_TRUE(all[1].signature_valid(key));
  EXPECT_EQ(all[2].seq, -1);
  EXPECT_FALSE(all[1].signature_valid(store::AuditKey::random()));
  std::filesystem::remove(path);
}

// Two instances sharing the checkpoint file (issue 21): the same chain head is written once,
// whoever writes it first; a new head is written.
TEST(AuditCheckpointFile, SameHeadIsWrittenOnceAcrossWriters) {
  auto path = (std::filesystem::temp_directory_path() /
               ("cp-checkpoints-once-" + std::to_string(::getpid()) + ".log"))
                  .string();
  std::filesystem::remove(path);
  auto key = store::AuditKey::random();
  auto a = store::AuditCheckpoint::sign(12, "abcd", "2026-11-30T10:00:00Z", key);
  auto a_later = store::AuditCheckpoint::sign(12, "abcd", "2026-11-30T10:05:00Z", key);
  auto b = store::AuditCheckpoint::sign(13, "ef01", "2026-11-30T10:10:00Z", key);
  auto b_other_head = store::AuditCheckpoint::sign(13, "ef02", "2026-11-30T10:15:00Z", key);
  EXPECT_TRUE(store::append_checkpoint_file(path, a));
  EXPECT_FALSE(store::append_checkpoint_file(path, a_later));  // same seq and head
  EXPECT_TRUE(store::append_checkpoint_file(path, b));
  EXPECT_FALSE(store::append_checkpoint_file(path, b));
  EXPECT_TRUE(store::append_checkpoint_file(path, b_other_head));  // same seq, other head
  auto all = store::read_checkpoint_file(path);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].at, "2026-11-30T10:00:00Z");
  EXPECT_EQ(all[1].head, "ef01");
  EXPECT_EQ(all[2].head, "ef02");
  // A file whose last line is not a checkpoint (a comment) gets the line.
  { std::ofstream(path, std::ios::app) << "# rotation\n"; }
  EXPECT_TRUE(store::append_checkpoint_file(path, b_other_head));
  EXPECT_EQ(store::read_checkpoint_file(path).size(), 4u);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace carepilot::testing
