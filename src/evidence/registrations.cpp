#include "evidence/registrations.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "common/attachment.hpp"
#include "common/data_file.hpp"
#include "common/errors.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/text.hpp"
#include "evidence/scope_where.hpp"
#include "referential/evidence_schema.hpp"
#include "store/database.hpp"
#include "store/transaction.hpp"

namespace carepilot::evidence {

namespace registration_data {
const std::map<std::string_view, std::string_view>& embedded_files();
}

using soci::into;
using soci::use;

RegistrationData RegistrationData::parse(const std::string& yaml) {
  const std::string file = "data/registrations/contact_roles.yaml";
  auto fail = [&](const std::string& why) { throw std::invalid_argument(file + " : " + why); };
  YAML::Node root = load_data_map(yaml, file);
  RegistrationData d;
  if (!root["source"] || !root["source"].IsScalar()) fail("« source » est obligatoire");
  d.source = root["source"].as<std::string>();
  const auto roles = root["roles"];
  if (!roles || !roles.IsSequence() || roles.size() == 0) fail("« roles » : une liste attendue");
  for (const auto& r : roles) {
    if (!r.IsMap() || !r["code"] || !r["label"]) fail("chaque rôle a un « code » et un « label »");
    ContactRole role{r["code"].as<std::string>(), r["label"].as<std::string>()};
    if (role.code.empty() || role.label.empty()) fail("code ou libellé vide");
    if (d.role(role.code)) fail("code « " + role.code + " » en double");
    d.roles.push_back(std::move(role));
  }
  return d;
}

const RegistrationData& RegistrationData::builtin() {
  static const RegistrationData d =
      parse(std::string(registration_data::embedded_files().at("contact_roles.yaml")));
  return d;
}

const ContactRole* RegistrationData::role(const std::string& code) const {
  for (const auto& r : roles)
    if (r.code == code) return &r;
  return nullptr;
}

std::vector<RegistrationService> registration_services(const referential::Referential& ref) {
  using referential::EvidenceType;
  const auto& spec = referential::evidence_spec(EvidenceType::registration);
  const int field = referential::field_index(EvidenceType::registration, "service");
  std::vector<RegistrationService> out;
  for (auto code : spec.fields[static_cast<std::size_t>(field)].allowed) {
    RegistrationService s{std::string(code), ""};
    for (const auto& o : ref.obligations)
      for (const auto& sub : o.subjects) {
        if (std::find(sub.types.begin(), sub.types.end(), EvidenceType::registration) ==
            sub.types.end())
          continue;
        for (const auto& c : sub.where)
          if (c.field == field &&
              std::find(c.text_in.begin(), c.text_in.end(), s.code) != c.text_in.end() &&
              s.obligation.empty())
            s.obligation = o.id;
      }
    out.push_back(std::move(s));
  }
  return out;
}

namespace {

// How the supporting document's refusals name their field (« Justificatif »).
const files::FileRules kDocumentRules{"document", "registration", "Justificatif"};

bool is_service(const nlohmann::json& payload, const std::string& service) {
  auto it = payload.find("service");
  return it != payload.end() && it->is_string() && it->get<std::string>() == service;
}

std::string text_of(const nlohmann::json& payload, const char* key) {
  auto it = payload.find(key);
  return it != payload.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string lower_extension(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

std::vector<std::pair<std::string, std::optional<Registration>>> Registrations::current(
    const Scope& scope, const std::string& finess) {
  auto records = repo_.list(scope, finess);  // 404 first
  Documents docs(repo_);
  std::vector<std::pair<std::string, std::optional<Registration>>> out;
  for (const auto& svc : registration_services(repo_.referential())) {
    std::optional<Registration> reg;
    for (const auto& r : records) {  // by date then id: the last one is the latest
      if (r.type != "registration" || !is_service(r.payload, svc.code)) continue;
      reg = Registration{r, svc.code, text_of(r.payload, "contact_role"),
                         text_of(r.payload, "anssi_reference"), std::nullopt};
    }
    if (reg) {
      for (auto& d : docs.list(scope, finess, reg->record.id))
        if (!reg->document || d.id > reg->document->id) reg->document = d;
    }
    out.emplace_back(svc.code, std::move(reg));
  }
  return out;
}

std::map<std::string, Record> Registrations::withdrawn(const Scope& scope,
                                                       const std::string& finess) {
  std::map<std::string, Record> out;
  const auto current_ones = current(scope, finess);  // 404 first
  const auto gone = repo_.withdrawn(scope, finess);  // the latest withdrawal first
  for (const auto& [service, reg] : current_ones) {
    if (reg) continue;
    for (const auto& r : gone)
      if (r.type == "registration" && is_service(r.payload, service)) {
        out.emplace(service, r);
        break;
      }
  }
  return out;
}

Registration Registrations::declare(const Scope& scope, const std::string& finess,
                                    const RegistrationInput& in, const Date& today,
                                    const Actor& actor) {
  auto est = registry_.visible(scope, finess);  // 404 first
  const auto services = registration_services(repo_.referential());
  std::vector<FieldError> errors;
  const std::string service = trim(in.service);
  if (std::none_of(services.begin(), services.end(),
                   [&](const auto& s) { return s.code == service; })) {
    std::vector<std::string> names;
    for (const auto& s : services) names.push_back(code_label(s.code));
    std::vector<std::string_view> labels(names.begin(), names.end());
    errors.push_back({"service", "registration.service_invalid",
                      "Service de l'ANSSI : choisissez " + french_choices(labels) + "."});
  }
  std::optional<Date> date;
  const std::string date_text = trim(in.date);
  if (date_text.empty()) {
    errors.push_back({"date", "registration.date_required", "Date d'inscription : obligatoire."});
  } else if (!(date = parse_date(date_text))) {
    errors.push_back({"date", "registration.date_invalid",
                      "Date d'inscription : une date réelle est attendue (jour, mois, année)."});
  } else if (date->year() < kEarliestRecordedYear) {
    errors.push_back({"date", "registration.date_too_old",
                      "Date d'inscription : une inscription date de 2000 au plus tôt (reçu le " +
                          french_date_text(format_date(*date)) + ")."});
  } else if (*date > today) {
    errors.push_back({"date", "registration.date_in_future",
                      "Date d'inscription : le " + french_date_text(format_date(*date)) +
                          " est postérieur à aujourd'hui (" + french_date_text(format_date(today)) +
                          ")."});
  }
  const auto& data = RegistrationData::builtin();
  const std::string role = trim(in.contact_role);
  if (role.empty())
    errors.push_back({"contact_role", "registration.contact_role_required",
                      "Fonction du contact inscrit : obligatoire."});
  else if (!data.role(role))
    errors.push_back({"contact_role", "registration.contact_role_invalid",
                      "Fonction du contact inscrit : choisissez une fonction de la liste."});
  const std::string reference = trim(in.anssi_reference);
  if (reference.empty())
    errors.push_back({"anssi_reference", "registration.reference_required",
                      "Référence ANSSI : obligatoire (l'identifiant donné par l'ANSSI)."});
  else if (reference.size() > 200 || !valid_utf8(reference))
    errors.push_back({"anssi_reference", "registration.reference_invalid",
                      "Référence ANSSI : 200 caractères au plus, en texte lisible."});
  if (in.file_name.empty() && in.bytes.empty()) {
    errors.push_back({"document", "registration.document_required",
                      "Justificatif : joignez le courriel ou l'attestation d'inscription (PDF, "
                      "PNG ou JPEG)."});
  } else if (in.bytes.size() > files::kMaxAttachmentBytes) {
    throw UserError(413, "registration.document_too_large",
                    "Justificatif : le fichier dépasse 5 Mio.",
                    {{"document", "registration.document_too_large",
                      "Justificatif : le fichier dépasse 5 Mio."}});
  } else {
    const auto ext = lower_extension(in.file_name);
    if (ext != "pdf" && ext != "png" && ext != "jpg" && ext != "jpeg") {
      errors.push_back({"document", "registration.document_type",
                        "Justificatif : un fichier PDF, PNG ou JPEG est attendu."});
    } else {
      // The content now (it must match its extension), so that an invalid file answers 422
      // before the 409 of a registration already recorded (400/415, 404, 422, then 409).
      try {
        files::check_attachment(in.file_name, in.bytes, kDocumentRules);
      } catch (const UserError& e) {
        for (const auto& f : e.fields()) errors.push_back(f);
      }
    }
  }
  if (!errors.empty()) throw UserError::invalid(errors);

  nlohmann::json payload{{"type", "registration"},
                         {"date", format_date(*date)},
                         {"service", service},
                         {"contact_role", role},
                         {"anssi_reference", reference}};
  auto s = repo_.database().lease();
  store::Transaction tr(*s);
  // One current registration per service: serialise the declarations of the establishment
  // (a row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already writes one at a time).
  long long e = est.id;
  if (s->get_backend_name() == "postgresql") {
    long long got = 0;
    *s << "SELECT id FROM establishments WHERE id = :e FOR UPDATE", use(e), into(got);
  }
  {
    std::string stored;
    soci::statement st = (s->prepare << "SELECT payload FROM evidence WHERE establishment_id = "
                                        ":e AND type = 'registration' AND withdrawn_at IS NULL",
                          use(e), into(stored));
    st.execute();
    while (st.fetch()) {
      if (is_service(nlohmann::json::parse(stored, nullptr, false), service))
        throw UserError(409, "registration.already_registered",
                        "Une inscription " + std::string(code_label(service)) +
                            " est déjà enregistrée : retirez-la d'abord (avec un motif) pour en "
                            "déclarer une autre.");
    }
  }
  Registration reg;
  reg.record = repo_.add_in(*s, est, payload, today, actor);
  reg.service = service;
  reg.contact_role = role;
  reg.anssi_reference = reference;
  DocumentInput doc{"Justificatif d'inscription " + std::string(code_label(service)),
                    in.file_name,
                    in.bytes,
                    "",
                    reference,
                    ""};
  reg.document =
      Documents(repo_).add_in(*s, reg.record, est.region_code, doc, actor, kDocumentRules);
  tr.commit();
  return reg;
}

namespace {

std::string exists_missing(const char* param) {
  return std::string(
             "EXISTS (SELECT 1 FROM compliance_status c WHERE c.establishment_id = "
             "e.id AND c.obligation = :") +
         param + " AND c.status IN ('due', 'overdue'))";
}

}  // namespace

MissingPage Registrations::missing(const Scope& scope, const MissingQuery& q) {
  std::string club, silene;
  for (const auto& svc : registration_services(repo_.referential())) {
    if (svc.code == "club-ssi") club = svc.obligation;
    if (svc.code == "silene") silene = svc.obligation;
  }
  MissingPage out;
  auto s = repo_.database().lease();
  WhereBinds where(scope, q.filter);
  const std::string c1 = exists_missing("o1"), c2 = exists_missing("o2");
  // The counts of the scope, whatever the `missing` filter.
  {
    long long a = 0, b = 0, both = 0;
    std::string o1 = club, o2 = silene, o3 = club, o4 = silene;
    soci::statement st(*s);
    st.exchange(into(a));
    st.exchange(into(b));
    st.exchange(into(both));
    st.exchange(use(o1));
    st.exchange(use(o2));
    st.exchange(use(o3));
    st.exchange(use(o4));
    where.bind(st);
    st.alloc();
    st.prepare("SELECT COALESCE(SUM(CASE WHEN " + c1 + " THEN 1 ELSE 0 END), 0), " +
               "COALESCE(SUM(CASE WHEN " + c2 + " THEN 1 ELSE 0 END), 0), " +
               "COALESCE(SUM(CASE WHEN " + exists_missing("o3") + " AND " + exists_missing("o4") +
               " THEN 1 ELSE 0 END), 0) FROM establishments e" + kWhereSql);
    st.define_and_bind();
    st.execute(true);
    out.without_club_ssi = a;
    out.without_silene = b;
    out.without_both = both;
  }
  // The filter: which registration is missing.
  std::string cond;
  std::vector<std::string> cond_binds;
  if (q.missing == "club-ssi") {
    cond = " AND " + exists_missing("m1");
    cond_binds = {club};
  } else if (q.missing == "silene") {
    cond = " AND " + exists_missing("m1");
    cond_binds = {silene};
  } else {
    cond = " AND (" + exists_missing("m1") + " OR " + exists_missing("m2") + ")";
    cond_binds = {club, silene};
  }
  {
    long long total = 0;
    soci::statement st(*s);
    st.exchange(into(total));
    where.bind(st);
    for (auto& v : cond_binds) st.exchange(use(v));
    st.alloc();
    st.prepare("SELECT COUNT(*) FROM establishments e" + kWhereSql + cond);
    st.define_and_bind();
    st.execute(true);
    out.total = total;
  }
  const int per_page = q.per_page <= 0 ? 0 : std::clamp(q.per_page, 1, 200);
  int limit = per_page == 0 ? -1 : per_page;
  if (per_page > 0) {
    const auto pages = std::max<std::int64_t>(1, (out.total + per_page - 1) / per_page);
    out.page = static_cast<int>(std::min<std::int64_t>(std::max(q.page, 1), pages));
  }
  int offset = per_page == 0 ? 0 : (out.page - 1) * per_page;
  const std::string order = q.sort == "finess" ? " ORDER BY e.finess_et"
                            : q.sort == "-finess"
                                ? " ORDER BY e.finess_et DESC"
                                : " ORDER BY e.region_code, e.name_search, e.finess_et";
  MissingRow row;
  int m1 = 0, m2 = 0;
  std::string o1 = club, o2 = silene;
  soci::statement st(*s);
  st.exchange(into(row.finess_et));
  st.exchange(into(row.name));
  st.exchange(into(row.region_code));
  st.exchange(into(m1));
  st.exchange(into(m2));
  st.exchange(use(o1));
  st.exchange(use(o2));
  where.bind(st);
  for (auto& v : cond_binds) st.exchange(use(v));
  const bool pg = s->get_backend_name() == "postgresql";
  std::string paging;
  if (per_page > 0) {
    st.exchange(use(limit));
    st.exchange(use(offset));
    paging = " LIMIT :lim OFFSET :off";
  }
  (void)pg;
  st.alloc();
  st.prepare("SELECT e.finess_et, e.name, e.region_code, CASE WHEN " + c1 +
             " THEN 1 ELSE 0 END, CASE WHEN " + c2 + " THEN 1 ELSE 0 END FROM establishments e" +
             kWhereSql + cond + order + paging);
  st.define_and_bind();
  if (st.execute(true)) do {
      row.club_ssi = m1 != 0;
      row.silene = m2 != 0;
      out.rows.push_back(row);
    } while (st.fetch());
  return out;
}

}  // namespace carepilot::evidence
