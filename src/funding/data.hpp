// Loading and validating data/funding/calls.yaml (schema_version 1, kind funding_calls). Pure:
// the text in, the Data out. A wrong file is refused as a whole; what() reads
// "FILE:LINE: reason" (French): an unknown key, an identifier that is not one of the call's
// prerequisites or objectives, a calendar out of order, an unknown rule, scope or candidate kind.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "funding/model.hpp"

namespace carepilot::funding {

class DataError : public std::runtime_error {
 public:
  DataError(const std::string& file, int line, const std::string& reason)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + reason), line_(line) {}
  int line() const { return line_; }

 private:
  int line_;
};

// "D2.01.C" → "D2.O1.C", "d2.o1.c" → "D2.O1.C": the letter O written as a zero after the
// prefix's dot, and case. Other text unchanged.
std::string normalise_id(std::string_view id);

// Builds the data from one file's text (`name` is used in messages).
Data load_data(const std::string& name, const std::string& text);

// The copy of data/funding/calls.yaml compiled into the binary, loaded once (the first call
// validates it: call at start-up to fail fast).
const Data& embedded_data();

}  // namespace carepilot::funding
