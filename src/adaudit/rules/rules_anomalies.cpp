// Anomalies: domain-wide settings and structural problems (Pre-Windows 2000 group,
// machine account quota, functional level, LAPS, group loops, control paths).
#include <algorithm>

#include "adaudit/rules/rule.hpp"
#include "adaudit/sid.hpp"

namespace carepilot::adaudit {

namespace {

Outcome pre2000(const Context& c, bool anonymous) {
  auto groups = c.builtin_groups(rid::kPreWindows2000);
  if (groups.empty() || !c.dir.at(groups.front()).defined)
    return not_evaluated("groupe « Accès compatible pré-Windows 2000 » absent de la collecte");
  std::vector<std::uint32_t> out;
  for (const auto g : groups)
    for (const auto m : c.dir.at(g).members) {
      const auto sid = sid_part(c.dir.at(m).id);
      const bool anon = sid == kEveryone || sid == kAnonymous;
      if (anonymous ? anon : (!anon && sid != kAuthenticatedUsers)) out.push_back(m);
    }
  return fail_if_any(
      out, anonymous ? "membre{s} anonyme{s} (Tout le monde, Anonyme) du groupe pré-Windows 2000"
                     : "membre{s} non standard du groupe pré-Windows 2000");
}
Outcome pre2000_anonymous(const Context& c) {
  return pre2000(c, true);
}
Outcome pre2000_not_default(const Context& c) {
  return pre2000(c, false);
}

Outcome machine_quota(const Context& c) {
  Outcome o;
  bool known = false;
  for (const auto& d : c.dir.domains) {
    if (!d.machine_account_quota) continue;
    known = true;
    if (*d.machine_account_quota > 0) {
      o.items.push_back(d.name + " : " + std::to_string(*d.machine_account_quota));
      if (d.object != kNone) o.objects.push_back(d.object);
    }
  }
  if (!known) return not_evaluated("ms-DS-MachineAccountQuota absent de la collecte");
  o.status = o.items.empty() ? Status::Pass : Status::Fail;
  o.detail = counted(o.items.size(), "domaine{s} où tout utilisateur peut joindre des machines");
  return o;
}

// Functional level as a comparable number: "2012 R2" -> 2012.5.
double level_value(const std::string& fl) {
  double v = 0;
  for (std::size_t i = 0; i + 4 <= fl.size(); ++i)
    if (std::isdigit(static_cast<unsigned char>(fl[i])) &&
        std::isdigit(static_cast<unsigned char>(fl[i + 3]))) {
      v = std::stoi(fl.substr(i, 4));
      break;
    }
  if (fl.find("R2") != std::string::npos) v += 0.5;
  return v;
}

Outcome functional_level(const Context& c, double below) {
  Outcome o;
  bool known = false;
  for (const auto& d : c.dir.domains) {
    const double v = level_value(d.functional_level);
    if (v == 0) continue;
    known = true;
    if (v < below) {
      o.items.push_back(d.name + " : " + d.functional_level);
      if (d.object != kNone) o.objects.push_back(d.object);
    }
  }
  if (!known) return not_evaluated("niveau fonctionnel absent de la collecte");
  o.status = o.items.empty() ? Status::Pass : Status::Fail;
  o.detail = counted(o.items.size(), "domaine{s} sous le niveau fonctionnel attendu");
  return o;
}
Outcome fl_2008(const Context& c) {
  return functional_level(c, 2008);
}
Outcome fl_2012r2(const Context& c) {
  return functional_level(c, 2012.5);
}
Outcome fl_2016(const Context& c) {
  return functional_level(c, 2016);
}

Outcome laps_absent(const Context& c) {
  bool known = false, any = false;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const Object& o = c.dir.at(i);
    if (o.type != ObjectType::Computer || !o.has(flag::kLapsKnown)) continue;
    known = true;
    any |= o.has(flag::kHasLaps);
  }
  if (!known) return not_evaluated("la collecte n'indique pas la présence de LAPS");
  Outcome out;
  out.status = any ? Status::Pass : Status::Fail;
  out.detail =
      any ? "LAPS est déployé sur au moins un ordinateur" : "aucun ordinateur ne dispose de LAPS";
  return out;
}

Outcome laps_partial(const Context& c) {
  std::vector<std::uint32_t> missing;
  bool any = false;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const Object& o = c.dir.at(i);
    if (!is_enabled_computer(o) || !o.has(flag::kLapsKnown) || c.is_dc(i)) continue;
    if (o.has(flag::kHasLaps)) {
      any = true;
    } else {
      missing.push_back(i);
    }
  }
  if (!any)
    return not_evaluated("LAPS n'est pas déployé (voir le constat « LAPS n'est pas déployé »)");
  return fail_if_any(missing, "ordinateur{s} sans mot de passe LAPS");
}

Outcome group_loops(const Context& c) {
  // Iterative DFS colouring over group -> member group edges.
  const auto n = c.dir.size();
  std::vector<std::uint8_t> colour(n, 0);
  std::vector<std::uint32_t> in_cycle;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (colour[s] || c.dir.at(s).type != ObjectType::Group) continue;
    std::vector<std::pair<std::uint32_t, std::size_t>> stack{{s, 0}};
    colour[s] = 1;
    while (!stack.empty()) {
      auto& [g, k] = stack.back();
      const auto& members = c.dir.at(g).members;
      if (k == members.size()) {
        colour[g] = 2;
        stack.pop_back();
        continue;
      }
      const auto m = members[k++];
      if (c.dir.at(m).type != ObjectType::Group) continue;
      if (colour[m] == 1) {
        in_cycle.push_back(m);
      } else if (colour[m] == 0) {
        colour[m] = 1;
        stack.push_back({m, 0});
      }
    }
  }
  return fail_if_any(in_cycle, "groupe{s} pris dans une boucle d'imbrication");
}

Outcome exposed(const Context& c, ObjectType type) {
  std::vector<std::uint32_t> out;
  for (const auto i : c.paths.exposed)
    if (c.dir.at(i).type == type) out.push_back(i);
  Outcome o = fail_if_any(
      out,
      type == ObjectType::User
          ? "utilisateur{s} non privilégié{s} disposant d'un chemin de contrôle vers le Tier 0"
          : "ordinateur{s} non privilégié{s} disposant d'un chemin de contrôle vers le Tier 0");
  return o;
}
Outcome exposed_users(const Context& c) {
  return exposed(c, ObjectType::User);
}
Outcome exposed_computers(const Context& c) {
  return exposed(c, ObjectType::Computer);
}

Outcome broad_groups(const Context& c) {
  // Everyone, Authenticated Users, Domain Users, Domain Computers, Users with a path.
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const auto& id = c.dir.at(i).id;
    const auto sid = sid_part(id);
    const auto r = domain_rid(id);
    const bool broad = sid == kEveryone || sid == kAuthenticatedUsers || r == rid::kDomainUsers ||
                       r == rid::kDomainComputers || is_builtin(id, rid::kBuiltinUsers);
    if (broad && c.paths.has_path(i)) out.push_back(i);
  }
  return fail_if_any(out,
                     "groupe{s} large{s} (Tout le monde, Utilisateurs du domaine...) ayant un "
                     "chemin vers le Tier 0");
}

Outcome admin_everywhere(const Context& c) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const Object& o = c.dir.at(i);
    if (o.type != ObjectType::Computer) continue;
    for (const auto a : o.local_admins) {
      const auto& id = c.dir.at(a).id;
      const auto sid = sid_part(id);
      if (sid == kEveryone || sid == kAuthenticatedUsers || domain_rid(id) == rid::kDomainUsers)
        out.push_back(i);
    }
  }
  return fail_if_any(out, "ordinateur{s} dont un groupe large est administrateur local");
}

}  // namespace

std::vector<Rule> anomaly_rules() {
  using C = Category;
  return {
      {{"A-PreWin2000Anonymous",
        "Le groupe « Accès compatible pré-Windows 2000 » contient Anonyme ou Tout le monde",
        C::Anomalies, "", 0, 15,
        "Une session anonyme peut alors lire l'annuaire (comptes, groupes).",
        "Retirer Anonyme et Tout le monde du groupe.", ""},
       pre2000_anonymous},
      {{"A-PreWin2000Other", "Membres non standard du groupe « Accès compatible pré-Windows 2000 »",
        C::Anomalies, "", 0, 5,
        "Ce groupe donne des droits de lecture étendus hérités d'anciens systèmes.",
        "Ne laisser que les membres strictement nécessaires (idéalement aucun).", ""},
       pre2000_not_default},
      {{"A-MachineAccountQuota", "Tout utilisateur peut joindre des machines au domaine",
        C::Anomalies, "", 0, 10,
        "Un compte machine créé par n'importe quel utilisateur sert de point d'appui à plusieurs "
        "attaques (RBCD, "
        "relais).",
        "Mettre ms-DS-MachineAccountQuota à 0 et déléguer la jonction à un groupe dédié.", ""},
       machine_quota},
      {{"A-FunctionalLevel2008", "Niveau fonctionnel de domaine antérieur à 2008", C::Anomalies, "",
        0, 20, "Les niveaux anciens imposent des protocoles obsolètes (NTLMv1, DES, RC4).",
        "Retirer les anciens contrôleurs et relever le niveau fonctionnel.", ""},
       fl_2008},
      {{"A-FunctionalLevel2012R2", "Niveau fonctionnel de domaine antérieur à 2012 R2",
        C::Anomalies, "", 0, 10,
        "Le niveau 2012 R2 apporte les protections de Protected Users côté contrôleur.",
        "Relever le niveau fonctionnel du domaine et de la forêt.", ""},
       fl_2012r2},
      {{"A-FunctionalLevel2016", "Niveau fonctionnel de domaine antérieur à 2016", C::Anomalies, "",
        0, 5, "Le niveau 2016 permet l'expiration des secrets NTLM des comptes à carte.",
        "Relever le niveau fonctionnel à 2016.", ""},
       fl_2016},
      {{"A-LAPS-NotInstalled", "LAPS n'est pas déployé", C::Anomalies, "", 0, 15,
        "Sans LAPS, les mots de passe administrateur locaux sont souvent identiques : une machine "
        "compromise donne "
        "toutes les autres.",
        "Déployer Windows LAPS sur tous les postes et serveurs.", "Microsoft, Windows LAPS"},
       laps_absent},
      {{"A-LAPS-Partial", "Ordinateurs sans LAPS", C::Anomalies, "", 0, 5,
        "Les ordinateurs sans LAPS gardent un mot de passe administrateur local commun.",
        "Étendre la stratégie LAPS à ces ordinateurs.", ""},
       laps_partial},
      {{"A-GroupLoop", "Boucles d'imbrication de groupes", C::Anomalies, "", 0, 5,
        "Les boucles d'imbrication rendent les appartenances illisibles et les revues de droits "
        "fausses.",
        "Casser les boucles en retirant une des imbrications.", ""},
       group_loops},
      {{"A-ExposedUsers", "Utilisateurs non privilégiés disposant d'un chemin vers le Tier 0",
        C::Anomalies, "", 0, 20,
        "Chacun de ces comptes, s'il est compromis, mène à la prise de contrôle du domaine.",
        "Couper les chemins en commençant par les points de passage obligés indiqués dans le "
        "rapport.",
        ""},
       exposed_users},
      {{"A-ExposedComputers", "Ordinateurs non privilégiés disposant d'un chemin vers le Tier 0",
        C::Anomalies, "", 0, 15,
        "Une machine compromise de cette liste mène au contrôle du domaine.",
        "Couper les chemins (sessions d'administrateurs, droits d'administration locale, "
        "délégations).",
        ""},
       exposed_computers},
      {{"A-BroadGroupPath", "Groupes larges ayant un chemin vers le Tier 0", C::Anomalies, "", 0,
        30, "N'importe quel compte du domaine peut alors prendre le contrôle du domaine.",
        "Retirer immédiatement les droits accordés à ces groupes sur les objets du chemin.", ""},
       broad_groups},
      {{"A-AdminEverywhere", "Groupes larges administrateurs locaux", C::Anomalies, "", 0, 15,
        "Tout utilisateur est administrateur de ces machines et peut y récupérer les secrets des "
        "sessions ouvertes.",
        "Retirer Utilisateurs du domaine, Tout le monde et Utilisateurs authentifiés des "
        "administrateurs locaux.",
        ""},
       admin_everywhere},
  };
}

}  // namespace carepilot::adaudit
