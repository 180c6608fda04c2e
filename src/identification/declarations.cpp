#include "identification/declarations.hpp"

#include "identification/input.hpp"

#include "common/attachment.hpp"
#include "common/french.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"

namespace carepilot::identification {

using nlohmann::json;
using soci::indicator;
using soci::into;
using soci::use;

namespace {

constexpr const char* kColumns =
    "id, objective_id, reached_on, justification, file_name, content_type, size_bytes, sha256, "
    "created_at, created_by, withdrawn_at, withdrawn_by, withdrawal_reason";

std::vector<Declaration> load(soci::session& sql, std::int64_t establishment_id,
                              std::int64_t only_id = 0) {
  long long e = establishment_id, id = 0, size = 0, only = only_id;
  std::string objective, reached, justification, file_name, content_type, sha, created_at,
      created_by, w_at, w_by, w_reason;
  indicator i_at = soci::i_null, i_by = soci::i_null, i_reason = soci::i_null;
  soci::statement st =
      (sql.prepare << std::string("SELECT ") + kColumns +
                          " FROM mie_hc_declarations WHERE establishment_id = :e AND "
                          "(:o = 0 OR id = :o2) ORDER BY objective_id, id",
       use(e), use(only), use(only), into(id), into(objective), into(reached), into(justification),
       into(file_name), into(content_type), into(size), into(sha), into(created_at),
       into(created_by), into(w_at, i_at), into(w_by, i_by), into(w_reason, i_reason));
  st.execute();
  std::vector<Declaration> out;
  while (st.fetch()) {
    Declaration d;
    d.id = id;
    d.objective_id = objective;
    d.reached_on = parse_date(reached).value_or(Date{});
    d.justification = justification;
    d.file_name = file_name;
    d.content_type = content_type;
    d.size_bytes = size;
    d.sha256 = sha;
    d.created_at = created_at;
    d.created_by = created_by;
    if (i_at == soci::i_ok) d.withdrawal.at = w_at;
    if (i_by == soci::i_ok) d.withdrawal.by = w_by;
    if (i_reason == soci::i_ok) d.withdrawal.reason = w_reason;
    out.push_back(std::move(d));
  }
  return out;
}

json audit_of(const Declaration& d) {
  return {{"objective", d.objective_id},
          {"reached_on", format_date(d.reached_on)},
          {"justification", d.justification},
          {"file_name", d.file_name},
          {"sha256", d.sha256}};
}

}  // namespace

std::map<std::string, ObjectiveDeclaration> current_declarations(
    const std::vector<Declaration>& all) {
  std::map<std::string, ObjectiveDeclaration> out;
  for (const auto& d : all)
    if (!d.withdrawal.withdrawn()) out[d.objective_id] = {d.reached_on, d.justification};
  return out;
}

std::vector<Declaration> Declarations::list(const Scope& scope, const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  return load(*s, est.id);
}

Declaration Declarations::declare(const Scope& scope, const std::string& finess,
                                  const std::string& objective_id, const DeclarationInput& in,
                                  const Date& today, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  // Every refusal at once: the objective, the fields, then the document's own checks.
  std::vector<FieldError> errors = in.format_errors;
  const Objective* o = data_.find_objective(objective_id);
  if (!o)
    errors.push_back({"objective", "identification.objective_unknown",
                      objective_id.empty()
                          ? "objective : choisissez l'objectif HospiConnect déclaré."
                          : "objective : objectif HospiConnect inconnu."});
  else if (o->derived)
    errors.push_back({"objective", "identification.objective_derived",
                      "objective : « " + o->label +
                          " » se calcule depuis l'inventaire de l'identification ; il ne se "
                          "déclare pas."});
  auto has = [&](const char* f) {
    for (const auto& e : errors)
      if (e.field == f) return true;
    return false;
  };
  if (!has("reached_on")) {
    if (!in.reached_on)
      errors.push_back(
          {"reached_on", "identification.reached_on_required", "reached_on : date requise."});
    else if (today < *in.reached_on)
      errors.push_back({"reached_on", "identification.reached_on_future",
                        "reached_on : le " + french_date_text(format_date(*in.reached_on)) +
                            " est à venir ; un objectif se déclare atteint une fois atteint."});
  }
  std::string justification = in.justification;
  while (!justification.empty() && std::isspace(static_cast<unsigned char>(justification.back())))
    justification.pop_back();
  while (!justification.empty() && std::isspace(static_cast<unsigned char>(justification.front())))
    justification.erase(0, 1);
  // Characters, not bytes: « é » is one character (the form's maxlength counts the same way).
  if (justification.empty())
    errors.push_back({"justification", "identification.justification_required",
                      "justification : dites ce qui montre que l'objectif est atteint."});
  else if (characters(justification) > kMaxJustification)
    errors.push_back({"justification", "identification.justification_too_long",
                      "justification : 2\u00a0000 caractères au plus."});
  files::CheckedFile checked;
  if (!has("proof_document")) {
    if (in.bytes.empty() && in.file_name.empty()) {
      errors.push_back({"proof_document", "identification.proof_document_required",
                        "proof_document : joignez le document qui prouve l'objectif atteint."});
    } else {
      try {
        checked = files::check_attachment(
            in.file_name, in.bytes,
            {"proof_document", "identification", label_of("proof_document")});
      } catch (const UserError& e) {
        if (errors.empty()) throw;  // alone, the document keeps its own status (413, 415)
        for (const auto& f : e.fields()) errors.push_back(f);
      }
    }
  }
  // The API's messages name the fields by their labels too (« Objectif : … », never
  // « objective : … »).
  if (!errors.empty())
    throw refused(std::move(errors),
                  {"objective", "reached_on", "justification", "proof_document"});

  auto s = db_.lease();
  store::Transaction tr(*s);
  {
    long long e = est.id;
    int current = 0;
    *s << "SELECT COUNT(*) FROM mie_hc_declarations WHERE establishment_id = :e AND "
          "objective_id = :o AND withdrawn_at IS NULL",
        use(e), use(objective_id), into(current);
    if (current > 0)
      throw UserError(409, "identification.already_declared",
                      "« " + o->label +
                          " » est déjà déclaré atteint : retirez la déclaration en cours pour en "
                          "faire une autre.");
  }
  Declaration d;
  d.objective_id = objective_id;
  d.reached_on = *in.reached_on;
  d.justification = justification;
  d.file_name = checked.file_name;
  d.content_type = checked.content_type;
  d.size_bytes = static_cast<std::int64_t>(in.bytes.size());
  d.sha256 = store::sha256_hex(in.bytes);
  d.created_at = store::now_utc_iso();
  d.created_by = actor.user;
  long long e = est.id, size = d.size_bytes;
  std::string reached = format_date(d.reached_on), content = files::base64_encode(in.bytes);
  d.id = store::insert_returning(
      *s,
      "INSERT INTO mie_hc_declarations (establishment_id, objective_id, reached_on, "
      "justification, file_name, content_type, size_bytes, sha256, content_base64, created_at, "
      "created_by) VALUES (:e, :o, :r, :j, :f, :c, :z, :h, :b, :ca, :cb)",
      [&](soci::statement& st) {
        st.exchange(use(e));
        st.exchange(use(d.objective_id));
        st.exchange(use(reached));
        st.exchange(use(d.justification));
        st.exchange(use(d.file_name));
        st.exchange(use(d.content_type));
        st.exchange(use(size));
        st.exchange(use(d.sha256));
        st.exchange(use(content));
        st.exchange(use(d.created_at));
        st.exchange(use(d.created_by));
      });
  store::append_audit(
      *s, actor,
      {"create", "mie_hc_declaration", std::to_string(d.id), est.id, est.region_code,
       "Objectif HospiConnect déclaré atteint : " + o->label, "", audit_of(d).dump()});
  tr.commit();
  return d;
}

Declaration Declarations::withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                                   const std::string& reason, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto found = load(*s, est.id, id);
  if (found.empty()) throw UserError::not_found("Déclaration introuvable.");
  Declaration d = found.front();
  if (d.withdrawal.withdrawn())
    throw UserError(409, "identification.already_withdrawn",
                    "Cette déclaration a déjà été retirée.");
  const std::string why =
      checked_withdrawal_reason(reason, "identification", "cette déclaration est retirée");
  d.withdrawal = {store::now_utc_iso(), actor.user, why};
  long long e = est.id, did = id;
  *s << "UPDATE mie_hc_declarations SET withdrawn_at = :a, withdrawn_by = :b, "
        "withdrawal_reason = :r WHERE id = :id AND establishment_id = :e",
      use(d.withdrawal.at), use(d.withdrawal.by), use(d.withdrawal.reason), use(did), use(e);
  std::string label = d.objective_id;
  if (const Objective* o = data_.find_objective(d.objective_id)) label = o->label;
  store::append_audit(*s, actor,
                      {"withdraw", "mie_hc_declaration", std::to_string(id), est.id,
                       est.region_code, "Déclaration d'objectif HospiConnect retirée : " + label,
                       audit_of(d).dump(), json{{"reason", why}}.dump()});
  tr.commit();
  return d;
}

Declarations::File Declarations::document(const Scope& scope, const std::string& finess,
                                          std::int64_t id) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  auto found = load(*s, est.id, id);
  if (found.empty()) throw UserError::not_found("Déclaration introuvable.");
  File f{found.front(), {}};
  long long did = id, e = est.id;
  std::string text;
  *s << "SELECT content_base64 FROM mie_hc_declarations WHERE id = :id AND establishment_id = :e",
      use(did), use(e), into(text);
  f.bytes = files::base64_decode(text);
  return f;
}

}  // namespace carepilot::identification
