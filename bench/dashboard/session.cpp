// Opens a signed-in session for the benchmarks: creates the national administrator EMAIL
// (random password; nothing else is changed when it exists) and a full session for it in the
// store, as the sign-in pages would after the password and the second factor, then prints the
// session cookie ("cp_session=…") for curl and wrk.
// With a third argument "token", prints instead an API token of that administrator
// ("cpt_…", for "Authorization: Bearer"): the writers of bench/dashboard/run.sh use it.
// Usage: bench_session DATABASE_URL EMAIL [token]
#include <chrono>
#include <iostream>
#include <string>

#include "auth/accounts.hpp"
#include "auth/model.hpp"
#include "auth/password.hpp"
#include "auth/store.hpp"
#include "auth/totp.hpp"
#include "store/audit_key.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

int main(int argc, char** argv) {
  using namespace carepilot;
  if (argc != 3 && !(argc == 4 && std::string(argv[3]) == "token")) {
    std::cerr << "usage: bench_session DATABASE_URL EMAIL [token]\n";
    return 2;
  }
  try {
    store::use_audit_key_from_environment();  // writes append to the keyed audit trail
    auto db = store::Database::open(argv[1], 1);
    store::migrate(*db);
    auth::AuthStore st(*db);
    auto u = st.user_by_email(argv[2]);
    if (!u)
      u = auth::create_account(st, argv[2], auth::random_token(24) + "-Bench", Role::national_admin,
                               Scope::nation(), auth::minimal_hash_cost(), Actor{"bench", "", ""});
    if (argc == 4) {
      auth::ApiToken t;
      t.user_id = u->id;
      t.name = "bench";
      t.role = Role::national_admin;
      t.scope = Scope::nation();
      t.expires_on = "2099-12-31";
      std::cout << st.insert_token(t, Actor{"bench", "", ""}) << "\n";
      return 0;
    }
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    std::cout << auth::kSessionCookie << "=" << st.create_session(u->id, true, "127.0.0.1", now)
              << "\n";
  } catch (const std::exception& e) {
    std::cerr << "bench_session: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
