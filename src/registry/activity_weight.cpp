#include "registry/activity_weight.hpp"

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/errors.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/scope_generation.hpp"
#include "store/transaction.hpp"

namespace carepilot::registry {

using soci::into;
using soci::use;

namespace {

UserError invalid_weight() {
  return UserError::invalid({{kActivityWeightField, "registry.activity_weight_invalid",
                              "activity_weight : saisissez un nombre positif ou nul (par "
                              "exemple 125 000 000)."}});
}

}  // namespace

void check_activity_weight(double weight) {
  if (!std::isfinite(weight)) throw invalid_weight();
  if (weight < 0)
    throw UserError::invalid({{kActivityWeightField, "registry.activity_weight_negative",
                               "activity_weight : le poids d'activité ne peut pas être "
                               "négatif."}});
}

double parse_activity_weight(std::string_view text) {
  std::string t;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ') continue;
    // U+00A0 and U+202F (the French thousands separators) in UTF-8.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0xAF) {
      i += 2;
      continue;
    }
    t += c == ',' ? '.' : static_cast<char>(c);
  }
  if (t.empty() || t.find_first_not_of("0123456789.-") != std::string::npos ||
      t.find('-', 1) != std::string::npos)
    throw invalid_weight();
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size()) throw invalid_weight();
  check_activity_weight(v);
  return v;
}

std::map<std::int64_t, ActivityWeight> activity_weights(store::Database& db,
                                                        const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, ActivityWeight> out;
  if (ids.empty()) return out;
  std::ostringstream in;
  for (std::size_t i = 0; i < ids.size(); ++i) in << (i ? "," : "") << ids[i];
  auto s = db.lease();
  ActivityWeight w;
  long long id = 0;
  soci::statement st =
      (s->prepare << "SELECT establishment_id, weight, measure, updated_at, updated_by FROM "
                     "establishment_activity_weights WHERE establishment_id IN (" +
                         in.str() + ")",
       into(id), into(w.weight), into(w.measure), into(w.updated_at), into(w.updated_by));
  st.execute();
  while (st.fetch()) {
    w.establishment_id = id;
    out[id] = w;
  }
  return out;
}

ActivityWeight set_activity_weight(store::Database& db, Repository& registry, const Scope& scope,
                                   const std::string& finess, double weight,
                                   const std::string& measure, const Actor& actor) {
  const auto e = registry.visible(scope, finess);  // 404 outside the scope
  check_activity_weight(weight);
  const auto before = activity_weights(db, {e.id});
  ActivityWeight w;
  w.establishment_id = e.id;
  w.weight = weight;
  w.measure = measure;
  w.updated_at = store::now_utc_iso();
  w.updated_by = actor.user;
  auto s = db.lease();
  store::Transaction tr(*s);
  long long id = e.id;
  *s << "DELETE FROM establishment_activity_weights WHERE establishment_id = :e", use(id);
  *s << "INSERT INTO establishment_activity_weights (establishment_id, weight, measure, "
        "updated_at, updated_by) VALUES (:e, :w, :m, :at, :by)",
      use(id), use(w.weight), use(w.measure), use(w.updated_at), use(w.updated_by);
  using nlohmann::json;
  std::string was;
  if (auto it = before.find(e.id); it != before.end())
    was = json{{"weight", it->second.weight}, {"measure", it->second.measure}}.dump();
  store::append_audit(*s, actor,
                      {was.empty() ? "create" : "update", "activity_weight", e.finess_et, e.id,
                       e.region_code, "Poids d'activité de l'établissement " + e.finess_et, was,
                       json{{"weight", w.weight}, {"measure", w.measure}}.dump()});
  store::bump_scope_generations(*s, store::establishment_scope_keys(e.id, e.region_code, e.ght_id));
  tr.commit();
  return w;
}

}  // namespace carepilot::registry
