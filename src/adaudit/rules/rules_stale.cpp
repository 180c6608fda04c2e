// Stale objects: dormant accounts, old computer passwords, obsolete systems, weak
// account settings that accumulate over time.
#include "adaudit/rules/os_support.hpp"
#include "adaudit/rules/rule.hpp"
#include "adaudit/sid.hpp"

namespace carepilot::adaudit {

namespace {

constexpr std::int64_t kInactiveDays = 180;

template <typename Pred>
std::vector<std::uint32_t> select(const Context& c, Pred&& pred) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < c.dir.size(); ++i)
    if (pred(c.dir.at(i), i)) out.push_back(i);
  return out;
}

Outcome dormant_users(const Context& c) {
  std::size_t enabled = 0;
  auto dormant = select(c, [&](const Object& o, std::uint32_t) {
    if (!is_enabled_user(o)) return false;
    ++enabled;
    return c.age_days(o.last_logon) > kInactiveDays && c.age_days(o.when_created) > kInactiveDays;
  });
  Outcome out =
      fail_if_any(dormant, "compte{s} utilisateur{s} actif{s} sans connexion depuis 180 jours");
  // ANSSI's checkpoint is about a large number: fail above a quarter of enabled accounts.
  if (enabled == 0 || dormant.size() * 4 <= enabled) out.status = Status::Pass;
  out.detail += " sur " + counted(enabled, "actif{s}") + " (seuil : 25 %)";
  return out;
}

Outcome inactive_computers(const Context& c) {
  return fail_if_any(select(c,
                            [&](const Object& o, std::uint32_t i) {
                              return is_enabled_computer(o) && !c.is_dc(i) && !is_server_os(o.os) &&
                                     c.age_days(o.last_logon) > kInactiveDays &&
                                     c.age_days(o.when_created) > kInactiveDays;
                            }),
                     "poste{s} actif{s} sans connexion depuis 180 jours");
}

Outcome inactive_servers(const Context& c) {
  return fail_if_any(select(c,
                            [&](const Object& o, std::uint32_t i) {
                              return is_enabled_computer(o) && !c.is_dc(i) && is_server_os(o.os) &&
                                     c.age_days(o.last_logon) > kInactiveDays &&
                                     c.age_days(o.when_created) > kInactiveDays;
                            }),
                     "serveur{s} actif{s} sans connexion depuis 180 jours");
}

Outcome server_password(const Context& c, std::int64_t days) {
  return fail_if_any(select(c,
                            [&](const Object& o, std::uint32_t i) {
                              return is_enabled_computer(o) && !c.is_dc(i) && is_server_os(o.os) &&
                                     c.age_days(o.last_logon) <= kInactiveDays &&
                                     o.pwd_last_set > 0 && c.age_days(o.pwd_last_set) > days;
                            }),
                     "serveur{s} actif{s} dont le mot de passe machine a plus de " +
                         std::to_string(days) + " jours");
}
Outcome server_password_90(const Context& c) {
  return server_password(c, 90);
}
Outcome server_password_45(const Context& c) {
  return server_password(c, 45);
}

Outcome obsolete(const Context& c, bool servers) {
  return fail_if_any(
      select(c,
             [&](const Object& o, std::uint32_t i) {
               if (!is_enabled_computer(o) || c.is_dc(i) || is_server_os(o.os) != servers)
                 return false;
               const auto end = windows_end_of_support(o.os);
               return end && *end < c.as_of;
             }),
      servers ? "serveur{s} actif{s} dont le système n'est plus maintenu"
              : "poste{s} actif{s} dont le système n'est plus maintenu");
}
Outcome obsolete_workstations(const Context& c) {
  return obsolete(c, false);
}
Outcome obsolete_servers(const Context& c) {
  return obsolete(c, true);
}

Outcome never_expires(const Context& c) {
  return fail_if_any(
      select(c, [](const Object& o,
                   std::uint32_t) { return is_enabled_user(o) && o.has(flag::kPwdNeverExpires); }),
      "compte{s} actif{s} dont le mot de passe n'expire jamais");
}

Outcome not_required(const Context& c) {
  return fail_if_any(
      select(c, [](const Object& o,
                   std::uint32_t) { return is_enabled_user(o) && o.has(flag::kPwdNotRequired); }),
      "compte{s} actif{s} pouvant avoir un mot de passe vide");
}

Outcome reversible(const Context& c) {
  bool known = false;
  auto found = select(c, [&](const Object& o, std::uint32_t) {
    known |= o.has(flag::kReversibleKnown);
    return (is_enabled_user(o) || is_enabled_computer(o)) && o.has(flag::kReversible);
  });
  if (!known) return not_evaluated("la collecte n'indique pas le chiffrement réversible");
  return fail_if_any(found, "compte{s} dont le mot de passe est stocké de façon réversible");
}

Outcome des_only(const Context& c) {
  bool known = false;
  auto found = select(c, [&](const Object& o, std::uint32_t) {
    known |= o.has(flag::kDesOnlyKnown);
    return (is_enabled_user(o) || is_enabled_computer(o)) && o.has(flag::kDesOnly);
  });
  if (!known) return not_evaluated("la collecte n'indique pas l'option « DES uniquement »");
  return fail_if_any(found, "compte{s} limité{s} au chiffrement DES");
}

Outcome preauth(const Context& c) {
  return fail_if_any(
      select(c, [](const Object& o,
                   std::uint32_t) { return is_enabled_user(o) && o.has(flag::kDontReqPreauth); }),
      "compte{s} sans pré-authentification Kerberos (AS-REP roasting)");
}

Outcome sid_history_present(const Context& c) {
  return fail_if_any(select(c,
                            [](const Object& o, std::uint32_t) {
                              return o.defined && !o.sid_history.empty() && !o.has(flag::kDeleted);
                            }),
                     "objet{s} portant un historique de SID");
}

Outcome primary_group(const Context& c) {
  return fail_if_any(select(c,
                            [&](const Object& o, std::uint32_t) {
                              if (!o.defined || o.primary_group == kNone || !o.enabled())
                                return false;
                              const auto r = domain_rid(c.dir.at(o.primary_group).id);
                              if (r == 0) return false;
                              if (o.type == ObjectType::User) {
                                // Managed service accounts (gMSA, sMSA: "NAME$") are created
                                // in Domain Computers.
                                const auto at = o.name.rfind('@');
                                const std::string_view sam = std::string_view(o.name).substr(0, at);
                                if (r == rid::kDomainComputers && sam.ends_with('$')) return false;
                                return r != rid::kDomainUsers && r != rid::kDomainGuests;
                              }
                              if (o.type == ObjectType::Computer)
                                return r != rid::kDomainComputers && r != rid::kDomainControllers &&
                                       r != rid::kRodcs;
                              return false;
                            }),
                     "compte{s} dont le groupe principal a été modifié");
}

Outcome guest_enabled(const Context& c) {
  return fail_if_any(select(c,
                            [](const Object& o, std::uint32_t) {
                              return is_enabled_user(o) && domain_rid(o.id) == rid::kGuest;
                            }),
                     "compte{s} Invité activé{s}");
}

Outcome disabled_privileged(const Context& c) {
  return fail_if_any(select(c,
                            [&](const Object& o, std::uint32_t i) {
                              return o.defined && o.type == ObjectType::User && !o.enabled() &&
                                     c.is_priv(i) && !c.tier0[i];
                            }),
                     "compte{s} désactivé{s} resté{s} membre{s} de groupes privilégiés");
}

constexpr std::string_view kInactiveFix =
    "Désactiver puis supprimer après vérification les comptes inutilisés ; mettre en place une "
    "revue trimestrielle des comptes.";

}  // namespace

std::vector<Rule> stale_object_rules() {
  using C = Category;
  return {
      {{"S-DormantUsers", "Nombre important de comptes utilisateurs actifs inutilisés",
        C::StaleObjects, "", 0, 15,
        "Des comptes actifs mais inutilisés sont des cibles discrètes : leur compromission passe "
        "inaperçue.",
        kInactiveFix, "ANSSI, guide AD : revue des comptes inactifs"},
       dormant_users},
      {{"S-InactiveComputers", "Postes de travail inactifs depuis plus de 180 jours",
        C::StaleObjects, "", 0, 5,
        "Une machine inactive n'est plus mise à jour ; son compte peut être réutilisé par un "
        "attaquant.",
        "Désactiver les comptes d'ordinateurs inactifs puis les supprimer.", ""},
       inactive_computers},
      {{"S-InactiveServers", "Serveurs inactifs", C::StaleObjects, "", 0, 5,
        "Un serveur inactif garde souvent des comptes de service et des droits d'administration.",
        "Décommissionner proprement les serveurs inutilisés et désactiver leur compte.", ""},
       inactive_servers},
      {{"S-ServerPassword90", "Serveurs dont le mot de passe machine a plus de 90 jours",
        C::StaleObjects, "", 0, 10,
        "Un mot de passe machine qui ne change plus signale un serveur mal intégré ou un secret "
        "figé réutilisable.",
        "Vérifier la stratégie de changement du mot de passe machine (DisablePasswordChange, "
        "MaximumPasswordAge).",
        ""},
       server_password_90},
      {{"S-ServerPassword45", "Serveurs dont le mot de passe machine a plus de 45 jours",
        C::StaleObjects, "", 0, 5,
        "Le mot de passe machine change par défaut tous les 30 jours ; au-delà de 45 jours, le "
        "renouvellement est "
        "bloqué.",
        "Rétablir le renouvellement automatique du mot de passe machine.", ""},
       server_password_45},
      {{"S-ObsoleteWorkstations", "Postes sous un système d'exploitation non maintenu",
        C::StaleObjects, "", 0, 15,
        "Un système sans correctifs de sécurité expose ses utilisateurs et sert de point d'entrée.",
        "Migrer ou isoler les postes concernés ; désactiver les comptes des postes retirés.",
        "Microsoft Lifecycle Policy"},
       obsolete_workstations},
      {{"S-ObsoleteServers", "Serveurs sous un système d'exploitation non maintenu",
        C::StaleObjects, "", 0, 20,
        "Un serveur sans correctifs expose les données et les comptes qui s'y connectent.",
        "Migrer les serveurs vers une version maintenue ou les isoler dans l'attente.",
        "Microsoft Lifecycle Policy"},
       obsolete_servers},
      {{"S-PwdNeverExpires", "Comptes dont le mot de passe n'expire jamais", C::StaleObjects, "", 0,
        5, "Un mot de passe qui n'expire jamais reste valable indéfiniment après une fuite.",
        "Retirer l'option ; pour les comptes de service, utiliser des comptes de service gérés "
        "(gMSA).",
        ""},
       never_expires},
      {{"S-PwdNotRequired", "Comptes pouvant avoir un mot de passe vide", C::StaleObjects, "", 0,
        10, "L'option PASSWD_NOTREQD autorise un mot de passe vide.",
        "Retirer l'option PASSWD_NOTREQD (userAccountControl) et imposer un mot de passe.", ""},
       not_required},
      {{"S-Reversible", "Mots de passe stockés de manière réversible", C::StaleObjects, "", 0, 10,
        "Un mot de passe stocké réversiblement se retrouve en clair pour qui lit la base AD.",
        "Retirer l'option de chiffrement réversible puis faire changer le mot de passe.", ""},
       reversible},
      {{"S-DesOnly", "Comptes utilisateurs avec un chiffrement Kerberos faible (DES)",
        C::StaleObjects, "", 0, 10, "DES se casse en quelques heures.",
        "Retirer l'option USE_DES_KEY_ONLY et changer le mot de passe des comptes concernés.", ""},
       des_only},
      {{"S-NoPreauth", "Comptes sans pré-authentification Kerberos", C::StaleObjects, "", 0, 10,
        "Sans pré-authentification, n'importe qui obtient un ticket chiffré avec le mot de passe "
        "et l'attaque "
        "hors ligne (AS-REP roasting).",
        "Réactiver la pré-authentification Kerberos (retirer DONT_REQ_PREAUTH).", ""},
       preauth},
      {{"S-SidHistory", "Comptes ou groupes ayant un historique de SID", C::StaleObjects, "", 0, 5,
        "L'historique de SID, reliquat de migration, donne les droits d'un autre compte.",
        "Nettoyer l'attribut sIDHistory une fois les migrations terminées.", ""},
       sid_history_present},
      {{"S-PrimaryGroup", "Comptes avec un groupe principal modifié", C::StaleObjects, "", 0, 5,
        "Un groupe principal modifié cache une appartenance : elle n'apparaît pas dans l'attribut "
        "member.",
        "Rétablir le groupe principal par défaut (Utilisateurs du domaine, Ordinateurs du "
        "domaine).",
        ""},
       primary_group},
      {{"S-GuestEnabled", "Compte Invité activé", C::StaleObjects, "", 0, 10,
        "Le compte Invité permet un accès sans identité nominative.",
        "Désactiver le compte Invité.", ""},
       guest_enabled},
      {{"S-DisabledPrivileged", "Comptes désactivés membres de groupes privilégiés",
        C::StaleObjects, "", 0, 5,
        "Un compte désactivé réactivé par erreur ou par un attaquant retrouve immédiatement ses "
        "privilèges.",
        "Retirer les comptes désactivés des groupes privilégiés.", ""},
       disabled_privileged},
  };
}

}  // namespace carepilot::adaudit
