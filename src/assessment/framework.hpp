// Assessment frameworks as data (data/frameworks/*.yaml): a requirement tree (sections of
// requirements, each with a weight and the reference of its text) and an answer scale.
// Loaded and validated at start-up; a file the loader refuses names its path and the
// place in the file ("sections[2].requirements[4].weight").
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace carepilot::assessment {

// The level stored for a "Non applicable" answer: left out of every score.
inline constexpr int kNotApplicable = -1;

struct ScaleLevel {
  int level = 0;
  std::string label;
};

struct Requirement {
  std::string id;  // "D2.O3.A"
  std::string title;
  std::string reference;
  double weight = 1;
  // An action every establishment must carry out: "non applicable" is refused (issue 12).
  bool mandatory = false;
  // The obligation carepilot computes for the same action ("crisis-exercise"), or "".
  std::string obligation;
};

struct Section {
  std::string id;  // "D2"
  std::string title;
  std::string reference;
  double weight = 1;
  std::vector<Requirement> requirements;
};

struct Framework {
  std::string id;
  int version = 1;
  std::string title;
  std::string source;
  std::vector<ScaleLevel> scale;  // strictly increasing levels, from 0
  std::string not_applicable_label = "Non applicable";
  std::vector<Section> sections;

  int max_level() const { return scale.empty() ? 0 : scale.back().level; }
  bool valid_level(int level) const;  // a scale level or kNotApplicable
  std::string level_label(int level) const;
  const Requirement* find(std::string_view requirement_id) const;
  const Section* section_of(std::string_view requirement_id) const;
  const Section* find_section(std::string_view section_id) const;
  std::size_t requirement_count() const;
};

class FrameworkError : public std::runtime_error {
 public:
  FrameworkError(const std::string& file, const std::string& path, int line,
                 const std::string& reason);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Parses and validates one framework file: ids unique (sections and requirements), weights
// > 0, scale levels integers strictly increasing from 0 with labels, at least one section and
// one requirement per section. `file` names the file in errors.
Framework parse_framework(const std::string& yaml_text, const std::string& file);

// The frameworks embedded in the binary (data/frameworks/*.yaml), by id.
const std::map<std::string, Framework>& builtin_frameworks();
// The framework new assessments use: care-priority-objectives.
const Framework& default_framework();
// The embedded framework with that id, or nullptr.
const Framework* find_framework(std::string_view id);

}  // namespace carepilot::assessment
