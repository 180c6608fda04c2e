#include "paq/repository.hpp"

#include <nlohmann/json.hpp>

#include "common/errors.hpp"
#include "common/text.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"

namespace carepilot::paq {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

constexpr const char* kColumns =
    "SELECT id, establishment_id, title, description, source, source_ref, owner, due_date, "
    "priority, status, progress, cyber, created_at, created_by, updated_at, updated_on "
    "FROM paq_actions ";

struct ActionRow {
  long long id = 0, est = 0;
  std::string title, description, source, source_ref, owner, due;
  soci::indicator due_ind = soci::i_null;
  std::string priority, status;
  int progress = 0, cyber = 1;
  std::string created_at, created_by, updated_at, updated_on;

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
  auto e = registry_.find(scope, finess);
  if (!e)
    throw UserError::not_found(
        "Aucun établissement ne porte ce numéro FINESS dans votre périmètre.");
  return *e;
}

void Repository::validate(const ActionInput& in) {
  std::vector<FieldError> errors;
  std::string title = trim(in.title);
  if (title.empty())
    errors.push_back({"title", "paq.title_required", "title : le titre de l'action est requis."});
  else if (!valid_utf8(title) || title.size() > 300)
    errors.push_back(
        {"title", "paq.title_invalid", "title : 300 caractères au plus, en UTF-8 valide."});
  if (in.description.size() > 10000 || !valid_utf8(in.description))
    errors.push_back({"description", "paq.description_invalid",
                      "description : 10 000 caractères au plus, en UTF-8 valide."});
  if (in.owner.size() > 200 || !valid_utf8(in.owner))
    errors.push_back({"owner", "paq.owner_invalid", "owner : 200 caractères au plus."});
  if (in.due && in.due->year() < std::chrono::year(2000))
    errors.push_back({"due", "paq.due_invalid", "due : échéance invalide."});
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
        use(source), use(a.source_ref), use(a.owner), use(due, due_ind), use(priority),
        use(status), use(cyber), use(a.created_at), use(a.created_by), use(a.updated_at),
        use(updated_on), into(id);
  } else {
    sql << insert, use(est_id), use(a.title), use(a.description), use(source),
        use(a.source_ref), use(a.owner), use(due, due_ind), use(priority), use(status),
        use(cyber), use(a.created_at), use(a.created_by), use(a.updated_at), use(updated_on);
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
  soci::transaction tr(*s);
  auto a = create_in(*s, est, in, today, actor);
  tr.commit();
  return a;
}

std::vector<Action> Repository::list(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  long long est_id = est.id;
  auto s = db_.lease();
  return query(*s,
               "WHERE establishment_id = :e ORDER BY CASE WHEN due_date IS NULL THEN 1 ELSE 0 "
               "END, due_date, id",
               [&](soci::statement& st) { st.exchange(use(est_id)); });
}

Action Repository::get(const Scope& scope, const std::string& finess, std::int64_t id) {
  auto est = visible(scope, finess);
  long long est_id = est.id, aid = id;
  auto s = db_.lease();
  auto found = query(*s, "WHERE id = :id AND establishment_id = :e", [&](soci::statement& st) {
    st.exchange(use(aid));
    st.exchange(use(est_id));
  });
  if (found.empty()) throw UserError::not_found("Action introuvable.");
  Action a = found.front();
  Note n;
  soci::statement st(*s);
  long long nid = 0;
  st.exchange(into(nid));
  st.exchange(into(n.note));
  st.exchange(into(n.created_at));
  st.exchange(into(n.created_by));
  st.exchange(use(aid));
  st.alloc();
  st.prepare(
      "SELECT id, note, created_at, created_by FROM paq_notes WHERE action_id = :a ORDER BY id");
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      n.id = nid;
      a.notes.push_back(n);
    } while (st.fetch());
  }
  return a;
}

std::vector<Action> Repository::by_source_ref(soci::session& sql, std::int64_t establishment_id,
                                              const std::string& prefix) {
  long long est_id = establishment_id;
  std::string pattern = prefix + "%";
  return query(sql, "WHERE establishment_id = :e AND source_ref LIKE :p ORDER BY id",
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
