#include "training/repository.hpp"
#include "store/transaction.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "common/french.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/withdrawal.hpp"

namespace carepilot::training {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

std::vector<Coverage> load_years(soci::session& sql, long long est_id, std::optional<int> year) {
  std::vector<Coverage> out;
  {
    Coverage c;
    long long id = 0;
    int y = 0, wanted = year.value_or(0);
    std::string on;
    soci::statement st(sql);
    st.exchange(into(id));
    st.exchange(into(y));
    st.exchange(into(on));
    st.exchange(into(c.updated_at));
    st.exchange(into(c.updated_by));
    st.exchange(use(est_id));
    if (year) st.exchange(use(wanted));
    st.alloc();
    st.prepare(std::string("SELECT id, year, recorded_on, updated_at, updated_by FROM "
                           "training_years WHERE establishment_id = :e") +
               (year ? " AND year = :y" : "") + " ORDER BY year");
    st.define_and_bind();
    if (st.execute(true)) {
      do {
        c.id = id;
        c.year = y;
        c.recorded_on = parse_date(on).value_or(Date{});
        out.push_back(c);
      } while (st.fetch());
    }
  }
  if (out.empty()) return out;
  std::map<long long, std::size_t> index;
  for (std::size_t i = 0; i < out.size(); ++i) index[out[i].id] = i;
  Category cat;
  long long year_id = 0;
  int wanted = year.value_or(0);
  soci::statement st(sql);
  st.exchange(into(year_id));
  st.exchange(into(cat.name));
  st.exchange(into(cat.headcount));
  st.exchange(into(cat.trained));
  st.exchange(into(cat.trained_initial));
  st.exchange(into(cat.trained_continuing));
  st.exchange(use(est_id));
  if (year) st.exchange(use(wanted));
  st.alloc();
  st.prepare(std::string("SELECT c.year_id, c.name, c.headcount, c.trained, c.trained_initial, "
                         "c.trained_continuing FROM training_categories c JOIN training_years y "
                         "ON y.id = c.year_id WHERE y.establishment_id = :e") +
             (year ? " AND y.year = :y" : "") + " ORDER BY c.year_id, c.position");
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      auto it = index.find(year_id);
      if (it != index.end()) out[it->second].categories.push_back(cat);
    } while (st.fetch());
  }
  return out;
}

json coverage_audit(const Coverage& c) {
  json cats = json::array();
  for (const auto& x : c.categories)
    cats.push_back({{"name", x.name},
                    {"headcount", x.headcount},
                    {"trained", x.trained},
                    {"trained_initial", x.trained_initial},
                    {"trained_continuing", x.trained_continuing}});
  return {{"year", c.year}, {"recorded_on", format_date(c.recorded_on)}, {"categories", cats}};
}

// One campaign (withdrawn or not) when `only` is set; otherwise the current ones, or the
// withdrawn ones with `withdrawn`.
std::vector<Campaign> load_campaigns(soci::session& sql, long long est_id,
                                     std::optional<long long> only, bool withdrawn = false) {
  Campaign c;
  long long id = 0, wanted = only.value_or(0);
  std::string date, kind;
  int targeted = 0, participants = 0, sent = 0, clicks = 0, creds = 0, reports = 0;
  soci::indicator i_t, i_p, i_s, i_c, i_cr, i_r;
  soci::statement st(sql);
  st.exchange(into(id));
  st.exchange(into(date));
  st.exchange(into(c.title));
  st.exchange(into(kind));
  st.exchange(into(c.audience));
  st.exchange(into(targeted, i_t));
  st.exchange(into(participants, i_p));
  st.exchange(into(sent, i_s));
  st.exchange(into(clicks, i_c));
  st.exchange(into(creds, i_cr));
  st.exchange(into(reports, i_r));
  st.exchange(into(c.created_at));
  st.exchange(into(c.created_by));
  st.exchange(into(c.withdrawal.at));
  st.exchange(into(c.withdrawal.by));
  st.exchange(into(c.withdrawal.reason));
  st.exchange(use(est_id));
  if (only) st.exchange(use(wanted));
  st.alloc();
  st.prepare(std::string("SELECT id, date, title, kind, audience, targeted, participants, "
                         "emails_sent, clicks, credentials, reports, created_at, created_by, ") +
             store::withdrawal_columns() + " FROM training_campaigns WHERE establishment_id = :e" +
             (only        ? " AND id = :id"
              : withdrawn ? " AND withdrawn_at IS NOT NULL"
                          : " AND withdrawn_at IS NULL") +
             " ORDER BY date DESC, id DESC");
  st.define_and_bind();
  std::vector<Campaign> out;
  auto opt = [](int v, soci::indicator i) {
    return i == soci::i_ok ? std::optional<int>(v) : std::nullopt;
  };
  if (st.execute(true)) {
    do {
      c.id = id;
      c.date = parse_date(date).value_or(Date{});
      c.kind = parse_kind(kind).value_or(CampaignKind::other);
      c.targeted = opt(targeted, i_t);
      c.participants = opt(participants, i_p);
      c.emails_sent = opt(sent, i_s);
      c.clicks = opt(clicks, i_c);
      c.credentials = opt(creds, i_cr);
      c.reports = opt(reports, i_r);
      out.push_back(c);
    } while (st.fetch());
  }
  return out;
}

json campaign_audit(const Campaign& c) {
  auto o = [](const std::optional<int>& v) { return v ? json(*v) : json(nullptr); };
  return {{"id", c.id},
          {"date", format_date(c.date)},
          {"title", c.title},
          {"kind", kind_name(c.kind)},
          {"audience", c.audience},
          {"targeted", o(c.targeted)},
          {"participants", o(c.participants)},
          {"emails_sent", o(c.emails_sent)},
          {"clicks", o(c.clicks)},
          {"credentials", o(c.credentials)},
          {"reports", o(c.reports)}};
}

}  // namespace

registry::Establishment Repository::visible(const Scope& scope, const std::string& finess) {
  return registry_.visible(scope, finess);
}

std::vector<Coverage> Repository::years(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  return load_years(*s, est.id, std::nullopt);
}

std::optional<Coverage> Repository::year(const Scope& scope, const std::string& finess, int year) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  auto found = load_years(*s, est.id, year);
  if (found.empty()) return std::nullopt;
  return found.front();
}

Repository::Saved Repository::save(const Scope& scope, const std::string& finess,
                                   const CoverageInput& in, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto errors = check(in, today);
  if (!errors.empty()) throw UserError::invalid(errors);
  Coverage c;
  c.year = in.year;
  c.categories = in.categories;
  Date year_end{std::chrono::year(in.year), std::chrono::December, std::chrono::day(31)};
  c.recorded_on = year_end < today ? year_end : today;
  c.updated_at = store::now_utc_iso();
  c.updated_by = actor.user;
  long long est_id = est.id, id = 0;
  int year = c.year;
  std::string on = format_date(c.recorded_on);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto before = load_years(*s, est.id, year);
  Saved out;
  out.created = before.empty();
  if (out.created) {
    const char* insert =
        "INSERT INTO training_years (establishment_id, year, recorded_on, updated_at, "
        "updated_by) VALUES (:e, :y, :o, :ua, :ub)";
    if (s->get_backend_name() == "postgresql") {
      *s << std::string(insert) + " RETURNING id", use(est_id), use(year), use(on),
          use(c.updated_at), use(c.updated_by), into(id);
    } else {
      *s << insert, use(est_id), use(year), use(on), use(c.updated_at), use(c.updated_by);
      *s << "SELECT last_insert_rowid()", into(id);
    }
  } else {
    id = before.front().id;
    *s << "UPDATE training_years SET recorded_on = :o, updated_at = :ua, updated_by = :ub "
          "WHERE id = :id AND establishment_id = :e",
        use(on), use(c.updated_at), use(c.updated_by), use(id), use(est_id);
    *s << "DELETE FROM training_categories WHERE year_id = :id", use(id);
  }
  c.id = id;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    const auto& x = c.categories[i];
    int pos = static_cast<int>(i), hc = x.headcount, tr_ = x.trained, ini = x.trained_initial,
        cont = x.trained_continuing;
    std::string name = x.name;
    *s << "INSERT INTO training_categories (year_id, position, name, headcount, trained, "
          "trained_initial, trained_continuing) VALUES (:y, :p, :n, :h, :t, :i, :c)",
        use(id), use(pos), use(name), use(hc), use(tr_), use(ini), use(cont);
  }
  store::append_audit(
      *s, actor,
      {out.created ? "create" : "update", "training_coverage", std::to_string(year), est.id,
       est.region_code,
       "Couverture de formation " + std::to_string(year) + " : " +
           plural(c.trained(), "personne formée", "personnes formées") + " sur " +
           french_integer(c.staff()) + " (" + french_percent(share_trained(c)) + ")",
       out.created ? "" : coverage_audit(before.front()).dump(), coverage_audit(c).dump()});
  json record{
      {"type", "training_coverage"}, {"date", on}, {"staff", c.staff()}, {"trained", c.trained()}};
  evidence_.emit(*s, est, "training_coverage:" + std::to_string(year), record, today, actor);
  tr.commit();
  out.coverage = c;
  return out;
}

std::vector<Campaign> Repository::campaigns(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  return load_campaigns(*s, est.id, std::nullopt);
}

Campaign Repository::add_campaign(const Scope& scope, const std::string& finess,
                                  const CampaignInput& in, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto errors = check(in, today);
  if (!errors.empty()) throw UserError::invalid(errors);
  Campaign c = in.campaign;
  c.created_at = store::now_utc_iso();
  c.created_by = actor.user;
  long long est_id = est.id, id = 0;
  std::string date = format_date(c.date), kind(kind_name(c.kind));
  auto val = [](const std::optional<int>& v) { return v.value_or(0); };
  auto ind = [](const std::optional<int>& v) { return v ? soci::i_ok : soci::i_null; };
  int t = val(c.targeted), p = val(c.participants), se = val(c.emails_sent), cl = val(c.clicks),
      cr = val(c.credentials), re = val(c.reports);
  soci::indicator it = ind(c.targeted), ip = ind(c.participants), is = ind(c.emails_sent),
                  ic = ind(c.clicks), icr = ind(c.credentials), ir = ind(c.reports);
  auto s = db_.lease();
  store::Transaction tr(*s);
  const char* insert =
      "INSERT INTO training_campaigns (establishment_id, date, title, kind, audience, targeted, "
      "participants, emails_sent, clicks, credentials, reports, created_at, created_by) VALUES "
      "(:e, :d, :t, :k, :a, :tg, :p, :s, :c, :cr, :r, :ca, :cb)";
  if (s->get_backend_name() == "postgresql") {
    *s << std::string(insert) + " RETURNING id", use(est_id), use(date), use(c.title), use(kind),
        use(c.audience), use(t, it), use(p, ip), use(se, is), use(cl, ic), use(cr, icr),
        use(re, ir), use(c.created_at), use(c.created_by), into(id);
  } else {
    *s << insert, use(est_id), use(date), use(c.title), use(kind), use(c.audience), use(t, it),
        use(p, ip), use(se, is), use(cl, ic), use(cr, icr), use(re, ir), use(c.created_at),
        use(c.created_by);
    *s << "SELECT last_insert_rowid()", into(id);
  }
  c.id = id;
  store::append_audit(
      *s, actor,
      {"create", "training_campaign", std::to_string(id), est.id, est.region_code,
       "Campagne de sensibilisation ajoutée : " + c.title, "", campaign_audit(c).dump()});
  tr.commit();
  return c;
}

Campaign Repository::withdraw_campaign(const Scope& scope, const std::string& finess,
                                       std::int64_t id, const std::string& reason,
                                       const Actor& actor) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto found = load_campaigns(*s, est.id, id);
  if (found.empty()) throw UserError::not_found("Campagne introuvable.");
  Campaign c = found.front();
  if (c.withdrawal.withdrawn())
    throw UserError(409, "training.withdrawn", "Cette campagne a déjà été retirée.");
  const std::string why =
      checked_withdrawal_reason(reason, "training", "cette campagne est retirée");
  c.withdrawal = store::mark_withdrawn(*s, "training_campaigns", c.id, est.id, why, actor.user);
  json after = campaign_audit(c);
  after["withdrawn_at"] = c.withdrawal.at;
  after["reason"] = why;
  store::append_audit(*s, actor,
                      {"withdraw", "training_campaign", std::to_string(id), est.id, est.region_code,
                       "Campagne de sensibilisation retirée : " + c.title + " — motif : " + why,
                       campaign_audit(found.front()).dump(), after.dump()});
  tr.commit();
  return c;
}

std::optional<evidence::Record> Repository::counted_coverage(const Scope& scope,
                                                             const std::string& finess,
                                                             const Date& as_of) {
  std::optional<evidence::Record> out;
  for (auto& r : evidence_.list(scope, finess))  // by date then id
    if (r.type == "training_coverage" && r.date <= as_of) out = std::move(r);
  return out;
}

Campaign Repository::campaign(const Scope& scope, const std::string& finess, std::int64_t id) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  auto found = load_campaigns(*s, est.id, id);
  if (found.empty()) throw UserError::not_found("Campagne introuvable.");
  return found.front();
}

std::vector<Campaign> Repository::withdrawn_campaigns(const Scope& scope,
                                                      const std::string& finess) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  return load_campaigns(*s, est.id, std::nullopt, true);
}

}  // namespace carepilot::training
