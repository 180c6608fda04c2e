#include "paq/repository.hpp"
#include "store/transaction.hpp"
#include "store/withdrawal.hpp"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "common/errors.hpp"
#include "common/text.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"

namespace carepilot::paq {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

constexpr const char* kColumns =
    "SELECT id, establishment_id, title, description, source, source_ref, owner, due_date, "
    "priority, status, progress, cyber, created_at, created_by, updated_at, updated_on, "
    "COALESCE(withdrawn_at, ''), COALESCE(withdrawn_by, ''), COALESCE(withdrawal_reason, '') "
    "FROM paq_actions ";

struct ActionRow {
  long long id = 0, est = 0;
  std::string title, description, source, source_ref, owner, due;
  soci::indicator due_ind = soci::i_null;
  std::string priority, status;
  int progress = 0, cyber = 1;
  std::string created_at, created_by, updated_at, updated_on;
  Withdrawal withdrawal;

  void bind(soci::statement& st) {
    st.exchange(into(id));
    st.exchange(into(est));
    st.exchange(into(title));
    st.exchange(into(description));
    st.exchange(into(source));
    st.exchange(into(source_ref));
    st.exchange(into(owner));
    st.exchange(into(due, due_ind));
    st.exchange(into(priority));
    st.exchange(into(status));
    st.exchange(into(progress));
    st.exchange(into(cyber));
    st.exchange(into(created_at));
    st.exchange(into(created_by));
    st.exchange(into(updated_at));
    st.exchange(into(updated_on));
    st.exchange(into(withdrawal.at));
    st.exchange(into(withdrawal.by));
    st.exchange(into(withdrawal.reason));
  }
  Action take() const {
    Action a;
    a.id = id;
    a.establishment_id = est;
    a.title = title;
    a.description = description;
    a.source = parse_source(source).value_or(Source::manual);
    a.source_ref = source_ref;
    a.owner = owner;
    if (due_ind == soci::i_ok) a.due = parse_date(due);
    a.priority = parse_priority(priority).value_or(Priority::medium);
    a.status = parse_status(status).value_or(Status::open);
    a.progress = progress;
    a.cyber = cyber != 0;
    a.created_at = created_at;
    a.created_by = created_by;
    a.updated_at = updated_at;
    a.updated_on = parse_date(updated_on).value_or(Date{});
    a.withdrawal = withdrawal;
    return a;
  }
};

template <typename Bind>
std::vector<Action> query(soci::session& sql, const std::string& where, Bind&& bind) {
  ActionRow row;
  soci::statement st(sql);
  row.bind(st);
  bind(st);
  st.alloc();
  st.prepare(std::string(kColumns) + where);
  st.define_and_bind();
  std::vector<Action> out;
  if (st.execute(true)) {
    do out.push_back(row.take());
    while (st.fetch());
  }
  return out;
}

const char* evidence_status(Status s) {
  switch (s) {
    case Status::open:
    case Status::in_progress:
      return "open";
    case Status::done:
      return "closed";
    case Status::cancelled:
      return "cancelled";
  }
  return "open";
}

}  // namespace

json action_json_for_audit(const Action& a);

registry::Establishment Repository::visible(const Scope& scope, const std::string& finess) {
  return registry_.visible(scope, finess);
}

namespace {

constexpr std::size_t kTitleMax = 300, kDescriptionMax = 10000, kOwnerMax = 200, kNoteMax = 5000;

void check_text(std::vector<FieldError>& errors, const std::string& title,
                const std::string& description, const std::string& owner,
                const std::optional<Date>& due) {
  std::string t = trim(title);
  if (t.empty())
    errors.push_back({"title", "paq.title_required", "title : le titre de l'action est requis."});
  else if (!valid_utf8(t) || t.size() > kTitleMax)
    errors.push_back(
        {"title", "paq.title_invalid", "title : 300 caractères au plus, en UTF-8 valide."});
  if (description.size() > kDescriptionMax || !valid_utf8(description))
    errors.push_back({"description", "paq.description_invalid",
                      "description : 10 000 caractères au plus, en UTF-8 valide."});
  if (owner.size() > kOwnerMax || !valid_utf8(owner))
    errors.push_back(
        {"owner", "paq.owner_invalid", "owner : 200 caractères au plus, en UTF-8 valide."});
  if (due && (!due->ok() || due->year() < std::chrono::year(2000) ||
              due->year() > std::chrono::year(2100)))
    errors.push_back({"due", "paq.due_invalid",
                      "due : échéance invalide (une date entre 2000 et 2100 est attendue)."});
}

}  // namespace

std::vector<FieldError> Repository::check(const ActionInput& in) {
  std::vector<FieldError> errors;
  check_text(errors, in.title, in.description, in.owner, in.due);
  if (in.source_ref.size() > kTitleMax || !valid_utf8(in.source_ref))
    errors.push_back({"source_ref", "paq.source_ref_invalid",
                      "source_ref : 300 caractères au plus, en UTF-8 valide."});
  return errors;
}

std::vector<FieldError> Repository::check(const ActionChange& ch) {
  std::vector<FieldError> errors;
  check_text(errors, ch.title, ch.description, ch.owner, ch.due);
  if (ch.progress < 0 || ch.progress > 100)
    errors.push_back({"progress", "paq.progress_invalid",
                      "progress : l'avancement est un pourcentage entre 0 et 100."});
  return errors;
}

void Repository::validate(const ActionInput& in) {
  auto errors = check(in);
  if (!errors.empty()) throw UserError::invalid(errors);
}

void Repository::validate(const ActionChange& ch) {
  auto errors = check(ch);
  if (!errors.empty()) throw UserError::invalid(errors);
}

void Repository::emit(soci::session& sql, const registry::Establishment& est, const Action& a,
                      const Date& today, const Actor& actor) {
  json record{{"type", "paq_action"},
              {"date", format_date(today)},
              {"cyber", a.cyber},
              {"status", evidence_status(a.status)},
              {"title", a.title}};
  evidence_.emit(sql, est, "paq_action:" + std::to_string(a.id), record, today, actor);
}

Action Repository::create_once(const registry::Establishment& est, const ActionInput& in,
                               const Date& today, const Actor& actor, bool* created,
                               const std::string& finding) {
  auto s = db_.lease();
  store::Transaction tr(*s);
  store::lock_establishment(*s, est.id);
  // "<family>:<audit id>:<finding>": the same finding from any audit of the family.
  const auto family = in.source_ref.substr(0, in.source_ref.find(':') + 1);
  const bool by_finding = !finding.empty() && !family.empty();
  const auto same_finding = [&](const std::string& ref) {
    if (ref.rfind(family, 0) != 0) return false;
    const auto second = ref.find(':', family.size());
    return second != std::string::npos && ref.compare(second + 1, std::string::npos, finding) == 0;
  };
  for (const auto& act : by_source_ref(*s, est.id, by_finding ? family : in.source_ref))
    if (act.source_ref == in.source_ref || (by_finding && same_finding(act.source_ref))) {
      if (created) *created = false;
      return act;
    }
  auto act = create_in(*s, est, in, today, actor);
  tr.commit();
  if (created) *created = true;
  return act;
}

Action Repository::create_in(soci::session& sql, const registry::Establishment& est,
                             const ActionInput& in, const Date& today, const Actor& actor) {
  validate(in);
  Action a;
  a.establishment_id = est.id;
  a.title = trim(in.title);
  a.description = in.description;
  a.source = in.source;
  a.source_ref = in.source_ref;
  a.owner = trim(in.owner);
  a.due = in.due;
  a.priority = in.priority;
  a.cyber = in.cyber;
  a.created_at = a.updated_at = store::now_utc_iso();
  a.created_by = actor.user;
  a.updated_on = today;
  long long est_id = est.id, id = 0;
  std::string source(source_name(a.source)), priority(priority_name(a.priority)),
      status(status_name(a.status)), due = a.due ? format_date(*a.due) : "",
                                     updated_on = format_date(today);
  soci::indicator due_ind = a.due ? soci::i_ok : soci::i_null;
  int cyber = a.cyber ? 1 : 0;
  const char* insert =
      "INSERT INTO paq_actions (establishment_id, title, description, source, source_ref, "
      "owner, due_date, priority, status, progress, cyber, created_at, created_by, updated_at, "
      "updated_on) VALUES (:e, :t, :d, :s, :r, :o, :due, :p, :st, 0, :c, :ca, :cb, :ua, :uo)";
  if (sql.get_backend_name() == "postgresql") {
    sql << std::string(insert) + " RETURNING id", use(est_id), use(a.title), use(a.description),
        use(source), use(a.source_ref), use(a.owner), use(due, due_ind), use(priority), use(status),
        use(cyber), use(a.created_at), use(a.created_by), use(a.updated_at), use(updated_on),
        into(id);
  } else {
    sql << insert, use(est_id), use(a.title), use(a.description), use(source), use(a.source_ref),
        use(a.owner), use(due, due_ind), use(priority), use(status), use(cyber), use(a.created_at),
        use(a.created_by), use(a.updated_at), use(updated_on);
    sql << "SELECT last_insert_rowid()", into(id);
  }
  a.id = id;
  store::append_audit(sql, actor,
                      {"create", "paq_action", std::to_string(a.id), est.id, est.region_code,
                       "Action PAQ créée : " + a.title, "", action_json_for_audit(a).dump()});
  emit(sql, est, a, today, actor);
  return a;
}

Action Repository::create(const Scope& scope, const std::string& finess, const ActionInput& in,
                          const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  validate(in);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto a = create_in(*s, est, in, today, actor);
  tr.commit();
  return a;
}

std::vector<Action> Repository::list(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  long long est_id = est.id;
  auto s = db_.lease();
  return query(*s,
               "WHERE establishment_id = :e AND withdrawn_at IS NULL ORDER BY CASE WHEN due_date "
               "IS NULL THEN 1 ELSE 0 END, due_date, id",
               [&](soci::statement& st) { st.exchange(use(est_id)); });
}

std::vector<Action> Repository::withdrawn(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  long long est_id = est.id;
  auto s = db_.lease();
  return query(*s,
               "WHERE establishment_id = :e AND withdrawn_at IS NOT NULL ORDER BY withdrawn_at "
               "DESC, id DESC",
               [&](soci::statement& st) { st.exchange(use(est_id)); });
}

namespace {

// Notes of the actions whose id is a key of `by_id`, appended in id order.
void load_notes(soci::session& sql, const std::string& where, long long key,
                const std::function<Action*(long long)>& owner) {
  Note n;
  long long nid = 0, aid = 0;
  soci::statement st(sql);
  st.exchange(into(nid));
  st.exchange(into(aid));
  st.exchange(into(n.note));
  st.exchange(into(n.created_at));
  st.exchange(into(n.created_by));
  st.exchange(use(key));
  st.alloc();
  st.prepare("SELECT n.id, n.action_id, n.note, n.created_at, n.created_by FROM paq_notes n " +
             where + " ORDER BY n.id");
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      n.id = nid;
      if (Action* a = owner(aid)) a->notes.push_back(n);
    } while (st.fetch());
  }
}

}  // namespace

std::optional<Action> Repository::find_in(soci::session& sql, std::int64_t est_id,
                                          std::int64_t id) {
  long long e = est_id, aid = id;
  auto found = query(sql, "WHERE id = :id AND establishment_id = :e", [&](soci::statement& st) {
    st.exchange(use(aid));
    st.exchange(use(e));
  });
  if (found.empty()) return std::nullopt;
  Action a = found.front();
  load_notes(sql, "WHERE n.action_id = :a", aid, [&](long long) -> Action* { return &a; });
  return a;
}

Action Repository::get(const Scope& scope, const std::string& finess, std::int64_t id) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  auto a = find_in(*s, est.id, id);
  if (!a) throw UserError::not_found("Action introuvable.");
  return *a;
}

std::vector<Action> Repository::list_with_notes(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  long long est_id = est.id;
  auto s = db_.lease();
  auto actions = query(*s,
                       "WHERE establishment_id = :e AND withdrawn_at IS NULL ORDER BY CASE WHEN "
                       "due_date IS NULL THEN 1 ELSE 0 END, due_date, id",
                       [&](soci::statement& st) { st.exchange(use(est_id)); });
  std::map<long long, std::size_t> index;
  for (std::size_t i = 0; i < actions.size(); ++i) index[actions[i].id] = i;
  load_notes(*s, "JOIN paq_actions a ON a.id = n.action_id WHERE a.establishment_id = :e", est_id,
             [&](long long aid) -> Action* {
               auto it = index.find(aid);
               return it == index.end() ? nullptr : &actions[it->second];
             });
  return actions;
}

Action Repository::update(const Scope& scope, const std::string& finess, std::int64_t id,
                          const ActionChange& change, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  validate(change);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto current = find_in(*s, est.id, id);
  if (!current) throw UserError::not_found("Action introuvable.");
  refuse_withdrawn(*current);
  Action a = *current;
  a.title = trim(change.title);
  a.description = change.description;
  a.owner = trim(change.owner);
  a.due = change.due;
  a.priority = change.priority;
  a.status = change.status;
  // A finished action is complete: progress follows the status.
  a.progress = change.status == Status::done ? 100 : change.progress;
  a.cyber = change.cyber;
  a.updated_at = store::now_utc_iso();
  a.updated_on = today;
  long long aid = a.id, est_id = est.id;
  std::string priority(priority_name(a.priority)), status(status_name(a.status)),
      due = a.due ? format_date(*a.due) : "", updated_on = format_date(today);
  soci::indicator due_ind = a.due ? soci::i_ok : soci::i_null;
  int cyber = a.cyber ? 1 : 0, progress = a.progress;
  *s << "UPDATE paq_actions SET title = :t, description = :d, owner = :o, due_date = :due, "
        "priority = :p, status = :st, progress = :pr, cyber = :c, updated_at = :ua, "
        "updated_on = :uo WHERE id = :id AND establishment_id = :e",
      use(a.title), use(a.description), use(a.owner), use(due, due_ind), use(priority), use(status),
      use(progress), use(cyber), use(a.updated_at), use(updated_on), use(aid), use(est_id);
  store::append_audit(*s, actor,
                      {"update", "paq_action", std::to_string(a.id), est.id, est.region_code,
                       "Action PAQ modifiée : " + a.title, action_json_for_audit(*current).dump(),
                       action_json_for_audit(a).dump()});
  emit(*s, est, a, today, actor);
  tr.commit();
  return a;
}

Note Repository::add_note(const Scope& scope, const std::string& finess, std::int64_t id,
                          const std::string& text, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  Note n;
  n.note = trim(text);
  if (n.note.empty())
    throw UserError::invalid({{"note", "paq.note_required", "note : la note est vide."}});
  if (n.note.size() > kNoteMax || !valid_utf8(n.note))
    throw UserError::invalid(
        {{"note", "paq.note_invalid", "note : 5 000 caractères au plus, en UTF-8 valide."}});
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto current = find_in(*s, est.id, id);
  if (!current) throw UserError::not_found("Action introuvable.");
  refuse_withdrawn(*current);
  Action a = *current;
  n.created_at = a.updated_at = store::now_utc_iso();
  n.created_by = actor.user;
  a.updated_on = today;
  long long aid = a.id, nid = 0;
  const char* insert =
      "INSERT INTO paq_notes (action_id, note, created_at, created_by) VALUES (:a, :n, :c, :b)";
  if (s->get_backend_name() == "postgresql") {
    *s << std::string(insert) + " RETURNING id", use(aid), use(n.note), use(n.created_at),
        use(n.created_by), into(nid);
  } else {
    *s << insert, use(aid), use(n.note), use(n.created_at), use(n.created_by);
    *s << "SELECT last_insert_rowid()", into(nid);
  }
  n.id = nid;
  std::string updated_on = format_date(today);
  *s << "UPDATE paq_actions SET updated_at = :ua, updated_on = :uo WHERE id = :id",
      use(a.updated_at), use(updated_on), use(aid);
  store::append_audit(*s, actor,
                      {"note", "paq_action", std::to_string(a.id), est.id, est.region_code,
                       "Note ajoutée à l'action PAQ : " + a.title, "",
                       json{{"note_id", n.id}, {"note", n.note}}.dump()});
  emit(*s, est, a, today, actor);
  tr.commit();
  return n;
}

Action Repository::withdraw(const Scope& scope, const std::string& finess, std::int64_t id,
                            const std::string& reason, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto current = find_in(*s, est.id, id);
  if (!current) throw UserError::not_found("Action introuvable.");
  refuse_withdrawn(*current);
  const std::string why = checked_withdrawal_reason(reason, "paq", "cette action est retirée");
  Action a = *current;
  a.withdrawal = store::mark_withdrawn(*s, "paq_actions", a.id, est.id, why, actor.user);
  json before = action_json_for_audit(*current);
  before["notes"] = current->notes.size();
  json after = before;
  after["withdrawn_at"] = a.withdrawal.at;
  after["reason"] = a.withdrawal.reason;
  store::append_audit(
      *s, actor,
      {"withdraw", "paq_action", std::to_string(a.id), est.id, est.region_code,
       "Action PAQ retirée : " + a.title + " — motif : " + why, before.dump(), after.dump()});
  evidence_.emit(*s, est, "paq_action:" + std::to_string(a.id), std::nullopt, today, actor,
                 "action du PAQ retirée : " + why);
  tr.commit();
  return a;
}

void Repository::refuse_withdrawn(const Action& a) {
  if (a.withdrawal.withdrawn())
    throw UserError(409, "paq.withdrawn",
                    "Cette action a été retirée : elle ne peut plus être modifiée.");
}

std::vector<Action> Repository::by_source_ref(soci::session& sql, std::int64_t establishment_id,
                                              const std::string& prefix) {
  long long est_id = establishment_id;
  std::string pattern = prefix + "%";
  return query(sql,
               "WHERE establishment_id = :e AND source_ref LIKE :p AND withdrawn_at IS NULL "
               "ORDER BY id",
               [&](soci::statement& st) {
                 st.exchange(use(est_id));
                 st.exchange(use(pattern));
               });
}

json action_json_for_audit(const Action& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"description", a.description},
          {"source", source_name(a.source)},
          {"source_ref", a.source_ref},
          {"owner", a.owner},
          {"due", a.due ? format_date(*a.due) : ""},
          {"priority", priority_name(a.priority)},
          {"status", status_name(a.status)},
          {"progress", a.progress},
          {"cyber", a.cyber}};
}

}  // namespace carepilot::paq
