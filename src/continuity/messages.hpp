// How a continuity refusal names its field: by its French label (data/labels/labels.yaml,
// fields), never by its key: « Date du test : … », « Document du plan : … » (issue 15 trial).
// The API keeps the key in error.fields[].field and a stable code; the message is for people.
#pragma once

#include <string>
#include <string_view>

#include "common/labels.hpp"

namespace carepilot::continuity {

// « Date du test : » for "held_on": the start of a refusal's message.
inline std::string labelled(std::string_view key) {
  return std::string(field_label(key)) + " : ";
}

}  // namespace carepilot::continuity
