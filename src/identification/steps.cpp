#include "identification/steps.hpp"

#include "common/export.hpp"
#include "common/french.hpp"
#include "common/labels.hpp"
#include "common/record_labels.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/rows.hpp"
#include "store/transaction.hpp"

namespace carepilot::identification {

using nlohmann::json;
using soci::indicator;
using soci::into;
using soci::use;

namespace {

constexpr std::size_t kMaxTitle = 300, kMaxOwner = 200;

std::string ref_of(std::int64_t id) {
  return "identification:" + std::to_string(id);
}

json step_audit(const Step& s) {
  return {{"title", s.title},
          {"owner", s.owner},
          {"due", format_date(s.due)},
          {"done_on", s.done_on ? json(format_date(*s.done_on)) : json(nullptr)}};
}

}  // namespace

void Steps::validate(const StepInput& in, const Date& today) {
  std::vector<FieldError> errors = in.format_errors;
  auto has = [&](const char* f) {
    for (const auto& e : errors)
      if (e.field == f) return true;
    return false;
  };
  if (in.title.empty())
    errors.push_back({"title", "identification.title_required", "title : intitulé requis."});
  else if (characters(in.title) > kMaxTitle)
    errors.push_back({"title", "identification.title_too_long",
                      "title : " + french_integer(kMaxTitle) + " caractères au plus."});
  if (characters(in.owner) > kMaxOwner)
    errors.push_back({"owner", "identification.owner_too_long",
                      "owner : " + french_integer(kMaxOwner) + " caractères au plus."});
  if (!in.due && !has("due"))
    errors.push_back({"due", "identification.due_required", "due : date requise."});
  // A step still to do cannot be planned for a day gone by (issue 16, « Bad input »).
  if (in.due && !in.done_on && !has("done_on") && *in.due < today)
    errors.push_back({"due", "identification.due_past",
                      "due : le " + exports::french_date(*in.due) +
                          " est passé ; une étape non réalisée se planifie à partir "
                          "d'aujourd'hui (ou indiquez sa date de réalisation)."});
  if (in.done_on && *in.done_on > today)
    errors.push_back({"done_on", "identification.done_on_future",
                      "done_on : une étape ne peut être réalisée après aujourd'hui."});
  if (!errors.empty()) throw refused(std::move(errors), {"title", "owner", "due", "done_on"});
}

std::vector<Step> Steps::load(soci::session& sql, std::int64_t est_id) {
  std::vector<Step> out;
  long long e = est_id;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT id, title, owner, due, done_on, updated_at, updated_by FROM "
                      "mie_steps WHERE establishment_id = :e ORDER BY due, id",
       use(e));
  for (const auto& r : rs) {
    Step s;
    s.id = store::row_int(r, 0);
    s.title = r.get<std::string>(1);
    s.owner = r.get<std::string>(2);
    s.due = parse_date(r.get<std::string>(3)).value_or(Date{});
    if (r.get_indicator(4) == soci::i_ok) s.done_on = parse_date(r.get<std::string>(4));
    s.updated_at = r.get<std::string>(5);
    s.updated_by = r.get<std::string>(6);
    out.push_back(std::move(s));
  }
  for (const auto& a : paq_.by_source_ref(sql, est_id, "identification:"))
    for (auto& s : out)
      if (a.source_ref == ref_of(s.id)) s.paq_action_id = a.id;
  return out;
}

std::vector<Step> Steps::list(const Scope& scope, const std::string& finess) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  return load(*s, est.id);
}

Step Steps::add(const Scope& scope, const std::string& finess, const StepInput& in,
                const Date& today, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  validate(in, today);
  auto s = db_.lease();
  store::Transaction tr(*s);
  Step step;
  step.title = in.title;
  step.owner = in.owner;
  step.due = *in.due;
  step.done_on = in.done_on;
  step.updated_at = store::now_utc_iso();
  step.updated_by = actor.user;
  long long e = est.id, id = 0;
  std::string due = format_date(step.due), done = step.done_on ? format_date(*step.done_on) : "";
  indicator done_ind = step.done_on ? soci::i_ok : soci::i_null;
  id = store::insert_returning(
      *s,
      "INSERT INTO mie_steps (establishment_id, title, owner, due, done_on, created_at, "
      "created_by, updated_at, updated_by) VALUES (:e, :t, :o, :d, :x, :ca, :cb, :ua, :ub)",
      [&](soci::statement& st) {
        st.exchange(use(e));
        st.exchange(use(step.title));
        st.exchange(use(step.owner));
        st.exchange(use(due));
        st.exchange(use(done, done_ind));
        st.exchange(use(step.updated_at));
        st.exchange(use(step.updated_by));
        st.exchange(use(step.updated_at));
        st.exchange(use(step.updated_by));
      });
  step.id = id;
  store::append_audit(*s, actor,
                      {"create", "mie_step", std::to_string(step.id), est.id, est.region_code,
                       "Étape de la trajectoire d'identification ajoutée : " + step.title, "",
                       step_audit(step).dump()});
  tr.commit();
  return step;
}

Step Steps::update(const Scope& scope, const std::string& finess, std::int64_t id,
                   const StepInput& in, const Date& today, const Actor& actor) {
  auto est = registry_.visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  std::optional<Step> before;
  for (auto& x : load(*s, est.id))
    if (x.id == id) before = x;
  if (!before) throw UserError::not_found("Cette étape n'existe pas.");
  validate(in, today);
  Step step = *before;
  step.title = in.title;
  step.owner = in.owner;
  step.due = *in.due;
  step.done_on = in.done_on;
  step.updated_at = store::now_utc_iso();
  step.updated_by = actor.user;
  long long i = id, e = est.id;
  std::string due = format_date(step.due), done = step.done_on ? format_date(*step.done_on) : "";
  indicator done_ind = step.done_on ? soci::i_ok : soci::i_null;
  *s << "UPDATE mie_steps SET title = :t, owner = :o, due = :d, done_on = :x, updated_at = :ua, "
        "updated_by = :ub WHERE id = :i AND establishment_id = :e",
      use(step.title), use(step.owner), use(due), use(done, done_ind), use(step.updated_at),
      use(step.updated_by), use(i), use(e);
  store::append_audit(*s, actor,
                      {"update", "mie_step", std::to_string(step.id), est.id, est.region_code,
                       "Étape de la trajectoire d'identification modifiée : " + step.title,
                       step_audit(*before).dump(), step_audit(step).dump()});
  tr.commit();
  return step;
}

paq::Action Steps::send_to_paq(const Scope& scope, const std::string& finess, std::int64_t id,
                               const Date& today, const Actor& actor, bool* created) {
  auto est = registry_.visible(scope, finess);
  std::optional<Step> step;
  {
    auto s = db_.lease();
    for (auto& x : load(*s, est.id))
      if (x.id == id) step = x;
  }
  if (!step) throw UserError::not_found("Cette étape n'existe pas.");
  paq::ActionInput in;
  in.title = "Identification électronique : " + step->title;
  // 300 characters at most, cut between characters (never inside an « é »).
  std::size_t kept = 0, at = 0;
  for (; at < in.title.size(); ++at)
    if ((static_cast<unsigned char>(in.title[at]) & 0xC0) != 0x80 && kept++ == 300) break;
  in.title.resize(at);
  in.description =
      "Étape de la trajectoire de sécurisation des moyens d'identification "
      "électronique des professionnels (instruction DNS/2025/12, action 6), "
      "prévue pour le " +
      exports::french_date(step->due) + ".";
  in.source = paq::Source::identification;
  in.source_ref = ref_of(step->id);
  in.owner = step->owner.empty() ? "RSSI" : step->owner;
  // The step's own due date, unless gone by (a done step): the PAQ refuses no date here.
  in.due = step->due < today ? today : step->due;
  in.priority = paq::Priority::high;
  in.cyber = true;
  return paq_.create_once(est, in, today, actor, created);
}

}  // namespace carepilot::identification
