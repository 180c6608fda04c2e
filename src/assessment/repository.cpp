#include "assessment/repository.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"
#include "store/withdrawal.hpp"

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "assessment/attachment.hpp"
#include "common/errors.hpp"
#include "common/french.hpp"
#include "common/text.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"

namespace carepilot::assessment {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

constexpr std::size_t kMaxComment = 4000;

std::string year_text(int year) {
  return std::to_string(year);
}

[[noreturn]] void declared_error(int year) {
  throw UserError::invalid(
      {{"year", "assessment.declared",
        "year : l'autoévaluation " + year_text(year) +
            " est déclarée ; ses réponses et pièces jointes ne peuvent plus être modifiées."}});
}

std::int64_t insert_returning(soci::session& sql, const std::string& insert,
                              const std::function<void(soci::statement&)>& bind) {
  long long id = 0;
  bool pg = sql.get_backend_name() == "postgresql";
  {
    soci::statement st(sql);
    bind(st);
    if (pg) st.exchange(into(id));
    st.alloc();
    st.prepare(pg ? insert + " RETURNING id" : insert);
    st.define_and_bind();
    st.execute(true);
  }
  if (!pg) sql << "SELECT last_insert_rowid()", into(id);
  return id;
}

json answer_json(const Answer& a) {
  return {{"requirement", a.requirement}, {"level", a.level}, {"comment", a.comment}};
}

}  // namespace

// ---- model ------------------------------------------------------------------------------

const Framework& Assessment::framework() const {
  const auto* f = find_framework(framework_id);
  return f ? *f : default_framework();
}

std::map<std::string, int> Assessment::levels() const {
  std::map<std::string, int> out;
  for (const auto& [id, a] : answers) out[id] = a.level;
  return out;
}

Score Assessment::score() const {
  return compute_score(framework(), levels());
}

std::vector<std::string> Assessment::unmet() const {
  std::vector<std::string> out;
  const auto& f = framework();
  for (const auto& s : f.sections)
    for (const auto& r : s.requirements) {
      auto it = answers.find(r.id);
      if (it != answers.end() &&
          (it->second.level == kNotApplicable || it->second.level >= f.max_level()))
        continue;
      out.push_back(r.id);
    }
  return out;
}

// ---- snapshot ---------------------------------------------------------------------------

std::string snapshot_text(const registry::Establishment& est, const Assessment& a,
                          const Score& score, const Date& date, const Date& declared_on,
                          const std::string& declared_by) {
  const auto& f = a.framework();
  json answers = json::array();
  for (const auto& s : f.sections)
    for (const auto& r : s.requirements) {
      auto it = a.answers.find(r.id);
      json atts = json::array();
      for (const auto& at : a.attachments)
        if (at.requirement == r.id)
          atts.push_back({{"file_name", at.file_name},
                          {"content_type", at.content_type},
                          {"size", at.size},
                          {"sha256", at.sha256}});
      json item{{"requirement", r.id},
                {"section", s.id},
                {"title", r.title},
                {"weight", r.weight},
                {"attachments", atts}};
      if (it == a.answers.end()) {
        item["level"] = nullptr;
        item["label"] = "Sans réponse";
        item["comment"] = "";
      } else {
        item["level"] = it->second.level == kNotApplicable ? json("na") : json(it->second.level);
        item["label"] = f.level_label(it->second.level);
        item["comment"] = it->second.comment;
      }
      answers.push_back(std::move(item));
    }
  json sections = json::array();
  for (const auto& sc : score.sections) {
    json s{{"id", sc.id},       {"title", sc.title},       {"weight", sc.weight},
           {"total", sc.total}, {"answered", sc.answered}, {"applicable", sc.applicable}};
    s["score"] = sc.score ? json(*sc.score) : json(nullptr);
    sections.push_back(std::move(s));
  }
  json scale = json::array();
  for (const auto& l : f.scale) scale.push_back({{"level", l.level}, {"label", l.label}});
  json snap{{"framework", {{"id", f.id}, {"version", f.version}, {"title", f.title}}},
            {"scale", scale},
            {"establishment", {{"finess", est.finess_et}, {"name", est.name}}},
            {"year", a.year},
            {"answers", answers},
            {"scores",
             {{"overall", score.overall ? json(*score.overall) : json(nullptr)},
              {"progress", score.progress},
              {"answered", score.answered},
              {"total", score.total},
              {"sections", sections}}},
            {"declaration",
             {{"date", format_date(date)},
              {"declared_on", format_date(declared_on)},
              {"declared_by", declared_by}}}};
  return snap.dump();
}

Score score_from_snapshot(const std::string& snapshot) {
  Score out;
  json j = json::parse(snapshot, nullptr, false);
  if (j.is_discarded() || !j.contains("scores")) return out;
  const auto& s = j["scores"];
  if (s.value("overall", json()).is_number_integer()) out.overall = s["overall"].get<int>();
  if (out.overall) out.exact = *out.overall;
  out.progress = s.value("progress", 0);
  out.answered = s.value("answered", 0);
  out.total = s.value("total", 0);
  for (const auto& x : s.value("sections", json::array())) {
    SectionScore sc;
    sc.id = x.value("id", "");
    sc.title = x.value("title", "");
    sc.weight = x.value("weight", 1.0);
    sc.total = x.value("total", 0);
    sc.answered = x.value("answered", 0);
    sc.applicable = x.value("applicable", 0);
    if (x.value("score", json()).is_number_integer()) {
      sc.score = x["score"].get<int>();
      sc.exact = *sc.score;
    }
    out.sections.push_back(std::move(sc));
  }
  return out;
}

// ---- repository -------------------------------------------------------------------------

registry::Establishment Repository::visible(const Scope& scope, const std::string& finess) {
  return registry_.visible(scope, finess);
}

std::optional<Assessment> Repository::load(soci::session& sql, std::int64_t establishment_id,
                                           int year) {
  Assessment a;
  long long id = 0, est = establishment_id;
  int y = year, version = 0;
  std::string status;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id, framework_id, framework_version, status, created_at, created_by, "
         "updated_at FROM assessments WHERE establishment_id = :e AND year = :y",
      into(id, ind), into(a.framework_id), into(version), into(status), into(a.created_at),
      into(a.created_by), into(a.updated_at), use(est), use(y);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  a.id = id;
  a.establishment_id = establishment_id;
  a.year = year;
  a.framework_version = version;
  a.declared = status == "declared";
  {
    Answer row;
    int level = 0;
    soci::statement st =
        (sql.prepare << "SELECT requirement_id, level, comment, updated_at, updated_by FROM "
                        "assessment_answers WHERE assessment_id = :a ORDER BY requirement_id",
         into(row.requirement), into(level), into(row.comment), into(row.updated_at),
         into(row.updated_by), use(id));
    if (st.execute(true)) {
      do {
        row.level = level;
        a.answers[row.requirement] = row;
      } while (st.fetch());
    }
  }
  {
    AttachmentInfo row;
    long long aid = 0, size = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, requirement_id, file_name, content_type, size_bytes, sha256, "
                        "created_at, created_by, " +
                            store::withdrawal_columns() +
                            " FROM assessment_attachments WHERE assessment_id = :a AND "
                            "establishment_id = :e ORDER BY id",
         into(aid), into(row.requirement), into(row.file_name), into(row.content_type), into(size),
         into(row.sha256), into(row.created_at), into(row.created_by), into(row.withdrawal.at),
         into(row.withdrawal.by), into(row.withdrawal.reason), use(id), use(est));
    if (st.execute(true)) {
      do {
        row.id = aid;
        row.size = size;
        (row.withdrawal.withdrawn() ? a.withdrawn_attachments : a.attachments).push_back(row);
      } while (st.fetch());
    }
  }
  if (a.declared) {
    Declaration d;
    std::string date, on;
    int score = 0;
    soci::indicator dind = soci::i_null;
    sql << "SELECT declared_date, declared_on, score, snapshot, digest, created_at, created_by "
           "FROM assessment_declarations WHERE assessment_id = :a AND establishment_id = :e",
        into(date, dind), into(on), into(score), into(d.snapshot), into(d.digest),
        into(d.created_at), into(d.created_by), use(id), use(est);
    if (sql.got_data() && dind == soci::i_ok) {
      d.date = parse_date(date).value_or(Date{});
      d.declared_on = parse_date(on).value_or(Date{});
      d.score = score;
      a.declaration = std::move(d);
    }
  }
  return a;
}

// Taken by every transaction that may create a year's draft, before it looks for it: two
// first writes of a year (an upload and an answer, say) must not both create the draft.
static void lock_for_draft(soci::session& sql, std::int64_t establishment_id) {
  store::lock_establishment(sql, establishment_id);
}

Assessment Repository::create_draft(soci::session& sql, const registry::Establishment& est,
                                    int year, const Actor& actor) {
  Assessment a;
  const auto& f = default_framework();
  a.establishment_id = est.id;
  a.year = year;
  a.framework_id = f.id;
  a.framework_version = f.version;
  a.created_at = a.updated_at = store::now_utc_iso();
  a.created_by = actor.user;
  long long est_id = est.id;
  int y = year, version = f.version;
  std::string status = "draft";
  a.id = insert_returning(
      sql,
      "INSERT INTO assessments (establishment_id, year, framework_id, framework_version, status, "
      "created_at, created_by, updated_at) VALUES (:e, :y, :f, :v, :s, :c, :u, :m)",
      [&](soci::statement& st) {
        st.exchange(use(est_id));
        st.exchange(use(y));
        st.exchange(use(a.framework_id));
        st.exchange(use(version));
        st.exchange(use(status));
        st.exchange(use(a.created_at));
        st.exchange(use(a.created_by));
        st.exchange(use(a.updated_at));
      });
  store::append_audit(
      sql, actor,
      {"create", "maturity_assessment", est.finess_et + ":" + year_text(year), est.id,
       est.region_code, "Autoévaluation de maturité " + year_text(year) + " commencée", "",
       json{{"year", year}, {"framework", f.id}, {"version", f.version}}.dump()});
  return a;
}

namespace {

void check_year(int year, const Date& today) {
  int current = static_cast<int>(today.year());
  if (year < 2020 || year > current + 1)
    throw UserError::invalid(
        {{"year", "assessment.year_invalid",
          "year : l'année doit être comprise entre 2020 et " + std::to_string(current + 1) + "."}});
}

// Writes (replaces) one answer; `sql` is in a transaction.
void write_answer(soci::session& sql, std::int64_t assessment_id, const Answer& a) {
  long long aid = assessment_id;
  std::string req = a.requirement;
  sql << "DELETE FROM assessment_answers WHERE assessment_id = :a AND requirement_id = :r",
      use(aid), use(req);
  int level = a.level;
  std::string comment = a.comment, at = a.updated_at, by = a.updated_by;
  sql << "INSERT INTO assessment_answers (assessment_id, requirement_id, level, comment, "
         "updated_at, updated_by) VALUES (:a, :r, :l, :c, :t, :u)",
      use(aid), use(req), use(level), use(comment), use(at), use(by);
}

}  // namespace

std::vector<Summary> Repository::list(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  std::vector<int> years;
  {
    auto s = db_.lease();
    long long e = est.id;
    int y = 0;
    soci::statement st = (s->prepare << "SELECT year FROM assessments WHERE establishment_id = :e "
                                        "ORDER BY year DESC",
                          into(y), use(e));
    if (st.execute(true)) {
      do years.push_back(y);
      while (st.fetch());
    }
  }
  std::vector<Summary> out;
  auto s = db_.lease();
  for (int y : years) {
    auto a = load(*s, est.id, y);
    if (!a) continue;
    Summary sum;
    sum.year = y;
    sum.declared = a->declared;
    auto sc = a->score();
    sum.progress = sc.progress;
    if (a->declaration) {
      sum.score = a->declaration->score;
      sum.declared_date = a->declaration->date;
      sum.declared_on = a->declaration->declared_on;
    } else {
      sum.score = sc.overall;
    }
    out.push_back(sum);
  }
  return out;
}

std::optional<Assessment> Repository::find(const Scope& scope, const std::string& finess,
                                           int year) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  return load(*s, est.id, year);
}

Assessment Repository::start(const Scope& scope, const std::string& finess, int year, bool prefill,
                             const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  check_year(year, today);
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock_for_draft(*s, est.id);
  if (auto existing = load(*s, est.id, year)) return *existing;
  auto a = create_draft(*s, est, year, actor);
  if (prefill) {
    long long e = est.id;
    int y = year, previous = 0;
    soci::indicator ind = soci::i_null;
    *s << "SELECT MAX(year) FROM assessments WHERE establishment_id = :e AND year < :y",
        into(previous, ind), use(e), use(y);
    if (ind == soci::i_ok) {
      if (auto prev = load(*s, est.id, previous)) {
        std::string now = store::now_utc_iso();
        for (const auto& [id, ans] : prev->answers) {
          if (!a.framework().find(id) || !a.framework().valid_level(ans.level)) continue;
          Answer copy = ans;
          copy.updated_at = now;
          copy.updated_by = actor.user;
          write_answer(*s, a.id, copy);
          a.answers[id] = copy;
        }
        store::append_audit(
            *s, actor,
            {"update", "maturity_assessment", est.finess_et + ":" + year_text(year), est.id,
             est.region_code,
             "Autoévaluation " + year_text(year) + " pré-remplie avec " + year_text(previous), "",
             json{{"prefilled_from", previous}}.dump()});
      }
    }
  }
  tr.commit();
  return a;
}

Assessment Repository::save_answers(const Scope& scope, const std::string& finess, int year,
                                    const std::vector<AnswerInput>& answers, const Date& today,
                                    const Actor& actor) {
  auto est = visible(scope, finess);
  check_year(year, today);
  const auto& f = default_framework();
  // Validate everything before writing.
  std::vector<FieldError> errors;
  for (const auto& in : answers) {
    const Framework* fw = &f;
    if (!fw->find(in.requirement)) {
      errors.push_back({"requirement", "assessment.requirement_unknown",
                        "requirement : exigence inconnue « " + in.requirement + " »."});
      continue;
    }
    if (in.level && !fw->valid_level(*in.level))
      errors.push_back({"level", "assessment.level_invalid",
                        "level : le niveau " + std::to_string(*in.level) + " de l'exigence " +
                            in.requirement + " n'appartient pas à l'échelle (0 à " +
                            std::to_string(fw->max_level()) + ", ou non applicable)."});
    // A mandatory action (the priority actions of the instruction) is never "non applicable".
    if (in.level && *in.level == kNotApplicable && fw->find(in.requirement)->mandatory)
      errors.push_back({"level", "assessment.mandatory",
                        "level : l'exigence " + in.requirement + " est une action obligatoire (" +
                            fw->find(in.requirement)->reference +
                            ") : la réponse « Non applicable » n'est pas possible."});
    if (in.comment.size() > kMaxComment || !valid_utf8(in.comment))
      errors.push_back({"comment", "assessment.comment_invalid",
                        "comment : commentaire de l'exigence " + in.requirement +
                            " trop long (4 000 caractères au plus) ou illisible."});
  }
  if (!errors.empty()) throw UserError::invalid(errors);
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock_for_draft(*s, est.id);
  auto loaded = load(*s, est.id, year);
  if (loaded && loaded->declared) declared_error(year);
  Assessment a = loaded ? *loaded : create_draft(*s, est, year, actor);
  json before = json::array(), after = json::array();
  std::string now = store::now_utc_iso();
  long long aid = a.id, est_id = est.id;
  int changed = 0;
  for (const auto& in : answers) {
    auto it = a.answers.find(in.requirement);
    bool had = it != a.answers.end();
    if (!in.level) {
      if (!had) continue;
      before.push_back(answer_json(it->second));
      std::string req = in.requirement;
      *s << "DELETE FROM assessment_answers WHERE assessment_id = :a AND requirement_id = :r",
          use(aid), use(req);
      a.answers.erase(it);
      ++changed;
      continue;
    }
    std::string comment = trim(in.comment);
    if (had && it->second.level == *in.level && it->second.comment == comment) continue;
    if (had) before.push_back(answer_json(it->second));
    Answer ans{in.requirement, *in.level, comment, now, actor.user};
    write_answer(*s, a.id, ans);
    after.push_back(answer_json(ans));
    a.answers[in.requirement] = ans;
    ++changed;
  }
  if (changed > 0) {
    *s << "UPDATE assessments SET updated_at = :t WHERE id = :a AND establishment_id = :e",
        use(now), use(aid), use(est_id);
    a.updated_at = now;
    store::append_audit(*s, actor,
                        {"update", "maturity_assessment", est.finess_et + ":" + year_text(year),
                         est.id, est.region_code,
                         "Autoévaluation " + year_text(year) + " : " +
                             plural(changed, "réponse modifiée", "réponses modifiées"),
                         before.empty() ? "" : before.dump(), after.empty() ? "" : after.dump()});
  }
  tr.commit();
  return a;
}

AttachmentInfo Repository::add_attachment(const Scope& scope, const std::string& finess, int year,
                                          const std::string& requirement,
                                          const std::string& file_name, const std::string& bytes,
                                          const Actor& actor) {
  auto est = visible(scope, finess);
  if (!default_framework().find(requirement))
    throw UserError::invalid({{"requirement", "assessment.requirement_unknown",
                               "requirement : exigence inconnue « " + requirement + " »."}});
  auto checked = check_attachment(file_name, bytes);
  AttachmentInfo info;
  info.requirement = requirement;
  info.file_name = checked.file_name;
  info.content_type = checked.content_type;
  info.size = static_cast<std::int64_t>(bytes.size());
  info.sha256 = store::sha256_hex(bytes);
  info.created_at = store::now_utc_iso();
  info.created_by = actor.user;
  std::string content = base64_encode(bytes);
  auto s = db_.lease();
  store::Transaction tr(*s);
  lock_for_draft(*s, est.id);
  auto a = load(*s, est.id, year);
  if (!a) a = create_draft(*s, est, year, actor);
  if (a->declared) declared_error(year);
  long long aid = a->id, e = est.id, size = info.size;
  info.id = insert_returning(
      *s,
      "INSERT INTO assessment_attachments (assessment_id, establishment_id, requirement_id, "
      "file_name, content_type, size_bytes, sha256, content_base64, created_at, created_by) "
      "VALUES (:a, :e, :r, :n, :t, :s, :h, :c, :at, :by)",
      [&](soci::statement& st) {
        st.exchange(use(aid));
        st.exchange(use(e));
        st.exchange(use(info.requirement));
        st.exchange(use(info.file_name));
        st.exchange(use(info.content_type));
        st.exchange(use(size));
        st.exchange(use(info.sha256));
        st.exchange(use(content));
        st.exchange(use(info.created_at));
        st.exchange(use(info.created_by));
      });
  json after{
      {"id", info.id},     {"requirement", requirement}, {"file_name", info.file_name},
      {"size", info.size}, {"sha256", info.sha256},      {"content_type", info.content_type}};
  store::append_audit(
      *s, actor,
      {"create", "assessment_attachment", std::to_string(info.id), est.id, est.region_code,
       "Pièce jointe ajoutée à l'autoévaluation " + year_text(year) + " (" + requirement +
           ") : " + info.file_name,
       "", after.dump()});
  tr.commit();
  return info;
}

AttachmentInfo Repository::withdraw_attachment(const Scope& scope, const std::string& finess,
                                               int year, std::int64_t id, const std::string& reason,
                                               const Actor& actor) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto a = load(*s, est.id, year);
  if (!a) throw UserError::not_found("Pièce jointe introuvable.");
  auto it = std::find_if(a->attachments.begin(), a->attachments.end(),
                         [id](const AttachmentInfo& x) { return x.id == id; });
  if (it == a->attachments.end()) {
    for (const auto& w : a->withdrawn_attachments)
      if (w.id == id)
        throw UserError(409, "assessment.withdrawn", "Cette pièce jointe a déjà été retirée.");
    throw UserError::not_found("Pièce jointe introuvable.");
  }
  if (a->declared) declared_error(year);
  const std::string why =
      checked_withdrawal_reason(reason, "assessment", "cette pièce jointe est retirée");
  AttachmentInfo info = *it;
  info.withdrawal =
      store::mark_withdrawn(*s, "assessment_attachments", info.id, est.id, why, actor.user);
  json before{{"id", it->id},
              {"requirement", it->requirement},
              {"file_name", it->file_name},
              {"size", it->size},
              {"sha256", it->sha256}};
  json after = before;
  after["withdrawn_at"] = info.withdrawal.at;
  after["reason"] = why;
  store::append_audit(
      *s, actor,
      {"withdraw", "assessment_attachment", std::to_string(id), est.id, est.region_code,
       "Pièce jointe retirée de l'autoévaluation " + year_text(year) + " : " + it->file_name +
           " — motif : " + why,
       before.dump(), after.dump()});
  tr.commit();
  return info;
}

std::map<std::string, std::string> Repository::computed_statuses(const Scope& scope,
                                                                 const std::string& finess) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  long long e = est.id;
  std::string obligation, status;
  std::map<std::string, std::string> out;
  soci::statement st = (s->prepare << "SELECT obligation, status FROM compliance_status WHERE "
                                      "establishment_id = :e",
                        into(obligation), into(status), use(e));
  if (st.execute(true)) {
    do out[obligation] = status;
    while (st.fetch());
  }
  return out;
}

StoredFile Repository::attachment(const Scope& scope, const std::string& finess, int year,
                                  std::int64_t id) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  auto a = load(*s, est.id, year);
  if (!a) throw UserError::not_found("Pièce jointe introuvable.");
  // A withdrawn file stays downloadable: it is part of the history.
  auto all = a->attachments;
  all.insert(all.end(), a->withdrawn_attachments.begin(), a->withdrawn_attachments.end());
  auto it =
      std::find_if(all.begin(), all.end(), [id](const AttachmentInfo& x) { return x.id == id; });
  if (it == all.end()) throw UserError::not_found("Pièce jointe introuvable.");
  std::string content;
  long long rid = id, e = est.id;
  *s << "SELECT content_base64 FROM assessment_attachments WHERE id = :id AND "
        "establishment_id = :e",
      into(content), use(rid), use(e);
  return {*it, base64_decode(content)};
}

Assessment Repository::declare(const Scope& scope, const std::string& finess, int year,
                               const DeclarationInput& in, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  Date date = in.date.value_or(today);
  Date on = in.declared_on.value_or(date);
  std::vector<FieldError> errors;
  auto check = [&](const Date& d, const char* field, const char* what) {
    if (d > today)
      errors.push_back({field, "assessment.date_in_future",
                        std::string(field) + " : la date " + what + " (" + format_date(d) +
                            ") est postérieure à aujourd'hui (" + format_date(today) + ")."});
    else if (static_cast<int>(d.year()) < year)
      errors.push_back({field, "assessment.date_before_year",
                        std::string(field) + " : la date " + what + " (" + format_date(d) +
                            ") précède l'année évaluée (" + year_text(year) + ")."});
  };
  check(date, "date", "de déclaration");
  check(on, "declared_on", "de déclaration sur la plateforme nationale");
  if (!errors.empty()) throw UserError::invalid(errors);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto a = load(*s, est.id, year);
  if (!a) throw UserError::not_found("Aucune autoévaluation " + year_text(year) + " à déclarer.");
  if (a->declared) declared_error(year);
  auto score = a->score();
  if (!score.overall)
    throw UserError::invalid({{"answers", "assessment.nothing_applicable",
                               "answers : aucune exigence applicable, aucun score à déclarer."}});
  Declaration d;
  d.date = date;
  d.declared_on = on;
  d.score = *score.overall;
  d.snapshot = snapshot_text(est, *a, score, date, on, actor.user);
  d.digest = store::sha256_hex(d.snapshot);
  d.created_at = store::now_utc_iso();
  d.created_by = actor.user;
  long long aid = a->id, e = est.id;
  int y = year, sc = d.score;
  std::string ds = format_date(date), os = format_date(on);
  *s << "INSERT INTO assessment_declarations (assessment_id, establishment_id, year, "
        "declared_date, declared_on, score, snapshot, digest, created_at, created_by) VALUES "
        "(:a, :e, :y, :d, :o, :s, :sn, :dg, :c, :u)",
      use(aid), use(e), use(y), use(ds), use(os), use(sc), use(d.snapshot), use(d.digest),
      use(d.created_at), use(d.created_by);
  *s << "UPDATE assessments SET status = 'declared', updated_at = :t WHERE id = :a AND "
        "establishment_id = :e",
      use(d.created_at), use(aid), use(e);
  store::append_audit(*s, actor,
                      {"declare", "maturity_assessment", est.finess_et + ":" + year_text(year),
                       est.id, est.region_code,
                       "Autoévaluation " + year_text(year) + " déclarée : score " +
                           std::to_string(d.score) + "/100",
                       "", json{{"score", d.score}, {"digest", d.digest}}.dump()});
  evidence_.emit(
      *s, est, "maturity_assessment:" + year_text(year),
      json{{"type", "maturity_assessment"}, {"date", ds}, {"score", d.score}, {"declared_on", os}},
      today, actor);
  tr.commit();
  a->declared = true;
  a->declaration = std::move(d);
  return *a;
}

std::vector<paq::Action> Repository::to_paq(const Scope& scope, const std::string& finess, int year,
                                            const std::vector<std::string>& requirements,
                                            const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto a = load(*s, est.id, year);
  if (!a) throw UserError::not_found("Aucune autoévaluation " + year_text(year) + ".");
  const auto& f = a->framework();
  auto unmet = a->unmet();
  std::vector<std::string> wanted = requirements.empty() ? unmet : requirements;
  for (const auto& id : wanted) {
    if (!f.find(id))
      throw UserError::invalid({{"requirement", "assessment.requirement_unknown",
                                 "requirement : exigence inconnue « " + id + " »."}});
    if (std::find(unmet.begin(), unmet.end(), id) == unmet.end())
      throw UserError::invalid(
          {{"requirement", "assessment.requirement_met",
            "requirement : l'exigence " + id + " est atteinte ou non applicable."}});
  }
  std::string prefix = "assessment:" + year_text(year) + ":";
  std::set<std::string> existing;
  for (const auto& act : paq_.by_source_ref(*s, est.id, prefix)) existing.insert(act.source_ref);
  std::vector<paq::Action> created;
  for (const auto& id : wanted) {
    std::string ref = prefix + id;
    if (existing.count(ref)) continue;
    const auto* r = f.find(id);
    auto it = a->answers.find(id);
    paq::ActionInput in;
    in.title = "Maturité " + year_text(year) + " — " + id + " : " + r->title;
    if (in.title.size() > 300) in.title = "Maturité " + year_text(year) + " — exigence " + id;
    in.description =
        "Exigence non atteinte de l'autoévaluation de maturité " + year_text(year) + " (" +
        f.title + ").\nRéférence : " + r->reference + "\nNiveau : " +
        (it == a->answers.end() ? std::string("sans réponse") : f.level_label(it->second.level));
    if (it != a->answers.end() && !it->second.comment.empty())
      in.description += "\nCommentaire : " + it->second.comment;
    in.source = paq::Source::assessment;
    in.source_ref = ref;
    in.due = end_of_year(today);
    in.priority = (it == a->answers.end() || it->second.level == 0) ? paq::Priority::high
                                                                    : paq::Priority::medium;
    in.cyber = true;
    created.push_back(paq_.create_in(*s, est, in, today, actor));
    existing.insert(ref);
  }
  tr.commit();
  return created;
}

std::set<std::string> Repository::paq_requirements(const Scope& scope, const std::string& finess,
                                                   int year) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  std::string prefix = "assessment:" + year_text(year) + ":";
  std::set<std::string> out;
  for (const auto& act : paq_.by_source_ref(*s, est.id, prefix))
    if (act.source_ref.rfind(prefix, 0) == 0) out.insert(act.source_ref.substr(prefix.size()));
  return out;
}

std::vector<YearScores> Repository::compare(const Scope& scope, const std::string& finess,
                                            const std::vector<int>& years) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  std::vector<YearScores> out;
  for (int y : years) {
    auto a = load(*s, est.id, y);
    if (!a) continue;
    YearScores ys;
    ys.year = y;
    ys.declared = a->declared;
    ys.score = a->declaration ? score_from_snapshot(a->declaration->snapshot) : a->score();
    out.push_back(std::move(ys));
  }
  return out;
}

}  // namespace carepilot::assessment
