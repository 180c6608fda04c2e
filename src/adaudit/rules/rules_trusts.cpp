// Trusts: SID filtering, SID history and TGT delegation across domain and forest trusts.
#include "adaudit/rules/rule.hpp"

namespace carepilot::adaudit {

namespace {

bool outbound(const Trust& t) {
  return t.direction == TrustDirection::Outbound || t.direction == TrustDirection::Bidirectional;
}
bool inbound(const Trust& t) {
  return t.direction == TrustDirection::Inbound || t.direction == TrustDirection::Bidirectional;
}
bool within_forest(const Trust& t) {
  return t.type == "ParentChild" || t.type == "TreeRoot" || t.type == "CrossLink" ||
         t.type == "Shortcut";
}

template <typename Pred>
Outcome trusts_where(const Context& c, Pred&& pred, const std::string& what) {
  Outcome o;
  bool any = false;
  for (const auto& d : c.dir.domains)
    for (const auto& t : d.trusts) {
      any = true;
      if (pred(t)) o.items.push_back(d.name + " → " + t.target_name + " (" + t.type + ")");
    }
  if (!any && c.dir.domains.empty()) return not_evaluated("aucun domaine dans la collecte");
  o.status = o.items.empty() ? Status::Pass : Status::Fail;
  o.detail = counted(o.items.size(), what);
  return o;
}

Outcome domain_not_filtered(const Context& c) {
  return trusts_where(
      c,
      [](const Trust& t) {
        return outbound(t) && !within_forest(t) && t.type != "Forest" &&
               t.sid_filtering.has_value() && !*t.sid_filtering;
      },
      "relation{s} sortante{s} vers un domaine externe sans filtrage de SID");
}
Outcome forest_sid_history(const Context& c) {
  return trusts_where(
      c,
      [](const Trust& t) {
        return outbound(t) && t.type == "Forest" && t.sid_filtering.has_value() &&
               !*t.sid_filtering;
      },
      "relation{s} de forêt sortante{s} acceptant l'historique de SID");
}
Outcome tgt_delegation(const Context& c) {
  return trusts_where(
      c,
      [](const Trust& t) {
        return inbound(t) && !within_forest(t) && t.tgt_delegation.value_or(false);
      },
      "relation{s} entrante{s} autorisant la délégation de TGT");
}
Outcome external_bidirectional(const Context& c) {
  return trusts_where(
      c,
      [](const Trust& t) {
        return t.direction == TrustDirection::Bidirectional &&
               (t.type == "External" || t.type == "Forest");
      },
      "relation{s} bidirectionnelle{s} avec une autre forêt ou un domaine externe");
}
Outcome non_transitive_unknown(const Context& c) {
  return trusts_where(
      c,
      [](const Trust& t) { return t.type == "Unknown" || t.direction == TrustDirection::Unknown; },
      "relation{s} de type ou de sens inconnu");
}
Outcome realm(const Context& c) {
  return trusts_where(
      c, [](const Trust& t) { return t.type == "Realm"; },
      "relation{s} avec un royaume Kerberos non Windows");
}

}  // namespace

std::vector<Rule> trust_rules() {
  using C = Category;
  return {
      {{"T-SidFilteringDomain",
        "Relation d'approbation sortante vers un domaine sans filtrage de SID", C::Trusts, "", 0,
        30,
        "Sans filtrage de SID, un administrateur du domaine approuvé peut injecter le SID d'un "
        "administrateur du "
        "domaine local dans ses tickets.",
        "Activer la quarantaine (netdom trust /quarantine:yes) sur les relations externes.", ""},
       domain_not_filtered},
      {{"T-SidHistoryForest", "Relation de forêt sortante avec historique de SID activé", C::Trusts,
        "", 0, 30,
        "L'historique de SID autorisé à travers une relation de forêt annule la frontière de "
        "sécurité entre forêts.",
        "Désactiver l'historique de SID sur la relation (netdom trust /enablesidhistory:no) une "
        "fois les migrations "
        "finies.",
        ""},
       forest_sid_history},
      {{"T-TgtDelegation", "Relation entrante avec délégation de TGT", C::Trusts, "", 0, 10,
        "La délégation de TGT à travers une relation expose les tickets des utilisateurs à l'autre "
        "forêt.",
        "Désactiver la délégation de TGT (netdom trust /EnableTGTDelegation:no).", ""},
       tgt_delegation},
      {{"T-Bidirectional", "Relations bidirectionnelles avec l'extérieur de la forêt", C::Trusts,
        "", 0, 5, "Une relation bidirectionnelle étend la surface d'attaque dans les deux sens.",
        "Restreindre le sens de la relation au besoin réel et activer l'authentification "
        "sélective.",
        ""},
       external_bidirectional},
      {{"T-Unknown", "Relations d'approbation de type ou de sens inconnu", C::Trusts, "", 0, 5,
        "Une relation mal identifiée n'est probablement plus gérée.",
        "Identifier la relation ou la supprimer.", ""},
       non_transitive_unknown},
      {{"T-Realm", "Relations avec un royaume Kerberos non Windows", C::Trusts, "", 0, 5,
        "La sécurité du domaine dépend alors de celle d'un royaume Kerberos externe.",
        "Vérifier que la relation est toujours nécessaire et correctement protégée.", ""},
       realm},
  };
}

}  // namespace carepilot::adaudit
