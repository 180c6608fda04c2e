#include "common/data_file.hpp"

#include <stdexcept>

#include "common/text.hpp"

namespace carepilot {

YAML::Node load_data_map(const std::string& text, const std::string& source) {
  // A file re-saved in Latin-1: named at the line of its first bad byte (a UTF-16 or UTF-32
  // file with its mark is YAML too, read by yaml-cpp).
  const bool wide = text.rfind("\xFF\xFE", 0) == 0 || text.rfind("\xFE\xFF", 0) == 0 ||
                    text.rfind(std::string("\0\0\xFE\xFF", 4), 0) == 0;
  if (!wide)
    if (const auto fault = first_invalid_utf8(text))
      throw std::invalid_argument(not_utf8_message(source, *fault));
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
