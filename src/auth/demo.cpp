#include "auth/demo.hpp"

#include "auth/accounts.hpp"
#include "registry/catalog.hpp"

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
    std::string name;  // shown where they acted, rather than their address (issue 18 trial)
  };
  const auto* region = registry::Catalog::builtin().region(est.region_code);
  const std::string ars = "ARS " + (region ? region->name : est.region_code);
  const std::string ch = "CH de Cholet-Mauges";
  const Account accounts[] = {
      {"editeur@demo.carepilot.fr", Role::establishment_editor, Scope::establishment(est.id),
       "Julien Moreau (" + ch + ")"},
      {"lecteur@demo.carepilot.fr", Role::establishment_reader, Scope::establishment(est.id),
       "Sophie Bernard (" + ch + ")"},
      {"rssi@demo.carepilot.fr", Role::establishment_security_officer, Scope::establishment(est.id),
       "Nicolas Petit, RSSI (" + ch + ")"},
      {"ars@demo.carepilot.fr", Role::regional_manager, Scope::region(est.region_code),
       "Camille Martin (" + ars + ")"},
      {"admin@demo.carepilot.fr", Role::national_admin, Scope::nation(),
       "Claire Durand (administration nationale)"},
  };
  int created = 0;
  const Actor actor{"demo", "", ""};
  for (const auto& a : accounts) {
    if (auto existing = store.user_by_email(a.email)) {
      // An account of an earlier demo, without its name: named now.
      if (existing->display_name.empty()) {
        auto named = *existing;
        named.display_name = a.name;
        store.update_user(*existing, named, "Nom affiché : " + a.name, actor);
      }
      continue;
    }
    create_account(store, a.email, kDemoPassword, a.role, a.scope, cost, actor, a.name);
    ++created;
  }
  return created;
}

}  // namespace carepilot::auth
