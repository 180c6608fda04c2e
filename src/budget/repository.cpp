#include "budget/repository.hpp"
#include "store/transaction.hpp"

#include <nlohmann/json.hpp>

#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/withdrawal.hpp"

namespace carepilot::budget {

using nlohmann::json;
using soci::into;
using soci::use;

namespace {

// The current declarations (`withdrawn` false) or the withdrawn ones, of one year or all.
std::vector<Declaration> query(soci::session& sql, long long est_id, std::optional<int> year,
                               bool withdrawn = false) {
  Declaration d;
  long long id = 0, total = 0, digital = 0, cyber = 0;
  int y = 0, wanted = year.value_or(0);
  std::string on;
  soci::statement st(sql);
  st.exchange(into(id));
  st.exchange(into(y));
  st.exchange(into(total));
  st.exchange(into(digital));
  st.exchange(into(cyber));
  st.exchange(into(on));
  st.exchange(into(d.updated_at));
  st.exchange(into(d.updated_by));
  st.exchange(into(d.withdrawal.at));
  st.exchange(into(d.withdrawal.by));
  st.exchange(into(d.withdrawal.reason));
  st.exchange(use(est_id));
  if (year) st.exchange(use(wanted));
  st.alloc();
  st.prepare(std::string("SELECT id, year, total_cents, digital_cents, cyber_cents, declared_on, "
                         "updated_at, updated_by, ") +
             store::withdrawal_columns() + " FROM budget_declarations WHERE establishment_id = :e" +
             (year ? " AND year = :y" : "") +
             (withdrawn ? " AND withdrawn_at IS NOT NULL ORDER BY withdrawn_at DESC, id DESC"
                        : " AND withdrawn_at IS NULL ORDER BY year"));
  st.define_and_bind();
  std::vector<Declaration> out;
  if (st.execute(true)) {
    do {
      d.id = id;
      d.year = y;
      d.total_cents = total;
      d.digital_cents = digital;
      d.cyber_cents = cyber;
      d.declared_on = parse_date(on).value_or(Date{});
      out.push_back(d);
    } while (st.fetch());
  }
  return out;
}

double euros(std::int64_t cents) {
  return static_cast<double>(cents) / 100.0;
}

json audit_json(const Declaration& d) {
  return {{"year", d.year},
          {"total_cents", d.total_cents},
          {"digital_cents", d.digital_cents},
          {"cyber_cents", d.cyber_cents},
          {"declared_on", format_date(d.declared_on)}};
}

}  // namespace

registry::Establishment Repository::visible(const Scope& scope, const std::string& finess) {
  return registry_.visible(scope, finess);
}

std::vector<Declaration> Repository::list(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  return query(*s, est.id, std::nullopt);
}

std::optional<Declaration> Repository::get(const Scope& scope, const std::string& finess,
                                           int year) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  auto found = query(*s, est.id, year);
  if (found.empty()) return std::nullopt;
  return found.front();
}

Repository::Saved Repository::save(const Scope& scope, const std::string& finess, const Input& in,
                                   const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto errors = check(in, today);
  if (!errors.empty()) throw UserError::invalid(errors);
  Declaration d;
  d.year = in.year;
  d.total_cents = *in.total_cents;
  d.digital_cents = *in.digital_cents;
  d.cyber_cents = *in.cyber_cents;
  d.declared_on = in.declared_on.value_or(today);
  d.updated_at = store::now_utc_iso();
  d.updated_by = actor.user;
  long long est_id = est.id, total = d.total_cents, digital = d.digital_cents,
            cyber = d.cyber_cents, id = 0;
  int year = d.year;
  std::string on = format_date(d.declared_on);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto before = query(*s, est.id, year);
  Saved out;
  out.created = before.empty();
  if (out.created) {
    const char* insert =
        "INSERT INTO budget_declarations (establishment_id, year, total_cents, digital_cents, "
        "cyber_cents, declared_on, updated_at, updated_by) VALUES (:e, :y, :t, :d, :c, :o, :ua, "
        ":ub)";
    if (s->get_backend_name() == "postgresql") {
      *s << std::string(insert) + " RETURNING id", use(est_id), use(year), use(total), use(digital),
          use(cyber), use(on), use(d.updated_at), use(d.updated_by), into(id);
    } else {
      *s << insert, use(est_id), use(year), use(total), use(digital), use(cyber), use(on),
          use(d.updated_at), use(d.updated_by);
      *s << "SELECT last_insert_rowid()", into(id);
    }
  } else {
    id = before.front().id;
    *s << "UPDATE budget_declarations SET total_cents = :t, digital_cents = :d, cyber_cents = "
          ":c, declared_on = :o, updated_at = :ua, updated_by = :ub WHERE id = :id AND "
          "establishment_id = :e",
        use(total), use(digital), use(cyber), use(on), use(d.updated_at), use(d.updated_by),
        use(id), use(est_id);
  }
  d.id = id;
  store::append_audit(*s, actor,
                      {out.created ? "create" : "update", "budget_declaration",
                       std::to_string(year), est.id, est.region_code,
                       std::string(out.created ? "Budget déclaré pour " : "Budget modifié pour ") +
                           std::to_string(year) + " : part numérique et cybersécurité " +
                           french_percent(shares(d).combined_permille),
                       out.created ? "" : audit_json(before.front()).dump(), audit_json(d).dump()});
  json record{{"type", "budget_declaration"},
              {"date", on},
              {"year", year},
              {"total_eur", euros(d.total_cents)},
              {"digital_eur", euros(d.digital_cents)},
              {"cyber_eur", euros(d.cyber_cents)}};
  evidence_.emit(*s, est, "budget_declaration:" + std::to_string(year), record, today, actor);
  tr.commit();
  out.declaration = d;
  return out;
}

Declaration Repository::withdraw(const Scope& scope, const std::string& finess, int year,
                                 const std::string& reason, const Date& today, const Actor& actor) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  store::Transaction tr(*s);
  auto before = query(*s, est.id, year);
  if (before.empty()) throw UserError::not_found("Aucune déclaration de budget pour cette année.");
  const std::string why =
      checked_withdrawal_reason(reason, "budget", "cette déclaration de budget est retirée");
  Declaration d = before.front();
  d.withdrawal = store::mark_withdrawn(*s, "budget_declarations", d.id, est.id, why, actor.user);
  json after = audit_json(d);
  after["withdrawn_at"] = d.withdrawal.at;
  after["reason"] = why;
  store::append_audit(
      *s, actor,
      {"withdraw", "budget_declaration", std::to_string(year), est.id, est.region_code,
       "Déclaration de budget retirée : " + std::to_string(year) + " — motif : " + why,
       audit_json(before.front()).dump(), after.dump()});
  evidence_.emit(*s, est, "budget_declaration:" + std::to_string(year), std::nullopt, today, actor,
                 "déclaration de budget retirée : " + why);
  tr.commit();
  return d;
}

std::vector<Declaration> Repository::withdrawn(const Scope& scope, const std::string& finess) {
  auto est = visible(scope, finess);
  auto s = db_.lease();
  return query(*s, est.id, std::nullopt, true);
}

}  // namespace carepilot::budget
