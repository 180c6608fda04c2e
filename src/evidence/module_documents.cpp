#include "evidence/module_documents.hpp"

#include <nlohmann/json.hpp>

#include "common/attachment.hpp"
#include "common/errors.hpp"
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
  long long ev = evidence_id, est = establishment_id, size = static_cast<long long>(bytes.size());
  int version = 1;
  const std::string sha = store::sha256_hex(bytes), content = files::base64_encode(bytes),
                    at = store::now_utc_iso(), empty;
  const std::string by = actor.user;
  const auto id = store::insert_returning(
      sql,
      "INSERT INTO evidence_documents (evidence_id, establishment_id, title, version, file_name, "
      "content_type, size_bytes, sha256, content_base64, author, reference, comment, created_at, "
      "created_by) VALUES (:e, :es, :t, :v, :f, :c, :s, :h, :b, :a, :r, :m, :at, :by)",
      [&](soci::statement& st) {
        st.exchange(use(ev));
        st.exchange(use(est));
        st.exchange(use(title));
        st.exchange(use(version));
        st.exchange(use(file_name));
        st.exchange(use(content_type));
        st.exchange(use(size));
        st.exchange(use(sha));
        st.exchange(use(content));
        st.exchange(use(empty));
        st.exchange(use(empty));
        st.exchange(use(empty));
        st.exchange(use(at));
        st.exchange(use(by));
      });
  json after{{"evidence_id", evidence_id},   {"title", title},       {"file_name", file_name},
             {"content_type", content_type}, {"size", bytes.size()}, {"sha256", sha}};
  store::append_audit(
      sql, actor,
      {"create", "evidence_document", std::to_string(id), establishment_id, std::nullopt,
       "Document joint à la preuve n° " + std::to_string(evidence_id) + " : " + title +
           " (SHA-256 " + sha + ")",
       "", after.dump()});
  return id;
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
