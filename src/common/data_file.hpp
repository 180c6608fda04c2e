// Reading a data file of data/ (YAML) whose top level is a dictionary, with the same French
// messages for every module: "SOURCE : YAML illisible (…)" and "SOURCE : un dictionnaire est
// attendu".
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

namespace carepilot {

// The root of `text`, a YAML dictionary. Throws std::invalid_argument whose message starts
// with "`source` : " when the text is not YAML or its top level is not a dictionary, and
// "`source`:LINE: " when it is not UTF-8 (common/text.hpp's not_utf8_message).
YAML::Node load_data_map(const std::string& text, const std::string& source);

// Why yaml-cpp could not read a text, in French, for a reader of the refusal (issue 20 trial:
// an import answered « end of map not found »): yaml-cpp's messages (ErrorMsg:: in
// yaml-cpp/exceptions.h) mapped to a French reason, anything else « la syntaxe YAML est
// incorrecte (colonne C) ». Never the English text. Every YAML reader of the project says its
// refusals with it ("FILE:LINE: " + yaml_fault_reason(e), LINE = yaml_fault_line(e)).
// `text`, the text yaml-cpp read, when given: a tab in the indentation of the fault's line is
// said as such (yaml-cpp reports most tabs as a map or list not ended).
std::string yaml_fault_reason(const YAML::Exception& e, std::string_view text = {});
// The 1-based line of the fault (1 when yaml-cpp gives none).
int yaml_fault_line(const YAML::Exception& e);

}  // namespace carepilot
