#include "jobs/queue.hpp"

#include <stdexcept>

#include "jobs/labels.hpp"
#include "store/audit_log.hpp"
#include "store/transaction.hpp"

namespace carepilot::jobs {

using nlohmann::json;
using soci::into;
using soci::use;

std::string_view state_name(State s) {
  switch (s) {
    case State::pending:
      return "pending";
    case State::running:
      return "running";
    case State::done:
      return "done";
    case State::failed:
      return "failed";
  }
  return "pending";
}

std::optional<State> parse_state(std::string_view s) {
  for (State st : {State::pending, State::running, State::done, State::failed})
    if (state_name(st) == s) return st;
  return std::nullopt;
}

bool valid_kind(std::string_view kind) {
  if (kind.empty() || kind.size() > 64) return false;
  for (char c : kind)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_')) return false;
  return kind.front() >= 'a' && kind.front() <= 'z';
}

namespace {

constexpr const char* kColumns =
    "id, kind, payload, dedupe_key, state, run_at, attempts, max_attempts, locked_by, "
    "locked_until, last_error, created_at, started_at, finished_at";

// Runs `sql` (selecting kColumns, one placeholder bound to `param`), one Job per row.
template <class T>
std::vector<Job> select_jobs(soci::session& s, const std::string& sql, T& param) {
  std::vector<Job> out;
  long long id = 0, run_at = 0, locked_until = 0, created_at = 0, started_at = 0, finished_at = 0;
  int attempts = 0, max_attempts = 0;
  std::string kind, payload, dedupe, state, locked_by, error;
  soci::indicator i_dedupe, i_locked_by, i_locked_until, i_started, i_finished;
  soci::statement st =
      (s.prepare << sql, into(id), into(kind), into(payload), into(dedupe, i_dedupe), into(state),
       into(run_at), into(attempts), into(max_attempts), into(locked_by, i_locked_by),
       into(locked_until, i_locked_until), into(error), into(created_at),
       into(started_at, i_started), into(finished_at, i_finished), use(param));
  st.execute();
  while (st.fetch()) {
    Job j;
    j.id = id;
    j.kind = kind;
    j.payload = json::parse(payload, nullptr, false);
    if (j.payload.is_discarded()) j.payload = json::object();
    j.dedupe_key = i_dedupe == soci::i_ok ? dedupe : "";
    j.state = parse_state(state).value_or(State::pending);
    j.run_at = run_at;
    j.attempts = attempts;
    j.max_attempts = max_attempts;
    j.locked_by = i_locked_by == soci::i_ok ? locked_by : "";
    j.locked_until = i_locked_until == soci::i_ok ? locked_until : 0;
    j.last_error = error;
    j.created_at = created_at;
    j.started_at = i_started == soci::i_ok ? started_at : 0;
    j.finished_at = i_finished == soci::i_ok ? finished_at : 0;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> Queue::enqueue(const std::string& kind, const json& payload,
                                           std::int64_t run_at, int max_attempts,
                                           const std::string& dedupe_key, std::int64_t now) {
  if (!valid_kind(kind)) throw std::invalid_argument("jobs: invalid kind " + kind);
  if (max_attempts < 1) throw std::invalid_argument("jobs: max_attempts must be at least 1");
  auto s = db_.lease();
  std::string text = payload.dump();
  long long at = run_at, created = now;
  soci::indicator key_ind = dedupe_key.empty() ? soci::i_null : soci::i_ok;
  store::Transaction tr(*s);
  // ON CONFLICT … RETURNING (SQLite ≥ 3.35, PostgreSQL): the unique index on dedupe_key
  // decides, so two instances enqueueing one occurrence at the same moment leave one row,
  // and only the call that inserted it gets an id back.
  long long id = 0;
  soci::indicator ind = soci::i_null;
  *s << "INSERT INTO jobs (kind, payload, dedupe_key, state, run_at, attempts, max_attempts, "
        "last_error, created_at) VALUES (:k, :p, :d, 'pending', :r, 0, :m, '', :c) "
        "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
      use(kind), use(text), use(dedupe_key, key_ind), use(at), use(max_attempts), use(created),
      into(id, ind);
  const bool inserted = s->got_data() && ind == soci::i_ok;
  tr.commit();
  if (!inserted) return std::nullopt;
  return id;
}

std::optional<Job> Queue::get(std::int64_t id) {
  auto s = db_.lease();
  long long i = id;
  auto v = select_jobs(*s, std::string("SELECT ") + kColumns + " FROM jobs WHERE id = :i", i);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Job> Queue::list(State state, int limit) {
  auto s = db_.lease();
  std::string name(state_name(state));
  std::string order = state == State::pending   ? "run_at, id"
                      : state == State::running ? "started_at DESC, id DESC"
                                                : "finished_at DESC, id DESC";
  return select_jobs(*s,
                     std::string("SELECT ") + kColumns + " FROM jobs WHERE state = :s ORDER BY " +
                         order + " LIMIT " + std::to_string(limit),
                     name);
}

std::vector<Job> Queue::done_since(std::int64_t since, int limit) {
  auto s = db_.lease();
  long long t = since;
  return select_jobs(*s,
                     std::string("SELECT ") + kColumns +
                         " FROM jobs WHERE state = 'done' AND finished_at >= :t ORDER BY "
                         "finished_at DESC, id DESC LIMIT " +
                         std::to_string(limit),
                     t);
}

int Queue::count(State state) {
  auto s = db_.lease();
  std::string name(state_name(state));
  int n = 0;
  *s << "SELECT COUNT(*) FROM jobs WHERE state = :s", use(name), into(n);
  return n;
}

bool Queue::retry(std::int64_t id, const Actor& actor, std::int64_t now) {
  auto s = db_.lease();
  store::Transaction tr(*s);
  long long i = id, t = now;
  std::string kind, state, error;
  int attempts = 0;
  soci::indicator ind = soci::i_null;
  *s << "SELECT kind, state, attempts, last_error FROM jobs WHERE id = :i", use(i), into(kind, ind),
      into(state), into(attempts), into(error);
  if (ind != soci::i_ok || state != "failed") return false;
  *s << "UPDATE jobs SET state = 'pending', run_at = :t, attempts = 0, locked_by = NULL, "
        "locked_until = NULL, finished_at = NULL WHERE id = :i AND state = 'failed'",
      use(t), use(i);
  json before{{"state", state}, {"attempts", attempts}, {"last_error", error}};
  json after{{"state", "pending"}, {"attempts", 0}, {"last_error", error}};
  store::append_audit(*s, actor,
                      {"retry", "job", std::to_string(id), std::nullopt, std::nullopt,
                       "Tâche relancée : n° " + std::to_string(id) + " (" + kind_label(kind) + ")",
                       before.dump(), after.dump()});
  tr.commit();
  return true;
}

int Queue::purge_done(std::int64_t before) {
  auto s = db_.lease();
  long long t = before;
  store::Transaction tr(*s);
  int n = 0;
  *s << "SELECT COUNT(*) FROM jobs WHERE state = 'done' AND finished_at < :t", use(t), into(n);
  if (n > 0) *s << "DELETE FROM jobs WHERE state = 'done' AND finished_at < :t", use(t);
  tr.commit();
  return n;
}

}  // namespace carepilot::jobs
