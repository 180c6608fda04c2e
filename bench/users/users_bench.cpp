// The users page and GET /api/v1/users at national scale (issue 12, point 11): 50,000 accounts
// over 2,000 establishments of every region, on SQLite (and PostgreSQL when
// CAREPILOT_BENCH_PG names a server). Compares
//   - AllAccountsOfScope: what the API did before (every account of the caller's scope read
//     into memory, then filtered and cut to a page in C++), with the same SQL as the removed
//     AuthStore::users_in;
//   - SearchUsers/*: AuthStore::search_users, the filters, sort, LIMIT/OFFSET and the count in
//     SQL (one page of 50), for the nation and for one region, with and without a search text;
//   - UserInScope: one account read by id within a scope (AuthStore::user_in), which the role
//     change, the disable and the second-factor reset do (before: the whole scope was read).
// Usage: bench_users [--benchmark_min_time=0.5]   (docs/benchmarks.md has the figures)
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "auth/store.hpp"
#include "common/scope.hpp"
#include "registry/catalog.hpp"
#include "registry/demo.hpp"
#include "registry/repository.hpp"
#include "store/audit_key.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/scope_filter.hpp"
#include "store/transaction.hpp"

namespace {

using namespace carepilot;

constexpr int kEstablishments = 2000;
constexpr int kAccounts = 50000;

struct Fixture {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<auth::AuthStore> store;
  std::string region;  // the region of establishment 1
  long long some_user = 0;
};

std::string backend_name() {
  const char* pg = std::getenv("CAREPILOT_BENCH_PG");
  return pg && *pg ? "postgresql" : "sqlite";
}

Fixture& fixture() {
  static Fixture f = [] {
    Fixture x;
    std::string url;
    if (const char* pg = std::getenv("CAREPILOT_BENCH_PG"); pg && *pg) {
      url = pg;  // an empty database or schema: the bench seeds it
    } else {
      auto path = std::filesystem::temp_directory_path() / "carepilot_bench_users.db";
      std::filesystem::remove(path);
      std::filesystem::remove(path.string() + "-wal");
      std::filesystem::remove(path.string() + "-shm");
      url = "sqlite:" + path.string();
    }
    store::set_audit_key(store::AuditKey::random());
    x.db = store::Database::open(url, 2);
    store::migrate(*x.db);
    const auto& catalog = registry::Catalog::builtin();
    registry::Repository(*x.db, catalog).seed_regions();
    const auto& deps = catalog.departments();
    auto t0 = std::chrono::steady_clock::now();
    {
      auto s = x.db->lease();
      store::Transaction tx(*s);
      long long id = 0;
      std::string finess, name, search, region, dep;
      const std::string created = "2026-11-23T00:00:00Z";
      soci::statement est =
          (s->prepare << "INSERT INTO establishments (id, finess_et, finess_ej, name, name_search, "
                         "category, type, region_code, department, city, is_demo, created_at, "
                         "updated_at) VALUES (:id, :f, :ej, :n, :ns, 'sanitaire', 'ch', :r, :d, "
                         "'Ville', 1, :c, :u)",
           soci::use(id), soci::use(finess), soci::use(finess), soci::use(name), soci::use(search),
           soci::use(region), soci::use(dep), soci::use(created), soci::use(created));
      for (int i = 1; i <= kEstablishments; ++i) {
        const auto& d = deps[static_cast<std::size_t>(i) % deps.size()];
        id = i;
        char base[16];
        std::snprintf(base, sizeof base, "%.2s%06d", (d.code + "00").c_str(), i);
        finess = registry::with_luhn_key(std::string(base).substr(0, 8));
        name = "Centre hospitalier numéro " + std::to_string(i);
        search = "centre hospitalier numero " + std::to_string(i);
        region = d.region_code;
        dep = d.code;
        est.execute(true);
        if (i == 1) x.region = region;
      }
      // Accounts: mostly establishment roles, some regional and national ones; a tenth
      // disabled, half without a second factor.
      long long uid = 0, est_id = 0, disabled = 0, totp = 0;
      std::string email, display, role, level, ureg;
      soci::statement usr =
          (s->prepare << "INSERT INTO users (id, email, display_name, password_hash, role, "
                         "scope_level, region_code, establishment_id, totp_enabled, disabled, "
                         "created_at, updated_at) VALUES (:i, :e, :n, 'x', :r, :l, :rc, :es, :t, "
                         ":d, :c, :u)",
           soci::use(uid), soci::use(email), soci::use(display), soci::use(role), soci::use(level),
           soci::use(ureg), soci::use(est_id), soci::use(totp), soci::use(disabled),
           soci::use(created), soci::use(created));
      static const char* kRoles[] = {"establishment_reader", "establishment_editor",
                                     "establishment_security_officer"};
      for (int i = 1; i <= kAccounts; ++i) {
        uid = i;
        email = "agent" + std::to_string(i) + "@etablissement" +
                std::to_string(i % kEstablishments + 1) + ".fr";
        display = "Agent " + std::to_string(i);
        disabled = i % 10 == 0 ? 1 : 0;
        totp = i % 2;
        if (i % 500 == 0) {
          role = "regional_manager";
          level = "region";
          ureg = deps[static_cast<std::size_t>(i) % deps.size()].region_code;
          est_id = 0;
        } else {
          role = kRoles[i % 3];
          level = "establishment";
          ureg = "";
          est_id = i % kEstablishments + 1;
        }
        usr.execute(true);
      }
      tx.commit();
    }
    if (backend_name() == "postgresql") {
      auto s = x.db->lease();
      *s << "ANALYZE";
      *s << "SELECT setval(pg_get_serial_sequence('users', 'id'), 60000)";
    }
    x.store = std::make_unique<auth::AuthStore>(*x.db);
    x.some_user = kAccounts / 2 + 1;
    std::cerr << backend_name() << ": " << kAccounts << " accounts, " << kEstablishments
              << " establishments seeded in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - t0)
                     .count()
              << " ms\n";
    return x;
  }();
  return f;
}

Scope region_scope() {
  return Scope::region(fixture().region);
}

// Before: every account of the scope into memory (the SQL of the removed users_in), then the
// filter and the page in C++.
void AllAccountsOfScope(benchmark::State& state, Scope scope, std::string text) {
  auto& f = fixture();
  for (auto _ : state) {
    auto s = f.db->lease();
    store::ScopeFilter sf(scope);
    long long id = 0, est = 0, disabled = 0;
    std::string email, name, role, level;
    soci::statement st(*s);
    st.exchange(soci::into(id));
    st.exchange(soci::into(email));
    st.exchange(soci::into(name));
    st.exchange(soci::into(role));
    st.exchange(soci::into(level));
    st.exchange(soci::into(est));
    st.exchange(soci::into(disabled));
    sf.bind(st, 4, 3, 2);
    st.alloc();
    st.prepare(
        "SELECT u.id, u.email, u.display_name, u.role, u.scope_level, u.establishment_id, "
        "u.disabled FROM users u LEFT JOIN establishments ue ON ue.id = u.establishment_id "
        "LEFT JOIN ghts ug ON ug.id = u.ght_id WHERE 1 = 1" +
        std::string(store::kUserScopeFilterSql) + " ORDER BY u.email");
    st.define_and_bind();
    struct Row {
      long long id;
      std::string email, name, role, level;
    };
    std::vector<Row> all;
    if (st.execute(true)) do
        all.push_back({id, email, name, role, level});
      while (st.fetch());
    std::vector<Row> page;
    for (auto& r : all)
      if (text.empty() || r.email.find(text) != std::string::npos)
        if (page.size() < 50) page.push_back(r);
    benchmark::DoNotOptimize(page);
    state.counters["scope_rows"] = static_cast<double>(all.size());
  }
}

void SearchUsers(benchmark::State& state, Scope scope, std::string text, int page) {
  auto& f = fixture();
  auth::UserSearch q;
  q.query = text;
  q.page = page;
  q.per_page = 50;
  for (auto _ : state) {
    auto r = f.store->search_users(scope, q);
    benchmark::DoNotOptimize(r);
    state.counters["total"] = static_cast<double>(r.total);
  }
}

void SearchUsersFiltered(benchmark::State& state) {
  auto& f = fixture();
  auth::UserSearch q;
  q.role = Role::establishment_security_officer;
  q.disabled = false;
  q.without_second_factor = true;
  q.sort = "-email";
  for (auto _ : state) {
    auto r = f.store->search_users(Scope::nation(), q);
    benchmark::DoNotOptimize(r);
    state.counters["total"] = static_cast<double>(r.total);
  }
}

void UserInScope(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.store->user_in(Scope::nation(), f.some_user));
}

void register_all() {
  benchmark::RegisterBenchmark("AllAccountsOfScope/nation", AllAccountsOfScope, Scope::nation(),
                               std::string())
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("AllAccountsOfScope/nation_search", AllAccountsOfScope,
                               Scope::nation(), std::string("agent4242"))
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("SearchUsers/nation_page1", SearchUsers, Scope::nation(),
                               std::string(), 1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("SearchUsers/nation_page500", SearchUsers, Scope::nation(),
                               std::string(), 500)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("SearchUsers/nation_search", SearchUsers, Scope::nation(),
                               std::string("agent4242"), 1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("SearchUsers/region_page1", SearchUsers, region_scope(),
                               std::string(), 1)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("SearchUsers/nation_filtered", SearchUsersFiltered)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("UserInScope", UserInScope)->Unit(benchmark::kMicrosecond);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
