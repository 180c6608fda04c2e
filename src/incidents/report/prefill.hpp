// What the register already knows, written into the official form's fields (issue 19 trial:
// a declarant starting a stage retyped what the register held). A stage that is not started yet
// opens pre-filled; the declarant reviews and edits before saving the draft, nothing is stored
// by the pre-filling itself.
//
//   observed_at       the Paris day of the detection
//   perimeter         the incident's title, the services put in degraded mode and those
//                     ticked in « Systèmes et services touchés », the IT resources ticked
//   systems           the services in degraded mode with their periods, the other services
//                     and the IT resources ticked (« PACS (application) »)
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
#include <vector>

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
  // The status then when known; "" deduces it (below). The dated status history (migration
  // 0053) gives it at a stage's transmission; `closed_at` the closure then when "closed".
  std::string status;
  std::optional<std::int64_t> closed_at;
};

// The status of incident `inc` at `at` (Unix seconds) from its dated status history (`changes`
// oldest first, the first one its opening, which counts from the start): "open", "contained" or
// "closed", with the closure's instant when closed.
RegisterCut status_cut(const std::vector<std::pair<std::int64_t, std::string>>& changes,
                       std::int64_t at);

// A stage transmitted at `at`: its fields that follow the register — holding one of the
// register's texts (`register_texts`: of now and as the draft was made), never touched by the
// declarant — take the register's text as it stood at `at` (`register_then`; issue 19 trial: a
// stage « transmise le 25/10 » stated « services rétablis le 26/10 »). The declarant fields are
// kept. Returns whether a field changed.
bool freeze_register_fields(DeclarationContent& content,
                            const std::vector<DeclarationContent>& register_texts,
                            const DeclarationContent& register_then);

// Whether the « État de la prise en charge » `text` of a stage transmitted when the register
// said `status_then` (open, contained, closed; `contained_then`: a containment dated by then)
// contradicts it (issue 19 trial: a final stage transmitted on 27/08 said « Clos », the register
// closed the incident on 28/08; an initial one said « Serveur isolé » before the containment):
// the text calls the incident closed (« clos », « clôturé », « résolu ») while it was not, or
// contained (« confiné », « isolé ») while it was open and nothing was contained — a word
// negated or to come (« non clos », « pas encore isolé », « sera clos ») says nothing. Returns
// the reason, "" when it agrees.
std::string handling_contradiction(const std::string& text, const std::string& status_then,
                                   bool contained_then);

// The register's text for each field, now (`cut` nullopt) or at a past moment: the status then
// is closed when closed by then, contained when a containment is dated by then and the incident
// is not open now, open otherwise. `declarant_name` may be "" (then only the contact is
// filled). Fields the register knows nothing about are absent.
DeclarationContent register_content(const Incident& inc, const std::optional<RegisterCut>& cut,
                                    const std::string& declarant_name,
                                    const std::string& declarant_contact);

// A later stage's starting content: the previous submitted stage's content `previous`, where
// each field the register knows is brought up to date — an empty field takes the register's
// text; a field holding one of the register's texts of then (`register_then`: what the register
// may have produced for the previous stage — as of its start and of its submission, the status
// then open or contained, see previous_register_texts) was never touched by the declarant and
// takes the register's text of now (issue 19 trial: untouched fields piled up « Mise à jour du
// registre » paragraphs stage after stage); a field the declarant wrote themselves keeps their
// text and, when the register changed since the previous stage's submission (the first of
// `register_then`), gets the new text appended after « Mise à jour du registre depuis la
// `since` : ». Dates and the declarant are kept when filled.
DeclarationContent later_stage_content(const DeclarationForm& form,
                                       const DeclarationContent& previous,
                                       const std::vector<DeclarationContent>& register_then,
                                       const DeclarationContent& register_now,
                                       const std::string& since);

// What the register may have produced for a stage started at `started` and submitted at
// `submitted` (Unix seconds; `recorded` the instant the submission was recorded): its texts
// cut at the submission (first) and at the start, each with the status then deduced, open and
// contained.
std::vector<DeclarationContent> previous_register_texts(const Incident& inc, std::int64_t started,
                                                        std::int64_t submitted,
                                                        std::int64_t recorded,
                                                        const std::string& declarant_name,
                                                        const std::string& declarant_contact);

}  // namespace carepilot::incidents
