#include "evidence/documents.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/attachment.hpp"
#include "common/errors.hpp"
#include "common/text.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/transaction.hpp"

namespace carepilot::evidence {

using soci::into;
using soci::use;

namespace {

constexpr const char* kColumns =
    "SELECT id, evidence_id, title, version, file_name, content_type, size_bytes, sha256, "
    "author, reference, comment, created_at, created_by FROM evidence_documents ";

struct Row {
  long long id = 0, evidence = 0, size = 0;
  int version = 0;
  std::string title, file_name, content_type, sha256, author, reference, comment, created_at,
      created_by;
  void bind(soci::statement& st) {
    st.exchange(into(id));
    st.exchange(into(evidence));
    st.exchange(into(title));
    st.exchange(into(version));
    st.exchange(into(file_name));
    st.exchange(into(content_type));
    st.exchange(into(size));
    st.exchange(into(sha256));
    st.exchange(into(author));
    st.exchange(into(reference));
    st.exchange(into(comment));
    st.exchange(into(created_at));
    st.exchange(into(created_by));
  }
  Document take() const {
    return {id,     evidence, title,     version, file_name,  content_type, size,
            sha256, author,   reference, comment, created_at, created_by};
  }
};

// A text field: trimmed, at most `max` bytes (422 naming it by its label otherwise).
std::string text_field(const std::string& value, const char* field, const char* label,
                       std::size_t max, bool required) {
  std::string v = trim(value);
  if (required && v.empty())
    throw UserError::invalid({{field, "evidence.document_" + std::string(field) + "_required",
                               std::string(label) + " : obligatoire."}});
  if (v.size() > max || !valid_utf8(v))
    throw UserError::invalid({{field, "evidence.document_" + std::string(field) + "_invalid",
                               std::string(label) + " : " + std::to_string(max) +
                                   " caractères au plus, en texte lisible."}});
  return v;
}

}  // namespace

Document Documents::add(const Scope& scope, const std::string& finess, std::int64_t evidence_id,
                        const DocumentInput& in, const Actor& actor) {
  Record r = repo_.get(scope, finess, evidence_id);  // 404 first
  auto s = repo_.database().lease();
  long long rid = r.id;
  std::string source, region;
  *s << "SELECT v.source, e.region_code FROM evidence v JOIN establishments e ON e.id = "
        "v.establishment_id WHERE v.id = :id",
      into(source), into(region), use(rid);
  if (r.withdrawn())
    throw UserError(409, "evidence.withdrawn",
                    "Cette preuve a été retirée : on ne peut plus y joindre de document.");
  if (!source.empty())
    throw UserError(409, "evidence.derived",
                    "Cette preuve est produite par un module (exercice, évaluation, formation, "
                    "budget…) : joignez les documents depuis ce module.");
  store::Transaction tr(*s);
  Document d = add_in(*s, r, region, in, actor);
  tr.commit();
  return d;
}

Document Documents::add_in(soci::session& sql, const Record& r, const std::string& region,
                           const DocumentInput& in, const Actor& actor,
                           const files::FileRules& rules) {
  Document d;
  d.evidence_id = r.id;
  d.title = text_field(in.title, "title", "Intitulé du document", 200, true);
  d.author = text_field(in.author, "author", "Auteur du document", 200, false);
  d.reference = text_field(in.reference, "reference", "Référence", 200, false);
  d.comment = text_field(in.comment, "comment", "Commentaire", 2000, false);
  auto checked = files::check_attachment(in.file_name, in.bytes, rules);
  d.file_name = checked.file_name;
  d.content_type = checked.content_type;
  return write_document(sql, r.id, r.establishment_id, region, std::move(d), in.bytes, actor);
}

Document write_document(soci::session& sql, std::int64_t evidence_id, std::int64_t establishment_id,
                        const std::string& region_code, Document d, const std::string& bytes,
                        const Actor& actor) {
  long long rid = evidence_id, est = establishment_id;
  d.evidence_id = evidence_id;
  d.size = static_cast<std::int64_t>(bytes.size());
  d.sha256 = store::sha256_hex(bytes);
  d.created_at = store::now_utc_iso();
  d.created_by = actor.user;
  const std::string content = files::base64_encode(bytes);
  // Serialises the versions of this record's documents (a row lock on PostgreSQL; SQLite
  // writes one at a time).
  sql << "UPDATE evidence SET id = id WHERE id = :id", use(rid);
  int last = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM evidence_documents WHERE evidence_id = :e AND title = :t",
      into(last, ind), use(rid), use(d.title);
  d.version = (ind == soci::i_ok ? last : 0) + 1;
  long long size = d.size, id = 0;
  const bool pg = sql.get_backend_name() == "postgresql";
  const std::string insert =
      "INSERT INTO evidence_documents (evidence_id, establishment_id, title, version, file_name, "
      "content_type, size_bytes, sha256, content_base64, author, reference, comment, created_at, "
      "created_by) VALUES (:e, :es, :t, :v, :f, :c, :s, :h, :b, :a, :r, :m, :at, :by)";
  {
    soci::statement st(sql);
    st.exchange(use(rid));
    st.exchange(use(est));
    st.exchange(use(d.title));
    st.exchange(use(d.version));
    st.exchange(use(d.file_name));
    st.exchange(use(d.content_type));
    st.exchange(use(size));
    st.exchange(use(d.sha256));
    st.exchange(use(content));
    st.exchange(use(d.author));
    st.exchange(use(d.reference));
    st.exchange(use(d.comment));
    st.exchange(use(d.created_at));
    st.exchange(use(d.created_by));
    if (pg) st.exchange(into(id));
    st.alloc();
    st.prepare(pg ? insert + " RETURNING id" : insert);
    st.define_and_bind();
    st.execute(true);
  }
  if (!pg) sql << "SELECT last_insert_rowid()", into(id);
  d.id = id;
  nlohmann::json after{{"evidence_id", d.evidence_id},
                       {"title", d.title},
                       {"version", d.version},
                       {"file_name", d.file_name},
                       {"content_type", d.content_type},
                       {"size", d.size},
                       {"sha256", d.sha256},
                       {"author", d.author},
                       {"reference", d.reference},
                       {"comment", d.comment}};
  store::append_audit(
      sql, actor,
      {"create", "evidence_document", std::to_string(d.id), establishment_id,
       region_code.empty() ? std::nullopt : std::optional<std::string>(region_code),
       "Document joint à la preuve n° " + std::to_string(evidence_id) + " : " + d.title +
           " (version " + std::to_string(d.version) + ", SHA-256 " + d.sha256 + ")",
       "", after.dump()});
  return d;
}

bool Documents::derived(std::int64_t evidence_id) {
  auto s = repo_.database().lease();
  long long rid = evidence_id;
  std::string source;
  *s << "SELECT source FROM evidence WHERE id = :id", into(source), use(rid);
  return !source.empty();
}

std::vector<Document> Documents::list(const Scope& scope, const std::string& finess,
                                      std::int64_t evidence_id) {
  Record r = repo_.get(scope, finess, evidence_id);
  auto s = repo_.database().lease();
  std::vector<Document> out;
  long long rid = r.id;
  Row row;
  soci::statement st(*s);
  row.bind(st);
  st.exchange(use(rid));
  st.alloc();
  st.prepare(std::string(kColumns) + "WHERE evidence_id = :e ORDER BY title, version");
  st.define_and_bind();
  if (st.execute(true)) {
    do out.push_back(row.take());
    while (st.fetch());
  }
  return out;
}

DocumentFile Documents::file(const Scope& scope, const std::string& finess,
                             std::int64_t evidence_id, std::int64_t document_id) {
  Record r = repo_.get(scope, finess, evidence_id);
  auto s = repo_.database().lease();
  long long rid = r.id, did = document_id;
  Row row;
  std::string content;
  soci::indicator found = soci::i_null;
  *s << "SELECT id, evidence_id, title, version, file_name, content_type, size_bytes, sha256, "
        "author, reference, comment, created_at, created_by, content_base64 FROM "
        "evidence_documents WHERE id = :d AND evidence_id = :e",
      into(row.id, found), into(row.evidence), into(row.title), into(row.version),
      into(row.file_name), into(row.content_type), into(row.size), into(row.sha256),
      into(row.author), into(row.reference), into(row.comment), into(row.created_at),
      into(row.created_by), into(content), use(did), use(rid);
  if (found != soci::i_ok || !s->got_data()) throw UserError::not_found("Document introuvable.");
  DocumentFile f{row.take(), {}};
  try {
    f.bytes = files::base64_decode(content);
  } catch (const std::invalid_argument&) {
    throw std::runtime_error("evidence_documents " + std::to_string(row.id) + ": stored content");
  }
  return f;
}

}  // namespace carepilot::evidence
