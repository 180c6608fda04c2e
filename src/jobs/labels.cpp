#include "jobs/labels.hpp"

#include <map>

#include "common/labels.hpp"

namespace carepilot::jobs {

std::string kind_label(std::string_view kind) {
  return job_kind_label(kind);
}

std::string state_label(State s) {
  switch (s) {
    case State::pending:
      return "En attente";
    case State::running:
      return "En cours";
    case State::done:
      return "Terminée";
    case State::failed:
      return "En échec";
  }
  return "En attente";
}

std::string error_explanation(std::string_view e) {
  auto has = [e](std::string_view w) { return e.find(w) != std::string_view::npos; };
  if (has("s'est arrêté"))
    return "Le serveur qui exécutait la tâche s'est arrêté avant la fin de la dernière "
           "tentative autorisée. Relancez-la.";
  if (has("base") || has("database") || has("connection") || has("sqlite") || has("postgres") ||
      has("locked") || has("timeout"))
    return "La base de données n'a pas répondu pendant la tâche. Relancez-la quand la base "
           "est de nouveau disponible.";
  if (has("courriel") || has("mail") || has("smtp") || has("SMTP") || has("curl"))
    return "L'envoi des courriels a échoué (serveur de messagerie injoignable ou refusant "
           "l'envoi). Relancez la tâche après vérification de la messagerie.";
  return "La tâche s'est arrêtée sur une erreur inattendue. Relancez-la ; si l'erreur "
         "revient, transmettez le détail technique à l'équipe d'exploitation.";
}

}  // namespace carepilot::jobs

#include "common/date.hpp"
#include "common/export.hpp"

namespace carepilot::jobs {

std::string payload_label(const nlohmann::json& payload) {
  static const char* const kMonths[] = {"janvier",   "février", "mars",     "avril",
                                        "mai",       "juin",    "juillet",  "août",
                                        "septembre", "octobre", "novembre", "décembre"};
  if (!payload.is_object()) return "—";
  if (auto it = payload.find("date"); it != payload.end() && it->is_string())
    if (auto d = parse_date(it->get<std::string>()))
      return "journée du " + exports::french_date(*d);
  if (auto it = payload.find("month"); it != payload.end() && it->is_string()) {
    auto m = it->get<std::string>();
    if (auto d = parse_date(m + "-01"))
      return kMonths[unsigned(d->month()) - 1] + (" " + m.substr(0, 4));
  }
  if (auto it = payload.find("week"); it != payload.end() && it->is_string()) {
    auto w = it->get<std::string>();  // "2026-W49"
    if (w.size() == 8 && w[4] == '-' && w[5] == 'W')
      return "semaine " + std::to_string(std::stoi(w.substr(6))) + " de " + w.substr(0, 4);
  }
  if (auto it = payload.find("audit"); it != payload.end() && it->is_number_integer())
    return "audit Active Directory n° " + std::to_string(it->get<long long>());
  return "—";
}

}  // namespace carepilot::jobs
