#include "evidence/module_documents.hpp"

#include <nlohmann/json.hpp>

#include "common/attachment.hpp"
#include "common/errors.hpp"
#include "evidence/documents.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"

namespace carepilot::evidence {

using nlohmann::json;
using soci::into;
using soci::use;

std::int64_t emitted_id(soci::session& sql, const std::string& source,
                        std::int64_t establishment_id) {
  long long ev = 0, e = establishment_id;
  sql << "SELECT id FROM evidence WHERE source = :s AND establishment_id = :e AND withdrawn_at IS "
         "NULL",
      use(source), use(e), into(ev);
  return ev;
}

std::int64_t attach_module_document(soci::session& sql, std::int64_t evidence_id,
                                    std::int64_t establishment_id, const std::string& title,
                                    const std::string& file_name, const std::string& content_type,
                                    const std::string& bytes, const Actor& actor) {
  long long est = establishment_id;
  std::string region;
  soci::indicator ind = soci::i_null;
  sql << "SELECT region_code FROM establishments WHERE id = :e", into(region, ind), use(est);
  Document d;
  d.title = title;
  d.file_name = file_name;
  d.content_type = content_type;
  return write_document(sql, evidence_id, establishment_id, ind == soci::i_ok ? region : "",
                        std::move(d), bytes, actor)
      .id;
}

std::string module_document_bytes(soci::session& sql, std::int64_t document_id) {
  long long d = document_id;
  std::string content;
  soci::indicator ind = soci::i_null;
  sql << "SELECT content_base64 FROM evidence_documents WHERE id = :d", use(d), into(content, ind);
  if (ind != soci::i_ok) throw UserError::not_found("Document introuvable.");
  return files::base64_decode(content);
}

}  // namespace carepilot::evidence
