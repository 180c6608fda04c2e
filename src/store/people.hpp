// Who acted, by name: the account's display name when it has one, else what actor_label()
// says (its address, « Compte de démonstration » for the demo seeding). Shared by the pages
// that name who acted (funding history, incident attachments).
#pragma once

#include <map>
#include <set>
#include <string>

#include "store/database.hpp"

namespace carepilot::store {

std::map<std::string, std::string> people(Database& db, const std::set<std::string>& who);

}  // namespace carepilot::store
