#include "incidents/store/attachments.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/text.hpp"
#include "incidents/store/repository.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"
#include "store/withdrawal.hpp"

namespace carepilot::incidents {

namespace attachments_detail {

using nlohmann::json;
using soci::into;
using soci::use;

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// The rows of `incident_id` (all, or the one `only`), oldest first.
std::vector<Attachment> read(soci::session& s, std::int64_t incident_id, std::int64_t only = 0) {
  std::vector<Attachment> out;
  long long id = 0, event = 0, size = 0, inc = incident_id;
  soci::indicator i_event = soci::i_null;
  std::string description, file_name, content_type, sha, created_at, created_by, w_at, w_by,
      w_reason;
  soci::statement st =
      (s.prepare << "SELECT id, event_id, description, file_name, content_type, size_bytes, "
                    "sha256, created_at, created_by, " +
                        store::withdrawal_columns() +
                        " FROM incident_attachments WHERE incident_id = :i ORDER BY id",
       into(id), into(event, i_event), into(description), into(file_name), into(content_type),
       into(size), into(sha), into(created_at), into(created_by), into(w_at), into(w_by),
       into(w_reason), use(inc));
  st.execute();
  while (st.fetch()) {
    if (only != 0 && id != only) continue;
    Attachment a;
    a.id = id;
    a.incident_id = incident_id;
    if (i_event == soci::i_ok) a.event_id = event;
    a.description = description;
    a.file_name = file_name;
    a.content_type = content_type;
    a.size = size;
    a.sha256 = sha;
    a.created_at = created_at;
    a.created_by = created_by;
    a.withdrawal = {w_at, w_by, w_reason};
    out.push_back(std::move(a));
  }
  return out;
}

json summary(const Attachment& a) {
  return {{"file_name", a.file_name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"event_id", a.event_id ? json(*a.event_id) : json(nullptr)},
          {"description", a.description},
          {"withdrawn", a.withdrawal.withdrawn()}};
}

}  // namespace attachments_detail

const files::FileRules& attachment_rules() {
  static const files::FileRules rules{"incident_attachment", "incident",
                                      std::string(field_label("incident_attachment"))};
  return rules;
}

Attachment Attachments::add(const Scope& scope, const std::string& finess, std::int64_t incident_id,
                            const AttachmentInput& in, const Actor& actor) {
  using namespace attachments_detail;
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  auto inc = Repository::load_on(*s, est.id, est.finess_et, incident_id);  // 404
  refuse_if_withdrawn(inc);
  std::vector<FieldError> errors;
  files::CheckedFile checked;
  try {
    checked = files::check_attachment(in.file_name, in.bytes, attachment_rules());
  } catch (const UserError& e) {
    for (const auto& f : e.fields()) errors.push_back(f);
  }
  const std::string description = trim(in.description);
  if (utf8_length(description) > kMaxAttachmentDescription)
    errors.push_back(
        {"attachment_description", "incident.description_too_long",
         std::string(field_label("attachment_description")) + " : 2 000 caractères au plus."});
  const Event* event = nullptr;
  if (in.event_id) {
    for (const auto& e : inc.events)
      if (e.id == *in.event_id) event = &e;
    if (!event)
      errors.push_back({"attachment_event", "incident.event_unknown",
                        std::string(field_label("attachment_event")) +
                            " : choisissez un événement de la chronologie de cet incident."});
  }
  if (!errors.empty()) throw UserError::invalid(errors);

  store::Transaction tr(*s);
  Attachment a;
  a.incident_id = incident_id;
  if (event) a.event_id = event->id;
  a.description = description;
  a.file_name = checked.file_name;
  a.content_type = checked.content_type;
  a.size = static_cast<std::int64_t>(in.bytes.size());
  a.sha256 = store::sha256_hex(in.bytes);
  a.created_at = in.created_at.empty() ? store::now_utc_iso() : in.created_at;
  a.created_by = actor.user;
  const std::string b64 = files::base64_encode(in.bytes);
  long long inc_id = incident_id, est_id = est.id, event_id = a.event_id.value_or(0), size = a.size;
  soci::indicator i_event = a.event_id ? soci::i_ok : soci::i_null;
  a.id = store::insert_returning(
      *s,
      "INSERT INTO incident_attachments (incident_id, establishment_id, event_id, description, "
      "file_name, content_type, size_bytes, sha256, content_base64, created_at, created_by) "
      "VALUES (:i, :e, :ev, :d, :f, :t, :z, :h, :b, :c, :cb)",
      [&](soci::statement& st) {
        st.exchange(use(inc_id));
        st.exchange(use(est_id));
        st.exchange(use(event_id, i_event));
        st.exchange(use(a.description));
        st.exchange(use(a.file_name));
        st.exchange(use(a.content_type));
        st.exchange(use(size));
        st.exchange(use(a.sha256));
        st.exchange(use(b64));
        st.exchange(use(a.created_at));
        st.exchange(use(a.created_by));
      });
  std::string what = "Incident « " + inc.title + " » : pièce jointe ajoutée, « " + a.file_name +
                     " » (" + french_file_size(a.size) + ")";
  if (event)
    what += ", liée à l'événement « " + label("event", event->kind) + " » du " +
            paris_datetime(event->at);
  store::append_audit(*s, actor,
                      {"create", "incident_attachment", std::to_string(a.id), est.id,
                       est.region_code, what, "", summary(a).dump()});
  tr.commit();
  return a;
}

std::vector<Attachment> Attachments::list(const Scope& scope, const std::string& finess,
                                          std::int64_t incident_id) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  Repository::load_on(*s, est.id, est.finess_et, incident_id);  // 404 outside
  return attachments_detail::read(*s, incident_id);
}

AttachmentFile Attachments::file(const Scope& scope, const std::string& finess,
                                 std::int64_t incident_id, std::int64_t id) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  Repository::load_on(*s, est.id, est.finess_et, incident_id);  // 404 outside
  auto rows = attachments_detail::read(*s, incident_id, id);
  if (rows.empty()) throw UserError::not_found("Pièce jointe introuvable.");
  AttachmentFile f{rows.front(), {}};
  long long key = id, inc = incident_id;
  std::string b64;
  *s << "SELECT content_base64 FROM incident_attachments WHERE id = :a AND incident_id = :i",
      soci::use(key), soci::use(inc), soci::into(b64);
  f.bytes = files::base64_decode(b64);
  return f;
}

Attachment Attachments::withdraw(const Scope& scope, const std::string& finess,
                                 std::int64_t incident_id, std::int64_t id,
                                 const std::string& reason, const Actor& actor) {
  using namespace attachments_detail;
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto inc = Repository::load_on(*s, est.id, est.finess_et, incident_id);  // 404 outside
  auto rows = read(*s, incident_id, id);
  if (rows.empty()) throw UserError::not_found("Pièce jointe introuvable.");
  auto a = rows.front();
  if (a.withdrawal.withdrawn())
    throw UserError(
        409, "incident.attachment_withdrawn",
        "Cette pièce jointe est déjà retirée (le " + paris_datetime(a.withdrawal.at) + ").");
  const std::string why =
      checked_withdrawal_reason(reason, "incident", "cette pièce jointe est retirée");
  const json before = summary(a);
  a.withdrawal = store::mark_withdrawn(*s, "incident_attachments", id, est.id, why, actor.user);
  json after = summary(a);
  after["withdrawn_at"] = a.withdrawal.at;
  after["withdrawal_reason"] = a.withdrawal.reason;
  store::append_audit(
      *s, actor,
      {"withdraw", "incident_attachment", std::to_string(id), est.id, est.region_code,
       "Incident « " + inc.title + " » : pièce jointe retirée, « " + a.file_name +
           " » ; motif : " + why,
       before.dump(), after.dump()});
  tr.commit();
  return a;
}

}  // namespace carepilot::incidents
