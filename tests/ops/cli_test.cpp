// `carepilot backup` and `carepilot restore` as an operator runs them: exit codes and French
// messages, on both backends (issue 21).
#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>

#include "cli_support.hpp"
#include "store/backup.hpp"
#include "test_db.hpp"

namespace carepilot::testing {
namespace {

class BackupCliTest : public ::testing::TestWithParam<const char*> {
 protected:
  TempFolder dir_;
  std::vector<std::string> env(const std::string& url, const std::string& checkpoints,
                               const std::string& key = "audit.key") {
    return {"CAREPILOT_DATABASE=" + url, "CAREPILOT_AUDIT_KEY_FILE=" + (dir_.path() / key).string(),
            "CAREPILOT_AUDIT_CHECKPOINT_FILE=" + (dir_.path() / checkpoints).string()};
  }
};

TEST_P(BackupCliTest, BackupRestoreVerifyAndRefusals) {
  TestDb src(GetParam());
  auto src_env = env(src.url(), "source-checkpoints.log");
  auto demo = carepilot_cli(src_env, {"demo"});
  ASSERT_EQ(demo.code, 0) << demo.out;
  auto file = (dir_.path() / "sauvegarde.tar.gz").string();

  auto b = carepilot_cli(src_env, {"backup", "--out", file});
  ASSERT_EQ(b.code, 0) << b.out;
  EXPECT_NE(b.out.find("Sauvegarde écrite"), std::string::npos) << b.out;
  EXPECT_NE(b.out.find("La clé du journal n'y est pas"), std::string::npos) << b.out;

  // The key not found (a command run from another folder): refused, naming the path searched,
  // no file written; with --no-checkpoint the backup is written, without checkpoint.
  auto other = (dir_.path() / "autre.tar.gz").string();
  auto lost = carepilot_cli(env(src.url(), "source-checkpoints.log", "ailleurs/audit.key"),
                            {"backup", "--out", other});
  EXPECT_EQ(lost.code, 2) << lost.out;
  EXPECT_NE(lost.out.find("clé du journal introuvable"), std::string::npos) << lost.out;
  EXPECT_NE(lost.out.find((dir_.path() / "ailleurs/audit.key").string()), std::string::npos)
      << lost.out;
  EXPECT_FALSE(std::filesystem::exists(other));
  auto bare = carepilot_cli(env(src.url(), "source-checkpoints.log", "ailleurs/audit.key"),
                            {"backup", "--no-checkpoint", "--out", other});
  EXPECT_EQ(bare.code, 0) << bare.out;
  EXPECT_TRUE(std::filesystem::exists(other));

  EmptyDb target(GetParam(), src.url(), dir_.path());
  auto target_env = env(target.url(), "restored-checkpoints.log");
  auto r = carepilot_cli(target_env, {"restore", "--in", file});
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Restauration vérifiée"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "restored-checkpoints.log"));
  auto v = carepilot_cli(target_env, {"audit", "verify"});
  EXPECT_EQ(v.code, 0) << v.out;
  EXPECT_NE(v.out.find("Journal intègre"), std::string::npos) << v.out;

  // Over the restored (now non-empty) database: refused, exit 2.
  auto again = carepilot_cli(target_env, {"restore", "--in", file});
  EXPECT_EQ(again.code, 2) << again.out;
  EXPECT_NE(again.out.find("restauration refusée : la base cible n'est pas vide"),
            std::string::npos)
      << again.out;

  // A truncated copy and a missing key: refused, exit 2, the fresh target left empty.
  EmptyDb fresh(GetParam(), src.url(), dir_.path());
  auto fresh_env = env(fresh.url(), "fresh-checkpoints.log");
  {
    std::ifstream in(file, std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    std::ofstream out(dir_.path() / "tronquee.tar.gz", std::ios::binary);
    out << bytes.substr(0, bytes.size() * 2 / 3);
  }
  auto cut =
      carepilot_cli(fresh_env, {"restore", "--in", (dir_.path() / "tronquee.tar.gz").string()});
  EXPECT_EQ(cut.code, 2) << cut.out;
  EXPECT_NE(cut.out.find("tronqué"), std::string::npos) << cut.out;
  auto nokey = carepilot_cli(env(fresh.url(), "fresh-checkpoints.log", "absente.key"),
                             {"restore", "--in", file});
  EXPECT_EQ(nokey.code, 2) << nokey.out;
  EXPECT_NE(nokey.out.find("clé du journal nécessaire"), std::string::npos) << nokey.out;
  EXPECT_EQ(store::count_tables(fresh.url()), 0);
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "fresh-checkpoints.log"));
}

// A database that is not there: refused in French (exit 2), nothing created (issue 21 review).
TEST(BackupCliMissing, AMissingDatabaseIsRefusedAndNothingIsCreated) {
  TempFolder dir;
  const auto db = dir.path() / "absente.db";
  auto env = [&](const std::string& url) {
    return std::vector<std::string>{
        "CAREPILOT_DATABASE=" + url,
        "CAREPILOT_AUDIT_KEY_FILE=" + (dir.path() / "audit.key").string(),
        "CAREPILOT_AUDIT_CHECKPOINT_FILE=" + (dir.path() / "ck.log").string()};
  };
  const std::string out = (dir.path() / "b.tar.gz").string();
  auto b = carepilot_cli(env("sqlite:" + db.string()), {"backup", "--out", out});
  EXPECT_EQ(b.code, 2) << b.out;
  EXPECT_NE(b.out.find("n'existe pas"), std::string::npos) << b.out;
  EXPECT_FALSE(std::filesystem::exists(db));
  EXPECT_FALSE(std::filesystem::exists(out));
  // PostgreSQL on a closed loopback port: unreachable, refused, exit 2.
  auto pg = carepilot_cli(env("postgresql://postgres@127.0.0.1:1/nulle"), {"backup", "--out", out});
  EXPECT_EQ(pg.code, 2) << pg.out;
  EXPECT_NE(pg.out.find("base de données injoignable"), std::string::npos) << pg.out;
  auto r = carepilot_cli(env("postgresql://postgres@127.0.0.1:1/nulle"), {"restore", "--in", out});
  EXPECT_EQ(r.code, 2) << r.out;
}

// A bad trusted_proxies stops `serve` before the database is touched (issue 21 review).
TEST(ServeCli, ABadTrustedProxyIsRefusedBeforeAnyMigration) {
  TempFolder dir;
  const auto db = dir.path() / "neuve.db";
  auto r = carepilot_cli({"CAREPILOT_DATABASE=sqlite:" + db.string(),
                          "CAREPILOT_AUDIT_KEY_FILE=" + (dir.path() / "audit.key").string(),
                          "CAREPILOT_AUDIT_CHECKPOINT_FILE=" + (dir.path() / "ck.log").string(),
                          "CAREPILOT_TRUSTED_PROXIES=pas-une-adresse"},
                         {"serve", "--listen", "127.0.0.1:1"});
  EXPECT_NE(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("pas-une-adresse"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("migration"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(db));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "audit.key"));
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupCliTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
