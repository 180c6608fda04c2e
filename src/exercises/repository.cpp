#include "exercises/repository.hpp"

#include "store/transaction.hpp"
#include "store/withdrawal.hpp"

#include <date/tz.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/errors.hpp"
#include "common/text.hpp"
#include "exercises/scenario_kit.hpp"
#include "exercises/validation.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"

namespace carepilot::exercises {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

constexpr const char* kColumns =
    "SELECT x.id, x.establishment_id, x.title, x.date, x.scenario, COALESCE(s.label, x.scenario), "
    "x.format, x.objectives, x.participants, x.status, x.started_at, x.retex_date, "
    "x.retex_worked, x.retex_failed, x.retex_decisions, x.declared_on, x.created_at, "
    "x.created_by, x.updated_at, COALESCE(x.withdrawn_at, ''), COALESCE(x.withdrawn_by, ''), "
    "COALESCE(x.withdrawal_reason, '') FROM exercises x LEFT JOIN exercise_scenarios s ON s.code = "
    "x.scenario ";

std::vector<Participants> participants_from(const std::string& text) {
  std::vector<Participants> out;
  json j = json::parse(text, nullptr, false);
  for (auto fn : kFunctions) {
    Participants p{std::string(fn), 0, ""};
    if (j.is_object() && j.contains(p.function) && j[p.function].is_object()) {
      p.count = j[p.function].value("count", 0);
      p.names = j[p.function].value("names", "");
    }
    out.push_back(p);
  }
  return out;
}

std::string participants_text(const std::vector<Participants>& ps) {
  json j = json::object();
  for (const auto& p : ps) j[p.function] = {{"count", p.count}, {"names", p.names}};
  return j.dump();
}

struct Row {
  long long id = 0, est = 0;
  std::string title, date, scenario, label, format, objectives, participants, status;
  std::string started_at, retex_date, worked, failed, decisions, declared_on;
  soci::indicator started_ind = soci::i_null, retex_ind = soci::i_null, declared_ind = soci::i_null;
  std::string created_at, created_by, updated_at;
  Withdrawal withdrawal;

  void bind(soci::statement& st) {
    st.exchange(into(id));
    st.exchange(into(est));
    st.exchange(into(title));
    st.exchange(into(date));
    st.exchange(into(scenario));
    st.exchange(into(label));
    st.exchange(into(format));
    st.exchange(into(objectives));
    st.exchange(into(participants));
    st.exchange(into(status));
    st.exchange(into(started_at, started_ind));
    st.exchange(into(retex_date, retex_ind));
    st.exchange(into(worked));
    st.exchange(into(failed));
    st.exchange(into(decisions));
    st.exchange(into(declared_on, declared_ind));
    st.exchange(into(created_at));
    st.exchange(into(created_by));
    st.exchange(into(updated_at));
    st.exchange(into(withdrawal.at));
    st.exchange(into(withdrawal.by));
    st.exchange(into(withdrawal.reason));
  }
  Exercise take() const {
    Exercise x;
    x.id = id;
    x.establishment_id = est;
    x.title = title;
    x.date = parse_date(date).value_or(Date{});
    x.scenario = scenario;
    x.scenario_label = label;
    x.format = parse_format(format).value_or(Format::table_top);
    x.objectives = objectives;
    x.participants = participants_from(participants);
    x.status = parse_status(status).value_or(Status::planned);
    if (started_ind == soci::i_ok) x.started_at = started_at;
    if (retex_ind == soci::i_ok) x.retex_date = parse_date(retex_date);
    x.retex_worked = worked;
    x.retex_failed = failed;
    x.retex_decisions = decisions;
    if (declared_ind == soci::i_ok) x.declared_on = parse_date(declared_on);
    x.created_at = created_at;
    x.created_by = created_by;
    x.updated_at = updated_at;
    x.withdrawal = withdrawal;
    return x;
  }
};

template <typename Bind>
std::vector<Exercise> query(soci::session& sql, const std::string& where, Bind&& bind) {
  Row row;
  soci::statement st(sql);
  row.bind(st);
  bind(st);
  st.alloc();
  st.prepare(std::string(kColumns) + where);
  st.define_and_bind();
  std::vector<Exercise> out;
  if (st.execute(true)) {
    do out.push_back(row.take());
    while (st.fetch());
  }
  return out;
}

// Runs an INSERT and returns the new id on either backend.
template <typename... Uses>
long long insert_returning(soci::session& sql, const std::string& insert, Uses&&... uses) {
  long long id = 0;
  if (sql.get_backend_name() == "postgresql") {
    ((sql << insert + " RETURNING id"), ..., std::forward<Uses>(uses)), into(id);
  } else {
    ((sql << insert), ..., std::forward<Uses>(uses));
    sql << "SELECT last_insert_rowid()", into(id);
  }
  return id;
}

std::string paris_now_minutes() {
  auto now = std::chrono::floor<std::chrono::minutes>(std::chrono::system_clock::now());
  try {
    return date::format("%Y-%m-%dT%H:%M", date::make_zoned("Europe/Paris", now));
  } catch (const std::exception&) {
    return date::format("%Y-%m-%dT%H:%MZ", now);
  }
}

std::string item_ref(std::int64_t id, int n) {
  return "exercise:" + std::to_string(id) + ":item:" + std::to_string(n);
}

std::string item_prefix(std::int64_t id) {
  return "exercise:" + std::to_string(id) + ":item:";
}

UserError wrong_state(const std::string& message) {
  return UserError(409, "exercises.wrong_state", message,
                   {{"status", "exercises.wrong_state", "status : " + message}});
}

}  // namespace

json to_json(const Exercise& x, bool details) {
  json participants = json::object();
  for (const auto& p : x.participants)
    participants[p.function] = {{"count", p.count}, {"names", p.names}};
  json j{{"id", x.id},
         {"title", x.title},
         {"date", format_date(x.date)},
         {"scenario", x.scenario},
         {"scenario_label", x.scenario_label},
         {"format", format_name(x.format)},
         {"objectives", x.objectives},
         {"participants", participants},
         {"status", status_name(x.status)},
         {"started_at", x.started_at.empty() ? json(nullptr) : json(x.started_at)},
         {"retex",
          {{"retex_date", x.retex_date ? json(format_date(*x.retex_date)) : json(nullptr)},
           {"worked", x.retex_worked},
           {"failed", x.retex_failed},
           {"decisions", x.retex_decisions}}},
         {"declared_on", x.declared_on ? json(format_date(*x.declared_on)) : json(nullptr)},
         {"created_at", x.created_at},
         {"created_by", x.created_by},
         {"updated_at", x.updated_at},
         {"locked", x.locked()}};
  if (x.withdrawal.withdrawn()) {
    j["withdrawn_at"] = x.withdrawal.at;
    j["withdrawn_by"] = x.withdrawal.by;
    j["withdrawal_reason"] = x.withdrawal.reason;
  }
  if (details) {
    json log = json::array(), injects = json::array(), items = json::array();
    for (const auto& l : x.log)
      log.push_back({{"id", l.id}, {"at", l.at}, {"author", l.author}, {"text", l.text}});
    for (const auto& i : x.injects)
      injects.push_back({{"id", i.id},
                         {"offset_minutes", i.offset_minutes},
                         {"title", i.title},
                         {"description", i.description},
                         {"played_at", i.played_at.empty() ? json(nullptr) : json(i.played_at)}});
    for (const auto& i : x.items)
      items.push_back({{"n", i.n},
                       {"text", i.text},
                       {"priority", paq::priority_name(i.priority)},
                       {"paq_action_id", i.action_id ? json(*i.action_id) : json(nullptr)}});
    j["log"] = log;
    j["injects"] = injects;
    j["retex"]["items"] = items;
    j["retex_in_paq"] = x.retex_in_paq();
  }
  return j;
}

registry::Establishment Repository::visible(const Scope& scope, const std::string& finess) {
  return registry_.visible(scope, finess);
}

std::vector<Scenario> Repository::scenarios(soci::session& sql, const std::string& region) {
  // National scenarios (region_code '') and those of `region`; "*" lists every one.
  std::vector<Scenario> out;
  Scenario s;
  std::string r = region;
  soci::statement st =
      (sql.prepare << "SELECT code, label, region_code FROM exercise_scenarios WHERE "
                      "(:a = '*' OR region_code = '' OR region_code = :b) ORDER BY position, label",
       into(s.code), into(s.label), into(s.region_code), use(r), use(r));
  if (st.execute(true)) {
    do out.push_back(s);
    while (st.fetch());
  }
  return out;
}

std::string Repository::scope_region(const Scope& scope) {
  switch (scope.level) {
    case Scope::Level::nation:
      return "*";
    case Scope::Level::region:
      return scope.region_code;
    case Scope::Level::ght:
      if (auto g = registry_.ght(scope, scope.ght_id)) return g->region_code;
      return "";
    case Scope::Level::establishment:
      if (auto e = registry_.find_by_id(scope, scope.establishment_id)) return e->region_code;
      return "";
  }
  return "";
}

std::vector<Scenario> Repository::scenarios(const Scope& scope) {
  std::string region = scope_region(scope);
  auto s = db_.lease();
  return scenarios(*s, region);
}

std::vector<Scenario> Repository::scenarios_for(const registry::Establishment& e) {
  auto s = db_.lease();
  return scenarios(*s, e.region_code);
}

Scenario Repository::add_scenario(const Scope& scope, const Scenario& in, const Actor& actor) {
  // The shared list is national; a region's additions are offered in that region only.
  Scenario s{trim(in.code), trim(in.label), ""};
  if (scope.level == Scope::Level::region)
    s.region_code = scope.region_code;
  else if (scope.level != Scope::Level::nation)
    throw UserError(403, "auth.forbidden",
                    "Seuls les niveaux national et régional ajoutent des scénarios.");
  validate_scenario(s);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  int n = 0;
  sql << "SELECT COUNT(*) FROM exercise_scenarios WHERE code = :c", use(s.code), into(n);
  if (n > 0)
    throw UserError(409, "exercises.scenario_exists", "Code : ce scénario existe déjà.",
                    {{"code", "exercises.scenario_exists", "Code : ce scénario existe déjà."}});
  sql << "INSERT INTO exercise_scenarios (code, label, position, region_code) VALUES (:c, :l, "
         "1000, :r)",
      use(s.code), use(s.label), use(s.region_code);
  store::append_audit(
      sql, actor,
      {"create", "exercise_scenario", s.code, std::nullopt,
       s.region_code.empty() ? std::nullopt : std::optional<std::string>(s.region_code),
       "Scénario d'exercice ajouté : " + s.label +
           (s.region_code.empty() ? " (national)" : " (région)"),
       "", json{{"code", s.code}, {"label", s.label}, {"region", s.region_code}}.dump()});
  tr.commit();
  return s;
}

Exercise Repository::load(soci::session& sql, std::int64_t est_id, std::int64_t id) {
  long long e = est_id, x = id;
  auto found = query(sql, "WHERE x.id = :id AND x.establishment_id = :e", [&](soci::statement& st) {
    st.exchange(use(x));
    st.exchange(use(e));
  });
  if (found.empty()) throw UserError::not_found("Exercice introuvable.");
  return found.front();
}

void Repository::load_details(soci::session& sql, Exercise& ex) {
  long long xid = ex.id;
  {
    LogEntry l;
    long long id = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, at, author, text, created_at FROM exercise_log WHERE "
                        "exercise_id = :x ORDER BY at, id",
         into(id), into(l.at), into(l.author), into(l.text), into(l.created_at), use(xid));
    if (st.execute(true)) {
      do {
        l.id = id;
        ex.log.push_back(l);
      } while (st.fetch());
    }
  }
  {
    Inject i;
    long long id = 0;
    std::string played;
    soci::indicator ind = soci::i_null;
    soci::statement st = (sql.prepare << "SELECT id, offset_minutes, title, description, "
                                         "played_at FROM exercise_injects WHERE exercise_id = "
                                         ":x ORDER BY offset_minutes, id",
                          into(id), into(i.offset_minutes), into(i.title), into(i.description),
                          into(played, ind), use(xid));
    if (st.execute(true)) {
      do {
        i.id = id;
        i.played_at = ind == soci::i_ok ? played : "";
        ex.injects.push_back(i);
      } while (st.fetch());
    }
  }
  {
    RetexItem it;
    long long id = 0;
    std::string priority;
    soci::statement st = (sql.prepare << "SELECT id, n, text, priority FROM exercise_retex_items "
                                         "WHERE exercise_id = :x ORDER BY n",
                          into(id), into(it.n), into(it.text), into(priority), use(xid));
    if (st.execute(true)) {
      do {
        it.id = id;
        it.priority = paq::parse_priority(priority).value_or(paq::Priority::medium);
        ex.items.push_back(it);
      } while (st.fetch());
    }
  }
  auto actions = paq_.by_source_ref(sql, ex.establishment_id, item_prefix(ex.id));
  for (auto& it : ex.items)
    for (const auto& a : actions)
      if (a.source_ref == item_ref(ex.id, it.n)) {
        it.action_id = a.id;
        break;
      }
}

void Repository::write(soci::session& sql, const Exercise& x) {
  long long id = x.id;
  std::string date = format_date(x.date), format(format_name(x.format)),
              status(status_name(x.status)), participants = participants_text(x.participants),
              retex = x.retex_date ? format_date(*x.retex_date) : "",
              declared = x.declared_on ? format_date(*x.declared_on) : "";
  soci::indicator started_ind = x.started_at.empty() ? soci::i_null : soci::i_ok,
                  retex_ind = x.retex_date ? soci::i_ok : soci::i_null,
                  declared_ind = x.declared_on ? soci::i_ok : soci::i_null;
  sql << "UPDATE exercises SET title = :t, date = :d, scenario = :s, format = :f, objectives = "
         ":o, participants = :p, status = :st, started_at = :sa, retex_date = :rd, "
         "retex_worked = :rw, retex_failed = :rf, retex_decisions = :rx, declared_on = :dec, "
         "updated_at = :u WHERE id = :id",
      use(x.title), use(date), use(x.scenario), use(format), use(x.objectives), use(participants),
      use(status), use(x.started_at, started_ind), use(retex, retex_ind), use(x.retex_worked),
      use(x.retex_failed), use(x.retex_decisions), use(declared, declared_ind), use(x.updated_at),
      use(id);
}

void Repository::emit(soci::session& sql, const registry::Establishment& est, const Exercise& x,
                      const Date& today, const Actor& actor) {
  std::string source = "crisis_exercise:" + std::to_string(x.id);
  if (x.status == Status::planned) {
    evidence_.emit(sql, est, source, std::nullopt, today, actor);
    return;
  }
  bool in_paq = !paq_.by_source_ref(sql, est.id, item_prefix(x.id)).empty();
  json record{{"type", "crisis_exercise"}, {"date", format_date(x.date)}, {"retex_in_paq", in_paq}};
  if (x.declared_on) record["declared_on"] = format_date(*x.declared_on);
  evidence_.emit(sql, est, source, record, today, actor);
}

void Repository::audit(soci::session& sql, const registry::Establishment& est, const Actor& actor,
                       const std::string& action, const Exercise& x, const std::string& summary,
                       const std::string& before, const std::string& after) {
  store::append_audit(sql, actor,
                      {action, "exercise", std::to_string(x.id), est.id, est.region_code,
                       summary + " : " + x.title, before, after});
}

std::vector<Exercise> Repository::list(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  long long e = est.id;
  auto s = db_.lease();
  return query(*s,
               "WHERE x.establishment_id = :e AND x.withdrawn_at IS NULL ORDER BY x.date DESC, "
               "x.id DESC",
               [&](soci::statement& st) { st.exchange(use(e)); });
}

std::vector<Exercise> Repository::withdrawn(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  long long e = est.id;
  auto s = db_.lease();
  return query(*s,
               "WHERE x.establishment_id = :e AND x.withdrawn_at IS NOT NULL ORDER BY "
               "x.withdrawn_at DESC, x.id DESC",
               [&](soci::statement& st) { st.exchange(use(e)); });
}

void Repository::refuse_locked(const Exercise& x) {
  if (x.withdrawal.withdrawn())
    throw UserError(409, "exercises.withdrawn",
                    "Cet exercice a été retiré : il ne peut plus être modifié.");
  if (x.locked())
    throw UserError(409, "exercises.locked",
                    "Cet exercice est clôturé et déclaré sur la plateforme nationale : il est "
                    "verrouillé. Seul un retrait motivé reste possible.");
}

Exercise Repository::get(const Scope& scope, const std::string& finess, std::int64_t id) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  auto x = load(*s, est.id, id);
  load_details(*s, x);
  return x;
}

Exercise Repository::create(const Scope& scope, const std::string& finess, const ExerciseInput& in,
                            const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto lease = db_.lease();
  auto& sql = *lease;
  auto v = validate_exercise(in, scenarios(sql, est.region_code));
  store::Transaction tr(sql);
  Exercise x;
  x.establishment_id = est.id;
  x.title = v.title;
  x.date = v.date;
  x.scenario = v.scenario;
  x.format = v.format;
  x.objectives = v.objectives;
  x.participants = v.participants;
  x.created_at = x.updated_at = store::now_utc_iso();
  x.created_by = actor.user;
  long long e = est.id;
  std::string date = format_date(x.date), format(format_name(x.format)),
              participants = participants_text(x.participants);
  x.id = insert_returning(sql,
                          "INSERT INTO exercises (establishment_id, title, date, scenario, format, "
                          "objectives, participants, status, created_at, created_by, updated_at) "
                          "VALUES (:e, :t, :d, :s, :f, :o, :p, 'planned', :ca, :cb, :ua)",
                          use(e), use(x.title), use(date), use(x.scenario), use(format),
                          use(x.objectives), use(participants), use(x.created_at),
                          use(x.created_by), use(x.updated_at));
  // The scenario's set of injects (data/exercises/scenarios.yaml) starts the timeline.
  if (const auto* kit = scenario_kit(x.scenario)) {
    long long xid = x.id;
    for (const auto& in : kit->injects) {
      auto inject = validate_inject(in);
      insert_returning(sql,
                       "INSERT INTO exercise_injects (exercise_id, offset_minutes, title, "
                       "description) VALUES (:x, :o, :t, :d)",
                       use(xid), use(inject.offset_minutes), use(inject.title),
                       use(inject.description));
    }
  }
  x = load(sql, est.id, x.id);
  audit(sql, est, actor, "create", x, "Exercice de crise planifié", "", to_json(x, false).dump());
  emit(sql, est, x, today, actor);
  tr.commit();
  return x;
}

Exercise Repository::update(const Scope& scope, const std::string& finess, std::int64_t id,
                            const ExerciseInput& in, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto lease = db_.lease();
  auto& sql = *lease;
  auto v = validate_exercise(in, scenarios(sql, est.region_code));
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  refuse_locked(x);
  auto before = to_json(x, false).dump();
  std::vector<FieldError> errors;
  if (x.retex_date && v.date > *x.retex_date)
    errors.push_back({"date", "exercises.after_retex",
                      "date : l'exercice ne peut pas être postérieur à son RETEX (" +
                          format_date(*x.retex_date) + ")."});
  else if (x.status != Status::planned && v.date > today)
    errors.push_back({"date", "exercises.held_in_future",
                      "date : un exercice déjà lancé ne peut pas être daté après aujourd'hui (" +
                          format_date(today) + ")."});
  else if (x.declared_on && v.date > *x.declared_on)
    errors.push_back({"date", "exercises.after_declaration",
                      "date : l'exercice ne peut pas être postérieur à sa déclaration (" +
                          format_date(*x.declared_on) + ")."});
  if (!errors.empty()) throw UserError::invalid(errors);
  x.title = v.title;
  x.date = v.date;
  x.scenario = v.scenario;
  x.format = v.format;
  x.objectives = v.objectives;
  x.participants = v.participants;
  x.updated_at = store::now_utc_iso();
  write(sql, x);
  x = load(sql, est.id, id);
  audit(sql, est, actor, "update", x, "Exercice de crise modifié", before,
        to_json(x, false).dump());
  emit(sql, est, x, today, actor);
  tr.commit();
  return x;
}

Exercise Repository::withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                              const std::string& reason, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  if (x.withdrawal.withdrawn())
    throw UserError(409, "exercises.withdrawn", "Cet exercice a déjà été retiré.");
  const std::string why = checked_withdrawal_reason(reason, "exercises", "cet exercice est retiré");
  auto before = to_json(x, false).dump();
  x.withdrawal = store::mark_withdrawn(sql, "exercises", x.id, est.id, why, actor.user);
  auto after = to_json(x, false);
  audit(sql, est, actor, "withdraw", x, "Exercice de crise retiré (motif : " + why + ")", before,
        after.dump());
  evidence_.emit(sql, est, "crisis_exercise:" + std::to_string(x.id), std::nullopt, today, actor,
                 "exercice retiré : " + why);
  tr.commit();
  return x;
}

Exercise Repository::start(const Scope& scope, const std::string& finess, std::int64_t id,
                           const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  refuse_locked(x);
  if (x.status != Status::planned) throw wrong_state("l'exercice a déjà été lancé.");
  if (x.date > today)
    throw UserError::invalid({{"date", "exercises.not_yet",
                               "date : l'exercice est prévu le " + format_date(x.date) +
                                   " ; il ne peut pas être lancé avant ce jour."}});
  auto before = to_json(x, false).dump();
  x.status = Status::running;
  x.started_at = x.updated_at = store::now_utc_iso();
  write(sql, x);
  audit(sql, est, actor, "update", x, "Exercice de crise lancé", before, to_json(x, false).dump());
  emit(sql, est, x, today, actor);
  tr.commit();
  return x;
}

LogEntry Repository::add_log(const Scope& scope, const std::string& finess, std::int64_t id,
                             const LogInput& in, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  refuse_locked(x);
  auto entry = validate_log(in, x.date, paris_now_minutes(), actor.user);
  if (x.status == Status::planned)
    throw wrong_state("la main courante s'ouvre quand l'exercice est lancé.");
  entry.created_at = store::now_utc_iso();
  long long xid = x.id;
  entry.id = insert_returning(sql,
                              "INSERT INTO exercise_log (exercise_id, at, author, text, "
                              "created_at) VALUES (:x, :a, :au, :t, :c)",
                              use(xid), use(entry.at), use(entry.author), use(entry.text),
                              use(entry.created_at));
  audit(sql, est, actor, "update", x, "Main courante (" + entry.at + ")", "",
        json{{"log_entry", {{"id", entry.id}, {"at", entry.at}, {"text", entry.text}}}}.dump());
  (void)today;
  tr.commit();
  return entry;
}

Inject Repository::add_inject(const Scope& scope, const std::string& finess, std::int64_t id,
                              const InjectInput& in, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto inject = validate_inject(in);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  refuse_locked(x);
  if (x.status == Status::closed) throw wrong_state("l'exercice est clôturé.");
  long long xid = x.id;
  inject.id = insert_returning(sql,
                               "INSERT INTO exercise_injects (exercise_id, offset_minutes, title, "
                               "description) VALUES (:x, :o, :t, :d)",
                               use(xid), use(inject.offset_minutes), use(inject.title),
                               use(inject.description));
  audit(sql, est, actor, "update", x, "Stimulus ajouté (" + inject.title + ")", "",
        json{{"inject", {{"id", inject.id}, {"title", inject.title}}}}.dump());
  (void)today;
  tr.commit();
  return inject;
}

Inject Repository::play_inject(const Scope& scope, const std::string& finess, std::int64_t id,
                               std::int64_t inject_id, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  refuse_locked(x);
  load_details(sql, x);
  auto it = std::find_if(x.injects.begin(), x.injects.end(),
                         [&](const Inject& i) { return i.id == inject_id; });
  if (it == x.injects.end()) throw UserError::not_found("Stimulus introuvable.");
  Inject inject = *it;
  if (!inject.played_at.empty()) return inject;  // played once; the rollback changes nothing
  if (x.status != Status::running) throw wrong_state("l'exercice n'est pas en cours.");
  inject.played_at = store::now_utc_iso();
  long long iid = inject.id, xid = x.id;
  sql << "UPDATE exercise_injects SET played_at = :p WHERE id = :i AND exercise_id = :x",
      use(inject.played_at), use(iid), use(xid);
  // The played inject goes to the main courante too, at the time it was played: the log
  // is the exercise's one record of what happened.
  LogInput line{"", "",
                "Stimulus joué : " + inject.title +
                    (inject.description.empty() ? "" : " — " + inject.description)};
  auto entry = validate_log(line, x.date, paris_now_minutes(), actor.user);
  entry.created_at = inject.played_at;
  entry.id = insert_returning(sql,
                              "INSERT INTO exercise_log (exercise_id, at, author, text, "
                              "created_at) VALUES (:x, :a, :au, :t, :c)",
                              use(xid), use(entry.at), use(entry.author), use(entry.text),
                              use(entry.created_at));
  audit(sql, est, actor, "update", x, "Stimulus joué (" + inject.title + ")", "",
        json{{"inject", {{"id", inject.id}, {"played_at", inject.played_at}}},
             {"log_entry", {{"id", entry.id}, {"at", entry.at}, {"text", entry.text}}}}
            .dump());
  (void)today;
  tr.commit();
  return inject;
}

Exercise Repository::save_retex(const Scope& scope, const std::string& finess, std::int64_t id,
                                const RetexInput& in, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  refuse_locked(x);
  Date retex = validate_retex(in, x.date, today);
  auto before = to_json(x, false).dump();
  bool closing = x.status != Status::closed;
  x.retex_date = retex;
  x.retex_worked = in.worked;
  x.retex_failed = in.failed;
  x.retex_decisions = in.decisions;
  x.status = Status::closed;
  x.updated_at = store::now_utc_iso();
  write(sql, x);
  audit(sql, est, actor, "update", x,
        closing ? "Exercice de crise clôturé (RETEX)" : "RETEX modifié", before,
        to_json(x, false).dump());
  emit(sql, est, x, today, actor);
  tr.commit();
  return x;
}

RetexItem Repository::add_item(const Scope& scope, const std::string& finess, std::int64_t id,
                               const ItemInput& in, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto item = validate_item(in);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  refuse_locked(x);
  if (x.status == Status::planned)
    throw wrong_state("les points du RETEX suivent l'exercice : lancez-le d'abord.");
  long long xid = x.id;
  int n = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(n) FROM exercise_retex_items WHERE exercise_id = :x", use(xid), into(n, ind);
  item.n = ind == soci::i_ok ? n + 1 : 1;
  std::string priority(paq::priority_name(item.priority));
  item.id = insert_returning(sql,
                             "INSERT INTO exercise_retex_items (exercise_id, n, text, priority) "
                             "VALUES (:x, :n, :t, :p)",
                             use(xid), use(item.n), use(item.text), use(priority));
  audit(sql, est, actor, "update", x, "Point de RETEX ajouté (n° " + std::to_string(item.n) + ")",
        "", json{{"retex_item", {{"n", item.n}, {"text", item.text}}}}.dump());
  (void)today;
  tr.commit();
  return item;
}

paq::Action Repository::convert(soci::session& sql, const registry::Establishment& est,
                                const Exercise& x, const RetexItem& item, const PaqOptions& opts,
                                const Date& today, const Actor& actor) {
  auto v = validate_paq_options(opts);
  paq::ActionInput in{item.text,
                      "Issue du RETEX de l'exercice de crise « " + x.title + " » du " +
                          format_date(x.date) + " (point n° " + std::to_string(item.n) + ").",
                      paq::Source::exercise,
                      item_ref(x.id, item.n),
                      v.owner,
                      v.due,
                      item.priority,
                      true};
  return paq_.create_in(sql, est, in, today, actor);
}

paq::Action Repository::item_to_paq(const Scope& scope, const std::string& finess, std::int64_t id,
                                    int n, const PaqOptions& opts, const Date& today,
                                    const Actor& actor) {
  auto est = visible(scope, finess);
  validate_paq_options(opts);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  if (x.withdrawal.withdrawn()) refuse_locked(x);
  load_details(sql, x);
  auto it =
      std::find_if(x.items.begin(), x.items.end(), [&](const RetexItem& i) { return i.n == n; });
  if (it == x.items.end()) throw UserError::not_found("Point de RETEX introuvable.");
  if (it->action_id) {
    for (auto& a : paq_.by_source_ref(sql, est.id, item_ref(x.id, n)))
      if (a.source_ref == item_ref(x.id, n)) return a;  // already converted: nothing written
  }
  auto action = convert(sql, est, x, *it, opts, today, actor);
  audit(sql, est, actor, "update", x, "Point de RETEX n° " + std::to_string(n) + " inscrit au PAQ",
        "", json{{"retex_item", {{"n", n}, {"paq_action_id", action.id}}}}.dump());
  emit(sql, est, x, today, actor);
  tr.commit();
  return action;
}

std::vector<paq::Action> Repository::all_items_to_paq(const Scope& scope, const std::string& finess,
                                                      std::int64_t id, const PaqOptions& opts,
                                                      const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  validate_paq_options(opts);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  if (x.withdrawal.withdrawn()) refuse_locked(x);
  load_details(sql, x);
  std::vector<paq::Action> out;
  for (const auto& item : x.items) {
    if (item.action_id) continue;
    out.push_back(convert(sql, est, x, item, opts, today, actor));
    audit(sql, est, actor, "update", x,
          "Point de RETEX n° " + std::to_string(item.n) + " inscrit au PAQ", "",
          json{{"retex_item", {{"n", item.n}, {"paq_action_id", out.back().id}}}}.dump());
  }
  if (!out.empty()) emit(sql, est, x, today, actor);
  tr.commit();
  return out;
}

Exercise Repository::declare(const Scope& scope, const std::string& finess, std::int64_t id,
                             const std::string& declared_on, const Date& today,
                             const Actor& actor) {
  auto est = visible(scope, finess);
  auto lease = db_.lease();
  auto& sql = *lease;
  store::Transaction tr(sql);
  auto x = load(sql, est.id, id);
  refuse_locked(x);
  Date d = validate_declared(declared_on, x.date, today);
  if (x.status == Status::planned)
    throw UserError::invalid({{"declared_on", "exercises.not_held",
                               "declared_on : seul un exercice réalisé (lancé ou clôturé) peut "
                               "être déclaré."}});
  auto before = to_json(x, false).dump();
  x.declared_on = d;
  x.updated_at = store::now_utc_iso();
  write(sql, x);
  audit(sql, est, actor, "update", x, "Exercice déclaré sur la plateforme nationale", before,
        to_json(x, false).dump());
  emit(sql, est, x, today, actor);
  tr.commit();
  return x;
}

}  // namespace carepilot::exercises
