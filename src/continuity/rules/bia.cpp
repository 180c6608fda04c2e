#include "continuity/rules/bia.hpp"

namespace carepilot::continuity {

namespace {

std::string cell_field(const std::string& category, const std::string& horizon) {
  return "impact." + category + "." + horizon;
}

// First horizon where a category of `measure` reaches the unacceptable level.
std::optional<int> first_unacceptable(const Scale& scale, const ImpactMatrix& m, Measure measure) {
  for (const auto& h : scale.horizons) {
    for (const auto& c : scale.categories) {
      if (c.measure != measure) continue;
      if (m.levels.at(c.id).at(h.id) >= scale.unacceptable_from) return h.hours;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<FieldError> check_matrix(const Scale& scale, const ImpactMatrix& m) {
  std::vector<FieldError> errors;
  for (const auto& [cat, row] : m.levels) {
    if (!scale.category(cat)) {
      errors.push_back({"impact." + cat, "Catégorie d'impact inconnue : « " + cat + " »."});
      continue;
    }
    for (const auto& [hor, level] : row) {
      (void)level;
      if (!scale.horizon(hor))
        errors.push_back(
            {cell_field(cat, hor), "Durée d'interruption inconnue : « " + hor + " »."});
    }
  }
  const auto range = std::to_string(scale.min_level()) + " à " + std::to_string(scale.max_level());
  for (const auto& c : scale.categories) {
    std::optional<int> previous;
    std::string previous_label;
    for (const auto& h : scale.horizons) {
      const auto field = cell_field(c.id, h.id);
      const auto where = c.label + " à " + h.label;
      auto row = m.levels.find(c.id);
      if (row == m.levels.end() || !row->second.count(h.id)) {
        errors.push_back({field, where + " : niveau d'impact manquant."});
        previous.reset();
        continue;
      }
      const int level = row->second.at(h.id);
      if (level < scale.min_level() || level > scale.max_level()) {
        errors.push_back({field, where + " : le niveau d'impact doit être de " + range + "."});
        previous.reset();
        continue;
      }
      if (previous && level < *previous)
        errors.push_back({field, where + " : l'impact ne peut pas être plus faible qu'à " +
                                     previous_label +
                                     " (une interruption plus longue ne cause "
                                     "pas moins de dommages)."});
      previous = level;
      previous_label = h.label;
    }
  }
  return errors;
}

Tolerance derive(const Scale& scale, const ImpactMatrix& m) {
  return {first_unacceptable(scale, m, Measure::interruption),
          first_unacceptable(scale, m, Measure::data_loss)};
}

std::vector<FieldError> check_override(const std::optional<int>& derived,
                                       const std::optional<Override>& value,
                                       const std::string& field) {
  std::vector<FieldError> errors;
  if (!value) return errors;
  const auto name = field == "pdma" ? std::string("La PDMA") : std::string("La DMIA");
  if (value->hours <= 0)
    errors.push_back({field + "_hours", name + " doit être une durée positive, en heures."});
  if (value->justification.find_first_not_of(" \t\r\n") == std::string::npos)
    errors.push_back({field + "_justification", name + " saisie à la main doit être justifiée."});
  if (derived && value->hours > *derived)
    errors.push_back({field + "_hours", name + " (" + std::to_string(value->hours) +
                                            " h) dépasse la durée à partir de laquelle cette "
                                            "analyse juge l'impact inacceptable (" +
                                            std::to_string(*derived) + " h)."});
  return errors;
}

std::optional<int> effective(const std::optional<int>& derived,
                             const std::optional<Override>& value) {
  if (value) return value->hours;
  return derived;
}

}  // namespace carepilot::continuity
