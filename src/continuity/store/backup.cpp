#include "continuity/store/backup.hpp"

#include <soci/soci.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

#include "common/attachment.hpp"
#include "common/labels.hpp"
#include "continuity/messages.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/scope_generation.hpp"
#include "store/transaction.hpp"

namespace carepilot::continuity {

namespace data_files {
const std::map<std::string_view, std::string_view>& embedded_files();
}  // namespace data_files

using soci::indicator;
using soci::into;
using soci::use;

const BackupPoint* BackupData::point(const std::string& id) const {
  for (const auto& p : points)
    if (p.id == id) return &p;
  return nullptr;
}
std::string BackupData::answer_label(const std::string& id) const {
  for (const auto& c : answers)
    if (c.id == id) return c.label;
  return id;
}
std::string BackupData::auth_mode_label(const std::string& id) const {
  for (const auto& c : auth_modes)
    if (c.id == id) return c.label;
  return id;
}

const BackupData& backup_data() {
  static const BackupData data = [] {
    const auto& files = data_files::embedded_files();
    auto it = files.find("backup.yaml");
    if (it == files.end())
      throw std::runtime_error("data/continuity/backup.yaml absent du programme");
    const YAML::Node root = YAML::Load(std::string(it->second));
    BackupData d;
    d.source = root["source"].as<std::string>("");
    for (const auto& c : root["answers"])
      d.answers.push_back({c["id"].as<std::string>(), c["label"].as<std::string>()});
    for (const auto& c : root["auth_modes"])
      d.auth_modes.push_back({c["id"].as<std::string>(), c["label"].as<std::string>()});
    d.ads_level_required = root["ads_level_required"].as<int>(3);
    for (const auto& p : root["points"])
      d.points.push_back({p["id"].as<std::string>(), p["objective"].as<std::string>(),
                          p["label"].as<std::string>(), p["date_label"].as<std::string>(),
                          p["auth"].as<bool>(false)});
    if (d.source.empty() || d.answers.empty() || d.points.empty())
      throw std::runtime_error(
          "data/continuity/backup.yaml : « source », « answers » et « points » sont obligatoires");
    return d;
  }();
  return data;
}

const BackupDeclaration* counting(const std::vector<BackupDeclaration>& all,
                                  const std::string& point) {
  const BackupDeclaration* out = nullptr;
  for (const auto& d : all)
    if (d.point == point && d.counts() && (!out || d.version > out->version)) out = &d;
  return out;
}

namespace {

const char* kColumns =
    "id, point, version, answer, declared_on, auth_mode, second_factor, ad_level, ad_audit_id, "
    "note, file_name, content_type, size_bytes, sha256, created_at, created_by, "
    "COALESCE(withdrawn_at, ''), COALESCE(withdrawn_by, ''), COALESCE(withdrawal_reason, '')";

std::vector<BackupDeclaration> read_rows(soci::session& s, long long est_id,
                                         std::optional<long long> only_id = std::nullopt) {
  std::vector<BackupDeclaration> out;
  long long id = 0, size = 0, audit = 0;
  int version = 0, second = 0, level = 0;
  std::string point, answer, on, mode, note, fname, ctype, sha, cat, cby, wat, wby, why;
  indicator i_second, i_level, i_audit;
  const std::string where = only_id ? " AND id = " + std::to_string(*only_id) : std::string();
  soci::statement st =
      (s.prepare << std::string("SELECT ") + kColumns +
                        " FROM continuity_backup_declarations WHERE establishment_id = :e" + where +
                        " ORDER BY point, version",
       into(id), into(point), into(version), into(answer), into(on), into(mode),
       into(second, i_second), into(level, i_level), into(audit, i_audit), into(note), into(fname),
       into(ctype), into(size), into(sha), into(cat), into(cby), into(wat), into(wby), into(why),
       use(est_id));
  st.execute();
  while (st.fetch()) {
    BackupDeclaration d;
    d.id = id;
    d.point = point;
    d.version = version;
    d.answer = answer;
    d.declared_on = parse_date(on).value_or(Date{});
    d.auth_mode = mode;
    if (i_second == soci::i_ok) d.second_factor = second != 0;
    if (i_level == soci::i_ok) d.ad_level = level;
    if (i_audit == soci::i_ok) d.ad_audit_id = audit;
    d.note = note;
    if (!fname.empty()) d.document = BackupDocument{fname, ctype, sha, size};
    d.created_at = cat;
    d.created_by = cby;
    d.withdrawal = {wat, wby, why};
    out.push_back(std::move(d));
  }
  return out;
}

nlohmann::json summary_json(const BackupDeclaration& d) {
  nlohmann::json j{{"point", d.point},
                   {"version", d.version},
                   {"answer", d.answer},
                   {"declared_on", format_date(d.declared_on)}};
  if (!d.auth_mode.empty()) j["auth_mode"] = d.auth_mode;
  if (d.second_factor) j["second_factor"] = *d.second_factor;
  if (d.ad_level) j["ad_level"] = *d.ad_level;
  if (d.document) j["document_sha256"] = d.document->sha256;
  return j;
}

}  // namespace

std::vector<BackupDeclaration> load_backup(store::Database& db, registry::Repository& registry,
                                           const Scope& scope, const std::string& finess) {
  const auto e = registry.visible(scope, finess);
  auto s = db.lease();
  return read_rows(*s, e.id);
}

BackupDeclaration declare_backup(store::Database& db, registry::Repository& registry,
                                 const Scope& scope, const std::string& finess,
                                 const std::string& point_id, const BackupInput& in,
                                 const Date& today, const Actor& actor) {
  const auto e = registry.visible(scope, finess);
  const auto& data = backup_data();
  const BackupPoint* point = data.point(point_id);
  if (!point) throw UserError::not_found("Point de sauvegarde introuvable.");
  std::vector<FieldError> errs = in.format_errors;
  bool known_answer = false;
  for (const auto& c : data.answers) known_answer = known_answer || c.id == in.answer;
  if (!known_answer) {
    std::string choices;
    for (const auto& c : data.answers)
      choices += (choices.empty() ? "« " : ", « ") + c.label + " »";
    errs.push_back({"answer", "continuity.backup_answer_unknown",
                    labelled("answer") + "choisissez une réponse parmi " + choices + "."});
  }
  auto has_error = [&](const char* f) {
    for (const auto& x : errs)
      if (x.field == f) return true;
    return false;
  };
  if (!in.declared_on && !has_error("declared_on"))
    errs.push_back({"declared_on", "continuity.declared_on_required",
                    labelled("declared_on") + "la date est obligatoire."});
  else if (in.declared_on && *in.declared_on > today)
    errs.push_back(
        {"declared_on", "continuity.date_in_future",
         labelled("declared_on") + "la date ne peut pas être postérieure à aujourd'hui."});
  else if (in.declared_on && *in.declared_on < *parse_date("2000-01-01"))
    errs.push_back(
        {"declared_on", "continuity.declared_on_too_old",
         labelled("declared_on") + "date antérieure au 01/01/2000, vérifiez la saisie."});
  BackupInput v = in;
  long long est_id = e.id;
  auto s = db.lease();
  if (point->auth && known_answer && in.answer != "no") {
    bool known_mode = false;
    for (const auto& c : data.auth_modes) known_mode = known_mode || c.id == in.auth_mode;
    if (!known_mode) {
      std::string choices;
      for (const auto& c : data.auth_modes)
        choices += (choices.empty() ? "« " : ", « ") + c.label + " »";
      errs.push_back(
          {"auth_mode", "continuity.backup_auth_mode_unknown",
           labelled("auth_mode") + "choisissez le mode d'authentification parmi " + choices + "."});
    }
    if (!in.second_factor)
      errs.push_back({"second_factor", "continuity.backup_second_factor_required",
                      labelled("second_factor") +
                          "dites si l'administration des sauvegardes exige une "
                          "double authentification."});
    if (in.auth_mode == "dedicated_directory") {
      if (in.ad_audit_id) {
        // The level of a finished AD audit of this establishment, never typed twice.
        int level = 0;
        indicator il = soci::i_null;
        long long aid = *in.ad_audit_id;
        int found = 0;
        *s << "SELECT COUNT(*) FROM ad_audits WHERE id = :a AND establishment_id = :e AND state "
              "= 'done' AND level IS NOT NULL",
            use(aid), use(est_id), into(found);
        if (found) *s << "SELECT level FROM ad_audits WHERE id = :a", use(aid), into(level, il);
        if (!found || il != soci::i_ok)
          errs.push_back({"ad_audit", "continuity.backup_ad_audit_unknown",
                          labelled("ad_audit") +
                              "aucun audit AD terminé de cet établissement ne porte ce "
                              "numéro."});
        else
          v.ad_level = level;
      } else if (!in.ad_level || *in.ad_level < 1 || *in.ad_level > 5) {
        if (!has_error("ad_level"))
          errs.push_back({"ad_level", "continuity.backup_ad_level_invalid",
                          labelled("ad_level") +
                              "indiquez le niveau ANSSI de l'annuaire dédié (1 à 5) ou "
                              "liez un audit AD de l'établissement."});
      }
    } else {
      v.ad_level.reset();
      v.ad_audit_id.reset();
    }
    // « Oui » must be what it says (issue 15 trial: « Oui » was accepted with the
    // establishment's own directory and no second factor, and with a dedicated directory below
    // the required ADS level): otherwise the answer is « En partie » or « Non ».
    if (in.answer == "yes" && known_mode) {
      const std::string other = " ; répondez « En partie » ou « Non ».";
      if (in.auth_mode == "shared_directory")
        errs.push_back({"answer", "continuity.backup_auth_not_independent",
                        labelled("answer") +
                            "« Oui » ne tient pas avec l'annuaire de l'établissement, qui "
                            "n'est pas une authentification indépendante" +
                            other});
      else if (in.second_factor && !*in.second_factor)
        errs.push_back({"answer", "continuity.backup_auth_without_second_factor",
                        labelled("answer") +
                            "« Oui » demande une double authentification pour administrer "
                            "les sauvegardes" +
                            other});
      else if (in.auth_mode == "dedicated_directory" && v.ad_level &&
               *v.ad_level < data.ads_level_required)
        errs.push_back({"answer", "continuity.backup_auth_level_too_low",
                        labelled("answer") + "« Oui » demande un annuaire dédié de niveau ANSSI " +
                            std::to_string(data.ads_level_required) + " au moins (niveau " +
                            std::to_string(*v.ad_level) + ")" + other});
    }
  } else {
    v.auth_mode.clear();
    v.second_factor.reset();
    v.ad_level.reset();
    v.ad_audit_id.reset();
  }
  files::CheckedFile checked;
  if (!in.file_name.empty() || !in.file_bytes.empty())
    checked = files::check_attachment(
        in.file_name, in.file_bytes,
        {"backup_document", "continuity", std::string(field_label("backup_document"))});
  else if (known_answer && in.answer == "yes")
    // Each answer rests on its evidence (data/continuity/backup.yaml): a « Oui » without it
    // proves nothing (issue 15 trial).
    errs.push_back({"backup_document", "continuity.backup_document_required",
                    std::string(field_label("backup_document")) +
                        " : une réponse « Oui » s'appuie sur une pièce justificative "
                        "(la politique, le compte rendu de la vérification…) ; joignez-la."});
  if (!errs.empty()) throw UserError::invalid(std::move(errs));

  store::Transaction tr(*s);
  int version = 0;
  indicator iv = soci::i_null;
  *s << "SELECT MAX(version) FROM continuity_backup_declarations WHERE establishment_id = :e "
        "AND point = :p",
      use(est_id), use(point_id), into(version, iv);
  version = iv == soci::i_ok ? version + 1 : 1;
  const std::string now = store::now_utc_iso();
  const std::string on = format_date(*v.declared_on);
  int second = v.second_factor.value_or(false) ? 1 : 0;
  indicator i_second = v.second_factor ? soci::i_ok : soci::i_null;
  int level = v.ad_level.value_or(0);
  indicator i_level = v.ad_level ? soci::i_ok : soci::i_null;
  long long audit = v.ad_audit_id.value_or(0);
  indicator i_audit = v.ad_audit_id ? soci::i_ok : soci::i_null;
  const std::string b64 = checked.file_name.empty() ? "" : files::base64_encode(in.file_bytes);
  const std::string sha = checked.file_name.empty() ? "" : store::sha256_hex(in.file_bytes);
  long long size = checked.file_name.empty() ? 0 : static_cast<long long>(in.file_bytes.size());
  *s << "INSERT INTO continuity_backup_declarations (establishment_id, point, version, answer, "
        "declared_on, auth_mode, second_factor, ad_level, ad_audit_id, note, file_name, "
        "content_type, size_bytes, sha256, content_base64, created_at, created_by) VALUES (:e, "
        ":p, :v, :a, :on, :m, :sf, :l, :au, :n, :fn, :ct, :sz, :sh, :b, :at, :by)",
      use(est_id), use(point_id), use(version), use(v.answer), use(on), use(v.auth_mode),
      use(second, i_second), use(level, i_level), use(audit, i_audit), use(v.note),
      use(checked.file_name), use(checked.content_type), use(size), use(sha), use(b64), use(now),
      use(actor.user);
  long long id = 0;
  *s << "SELECT id FROM continuity_backup_declarations WHERE establishment_id = :e AND point = "
        ":p AND version = :v",
      use(est_id), use(point_id), use(version), into(id);
  auto rows = read_rows(*s, est_id, id);
  store::append_audit(
      *s, actor,
      {"create", "continuity_backup", std::to_string(id), e.id, e.region_code,
       "Déclaration de sauvegarde : " + point->label + " (version " + std::to_string(version) + ")",
       "", summary_json(rows.at(0)).dump()});
  store::bump_scope_generations(*s, store::establishment_scope_keys(e.id, e.region_code, e.ght_id));
  tr.commit();
  return rows.at(0);
}

BackupDeclaration withdraw_backup(store::Database& db, registry::Repository& registry,
                                  const Scope& scope, const std::string& finess, std::int64_t id,
                                  const std::string& reason, const Actor& actor) {
  const auto e = registry.visible(scope, finess);
  long long est_id = e.id, rid = id;
  auto s = db.lease();
  auto rows = read_rows(*s, est_id, rid);
  if (rows.empty() || rows[0].withdrawal.withdrawn())
    throw UserError::not_found("Déclaration de sauvegarde introuvable.");
  const std::string why =
      checked_withdrawal_reason(reason, "continuity", "cette déclaration est retirée");
  store::Transaction tr(*s);
  const std::string now = store::now_utc_iso();
  *s << "UPDATE continuity_backup_declarations SET withdrawn_at = :at, withdrawn_by = :by, "
        "withdrawal_reason = :r WHERE id = :id AND establishment_id = :e AND withdrawn_at IS "
        "NULL",
      use(now), use(actor.user), use(why), use(rid), use(est_id);
  const auto before = summary_json(rows[0]).dump();
  rows = read_rows(*s, est_id, rid);
  store::append_audit(*s, actor,
                      {"withdraw", "continuity_backup", std::to_string(id), e.id, e.region_code,
                       "Déclaration de sauvegarde retirée : " + why, before,
                       nlohmann::json{{"withdrawal_reason", why}}.dump()});
  store::bump_scope_generations(*s, store::establishment_scope_keys(e.id, e.region_code, e.ght_id));
  tr.commit();
  return rows.at(0);
}

BackupFile backup_file(store::Database& db, registry::Repository& registry, const Scope& scope,
                       const std::string& finess, std::int64_t id) {
  const auto e = registry.visible(scope, finess);
  long long est_id = e.id, rid = id;
  BackupFile f;
  std::string b64;
  auto s = db.lease();
  soci::indicator ind = soci::i_null;
  *s << "SELECT file_name, content_type, content_base64 FROM continuity_backup_declarations "
        "WHERE id = :id AND establishment_id = :e",
      use(rid), use(est_id), into(f.file_name, ind), into(f.content_type), into(b64);
  if (ind != soci::i_ok || f.file_name.empty())
    throw UserError::not_found("Pièce justificative introuvable.");
  f.bytes = files::base64_decode(b64);
  return f;
}

}  // namespace carepilot::continuity
