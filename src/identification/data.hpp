// Loading and validating data/identification (YAML, schema_version 1, kind identification).
// Pure: the text in, the Data out. A wrong file is refused as a whole; what() reads
// "FILE:LINE: reason" (French).
#pragma once

#include <stdexcept>
#include <string>

#include "identification/model.hpp"

namespace carepilot::identification {

class DataError : public std::runtime_error {
 public:
  DataError(std::string file, int line, const std::string& reason)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + reason),
        file_(std::move(file)),
        line_(line) {}
  const std::string& file() const { return file_; }
  int line() const { return line_; }

 private:
  std::string file_;
  int line_;
};

// Builds the data from one file's text (`name` is used in messages).
Data load_data(const std::string& name, const std::string& text);

// The copy of data/identification/identification.yaml compiled into the binary, loaded
// once (the first call validates it: call at start-up to fail fast).
const Data& embedded_data();

}  // namespace carepilot::identification
