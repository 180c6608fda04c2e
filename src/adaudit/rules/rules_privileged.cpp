// Privileged accounts: the members of the administration groups, their settings, and the
// rights others hold on Tier 0 (DCSync, GPOs, ACLs, delegation).
#include <algorithm>
#include <unordered_set>

#include "adaudit/rules/rule.hpp"
#include "adaudit/sid.hpp"

namespace carepilot::adaudit {

namespace {

std::vector<std::uint32_t> privileged_users(const Context& c) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i)
    if (c.is_priv(i) && is_enabled_user(c.dir.at(i)) && domain_rid(c.dir.at(i).id) != rid::kKrbtgt)
      out.push_back(i);
  return out;
}

template <typename Pred>
Outcome priv_users_where(const Context& c, Pred&& pred, const std::string& what) {
  std::vector<std::uint32_t> out;
  for (const auto i : privileged_users(c))
    if (pred(c.dir.at(i), i)) out.push_back(i);
  return fail_if_any(out, what);
}

std::vector<std::uint32_t> krbtgts(const Context& c) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const Object& o = c.dir.at(i);
    if (o.defined && o.type == ObjectType::User && domain_rid(o.id) == rid::kKrbtgt)
      out.push_back(i);
  }
  return out;
}

Outcome krbtgt_age(const Context& c, std::int64_t days) {
  auto all = krbtgts(c);
  if (all.empty()) return not_evaluated("compte krbtgt absent de la collecte");
  std::vector<std::uint32_t> old;
  for (const auto i : all)
    if (c.dir.at(i).pwd_last_set > 0 && c.age_days(c.dir.at(i).pwd_last_set) > days)
      old.push_back(i);
  return fail_if_any(
      old, "compte{s} krbtgt dont le mot de passe a plus de " + std::to_string(days) + " jours");
}
Outcome krbtgt_180(const Context& c) {
  return krbtgt_age(c, 180);
}
Outcome krbtgt_365(const Context& c) {
  return krbtgt_age(c, 365);
}

Outcome spn_priv(const Context& c) {
  return priv_users_where(
      c, [](const Object& o, std::uint32_t) { return !o.spns.empty(); },
      "compte{s} privilégié{s} avec un SPN (kerberoasting)");
}
Outcome preauth_priv(const Context& c) {
  return priv_users_where(
      c, [](const Object& o, std::uint32_t) { return o.has(flag::kDontReqPreauth); },
      "compte{s} privilégié{s} sans pré-authentification Kerberos");
}
Outcome never_expires_priv(const Context& c) {
  return priv_users_where(
      c, [](const Object& o, std::uint32_t) { return o.has(flag::kPwdNeverExpires); },
      "compte{s} privilégié{s} dont le mot de passe n'expire jamais");
}
Outcome old_password_priv(const Context& c) {
  return priv_users_where(
      c,
      [&](const Object& o, std::uint32_t) {
        return o.pwd_last_set > 0 && c.age_days(o.pwd_last_set) > 3 * 365;
      },
      "compte{s} privilégié{s} dont le mot de passe a plus de 3 ans");
}
Outcome protected_users(const Context& c) {
  if (c.groups_with_rid(rid::kProtectedUsers).empty())
    return not_evaluated("groupe Protected Users absent de la collecte");
  return priv_users_where(
      c, [&](const Object&, std::uint32_t i) { return !c.protected_users[i]; },
      "compte{s} privilégié{s} hors du groupe Protected Users");
}
Outcome not_sensitive(const Context& c) {
  return priv_users_where(
      c, [](const Object& o, std::uint32_t) { return !o.has(flag::kSensitive); },
      "compte{s} privilégié{s} délégable{s} (non marqué{s} « sensible »)");
}
Outcome reversible_priv(const Context& c) {
  return priv_users_where(
      c, [](const Object& o, std::uint32_t) { return o.has(flag::kReversible); },
      "compte{s} privilégié{s} au mot de passe réversible");
}
Outcome inactive_priv(const Context& c) {
  return priv_users_where(
      c, [&](const Object& o, std::uint32_t) { return c.age_days(o.last_logon) > 180; },
      "compte{s} privilégié{s} actif{s} inutilisé{s} depuis 180 jours");
}
Outcome admincount_missing(const Context& c) {
  return priv_users_where(
      c, [](const Object& o, std::uint32_t) { return !o.has(flag::kAdminCount); },
      "membre{s} de groupes privilégiés sans adminCount");
}

Outcome too_many_admins(const Context& c) {
  auto users = privileged_users(c);
  Outcome o = fail_if_any(users, "compte{s} utilisateur{s} privilégié{s} actif{s}");
  if (users.size() <= 50) o.status = Status::Pass;
  o.detail += " (seuil : 50)";
  return o;
}

Outcome group_members(const Context& c, std::vector<std::uint32_t> groups,
                      const std::string& what) {
  std::vector<std::uint32_t> out;
  for (const auto g : groups)
    for (const auto m : c.members_of(g))
      if (c.dir.at(m).defined) out.push_back(m);
  return fail_if_any(out, what);
}
Outcome schema_admins(const Context& c) {
  return group_members(c, c.groups_with_rid(rid::kSchemaAdmins),
                       "membre{s} du groupe Schema Admins");
}
Outcome operators(const Context& c) {
  std::vector<std::uint32_t> groups;
  for (auto r :
       {rid::kAccountOperators, rid::kServerOperators, rid::kPrintOperators, rid::kBackupOperators})
    for (auto g : c.builtin_groups(r)) groups.push_back(g);
  return group_members(c, groups, "membre{s} des groupes d'opérateurs");
}
Outcome dnsadmins(const Context& c) {
  std::vector<std::uint32_t> groups;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const Object& o = c.dir.at(i);
    if (o.type == ObjectType::Group && lower(o.name).starts_with("dnsadmins")) groups.push_back(i);
  }
  return group_members(c, groups, "membre{s} du groupe DnsAdmins");
}

// Principals that may legitimately hold rights on Tier 0: Tier 0 itself.
bool trusted_holder(const Context& c, std::uint32_t p) {
  return c.is_priv(p);
}

Outcome dcsync(const Context& c) {
  std::vector<std::uint32_t> out;
  for (const auto& d : c.dir.domains) {
    if (d.object == kNone) continue;
    for (const auto& a : c.dir.at(d.object).aces)
      if (a.right == Right::DCSync && !trusted_holder(c, a.principal) &&
          domain_rid(c.dir.at(a.principal).id) != rid::kEnterpriseRodcs)
        out.push_back(a.principal);
  }
  return fail_if_any(out, "principa{l|ux} non administrateur{s} disposant des droits DCSync");
}

bool dangerous(Right r) {
  return r == Right::GenericAll || r == Right::GenericWrite || r == Right::WriteDacl ||
         r == Right::WriteOwner || r == Right::Owns || r == Right::AddMember ||
         r == Right::ForceChangePassword || r == Right::AllExtendedRights ||
         r == Right::AddKeyCredentialLink || r == Right::WriteSPN || r == Right::AddAllowedToAct ||
         r == Right::WriteAccountRestrictions || r == Right::AddSelf;
}

// Non-Tier-0 principals with a dangerous right on the objects `target` selects.
template <typename Target>
Outcome rights_on(const Context& c, Target&& target, const std::string& what) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    if (!target(i)) continue;
    for (const auto& a : c.dir.at(i).aces)
      if (dangerous(a.right) && !trusted_holder(c, a.principal)) out.push_back(a.principal);
  }
  return fail_if_any(out, what);
}

Outcome gpo_priv(const Context& c) {
  // GPOs linked to a domain or an OU that contains a privileged object.
  std::vector<std::uint8_t> holds_priv(c.dir.size(), 0);
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    if (!c.is_priv(i) || c.dir.at(i).type == ObjectType::Domain) continue;
    for (std::uint32_t p = c.dir.at(i).parent, guard = 0; p != kNone && guard < 64;
         p = c.dir.at(p).parent, ++guard)
      holds_priv[p] = 1;
  }
  std::vector<std::uint8_t> gpo(c.dir.size(), 0);
  for (std::uint32_t i = 0; i < c.dir.size(); ++i)
    if (holds_priv[i] || c.dir.at(i).type == ObjectType::Domain)
      for (const auto& l : c.dir.at(i).links) gpo[l.gpo] = 1;
  return rights_on(
      c, [&](std::uint32_t i) { return gpo[i] != 0; },
      "principa{l|ux} non administrateur{s} pouvant modifier une GPO appliquée aux comptes "
      "privilégiés");
}
Outcome acl_priv(const Context& c) {
  return rights_on(
      c,
      [&](std::uint32_t i) {
        const Object& o = c.dir.at(i);
        return c.is_priv(i) && (o.type == ObjectType::User || o.type == ObjectType::Group) &&
               o.defined;
      },
      "principa{l|ux} non administrateur{s} ayant des droits de contrôle sur des comptes ou "
      "groupes "
      "privilégiés");
}
Outcome acl_dc(const Context& c) {
  return rights_on(
      c, [&](std::uint32_t i) { return c.is_dc(i); },
      "principa{l|ux} non administrateur{s} ayant des droits de contrôle sur des contrôleurs de "
      "domaine");
}
Outcome owner_priv(const Context& c) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    if (!c.tier0[i] && !(c.is_priv(i) && c.dir.at(i).type != ObjectType::Computer)) continue;
    for (const auto& a : c.dir.at(i).aces)
      if (a.right == Right::Owns && !trusted_holder(c, a.principal)) out.push_back(i);
  }
  return fail_if_any(out, "objet{s} privilégié{s} dont le propriétaire n'est pas administrateur");
}

Outcome unconstrained(const Context& c) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const Object& o = c.dir.at(i);
    if ((is_enabled_user(o) || is_enabled_computer(o)) && o.has(flag::kUnconstrained) &&
        !c.is_dc(i))
      out.push_back(i);
  }
  return fail_if_any(out, "compte{s} hors contrôleurs de domaine avec délégation non contrainte");
}

Outcome delegation_to_priv(const Context& c, bool protocol_transition) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const Object& o = c.dir.at(i);
    if (!(is_enabled_user(o) || is_enabled_computer(o)) || c.is_dc(i)) continue;
    if (o.has(flag::kTrustedToAuth) != protocol_transition) continue;
    for (const auto t : o.delegate_to)
      if (c.tier0[t] || c.is_priv(t)) out.push_back(i);
  }
  return fail_if_any(out, protocol_transition
                              ? "compte{s} en délégation contrainte avec transition de protocole "
                                "vers un service privilégié"
                              : "compte{s} en délégation contrainte vers un service privilégié");
}
Outcome delegation_t2a4d(const Context& c) {
  return delegation_to_priv(c, true);
}
Outcome delegation_a2d2(const Context& c) {
  return delegation_to_priv(c, false);
}

Outcome rbcd_priv(const Context& c) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    if (!c.tier0[i] && !c.is_priv(i)) continue;
    for (const auto p : c.dir.at(i).allowed_to_act)
      if (!trusted_holder(c, p)) out.push_back(p);
  }
  return fail_if_any(
      out, "compte{s} autorisé{s} à agir au nom d'autrui (RBCD) vers un objet privilégié");
}

Outcome sid_history_dangerous(const Context& c) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const Object& o = c.dir.at(i);
    if (!o.defined) continue;
    const auto own = domain_of_sid(o.id);
    for (const auto h : o.sid_history) {
      const auto& hid = c.dir.at(h).id;
      const auto r = domain_rid(hid);
      const bool same_domain = !own.empty() && domain_of_sid(hid) == own;
      const bool privileged_rid = (r > 0 && r < 1000) || sid_part(hid).starts_with("S-1-5-32-");
      if (same_domain || privileged_rid || c.is_priv(h)) out.push_back(i);
    }
  }
  return fail_if_any(
      out, "objet{s} dont l'historique de SID est anormal (même domaine ou SID privilégié)");
}

Outcome priv_sessions(const Context& c) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i) {
    const Object& o = c.dir.at(i);
    if (o.type != ObjectType::Computer || c.is_dc(i)) continue;
    for (const auto u : o.sessions)
      if (c.is_priv(u) && c.dir.at(u).type == ObjectType::User) out.push_back(u);
  }
  return fail_if_any(out, "compte{s} privilégié{s} connecté{s} sur des machines hors Tier 0");
}

Outcome priv_computers(const Context& c) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i)
    if (c.is_priv(i) && is_enabled_computer(c.dir.at(i)) && !c.is_dc(i)) out.push_back(i);
  return fail_if_any(out,
                     "ordinateur{s} hors contrôleurs de domaine membre{s} de groupes privilégiés");
}

constexpr std::string_view kTier0Fix =
    "Retirer ces droits ; n'accorder de droits sur le Tier 0 qu'aux comptes du Tier 0 (modèle en "
    "tiers).";

}  // namespace

std::vector<Rule> privileged_account_rules() {
  using C = Category;
  return {
      {{"P-Krbtgt180", "Mot de passe du compte krbtgt inchangé depuis plus de 180 jours",
        C::PrivilegedAccounts, "", 0, 10,
        "Un attaquant ayant volé la clé krbtgt forge des tickets (Golden Ticket) tant qu'elle ne "
        "change pas.",
        "Changer deux fois le mot de passe krbtgt, en respectant le délai de réplication, au moins "
        "tous les 180 jours.",
        "CERT-FR, bonnes pratiques krbtgt"},
       krbtgt_180},
      {{"P-Krbtgt", "Mot de passe du compte krbtgt inchangé depuis plus d'un an",
        C::PrivilegedAccounts, "", 0, 20,
        "La clé krbtgt signe tous les tickets Kerberos du domaine.",
        "Changer deux fois le mot de passe krbtgt, en respectant le délai de réplication.", ""},
       krbtgt_365},
      {{"P-SpnPriv", "Comptes privilégiés avec un SPN", C::PrivilegedAccounts, "", 0, 20,
        "Tout utilisateur du domaine peut demander un ticket de service pour un SPN et casser hors "
        "ligne le mot de "
        "passe du compte (kerberoasting).",
        "Retirer les SPN des comptes privilégiés ; utiliser des comptes de service dédiés non "
        "privilégiés (gMSA).",
        ""},
       spn_priv},
      {{"P-NoPreauthPriv", "Comptes privilégiés sans pré-authentification Kerberos",
        C::PrivilegedAccounts, "", 0, 20,
        "Le mot de passe d'un compte privilégié peut être attaqué hors ligne sans aucune "
        "authentification.",
        "Réactiver la pré-authentification Kerberos sur ces comptes.", ""},
       preauth_priv},
      {{"P-PwdNeverExpiresPriv", "Comptes privilégiés dont le mot de passe n'expire jamais",
        C::PrivilegedAccounts, "", 0, 15,
        "Un mot de passe d'administration figé reste exploitable après une fuite.",
        "Retirer l'option et imposer le renouvellement des mots de passe d'administration.", ""},
       never_expires_priv},
      {{"P-PwdOldPriv", "Comptes privilégiés dont le mot de passe a plus de 3 ans",
        C::PrivilegedAccounts, "", 0, 15,
        "Un vieux mot de passe a pu fuiter, être partagé, ou être haché avec des algorithmes "
        "faibles.",
        "Changer les mots de passe des comptes privilégiés et désactiver ceux qui ne servent plus.",
        ""},
       old_password_priv},
      {{"P-ProtectedUsers", "Comptes privilégiés hors du groupe Protected Users",
        C::PrivilegedAccounts, "", 0, 10,
        "Protected Users interdit NTLM, la délégation et le cache des secrets pour ses membres.",
        "Ajouter les comptes d'administration nominatifs au groupe Protected Users après test.",
        ""},
       protected_users},
      {{"P-Delegated", "Comptes privilégiés délégables", C::PrivilegedAccounts, "", 0, 10,
        "Un compte privilégié délégable peut être usurpé par un service en délégation.",
        "Cocher « Le compte est sensible et ne peut pas être délégué » sur les comptes "
        "privilégiés.",
        ""},
       not_sensitive},
      {{"P-ReversiblePriv", "Comptes privilégiés au mot de passe stocké de manière réversible",
        C::PrivilegedAccounts, "", 0, 15,
        "Le mot de passe d'administration est récupérable en clair.",
        "Retirer l'option et changer le mot de passe.", ""},
       reversible_priv},
      {{"P-InactivePriv", "Comptes privilégiés inutilisés", C::PrivilegedAccounts, "", 0, 10,
        "Un compte d'administration inutilisé élargit la surface d'attaque sans utilité.",
        "Désactiver les comptes d'administration inutilisés et les retirer des groupes.", ""},
       inactive_priv},
      {{"P-AdminCount", "Membres de groupes privilégiés sans attribut adminCount",
        C::PrivilegedAccounts, "", 0, 5,
        "Un membre sans adminCount n'est pas protégé par AdminSDHolder : l'appartenance est "
        "peut-être récente ou "
        "illégitime.",
        "Vérifier la légitimité de ces appartenances.", ""},
       admincount_missing},
      {{"P-TooManyAdmins", "Nombre important de membres des groupes privilégiés",
        C::PrivilegedAccounts, "", 0, 10,
        "Plus il y a d'administrateurs, plus il y a de comptes à compromettre.",
        "Réduire les groupes privilégiés au strict nécessaire ; déléguer finement les tâches "
        "courantes.",
        ""},
       too_many_admins},
      {{"P-SchemaAdmins", "Le groupe Schema Admins n'est pas vide", C::PrivilegedAccounts, "", 0,
        10, "Schema Admins ne doit être peuplé que le temps d'une modification du schéma.",
        "Vider le groupe Schema Admins et ne l'utiliser que ponctuellement.", ""},
       schema_admins},
      {{"P-Operators", "Les groupes d'opérateurs ne sont pas vides", C::PrivilegedAccounts, "", 0,
        10,
        "Les opérateurs de comptes, serveurs, impression et sauvegarde peuvent prendre le contrôle "
        "du domaine.",
        "Vider ces groupes et déléguer les tâches par des droits ciblés.", ""},
       operators},
      {{"P-DnsAdmins", "Le groupe DnsAdmins n'est pas vide", C::PrivilegedAccounts, "", 0, 5,
        "Un membre de DnsAdmins peut faire charger une DLL par le service DNS des contrôleurs de "
        "domaine.",
        "Vider DnsAdmins ou le traiter comme un groupe du Tier 0.", ""},
       dnsadmins},
      {{"P-DCSync", "Droits de réplication (DCSync) détenus hors des contrôleurs de domaine",
        C::PrivilegedAccounts, "", 0, 30,
        "Les droits de réplication permettent de récupérer les secrets de tous les comptes, dont "
        "krbtgt.",
        kTier0Fix, ""},
       dcsync},
      {{"P-GpoPriv", "Droits de modification sur des GPO appliquées aux comptes privilégiés",
        C::PrivilegedAccounts, "", 0, 25,
        "Modifier une GPO appliquée au Tier 0 permet d'exécuter du code sur les contrôleurs ou "
        "avec les comptes "
        "d'administration.",
        kTier0Fix, ""},
       gpo_priv},
      {{"P-AclPriv", "Droits de contrôle sur des comptes ou groupes privilégiés",
        C::PrivilegedAccounts, "", 0, 25,
        "Un droit d'écriture sur un administrateur ou un groupe privilégié est un chemin direct "
        "vers le domaine.",
        kTier0Fix, ""},
       acl_priv},
      {{"P-AclDc", "Droits de contrôle sur les objets contrôleurs de domaine",
        C::PrivilegedAccounts, "", 0, 25,
        "Contrôler l'objet d'un DC permet de le compromettre (RBCD, clés).", kTier0Fix, ""},
       acl_dc},
      {{"P-Owner", "Objets privilégiés dont le propriétaire n'est pas administrateur",
        C::PrivilegedAccounts, "", 0, 10,
        "Le propriétaire d'un objet peut toujours en modifier les permissions.",
        "Donner la propriété de ces objets à Domain Admins.", ""},
       owner_priv},
      {{"P-UnconstrainedDelegation",
        "Délégation Kerberos non contrainte hors contrôleurs de domaine", C::PrivilegedAccounts, "",
        0, 20,
        "Un serveur en délégation non contrainte conserve les tickets des utilisateurs qui s'y "
        "connectent, "
        "administrateurs compris.",
        "Remplacer par de la délégation contrainte ou la supprimer.", ""},
       unconstrained},
      {{"P-DelegationT2A4D",
        "Délégation contrainte avec transition de protocole vers un service privilégié",
        C::PrivilegedAccounts, "", 0, 25,
        "Le compte peut obtenir un ticket au nom de n'importe quel utilisateur vers un service du "
        "Tier 0.",
        "Supprimer la délégation vers les services des contrôleurs de domaine.", ""},
       delegation_t2a4d},
      {{"P-DelegationA2D2", "Délégation contrainte vers un service privilégié",
        C::PrivilegedAccounts, "", 0, 20,
        "Une délégation vers un service du Tier 0 y donne un accès usurpable.",
        "Supprimer la délégation vers les services des contrôleurs de domaine.", ""},
       delegation_a2d2},
      {{"P-RbcdPriv", "Délégation basée sur la ressource vers des objets privilégiés",
        C::PrivilegedAccounts, "", 0, 25,
        "Un compte autorisé à agir au nom d'autrui sur un objet privilégié peut s'y authentifier "
        "comme un "
        "administrateur.",
        "Vider l'attribut msDS-AllowedToActOnBehalfOfOtherIdentity des objets privilégiés.", ""},
       rbcd_priv},
      {{"P-SidHistoryDangerous", "Historique de SID d'apparence non conforme",
        C::PrivilegedAccounts, "", 0, 20,
        "Un SID du même domaine ou d'un groupe privilégié dans sIDHistory est une porte dérobée "
        "classique.",
        "Supprimer ces valeurs de sIDHistory.", ""},
       sid_history_dangerous},
      {{"P-PrivSessions", "Comptes privilégiés connectés sur des machines hors Tier 0",
        C::PrivilegedAccounts, "", 0, 10,
        "Les secrets d'un administrateur restent en mémoire sur les machines où il se connecte.",
        "N'utiliser les comptes du Tier 0 que sur des postes et serveurs du Tier 0.", ""},
       priv_sessions},
      {{"P-PrivComputers", "Ordinateurs membres de groupes privilégiés", C::PrivilegedAccounts, "",
        0, 10,
        "Le compte machine d'un serveur membre d'un groupe privilégié rend ce serveur équivalent à "
        "un DC.",
        "Retirer les comptes d'ordinateurs des groupes privilégiés.", ""},
       priv_computers},
  };
}

}  // namespace carepilot::adaudit
