#include "exposureplatform/repository.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <tuple>

#include "common/errors.hpp"
#include "common/french.hpp"
#include "evidence/module_documents.hpp"
#include "exposure/analysis.hpp"
#include "exposure/campaign.hpp"
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

// A scan read under the name of the file the user sent (in every message and in the
// result's list of inputs).
struct NamedScan {
  std::string name;
  std::string_view bytes;
};

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
                      : "le scan ne contient que des adresses non publiques (privées ou réservées "
                        "à la documentation) : ce n'est pas un audit "
                        "d'exposition sur internet";
}

// « Fichier de scan : » for a single file, « Fichier de scan « b.xml » : » in a set: the
// message of a refusal names the file of the set it is about.
// The report names whose exposure it is (issue 17 trial: a report handed over named nobody).
exposure::HtmlOptions report_options(const registry::Establishment& e) {
  exposure::HtmlOptions o;
  o.establishment = e.name + " — FINESS " + e.finess_et;
  return o;
}

std::string file_label(const std::string& name, bool several) {
  return several ? "Fichier de scan « " + name + " » : " : "Fichier de scan : ";
}

// A scan the job could not use is refused at upload (422 on the field `file`, nothing
// stored), the way the job would read it: truncated, a DOCTYPE or ENTITY declaration (XML
// bomb), unreadable, future; then the set: no host up, private addresses only.
exposure::Result refuse_unusable(const std::vector<NamedScan>& scans, const Date& today,
                                 std::int64_t now_s) {
  exposure::Analyzer analyzer(today);
  exposure::ReadStats stats;
  for (const auto& scan : scans) {
    const std::string& name = scan.name;
    const std::string file = "Fichier de scan : « " + name + " » ";
    const auto before = stats.scan_to;
    try {
      exposure::read_scan(
          name, scan.bytes, [&](exposure::Host&& h) { analyzer.add(std::move(h)); }, stats);
    } catch (const exposure::InputError& e) {
      using Kind = exposure::InputError::Kind;
      if (e.kind == Kind::truncated)
        throw FileError(
            UserError::invalid(
                {{"file", "exposure_audit.truncated",
                  file + "est tronqué : il s'arrête avant la fin du scan (le scan a-t-il été "
                         "interrompu ?). Déposez le fichier complet."}}),
            name);
      if (e.kind == Kind::declaration)
        throw FileError(
            UserError::invalid({{"file", "exposure_audit.xml_declaration",
                                 file + "contient une déclaration DOCTYPE ou ENTITY, refusée par "
                                        "sécurité (expansion d'entités XML) : un scan nmap n'en "
                                        "contient pas."}}),
            name);
      // Not UTF-8 (a scan re-saved in Latin-1): refused at the line of its first bad byte.
      if (e.kind == Kind::encoding)
        throw FileError(
            UserError::invalid(
                {{"file", "exposure_audit.not_utf8",
                  file + "n'est pas en UTF-8 : ligne " + std::to_string(e.line) +
                      ", des caractères sont dans un autre encodage (Windows-1252 ou Latin-1 ?). "
                      "Déposez le fichier produit par nmap ou masscan, ou enregistrez-le en "
                      "UTF-8."}}),
            name);
      throw FileError(
          UserError::invalid({{"file", "exposure_audit.unreadable",
                               file + "est illisible : " + without_name(e.what(), name) + "."}}),
          name);
    }
    // A scan that says it ran later than now (beyond the clock skew allowed) is refused:
    // 422 `exposure_audit.future_scan` on the field `file`, naming the file.
    if (stats.scan_to && stats.scan_to != before && *stats.scan_to > now_s + kClockSkewS)
      throw FileError(
          UserError::invalid(
              {{"file", "exposure_audit.future_scan",
                file + "est daté du " + paris_datetime(*stats.scan_to) +
                    ", dans le futur : vérifiez l'horloge de la machine qui a lancé le scan, "
                    "puis déposez-le de nouveau."}}),
          name);
  }
  // Files whose scans started too far apart are no single audit (issue 17 trial: two files a
  // year apart were accepted as one): refused, naming the first and the last with their
  // dates (data/exposure/campaign.yaml).
  if (auto spread = exposure::campaign_spread(stats.file_times)) {
    std::string text = exposure::campaign_text(*spread);
    throw UserError::invalid(
        {{"file", "exposure_audit.campaign_span",
          "Fichiers de scan : " + text +
              ". Déposez chaque scan comme un audit séparé ; rien n'a été enregistré."}});
  }
  auto r = analyzer.finish(std::move(stats));
  // The set's verdict: « les 2 fichiers ne contiennent … » for several.
  const std::string set =
      scans.size() > 1
          ? "Fichiers de scan : les " + std::to_string(scans.size()) + " fichiers ne contiennent "
          : "Fichier de scan : « " + scans.front().name + " » ne contient ";
  if (r.no_host_up)
    throw UserError::invalid({{"file", "exposure_audit.no_host_up", set + not_an_audit(r) + "."}});
  if (r.private_only)
    throw UserError::invalid(
        {{"file", "exposure_audit.private_only",
          set + "que des adresses non publiques (privées ou réservées à la documentation) : ce "
                "n'est pas un audit d'exposition sur internet."}});
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
void Repository::refuse_duplicate(std::int64_t establishment_id, const std::string& sha256,
                                  const std::string& label, const std::string& name) {
  auto s = db_.lease();
  long long e = establishment_id, id = 0;
  std::string created_at;
  soci::indicator ind = soci::i_null;
  // A file of an audit (one row per file since migration 0040), or the single file of an
  // audit from before it.
  *s << "SELECT a.id, a.created_at FROM exposure_audits a LEFT JOIN evidence ev ON ev.id = "
        "a.evidence_id WHERE a.establishment_id = :e AND a.state <> 'failed' AND "
        "ev.withdrawn_at IS NULL AND (a.sha256 = :h OR a.id IN (SELECT f.audit_id FROM "
        "exposure_audit_files f WHERE f.establishment_id = :e2 AND f.sha256 = :h2)) ORDER BY "
        "a.id LIMIT 1",
      soci::into(id, ind), soci::into(created_at), use(e), use(sha256), use(e), use(sha256);
  if (!s->got_data() || ind == soci::i_null) return;
  const std::string msg = label + "ce fichier a déjà été déposé le " +
                          french_date_text(paris_day_of(created_at)) + " (audit n° " +
                          std::to_string(id) + ") ; déposez un nouveau scan.";
  throw FileError(
      UserError(409, "exposure_audit.duplicate", msg, {{"file", "exposure_audit.duplicate", msg}}),
      name);
}

namespace {

// The exposures of an analysis, « address protocol/port », in order: a scan exported again
// (another format, other bytes) has the same.
std::set<std::string> exposure_set(const exposure::Result& r) {
  std::set<std::string> out;
  for (const auto& h : r.hosts)
    for (const auto& p : h.ports)
      out.insert(h.address + " " + p.protocol + "/" + std::to_string(p.number));
  return out;
}
std::set<std::string> exposure_set(const json& result) {
  std::set<std::string> out;
  for (const auto& h : result.value("hosts", json::array()))
    for (const auto& p : h.value("ports", json::array()))
      out.insert(h.value("address", "") + " " + p.value("protocol", "") + "/" +
                 std::to_string(p.value("port", 0)));
  return out;
}

}  // namespace

// A scan is known by when it started and what it found open, whatever its bytes: another
// export of a scan already uploaded (the same file re-saved, its records in another order) is
// refused, 409 `exposure_audit.duplicate_scan` on the field `file`, naming the earlier audit
// and its date. Audits still standing are compared: a finished one by its result's open
// ports, one waiting for its job by its files read again (they are on disk until the job).
void Repository::refuse_same_scan(std::int64_t establishment_id, const exposure::Result& read,
                                  bool several) {
  const std::string started = iso_utc(*read.input.scan_from);
  std::vector<Audit> same_start;
  std::map<std::int64_t, std::vector<std::string>> waiting;  // audit → its files on disk
  {
    auto s = db_.lease();
    long long e = establishment_id;
    soci::rowset<soci::row> rs =
        (s->prepare << std::string(kColumnsOfA) +
                           " LEFT JOIN evidence ev ON ev.id = a.evidence_id WHERE "
                           "a.establishment_id = :e AND a.state <> 'failed' AND ev.withdrawn_at "
                           "IS NULL AND a.scan_from = :sf ORDER BY a.id",
         use(e), use(started));
    for (const auto& r : rs) same_start.push_back(from_row(r));
    for (const auto& a : same_start) {
      if (a.state == State::done) continue;
      long long i = a.id;
      soci::rowset<std::string> fs =
          (s->prepare << "SELECT stored_path FROM exposure_audit_files WHERE audit_id = :i "
                         "ORDER BY position",
           use(i));
      for (const auto& p : fs) waiting[a.id].push_back(p);
      if (waiting[a.id].empty()) {  // an audit from before migration 0040: its single file
        std::string p;
        *s << "SELECT stored_path FROM exposure_audits WHERE id = :i", use(i), into(p);
        waiting[a.id].push_back(p);
      }
    }
  }
  if (same_start.empty()) return;
  const auto mine = exposure_set(read);
  // The open ports of an audit waiting for its job, read from its files as the job will;
  // nullopt when they cannot be read (the job has just taken them).
  auto pending_set = [&](const Audit& a) -> std::optional<std::set<std::string>> {
    exposure::Analyzer analyzer(parse_date(a.as_of).value_or(Date{}));
    exposure::ReadStats stats;
    try {
      for (const auto& path : waiting[a.id]) {
        std::ifstream in(path, std::ios::binary);
        if (path.empty() || !in) return std::nullopt;
        const std::string bytes{std::istreambuf_iterator<char>(in), {}};
        exposure::read_scan(
            "scan", bytes, [&](exposure::Host&& h) { analyzer.add(std::move(h)); }, stats);
      }
    } catch (const exposure::InputError&) {
      return std::nullopt;
    }
    return exposure_set(analyzer.finish(std::move(stats)));
  };
  for (const auto& a : same_start) {
    std::optional<std::set<std::string>> theirs;
    if (a.state == State::done) {
      if (!a.result_document_id) continue;
      const auto result = json::parse(document(*a.result_document_id), nullptr, false);
      if (!result.is_discarded()) theirs = exposure_set(result);
    } else {
      theirs = pending_set(a);
    }
    if (!theirs || *theirs != mine) continue;
    const std::string msg =
        std::string(several ? "Fichiers de scan : ce scan" : "Fichier de scan : ce scan") +
        " a déjà été déposé, exporté autrement : l'audit n° " + std::to_string(a.id) +
        ", analyse du " + french_date_text(a.as_of) + ", porte sur le même scan (lancé le " +
        paris_datetime(*read.input.scan_from) +
        ", mêmes hôtes et ports ouverts). Un même scan ne compte qu'une fois ; déposez un "
        "nouveau scan.";
    throw UserError(409, "exposure_audit.duplicate_scan", msg,
                    {{"file", "exposure_audit.duplicate_scan", msg}});
  }
}

Audit Repository::upload(const Scope& scope, const std::string& finess,
                         const std::vector<Upload>& in, const Date& today, const Actor& actor,
                         std::int64_t now_s) {
  auto est = registry_.visible(scope, finess);
  if (in.empty())
    throw UserError::invalid(
        {{"file", "exposure_audit.empty", "Fichier de scan : choisissez un fichier."}});
  if (in.size() > kMaxFiles)
    throw UserError::invalid(
        {{"file", "exposure_audit.too_many_files",
          "Fichier de scan : au plus " + std::to_string(kMaxFiles) + " fichiers par audit (" +
              std::to_string(in.size()) + " envoyés) ; déposez les autres dans un autre audit."}});
  std::size_t total = 0;
  for (const auto& u : in) total += u.bytes->size();
  if (total > settings_.max_upload_bytes) throw too_large_error(settings_);
  const bool several = in.size() > 1;
  struct Checked {
    std::string name, format, ext, sha256;
    const std::string* bytes;
  };
  std::vector<Checked> files;
  for (std::size_t k = 0; k < in.size(); ++k) {
    const std::string& bytes = *in[k].bytes;
    Checked c;
    c.bytes = &bytes;
    c.name = std::filesystem::path(in[k].file_name).filename().string();
    c.format = sniff_format(bytes);
    c.ext = c.format == "masscan_json" ? "json" : "xml";
    if (c.name.empty() || c.name.size() > 200)
      c.name = several ? "scan-" + std::to_string(k + 1) + "." + c.ext : "scan." + c.ext;
    const std::string label = file_label(c.name, several);
    if (bytes.empty())
      throw FileError(
          UserError::invalid({{"file", "exposure_audit.empty", label + "le fichier est vide."}}),
          c.name);
    if (c.format.empty())
      throw FileError(
          // The file named, alone or in a set (issue 17 trial: « le fichier » said which?).
          UserError::invalid(
              {{"file", "exposure_audit.file_type",
                (several ? label + "le fichier" : "Fichier de scan : « " + c.name + " »") +
                    " n'est ni un scan nmap au format XML (-oX) ni une sortie "
                    "masscan XML ou JSON."}}),
          c.name);
    files.push_back(std::move(c));
  }
  std::vector<NamedScan> scans;
  for (const auto& c : files) scans.push_back({c.name, *c.bytes});
  const auto read = refuse_unusable(scans, today, now_s);
  // The duplicate check covers the set: a file sent twice in it, or already in a standing audit.
  std::map<std::string, std::string> seen;  // SHA-256 → name
  for (auto& c : files) {
    c.sha256 = store::sha256_hex(*c.bytes);
    const std::string label = file_label(c.name, several);
    if (auto it = seen.find(c.sha256); it != seen.end()) {
      const std::string msg =
          label + "même contenu que « " + it->second + " » dans ce dépôt ; retirez l'un des deux.";
      throw FileError(UserError(409, "exposure_audit.duplicate", msg,
                                {{"file", "exposure_audit.duplicate", msg}}),
                      c.name);
    }
    seen[c.sha256] = c.name;
    refuse_duplicate(est.id, c.sha256, label, c.name);
  }
  // The same scan exported again has other bytes (issue 17 trial): refused too when a standing
  // finished audit of the establishment started at the same second with the same open ports.
  if (read.input.scan_from) refuse_same_scan(est.id, read, several);
  Audit a;
  a.establishment_id = est.id;
  std::string set_digest;
  for (const auto& c : files) {
    a.file_name += (a.file_name.empty() ? "" : ", ") + c.name;
    a.size += static_cast<std::int64_t>(c.bytes->size());
    set_digest += c.sha256;
    a.files.push_back({c.name, c.format, static_cast<std::int64_t>(c.bytes->size()), c.sha256});
  }
  a.file_format = files.front().format;
  for (const auto& c : files)
    if (c.format != a.file_format) a.file_format = "mixed";
  a.sha256 = several ? store::sha256_hex(set_digest) : files.front().sha256;
  a.as_of = read.input.scan_from ? paris_day(*read.input.scan_from) : format_date(today);
  if (read.input.scan_from) a.scan_from = iso_utc(*read.input.scan_from);
  if (read.input.scan_to) a.scan_to = iso_utc(*read.input.scan_to);
  a.created_at = store::now_utc_iso();
  a.created_by = actor.user;
  std::vector<std::string> stored;
  try {
    for (const auto& c : files)
      stored.push_back(jobs::write_waiting_file(settings_.dir, "scan", c.ext, *c.bytes).string());
    auto s = db_.lease();
    store::Transaction tr(*s);
    long long e = est.id, size = a.size;
    // The single file's path on the audit too (as before migration 0040); the job reads
    // the files' rows.
    const std::string first = several ? std::string() : stored.front();
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
          st.exchange(use(first));
          st.exchange(use(a.as_of));
          st.exchange(use(a.scan_from));
          st.exchange(use(a.scan_to));
          st.exchange(use(a.created_at));
          st.exchange(use(a.created_by));
        });
    for (std::size_t k = 0; k < files.size(); ++k) {
      long long i = a.id, fs = a.files[k].size;
      int pos = static_cast<int>(k);
      *s << "INSERT INTO exposure_audit_files (audit_id, establishment_id, position, file_name, "
            "file_format, size_bytes, sha256, stored_path) VALUES (:a, :e, :p, :n, :f, :s, :h, "
            ":sp)",
          use(i), use(e), use(pos), use(a.files[k].file_name), use(a.files[k].file_format), use(fs),
          use(a.files[k].sha256), use(stored[k]);
    }
    json sent = json::array();
    for (const auto& f : a.files)
      sent.push_back({{"file_name", f.file_name},
                      {"size", f.size},
                      {"sha256", f.sha256},
                      {"format", f.file_format}});
    store::append_audit(
        *s, actor,
        {"create", "exposure_audit", std::to_string(a.id), est.id, region_of(est),
         std::string(several ? "Scans d'exposition sur internet déposés : "
                             : "Scan d'exposition sur internet déposé : ") +
             a.file_name + " (" + std::to_string(a.size) + " octets, SHA-256 " + a.sha256 + ")",
         "",
         json{{"file_name", a.file_name},
              {"size", a.size},
              {"sha256", a.sha256},
              {"format", a.file_format},
              {"files", sent}}
             .dump()});
    tr.commit();
  } catch (...) {
    for (const auto& p : stored) jobs::remove_waiting_file(p);
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
  for (auto& a : out) {
    with_previous(*s, a);
    with_files(*s, a);
    with_withdrawal(*s, a);
  }
  return out;
}

// The files of an audit, in the order sent; an audit from before migration 0040 has its
// single file on its own row.
void Repository::with_files(soci::session& sql, Audit& a) {
  a.files.clear();
  long long i = a.id;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT file_name, file_format, size_bytes, sha256 FROM "
                      "exposure_audit_files WHERE audit_id = :i ORDER BY position",
       use(i));
  for (const auto& r : rs)
    a.files.push_back({r.get<std::string>(0), r.get<std::string>(1), store::row_int(r, 2),
                       r.get<std::string>(3)});
  if (a.files.empty()) a.files.push_back({a.file_name, a.file_format, a.size, a.sha256});
}

void Repository::with_withdrawal(soci::session& sql, Audit& a) {
  a.withdrawal = {};
  if (!a.evidence_id) return;
  long long ev = *a.evidence_id;
  std::string at, by, reason;
  soci::indicator i_at = soci::i_null, i_by = soci::i_null, i_reason = soci::i_null;
  sql << "SELECT withdrawn_at, withdrawn_by, withdrawal_reason FROM evidence WHERE id = :i",
      use(ev), into(at, i_at), into(by, i_by), into(reason, i_reason);
  if (i_at == soci::i_ok && !at.empty())
    a.withdrawal = {at, i_by == soci::i_ok ? by : "", i_reason == soci::i_ok ? reason : ""};
}

Audit Repository::withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                           const std::string& reason, const Date& today, const Actor& actor) {
  const Audit a = get(scope, finess, id);  // 404
  if (!a.evidence_id)
    throw UserError(409, "exposure_audit.not_finished",
                    "Seul un audit analysé se retire : celui-ci n'a pas de résultat.");
  if (a.withdrawal.withdrawn())
    throw UserError(409, "exposure_audit.withdrawn", "Cet audit d'exposition a déjà été retiré.");
  const std::string why =
      checked_withdrawal_reason(reason, "exposure_audit", "cet audit d'exposition est retiré");
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  evidence_.emit(*s, est, "exposure_audit:" + std::to_string(a.id), std::nullopt, today, actor,
                 why);
  const json before = {
      {"as_of", a.as_of}, {"file_name", a.file_name}, {"score", a.score ? json(*a.score) : json()}};
  json after = before;
  after["reason"] = why;
  store::append_audit(*s, actor,
                      {"withdraw", "exposure_audit", std::to_string(a.id), est.id, est.region_code,
                       "Audit d'exposition retiré : analyse du " + french_date_text(a.as_of) +
                           " (" + a.file_name + ") — motif : " + why,
                       before.dump(), after.dump()});
  tr.commit();
  return get(scope, finess, id);
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
    with_files(*s, a);
    with_withdrawal(*s, a);
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

std::optional<exposure::Diff> Repository::comparison(const Audit& a) {
  if (a.state != State::done || !a.previous_id || !a.result_document_id) return std::nullopt;
  std::optional<Audit> prev;
  {
    auto s = db_.lease();
    long long i = *a.previous_id;
    soci::rowset<soci::row> rs = (s->prepare << std::string(kColumns) + " WHERE id = :i", use(i));
    for (const auto& r : rs) prev = from_row(r);
  }
  if (!prev || !prev->result_document_id) return std::nullopt;
  try {
    return exposure::diff_result_json(result(*prev), result(a));
  } catch (const std::exception&) {
    return std::nullopt;  // a previous result of another schema: no comparison
  }
}

json Repository::diff(const Audit& a) {
  const auto d = comparison(a);
  return d ? exposure::to_json(*d) : json();
}

std::string Repository::report(const Audit& a) {
  if (a.state != State::done) throw UserError::not_found("Cet audit n'a pas de rapport.");
  const auto stored = exposure::result_from_json(result(a));
  const auto d = comparison(a);
  const auto est = registry_.find_by_id(Scope::nation(), a.establishment_id);
  return exposure::render_html(stored->result, d ? &*d : nullptr,
                               est ? report_options(*est) : exposure::HtmlOptions{});
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
    if (a.state == State::done && !a.withdrawal.withdrawn())  // a withdrawn one is out
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
  struct Waiting {
    std::string name, path;
  };
  std::vector<Waiting> waiting;  // the files as sent and where they wait, in order
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
    soci::rowset<soci::row> fs =
        (s->prepare << "SELECT file_name, stored_path FROM exposure_audit_files WHERE "
                       "audit_id = :i ORDER BY position",
         use(i));
    for (const auto& r : fs) waiting.push_back({r.get<std::string>(0), r.get<std::string>(1)});
    // An audit from before migration 0040: its single file on its own row.
    if (waiting.empty()) waiting.push_back({a.file_name, path});
    *s << "UPDATE exposure_audits SET state = 'running' WHERE id = :i", use(i);
    prev = previous_done(*s, a.establishment_id, id);
  }
  const Actor actor{a.created_by, "tâche de fond", std::string(kJobKind) + ":" + std::to_string(id),
                    ""};
  auto forget_files = [&](soci::session& sql) {
    long long i = id;
    sql << "UPDATE exposure_audit_files SET stored_path = '' WHERE audit_id = :i", use(i);
  };
  auto remove_files = [&] {
    for (const auto& w : waiting) jobs::remove_waiting_file(w.path);
  };
  // Every failure names the file the user sent, never the stored one ("scan-….xml").
  auto fail = [&](std::string why, const std::string& name) {
    for (const auto& w : waiting) why = jobs::name_as_sent(why, w.path, w.name);
    const std::string reason = "scan « " + name + " » refusé : " + why;
    auto s = db_.lease();
    store::Transaction tr(*s);
    long long i = id;
    const std::string at = store::now_utc_iso();
    *s << "UPDATE exposure_audits SET state = 'failed', error = :r, stored_path = '', "
          "finished_at = :at WHERE id = :i",
        use(reason), use(at), use(i);
    forget_files(*s);
    store::append_audit(*s, actor,
                        {"update", "exposure_audit", std::to_string(id), a.establishment_id,
                         std::nullopt, "Audit d'exposition en échec : " + reason, "",
                         json{{"state", "failed"}, {"error", reason}}.dump()});
    tr.commit();
    remove_files();
  };
  const auto as_of = parse_date(a.as_of).value_or(today);
  exposure::Result result;
  {
    // Read whole (the upload was, within exposure_max_upload_mb) to be read under its name.
    std::vector<std::string> contents;
    std::vector<NamedScan> scans;
    std::string reading;  // the file being read, named by a failure
    try {
      for (const auto& w : waiting) {
        reading = w.name;
        std::ifstream in(w.path, std::ios::binary);
        if (w.path.empty() || !in)
          throw exposure::InputError("le fichier déposé n'est plus sur le disque du serveur");
        contents.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      for (std::size_t k = 0; k < waiting.size(); ++k)
        scans.push_back({waiting[k].name, contents[k]});
      exposure::Analyzer analyzer(as_of);
      exposure::ReadStats stats;
      for (const auto& sc : scans) {
        reading = sc.name;
        exposure::read_scan(
            sc.name, sc.bytes, [&](exposure::Host&& h) { analyzer.add(std::move(h)); }, stats);
      }
      result = analyzer.finish(std::move(stats));
    } catch (const exposure::InputError& e) {
      fail(without_name(e.what(), reading), reading);
      return;
    }
  }
  if (const auto why = not_an_audit(result); !why.empty()) {
    fail(why, a.file_name);
    return;
  }
  // The stored result and report are the scan's analysis, without a comparison: the
  // previous audit is known only when an audit is read (an older scan uploaded later, a
  // withdrawn one change it), so the comparison is computed then (diff(), report()).
  auto est = registry_.visible(Scope::nation(), finess);
  std::ostringstream js;
  exposure::write_json(js, result, nullptr);
  const std::string html = exposure::render_html(result, nullptr, report_options(est));
  json counts = json::object();
  for (std::size_t k = 0; k < exposure::kSeverities; ++k)
    counts[std::string(exposure::to_string(static_cast<exposure::Severity>(k)))] =
        result.by_severity[k];
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
  soci::indicator prev_ind = prev ? soci::i_ok : soci::i_null;
  long long prev_id = prev ? prev->id : 0;
  const std::string c = counts.dump(), at = store::now_utc_iso();
  *s << "UPDATE exposure_audits SET state = 'done', score = :sc, counts = :n, hosts = :h, "
        "open_ports = :p, previous_id = :pv, evidence_id = :ev, result_document_id = :jd, "
        "report_document_id = :hd, stored_path = '', finished_at = :at WHERE id = :i",
      use(score), use(c), use(hosts), use(ports), use(prev_id, prev_ind), use(ev), use(jd), use(hd),
      use(at), use(i);
  forget_files(*s);
  store::append_audit(
      *s, actor,
      {"update", "exposure_audit", std::to_string(id), est.id, region_of(est),
       "Audit d'exposition sur internet terminé : score " + std::to_string(result.score) + ", " +
           plural(static_cast<std::int64_t>(result.findings), "constat", "constats"),
       "", json{{"state", "done"}, {"score", result.score}, {"counts", counts}}.dump()});
  tr.commit();
  remove_files();
}

}  // namespace carepilot::exposureplatform
