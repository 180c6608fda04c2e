// The offline bundle: establishments with their evidence, as JSON (docs/obligations.md).
// Parsing validates everything and refuses the whole bundle on the first error, naming
// the record and the field ("establishments[0].evidence[3].service: ...").
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/evidence.hpp"
#include "referential/model.hpp"

namespace carepilot::engine {

class BundleError : public std::runtime_error {
 public:
  BundleError(std::string path, std::string reason);
  const std::string& path() const { return path_; }  // JSON path of the field, may be empty
  const std::string& reason() const { return reason_; }

 private:
  std::string path_;
  std::string reason_;
};

struct BundleEntry {
  Establishment establishment;
  std::vector<Evidence> evidence;
};

struct Bundle {
  std::vector<BundleEntry> establishments;
};

Bundle parse_bundle(const nlohmann::json& doc, const referential::Referential& ref);
// Parses JSON text first; syntax errors are BundleErrors too.
Bundle parse_bundle_text(std::string_view text, const referential::Referential& ref);

// Parses one establishment object (without its evidence); `path` prefixes error paths.
Establishment parse_establishment(const nlohmann::json& obj, const referential::Referential& ref,
                                  const std::string& path);
// Parses one evidence record of `establishment` (forms and the API use it too).
Evidence parse_evidence(const nlohmann::json& obj, const Establishment& establishment,
                        const referential::Referential& ref, const std::string& path);

}  // namespace carepilot::engine
