// What the register already knows, written into the official form's fields (issue 19 trial:
// a declarant starting a stage retyped what the register held). A stage that is not started yet
// opens pre-filled; the declarant reviews and edits before saving the draft, nothing is stored
// by the pre-filling itself.
//
//   observed_at       the Paris day of the detection
//   perimeter         the incident's title, the services put in degraded mode
//   systems           the services in degraded mode with their periods
//   data_concerned    the categories of data of the qualification (« aucune » when none)
//   handling_status   the incident's status, its containment, restoration and closure
//   impact_data       the cells of the data impact (category — criterion)
//   impact_people     the patient endangerment
//   impact_systems    the impact on functioning and the services in degraded mode
//   impact_structure  the impact on functioning
//   causes            the threat type and whether it is malicious
//   declarant_*       the user starting the stage (name and e-mail)
//
// A field the register knows nothing about stays empty. A later stage starts from the latest
// submitted one, with what changed in the register since (later_stage_content).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "incidents/rules/declaration_form.hpp"
#include "incidents/store/repository.hpp"

namespace carepilot::incidents {

// What the register knew at a past moment: the events dated up to `events_until` (Unix
// seconds) and what was recorded before `recorded_until` (the qualification, when qualified
// before then — the register keeps only the latest one; the closure). Recorded in the same
// second counts as after: unknown then.
struct RegisterCut {
  std::int64_t events_until = 0;
  std::int64_t recorded_until = 0;
};

// The register's text for each field, now (`cut` nullopt) or at a past moment: the status then
// is closed when closed by then, contained when a containment is dated by then and the incident
// is not open now, open otherwise. `declarant_name` may be "" (then only the contact is
// filled). Fields the register knows nothing about are absent.
DeclarationContent register_content(const Incident& inc, const std::optional<RegisterCut>& cut,
                                    const std::string& declarant_name,
                                    const std::string& declarant_contact);

// A later stage's starting content: the previous submitted stage's content `previous`, where
// each field the register knows is brought up to date — an empty field takes the register's
// text; a field holding the register's text of then (`register_then`, as of the previous
// stage's submission) takes the register's text of now; a field the declarant wrote
// themselves keeps their text and, when the register changed since, gets the new text appended
// after « Mise à jour du registre depuis la `since` : ». Dates and the declarant are kept when
// filled.
DeclarationContent later_stage_content(const DeclarationForm& form,
                                       const DeclarationContent& previous,
                                       const DeclarationContent& register_then,
                                       const DeclarationContent& register_now,
                                       const std::string& since);

}  // namespace carepilot::incidents
