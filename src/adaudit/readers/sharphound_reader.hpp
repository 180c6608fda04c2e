// Reader for SharpHound / BloodHound CE JSON files (one file per object type, layouts of
// meta.version 4, 5 and 6). Tolerant of what real collections contain: missing fields,
// nulls, values of an unexpected type (counted as warnings); refuses malformed JSON and
// unsupported schema versions with an InputError naming the file.
#pragma once

#include <cstddef>
#include <functional>
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

// Same on text followed by at least simdjson::SIMDJSON_PADDING readable bytes
// (`readable` >= text.size() + 64), e.g. a memory-mapped file with room in its last page.
// The whole text is scanned for structure first, then each element of `data` is parsed on
// its own, so the parser's buffers stay the size of one element. `done(n)`, when set, is
// called as reading moves on: the first n bytes are not needed for now (they may be read
// again later and must stay readable; MADV_DONTNEED on a file mapping suits). n ==
// text.size() marks the end of the structure pass; the element pass then starts over.
void read_sharphound_json(std::string_view name, std::string_view text, std::size_t readable,
                          Directory& dir, const std::function<void(std::size_t)>& done = {});

}  // namespace carepilot::adaudit
