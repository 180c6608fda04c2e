#include "adplatform/repository.hpp"

#include <cctype>

#include <soci/soci.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>

#include "adaudit/audit.hpp"
#include "adaudit/readers/archive.hpp"
#include "adaudit/readers/ingest.hpp"
#include "adaudit/readers/input_error.hpp"
#include "adaudit/report/html_report.hpp"
#include "adaudit/report/result_json.hpp"
#include "common/attachment.hpp"
#include "common/errors.hpp"
#include "common/french.hpp"
#include "evidence/documents.hpp"
#include "evidence/module_documents.hpp"
#include "jobs/chunked_upload.hpp"
#include "jobs/waiting_file.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"

namespace carepilot::adplatform {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

constexpr const char* kColumns =
    "SELECT id, establishment_id, kind, state, file_name, file_format, size_bytes, sha256, as_of, "
    "job_id, error, level, level_bounded, complete, counts, evidence_id, result_document_id, "
    "report_document_id, created_at, created_by, finished_at FROM ad_audits";

long long as_int(const soci::row& r, std::size_t i) {
  return store::row_int(r, i);
}

Audit from_row(const soci::row& r) {
  Audit a;
  auto opt64 = [&](std::size_t i) -> std::optional<std::int64_t> {
    if (r.get_indicator(i) == soci::i_null) return std::nullopt;
    return as_int(r, i);
  };
  a.id = as_int(r, 0);
  a.establishment_id = as_int(r, 1);
  a.kind = r.get<std::string>(2);
  a.state = jobs::parse_state(r.get<std::string>(3));
  a.file_name = r.get<std::string>(4);
  a.file_format = r.get<std::string>(5);
  a.size = as_int(r, 6);
  a.sha256 = r.get<std::string>(7);
  a.as_of = r.get<std::string>(8);
  a.job_id = opt64(9);
  a.error = r.get<std::string>(10);
  if (r.get_indicator(11) != soci::i_null) a.level = static_cast<int>(as_int(r, 11));
  a.level_bounded = as_int(r, 12) != 0;
  a.complete = as_int(r, 13) != 0;
  a.counts = json::parse(r.get<std::string>(14), nullptr, false);
  if (a.counts.is_discarded()) a.counts = json::object();
  a.evidence_id = opt64(15);
  a.result_document_id = opt64(16);
  a.report_document_id = opt64(17);
  a.created_at = r.get<std::string>(18);
  a.created_by = r.get<std::string>(19);
  a.finished_at = r.get<std::string>(20);
  return a;
}

// The first bytes of an LDIF export: comments, then `version:` or `dn:`.
bool looks_like_ldif(const std::string& b) {
  std::size_t i = b.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (i < b.size()) {
    std::size_t eol = b.find('\n', i);
    std::string line = b.substr(i, (eol == std::string::npos ? b.size() : eol) - i);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') {
      if (eol == std::string::npos) return false;
      i = eol + 1;
      continue;
    }
    std::string head = line.substr(0, 8);
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return head.rfind("version:", 0) == 0 || head.rfind("dn:", 0) == 0;
  }
  return false;
}

void remove_quietly(const std::string& path) {
  jobs::remove_waiting_file(path);
}

}  // namespace

const std::vector<std::string_view>& severities() {
  static const std::vector<std::string_view> all{"critical", "high", "medium", "low", "info"};
  return all;
}

std::string severity_of(int anssi_level) {
  if (anssi_level == 1) return "critical";
  if (anssi_level == 2) return "high";
  if (anssi_level == 3) return "medium";
  if (anssi_level >= 4) return "low";
  return "info";
}

UserError too_large_error(std::size_t limit) {
  const std::string msg = "Collecte Active Directory : le fichier dépasse la taille autorisée (" +
                          jobs::size_limit_text(limit) + ").";
  return UserError(413, "ad_audit.too_large", msg, {{"file", "ad_audit.too_large", msg}});
}

registry::Establishment Repository::visible(const Scope& scope, const std::string& finess) {
  return registry_.visible(scope, finess);
}

std::optional<Audit> Repository::find(soci::session& sql, std::int64_t est_id, std::int64_t id) {
  long long e = est_id, i = id;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kColumns) + " WHERE id = :i AND establishment_id = :e", use(i),
       use(e));
  for (const auto& r : rs) return from_row(r);
  return std::nullopt;
}

std::int64_t Repository::insert_document(soci::session& sql, std::int64_t evidence_id,
                                         const registry::Establishment& est,
                                         const std::string& title, const std::string& file_name,
                                         const std::string& content_type, const std::string& bytes,
                                         const Actor& actor) {
  evidence::Document d;
  d.title = title;
  d.file_name = file_name;
  d.content_type = content_type;
  return evidence::write_document(sql, evidence_id, est.id, est.region_code, std::move(d), bytes,
                                  actor)
      .id;
}

namespace {
// The format of a collection from its first bytes: zip or LDIF, refused otherwise.
std::string collection_format(const std::string& head) {
  if (head.rfind("PK\x03\x04", 0) == 0 || head.rfind("PK\x05\x06", 0) == 0) return "zip";
  if (looks_like_ldif(head)) return "ldif";
  throw UserError::invalid(
      {{"file", "ad_audit.file_type",
        "Collecte Active Directory : le fichier n'est ni une archive zip (SharpHound, ORADAD) "
        "ni un export LDIF."}});
}

UserError empty_error() {
  return UserError::invalid(
      {{"file", "ad_audit.empty", "Collecte Active Directory : le fichier est vide."}});
}
}  // namespace

Audit Repository::upload(const Scope& scope, const std::string& finess, const Upload& in,
                         const Date& today, const Actor& actor, std::int64_t now_s) {
  auto est = visible(scope, finess);
  const std::string& bytes = *in.bytes;
  if (bytes.size() > single_body_limit(settings_))
    throw too_large_error(single_body_limit(settings_));
  if (bytes.empty()) throw empty_error();
  const std::string format = collection_format(bytes);
  const auto path = jobs::write_waiting_file(settings_.dir, "collecte", format, bytes);
  return record_collection(est, path, in.file_name, format, bytes.size(), store::sha256_hex(bytes),
                           today, actor, now_s);
}

Audit Repository::upload_file(const Scope& scope, const std::string& finess,
                              const std::filesystem::path& file, const std::string& file_name,
                              const Date& today, const Actor& actor, std::int64_t now_s) {
  std::filesystem::path path;
  try {
    auto est = visible(scope, finess);
    const auto size = std::filesystem::file_size(file);
    if (size > settings_.max_upload_bytes) throw too_large_error(settings_.max_upload_bytes);
    if (size == 0) throw empty_error();
    const std::string format = collection_format(jobs::file_head(file, 64u << 10));
    path = jobs::waiting_path(settings_.dir, "collecte", format);
    std::filesystem::rename(file, path);
    const std::string sha = jobs::sha256_file_hex(path);
    return record_collection(est, path, file_name, format, size, sha, today, actor, now_s);
  } catch (...) {
    jobs::remove_waiting_file(file.string());
    if (!path.empty()) jobs::remove_waiting_file(path.string());
    throw;
  }
}

Audit Repository::record_collection(const registry::Establishment& est,
                                    const std::filesystem::path& path, const std::string& file_name,
                                    const std::string& format, std::uint64_t bytes_size,
                                    const std::string& sha256, const Date& today,
                                    const Actor& actor, std::int64_t now_s) {
  if (format == "zip") {
    try {  // headers only: a corrupt or truncated archive is refused now, not in the job
      adaudit::read_archive(
          path, {}, [](std::string_view) { return false; }, [](std::string_view, std::string&) {});
    } catch (const adaudit::InputError&) {
      remove_quietly(path.string());
      throw UserError::invalid(
          {{"file", "ad_audit.malformed_zip",
            "Collecte Active Directory : l'archive zip est illisible ou tronquée."}});
    }
  }
  Audit a;
  a.establishment_id = est.id;
  a.kind = "collection";
  a.state = State::queued;
  std::string name = std::filesystem::path(file_name).filename().string();
  if (name.empty() || name.size() > 200) name = "collecte." + format;
  a.file_name = name;
  a.file_format = format;
  a.size = static_cast<std::int64_t>(bytes_size);
  a.sha256 = sha256;
  a.as_of = format_date(today);
  a.created_at = store::now_utc_iso();
  a.created_by = actor.user;
  const std::string stored = path.string();
  try {
    auto s = db_.lease();
    store::Transaction tr(*s);
    long long e = est.id, size = a.size;
    const std::string kind = a.kind, state = "queued";
    a.id = store::insert_returning(
        *s,
        "INSERT INTO ad_audits (establishment_id, kind, state, file_name, file_format, "
        "size_bytes, sha256, stored_path, as_of, created_at, created_by) VALUES (:e, :k, :st, "
        ":f, :ff, :s, :h, :p, :d, :at, :by)",
        [&](soci::statement& st) {
          st.exchange(use(e));
          st.exchange(use(kind));
          st.exchange(use(state));
          st.exchange(use(a.file_name));
          st.exchange(use(a.file_format));
          st.exchange(use(size));
          st.exchange(use(a.sha256));
          st.exchange(use(stored));
          st.exchange(use(a.as_of));
          st.exchange(use(a.created_at));
          st.exchange(use(a.created_by));
        });
    store::append_audit(
        *s, actor,
        {"create", "ad_audit", std::to_string(a.id), est.id,
         est.region_code.empty() ? std::nullopt : std::optional<std::string>(est.region_code),
         "Collecte Active Directory déposée : " + a.file_name + " (" + std::to_string(a.size) +
             " octets, SHA-256 " + a.sha256 + ")",
         "",
         json{
             {"file_name", a.file_name}, {"size", a.size}, {"sha256", a.sha256}, {"format", format}}
             .dump()});
    tr.commit();
  } catch (...) {
    remove_quietly(stored);
    throw;
  }
  // The job, once the row exists (the queue writes on its own connection).
  jobs::Queue q(db_);
  auto job = q.enqueue(kJobKind, {{"audit", a.id}}, now_s, 3, "adaudit.run:" + std::to_string(a.id),
                       now_s);
  if (job) {
    auto s = db_.lease();
    long long j = *job, i = a.id;
    *s << "UPDATE ad_audits SET job_id = :j WHERE id = :i", use(j), use(i);
    a.job_id = *job;
  }
  return a;
}

Audit Repository::record_ads(const Scope& scope, const std::string& finess, const AdsInput& in,
                             const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  std::vector<FieldError> errors;
  auto date = parse_date(in.date);
  if (!date)
    errors.push_back({"date", "ad_audit.date", "Date du rapport : date JJ/MM/AAAA attendue."});
  else if (*date > today)
    errors.push_back({"date", "ad_audit.date_future",
                      "Date du rapport : le " + french_date_text(format_date(*date)) +
                          " est postérieur à aujourd'hui (" + french_date_text(format_date(today)) +
                          ")."});
  int level = 0;
  if (in.level.size() == 1 && in.level[0] >= '1' && in.level[0] <= '5') level = in.level[0] - '0';
  if (level == 0)
    errors.push_back({"level", "ad_audit.level", "Niveau ANSSI : un niveau de 1 à 5 est attendu."});
  files::CheckedFile checked;
  if (!in.bytes || in.bytes->empty()) {
    errors.push_back({"file", "ad_audit.ads_pdf", "Rapport ADS : joignez le rapport en PDF."});
  } else {
    // The kind first (only a PDF is an ADS report), then its content.
    auto dot = in.file_name.find_last_of('.');
    std::string ext = dot == std::string::npos ? "" : in.file_name.substr(dot + 1);
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext != "pdf") {
      errors.push_back({"file", "ad_audit.ads_pdf", "Rapport ADS : un fichier PDF est attendu."});
    } else {
      try {
        checked =
            files::check_attachment(in.file_name, *in.bytes, {"file", "ad_audit", "Rapport ADS"});
      } catch (const UserError& e) {
        for (const auto& f : e.fields()) errors.push_back(f);
      }
    }
  }
  if (!errors.empty()) throw UserError::invalid(errors);
  Audit a;
  a.establishment_id = est.id;
  a.kind = "ads";
  a.state = State::done;
  a.file_name = checked.file_name;
  a.file_format = "pdf";
  a.size = static_cast<std::int64_t>(in.bytes->size());
  a.sha256 = store::sha256_hex(*in.bytes);
  a.as_of = format_date(*date);
  a.level = level;
  a.created_at = a.finished_at = store::now_utc_iso();
  a.created_by = actor.user;
  auto s = db_.lease();
  store::Transaction tr(*s);
  long long e = est.id, size = a.size;
  int lv = level;
  a.id = store::insert_returning(
      *s,
      "INSERT INTO ad_audits (establishment_id, kind, state, file_name, file_format, size_bytes, "
      "sha256, as_of, level, created_at, created_by, finished_at) VALUES (:e, 'ads', 'done', :f, "
      "'pdf', :s, :h, :d, :l, :at, :by, :fin)",
      [&](soci::statement& st) {
        st.exchange(use(e));
        st.exchange(use(a.file_name));
        st.exchange(use(size));
        st.exchange(use(a.sha256));
        st.exchange(use(a.as_of));
        st.exchange(use(lv));
        st.exchange(use(a.created_at));
        st.exchange(use(a.created_by));
        st.exchange(use(a.finished_at));
      });
  const std::string source = "ad_audit:" + std::to_string(a.id);
  evidence_.emit(*s, est, source,
                 json{{"type", "ad_audit"}, {"date", a.as_of}, {"source", "ADS"}, {"level", level}},
                 today, actor);
  long long ev = evidence::emitted_id(*s, source, est.id);
  const auto doc =
      insert_document(*s, ev, est, "Rapport ADS", a.file_name, "application/pdf", *in.bytes, actor);
  long long i = a.id, d = doc;
  *s << "UPDATE ad_audits SET evidence_id = :ev, report_document_id = :d WHERE id = :i", use(ev),
      use(d), use(i);
  a.evidence_id = ev;
  a.report_document_id = doc;
  store::append_audit(
      *s, actor,
      {"create", "ad_audit", std::to_string(a.id), est.id,
       est.region_code.empty() ? std::nullopt : std::optional<std::string>(est.region_code),
       "Rapport ADS enregistré : niveau " + std::to_string(level) + " au " + a.as_of, "",
       json{{"level", level}, {"date", a.as_of}, {"sha256", a.sha256}}.dump()});
  tr.commit();
  return a;
}

std::vector<Audit> Repository::list(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  long long e = est.id;
  std::vector<Audit> out;
  soci::rowset<soci::row> rs =
      (s->prepare << std::string(kColumns) +
                         " WHERE establishment_id = :e ORDER BY as_of DESC, "
                         "id DESC",
       use(e));
  for (const auto& r : rs) out.push_back(from_row(r));
  return out;
}

Audit Repository::get(const Scope& scope, const std::string& finess, std::int64_t id) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  auto a = find(*s, est.id, id);
  if (!a) throw UserError::not_found("Cet audit Active Directory n'existe pas.");
  return *a;
}

std::string Repository::document(std::int64_t document_id) {
  auto s = db_.lease();
  return evidence::module_document_bytes(*s, document_id);
}

json Repository::result(const Audit& a) {
  if (!a.result_document_id) throw UserError::not_found("Cet audit n'a pas de résultat.");
  return json::parse(document(*a.result_document_id));
}

std::optional<Audit> Repository::previous(const Audit& a) {
  auto s = db_.lease();
  long long e = a.establishment_id, i = a.id;
  soci::rowset<soci::row> rs =
      (s->prepare << std::string(kColumns) +
                         " WHERE establishment_id = :e AND kind = 'collection' AND state = 'done' "
                         "AND (as_of < :d OR (as_of = :d2 AND id < :i)) ORDER BY as_of DESC, id "
                         "DESC",
       use(e), use(a.as_of), use(a.as_of), use(i));
  for (const auto& r : rs) return from_row(r);
  return std::nullopt;
}

std::map<std::string, std::int64_t> Repository::paq_actions(const Audit& a) {
  auto s = db_.lease();
  // Keyed by rule; an action sent from an earlier audit for the same rule counts as sent
  // (create_once finds it the same way), this audit's own first.
  const std::string mine = "ad_audit:" + std::to_string(a.id) + ":";
  std::map<std::string, std::int64_t> out;
  for (const auto& act : paq_.by_source_ref(*s, a.establishment_id, "ad_audit:")) {
    const auto second = act.source_ref.find(':', std::string("ad_audit:").size());
    if (second == std::string::npos) continue;
    const auto rule = act.source_ref.substr(second + 1);
    if (act.source_ref.rfind(mine, 0) == 0 || !out.count(rule)) out[rule] = act.id;
  }
  return out;
}

paq::Action Repository::send_to_paq(const Scope& scope, const std::string& finess, std::int64_t id,
                                    const std::string& rule_id, const std::string& owner,
                                    const std::string& due, const Date& today, const Actor& actor,
                                    bool* created, const std::vector<FieldError>& input_errors) {
  auto est = visible(scope, finess);
  Audit a = get(scope, finess, id);
  if (a.state != State::done || a.kind != "collection")
    throw UserError::not_found("Ce constat n'existe pas.");
  json finding;
  for (const auto& f : result(a).value("findings", json::array()))
    if (f.value("rule_id", "") == rule_id) finding = f;
  if (finding.is_null()) throw UserError::not_found("Ce constat n'existe pas.");
  const std::string ref = "ad_audit:" + std::to_string(a.id) + ":" + rule_id;
  paq::ActionInput in;
  in.title = "Audit AD : " + finding.value("title", rule_id);
  if (in.title.size() > 300) in.title.resize(300);
  const std::int64_t count = finding.value("count", std::int64_t{0});
  in.description = finding.value("remediation", "") +
                   "\n\nConstat de l'audit Active Directory du " + french_date_text(a.as_of) +
                   " (" + plural(count, "élément", "éléments") + " " +
                   std::string(agree(count, "concerné", "concernés")) + ").";
  in.source = paq::Source::ad_audit;
  in.source_ref = ref;
  in.owner = owner.empty() ? "RSSI" : owner;
  const int level =
      finding.value("anssi_level", json()).is_number() ? finding["anssi_level"].get<int>() : 0;
  std::vector<FieldError> errors = input_errors;
  if (!due.empty()) {
    auto d = parse_date(due);
    if (!d)
      errors.push_back({"due", "paq.due_invalid", "Échéance : date JJ/MM/AAAA attendue."});
    else
      in.due = *d;
  }
  if (!errors.empty()) throw UserError::invalid(errors);
  if (due.empty()) {
    in.due = std::chrono::year_month_day(std::chrono::sys_days(today) +
                                         std::chrono::days(level == 1 ? 30 : 90));
  }
  in.priority = level == 1   ? paq::Priority::critical
                : level == 2 ? paq::Priority::high
                : level == 3 ? paq::Priority::medium
                             : paq::Priority::low;
  in.cyber = true;
  return paq_.create_once(est, in, today, actor, created, rule_id);
}

void Repository::run_job(const json& payload, const Date& today) {
  const std::int64_t id = payload.at("audit").get<std::int64_t>();
  Audit a;
  std::string path, finess;
  {
    auto s = db_.lease();
    long long i = id;
    soci::rowset<soci::row> rs = (s->prepare << std::string(kColumns) + " WHERE id = :i", use(i));
    bool found = false;
    for (const auto& r : rs) {
      a = from_row(r);
      found = true;
    }
    if (!found || a.state == State::done || a.state == State::failed) return;
    soci::indicator ind = soci::i_null;
    *s << "SELECT a.stored_path, e.finess_et FROM ad_audits a JOIN establishments e ON e.id = "
          "a.establishment_id WHERE a.id = :i",
        use(i), into(path), into(finess, ind);
    *s << "UPDATE ad_audits SET state = 'running' WHERE id = :i", use(i);
  }
  const Actor actor{a.created_by, "tâche de fond", "adaudit.run:" + std::to_string(id), ""};
  // Every failure names the file the user sent, never the stored one ("collecte-….zip").
  auto fail = [&](const std::string& why) {
    const std::string reason =
        "collecte « " + a.file_name + " » refusée : " + jobs::name_as_sent(why, path, a.file_name);
    auto s = db_.lease();
    store::Transaction tr(*s);
    long long i = id;
    const std::string at = store::now_utc_iso();
    *s << "UPDATE ad_audits SET state = 'failed', error = :r, stored_path = '', finished_at = :at "
          "WHERE id = :i",
        use(reason), use(at), use(i);
    store::append_audit(*s, actor,
                        {"update", "ad_audit", std::to_string(id), a.establishment_id, std::nullopt,
                         "Audit Active Directory en échec : " + reason, "",
                         json{{"state", "failed"}, {"error", reason}}.dump()});
    tr.commit();
    remove_quietly(path);
  };
  auto as_of = parse_date(a.as_of).value_or(today);
  adaudit::Directory dir;
  try {
    if (path.empty() || !std::filesystem::exists(path))
      throw adaudit::InputError("le fichier déposé n'est plus sur le disque du serveur");
    adaudit::IngestOptions opt;
    dir = adaudit::ingest(path, opt);
  } catch (const adaudit::InputError& e) {
    fail(e.what());
    return;
  }
  // The files read, the warnings and the reasons for partiality name the file the user sent,
  // never the stored one ("ad-….ldif"): in the result JSON, the report and the page.
  for (auto* texts : {&dir.sources, &dir.warnings.samples, &dir.incomplete})
    for (auto& t : *texts) t = jobs::name_as_sent(t, path, a.file_name);
  const auto result = adaudit::run_audit(dir, as_of);
  const auto result_json = adaudit::to_json(result);
  const std::string html = adaudit::render_html(result);
  const bool partial = !result.complete();
  const int level = adaudit::retained_level(result);
  json counts = json::object();
  for (const auto& f : result.findings)
    if (f.status == adaudit::Status::Fail) {
      auto sev = severity_of(f.rule->level);
      counts[sev] = counts.value(sev, 0) + 1;
    }
  auto est = registry_.visible(Scope::nation(), finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  const std::string source = "ad_audit:" + std::to_string(id);
  evidence_.emit(*s, est, source,
                 json{{"type", "ad_audit"},
                      {"date", a.as_of},
                      {"source", partial ? "carepilot, audit incomplet" : "carepilot"},
                      {"level", level}},
                 today, actor);
  long long ev = evidence::emitted_id(*s, source, est.id);
  const auto json_doc =
      insert_document(*s, ev, est, "Résultat de l'audit AD (JSON)", "audit-ad-" + a.as_of + ".json",
                      "application/json", result_json.dump(2), actor);
  const auto html_doc =
      insert_document(*s, ev, est, "Rapport de l'audit AD (HTML)", "audit-ad-" + a.as_of + ".html",
                      "text/html; charset=utf-8", html, actor);
  long long i = id, jd = json_doc, hd = html_doc;
  int lv = level, bounded = result.level_bounded ? 1 : 0, complete = partial ? 0 : 1;
  const std::string c = counts.dump(), at = store::now_utc_iso();
  *s << "UPDATE ad_audits SET state = 'done', level = :l, level_bounded = :b, complete = :c, "
        "counts = :n, evidence_id = :ev, result_document_id = :jd, report_document_id = :hd, "
        "stored_path = '', finished_at = :at WHERE id = :i",
      use(lv), use(bounded), use(complete), use(c), use(ev), use(jd), use(hd), use(at), use(i);
  store::append_audit(
      *s, actor,
      {"update", "ad_audit", std::to_string(id), est.id,
       est.region_code.empty() ? std::nullopt : std::optional<std::string>(est.region_code),
       "Audit Active Directory terminé : niveau " + adaudit::level_text(result) +
           (partial ? " (audit incomplet)" : ""),
       "",
       json{{"state", "done"}, {"level", level}, {"complete", !partial}, {"counts", counts}}
           .dump()});
  tr.commit();
  remove_quietly(path);
}

}  // namespace carepilot::adplatform
