#include "exposureplatform/repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <sstream>
#include <tuple>

#include "common/errors.hpp"
#include "common/french.hpp"
#include "evidence/module_documents.hpp"
#include "exposure/analysis.hpp"
#include "exposure/readers/input_error.hpp"
#include "exposure/readers/scan_reader.hpp"
#include "exposure/report/diff.hpp"
#include "exposure/report/html_report.hpp"
#include "exposure/report/result_json.hpp"
#include "jobs/queue.hpp"
#include "jobs/waiting_file.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"

namespace carepilot::exposureplatform {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

constexpr const char* kColumns =
    "SELECT id, establishment_id, state, file_name, file_format, size_bytes, sha256, as_of, "
    "job_id, error, score, counts, hosts, open_ports, previous_id, evidence_id, "
    "result_document_id, report_document_id, created_at, created_by, finished_at, scan_from, "
    "scan_to FROM exposure_audits";
// The same columns of `exposure_audits a`, for joins.
constexpr const char* kColumnsOfA =
    "SELECT a.id, a.establishment_id, a.state, a.file_name, a.file_format, a.size_bytes, "
    "a.sha256, a.as_of, a.job_id, a.error, a.score, a.counts, a.hosts, a.open_ports, "
    "a.previous_id, a.evidence_id, a.result_document_id, a.report_document_id, a.created_at, "
    "a.created_by, a.finished_at, a.scan_from, a.scan_to FROM exposure_audits a";

Audit from_row(const soci::row& r) {
  auto opt64 = [&](std::size_t i) -> std::optional<std::int64_t> {
    if (r.get_indicator(i) == soci::i_null) return std::nullopt;
    return store::row_int(r, i);
  };
  Audit a;
  a.id = store::row_int(r, 0);
  a.establishment_id = store::row_int(r, 1);
  a.state = jobs::parse_state(r.get<std::string>(2));
  a.file_name = r.get<std::string>(3);
  a.file_format = r.get<std::string>(4);
  a.size = store::row_int(r, 5);
  a.sha256 = r.get<std::string>(6);
  a.as_of = r.get<std::string>(7);
  a.job_id = opt64(8);
  a.error = r.get<std::string>(9);
  a.score = opt64(10);
  a.counts = json::parse(r.get<std::string>(11), nullptr, false);
  if (a.counts.is_discarded()) a.counts = json::object();
  a.hosts = store::row_int(r, 12);
  a.open_ports = store::row_int(r, 13);
  a.previous_id = opt64(14);
  a.evidence_id = opt64(15);
  a.result_document_id = opt64(16);
  a.report_document_id = opt64(17);
  a.created_at = r.get<std::string>(18);
  a.created_by = r.get<std::string>(19);
  a.finished_at = r.get<std::string>(20);
  a.scan_from = r.get<std::string>(21);
  a.scan_to = r.get<std::string>(22);
  return a;
}

std::optional<std::string> region_of(const registry::Establishment& e) {
  return e.region_code.empty() ? std::nullopt : std::optional<std::string>(e.region_code);
}

// The scan read and analysed as the file the user sent (`name` in every message and in the
// result's list of inputs); throws exposure::InputError.
exposure::Result analyse_scan(const std::string& name, std::string_view bytes, const Date& as_of) {
  exposure::Analyzer analyzer(as_of);
  exposure::ReadStats stats;
  exposure::read_scan(
      name, bytes, [&](exposure::Host&& h) { analyzer.add(std::move(h)); }, stats);
  return analyzer.finish(std::move(stats));
}

// "public.xml : fichier XML tronqué (…)" → "fichier XML tronqué (…)".
std::string without_name(const std::string& message, const std::string& name) {
  const std::string prefix = name + " : ";
  return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

// Why a scan is no internet exposure audit (no host up, private addresses only); "" when it is.
std::string not_an_audit(const exposure::Result& r) {
  if (r.internet_audit()) return "";
  return r.no_host_up ? "aucun hôte actif dans le scan : ce n'est pas un audit d'exposition sur "
                        "internet"
                      : "le scan ne contient que des adresses privées : ce n'est pas un audit "
                        "d'exposition sur internet";
}

// A scan the job could not use is refused at upload (422 on the field `file`, nothing
// stored), the way the job would read it: truncated, a DOCTYPE or ENTITY declaration (XML
// bomb), unreadable, no host up, private addresses only.
exposure::Result refuse_unusable(const std::string& name, const std::string& bytes,
                                 const Date& today) {
  const std::string file = "Fichier de scan : « " + name + " » ";
  exposure::Result r;
  try {
    r = analyse_scan(name, bytes, today);
  } catch (const exposure::InputError& e) {
    using Kind = exposure::InputError::Kind;
    if (e.kind == Kind::truncated)
      throw UserError::invalid(
          {{"file", "exposure_audit.truncated",
            file + "est tronqué : il s'arrête avant la fin du scan (le scan a-t-il été "
                   "interrompu ?). Déposez le fichier complet."}});
    if (e.kind == Kind::declaration)
      throw UserError::invalid(
          {{"file", "exposure_audit.xml_declaration",
            file + "contient une déclaration DOCTYPE ou ENTITY, refusée par sécurité (expansion "
                   "d'entités XML) : un scan nmap n'en contient pas."}});
    throw UserError::invalid({{"file", "exposure_audit.unreadable",
                               file + "est illisible : " + without_name(e.what(), name) + "."}});
  }
  if (r.no_host_up)
    throw UserError::invalid(
        {{"file", "exposure_audit.no_host_up", file + "ne contient " + not_an_audit(r) + "."}});
  if (r.private_only)
    throw UserError::invalid(
        {{"file", "exposure_audit.private_only",
          file + "ne contient que des adresses privées : ce n'est pas un audit d'exposition "
                 "sur internet."}});
  return r;
}

// The Paris day of a Unix time, ISO ("2026-10-11").
std::string paris_day(std::int64_t unix_s) {
  const Date utc{std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{unix_s}})};
  // Paris is one or two hours ahead of UTC: the day is the UTC one or the next.
  const std::string next = format_date(add_days(utc, 1));
  const auto next_start = paris_day_start(next);
  return next_start && unix_s >= *next_start ? next : format_date(utc);
}

// A scan that says it ran later than now (beyond the clock skew allowed) is refused: 422
// `exposure_audit.future_scan` on the field `file`.
void refuse_future(const std::string& name, const exposure::ReadStats& in, std::int64_t now_s) {
  if (!in.scan_to || *in.scan_to <= now_s + kClockSkewS) return;
  throw UserError::invalid(
      {{"file", "exposure_audit.future_scan",
        "Fichier de scan : « " + name + " » est daté du " + paris_datetime(*in.scan_to) +
            ", dans le futur : vérifiez l'horloge de la machine qui a lancé le scan, puis "
            "déposez-le de nouveau."}});
}

}  // namespace

std::string paris_day_of(const std::string& iso) {
  const auto t = parse_iso_utc(iso);
  return t ? paris_day(*t) : "";
}

std::string sniff_format(const std::string& bytes) {
  std::size_t i = bytes.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while (i < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[i]))) ++i;
  if (i >= bytes.size()) return "";
  if (bytes[i] == '<') {
    const std::string head = bytes.substr(i, 1u << 16);
    const auto at = head.find("<nmaprun");
    if (at == std::string::npos) return "";
    const auto end = head.find('>', at);
    const std::string tag = head.substr(at, end == std::string::npos ? 400 : end - at);
    return tag.find("masscan") != std::string::npos ? "masscan_xml" : "nmap_xml";
  }
  if (bytes[i] == '[' || bytes[i] == '{') {
    // masscan -oJ: records with an "ip" and "ports".
    const std::string head = bytes.substr(i, 1u << 16);
    if (head.find("\"ip\"") != std::string::npos && head.find("\"ports\"") != std::string::npos)
      return "masscan_json";
  }
  return "";
}

UserError too_large_error(const Settings& s) {
  const std::string msg = "Fichier de scan : le fichier dépasse la taille autorisée (" +
                          jobs::size_limit_text(s.max_upload_bytes) + ").";
  return UserError(413, "exposure_audit.too_large", msg,
                   {{"file", "exposure_audit.too_large", msg}});
}

// The same scan uploaded twice would be a second audit and a second evidence record « 0 jour
// après le précédent » in the 45–60-day series: a file whose SHA-256 is that of an audit of
// the establishment still standing (not failed, its evidence not withdrawn) is refused, 409
// `exposure_audit.duplicate` on the field `file`, naming the earlier audit.
void Repository::refuse_duplicate(std::int64_t establishment_id, const std::string& sha256) {
  auto s = db_.lease();
  long long e = establishment_id, id = 0;
  std::string created_at;
  soci::indicator ind = soci::i_null;
  *s << "SELECT a.id, a.created_at FROM exposure_audits a LEFT JOIN evidence ev ON ev.id = "
        "a.evidence_id WHERE a.establishment_id = :e AND a.sha256 = :h AND a.state <> 'failed' "
        "AND ev.withdrawn_at IS NULL ORDER BY a.id LIMIT 1",
      soci::into(id, ind), soci::into(created_at), use(e), use(sha256);
  if (!s->got_data() || ind == soci::i_null) return;
  const std::string msg = "Fichier de scan : ce fichier a déjà été déposé le " +
                          french_date_text(paris_day_of(created_at)) + " (audit n° " +
                          std::to_string(id) + ") ; déposez un nouveau scan.";
  throw UserError(409, "exposure_audit.duplicate", msg,
                  {{"file", "exposure_audit.duplicate", msg}});
}

Audit Repository::upload(const Scope& scope, const std::string& finess, const Upload& in,
                         const Date& today, const Actor& actor, std::int64_t now_s) {
  auto est = registry_.visible(scope, finess);
  const std::string& bytes = *in.bytes;
  if (bytes.size() > settings_.max_upload_bytes) throw too_large_error(settings_);
  if (bytes.empty())
    throw UserError::invalid(
        {{"file", "exposure_audit.empty", "Fichier de scan : le fichier est vide."}});
  const std::string format = sniff_format(bytes);
  if (format.empty())
    throw UserError::invalid(
        {{"file", "exposure_audit.file_type",
          "Fichier de scan : le fichier n'est ni un scan nmap au format XML (-oX) ni une sortie "
          "masscan XML ou JSON."}});
  const std::string ext = format == "masscan_json" ? "json" : "xml";
  std::string name = std::filesystem::path(in.file_name).filename().string();
  if (name.empty() || name.size() > 200) name = "scan." + ext;
  const auto read = refuse_unusable(name, bytes, today);
  refuse_future(name, read.input, now_s);
  refuse_duplicate(est.id, store::sha256_hex(bytes));
  const auto path = jobs::write_waiting_file(settings_.dir, "scan", ext, bytes);
  Audit a;
  a.establishment_id = est.id;
  a.file_name = name;
  a.file_format = format;
  a.size = static_cast<std::int64_t>(bytes.size());
  a.sha256 = store::sha256_hex(bytes);
  a.as_of = read.input.scan_from ? paris_day(*read.input.scan_from) : format_date(today);
  if (read.input.scan_from) a.scan_from = iso_utc(*read.input.scan_from);
  if (read.input.scan_to) a.scan_to = iso_utc(*read.input.scan_to);
  a.created_at = store::now_utc_iso();
  a.created_by = actor.user;
  const std::string stored = path.string();
  try {
    auto s = db_.lease();
    store::Transaction tr(*s);
    long long e = est.id, size = a.size;
    a.id = store::insert_returning(
        *s,
        "INSERT INTO exposure_audits (establishment_id, state, file_name, file_format, "
        "size_bytes, sha256, stored_path, as_of, scan_from, scan_to, created_at, created_by) "
        "VALUES (:e, 'queued', :f, :ff, :s, :h, :p, :d, :sf, :st, :at, :by)",
        [&](soci::statement& st) {
          st.exchange(use(e));
          st.exchange(use(a.file_name));
          st.exchange(use(a.file_format));
          st.exchange(use(size));
          st.exchange(use(a.sha256));
          st.exchange(use(stored));
          st.exchange(use(a.as_of));
          st.exchange(use(a.scan_from));
          st.exchange(use(a.scan_to));
          st.exchange(use(a.created_at));
          st.exchange(use(a.created_by));
        });
    store::append_audit(
        *s, actor,
        {"create", "exposure_audit", std::to_string(a.id), est.id, region_of(est),
         "Scan d'exposition sur internet déposé : " + a.file_name + " (" + std::to_string(a.size) +
             " octets, SHA-256 " + a.sha256 + ")",
         "",
         json{
             {"file_name", a.file_name}, {"size", a.size}, {"sha256", a.sha256}, {"format", format}}
             .dump()});
    tr.commit();
  } catch (...) {
    jobs::remove_waiting_file(stored);
    throw;
  }
  jobs::Queue q(db_);
  auto job = q.enqueue(kJobKind, {{"audit", a.id}}, now_s, 3,
                       std::string(kJobKind) + ":" + std::to_string(a.id), now_s);
  if (job) {
    auto s = db_.lease();
    long long j = *job, i = a.id;
    *s << "UPDATE exposure_audits SET job_id = :j WHERE id = :i", use(j), use(i);
    a.job_id = *job;
  }
  return a;
}

std::vector<Audit> Repository::list(const Scope& scope, const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  long long e = est.id;
  std::vector<Audit> out;
  soci::rowset<soci::row> rs =
      (s->prepare << std::string(kColumns) +
                         " WHERE establishment_id = :e ORDER BY as_of DESC, id DESC",
       use(e));
  for (const auto& r : rs) out.push_back(from_row(r));
  for (auto& a : out) with_previous(*s, a);
  return out;
}

// The previous audit is known when an audit is read, not when it was analysed: an older
// scan uploaded later becomes the previous of the audits that follow it, a withdrawn one
// stops being anyone's previous.
void Repository::with_previous(soci::session& sql, Audit& a) {
  a.previous_id.reset();
  if (a.state != State::done) return;
  if (auto p = previous_done(sql, a.establishment_id, a.id)) a.previous_id = p->id;
}

Audit Repository::get(const Scope& scope, const std::string& finess, std::int64_t id) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  long long e = est.id, i = id;
  soci::rowset<soci::row> rs =
      (s->prepare << std::string(kColumns) + " WHERE id = :i AND establishment_id = :e", use(i),
       use(e));
  for (const auto& r : rs) {
    Audit a = from_row(r);
    with_previous(*s, a);
    return a;
  }
  throw UserError::not_found("Cet audit d'exposition n'existe pas.");
}

std::string Repository::document(std::int64_t document_id) {
  auto s = db_.lease();
  return evidence::module_document_bytes(*s, document_id);
}

json Repository::result(const Audit& a) {
  if (!a.result_document_id) throw UserError::not_found("Cet audit n'a pas de résultat.");
  return json::parse(document(*a.result_document_id));
}

json Repository::diff(const Audit& a) {
  if (a.state != State::done || !a.previous_id || !a.result_document_id) return json();
  std::optional<Audit> prev;
  {
    auto s = db_.lease();
    long long i = *a.previous_id;
    soci::rowset<soci::row> rs = (s->prepare << std::string(kColumns) + " WHERE id = :i", use(i));
    for (const auto& r : rs) prev = from_row(r);
  }
  if (!prev || !prev->result_document_id) return json();
  try {
    return exposure::to_json(exposure::diff_result_json(result(*prev), result(a)));
  } catch (const std::exception&) {
    return json();  // a previous result of another schema: no comparison
  }
}

std::vector<FindingRow> Repository::findings(const Audit& a) {
  std::vector<FindingRow> out;
  if (a.state != State::done) return out;
  const auto r = result(a);
  std::map<std::string, json> rules;
  for (const auto& rule : r.value("rules", json::array())) rules[rule.value("id", "")] = rule;
  std::vector<std::size_t> host_of;  // the host's place in the result, per row
  std::size_t host = 0;
  for (const auto& h : r.value("hosts", json::array())) {
    ++host;
    for (const auto& f : h.value("findings", json::array())) {
      FindingRow row;
      row.index = out.size();
      host_of.push_back(host);
      row.address = h.value("address", "");
      row.protocol = f.value("protocol", "");
      row.port = f.value("port", 0);
      row.rule = f.value("rule", "");
      row.severity = f.value("severity", "");
      row.detail = f.value("detail", "");
      const auto& info = rules[row.rule];
      row.title = info.value("title", row.rule);
      row.remediation = info.value("remediation", "");
      row.source_ref = "exposure_audit:" + std::to_string(a.id) + ":" + row.rule + "@" +
                       row.address + ":" + row.protocol + "/" + std::to_string(row.port);
      out.push_back(std::move(row));
    }
  }
  const auto rank = [](const std::string& severity) {
    static constexpr std::string_view kOrder[] = {"critical", "high", "medium", "low", "info"};
    return std::find(std::begin(kOrder), std::end(kOrder), severity) - std::begin(kOrder);
  };
  std::stable_sort(out.begin(), out.end(), [&](const FindingRow& x, const FindingRow& y) {
    return std::tuple(rank(x.severity), host_of[x.index], x.port, x.protocol) <
           std::tuple(rank(y.severity), host_of[y.index], y.port, y.protocol);
  });
  return out;
}

std::map<std::string, std::int64_t> Repository::paq_actions(const Audit& a) {
  auto s = db_.lease();
  // Keyed by this audit's references; an action sent from an earlier audit for the same
  // finding (rule, host and port) counts as sent (create_once finds it the same way).
  const std::string mine = "exposure_audit:" + std::to_string(a.id) + ":";
  std::map<std::string, std::int64_t> out;
  for (const auto& act : paq_.by_source_ref(*s, a.establishment_id, "exposure_audit:")) {
    const auto second = act.source_ref.find(':', std::string("exposure_audit:").size());
    if (second == std::string::npos) continue;
    const auto key = mine + act.source_ref.substr(second + 1);
    if (act.source_ref.rfind(mine, 0) == 0 || !out.count(key)) out[key] = act.id;
  }
  return out;
}

paq::Action Repository::send_to_paq(const Scope& scope, const std::string& finess, std::int64_t id,
                                    std::size_t index, const std::string& owner,
                                    const std::string& due, const Date& today, const Actor& actor,
                                    bool* created) {
  auto est = registry_.visible(scope, finess);
  Audit a = get(scope, finess, id);
  if (a.state != State::done) throw UserError::not_found("Ce constat n'existe pas.");
  const auto rows = findings(a);
  const auto it =
      std::find_if(rows.begin(), rows.end(), [&](const FindingRow& r) { return r.index == index; });
  if (it == rows.end()) throw UserError::not_found("Ce constat n'existe pas.");
  const auto& f = *it;
  paq::ActionInput in;
  in.title = "Exposition sur internet : " + f.title + " (" + f.address + ", port " +
             std::to_string(f.port) + ")";
  if (in.title.size() > 300) in.title.resize(300);
  in.description = f.remediation + "\n\nConstat de l'audit d'exposition sur internet du " +
                   french_date_text(a.as_of) + " : " + f.detail;
  in.source = paq::Source::exposure_audit;
  in.source_ref = f.source_ref;
  in.owner = owner.empty() ? "RSSI" : owner;
  const bool critical = f.severity == "critical";
  if (!due.empty()) {
    auto d = parse_date(due);
    if (!d) throw UserError::invalid({{"due", "paq.due", "Échéance : date JJ/MM/AAAA attendue."}});
    in.due = *d;
  } else {
    in.due = std::chrono::year_month_day(std::chrono::sys_days(today) +
                                         std::chrono::days(critical ? 30 : 90));
  }
  in.priority = critical                 ? paq::Priority::critical
                : f.severity == "high"   ? paq::Priority::high
                : f.severity == "medium" ? paq::Priority::medium
                                         : paq::Priority::low;
  in.cyber = true;
  return paq_.create_once(
      est, in, today, actor, created,
      f.source_ref.substr(f.source_ref.find(':', f.source_ref.find(':') + 1) + 1));
}

exposure::SeriesCheck Repository::series(const Scope& scope, const std::string& finess,
                                         const Date& from, const Date& to) {
  std::vector<exposure::DatedAudit> dated;
  for (const auto& a : list(scope, finess))
    if (a.state == State::done)
      if (auto d = parse_date(a.as_of)) dated.push_back({a.id, *d});
  return exposure::check_series(std::move(dated), from, to);
}

// The previous audit of an audit: the latest earlier by its scan (day, then the scan's own
// time, then the id), finished, its evidence not withdrawn, of the same establishment —
// whatever the order the files were uploaded in.
std::optional<Audit> Repository::previous_done(soci::session& sql, std::int64_t est_id,
                                               std::int64_t id) {
  long long e = est_id, i = id;
  std::string as_of, scan_from;
  sql << "SELECT as_of, scan_from FROM exposure_audits WHERE id = :i", use(i), into(as_of),
      into(scan_from);
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kColumnsOfA) +
                          " LEFT JOIN evidence ev ON ev.id = a.evidence_id WHERE "
                          "a.establishment_id = :e AND a.state = 'done' AND a.id <> :i AND "
                          "ev.withdrawn_at IS NULL AND (a.as_of < :d OR (a.as_of = :d2 AND "
                          "(a.scan_from < :f OR (a.scan_from = :f2 AND a.id < :i2)))) ORDER BY "
                          "a.as_of DESC, a.scan_from DESC, a.id DESC",
       use(e), use(i), use(as_of), use(as_of), use(scan_from), use(scan_from), use(i));
  for (const auto& r : rs) return from_row(r);
  return std::nullopt;
}

void Repository::run_job(const json& payload, const Date& today) {
  const std::int64_t id = payload.at("audit").get<std::int64_t>();
  Audit a;
  std::string path, finess;
  std::optional<Audit> prev;
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
    *s << "SELECT a.stored_path, e.finess_et FROM exposure_audits a JOIN establishments e ON "
          "e.id = a.establishment_id WHERE a.id = :i",
        use(i), into(path), into(finess, ind);
    *s << "UPDATE exposure_audits SET state = 'running' WHERE id = :i", use(i);
    prev = previous_done(*s, a.establishment_id, id);
  }
  const Actor actor{a.created_by, "tâche de fond", std::string(kJobKind) + ":" + std::to_string(id),
                    ""};
  // Every failure names the file the user sent, never the stored one ("scan-….xml").
  auto fail = [&](const std::string& why) {
    const std::string reason =
        "scan « " + a.file_name + " » refusé : " + jobs::name_as_sent(why, path, a.file_name);
    auto s = db_.lease();
    store::Transaction tr(*s);
    long long i = id;
    const std::string at = store::now_utc_iso();
    *s << "UPDATE exposure_audits SET state = 'failed', error = :r, stored_path = '', "
          "finished_at = :at WHERE id = :i",
        use(reason), use(at), use(i);
    store::append_audit(*s, actor,
                        {"update", "exposure_audit", std::to_string(id), a.establishment_id,
                         std::nullopt, "Audit d'exposition en échec : " + reason, "",
                         json{{"state", "failed"}, {"error", reason}}.dump()});
    tr.commit();
    jobs::remove_waiting_file(path);
  };
  const auto as_of = parse_date(a.as_of).value_or(today);
  exposure::Result result;
  try {
    std::ifstream in(path, std::ios::binary);
    if (path.empty() || !in)
      throw exposure::InputError("le fichier déposé n'est plus sur le disque du serveur");
    // Read whole (the upload was, within exposure_max_upload_mb) to be read under its name.
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    result = analyse_scan(a.file_name, bytes, as_of);
  } catch (const exposure::InputError& e) {
    fail(without_name(e.what(), a.file_name));
    return;
  }
  if (const auto why = not_an_audit(result); !why.empty()) {
    fail(why);
    return;
  }
  std::unique_ptr<exposure::Diff> diff;
  if (prev && prev->result_document_id) {
    try {
      diff = std::make_unique<exposure::Diff>(exposure::diff_results(this->result(*prev), result));
    } catch (const std::exception&) {
      diff.reset();  // a previous result of another schema: no comparison
    }
  }
  std::ostringstream js;
  exposure::write_json(js, result, diff.get());
  const std::string html = exposure::render_html(result, diff.get());
  json counts = json::object();
  for (std::size_t k = 0; k < exposure::kSeverities; ++k)
    counts[std::string(exposure::to_string(static_cast<exposure::Severity>(k)))] =
        result.by_severity[k];
  auto est = registry_.visible(Scope::nation(), finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  const std::string source = "exposure_audit:" + std::to_string(id);
  evidence_.emit(*s, est, source, exposure::evidence_record(result), today, actor);
  const long long ev = evidence::emitted_id(*s, source, est.id);
  const long long jd = evidence::attach_module_document(
      *s, ev, est.id, "Résultat de l'audit d'exposition (JSON)", "exposition-" + a.as_of + ".json",
      "application/json", js.str(), actor);
  const long long hd = evidence::attach_module_document(
      *s, ev, est.id, "Rapport de l'audit d'exposition (HTML)", "exposition-" + a.as_of + ".html",
      "text/html; charset=utf-8", html, actor);
  long long i = id, score = static_cast<long long>(result.score);
  int hosts = static_cast<int>(result.hosts.size()), ports = static_cast<int>(result.open_ports);
  soci::indicator prev_ind = prev && diff ? soci::i_ok : soci::i_null;
  long long prev_id = prev && diff ? prev->id : 0;
  const std::string c = counts.dump(), at = store::now_utc_iso();
  *s << "UPDATE exposure_audits SET state = 'done', score = :sc, counts = :n, hosts = :h, "
        "open_ports = :p, previous_id = :pv, evidence_id = :ev, result_document_id = :jd, "
        "report_document_id = :hd, stored_path = '', finished_at = :at WHERE id = :i",
      use(score), use(c), use(hosts), use(ports), use(prev_id, prev_ind), use(ev), use(jd), use(hd),
      use(at), use(i);
  store::append_audit(
      *s, actor,
      {"update", "exposure_audit", std::to_string(id), est.id, region_of(est),
       "Audit d'exposition sur internet terminé : score " + std::to_string(result.score) + ", " +
           plural(static_cast<std::int64_t>(result.findings), "constat", "constats"),
       "", json{{"state", "done"}, {"score", result.score}, {"counts", counts}}.dump()});
  tr.commit();
  jobs::remove_waiting_file(path);
}

}  // namespace carepilot::exposureplatform
