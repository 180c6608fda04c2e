// The scale every business impact analysis (BIA) is drawn on (issue 15): durations of
// interruption (horizons), kinds of damage (categories), levels 1–4 with their meaning, the
// level from which an impact is unacceptable, and the share of combined activity a GHT's
// plans must cover. Data: data/continuity/bia.yaml, with its source (instruction
// DNS/2025/12 action 4; CaRE D2.O1.C/D; SGDSN guide for a PCA, 2013, § 3).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"

namespace carepilot::continuity {

// A duration of interruption: `hours` > 0; horizons are kept in ascending order.
struct Horizon {
  std::string id;     // "24h"
  int hours = 0;      // 24
  std::string label;  // « 24 heures »
};

// What a category's impacts measure: how long the activity can stop (read for the DMIA) or
// how much recent data can be lost (read for the PDMA).
enum class Measure { interruption, data_loss };

struct Category {
  std::string id;     // "patient_safety"
  std::string label;  // « Sécurité des patients »
  Measure measure = Measure::interruption;
  std::vector<std::string> definitions;  // one per level, level 1 first
};

struct Level {
  int level = 0;
  std::string label;  // « Grave »
};

// When the BIA of a service is due: the services of `classes` (registry service classes) by
// `date`; an entry with no class is every other service's. `label` says why (may be empty).
struct Deadline {
  std::vector<std::string> classes;
  Date date{};
  std::string label;
};

struct Scale {
  std::string source;
  int version = 0;
  std::vector<Horizon> horizons;  // ascending hours
  std::vector<Level> levels;      // 1 .. N, contiguous
  std::vector<Category> categories;
  int unacceptable_from = 0;              // an impact >= this level is unacceptable
  double coverage_threshold_percent = 0;  // D2.O1.C/D, e.g. 66
  std::string coverage_source;
  std::vector<Deadline> deadlines;      // the last has no class (every other service)
  Date validated_on_not_before{};       // a BIA validated earlier is refused
  Date plan_validated_on_not_before{};  // a plan validated earlier is refused

  // The deadline of a service of class `klass`.
  const Deadline& deadline(const std::string& klass) const;

  int min_level() const { return levels.front().level; }
  int max_level() const { return levels.back().level; }
  const Horizon* horizon(const std::string& id) const;
  const Category* category(const std::string& id) const;
};

// Parses and validates a scale. Throws std::invalid_argument "FILE:LINE: reason" (French
// reason) on a missing or ill-typed field, horizons not strictly ascending, levels not
// contiguous from 1, a category without one definition per level, an unknown `measures`, no
// interruption or no data-loss category, a threshold outside the levels, or a coverage
// threshold outside ]0, 100], deadlines whose last has classes (or a date not a date), or a
// missing validated_on_not_before or plan_validated_on_not_before.
Scale parse_scale(const std::string& yaml_text, const std::string& file);

// data/continuity/bia.yaml as built into the program (validated on first use).
const Scale& default_scale();

}  // namespace carepilot::continuity
