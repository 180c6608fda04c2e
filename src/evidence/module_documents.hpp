// The documents a module stores with the evidence it emits (an audit's JSON result and HTML
// report, an ADS report): inside the module's transaction, with their SHA-256 and the journal
// entry, in evidence_documents. Shared by the AD audit and the exposure audit.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

#include "common/actor.hpp"

namespace carepilot::evidence {

// The id of the current (not withdrawn) evidence of `source` in the establishment, just
// emitted by Repository::emit on the same session.
std::int64_t emitted_id(soci::session& sql, const std::string& source,
                        std::int64_t establishment_id);

// Inserts version 1 of a document of evidence `evidence_id` and its journal entry; returns
// its id. Never leases: `sql` is the caller's transaction.
std::int64_t attach_module_document(soci::session& sql, std::int64_t evidence_id,
                                    std::int64_t establishment_id, const std::string& title,
                                    const std::string& file_name, const std::string& content_type,
                                    const std::string& bytes, const Actor& actor);

// A stored document's bytes (404 `not_found` when none).
std::string module_document_bytes(soci::session& sql, std::int64_t document_id);

}  // namespace carepilot::evidence
