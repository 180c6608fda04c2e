#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/rows.hpp"
#include "test_db.hpp"

using namespace carepilot;

TEST(DatabaseUrl, PicksTheBackend) {
  std::string connect;
  EXPECT_EQ(store::parse_database_url("sqlite:var/x.db", connect), store::Backend::sqlite);
  EXPECT_EQ(connect, "db=var/x.db timeout=10");
  EXPECT_EQ(store::parse_database_url("sqlite:///tmp/x.db", connect), store::Backend::sqlite);
  EXPECT_EQ(connect, "db=/tmp/x.db timeout=10");
  EXPECT_EQ(store::parse_database_url("postgresql://u@127.0.0.1/db", connect),
            store::Backend::postgresql);
  EXPECT_EQ(store::parse_database_url("postgres://u@h/db", connect), store::Backend::postgresql);
  EXPECT_THROW(store::parse_database_url("mysql://h/db", connect), store::BadDatabaseUrl);
  EXPECT_THROW(store::parse_database_url("sqlite:", connect), store::BadDatabaseUrl);
}

TEST(Migrations, AreOrderedAndTranslated) {
  auto sqlite = store::migrations_for(store::Backend::sqlite);
  auto pg = store::migrations_for(store::Backend::postgresql);
  ASSERT_FALSE(sqlite.empty());
  ASSERT_EQ(sqlite.size(), pg.size());
  for (std::size_t i = 1; i < sqlite.size(); ++i)
    EXPECT_LT(sqlite[i - 1].version, sqlite[i].version);
  for (const auto& m : pg)
    for (const auto& st : m.statements) {
      EXPECT_EQ(st.find("@PK@"), std::string::npos);
      EXPECT_EQ(st.find("INTEGER PRIMARY KEY"), std::string::npos) << st;
    }
}

class StoreTest : public ::testing::TestWithParam<const char*> {};

TEST_P(StoreTest, MigrateIsIdempotentAndGivesTheSameSchema) {
  carepilot::testing::TestDb t(GetParam());
  int version = store::schema_version(t.db());
  EXPECT_EQ(version, store::migrations_for(t.db().backend()).back().version);
  EXPECT_EQ(store::migrate(t.db()), 0);
  EXPECT_EQ(store::schema_version(t.db()), version);
  auto s = t.db().lease();
  for (const char* table : {"regions", "ghts", "establishments", "establishment_services"}) {
    int n = -1;
    *s << (std::string("SELECT COUNT(*) FROM ") + table), soci::into(n);
    EXPECT_EQ(n, 0) << table;
  }
}

TEST_P(StoreTest, ForeignKeysAreEnforced) {
  carepilot::testing::TestDb t(GetParam());
  auto s = t.db().lease();
  EXPECT_THROW((*s << "INSERT INTO ghts(code, name, region_code, created_at, updated_at) "
                      "VALUES ('G', 'G', 'nowhere', 'x', 'x')"),
               soci::soci_error);
}

TEST_P(StoreTest, ConcurrentMigrationsApplyOnce) {
  carepilot::testing::TestDb t(GetParam());
  // A second and third process racing on an already migrated database: nothing applied.
  std::vector<std::thread> threads;
  std::atomic<int> applied{0};
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&] {
      auto db = store::Database::open(t.url(), 1);
      applied += store::migrate(*db);
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(applied.load(), 0);
}

TEST_P(StoreTest, PingAnswers) {
  carepilot::testing::TestDb t(GetParam());
  EXPECT_TRUE(t.db().ping());
}

namespace {
struct ReadCounter : store::Prepared {
  long long value = 0;
  soci::statement st;
  ReadCounter(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, soci::into(value))) {}
};
constexpr const char* kReadCounter = "SELECT value FROM data_generation WHERE id = 1";
long long read_counter(store::Lease& l) {
  return l.run<ReadCounter>(kReadCounter, [](ReadCounter& q) {
    q.st.execute(true);
    return q.value;
  });
}
}  // namespace

TEST_P(StoreTest, KeptStatementsArePreparedOncePerConnectionAndOneShotsEveryTime) {
  carepilot::testing::TestDb t(GetParam(), 1);
  auto& db = t.db();
  auto l = db.lease();
  auto before = db.prepare_count();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(read_counter(l), 0);
  EXPECT_EQ(db.prepare_count() - before, 1u);
  before = db.prepare_count();
  long long v = -1;
  for (int i = 0; i < 20; ++i) *l << kReadCounter, soci::into(v);
  EXPECT_EQ(db.prepare_count() - before, 20u);
  // A dropped statement is prepared afresh.
  l.forget(kReadCounter);
  before = db.prepare_count();
  EXPECT_EQ(read_counter(l), 0);
  EXPECT_EQ(db.prepare_count() - before, 1u);
}

TEST_P(StoreTest, KeptStatementSeesWritesOfOtherConnections) {
  // A kept SQLite statement left open would pin its read snapshot: Lease::finish resets it.
  carepilot::testing::TestDb t(GetParam(), 2);
  auto reader = t.db().lease();
  EXPECT_EQ(read_counter(reader), 0);
  {
    auto writer = t.db().lease();
    *writer << "UPDATE data_generation SET value = 7 WHERE id = 1";
  }
  EXPECT_EQ(read_counter(reader), 7);
}

TEST_P(StoreTest, OneSqlTextServesOneStatementType) {
  struct Other : store::Prepared {
    soci::statement st;
    Other(soci::session& s, const std::string& sql) : st((s.prepare << sql)) {}
  };
  carepilot::testing::TestDb t(GetParam(), 1);
  auto l = t.db().lease();
  EXPECT_EQ(read_counter(l), 0);
  EXPECT_THROW(l.prepared<Other>(kReadCounter), std::logic_error);
}

// Amounts in cents, byte sizes and counts go past 2^31-1 (21 474 836,47 €) and 2^32. Columns
// are @BIGINT@ (INTEGER on SQLite, BIGINT on PostgreSQL) and modules read them through a
// soci::row and store::row_int: SQLite's INTEGER columns used to reach the row as 32-bit ints
// (4 500 000 000 read back as 205 032 704). Plain columns, a scalar subquery (which keeps the
// column's declared type), aggregates and expressions (no declared type) are all read whole.
TEST_P(StoreTest, IntegersPast32BitsReadWholeThroughARow) {
  carepilot::testing::TestDb t(GetParam());
  const bool pg = t.db().backend() == store::Backend::postgresql;
  auto s = t.db().lease();
  *s << std::string("CREATE TABLE wide_integers (id ") +
            (pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY") + ", v " +
            (pg ? "BIGINT" : "INTEGER") + " NOT NULL)";
  const std::vector<long long> values = {2147483647LL,  2147483648LL,  4294967295LL,
                                         4294967296LL,  4500000000LL,  -2147483648LL,
                                         -2147483649LL, -4500000000LL, 0LL};
  for (long long v : values) *s << "INSERT INTO wide_integers (v) VALUES (:v)", soci::use(v);

  std::vector<long long> read;
  soci::rowset<soci::row> rs = (s->prepare << "SELECT id, v FROM wide_integers ORDER BY id");
  for (const auto& r : rs) read.push_back(store::row_int(r, 1));
  EXPECT_EQ(read, values);

  for (long long v : values) {
    long long id = 0;
    *s << "SELECT id FROM wide_integers WHERE v = :v", soci::use(v), soci::into(id);
    soci::rowset<soci::row> one =
        (s->prepare << "SELECT v, (SELECT w.v FROM wide_integers w WHERE w.id = t.id), v + 0, "
                       "COALESCE(v, 0), CASE WHEN v > 0 THEN v ELSE v END "
                       "FROM wide_integers t WHERE id = :i",
         soci::use(id));
    std::size_t rows = 0;
    for (const auto& r : one) {
      ++rows;
      for (std::size_t i = 0; i < r.size(); ++i) EXPECT_EQ(store::row_int(r, i), v) << i;
    }
    EXPECT_EQ(rows, 1u) << v;
  }

  // Aggregates: the positive values' sum is past 2^34; the negative ones' below -2^33.
  auto aggregates = [&](const std::string& where) {
    std::vector<long long> out;
    soci::rowset<soci::row> agg =
        (s->prepare << "SELECT SUM(v), MAX(v), MIN(v), COUNT(*) FROM wide_integers WHERE " + where);
    for (const auto& r : agg)
      for (std::size_t i = 0; i < r.size(); ++i) out.push_back(store::row_int(r, i));
    return out;
  };
  EXPECT_EQ(aggregates("v > 0"),
            (std::vector<long long>{17384901886LL, 4500000000LL, 2147483647LL, 5}));
  EXPECT_EQ(aggregates("v < 0"),
            (std::vector<long long>{-8794967297LL, -2147483648LL, -4500000000LL, 3}));
}

// A database of its own for a migration test, empty: a temporary SQLite file, or a PostgreSQL
// schema of its own on CAREPILOT_TEST_PG; removed when the test ends. `tag` names it.
struct ScratchDatabase {
  std::string url, schema, file;
  ScratchDatabase(const std::string& backend, const std::string& tag) {
    const std::string unique = tag + "_" + std::to_string(std::random_device{}());
    if (backend == "sqlite") {
      file = (std::filesystem::temp_directory_path() / ("carepilot-" + unique + ".db")).string();
      url = "sqlite:" + file;
      return;
    }
    const char* base = std::getenv("CAREPILOT_TEST_PG");
    if (!base) throw std::runtime_error("CAREPILOT_TEST_PG is not set");
    schema = unique;
    auto admin = store::Database::open(base, 1);
    auto s = admin->lease();
    *s << ("CREATE SCHEMA " + schema);
    url = std::string(base) + "?options=-csearch_path%3D" + schema;
  }
  ~ScratchDatabase() {
    if (!file.empty()) std::filesystem::remove(file);
    if (!schema.empty()) {
      auto admin = store::Database::open(std::getenv("CAREPILOT_TEST_PG"), 1);
      auto s = admin->lease();
      *s << ("DROP SCHEMA " + schema + " CASCADE");
    }
  }
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
};

// Migration 0030 (issue 17 trial): the PAQ's source list gains "exposure_audit". SQLite
// rebuilds paq_actions (and paq_notes, which references it): every row, id and note stays;
// actions already sent from an exposure audit take the new source; the new value is accepted
// and an unknown one still refused. A fresh database migrated to 0029, filled, then migrated.
TEST_P(StoreTest, Migration30KeepsEveryPaqRowAndAcceptsTheExposureSource) {
  const ScratchDatabase scratch(GetParam(), "m30");
  const std::string& url = scratch.url;
  {
    auto db = store::Database::open(url, 1);
    store::migrate(*db, 29);
    ASSERT_EQ(store::schema_version(*db), 29);
    auto s = db->lease();
    *s << "INSERT INTO regions(code, name, created_at, updated_at) VALUES ('T1', 'Test', 'x', "
          "'x')";
    *s << "INSERT INTO establishments(finess_et, finess_ej, name, name_search, category, type, "
          "region_code, department, created_at, updated_at) VALUES ('750712184', '750712184', "
          "'CH', 'ch', 'sanitaire', 'ch', 'T1', '75', 'x', 'x')";
    long long e = 0;
    *s << "SELECT id FROM establishments", soci::into(e);
    const char* rows[][2] = {{"manual", ""},
                             {"manual", "exposure_audit:3:rdp@91.207.53.10:tcp/3389"},
                             {"ad_audit", "ad_audit:1:P-Kerberoasting"},
                             {"exercise", "exercise:2:item:1"}};
    for (const auto& r : rows) {
      std::string source = r[0], ref = r[1];
      *s << "INSERT INTO paq_actions(establishment_id, title, source, source_ref, priority, "
            "status, created_at, updated_at, updated_on, withdrawn_at) VALUES (:e, 'Action', "
            ":s, :r, 'high', 'open', 'x', 'x', '2026-11-30', NULL)",
          soci::use(e), soci::use(source), soci::use(ref);
    }
    *s << "UPDATE paq_actions SET withdrawn_at = '2026-11-30T10:00:00Z', withdrawn_by = 'a', "
          "withdrawal_reason = 'doublon' WHERE source = 'exercise'";
    *s << "INSERT INTO paq_notes(action_id, note, created_at) SELECT id, 'note ' || source, 'x' "
          "FROM paq_actions";
    // The old CHECK refuses the new source.
    EXPECT_THROW((*s << "INSERT INTO paq_actions(establishment_id, title, source, priority, "
                        "status, created_at, updated_at, updated_on) VALUES (:e, 'A', "
                        "'exposure_audit', 'low', 'open', 'x', 'x', 'x')",
                  soci::use(e)),
                 soci::soci_error);
  }
  auto dump = [](soci::session& s) {
    std::string out;
    soci::rowset<soci::row> rs =
        s.prepare << "SELECT a.id, a.source, a.source_ref, COALESCE(a.withdrawal_reason, ''), "
                     "n.id, n.note FROM paq_actions a JOIN paq_notes n ON n.action_id = a.id "
                     "ORDER BY a.id";
    for (const auto& r : rs)
      out += std::to_string(store::row_int(r, 0)) + " " + r.get<std::string>(1) + " " +
             r.get<std::string>(2) + " " + r.get<std::string>(3) + " " +
             std::to_string(store::row_int(r, 4)) + " " + r.get<std::string>(5) + "\n";
    return out;
  };
  std::string before;
  {
    auto db = store::Database::open(url, 1);
    {
      auto s = db->lease();  // the pool has one connection: released before migrating
      before = dump(*s);
    }
    EXPECT_GE(store::migrate(*db), 1);
    EXPECT_EQ(store::schema_version(*db), store::migrations_for(db->backend()).back().version);
  }
  {
    auto db = store::Database::open(url, 1);
    auto s = db->lease();
    std::string expected = before;
    const std::string old_line = " manual exposure_audit:3:";
    expected.replace(expected.find(old_line), old_line.size(), " exposure_audit exposure_audit:3:");
    EXPECT_EQ(dump(*s), expected);
    int n = 0;
    *s << "SELECT COUNT(*) FROM paq_actions", soci::into(n);
    EXPECT_EQ(n, 4);
    *s << "SELECT COUNT(*) FROM paq_notes", soci::into(n);
    EXPECT_EQ(n, 4);
    long long e = 0, max_id = 0, new_id = 0;
    *s << "SELECT id FROM establishments", soci::into(e);
    *s << "SELECT MAX(id) FROM paq_actions", soci::into(max_id);
    *s << "INSERT INTO paq_actions(establishment_id, title, source, priority, status, "
          "created_at, updated_at, updated_on) VALUES (:e, 'A', 'exposure_audit', 'low', "
          "'open', 'x', 'x', 'x')",
        soci::use(e);
    *s << "SELECT MAX(id) FROM paq_actions", soci::into(new_id);
    EXPECT_GT(new_id, max_id);
    EXPECT_THROW((*s << "INSERT INTO paq_actions(establishment_id, title, source, priority, "
                        "status, created_at, updated_at, updated_on) VALUES (:e, 'A', 'other', "
                        "'low', 'open', 'x', 'x', 'x')",
                  soci::use(e)),
                 soci::soci_error);
    // The notes still cascade with their action (the foreign key survived the rebuild).
    *s << "DELETE FROM paq_actions WHERE source = 'ad_audit'";
    *s << "SELECT COUNT(*) FROM paq_notes", soci::into(n);
    EXPECT_EQ(n, 3);
  }
}

// Migration 0052 (issue 20 trial): the stored knowledge entries gain the `objectives` column
// « Comment faire ? » of a funding objective filters on, taken from their payload, in order;
// an entry without objectives gets the empty list (" "). Migrated to 0051, filled, migrated.
TEST_P(StoreTest, Migration52GivesKnowledgeEntriesTheirObjectives) {
  const ScratchDatabase scratch(GetParam(), "m52");
  const std::string& url = scratch.url;
  {
    auto db = store::Database::open(url, 1);
    store::migrate(*db, 51);
    ASSERT_EQ(store::schema_version(*db), 51);
    auto s = db->lease();
    for (const auto& [code, payload] : std::vector<std::pair<std::string, std::string>>{
             {"a", R"({"id":"a","objectives":["D2.O1.C","D2.O4"]})"},
             {"b", R"({"id":"b","objectives":[]})"},
             {"c", R"({"id":"c"})"}})
      *s << "INSERT INTO knowledge_entries(code, kind, theme, audiences, obligations, title, "
            "payload, search_title, search_body, updated_at) VALUES (:c, 'faq', 't', ' ', ' ', "
            "'T', :p, '', '', 'x')",
          soci::use(code), soci::use(payload);
  }
  {
    auto db = store::Database::open(url, 1);
    EXPECT_GE(store::migrate(*db), 1);
    auto s = db->lease();
    std::vector<std::string> got;
    soci::rowset<std::string> rs = s->prepare << "SELECT objectives FROM knowledge_entries "
                                                 "ORDER BY code";
    for (const auto& o : rs) got.push_back(o);
    EXPECT_EQ(got, (std::vector<std::string>{" D2.O1.C D2.O4 ", " ", " "}));
  }
}

// Migration 0045 (issue 15 trial): the `continuity_plan` evidence a plan emitted before it
// gains the plan's `covers_it_outage`, which pca-pra asks for; hand-typed evidence is left as
// it was. A fresh database migrated to 0044, filled, then migrated.
TEST_P(StoreTest, Migration45GivesPlanEvidenceItsItOutageAnswer) {
  const ScratchDatabase scratch(GetParam(), "m45");
  const std::string& url = scratch.url;
  {
    auto db = store::Database::open(url, 1);
    store::migrate(*db, 44);
    ASSERT_EQ(store::schema_version(*db), 44);
    auto s = db->lease();
    *s << "INSERT INTO regions(code, name, created_at, updated_at) VALUES ('T1', 'Test', 'x', "
          "'x')";
    *s << "INSERT INTO establishments(finess_et, finess_ej, name, name_search, category, type, "
          "region_code, department, created_at, updated_at) VALUES ('750712184', '750712184', "
          "'CH', 'ch', 'sanitaire', 'ch', 'T1', '75', 'x', 'x')";
    long long e = 0;
    *s << "SELECT id FROM establishments", soci::into(e);
    for (int covers : {1, 0}) {
      *s << "INSERT INTO continuity_plans(establishment_id, kind, title, scope, covers_it_outage, "
            "version, validated_by, validated_on, created_at) VALUES (:e, 'pca', 'PCA', "
            "'global', :c, '1', 'Directrice', '2025-05-01', 'x')",
          soci::use(e), soci::use(covers);
      long long plan = 0;
      *s << "SELECT MAX(id) FROM continuity_plans", soci::into(plan);
      std::string source = "continuity_plan:" + std::to_string(plan);
      *s << "INSERT INTO evidence(establishment_id, type, date, payload, created_at, source) "
            "VALUES (:e, 'continuity_plan', '2025-05-01', "
            "'{\"type\":\"continuity_plan\",\"kind\":\"pca\",\"scope\":\"global\","
            "\"date\":\"2025-05-01\"}', 'x', :s)",
          soci::use(e), soci::use(source);
    }
    *s << "INSERT INTO evidence(establishment_id, type, date, payload, created_at, source) "
          "VALUES (:e, 'continuity_plan', '2025-05-01', "
          "'{\"type\":\"continuity_plan\",\"kind\":\"pra\",\"date\":\"2025-05-01\"}', "
          "'x', '')",
        soci::use(e);
  }
  {
    auto db = store::Database::open(url, 1);
    EXPECT_GE(store::migrate(*db), 1);
    auto s = db->lease();
    std::vector<nlohmann::json> payloads;
    soci::rowset<std::string> rs = s->prepare << "SELECT payload FROM evidence ORDER BY id";
    for (const auto& p : rs) payloads.push_back(nlohmann::json::parse(p));
    ASSERT_EQ(payloads.size(), 3u);
    EXPECT_EQ(payloads[0]["covers_it_outage"], true) << payloads[0];
    EXPECT_EQ(payloads[0]["kind"], "pca");
    EXPECT_EQ(payloads[1]["covers_it_outage"], false) << payloads[1];
    EXPECT_FALSE(payloads[2].contains("covers_it_outage")) << payloads[2];
  }
}

// Migration 0051 (issue 19 trial): a « declaration_submitted » typed by hand before the stages
// alone said « declared » no longer counts: it becomes `declaration_noted`; the event a stage's
// transmission recorded stays; an initial stage transmitted while a hand-typed event stood in for
// it gets the event its transmission would have recorded. A database migrated to 0050, filled,
// then migrated.
TEST_P(StoreTest, Migration51TurnsHandTypedDeclarationsIntoNotes) {
  const ScratchDatabase scratch(GetParam(), "m51");
  const std::string& url = scratch.url;
  // Incidents: 1 a hand-typed declaration only; 2 the transmission's own event; 3 an initial
  // stage transmitted after a hand-typed event (which kept the transmission's from being
  // recorded).
  {
    auto db = store::Database::open(url, 1);
    store::migrate(*db, 50);
    ASSERT_EQ(store::schema_version(*db), 50);
    auto s = db->lease();
    *s << "INSERT INTO regions(code, name, created_at, updated_at) VALUES ('T1', 'Test', 'x', "
          "'x')";
    *s << "INSERT INTO establishments(finess_et, finess_ej, name, name_search, category, type, "
          "region_code, department, created_at, updated_at) VALUES ('750712184', '750712184', "
          "'CH', 'ch', 'sanitaire', 'ch', 'T1', '75', 'x', 'x')";
    long long e = 0;
    *s << "SELECT id FROM establishments", soci::into(e);
    for (int i = 1; i <= 3; ++i)
      *s << "INSERT INTO incidents(establishment_id, title, created_at, updated_at) VALUES (:e, "
            "'Incident', 'x', 'x')",
          soci::use(e);
    // Named strings: soci binds references, read when the statement runs.
    auto event = [&](int incident, const std::string& at, long long unix, const std::string& note) {
      *s << "INSERT INTO incident_events(incident_id, kind, at_utc, at_unix, offset_minutes, "
            "note, created_at) VALUES (:i, 'declaration_submitted', :a, :u, 60, :n, 'x')",
          soci::use(incident), soci::use(at), soci::use(unix), soci::use(note);
    };
    auto stage = [&](int incident, const std::string& at, const std::string& reference) {
      *s << "INSERT INTO incident_declarations(incident_id, stage, submitted_at, "
            "portal_reference, submitted_by, created_at, updated_at) VALUES (:i, 'initial', :a, "
            ":r, 'rssi@test.fr', 'x', 'x')",
          soci::use(incident), soci::use(at), soci::use(reference);
    };
    event(1, "2026-03-01T09:00:00Z", 1772355600, "Déclaré par téléphone");
    stage(2, "2026-03-02T09:00:00Z", "CS-2");
    event(2, "2026-03-02T09:00:00Z", 1772442000, "Référence du portail : CS-2");
    event(3, "2026-03-03T08:00:00Z", 1772524800, "");
    stage(3, "2026-03-03T09:00:00Z", "CS-3");
  }
  {
    auto db = store::Database::open(url, 1);
    EXPECT_GE(store::migrate(*db), 1);
    auto s = db->lease();
    std::vector<std::string> rows;
    soci::rowset<soci::row> rs =
        (s->prepare << "SELECT incident_id, kind, at_utc, at_unix, note FROM incident_events "
                       "ORDER BY incident_id, at_unix");
    for (const auto& r : rs)
      rows.push_back(std::to_string(store::row_int(r, 0)) + " " + r.get<std::string>(1) + " " +
                     r.get<std::string>(2) + " " + std::to_string(store::row_int(r, 3)) + " " +
                     r.get<std::string>(4));
    EXPECT_EQ(rows, (std::vector<std::string>{
                        "1 declaration_noted 2026-03-01T09:00:00Z 1772355600 Déclaré par téléphone",
                        "2 declaration_submitted 2026-03-02T09:00:00Z 1772442000 Référence du "
                        "portail : CS-2",
                        "3 declaration_noted 2026-03-03T08:00:00Z 1772524800 ",
                        "3 declaration_submitted 2026-03-03T09:00:00Z 1772528400 Référence du "
                        "portail : CS-3"}));
  }
}

// Migration 0053 (issue 19 trial): the dated status history of the incidents, backfilled from
// what exists — the opening (created_at, created_by), the changes the audit trail recorded
// (their instant and actor), a closed incident's last closure at its `closed_at`, and a status
// the trail never said at the incident's last change. Another entity's summary is not read.
TEST_P(StoreTest, Migration53DatesTheStatusHistoryOfIncidents) {
  const ScratchDatabase scratch(GetParam(), "m53");
  const std::string& url = scratch.url;
  {
    auto db = store::Database::open(url, 1);
    store::migrate(*db, 52);
    ASSERT_EQ(store::schema_version(*db), 52);
    auto s = db->lease();
    *s << "INSERT INTO regions(code, name, created_at, updated_at) VALUES ('T1', 'Test', 'x', "
          "'x')";
    *s << "INSERT INTO establishments(finess_et, finess_ej, name, name_search, category, type, "
          "region_code, department, created_at, updated_at) VALUES ('750712184', '750712184', "
          "'CH', 'ch', 'sanitaire', 'ch', 'T1', '75', 'x', 'x')";
    long long e = 0;
    *s << "SELECT id FROM establishments", soci::into(e);
    // 1 open, never changed; 2 contained then closed (closure dated in the past); 3 contained
    // with no trail of it.
    *s << "INSERT INTO incidents(establishment_id, title, status, created_at, created_by, "
          "updated_at) VALUES (:e, 'A', 'open', '2026-03-01T08:00:00Z', 'a@test.fr', "
          "'2026-03-01T08:00:00Z')",
        soci::use(e);
    *s << "INSERT INTO incidents(establishment_id, title, status, created_at, created_by, "
          "updated_at, closed_at) VALUES (:e, 'B', 'closed', '2026-03-02T08:00:00Z', "
          "'b@test.fr', '2026-03-05T08:00:00Z', '2026-03-04T12:00:00Z')",
        soci::use(e);
    *s << "INSERT INTO incidents(establishment_id, title, status, created_at, created_by, "
          "updated_at) VALUES (:e, 'C', 'contained', '2026-03-03T08:00:00Z', 'c@test.fr', "
          "'2026-03-06T08:00:00Z')",
        soci::use(e);
    long long seq = 0;
    auto audit = [&](const std::string& entity, const std::string& key, const std::string& at,
                     const std::string& actor, const std::string& summary) {
      ++seq;
      *s << "INSERT INTO audit_log(seq, at, actor, remote, request_id, action, entity, "
            "entity_key, summary, before_digest, after_digest, prev_hash, hash) VALUES (:q, :a, "
            ":u, '', '', 'update', :e, :k, :s, '', '', '', '')",
          soci::use(seq), soci::use(at), soci::use(actor), soci::use(entity), soci::use(key),
          soci::use(summary);
    };
    audit("incident", "2", "2026-03-03T09:00:00Z", "rssi@test.fr",
          "Incident « B » : statut « Confiné »");
    audit("incident", "2", "2026-03-05T08:00:00Z", "rssi@test.fr",
          "Incident « B » : statut « Clos »");
    audit("incident", "1", "2026-03-05T09:00:00Z", "rssi@test.fr", "Incident « A » qualifié");
    audit("paq_action", "1", "2026-03-05T10:00:00Z", "x@test.fr", "Action : statut « Clos »");
  }
  {
    auto db = store::Database::open(url, 1);
    EXPECT_GE(store::migrate(*db), 1);
    auto s = db->lease();
    std::vector<std::string> rows;
    soci::rowset<soci::row> rs =
        (s->prepare << "SELECT incident_id, status, at, changed_by FROM incident_status_changes "
                       "ORDER BY incident_id, id");
    for (const auto& r : rs)
      rows.push_back(std::to_string(store::row_int(r, 0)) + " " + r.get<std::string>(1) + " " +
                     r.get<std::string>(2) + " " + r.get<std::string>(3));
    EXPECT_EQ(rows,
              (std::vector<std::string>{
                  "1 open 2026-03-01T08:00:00Z a@test.fr", "2 open 2026-03-02T08:00:00Z b@test.fr",
                  "2 contained 2026-03-03T09:00:00Z rssi@test.fr",
                  "2 closed 2026-03-04T12:00:00Z rssi@test.fr",
                  "3 open 2026-03-03T08:00:00Z c@test.fr", "3 contained 2026-03-06T08:00:00Z "}));
    // A status outside the three is refused by the table.
    EXPECT_THROW((*s << "INSERT INTO incident_status_changes(incident_id, status, at) VALUES (1, "
                        "'lost', 'x')"),
                 std::exception);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(carepilot::testing::kBackends));

// PostgreSQL restarted, failed over, or a connection closed by an administrator: the pool
// re-opens the connection instead of keeping a dead one for the life of the process (issue 21).
namespace {
std::int64_t backend_pid(store::Lease& l) {
  int pid = 0;
  *l << "SELECT pg_backend_pid()", soci::into(pid);
  return pid;
}
// Closes the server side of connection `pid` and waits (at most 5 s) until it is gone.
void terminate_backend(std::int64_t pid) {
  auto admin = store::Database::open(std::getenv("CAREPILOT_TEST_PG"), 1);
  auto a = admin->lease();
  int done = 0;
  *a << "SELECT CAST(pg_terminate_backend(" + std::to_string(pid) + ") AS INT)", soci::into(done);
  ASSERT_EQ(done, 1);
  for (int i = 0; i < 100; ++i) {
    long long left = 0;
    *a << "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = " + std::to_string(pid),
        soci::into(left);
    if (left == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL() << "backend " << pid << " still there after 5 s";
}
}  // namespace

TEST(PostgresReconnect, IdleConnectionsClosedByTheServerAreReopenedAtTheirNextLease) {
  carepilot::testing::TestDb t("postgresql", 2);
  auto& db = t.db();
  std::int64_t pids[2];
  {
    auto a = db.lease();
    auto b = db.lease();
    pids[0] = backend_pid(a);
    pids[1] = backend_pid(b);
    EXPECT_EQ(read_counter(a), 0);  // a kept statement on the connection that will die
  }
  for (auto pid : pids) terminate_backend(pid);
  const auto lost = store::connections_lost_in_this_thread();
  EXPECT_EQ(db.reconnect_count(), 0u);
  for (int i = 0; i < 2; ++i) {
    auto l = db.lease();  // both slots, each seen broken and re-opened before use
    EXPECT_NE(backend_pid(l), pids[0]);
    EXPECT_NE(backend_pid(l), pids[1]);
    EXPECT_EQ(read_counter(l), 0);  // the kept statement is prepared again on the new one
    auto m = db.lease();
    EXPECT_EQ(read_counter(m), 0);
  }
  EXPECT_EQ(db.reconnect_count(), 2u);
  EXPECT_EQ(store::connections_lost_in_this_thread(), lost);  // no request failed
  EXPECT_TRUE(db.ping());
  // Healthy connections are kept: no reconnection without a cause.
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(db.ping());
  EXPECT_EQ(db.reconnect_count(), 2u);
}

TEST(PostgresReconnect, AConnectionThatBreaksWhileLeasedFailsThatUseOnlyAndIsCountedLost) {
  carepilot::testing::TestDb t("postgresql", 1);
  auto& db = t.db();
  const auto lost = store::connections_lost_in_this_thread();
  {
    auto l = db.lease();
    EXPECT_EQ(read_counter(l), 0);
    terminate_backend(backend_pid(l));
    EXPECT_THROW(read_counter(l), soci::soci_error);
    EXPECT_EQ(store::connections_lost_in_this_thread(), lost);  // counted when given back
  }
  EXPECT_EQ(store::connections_lost_in_this_thread(), lost + 1);
  auto l = db.lease();
  EXPECT_EQ(read_counter(l), 0);
  EXPECT_EQ(db.reconnect_count(), 1u);
}
