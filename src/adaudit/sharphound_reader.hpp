// Reader for SharpHound / BloodHound CE JSON files (one file per object type, layouts of
// meta.version 4, 5 and 6). Tolerant of what real collections contain: missing fields,
// nulls, values of an unexpected type (counted as warnings); refuses malformed JSON and
// unsupported schema versions with an InputError naming the file.
#pragma once

#include <string>
#include <string_view>

#include "adaudit/model.hpp"

namespace carepilot::adaudit {

// Oldest and newest meta.version understood.
inline constexpr int kMinSharpHoundVersion = 4;
inline constexpr int kMaxSharpHoundVersion = 6;

// Reads one JSON document into the directory. `buffer` holds the file; its capacity may
// grow (the parser needs padding after the text). `name` is used in messages and to guess
// the object type when meta.type is absent ("2024_users.json").
void read_sharphound_json(std::string_view name, std::string& buffer, Directory& dir);

}  // namespace carepilot::adaudit
