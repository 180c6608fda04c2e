#include "common/data_file.hpp"

#include <stdexcept>

namespace carepilot {

YAML::Node load_data_map(const std::string& text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw std::invalid_argument(source + " : YAML illisible (" + e.what() + ")");
  }
  if (!root.IsMap()) throw std::invalid_argument(source + " : un dictionnaire est attendu");
  return root;
}

}  // namespace carepilot
