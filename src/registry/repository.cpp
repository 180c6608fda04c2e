#include "registry/repository.hpp"
#include "store/scope_generation.hpp"
#include "store/transaction.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/collate.hpp"
#include "common/text.hpp"
#include "registry/json.hpp"
#include "registry/validation.hpp"
#include "store/audit_log.hpp"
#include "store/clock.hpp"
#include "store/scope_filter.hpp"

namespace carepilot::registry {

using soci::into;
using soci::use;

namespace {

std::string input_json(const EstablishmentInput& in) {
  nlohmann::json j{{"finess_et", in.finess_et}, {"finess_ej", in.finess_ej},   {"name", in.name},
                   {"type", in.type},           {"department", in.department}, {"city", in.city},
                   {"services", in.services},   {"is_demo", in.is_demo}};
  j["ght_id"] = in.ght_id ? nlohmann::json(*in.ght_id) : nlohmann::json(nullptr);
  return j.dump();
}

// The audit entry of an establishment written in `s`'s transaction (after the write).
void audit_establishment(soci::session& s, const Actor& actor, const char* action,
                         const EstablishmentInput& in, const std::string& before) {
  long long id = 0;
  std::string region;
  s << "SELECT id, region_code FROM establishments WHERE finess_et = :f", into(id), into(region),
      use(in.finess_et);
  store::append_audit(
      s, actor,
      {action, "establishment", in.finess_et, id, region,
       std::string(std::string_view(action) == "create" ? "Établissement créé : "
                                                        : "Établissement modifié : ") +
           in.name,
       before, input_json(in)});
}

constexpr const char* kColumns =
    "SELECT e.id, e.finess_et, e.finess_ej, e.name, e.category, e.type, e.region_code, "
    "e.department, e.city, e.ght_id, e.is_demo, e.created_at, e.updated_at FROM establishments e ";

// Binds the 13 columns of kColumns into a row holder.
struct Row {
  Establishment e;
  long long id = 0, ght = 0;
  int demo = 0;
  soci::indicator ght_ind = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(into(id));
    st.exchange(into(e.finess_et));
    st.exchange(into(e.finess_ej));
    st.exchange(into(e.name));
    st.exchange(into(e.category));
    st.exchange(into(e.type));
    st.exchange(into(e.region_code));
    st.exchange(into(e.department));
    st.exchange(into(e.city));
    st.exchange(into(ght, ght_ind));
    st.exchange(into(demo));
    st.exchange(into(e.created_at));
    st.exchange(into(e.updated_at));
  }
  Establishment take() {
    e.id = id;
    e.ght_id = ght_ind == soci::i_ok ? std::optional<std::int64_t>(ght) : std::nullopt;
    e.is_demo = demo != 0;
    return e;
  }
};

bool is_unique_violation(const soci::soci_error& e) {
  std::string m = e.what();
  return m.find("UNIQUE") != std::string::npos || m.find("unique") != std::string::npos ||
         m.find("duplicate key") != std::string::npos;
}

UserError duplicate_finess(const std::string& f) {
  return UserError(
      409, "establishment.duplicate_finess",
      "Un établissement avec le numéro FINESS " + f + " existe déjà.",
      {{"finess_et", "establishment.duplicate_finess", "Numéro FINESS déjà utilisé."}});
}

}  // namespace

std::map<std::int64_t, LateSummary> Repository::late_summaries(
    const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, LateSummary> out;
  if (ids.empty()) return out;
  std::string list;  // integers only
  for (auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  auto s = db_.lease();
  long long id = 0;
  int overdue = 0, max_late = 0;
  soci::statement st(*s);
  st.exchange(into(id));
  st.exchange(into(overdue));
  st.exchange(into(max_late));
  st.alloc();
  st.prepare(
      "SELECT establishment_id, overdue, max_days_late FROM compliance_summary WHERE "
      "establishment_id IN (" +
      list + ")");
  st.define_and_bind();
  if (st.execute(true)) do
      out[id] = {overdue, max_late};
    while (st.fetch());
  return out;
}

Page<Establishment> Repository::list(const Scope& scope, const EstablishmentFilter& f) {
  Page<Establishment> page;
  page.per_page = std::clamp(f.per_page, 1, 200);
  page.page = std::max(1, f.page);
  store::ScopeFilter sb(scope);
  std::string q = fold_for_search(f.query);
  std::string q_like = "%" + like_escape(q) + "%";
  std::string q_prefix = like_escape(trim(f.query)) + "%";
  std::string region = f.region_code, type = f.type;
  long long ght = f.ght_id.value_or(0);
  std::string ej = f.finess_ej;
  std::string where =
      "WHERE (:q1 = '' OR e.name_search LIKE :q2 ESCAPE '\\' OR e.finess_et LIKE :q3 ESCAPE '\\'"
      " OR e.finess_ej LIKE :q4 ESCAPE '\\') AND (:r1 = '' OR e.region_code = :r2)"
      " AND (:g1 = 0 OR e.ght_id = :g2) AND (:t1 = '' OR e.type = :t2)"
      " AND (:ej1 = '' OR e.finess_ej = :ej2)"
      " AND (:lt = 0 OR EXISTS (SELECT 1 FROM compliance_summary cs WHERE cs.establishment_id ="
      " e.id AND cs.overdue > 0))" +
      std::string(store::kScopeFilterSql);
  int late = f.late_only ? 1 : 0;
  auto bind_where = [&](soci::statement& st) {
    st.exchange(use(q));
    st.exchange(use(q_like));
    st.exchange(use(q_prefix));
    st.exchange(use(q_prefix));
    st.exchange(use(region));
    st.exchange(use(region));
    st.exchange(use(ght));
    st.exchange(use(ght));
    st.exchange(use(type));
    st.exchange(use(type));
    st.exchange(use(ej));
    st.exchange(use(ej));
    st.exchange(use(late));
    sb.bind(st);
  };
  auto s = db_.lease();
  {
    soci::statement st(*s);
    long long total = 0;
    st.exchange(into(total));
    bind_where(st);
    st.alloc();
    st.prepare("SELECT COUNT(*) FROM establishments e " + where);
    st.define_and_bind();
    st.execute(true);
    page.total = total;
  }
  if (page.page > page.page_count()) page.page = page.page_count();
  long long limit = page.per_page, offset = static_cast<long long>(page.page - 1) * page.per_page;
  Row row;
  soci::statement st(*s);
  row.bind(st);
  bind_where(st);
  st.exchange(use(limit));
  st.exchange(use(offset));
  st.alloc();
  // The order comes from a fixed list, never from the request's text.
  static const std::map<std::string, std::string> orders{
      {"", "e.name_search, e.id"},
      {"name", "e.name_search, e.id"},
      {"-name", "e.name_search DESC, e.id"},
      {"finess_et", "e.finess_et"},
      {"-finess_et", "e.finess_et DESC"},
      {"updated_at", "e.updated_at, e.id"},
      {"-updated_at", "e.updated_at DESC, e.id"}};
  auto order = orders.find(f.sort);
  if (order == orders.end()) throw std::invalid_argument("unknown establishment sort");
  st.prepare(std::string(kColumns) + where + " ORDER BY " + order->second +
             " LIMIT :lim OFFSET :off");
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      page.items.push_back(row.take());
      row.ght_ind = soci::i_null;
    } while (st.fetch());
  }
  return page;
}

namespace {
// The establishment by FINESS within a scope, and its services: a hot path (every
// establishment page and API call), kept prepared per connection (store::Lease::prepared).
struct FindByFiness : store::Prepared {
  Row row;
  std::string finess;
  store::ScopeFilter filter{Scope::nation()};
  soci::statement st;
  FindByFiness(soci::session& s, const std::string& sql) : st(s) {
    row.bind(st);
    st.exchange(use(finess));
    filter.bind(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
  }
};
struct ServicesOf : store::Prepared {
  long long id = 0;
  std::string service;
  soci::statement st;
  ServicesOf(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, into(service), use(id))) {}
};
}  // namespace

std::optional<Establishment> Repository::find(const Scope& scope, const std::string& finess_et) {
  auto s = db_.lease();
  static const std::string sql =
      std::string(kColumns) + "WHERE e.finess_et = :f" + store::kScopeFilterSql;
  auto e = s.run<FindByFiness>(sql, [&](FindByFiness& q) -> std::optional<Establishment> {
    q.finess = finess_et;
    q.filter = store::ScopeFilter(scope);
    q.row.ght_ind = soci::i_null;
    if (!q.st.execute(true)) return std::nullopt;
    return q.row.take();
  });
  if (!e) return e;
  s.run<ServicesOf>(
      "SELECT service FROM establishment_services WHERE establishment_id = :id ORDER BY service",
      [&](ServicesOf& q) {
        q.id = e->id;
        q.st.execute();
        while (q.st.fetch()) e->services.push_back(q.service);
      });
  return e;
}

Establishment Repository::read_back(soci::session& s, const std::string& finess_et) {
  auto e = find_in(s, Scope::nation(), finess_et);
  if (!e) throw std::runtime_error("établissement introuvable après écriture : " + finess_et);
  return *e;
}

std::optional<Establishment> Repository::find_in(soci::session& sess, const Scope& scope,
                                                 const std::string& finess_et) {
  store::ScopeFilter sb(scope);
  soci::session* s = &sess;
  Row row;
  std::string f = finess_et;
  soci::statement st(*s);
  row.bind(st);
  st.exchange(use(f));
  sb.bind(st);
  st.alloc();
  st.prepare(std::string(kColumns) + "WHERE e.finess_et = :f" + store::kScopeFilterSql);
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  Establishment e = row.take();
  e.services = load_services(sess, e.id);
  return e;
}

Establishment Repository::visible(const Scope& scope, const std::string& finess_et) {
  auto e = find(scope, finess_et);
  if (!e)
    throw UserError::not_found(
        "Aucun établissement ne porte ce numéro FINESS dans votre périmètre.");
  return *e;
}

std::optional<Establishment> Repository::find_by_id(const Scope& scope, std::int64_t id) {
  std::string finess;
  {
    auto s = db_.lease();
    long long lid = id;
    soci::indicator ind = soci::i_null;
    *s << "SELECT finess_et FROM establishments WHERE id = :id", into(finess, ind), use(lid);
    if (ind != soci::i_ok) return std::nullopt;
  }
  return find(scope, finess);
}

std::vector<std::string> Repository::load_services(soci::session& s, std::int64_t id) {
  std::vector<std::string> out;
  std::string svc;
  long long lid = id;
  soci::statement st = (s.prepare << "SELECT service FROM establishment_services WHERE "
                                     "establishment_id = :id ORDER BY service",
                        into(svc), use(lid));
  st.execute();
  while (st.fetch()) out.push_back(svc);
  return out;
}

void Repository::write_services(soci::session& s, std::int64_t id,
                                const std::vector<std::string>& services) {
  long long lid = id;
  s << "DELETE FROM establishment_services WHERE establishment_id = :id", use(lid);
  for (const auto& svc : services)
    s << "INSERT INTO establishment_services(establishment_id, service) VALUES (:id, :s)", use(lid),
        use(svc);
}

bool Repository::ght_visible(const Scope& scope, const Ght& g) {
  switch (scope.level) {
    case Scope::Level::nation:
      return true;
    case Scope::Level::region:
      return g.region_code == scope.region_code;
    case Scope::Level::ght:
      return g.id == scope.ght_id;
    case Scope::Level::establishment: {
      auto e = find_by_id(scope, scope.establishment_id);
      return e && e->ght_id == g.id;
    }
  }
  return false;
}

void Repository::check_ght(const Scope& scope, EstablishmentInput& in) {
  if (!in.ght_id) return;
  auto g = ght(scope, *in.ght_id);
  if (!g) throw UserError::invalid({{"ght_id", "validation.unknown_ght", "GHT inconnu."}});
  const auto* dep = catalog_.department(in.department);
  if (dep && dep->region_code != g->region_code)
    throw UserError::invalid({{"ght_id", "validation.ght_region_mismatch",
                               "Le GHT choisi appartient à une autre région que le département."}});
}

namespace {
void check_in_scope(const Scope& scope, const Catalog& cat, const EstablishmentInput& in) {
  bool ok = true;
  switch (scope.level) {
    case Scope::Level::nation:
      break;
    case Scope::Level::region: {
      const auto* dep = cat.department(in.department);
      ok = dep && dep->region_code == scope.region_code;
      break;
    }
    case Scope::Level::ght:
      ok = in.ght_id && *in.ght_id == scope.ght_id;
      break;
    case Scope::Level::establishment:
      ok = false;
      break;
  }
  if (!ok)
    throw UserError(403, "scope.forbidden",
                    "Cet établissement sortirait de votre périmètre de responsabilité.");
}
}  // namespace

void Repository::upsert_in(soci::session& s, const EstablishmentInput& in) {
  const auto* dep = catalog_.department(in.department);
  const auto* type = catalog_.type(in.type);
  std::string now = store::now_utc_iso(), search = fold_for_search(in.name);
  std::string region = dep->region_code, category = type->category;
  long long ght = in.ght_id.value_or(0);
  soci::indicator ght_ind = in.ght_id ? soci::i_ok : soci::i_null;
  int demo = in.is_demo ? 1 : 0;
  long long id = 0;
  soci::indicator id_ind = soci::i_null;
  s << "SELECT id FROM establishments WHERE finess_et = :f", into(id, id_ind), use(in.finess_et);
  if (id_ind == soci::i_ok) {
    s << "UPDATE establishments SET finess_ej = :ej, name = :n, name_search = :ns, category = :c, "
         "type = :t, region_code = :r, department = :d, city = :ci, ght_id = :g, is_demo = :demo, "
         "updated_at = :u WHERE id = :id",
        use(in.finess_ej), use(in.name), use(search), use(category), use(in.type), use(region),
        use(in.department), use(in.city), use(ght, ght_ind), use(demo), use(now), use(id);
  } else {
    s << "INSERT INTO establishments(finess_et, finess_ej, name, name_search, category, type, "
         "region_code, department, city, ght_id, is_demo, created_at, updated_at) VALUES (:f, "
         ":ej, :n, :ns, :c, :t, :r, :d, :ci, :g, :demo, :cr, :u) RETURNING id",
        use(in.finess_et), use(in.finess_ej), use(in.name), use(search), use(category),
        use(in.type), use(region), use(in.department), use(in.city), use(ght, ght_ind), use(demo),
        use(now), use(now), into(id);
  }
  write_services(s, id, in.services);
}

Establishment Repository::create(const Scope& scope, EstablishmentInput in, const Actor& actor) {
  auto errs = validate_establishment(in, catalog_);
  if (!errs.empty()) throw UserError::invalid(std::move(errs));
  check_in_scope(scope, catalog_, in);
  check_ght(scope, in);
  {
    auto s = db_.lease();
    int n = 0;
    *s << "SELECT COUNT(*) FROM establishments WHERE finess_et = :f", into(n), use(in.finess_et);
    if (n > 0) throw duplicate_finess(in.finess_et);
    try {
      store::Transaction tr(*s);
      upsert_in(*s, in);
      audit_establishment(*s, actor, "create", in, "");
      if (on_written) on_written(*s, {read_back(*s, in.finess_et).id});
      tr.commit();
    } catch (const soci::soci_error& e) {
      if (is_unique_violation(e)) throw duplicate_finess(in.finess_et);
      throw;
    }
    return read_back(*s, in.finess_et);
  }
}

Establishment Repository::update(const Scope& scope, const std::string& finess_et,
                                 EstablishmentInput in, const Actor& actor) {
  auto current = find(scope, finess_et);
  if (!current) throw UserError::not_found("Établissement introuvable.");
  auto errs = validate_establishment(in, catalog_);
  if (!errs.empty()) throw UserError::invalid(std::move(errs));
  if (scope.level != Scope::Level::establishment) check_in_scope(scope, catalog_, in);
  const auto* dep = catalog_.department(in.department);
  const std::string new_region = dep ? dep->region_code : std::string();
  const bool moves = new_region != current->region_code;
  if (moves && scope.level != Scope::Level::nation)
    throw UserError(403, "scope.move_forbidden",
                    "Seul le niveau national peut transférer un établissement dans une autre "
                    "région.");
  if (moves && in.ght_id == current->ght_id) in.ght_id.reset();  // a GHT lies in one region
  check_ght(scope, in);
  auto s = db_.lease();
  if (in.finess_et != finess_et) {
    int n = 0;
    *s << "SELECT COUNT(*) FROM establishments WHERE finess_et = :f", into(n), use(in.finess_et);
    if (n > 0) throw duplicate_finess(in.finess_et);
  }
  try {
    store::Transaction tr(*s);
    long long id = current->id;
    *s << "UPDATE establishments SET finess_et = :f WHERE id = :id", use(in.finess_et), use(id);
    upsert_in(*s, in);
    audit_establishment(*s, actor, "update", in, input_json(input_of(*current)));
    if (moves) {
      // A "move" entry in the journal of both regions, the one it leaves and the one it
      // joins (issue 10).
      const std::string summary = "Établissement " + in.finess_et + " (" + current->name +
                                  ") transféré de la région " + current->region_code +
                                  " vers la région " + new_region;
      for (const std::string& region : {current->region_code, new_region})
        store::append_audit(*s, actor,
                            {"move", "establishment", in.finess_et, id, region, summary, "", ""});
    }
    if (on_written) on_written(*s, {current->id});
    // The scopes it may leave (region, GHT): their cached pages showed it.
    store::bump_scope_generations(
        *s, store::establishment_scope_keys(current->id, current->region_code, current->ght_id));
    tr.commit();
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e)) throw duplicate_finess(in.finess_et);
    throw;
  }
  return read_back(*s, in.finess_et);
}

std::vector<Region> Repository::regions(const Scope& scope) {
  std::vector<Region> out;
  {
    auto s = db_.lease();
    Region r;
    soci::statement st =
        (s->prepare << "SELECT code, name FROM regions ORDER BY name", into(r.code), into(r.name));
    st.execute();
    while (st.fetch()) {
      if (scope.level == Scope::Level::nation ||
          (scope.level == Scope::Level::region && r.code == scope.region_code))
        out.push_back(r);
    }
  }
  if (scope.level == Scope::Level::ght || scope.level == Scope::Level::establishment) {
    // GHT and establishment users see the region they belong to.
    std::string code;
    if (scope.level == Scope::Level::ght) {
      if (auto g = ght(scope, scope.ght_id)) code = g->region_code;
    } else if (auto e = find_by_id(scope, scope.establishment_id)) {
      code = e->region_code;
    }
    if (auto reg = region(Scope::nation(), code)) out.push_back(*reg);
  }
  // In French alphabetical order (SQL's ORDER BY compares bytes: « Île-de-France » came last).
  std::stable_sort(out.begin(), out.end(),
                   [](const Region& a, const Region& b) { return french_less(a.name, b.name); });
  return out;
}

std::optional<Region> Repository::region(const Scope& scope, const std::string& code) {
  if (scope.level == Scope::Level::nation) {
    auto s = db_.lease();
    Region r;
    soci::indicator ind = soci::i_null;
    std::string c = code;
    *s << "SELECT code, name FROM regions WHERE code = :c", into(r.code, ind), into(r.name), use(c);
    if (ind != soci::i_ok) return std::nullopt;
    return r;
  }
  for (auto& r : regions(scope))
    if (r.code == code) return r;
  return std::nullopt;
}

Region Repository::create_region(const Scope& scope, const std::string& code,
                                 const std::string& name, const Actor& actor) {
  if (scope.level != Scope::Level::nation)
    throw UserError(403, "scope.forbidden", "Seul le niveau national peut créer une région.");
  Region r{trim(code), trim(name)};
  std::vector<FieldError> errs;
  if (r.code.empty() || r.code.size() > 10)
    errs.push_back({"code", "validation.required",
                    "Le code de la région est obligatoire (10 caractères au plus)."});
  if (r.name.empty() || r.name.size() > 200 || !valid_utf8(r.name))
    errs.push_back({"name", "validation.required", "Le nom de la région est obligatoire."});
  if (!errs.empty()) throw UserError::invalid(std::move(errs));
  if (region(scope, r.code))
    throw UserError(409, "region.duplicate_code", "Une région avec ce code existe déjà.",
                    {{"code", "region.duplicate_code", "Code déjà utilisé."}});
  auto s = db_.lease();
  std::string now = store::now_utc_iso();
  store::Transaction tr(*s);
  *s << "INSERT INTO regions(code, name, created_at, updated_at) VALUES (:c, :n, :t, :u)",
      use(r.code), use(r.name), use(now), use(now);
  store::append_audit(*s, actor,
                      {"create", "region", r.code, std::nullopt, r.code, "Région créée : " + r.name,
                       "", nlohmann::json{{"code", r.code}, {"name", r.name}}.dump()});
  tr.commit();
  return r;
}

Region Repository::rename_region(const Scope& scope, const std::string& code,
                                 const std::string& name, const Actor& actor) {
  auto r = region(scope, code);
  if (!r) throw UserError::not_found("Région introuvable.");
  if (scope.level != Scope::Level::nation)
    throw UserError(403, "scope.forbidden", "Seul le niveau national peut renommer une région.");
  std::string n = trim(name);
  if (n.empty() || n.size() > 200 || !valid_utf8(n))
    throw UserError::invalid(
        {{"name", "validation.required", "Le nom de la région est obligatoire."}});
  auto s = db_.lease();
  std::string now = store::now_utc_iso(), c = code;
  store::Transaction tr(*s);
  *s << "UPDATE regions SET name = :n, updated_at = :u WHERE code = :c", use(n), use(now), use(c);
  store::append_audit(*s, actor,
                      {"update", "region", c, std::nullopt, c, "Région renommée : " + n,
                       nlohmann::json{{"code", c}, {"name", r->name}}.dump(),
                       nlohmann::json{{"code", c}, {"name", n}}.dump()});
  tr.commit();
  r->name = n;
  return *r;
}

std::vector<Ght> Repository::ghts(const Scope& scope, const std::string& region_code) {
  std::vector<Ght> all;
  {
    auto s = db_.lease();
    Ght g;
    long long id = 0;
    int demo = 0;
    soci::statement st = (s->prepare << "SELECT id, code, name, region_code, is_demo FROM ghts "
                                        "ORDER BY name",
                          into(id), into(g.code), into(g.name), into(g.region_code), into(demo));
    st.execute();
    while (st.fetch()) {
      g.id = id;
      g.is_demo = demo != 0;
      all.push_back(g);
    }
  }
  std::vector<Ght> out;
  for (auto& g : all)
    if ((region_code.empty() || g.region_code == region_code) && ght_visible(scope, g))
      out.push_back(g);
  return out;
}

std::optional<Ght> Repository::ght(const Scope& scope, std::int64_t id) {
  Ght g;
  {
    auto s = db_.lease();
    long long lid = id, gid = 0;
    int demo = 0;
    soci::indicator ind = soci::i_null;
    *s << "SELECT id, code, name, region_code, is_demo FROM ghts WHERE id = :id", into(gid, ind),
        into(g.code), into(g.name), into(g.region_code), into(demo), use(lid);
    if (ind != soci::i_ok) return std::nullopt;
    g.id = gid;
    g.is_demo = demo != 0;
  }
  if (!ght_visible(scope, g)) return std::nullopt;
  return g;
}

namespace {
std::vector<FieldError> validate_ght(Ght& g, bool region_exists) {
  std::vector<FieldError> errs;
  g.code = trim(g.code);
  g.name = trim(g.name);
  if (g.code.empty() || g.code.size() > 50)
    errs.push_back(
        {"code", "validation.required", "Le code du GHT est obligatoire (50 caractères au plus)."});
  if (g.name.empty() || g.name.size() > 300 || !valid_utf8(g.name))
    errs.push_back({"name", "validation.required", "Le nom du GHT est obligatoire."});
  if (!region_exists)
    errs.push_back(
        {"region_code", "validation.unknown_region", "Région inconnue : " + g.region_code});
  return errs;
}
}  // namespace

Ght Repository::create_ght(const Scope& scope, Ght g, const Actor& actor) {
  auto errs = validate_ght(g, region(Scope::nation(), g.region_code).has_value());
  if (!errs.empty()) throw UserError::invalid(std::move(errs));
  if (scope.level != Scope::Level::nation &&
      !(scope.level == Scope::Level::region && scope.region_code == g.region_code))
    throw UserError(403, "scope.forbidden", "Ce GHT sortirait de votre périmètre.");
  auto s = db_.lease();
  std::string now = store::now_utc_iso();
  int demo = g.is_demo ? 1 : 0;
  long long id = 0;
  try {
    store::Transaction tr(*s);
    *s << "INSERT INTO ghts(code, name, region_code, is_demo, created_at, updated_at) VALUES "
          "(:c, :n, :r, :d, :cr, :u) RETURNING id",
        use(g.code), use(g.name), use(g.region_code), use(demo), use(now), use(now), into(id);
    store::append_audit(
        *s, actor,
        {"create", "ght", std::to_string(id), std::nullopt, g.region_code, "GHT créé : " + g.name,
         "", nlohmann::json{{"code", g.code}, {"name", g.name}, {"region", g.region_code}}.dump()});
    tr.commit();
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e))
      throw UserError(409, "ght.duplicate_code", "Un GHT avec ce code existe déjà.",
                      {{"code", "ght.duplicate_code", "Code déjà utilisé."}});
    throw;
  }
  g.id = id;
  return g;
}

Ght Repository::update_ght(const Scope& scope, std::int64_t id, Ght g, const Actor& actor) {
  auto current = ght(scope, id);
  if (!current) throw UserError::not_found("GHT introuvable.");
  if (scope.level == Scope::Level::establishment || scope.level == Scope::Level::ght)
    throw UserError(403, "scope.forbidden", "Modification du GHT réservée au niveau régional.");
  auto errs = validate_ght(g, region(Scope::nation(), g.region_code).has_value());
  if (!errs.empty()) throw UserError::invalid(std::move(errs));
  if (scope.level == Scope::Level::region && g.region_code != scope.region_code)
    throw UserError(403, "scope.forbidden", "Ce GHT sortirait de votre périmètre.");
  auto s = db_.lease();
  std::string now = store::now_utc_iso();
  long long lid = id;
  if (g.region_code != current->region_code) {
    // The GHT and the region of an establishment never disagree: a GHT that holds
    // establishments keeps its region (move the establishments first, nationally).
    long long members = 0;
    *s << "SELECT COUNT(*) FROM establishments WHERE ght_id = :id", into(members), use(lid);
    if (members > 0)
      throw UserError(409, "ght.region_locked",
                      "Ce GHT regroupe des établissements : sa région ne peut pas changer tant "
                      "qu'ils y sont rattachés.",
                      {{"region_code", "ght.region_locked",
                        "Région figée : le GHT regroupe des établissements."}});
  }
  try {
    store::Transaction tr(*s);
    *s << "UPDATE ghts SET code = :c, name = :n, region_code = :r, updated_at = :u WHERE id = :id",
        use(g.code), use(g.name), use(g.region_code), use(now), use(lid);
    store::append_audit(
        *s, actor,
        {"update", "ght", std::to_string(id), std::nullopt, g.region_code,
         "GHT modifié : " + g.name,
         nlohmann::json{
             {"code", current->code}, {"name", current->name}, {"region", current->region_code}}
             .dump(),
         nlohmann::json{{"code", g.code}, {"name", g.name}, {"region", g.region_code}}.dump()});
    tr.commit();
  } catch (const soci::soci_error& e) {
    if (is_unique_violation(e))
      throw UserError(409, "ght.duplicate_code", "Un GHT avec ce code existe déjà.",
                      {{"code", "ght.duplicate_code", "Code déjà utilisé."}});
    throw;
  }
  g.id = id;
  g.is_demo = current->is_demo;
  return g;
}

Repository::Counts Repository::counts(const Scope& scope) {
  Counts c;
  store::ScopeFilter sb(scope);
  {
    auto s = db_.lease();
    soci::indicator i1 = soci::i_null, i2 = soci::i_null;
    soci::statement st(*s);
    st.exchange(into(c.establishments));
    st.exchange(into(c.sanitaires, i1));
    st.exchange(into(c.medico_sociaux, i2));
    sb.bind(st);
    st.alloc();
    st.prepare(
        "SELECT COUNT(*), SUM(CASE WHEN category = 'sanitaire' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN category = 'medico_social' THEN 1 ELSE 0 END) FROM establishments e "
        "WHERE 1 = 1" +
        std::string(store::kScopeFilterSql));
    st.define_and_bind();
    st.execute(true);
  }
  c.ghts = static_cast<long long>(ghts(scope).size());
  c.regions = static_cast<long long>(regions(scope).size());
  return c;
}

long long Repository::real_establishments() {
  auto s = db_.lease();
  long long n = 0;
  *s << "SELECT COUNT(*) FROM establishments WHERE is_demo = 0", into(n);
  return n;
}

void Repository::seed_regions() {
  auto s = db_.lease();
  std::string now = store::now_utc_iso();
  store::Transaction tr(*s);
  for (const auto& r : catalog_.regions()) {
    int n = 0;
    *s << "SELECT COUNT(*) FROM regions WHERE code = :c", into(n), use(r.code);
    if (n == 0)
      *s << "INSERT INTO regions(code, name, created_at, updated_at) VALUES (:c, :n, :t, :u)",
          use(r.code), use(r.name), use(now), use(now);
  }
  tr.commit();
}

}  // namespace carepilot::registry
