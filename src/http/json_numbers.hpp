// Numbers of a JSON API body: one sent as a string ("22.5" for 22.5) is refused, naming the
// field by its label (a form types text; JSON has numbers).
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>

namespace carepilot::http {

// Throws 400 request.bad_parameter (field and French message naming its label) when one of
// `keys` holds a string. Keys absent, or a body that is not an object, pass.
void require_numbers(const nlohmann::json& body, std::initializer_list<const char*> keys);

}  // namespace carepilot::http
