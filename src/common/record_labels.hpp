// Labels of the records themselves, one table for every module (data/labels/labels.yaml, read
// with the other labels of common/labels.hpp): the status of a record, the same word on every
// page, export and document, and who did something.
#pragma once

#include <string>
#include <string_view>

namespace carepilot {

// The status of a module's record (table "statuses"): « Terminée » for ("paq", "done"),
// « Clôturé » for ("exercise", "closed"), « En retard » for ("compliance", "overdue"); an
// unknown one « autre statut ».
std::string_view status_label(std::string_view module, std::string_view code);

// The status of an obligation as read: status_label("compliance", code), except « À réaliser »
// (compliance.due_open) for one due without a deadline (an obligation whose text sets no date:
// periodicity once or continuous), where « À échéance » would promise a date there is not.
std::string_view compliance_status_label(std::string_view code, bool has_deadline);

// Who did something, as read on a page: the account's address as recorded, « Compte de
// démonstration » for the demo seeding (table "actors"), « — » when nobody is recorded;
// never the code "demo".
std::string actor_label(std::string_view who);

}  // namespace carepilot
