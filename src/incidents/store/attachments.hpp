// The files joined to an incident (issue 19, migration 0050): a report, a screenshot, the
// portal's acknowledgement… checked by the shared attachment rules (common/attachment.hpp: type
// by extension and content, 5 Mio at most; the field « Pièce jointe »), stored base64 with their
// SHA-256, optionally linked to an event of the incident's timeline. Proof is never destroyed:
// an attachment is withdrawn with a reason, kept, still downloadable and shown as withdrawn.
// Every write is one transaction with its audit entry; a refusal stores nothing. Access is the
// incident's: its establishment inside the caller's scope (registry::Repository::visible),
// otherwise 404.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/attachment.hpp"
#include "common/scope.hpp"
#include "common/withdrawal.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"
#include "store/people.hpp"

namespace carepilot::incidents {

struct Attachment {
  std::int64_t id = 0;
  std::int64_t incident_id = 0;
  std::optional<std::int64_t> event_id;  // the timeline's event it documents, if any
  std::string description;
  std::string file_name, content_type;
  std::int64_t size = 0;
  std::string sha256;
  std::string created_at, created_by;  // UTC ISO; the user
  Withdrawal withdrawal;
};

struct AttachmentInput {
  std::string file_name;
  std::string bytes;
  std::string description;
  std::optional<std::int64_t> event_id;
  // When it was joined (UTC ISO); "" : now. The demo dates its files in its story (issue 19
  // trial: they were dated at the seeding); the pages and the API never set it.
  std::string created_at;
};

struct AttachmentFile {
  Attachment info;
  std::string bytes;
};

// The rules of the field « Pièce jointe » (field `incident_attachment`, codes
// `incident.attachment_*`).
const files::FileRules& attachment_rules();

// Longest description accepted, in characters.
inline constexpr std::size_t kMaxAttachmentDescription = 2000;

class Attachments {
 public:
  Attachments(store::Database& db, registry::Repository& registry) : db_(db), registry_(registry) {}

  // Joins a file to incident `incident_id` (404 when it is not the establishment's). 422, each
  // named and together: the refusals of files::check_attachment on `incident_attachment`
  // (incident.attachment_empty, incident.attachment_too_large, incident.attachment_type,
  // incident.attachment_unreadable…), `attachment_description` incident.description_too_long,
  // `attachment_event` incident.event_unknown (not an event of this incident).
  Attachment add(const Scope& scope, const std::string& finess, std::int64_t incident_id,
                 const AttachmentInput& in, const Actor& actor);
  // The incident's attachments, oldest first, withdrawn ones included.
  std::vector<Attachment> list(const Scope& scope, const std::string& finess,
                               std::int64_t incident_id);
  // One attachment with its bytes (a withdrawn one too); 404 when it is not the incident's.
  AttachmentFile file(const Scope& scope, const std::string& finess, std::int64_t incident_id,
                      std::int64_t id);
  // Withdraws it with `reason` (422 `reason`, checked_withdrawal_reason); 404 when it is not the
  // incident's; 409 incident.attachment_withdrawn when it already is.
  Attachment withdraw(const Scope& scope, const std::string& finess, std::int64_t incident_id,
                      std::int64_t id, const std::string& reason, const Actor& actor);
  // Who added or withdrew them, by their display names (store/people.hpp).
  std::map<std::string, std::string> people(const std::set<std::string>& who) {
    return store::people(db_, who);
  }

 private:
  store::Database& db_;
  registry::Repository& registry_;
};

}  // namespace carepilot::incidents
