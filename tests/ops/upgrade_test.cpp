// Upgrades (issue 21): a database made by an earlier release migrates to the current schema
// with its data intact and an audit chain that still verifies.
//
// tests/ops/data/release-8012e77-demo.db.gz is the SQLite file that the release at commit
// 8012e77 (schema version 11, before the keyed audit trail of migration 0012) wrote with
// `carepilot demo` (see tests/ops/data/README.md for how it was made).
#include <gtest/gtest.h>

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "cli_support.hpp"
#include "common/french.hpp"
#include "ops_support.hpp"
#include "store/backup.hpp"
#include "store/migrations.hpp"

namespace carepilot::testing {
namespace {

namespace fs = std::filesystem;

void gunzip(const std::string& from, const fs::path& to) {
  gzFile in = gzopen(from.c_str(), "rb");
  ASSERT_NE(in, nullptr) << from;
  std::ofstream out(to, std::ios::binary);
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(in, buf, sizeof buf)) > 0) out.write(buf, n);
  ASSERT_EQ(n, 0) << "gzread failed on " << from;
  gzclose(in);
}

std::map<std::string, std::int64_t> row_counts(const std::string& url) {
  auto db = store::Database::open(url, 1);
  auto s = db->lease();
  std::map<std::string, std::int64_t> out;
  for (const auto& t : store::table_digests(*s, db->backend())) out[t.table] = t.rows;
  return out;
}

std::string text(const std::string& url, const std::string& sql) {
  auto db = store::Database::open(url, 1);
  auto s = db->lease();
  std::string v;
  *s << sql, soci::into(v);
  return v;
}

std::int64_t number(const std::string& url, const std::string& sql) {
  auto db = store::Database::open(url, 1);
  auto s = db->lease();
  long long v = 0;
  *s << sql, soci::into(v);
  return v;
}

// The checks of an upgrade of the earlier release's demo database at `url`, on either backend.
void check_upgrade(const std::string& url, const fs::path& dir, store::Backend backend) {
  const std::vector<std::string> env = {
      "CAREPILOT_DATABASE=" + url, "CAREPILOT_AUDIT_KEY_FILE=" + (dir / "audit.key").string(),
      "CAREPILOT_AUDIT_CHECKPOINT_FILE=" + (dir / "audit-checkpoints.log").string()};

  // As the earlier release left it.
  EXPECT_EQ(number(url, "SELECT MAX(version) FROM schema_migrations"), 11);
  auto before = row_counts(url);
  ASSERT_EQ(before.count("audit_log"), 1u);
  const auto audit_before = before["audit_log"];
  EXPECT_GT(audit_before, 100);

  auto m = carepilot_cli(env, {"migrate"});
  ASSERT_EQ(m.code, 0) << m.out;
  const auto all = store::migrations_for(backend);
  const int latest = all.back().version;
  // Counted, not `latest - 11`: versions may have gaps while parallel branches are merged.
  const int newer = static_cast<int>(
      std::count_if(all.begin(), all.end(), [](const auto& mig) { return mig.version > 11; }));
  EXPECT_NE(m.out.find(plural(newer, "migration appliquée", "migrations appliquées") +
                       " ; version du "
                       "schéma : " +
                       std::to_string(latest)),
            std::string::npos)
      << m.out;

  // Every table of the earlier release keeps every row.
  auto after = row_counts(url);
  for (const auto& [table, rows] : before) {
    ASSERT_EQ(after.count(table), 1u) << table << " disappeared";
    EXPECT_EQ(after[table], rows + (table == "schema_migrations" ? newer : 0)) << table;
  }
  // A few values known from the earlier release's demo territory.
  EXPECT_EQ(number(url, "SELECT COUNT(*) FROM establishments WHERE is_demo = 1"), 28);
  EXPECT_EQ(text(url, "SELECT name FROM establishments WHERE finess_et = '499900140'"),
            "Centre hospitalier de Cholet-Mauges (démo)");
  EXPECT_EQ(number(url, "SELECT COUNT(*) FROM users"), 5);
  EXPECT_EQ(number(url, "SELECT COUNT(*) FROM audit_log WHERE keyed = 0"), audit_before);

  // The old entries are unkeyed: without a signed checkpoint that attests them, verify
  // refuses them and says why; migrate wrote the first checkpoint, which covers them, so the
  // chain verifies right away and after a new, keyed entry.
  auto bare = env;
  bare.back() = "CAREPILOT_AUDIT_CHECKPOINT_FILE=" + (dir / "aucun.log").string();
  auto unattested = carepilot_cli(bare, {"audit", "verify"});
  EXPECT_EQ(unattested.code, 1) << unattested.out;
  EXPECT_NE(unattested.out.find("aucun point de contrôle signé ne l'atteste"), std::string::npos)
      << unattested.out;
  EXPECT_TRUE(fs::exists(dir / "audit-checkpoints.log"));
  auto v = carepilot_cli(env, {"audit", "verify"});
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("Journal intègre : " +
                       plural(audit_before, "entrée vérifiée", "entrées vérifiées")),
            std::string::npos)
      << v.out;
  auto add = carepilot_cli(env,
                           {"user", "add", "--email", "nouvelle@exemple.fr", "--role",
                            "establishment_reader", "--scope", "establishment:499900140"},
                           "Un-mot-de-passe-assez-long-2026\n");
  ASSERT_EQ(add.code, 0) << add.out;
  EXPECT_EQ(number(url, "SELECT COUNT(*) FROM audit_log WHERE keyed = 1"), 1);
  auto v2 = carepilot_cli(env, {"audit", "verify"});
  EXPECT_EQ(v2.code, 0) << v2.out;
  EXPECT_NE(v2.out.find("Journal intègre : " +
                        plural(audit_before + 1, "entrée vérifiée", "entrées vérifiées")),
            std::string::npos)
      << v2.out;
  // Migrating again changes nothing.
  auto again = carepilot_cli(env, {"migrate"});
  EXPECT_EQ(again.code, 0) << again.out;
  EXPECT_NE(again.out.find("0 migration appliquée ;"), std::string::npos) << again.out;
}

TEST(Upgrade, AnEarlierReleasesDatabaseMigratesWithItsDataIntact) {
  TempFolder dir;
  auto path = dir.path() / "carepilot.db";
  gunzip(std::string(CAREPILOT_OPS_DATA) + "/release-8012e77-demo.db.gz", path);
  check_upgrade("sqlite:" + path.string(), dir.path(), store::Backend::sqlite);
}

// tests/ops/data/release-8012e77-demo.pg.sql.gz: a plain pg_dump of that release's schema on
// PostgreSQL holding the same demo data (how it was made: tests/ops/data/README.md), restored
// with psql into a new database, then migrated.
TEST(Upgrade, AnEarlierReleasesPostgresDumpMigratesWithItsDataIntact) {
  TempFolder dir;
  EmptyDb target("postgresql", pg_test_base(), dir.path());
  auto sql = dir.path() / "release.sql";
  gunzip(std::string(CAREPILOT_OPS_DATA) + "/release-8012e77-demo.pg.sql.gz", sql);
  auto log = dir.path() / "psql.log";
  const std::string cmd = "psql -X -q -v ON_ERROR_STOP=1 -f " + shell_quoted(sql.string()) + " " +
                          shell_quoted(target.url()) + " >" + shell_quoted(log.string()) + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << std::ifstream(log).rdbuf();
  check_upgrade(target.url(), dir.path(), store::Backend::postgresql);
}

}  // namespace
}  // namespace carepilot::testing
