#include "common/labels.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>

#include "common/french.hpp"

namespace carepilot {

namespace {

template <class Map>
std::string_view find_or(const Map& m, std::string_view key, std::string_view fallback) {
  auto it = m.find(key);
  return it == m.end() ? fallback : it->second;
}

bool machine_code(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
      return false;
  return true;
}

}  // namespace

std::string_view field_label(std::string_view key) {
  static const std::map<std::string_view, std::string_view> kLabels{
      // evidence records
      {"date", "Date"},
      {"type", "Type de preuve"},
      {"declared_on", "Date de déclaration"},
      {"retex_in_paq", "RETEX intégré au PAQ"},
      {"score", "Score"},
      {"service", "Service"},
      {"source", "Origine"},
      {"level", "Niveau"},
      {"kind", "Nature"},
      {"scope", "Périmètre"},
      {"cyber", "Action cyber"},
      {"status", "Statut"},
      {"title", "Intitulé"},
      {"staff", "Effectif"},
      {"trained", "Personnes formées"},
      {"accesses", "Accès"},
      {"covered", "Accès couverts"},
      {"target_date", "Date cible"},
      {"year", "Année"},
      {"total_eur", "Budget total"},
      {"digital_eur", "Budget numérique (hors cybersécurité)"},
      {"cyber_eur", "Budget cybersécurité"},
      // PAQ
      {"description", "Description"},
      {"owner", "Pilote"},
      {"due", "Échéance"},
      {"priority", "Priorité"},
      {"progress", "Avancement"},
      {"note", "Note"},
      {"source_ref", "Référence de l'origine"},
      // exercises
      {"scenario", "Scénario"},
      {"format", "Format"},
      {"participants", "Participants"},
      {"objectives", "Objectifs"},
      {"at", "Heure"},
      {"offset_minutes", "Décalage (minutes)"},
      {"retex_date", "Date du RETEX"},
      {"code", "Code"},
      {"text", "Texte"},
      {"function", "Fonction"},
      // training
      {"categories", "Catégories de personnel"},
      {"emails_sent", "Courriels envoyés"},
      {"targeted", "Personnes ciblées"},
      {"clicks", "Clics"},
      {"credentials", "Identifiants saisis"},
      {"reports", "Signalements"},
      {"headcount", "Effectif"},
      // assessment
      {"requirement", "Exigence"},
      {"section", "Section"},
      {"answer", "Réponse"},
      {"comment", "Commentaire"},
      {"file", "Fichier"},
      // registry
      {"name", "Nom"},
      {"finess_et", "FINESS géographique"},
      {"finess_ej", "FINESS juridique"},
      {"region_code", "Région"},
      {"department", "Département"},
      {"ght", "GHT"},
      {"ght_id", "GHT"},
      {"services", "Services"},
      {"category", "Catégorie"},
      // accounts
      {"email", "Adresse électronique"},
      {"password", "Mot de passe"},
      {"role", "Rôle"},
      {"days", "Durée en jours"},
      {"weekly_digest", "Récapitulatif hebdomadaire"},
      {"since", "Depuis"},
      {"sort", "Tri"}};
  return find_or(kLabels, key, "Champ");
}

std::string_view evidence_type_label(std::string_view type) {
  static const std::map<std::string_view, std::string_view> kLabels{
      {"crisis_exercise", "Exercice de crise cyber"},
      {"maturity_assessment", "Autoévaluation de maturité"},
      {"registration", "Inscription (Club SSI, SILENE)"},
      {"ad_audit", "Audit de sécurité Active Directory"},
      {"continuity_plan", "Plan de continuité (PCA, PRA, PCRA, PCRI)"},
      {"bia", "Analyse d'impact sur l'activité (BIA)"},
      {"paq_action", "Action cyber du PAQ"},
      {"training_coverage", "Couverture de la formation du personnel"},
      {"mfa_coverage", "Couverture de l'authentification à deux facteurs"},
      {"mfa_trajectory", "Trajectoire d'authentification à deux facteurs"},
      {"budget_declaration", "Déclaration de la part du budget numérique et cyber"}};
  return find_or(kLabels, type, "Preuve");
}

std::string code_label(std::string_view code) {
  static const std::map<std::string_view, std::string_view> kLabels{
      // PAQ action statuses as recorded in evidence
      {"open", "ouverte"},
      {"closed", "clôturée"},
      {"cancelled", "annulée"},
      // registrations
      {"club-ssi", "Club SSI"},
      {"silene", "SILENE"},
      // continuity plans
      {"pca", "PCA"},
      {"pra", "PRA"},
      {"pcra", "PCRA"},
      {"pcri", "PCRI"},
      {"global", "global"},
      {"service", "par service"},
      // Active Directory collections
      {"ads", "SharpHound"},
      {"oradad", "ORADAD"},
      {"ORADAD", "ORADAD"},
      {"ldif", "LDIF"},
      {"sharphound", "SharpHound"},
      // exercise formats and priorities
      {"table_top", "sur table"},
      {"live", "grandeur réelle"},
      {"low", "basse"},
      {"medium", "moyenne"},
      {"high", "haute"},
      {"critical", "critique"}};
  auto it = kLabels.find(code);
  if (it != kLabels.end()) return std::string(it->second);
  // An unknown code (a service of the catalog, "medico_technique") is written in words.
  std::string out(code);
  if (machine_code(code))
    for (auto& c : out)
      if (c == '_' || c == '-') c = ' ';
  return out;
}

std::string_view measure_label(std::string_view id) {
  static const std::map<std::string_view, std::string_view> kLabels{
      {"training_share", "Part du personnel formé"},
      {"mfa_share", "Part des accès couverts par la double authentification"},
      {"budget_share", "Part du numérique et de la cybersécurité dans le budget total"},
      {"digital_share", "Part du numérique (hors cybersécurité) dans le budget total"},
      {"cyber_share", "Part de la cybersécurité dans le budget total"}};
  return find_or(kLabels, id, "Mesure");
}

std::string period_label(std::string_view period) {
  if (period.empty()) return "—";
  if (period.size() == 7 && period.substr(4, 2) == "-Q") {
    char q = period[6];
    return std::string(1, q) + (q == '1' ? "er" : "e") + " trimestre " +
           std::string(period.substr(0, 4));
  }
  if (auto slash = period.find('/'); slash != std::string_view::npos) {
    auto from = french_date_text(period.substr(0, slash)),
         to = french_date_text(period.substr(slash + 1));
    return "du " + from + " au " + to;
  }
  return french_date_text(period);
}

std::string job_kind_label(std::string_view kind) {
  static const std::map<std::string_view, std::string_view> kLabels{
      {"compliance.recompute_all", "Recalcul quotidien des statuts"},
      {"compliance.recompute_one", "Recalcul des statuts d'un établissement"},
      {"compliance.snapshot", "Instantané mensuel de conformité"},
      {"reminders.weekly", "Récapitulatif hebdomadaire des échéances"}};
  static const std::map<std::string_view, std::string_view> kFamilies{
      {"compliance", "Tâche de conformité (autre)"},
      {"reminders", "Tâche de rappels (autre)"},
      {"evidence", "Tâche sur les preuves (autre)"},
      {"backup", "Tâche de sauvegarde (autre)"},
      {"digest", "Tâche de récapitulatif (autre)"}};
  if (auto it = kLabels.find(kind); it != kLabels.end()) return std::string(it->second);
  auto dot = kind.find('.');
  return std::string(find_or(kFamilies, kind.substr(0, dot), "Tâche d'un autre type"));
}

std::string audit_action_label(std::string_view action) {
  static const std::map<std::string_view, std::string_view> kLabels{
      {"create", "création"},
      {"update", "modification"},
      {"delete", "suppression"},
      {"import", "import"},
      {"move", "transfert"},
      {"revoke", "révocation"},
      {"declare", "déclaration"},
      {"login", "connexion"},
      {"withdraw", "retrait"},
      {"note", "note"},
      {"retry", "nouvelle tentative"},
      {"freeze", "gel"},
      {"login_failed", "échec de connexion"},
      {"logout", "déconnexion"}};
  return std::string(find_or(kLabels, action, "autre action"));
}

const std::vector<std::pair<std::string_view, std::string_view>>& audit_entities() {
  static const std::vector<std::pair<std::string_view, std::string_view>> kEntities{
      {"calendar_feed", "abonnement au calendrier"},
      {"paq_action", "action du PAQ"},
      {"training_campaign", "campagne de formation"},
      {"user", "compte"},
      {"budget_declaration", "déclaration de budget"},
      {"evidence_document", "document de preuve"},
      {"establishment", "établissement"},
      {"exercise", "exercice de crise"},
      {"ght", "GHT"},
      {"invitation", "invitation"},
      {"api_token", "jeton d'API"},
      {"assessment_attachment", "pièce jointe d'évaluation"},
      {"evidence", "preuve"},
      {"maturity_assessment", "questionnaire de maturité"},
      {"region", "région"},
      {"exercise_scenario", "scénario d'exercice"},
      {"job", "tâche de fond"}};
  return kEntities;
}

std::string audit_entity_label(std::string_view entity) {
  for (const auto& [code, label] : audit_entities())
    if (code == entity) return std::string(label);
  return "autre objet";
}

std::string page_message(std::string_view field, std::string_view message) {
  // "key : reason" → "Label : reason"; the key is the one in the message (it may name a
  // sub-field: "at" inside "injects").
  // Dates inside the reason ("postérieure à aujourd'hui (2026-12-01)") read in French.
  auto sep = message.find(" : ");
  if (sep == std::string_view::npos || sep == 0) return french_dates_in(message);
  std::string_view key = message.substr(0, sep);
  if (!machine_code(key)) return french_dates_in(message);
  std::string_view label = field_label(key);
  if (label == "Champ" && !field.empty()) label = field_label(field);
  return std::string(label) + french_dates_in(message.substr(sep));
}

std::string field_value_label(std::string_view key, std::string_view value) {
  if (auto d = french_date_text(value); d != value) return d;
  if (value == "true") return "oui";
  if (value == "false") return "non";
  // Numbers as JSON writes them ("200000.0"): grouped by thousands, decimal comma, euros
  // for amounts.
  if (key == "year") return std::string(value.substr(0, value.find('.')));  // never "2 025"
  if (!value.empty() && (std::isdigit(static_cast<unsigned char>(value.front())) ||
                         (value.front() == '-' && value.size() > 1))) {
    char* end = nullptr;
    std::string text(value);
    double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() + text.size() && std::isfinite(v) && std::fabs(v) < 1e15) {
      bool euros = key.ends_with("_eur");
      auto cents = static_cast<std::int64_t>(std::llround(v * 100));
      std::string out = french_integer(cents / 100);
      if (cents % 100 != 0) {
        auto c = std::to_string(std::llabs(cents % 100));
        out += "," + (c.size() < 2 ? "0" + c : c);
      }
      return euros ? out + "\u00a0€" : out;
    }
  }
  // Enumerations stored as codes.
  static constexpr std::string_view kCoded[] = {"status", "service", "kind", "scope", "source"};
  for (auto k : kCoded)
    if (k == key && machine_code(value)) return code_label(value);
  return std::string(value);
}

}  // namespace carepilot
