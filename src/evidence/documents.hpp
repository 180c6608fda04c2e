// Documents carried by evidence records (issue 12, point 2): a PCA, an attestation, an audit
// report … Each upload is one version of a document named by its title within the record:
// a new upload under the same title is the next version, never an overwrite. Files are
// checked as the assessment's attachments are (common/attachment.hpp: extension and
// content, 5 Mio) and stored with their SHA-256 (table evidence_documents, migration 0021).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/attachment.hpp"
#include "common/scope.hpp"
#include "evidence/repository.hpp"

namespace soci {
class session;
}

namespace carepilot::evidence {

// One version of a document.
struct Document {
  std::int64_t id = 0;
  std::int64_t evidence_id = 0;
  std::string title;  // "Plan de continuité 2026"
  int version = 1;    // 1, 2, … per title within the record
  std::string file_name;
  std::string content_type;  // derived from the extension, never from the client
  std::int64_t size = 0;
  std::string sha256;  // of the bytes, hexadecimal
  std::string author, reference, comment;
  std::string created_at;  // UTC ISO 8601
  std::string created_by;
};

struct DocumentInput {
  std::string title, file_name, bytes, author, reference, comment;
};

struct DocumentFile {
  Document info;
  std::string bytes;
};

// Writes one version of a document of record `evidence_id` inside the caller's open
// store::Transaction on `sql`: the next version under `d.title` (serialised on the record),
// the SHA-256 of `bytes`, the INSERT and its audit entry. `d` carries title, file_name,
// content_type, author, reference and comment, already checked by the caller; the other
// fields are filled and returned. The one place documents are written: Documents::add, and
// the modules that attach the documents of the evidence they emit (the AD audit's report).
Document write_document(soci::session& sql, std::int64_t evidence_id, std::int64_t establishment_id,
                        const std::string& region_code, Document d, const std::string& bytes,
                        const Actor& actor);

// Stateless: build one where needed over the evidence repository.
class Documents {
 public:
  explicit Documents(Repository& repo) : repo_(repo) {}

  // Adds a version. Checks, in order: the record (404 when it or the establishment is not
  // visible), the record's state (409 `evidence.withdrawn` when withdrawn,
  // `evidence.derived` when a module emitted it: its documents belong to that module), then
  // the content (422 naming the field: `title` « Intitulé du document » required and at most
  // 200 characters, `author` and `reference` at most 200, `comment` at most 2 000, `file` as
  // the assessment's attachments). One INSERT and its audit entry in a transaction.
  Document add(const Scope& scope, const std::string& finess, std::int64_t evidence_id,
               const DocumentInput& in, const Actor& actor);
  // As add, inside the caller's transaction on `sql`, for a record the caller found visible
  // and may document (`region`: its establishment's region, for the journal); the file is
  // checked with `rules` (the field and label a refusal names).
  Document add_in(soci::session& sql, const Record& r, const std::string& region,
                  const DocumentInput& in, const Actor& actor,
                  const files::FileRules& rules = {"file", "evidence.document", "Fichier"});
  // Every version of every document of the record, by title then version. 404 as above.
  std::vector<Document> list(const Scope& scope, const std::string& finess,
                             std::int64_t evidence_id);
  // Whether a module emitted the record (its source is not empty): its documents belong to
  // that module. The record must have been found visible first (get).
  bool derived(std::int64_t evidence_id);
  // One version with its bytes; 404 when it is not a document of that record.
  DocumentFile file(const Scope& scope, const std::string& finess, std::int64_t evidence_id,
                    std::int64_t document_id);

 private:
  Repository& repo_;
};

}  // namespace carepilot::evidence
