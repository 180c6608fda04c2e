// Signs a benchmark user in, straight in the store: creates (once) the national reader
// bench@carepilot.test, then opens a full session for it — what POST /connexion and the
// second factor end with — and an API token. Prints two lines: "cp_session=…" (the Cookie
// header value) and "Bearer cpt_…" (the Authorization header value).
// Usage: bench_web_login DATABASE_URL
#include <chrono>
#include <iostream>

#include "auth/accounts.hpp"
#include "auth/store.hpp"
#include "auth/totp.hpp"
#include "store/audit_key.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

using namespace carepilot;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bench_web_login DATABASE_URL\n";
    return 2;
  }
  try {
    store::use_audit_key_from_environment();  // writes append to the keyed audit trail
    auto db = store::Database::open(argv[1], 1);
    store::migrate(*db);
    auth::AuthStore store(*db);
    const std::string email = "bench@carepilot.test";
    const Actor actor{"bench", "", ""};
    auto u = store.user_by_email(email);
    if (!u)
      u = auth::create_account(store, email, auth::random_token(24), Role::national_reader,
                               Scope::nation(), auth::minimal_hash_cost(), actor);
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    auto raw = store.create_session(u->id, true, "127.0.0.1", now);
    auth::ApiToken t;
    t.user_id = u->id;
    t.name = "bench";
    t.role = Role::national_reader;
    t.scope = Scope::nation();
    t.expires_on = "2099-12-31";
    auto token = store.insert_token(t, actor);
    std::cout << auth::kSessionCookie << "=" << raw << "\nBearer " << token << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_web_login: " << e.what() << "\n";
    return 1;
  }
}
