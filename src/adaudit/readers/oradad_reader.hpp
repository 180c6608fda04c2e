// Reader for ANSSI's collector ORADAD configured to write plain files (outputFiles=1):
// <root DNS>/<time>/tables.tsv lists every table (relative path, names, then each column
// with its SQL type), metadata.tsv holds key/value pairs, and each LDAP request wrote one
// UTF-16LE, tab-separated file per partition (domain/<dns>/user.tsv, configuration/...),
// dn first, multi-values separated by ';', binary values in hexadecimal, SIDs and GUIDs
// as text, dates as "YYYY-MM-DD HH:MM:SS". Rows of one DN from several tables (the "top"
// request carries the security descriptors) are merged, then built as LDAP entries by
// the LDIF reader's logic, so the same rules and paths apply.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "adaudit/model.hpp"

namespace carepilot::adaudit {

// The folder holding tables.tsv under `dir` (itself, or up to two levels down), or empty.
std::filesystem::path find_oradad_root(const std::filesystem::path& dir);

// Reads the files of one ORADAD output: relative paths ('/' or '\\' separated, as in
// tables.tsv) to file contents. Call Directory::finalize() afterwards.
void read_oradad(const std::map<std::string, std::string>& files, Directory& dir);

// Reads an ORADAD output folder (the one holding tables.tsv).
void read_oradad_folder(const std::filesystem::path& root, Directory& dir);

}  // namespace carepilot::adaudit
