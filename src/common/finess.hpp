// FINESS numbers (Fichier national des établissements sanitaires et sociaux).
// Nine characters: a department code (two digits, or 2A/2B for Corsica), six digits and a
// check digit chosen so that the nine digits pass the Luhn algorithm. Corsican numbers
// cannot be Luhn-checked and are validated on their format only.
#pragma once

#include <string_view>

namespace carepilot {

// True when `finess` is a well-formed FINESS number with a correct key.
bool finess_valid(std::string_view finess);

// Why `finess` is refused, as a stable reason code: "finess.invalid_length",
// "finess.invalid_format" or "finess.invalid_key". Empty when the number is valid.
std::string_view finess_reason(std::string_view finess);

// French message for a reason code of finess_reason (empty for an empty code).
std::string_view finess_reason_text(std::string_view reason);

}  // namespace carepilot
