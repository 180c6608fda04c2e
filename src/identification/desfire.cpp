#include "identification/desfire.hpp"

#include "http/json_body.hpp"
#include "http/json_numbers.hpp"

#include "common/french.hpp"
#include "common/labels.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"

namespace carepilot::identification {

using nlohmann::json;
using soci::indicator;
using soci::into;
using soci::use;

std::string badge_status_code(BadgeStatus s) {
  switch (s) {
    case BadgeStatus::compliant:
      return "compliant";
    case BadgeStatus::non_compliant:
      return "non_compliant";
    case BadgeStatus::forbidden:
      return "forbidden";
  }
  return "non_compliant";
}

BadgeVerdict evaluate_badges(const Data& data, const DesfireCheck& c) {
  BadgeVerdict v;
  const auto& d = data.desfire;
  const std::string source = " (" + d.source + ")";
  for (const auto& k : d.key_schemes)
    if (k.id == c.key_scheme && k.forbidden) {
      v.status = BadgeStatus::forbidden;
      v.reasons.push_back("Interdit : " + d.forbidden_text + source);
    }
  if (!c.own_kms) {
    if (v.status == BadgeStatus::compliant) v.status = BadgeStatus::non_compliant;
    v.reasons.push_back(
        "Pas de système de gestion des clés propre à l'établissement : " + d.kms_text + source);
  }
  if (!c.processes_defined) {
    if (v.status == BadgeStatus::compliant) v.status = BadgeStatus::non_compliant;
    v.reasons.push_back("Processus d'encodage et d'enrôlement non définis : " + d.processes_text +
                        source);
  }
  if (v.status == BadgeStatus::compliant)
    v.reasons.push_back(
        "Une clé propre à chaque badge, un système de gestion des clés propre à "
        "l'établissement et des processus d'encodage et d'enrôlement définis" +
        source + ".");
  return v;
}

namespace {

std::optional<bool> yes_no(const std::string& field, const std::string& text,
                           std::vector<FieldError>& errors) {
  if (text == "yes") return true;
  if (text == "no") return false;
  errors.push_back(
      {field, "identification." + field + "_required",
       field + (text.empty() ? " : réponse requise (oui ou non)." : " : oui ou non attendu.")});
  return std::nullopt;
}

std::string field_text(const FormFields& f, const char* k) {
  auto it = f.find(k);
  return it == f.end() ? std::string{} : it->second;
}

}  // namespace

DesfireInput desfire_from_form(const FormFields& form) {
  DesfireInput in;
  in.key_scheme = field_text(form, "key_scheme");
  in.own_kms = yes_no("own_kms", field_text(form, "own_kms"), in.format_errors);
  in.processes_defined =
      yes_no("processes_defined", field_text(form, "processes_defined"), in.format_errors);
  return in;
}

DesfireInput desfire_from_json(const json& body) {
  http::require_known_members(body, {"key_scheme", "own_kms", "processes_defined"});
  http::require_strings(body, {"key_scheme"});
  FormFields f;
  if (body.contains("key_scheme") && body["key_scheme"].is_string())
    f["key_scheme"] = body["key_scheme"].get<std::string>();
  else if (body.contains("key_scheme") && !body["key_scheme"].is_null())
    f["key_scheme"] = "?";
  for (const char* k : {"own_kms", "processes_defined"})
    if (body.contains(k)) {
      const auto& v = body[k];
      f[k] = v.is_boolean() ? (v.get<bool>() ? "yes" : "no") : v.is_null() ? "" : "?";
    }
  return desfire_from_form(f);
}

std::optional<DesfireCheck> Badges::get(const Scope& scope, const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  long long e = est.id;
  soci::rowset<soci::row> rs =
      (s->prepare << "SELECT key_scheme, own_kms, processes_defined, updated_at, updated_by "
                     "FROM mie_desfire WHERE establishment_id = :e",
       use(e));
  for (const auto& r : rs) {
    DesfireCheck c;
    c.key_scheme = r.get<std::string>(0);
    c.own_kms = store::row_int(r, 1) != 0;
    c.processes_defined = store::row_int(r, 2) != 0;
    c.updated_at = r.get<std::string>(3);
    c.updated_by = r.get<std::string>(4);
    return c;
  }
  return std::nullopt;
}

DesfireCheck Badges::save(const Scope& scope, const std::string& finess, const DesfireInput& in,
                          const Actor& actor, bool* created) {
  auto est = registry_.visible(scope, finess);
  std::vector<FieldError> errors = in.format_errors;
  bool known = false;
  std::vector<std::string_view> labels;
  for (const auto& k : data_.desfire.key_schemes) {
    known = known || k.id == in.key_scheme;
    labels.push_back(k.label);
  }
  if (!known)
    errors.insert(errors.begin(), {"key_scheme", "identification.key_scheme_unknown",
                                   "key_scheme : choisissez " + french_choices(labels) + "."});
  if (!errors.empty()) {
    for (auto& e : errors) e.message = page_message(e);
    throw UserError::invalid(std::move(errors));
  }
  auto before = get(scope, finess);
  DesfireCheck c{in.key_scheme, *in.own_kms, *in.processes_defined, store::now_utc_iso(),
                 actor.user};
  auto s = db_.lease();
  store::Transaction tr(*s);
  long long e = est.id;
  int kms = c.own_kms ? 1 : 0, proc = c.processes_defined ? 1 : 0;
  *s << "DELETE FROM mie_desfire WHERE establishment_id = :e", use(e);
  *s << "INSERT INTO mie_desfire (establishment_id, key_scheme, own_kms, processes_defined, "
        "updated_at, updated_by) VALUES (:e, :k, :m, :p, :ua, :ub)",
      use(e), use(c.key_scheme), use(kms), use(proc), use(c.updated_at), use(c.updated_by);
  auto as_json = [](const DesfireCheck& x) {
    return json{{"key_scheme", x.key_scheme},
                {"own_kms", x.own_kms},
                {"processes_defined", x.processes_defined}}
        .dump();
  };
  store::append_audit(
      *s, actor,
      {before ? "update" : "create", "mie_desfire", est.finess_et, est.id, est.region_code,
       "Contrôle des badges DESFire enregistré", before ? as_json(*before) : "", as_json(c)});
  tr.commit();
  if (created) *created = !before;
  return c;
}

}  // namespace carepilot::identification
