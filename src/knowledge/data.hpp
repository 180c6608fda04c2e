// Loading, validating and exporting data/knowledge (YAML, schema_version 1). Pure: text in,
// entries out. A wrong file is refused as a whole; what() reads "FILE:LINE: reason" (French).
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "knowledge/model.hpp"

namespace carepilot::knowledge {

class DataError : public std::runtime_error {
 public:
  DataError(const std::string& file, int line, const std::string& reason)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + reason) {}
};

Vocabulary load_vocabulary(const std::string& name, const std::string& text);

// The entries of one file (`kind: knowledge`), checked against the vocabulary and the known
// regions and obligations: duplicate id, unknown key, an objective or FAQ reference that does
// not normalise, an unknown region or obligation, an objective's title other than its label in
// the funding calls (known.objective_labels; left out, it is given) are refused at their line.
// `seen` carries the ids of the files read before (a duplicate across files is refused too).
std::vector<Entry> load_entries(const std::string& name, const std::string& text,
                                const Vocabulary& vocab, const KnownCodes& known,
                                std::map<std::string, std::string>* seen = nullptr);

// Every problem of an entry built elsewhere (a form, an API body), each as its field key and
// French reason, in the form's order; empty when it is valid. Trims the title and summary,
// reads the region "national" as none, normalises the objectives and reference in place.
std::vector<std::pair<std::string, std::string>> entry_errors(Entry& e, const Vocabulary& vocab,
                                                              const KnownCodes& known);

// The first of entry_errors (nullopt when valid): what a data file's line is refused for.
std::optional<std::pair<std::string, std::string>> check_entry(Entry& e, const Vocabulary& vocab,
                                                               const KnownCodes& known);

// The entries as a file load_entries reads back (same entries, same order, an entry without a
// source still without one, an objective without its title: the loader gives it, from the
// funding calls); `source` is written as the file's first comment line.
std::string export_yaml(const std::vector<Entry>& entries, const std::string& source);

// data/knowledge compiled into the binary: the vocabulary, then every other file's entries.
const Vocabulary& embedded_vocabulary();
std::vector<Entry> embedded_entries(const KnownCodes& known);

}  // namespace carepilot::knowledge
