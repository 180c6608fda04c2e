// Reading the incident data files (internal to src/incidents/rules): each refusal throws
// std::invalid_argument "FILE:LINE: reason" (French reason) at the faulty node.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

namespace carepilot::incidents::catalog_detail {

[[noreturn]] void bad(const std::string& file, const YAML::Node& at, const std::string& why);
YAML::Node field(const std::string& file, const YAML::Node& parent, const char* key);
std::string text(const std::string& file, const YAML::Node& parent, const char* key);
int integer(const std::string& file, const YAML::Node& parent, const char* key);
bool flag(const std::string& file, const YAML::Node& parent, const char* key);
YAML::Node list(const std::string& file, const YAML::Node& parent, const char* key);
// A non-empty list of distinct codes.
std::vector<std::string> codes(const std::string& file, const YAML::Node& parent, const char* key);
YAML::Node root_of(const std::string& yaml_text, const std::string& file);
// The text of data/incidents/NAME as built into the program.
std::string embedded(std::string_view name);

}  // namespace carepilot::incidents::catalog_detail
