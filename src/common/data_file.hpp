// Reading a data file of data/ (YAML) whose top level is a dictionary, with the same French
// messages for every module: "SOURCE : YAML illisible (…)" and "SOURCE : un dictionnaire est
// attendu".
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace carepilot {

// The root of `text`, a YAML dictionary. Throws std::invalid_argument whose message starts
// with "`source` : " when the text is not YAML or its top level is not a dictionary, and
// "`source`:LINE: " when it is not UTF-8 (common/text.hpp's not_utf8_message).
YAML::Node load_data_map(const std::string& text, const std::string& source);

}  // namespace carepilot
