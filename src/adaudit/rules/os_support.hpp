// End of support of Windows versions, from the operatingSystem attribute text.
#pragma once

#include <optional>
#include <string_view>

#include "common/date.hpp"

namespace carepilot::adaudit {

// Date after which Microsoft no longer supports that system (extended support end);
// nullopt for systems still supported at any date we know of, or not Windows.
std::optional<Date> windows_end_of_support(std::string_view operating_system);
bool is_server_os(std::string_view operating_system);

}  // namespace carepilot::adaudit
