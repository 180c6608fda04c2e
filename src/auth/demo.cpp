#include "auth/demo.hpp"

#include "auth/accounts.hpp"

namespace carepilot::auth {

int seed_demo_accounts(AuthStore& store, registry::Repository& registry, HashCost cost) {
  registry::EstablishmentFilter f;
  f.query = "Cholet-Mauges";
  auto page = registry.list(Scope::nation(), f);
  if (page.items.empty()) return 0;  // no demo territory
  const auto& est = page.items.front();
  // Demo accounts (with a published password) exist only beside demo data: never in a
  // database that holds a real establishment, never on a real establishment of that name.
  if (!est.is_demo || registry.real_establishments() > 0) return 0;
  struct Account {
    const char* email;
    Role role;
    Scope scope;
  };
  const Account accounts[] = {
      {"editeur@demo.carepilot.fr", Role::establishment_editor, Scope::establishment(est.id)},
      {"lecteur@demo.carepilot.fr", Role::establishment_reader, Scope::establishment(est.id)},
      {"rssi@demo.carepilot.fr", Role::establishment_security_officer,
       Scope::establishment(est.id)},
      {"ars@demo.carepilot.fr", Role::regional_manager, Scope::region(est.region_code)},
      {"admin@demo.carepilot.fr", Role::national_admin, Scope::nation()},
  };
  int created = 0;
  const Actor actor{"demo", "", ""};
  for (const auto& a : accounts) {
    if (store.user_by_email(a.email)) continue;
    create_account(store, a.email, kDemoPassword, a.role, a.scope, cost, actor);
    ++created;
  }
  return created;
}

}  // namespace carepilot::auth
