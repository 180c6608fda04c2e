// Types of a JSON API body's members: a number sent as a string ("22.5" for 22.5), or a text
// or date sent as a number (20260301 for "2026-03-01"), is refused, naming the field by its
// label (a form types text; JSON has numbers and strings).
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>

namespace carepilot::http {

// Throws 400 request.bad_parameter (field and French message naming its label) when one of
// `keys` holds a string. Keys absent, or a body that is not an object, pass.
void require_numbers(const nlohmann::json& body, std::initializer_list<const char*> keys);
// The same for text members (dates included): 400 request.bad_parameter when one of `keys`
// holds a number, a boolean, an object or an array. Keys absent or null pass.
void require_strings(const nlohmann::json& body, std::initializer_list<const char*> keys);

}  // namespace carepilot::http
