// Text helpers shared by modules: search keys and UTF-8 checks.
#pragma once

#include <string>
#include <string_view>

namespace carepilot {

// A search key: lower case, French accents removed (é -> e, œ -> oe), other bytes kept,
// runs of spaces folded. Both stored names and typed queries go through it, so that
// "Hôpital" and "hopital" match on SQLite and PostgreSQL alike.
std::string fold_for_search(std::string_view utf8);

// True when `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s);

// Characters (code points) of UTF-8 text: the bytes that do not continue a sequence. What a
// user counts, and at most what a browser's maxlength counts (UTF-16 units).
std::size_t utf8_length(std::string_view s);

// The first `chars` characters of UTF-8 text (never a sequence cut in two).
std::string utf8_prefix(std::string_view s, std::size_t chars);

// Trims ASCII white space at both ends.
std::string trim(std::string_view s);

// `s` with the LIKE wildcards (% and _) and the backslash escaped by a backslash, for
// "… LIKE :p ESCAPE '\\'" on SQLite and PostgreSQL alike.
std::string like_escape(std::string_view s);

}  // namespace carepilot
