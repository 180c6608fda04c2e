// Loading and validating the referential files (YAML, schema_version 1). A wrong file is
// refused as a whole with its name, the line and the reason; nothing is half-loaded.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "referential/model.hpp"

namespace carepilot::referential {

inline constexpr int kSchemaVersion = 1;

// A referential file that cannot be used. what() reads "FILE:LINE: REASON".
class ReferentialError : public std::runtime_error {
 public:
  ReferentialError(std::string file, int line, std::string reason);
  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 1-based, 0 when the whole file is concerned
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  int line_;
  std::string reason_;
};

// A file to load: the name used in error messages, and its text.
struct SourceFile {
  std::string name;
  std::string text;
};

// Builds the referential from file contents (pure: no I/O). Files are read in the given
// order; each declares `kind: obligations` or `kind: services`.
Referential load_referential(const std::vector<SourceFile>& files);

// Reads every *.yaml file of DIR/obligations (or of DIR itself when it has no
// `obligations` folder), in name order.
Referential load_referential_dir(const std::filesystem::path& dir);

// The copy of data/obligations compiled into the binary.
Referential load_embedded_referential();

// The referential the application uses when given no directory: the directory named by
// the CAREPILOT_DATA_DIR environment variable if set, else the embedded copy.
Referential load_default_referential();

}  // namespace carepilot::referential
