// AD CS (certificate services) escalations. The analysis is done once (adcs.cpp, in the
// context); each rule reports the non-privileged principals that can abuse one escalation
// and the templates / CAs involved. What each rule reads is declared in rule_needs.cpp:
// without the AD CS files, or without a field it reads, the rule is "non évaluée".
#include "adaudit/rules/rule.hpp"

namespace carepilot::adaudit {

namespace {

Outcome report(const EscResult& e, const std::string& what) {
  Outcome o = fail_if_any(e.principals, what);
  if (!e.via.empty()) {
    o.detail += " ; via : ";
    for (std::size_t i = 0; i < e.via.size() && i < 10; ++i) o.detail += (i ? ", " : "") + e.via[i];
    if (e.via.size() > 10) o.detail += " …";
  }
  return o;
}

Outcome esc1(const Context& c) {
  return report(c.adcs.esc1,
                "principa{l|ux} non privilégié{s} pouvant obtenir un certificat d'authentification "
                "au nom de n'importe quel compte");
}
Outcome esc2(const Context& c) {
  return report(c.adcs.esc2,
                "principa{l|ux} non privilégié{s} pouvant obtenir un certificat « tout usage »");
}
Outcome esc3(const Context& c) {
  return report(c.adcs.esc3,
                "principa{l|ux} non privilégié{s} pouvant devenir agent d'inscription et demander "
                "un certificat au nom d'autrui");
}
Outcome esc4(const Context& c) {
  return report(c.adcs.esc4,
                "principa{l|ux} non privilégié{s} pouvant modifier un modèle de certificat publié");
}
Outcome esc6(const Context& c) {
  return report(
      c.adcs.esc6,
      "principa{l|ux} non privilégié{s} pouvant choisir le nom alternatif d'un certificat "
      "d'authentification (EDITF_ATTRIBUTESUBJECTALTNAME2)");
}
Outcome esc7(const Context& c) {
  return report(c.adcs.esc7,
                "principa{l|ux} non privilégié{s} gestionnaire{s} d'une autorité de certification "
                "(ManageCA, ManageCertificates)");
}
Outcome esc9(const Context& c) {
  return report(c.adcs.esc9,
                "principa{l|ux} non privilégié{s} pouvant obtenir un certificat d'authentification "
                "sans extension de sécurité");
}
Outcome esc10(const Context& c) {
  if (c.dir.dc_registry.empty())
    return not_evaluated(
        "registre des contrôleurs de domaine non collecté (DCRegistryData : "
        "StrongCertificateBindingEnforcement, CertificateMappingMethods)");
  return fail_if_any(c.adcs.esc10,
                     "contrôleur{s} de domaine à la correspondance de certificats faible");
}
Outcome esc13(const Context& c) {
  return report(
      c.adcs.esc13,
      "principa{l|ux} non privilégié{s} pouvant obtenir un certificat qui les rend membres "
      "d'un groupe (stratégie d'émission liée)");
}
Outcome esc15(const Context& c) {
  return report(c.adcs.esc15,
                "principa{l|ux} non privilégié{s} pouvant inscrire un modèle de version 1 en "
                "fournissant le sujet (CVE-2024-49019 si l'AC n'est pas corrigée)");
}

constexpr std::string_view kRef = "SpecterOps, « Certified Pre-Owned » (2021)";

}  // namespace

std::vector<Rule> adcs_rules() {
  using C = Category;
  return {
      {{"A-ADCS-ESC1", "Modèles de certificats permettant d'usurper n'importe quel compte (ESC1)",
        C::Anomalies, "", 0, 30,
        "Un modèle publié, inscriptible par des comptes ordinaires, qui laisse le demandeur "
        "fournir le sujet d'un certificat d'authentification donne un certificat au nom d'un "
        "administrateur du domaine.",
        "Retirer « le sujet est fourni dans la demande » ou exiger l'approbation d'un "
        "gestionnaire ; restreindre les droits d'inscription.",
        kRef},
       esc1},
      {{"A-ADCS-ESC2", "Modèles de certificats « tout usage » inscriptibles (ESC2)", C::Anomalies,
        "", 0, 15,
        "Un certificat « tout usage » (ou sans EKU) sert aussi d'agent d'inscription ou de "
        "certificat d'autorité.",
        "Restreindre les EKU du modèle ou ses droits d'inscription.", kRef},
       esc2},
      {{"A-ADCS-ESC3", "Agents d'inscription accessibles aux comptes ordinaires (ESC3)",
        C::Anomalies, "", 0, 25,
        "Un agent d'inscription demande des certificats d'authentification au nom de tout "
        "utilisateur.",
        "Restreindre l'inscription aux modèles d'agent et configurer les restrictions d'agents "
        "sur l'AC.",
        kRef},
       esc3},
      {{"A-ADCS-ESC4", "Modèles de certificats modifiables par des comptes ordinaires (ESC4)",
        C::Anomalies, "", 0, 25,
        "Qui peut modifier un modèle publié peut le rendre vulnérable (ESC1) puis s'en servir.",
        "Retirer les droits de modification des modèles aux comptes non administrateurs.", kRef},
       esc4},
      {{"A-ADCS-ESC6", "Autorité de certification acceptant un nom alternatif libre (ESC6)",
        C::Anomalies, "", 0, 25,
        "Avec EDITF_ATTRIBUTESUBJECTALTNAME2, tout modèle d'authentification devient ESC1.",
        "certutil -setreg policy\\EditFlags -EDITF_ATTRIBUTESUBJECTALTNAME2 puis redémarrer "
        "le service de certificats.",
        kRef},
       esc6},
      {{"A-ADCS-ESC7", "Gestionnaires d'autorité de certification hors Tier 0 (ESC7)", C::Anomalies,
        "", 0, 25,
        "ManageCA et ManageCertificates permettent d'activer des modèles et d'approuver des "
        "demandes, donc d'émettre un certificat d'administrateur.",
        "Réserver ces rôles aux administrateurs du Tier 0.", kRef},
       esc7},
      {{"A-ADCS-ESC9", "Modèles d'authentification sans extension de sécurité (ESC9)", C::Anomalies,
        "", 0, 10,
        "Sans l'extension szOID_NTDS_CA_SECURITY_EXT, un certificat peut être associé à un "
        "autre compte dont on a modifié l'UPN.",
        "Retirer CT_FLAG_NO_SECURITY_EXTENSION du modèle ; appliquer la correspondance forte "
        "des certificats.",
        kRef},
       esc9},
      {{"A-ADCS-ESC10", "Correspondance de certificats faible sur les contrôleurs (ESC10)",
        C::Anomalies, "", 0, 15,
        "Une correspondance faible (StrongCertificateBindingEnforcement = 0, ou "
        "CertificateMappingMethods avec UPN) permet d'usurper un compte par son UPN.",
        "Régler StrongCertificateBindingEnforcement à 2 et retirer le bit UPN de "
        "CertificateMappingMethods.",
        kRef},
       esc10},
      {{"A-ADCS-ESC13", "Stratégies d'émission liées à un groupe inscriptibles (ESC13)",
        C::Anomalies, "", 0, 15,
        "Un certificat portant une stratégie d'émission liée à un groupe donne les droits de "
        "ce groupe à son porteur.",
        "Retirer le lien msDS-OIDToGroupLink ou restreindre l'inscription au modèle.", kRef},
       esc13},
      {{"A-ADCS-ESC15", "Modèles de version 1 avec sujet fourni par le demandeur (ESC15)",
        C::Anomalies, "", 0, 10,
        "Sur une AC non corrigée (CVE-2024-49019), le demandeur d'un modèle de version 1 peut "
        "ajouter des stratégies d'application (authentification client, agent).",
        "Appliquer le correctif de novembre 2024 ; dupliquer le modèle en version 2 ou plus.",
        kRef},
       esc15},
  };
}

}  // namespace carepilot::adaudit
