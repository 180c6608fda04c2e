// The tenancy test: every route of the router (so that no new route can be forgotten),
// called as every role and as an API token, inside and outside the caller's scope, and
// with another establishment's record ids. Asserts the status each call must get and that
// no data of the establishment outside every scope but the nation's shows in any body.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string_view>

#include <soci/sqlite3/soci-sqlite3.h>
#include <yaml-cpp/yaml.h>

#include "../registry/finess_lines.hpp"
#include "accounts.hpp"
#include "assessment/repository.hpp"
#include "continuity/store/backup.hpp"
#include "evidence/calendar.hpp"
#include "evidence/documents.hpp"
#include "exercises/repository.hpp"
#include "outputs.hpp"
#include "registry/demo.hpp"
#include "store/clock.hpp"
#include "store/sqlite_backend.hpp"
#include "test_server.hpp"
#include "web/demo.hpp"

namespace carepilot::testing {
namespace {

// The independent oracle (tests/web/access_oracle.yaml): each route's expected access and
// what each role may do, as the docs say, not as the server declares.
struct Oracle {
  std::map<std::string, Access> routes;           // "METHOD pattern" -> access
  std::map<std::string, std::set<Access>> roles;  // role name -> accesses it grants

  static Access parse_access(const std::string& s) {
    static const std::map<std::string, Access> kNames{
        {"open", Access::open},
        {"signed_in", Access::signed_in},
        {"read", Access::read},
        {"edit_records", Access::edit_records},
        {"edit_registry", Access::edit_registry},
        {"manage_users", Access::manage_users},
        {"view_audit", Access::view_audit},
        {"operate_platform", Access::operate_platform}};
    auto it = kNames.find(s);
    if (it == kNames.end()) throw std::runtime_error("access_oracle.yaml: unknown access " + s);
    return it->second;
  }
  static const Oracle& get() {
    static const Oracle o = [] {
      Oracle o;
      auto y = YAML::LoadFile(std::string(CAREPILOT_SOURCE_DIR) + "/tests/web/access_oracle.yaml");
      for (const auto& r : y["roles"]) {
        std::set<Access> grants;
        for (const auto& a : r.second) grants.insert(parse_access(a.as<std::string>()));
        o.roles[r.first.as<std::string>()] = grants;
      }
      for (const auto& r : y["routes"])
        o.routes[r.first.as<std::string>()] = parse_access(r.second.as<std::string>());
      return o;
    }();
    return o;
  }
  // Whether `role` may call a route needing `a` (open and signed_in: every role).
  bool allows(Role role, Access a) const {
    if (a == Access::open || a == Access::signed_in) return true;
    auto it = roles.find(std::string(role_name(role)));
    return it != roles.end() && it->second.count(a) > 0;
  }
};

// A valid body for every write route (tests/web/write_bodies.yaml, issue 23): sent on every
// write, so that a handler validating the body first cannot hide a missing scope check.
struct WriteSpec {
  std::string kind;  // form | json | multipart | yaml
  YAML::Node body;
  int success = 0;  // the documented status inside the scope (0: not called inside)
  std::string as;   // the role that calls inside the scope ("" : the narrowest allowed)
  std::map<std::string, std::string> pick;  // table -> condition choosing the :id record
  int year = 0;                             // offset of :year from the current year
  int item = 1;                             // :item
  std::string item_of;   // table of the items :item names by id ("" : :item is a number)
  std::string location;  // where a 303 success leads ("": anywhere but the sign-in page)
  bool audited = true;   // a success appends to the audit trail
  std::string inside;    // why the call inside the scope is not made here
};

struct WriteSpecs {
  std::vector<std::pair<std::string, WriteSpec>> in_order;  // "METHOD pattern" -> spec
  const WriteSpec* find(const std::string& key) const {
    for (const auto& [k, v] : in_order)
      if (k == key) return &v;
    return nullptr;
  }
  static const WriteSpecs& get() {
    static const WriteSpecs w = [] {
      WriteSpecs w;
      auto y = YAML::LoadFile(std::string(CAREPILOT_SOURCE_DIR) + "/tests/web/write_bodies.yaml");
      for (const auto& r : y) {
        WriteSpec s;
        for (const char* kind : {"form", "json", "multipart", "yaml"})
          if (r.second[kind]) {
            s.kind = kind;
            s.body = r.second[kind];
          }
        if (s.kind.empty())
          throw std::runtime_error("write_bodies.yaml: no body for " + r.first.as<std::string>());
        if (r.second["success"]) s.success = r.second["success"].as<int>();
        if (r.second["as"]) s.as = r.second["as"].as<std::string>();
        if (r.second["year"]) s.year = r.second["year"].as<int>();
        if (r.second["item"]) s.item = r.second["item"].as<int>();
        if (r.second["inside"]) s.inside = r.second["inside"].as<std::string>();
        if (r.second["item_of"]) s.item_of = r.second["item_of"].as<std::string>();
        if (r.second["location"]) s.location = r.second["location"].as<std::string>();
        if (r.second["audited"]) s.audited = r.second["audited"].as<bool>();
        for (const auto& p : r.second["pick"])
          s.pick[p.first.as<std::string>()] = p.second.as<std::string>();
        if (s.success == 0 && s.inside.empty())
          throw std::runtime_error("write_bodies.yaml: no success status for " +
                                   r.first.as<std::string>());
        w.in_order.emplace_back(r.first.as<std::string>(), std::move(s));
      }
      return w;
    }();
    return w;
  }
};

struct Caller {
  std::string name;
  std::optional<Role> role;  // nullopt: anonymous
  Session session;
  bool token = false;
};

enum class Target { in, out, cross };

// Every table's row count (snapshot(true)), a statement kept prepared per connection.
struct TableCounts : store::Prepared {
  std::string name;
  long long n = 0;
  soci::statement st;
  TableCounts(soci::session& s, const std::string& sql)
      : st((s.prepare << sql, soci::into(name), soci::into(n))) {}
};

class TenancyTest : public ::testing::TestWithParam<const char*> {
 protected:
  TestServer srv_{GetParam(), walk_seed(), TestServer::with_accounts()};
  registry::Establishment a_, c_;  // a_ inside every scope; c_ outside all but the nation
  registry::Ght c_ght_;
  std::vector<Caller> callers_;
  std::map<std::string, std::pair<std::string, std::string>> ids_;  // table -> (A's, C's)
  std::string a_user_id_, c_user_id_, c_token_id_;
  std::map<std::string, std::string> pick_;  // table -> condition for :id (valid-body test)
  bool fresh_ids_ = false;                   // :id looked up at each call (records get deleted)
  int year_offset_ = 0, item_ = 1;
  std::string item_of_, last_id_;
  std::string rule_;
  int invited_ = 0;
  std::int64_t a_officer_id_ = 0;

  // The records every walk starts from, written once per run into a template that each test
  // copies (test_db.hpp, Seed): the demo territory, a second GHT with the witness
  // establishment C, and every record kind in both A and C (seed_records).
  static const carepilot::testing::Seed& walk_seed() {
    static const carepilot::testing::Seed seed{
        "tenancy-walk-" + format_date(evidence::paris_today()), [](store::Database& db) {
          const Date today = evidence::paris_today();
          web::WebApp app(db, TestServer::without_accounts());
          auto& repo = app.repo();
          repo.seed_regions();
          web::load_demo(app, today);
          registry::EstablishmentFilter f;
          f.query = "Cholet-Mauges";
          const auto a = repo.list(Scope::nation(), f).items.at(0);
          auto ght =
              repo.create_ght(Scope::nation(), {0, "GHT-T75", "GHT Témoin Paris", "11", true});
          registry::EstablishmentInput in;
          in.finess_et = in.finess_ej = registry::with_luhn_key("75000077");
          in.name = "Clinique Témoin Hors-Périmètre";
          in.type = "ch";
          in.department = "75";
          in.ght_id = ght.id;
          in.is_demo = true;
          in.services = a.services;
          const auto c = repo.create(Scope::nation(), in);
          web::load_demo_records(app, today);  // C gets the demo records of every module
          if (app.evidence_repo().list(Scope::nation(), c.finess_et).empty())
            app.evidence_repo().add(
                Scope::nation(), c.finess_et,
                {{"type", "registration"}, {"date", "2025-03-01"}, {"service", "silene"}}, today,
                Actor{"test", "", ""});
          // Every record kind in both establishments (issue 23, point 3), in the states the
          // writes of tests/web/write_bodies.yaml need, so that no route is tried only against
          // ids that exist nowhere.
          seed_records(app, a, today);
          seed_records(app, c, today);
        }};
    return seed;
  }

  void SetUp() override {
    auto& app = srv_.app();
    auto& repo = app.repo();
    registry::EstablishmentFilter f;
    f.query = "Cholet-Mauges";
    a_ = repo.list(Scope::nation(), f).items.at(0);
    c_ = repo.visible(Scope::nation(), registry::with_luhn_key("75000077"));
    c_ght_ = repo.ght(Scope::nation(), *c_.ght_id).value();
    // A rule that the AD audit of the collection found (seed_records), for the rule routes.
    {
      auto& ad = app.adaudit_repo();
      const auto audit =
          ad.get(Scope::nation(), c_.finess_et, std::stoll(last_id("ad_audits", c_.id)));
      auto findings = ad.result(audit).at("findings");
      ASSERT_GE(findings.size(), 1u);
      rule_ = findings.at(0).at("rule_id").get<std::string>();
    }

    for (const char* table :
         {"evidence", "paq_actions", "exercises", "assessment_attachments", "training_campaigns",
          "evidence_documents", "ad_audits", "exposure_audits", "continuity_activities",
          "continuity_plans", "continuity_bias", "continuity_plan_tests", "continuity_resources",
          "continuity_restore_tests", "mie_steps", "continuity_backup_declarations",
          "mie_hc_declarations", "incidents"}) {
      ids_[table] = {first_id(table, a_.id), first_id(table, c_.id)};
      EXPECT_NE(ids_[table].first, "") << table << " has no record in A";
      EXPECT_NE(ids_[table].second, "") << table << " has no record in C";
    }

    callers_.push_back({"anonyme", std::nullopt, {}, false});
    for (Role r : all_roles()) {
      Scope s = role_level(r) == Scope::Level::establishment ? Scope::establishment(a_.id)
                : role_level(r) == Scope::Level::ght         ? Scope::ght(*a_.ght_id)
                : role_level(r) == Scope::Level::region      ? Scope::region(a_.region_code)
                                                             : Scope::nation();
      // With a second factor: the acts that need one (withdrawing evidence) are then decided
      // by the role and the scope alone, which is what this walk checks.
      auto u = make_user(srv_, std::string(role_name(r)) + "@test.fr", r, s, /*totp=*/true);
      callers_.push_back({std::string(role_name(r)), r, session_for(srv_, u), false});
      if (r == Role::establishment_security_officer) a_officer_id_ = u.id;
    }
    // An agent of A, whom A's security officer may disable and re-enable.
    a_user_id_ = std::to_string(
        make_user(srv_, "agent@test.fr", Role::establishment_reader, Scope::establishment(a_.id))
            .id);
    // An API token of an establishment editor, narrowed to reading.
    auto editor =
        make_user(srv_, "jeton@test.fr", Role::establishment_editor, Scope::establishment(a_.id));
    auth::ApiToken t;
    t.user_id = editor.id;
    t.name = "test";
    t.role = Role::establishment_reader;
    t.scope = Scope::establishment(a_.id);
    t.expires_on = "2099-12-31";
    auto raw = app.auth_store().insert_token(t, Actor{});
    callers_.push_back(
        {"jeton lecteur", Role::establishment_reader, {"", "", "Bearer " + raw}, true});
    // Records of C's own users, which nobody but the nation may reach.
    auto c_user = make_user(srv_, "rssi@temoin.fr", Role::establishment_security_officer,
                            Scope::establishment(c_.id));
    c_user_id_ = std::to_string(c_user.id);
    auth::ApiToken ct;
    ct.user_id = c_user.id;
    ct.name = "temoin";
    ct.role = Role::establishment_reader;
    ct.scope = Scope::establishment(c_.id);
    ct.expires_on = "2099-12-31";
    app.auth_store().insert_token(ct, Actor{});
    c_token_id_ = std::to_string(ct.id);
    // A pending invitation onto each establishment, for the invitation routes.
    auto invite = [&](const registry::Establishment& e, std::int64_t by) {
      auth::Invitation inv;
      inv.email = "invite-" + std::to_string(++invited_) + "-" + e.finess_et + "@test.fr";
      inv.role = Role::establishment_reader;
      inv.scope = Scope::establishment(e.id);
      inv.invited_by = by;
      inv.expires_at_s = 4'102'444'800;  // 2100
      app.auth_store().insert_invitation(inv, Actor{});
      return std::to_string(inv.id);
    };
    ids_["invitations"] = {invite(a_, a_officer_id_), invite(c_, c_user.id)};
    invite(a_, a_officer_id_);  // a second one: the page and the API each revoke one
    invite(c_, c_user.id);
  }

  static void seed_records(web::WebApp& app, const registry::Establishment& e, const Date& today) {
    const Actor actor{"test", "", ""};
    const Scope n = Scope::nation();
    const std::string f = e.finess_et;
    const int year = static_cast<int>(today.year());
    auto& ar = app.assessment_repo();
    if (!ar.find(n, f, year)) ar.start(n, f, year, false, today, actor);
    ar.add_attachment(n, f, year, "DNS.AP1", "pssi-" + f + ".txt", "Politique de sécurité.", actor);
    ar.save_answers(n, f, year - 2, {{"DNS.AP1", 1, "Ébauche"}, {"DNS.AP2", 2, ""}}, today, actor);
    ar.add_attachment(n, f, year, "DNS.AP1", "charte-" + f + ".txt", "Charte.", actor);
    auto& xr = app.exercises_repo();
    auto exercise = [&](const std::string& title) {
      return xr.create(
          n, f,
          {title, format_date(today), "ransomware", "table_top", "Tester.", {{"it", 3, "DSI"}}},
          today, actor);
    };
    exercise("Essai planifié page");
    exercise("Essai planifié API");
    auto running = exercise("Essai en cours");
    xr.add_inject(n, f, running.id, {"0", "Alerte", "Postes bloqués."}, today, actor);
    xr.add_inject(n, f, running.id, {"30", "Messagerie", "Messagerie indisponible."}, today, actor);
    xr.start(n, f, running.id, today, actor);
    xr.add_item(n, f, running.id, {"Diffuser les fiches réflexes", "high"}, today, actor);
    auto closed = exercise("Essai clôturé");
    xr.start(n, f, closed.id, today, actor);
    xr.save_retex(n, f, closed.id,
                  {format_date(today), "Cellule réunie (" + f + ").", "Annuaire.", "Imprimer."},
                  today, actor);
    xr.add_item(n, f, closed.id, {"Imprimer les fiches réflexes", "high"}, today, actor);
    xr.add_item(n, f, closed.id, {"Désigner un suppléant", "medium"}, today, actor);
    // A record entered by hand, with a document (issue 12, point 2).
    auto hand = app.evidence_repo().add(n, f, {{"type", "ad_audit"}, {"date", format_date(today)}},
                                        today, actor);
    evidence::Documents(app.evidence_repo())
        .add(
            n, f, hand.id,
            {"Rapport d'audit", "audit-" + f + ".txt", "Rapport d'audit de " + f + ".", "", "", ""},
            actor);
    for (int i = 0; i < 2; ++i) {
      paq::ActionInput in;
      in.title = "Action d'essai " + std::to_string(i) + " de " + f;
      app.paq_repo().create(n, f, in, today, actor);
    }
    // A continuity register: a resource, an activity with a validated BIA, a plan (issue 15).
    auto& cr = app.continuity_repo();
    auto dpi = cr.add_resource(n, f, {"Dossier patient de " + f, "application", {}}, actor);
    continuity::ActivityInput act;
    act.name = "Urgences de " + f;
    act.kind = "care_service";
    act.service = e.services.empty() ? "" : e.services.front();
    act.owner = "Chef de service";
    act.share_percent = 10;
    act.resource_ids = {dpi.id};
    auto activity = cr.add_activity(n, f, act, actor);
    continuity::BiaInput bia;
    for (const auto& c : cr.scale().categories)
      for (const auto& h : cr.scale().horizons) bia.impacts.levels[c.id][h.id] = 2;
    bia.validated_by = "Directeur des soins";
    bia.validated_on = today;
    cr.save_bia(n, f, activity.id, bia, today, actor);
    continuity::PlanInput plan;
    plan.kind = "pca";
    plan.title = "PCA de " + f;
    plan.scope = "global";
    plan.version = "1";
    plan.validated_by = "Directrice";
    plan.validated_on = today;
    for (int i = 0; i < 2; ++i) {  // a second one: the walk withdraws one
      auto p = cr.add_plan(n, f, plan, today, actor);
      continuity::PlanTestInput held;
      held.held_on = today;
      held.scenario = "Indisponibilité informatique";
      held.failures = "Annuaire de crise injoignable";
      cr.add_plan_test(n, f, p.id, held, today, actor);
      cr.attach_plan_document(n, f, p.id, "pca.txt", "Plan de continuité de " + f + "\n", actor);
    }
    // Two backup declarations with their evidence (the walk withdraws one).
    for (const char* point : {"policy", "supervision"}) {
      continuity::BackupInput b;
      b.answer = "yes";
      b.declared_on = today;
      b.file_name = "preuve.txt";
      b.file_bytes = "Politique de sauvegarde de " + f + "\n";
      continuity::declare_backup(cr.database(), app.repo(), n, f, point, b, today, actor);
    }
    for (int i = 0; i < 2; ++i) {  // restore tests of the resource: the walk withdraws one
      continuity::RestoreTestInput restore;
      restore.held_on = today;
      restore.restore_hours = 2;
      restore.data_loss_hours = 0;
      restore.checked_by = "Référent " + f;
      cr.add_restore_test(n, f, dpi.id, restore, today, actor);
    }
    // Two trajectory steps of the identification inventory, not done, not sent (issue 16).
    for (const char* title : {"Essai de trajectoire page", "Essai de trajectoire API"}) {
      identification::StepInput step;
      step.title = title;
      step.due = Date{std::chrono::sys_days(today) + std::chrono::days(30)};
      app.identification_steps().add(n, f, step, today, actor);
    }
    // Two HospiConnect objectives declared reached, with their document (issue 16): the walk
    // withdraws them; the writes declare two others.
    for (const char* objective : {"hc-2026-framing-note", "hc-2026-maturity"}) {
      identification::DeclarationInput in;
      in.reached_on = today;
      in.justification = "Validé en comité de direction";
      in.file_name = "preuve.txt";
      in.bytes = "Preuve de " + f + "\n";
      app.identification_declarations().declare(n, f, objective, in, today, actor);
    }
    // An AD audit of a real collection, audited as the job does (issue 14).
    const std::string zip =
        read_bytes(std::string(ADAUDIT_SHARED_DIR) + "/testdata/ad/bhce-zip/Version6ZIP.zip");
    auto& ad = app.adaudit_repo();
    auto audit = ad.upload(n, f, {"collecte.zip", &zip}, today, actor, store::now_unix());
    ad.run_job({{"audit", audit.id}}, today);
    EXPECT_GE(ad.result(ad.get(n, f, audit.id)).at("findings").size(), 1u);
    // An exposure audit of a public scan, analysed as the job does (issue 17).
    const std::string scan = read_bytes(std::string(EXPOSURE_TEST_DATA) + "/public.xml");
    auto& ex = app.exposure_repo();
    auto scan_audit = ex.upload(n, f, {"scan.xml", &scan}, today, actor, store::now_unix());
    ex.run_job({{"audit", scan_audit.id}}, today);
    EXPECT_FALSE(ex.findings(ex.get(n, f, scan_audit.id)).empty());
    // A second one, older: the page and the API each withdraw one (write_bodies.yaml).
    const std::string old_scan = read_bytes(std::string(EXPOSURE_TEST_DATA) + "/public_old.xml");
    auto old_audit = ex.upload(n, f, {"ancien.xml", &old_scan}, today, actor, store::now_unix());
    ex.run_job({{"audit", old_audit.id}}, today);
    EXPECT_EQ(ex.get(n, f, old_audit.id).state, exposureplatform::State::done);
  }

  static std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  long long audit_seq() {
    auto s = srv_.db().db().lease();
    long long seq = 0;
    *s << "SELECT seq FROM audit_head WHERE id = 1", soci::into(seq);
    return seq;
  }

  std::string last_id(const std::string& table, std::int64_t est) {
    auto s = srv_.db().db().lease();
    long long id = 0;
    long long e = est;
    *s << "SELECT MAX(id) FROM " + table + " WHERE establishment_id = :e", soci::into(id),
        soci::use(e);
    return std::to_string(id);
  }

  std::string first_id(const std::string& table, std::int64_t est, const std::string& cond = "") {
    auto s = srv_.db().db().lease();
    long long id = 0;
    soci::indicator ind = soci::i_null;
    long long e = est;
    *s << "SELECT MIN(id) FROM " + table + " WHERE establishment_id = :e" +
              (cond.empty() ? "" : " AND (" + cond + ")"),
        soci::into(id, ind), soci::use(e);
    return ind == soci::i_ok ? std::to_string(id) : "";
  }

  // Everything the database holds but what reads touch (sessions' last use, the throttle, the
  // cache generation): a refused write must leave it as it was, byte for byte.
  // With `counts_only`, the number of rows of each table (cheap enough for every call of the
  // walk); otherwise every table's row count and the digest of its rows. The audit trail is left to
  // audit_seq().
  std::vector<std::string> tables_;  // the tables snapshot() reads, sorted
  std::string snapshot(bool counts_only = false) {
    static const std::set<std::string> kSkipped{"sessions",        "login_throttle",
                                                "data_generation", "schema_migrations",
                                                "audit_log",       "audit_head"};
    auto s = srv_.db().db().lease();
    // The schema does not change during a walk: its tables are read once.
    if (tables_.empty()) {
      if (srv_.db().db().backend() == store::Backend::sqlite) {
        soci::rowset<std::string> rs = (s->prepare << "SELECT name FROM sqlite_master WHERE type = "
                                                      "'table' AND name NOT LIKE 'sqlite_%'");
        tables_.assign(rs.begin(), rs.end());
      } else {
        soci::rowset<std::string> rs =
            (s->prepare << "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                           "current_schema() AND table_type = 'BASE TABLE'");
        tables_.assign(rs.begin(), rs.end());
      }
      std::sort(tables_.begin(), tables_.end());
      tables_.erase(std::remove_if(tables_.begin(), tables_.end(),
                                   [](const std::string& t) { return kSkipped.count(t) > 0; }),
                    tables_.end());
    }
    std::string out;
    if (counts_only) {
      // Every table's row count in one query (CI time: one round trip instead of one per
      // table, before and after each of the walk's thousands of refused writes).
      std::string sql;
      for (const auto& t : tables_)
        sql += std::string(sql.empty() ? "" : " UNION ALL ") + "SELECT '" + t +
               "', CAST(COUNT(*) AS BIGINT) FROM " + t;
      // Kept prepared on each connection: PostgreSQL planned the ~90-table union at every
      // bind (16 ms of the 21 ms the query took, twice per refused write of the walk).
      std::map<std::string, long long> counts;
      s.run<TableCounts>(sql, [&](TableCounts& q) {
        q.st.execute();
        while (q.st.fetch()) counts[q.name] = q.n;
      });
      for (const auto& t : tables_) out += t + ":" + std::to_string(counts[t]) + "\n";
      return out;
    }
    // Every table's content, digested by the database in one query (CI time: the walk read
    // every row through the driver, column by column, after each of its refused writes).
    // PostgreSQL: md5 of the rows as JSON, sorted, without the columns reads touch.
    // SQLite: the sum of the rows' hashes (rows_digest_step), each row quoted column by column.
    // A difference names the table (its line: the row count and the digest).
    const bool sqlite = srv_.db().db().backend() == store::Backend::sqlite;
    if (sqlite) {
      if (columns_.empty()) {
        for (const auto& t : tables_) {
          soci::rowset<soci::row> rs = (s->prepare << "PRAGMA table_info(" + t + ")");
          std::string expr;
          for (const auto& row : rs) {
            const auto name = row.get<std::string>(1);
            if (name == "last_used_at" || name == "last_seen_at") continue;
            expr += std::string(expr.empty() ? "" : " || '|' || ") + "quote(" + name + ")";
          }
          columns_[t] = expr;
        }
      }
      // Per connection; registering again replaces the same function.
      auto* conn = store::sqlite_connection(*s);
      sqlite_api::sqlite3_create_function(conn, "cp_rows_digest", 1,
                                          SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, nullptr,
                                          rows_digest_step, rows_digest_final);
    }
    std::string sql;
    for (const auto& t : tables_) {
      sql += sql.empty() ? "" : " UNION ALL ";
      if (sqlite)
        sql += "SELECT '" + t +
               "', COUNT(*), CAST(COALESCE(cp_rows_digest(x), 0) AS TEXT) FROM (SELECT " +
               columns_[t] + " AS x FROM " + t + ")";
      else
        sql += "SELECT '" + t +
               "', CAST(COUNT(*) AS BIGINT), md5(COALESCE(string_agg((to_jsonb(r) "
               "- 'last_used_at' - 'last_seen_at')::text, E'\\n' ORDER BY (to_jsonb(r) - "
               "'last_used_at' - 'last_seen_at')::text), '')) FROM " +
               t + " r";
    }
    std::string name, content;
    long long n = 0;
    soci::statement st = (s->prepare << sql, soci::into(name), soci::into(n), soci::into(content));
    st.execute();
    std::map<std::string, std::string> digests;
    while (st.fetch()) digests[name] = std::to_string(n) + " " + content;
    for (const auto& t : tables_) out += t + ":" + digests[t] + "\n";
    return out;
  }
  // SQLite aggregate cp_rows_digest(row): the sum modulo 2^64 of the rows' hashes, whatever
  // their order (a changed, added or removed row changes it).
  static void rows_digest_step(sqlite_api::sqlite3_context* ctx, int,
                               sqlite_api::sqlite3_value** argv) {
    auto* sum = static_cast<std::uint64_t*>(
        sqlite_api::sqlite3_aggregate_context(ctx, sizeof(std::uint64_t)));
    if (sum == nullptr) return;
    const auto* text = reinterpret_cast<const char*>(sqlite_api::sqlite3_value_text(argv[0]));
    const auto size = static_cast<std::size_t>(sqlite_api::sqlite3_value_bytes(argv[0]));
    *sum += std::hash<std::string_view>{}(std::string_view(text ? text : "", text ? size : 0));
  }
  static void rows_digest_final(sqlite_api::sqlite3_context* ctx) {
    auto* sum = static_cast<std::uint64_t*>(sqlite_api::sqlite3_aggregate_context(ctx, 0));
    sqlite_api::sqlite3_result_int64(ctx, sum ? static_cast<sqlite_api::sqlite3_int64>(*sum) : 0);
  }
  std::map<std::string, std::string> columns_;  // SQLite: each table's quoted-row expression

  // The first line that differs between two snapshots (for the failure message).
  static std::string first_difference(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    auto line = [&](const std::string& s) {
      auto start = s.rfind('\n', i == 0 ? 0 : i - 1);
      start = start == std::string::npos ? 0 : start + 1;
      return s.substr(start, s.find('\n', start) - start).substr(0, 200);
    };
    return "before: " + line(a) + "\nafter:  " + line(b);
  }

  // The valid body of a write route for the establishment `e` (placeholders filled).
  struct Body {
    std::string text, type;
  };
  Body body_for(const WriteSpec& spec, const registry::Establishment& e) {
    const Date today = evidence::paris_today();
    const int year = static_cast<int>(today.year());
    auto fill_in = [&](std::string v, bool encoded) {
      const std::map<std::string, std::string> values{
          {"{finess}", e.finess_et},
          {"{finess_ej}", e.finess_ej},
          {"{name}", encoded ? http::url_encode(e.name) : e.name},
          {"{department}", e.department},
          {"{region}", e.region_code},
          {"{today}", format_date(today)},
          {"{yesterday}", format_date(add_days(today, -1))},
          {"{year}", std::to_string(year + spec.year)},
          {"{next_year}", std::to_string(year + 1)}};
      for (const auto& [k, x] : values)
        for (auto at = v.find(k); at != std::string::npos; at = v.find(k, at + x.size()))
          v.replace(at, k.size(), x);
      return v;
    };
    if (spec.kind == "form")
      return {fill_in(spec.body.as<std::string>(), true), "application/x-www-form-urlencoded"};
    if (spec.kind == "yaml")
      return {fill_in(spec.body.as<std::string>(), false), "application/yaml"};
    if (spec.kind == "multipart") {
      std::string b;
      for (const auto& part : spec.body) {
        b +=
            "--B0\r\nContent-Disposition: form-data; name=\"" + part.first.as<std::string>() + "\"";
        if (part.second.IsMap())
          b += "; filename=\"" + part.second["filename"].as<std::string>() + "\"\r\n\r\n" +
               fill_in(part.second["content"].as<std::string>(), false);
        else
          b += "\r\n\r\n" + fill_in(part.second.as<std::string>(), false);
        b += "\r\n";
      }
      return {b + "--B0--\r\n", "multipart/form-data; boundary=B0"};
    }
    std::function<nlohmann::json(const YAML::Node&)> to_json = [&](const YAML::Node& n) {
      if (n.IsMap()) {
        nlohmann::json o = nlohmann::json::object();
        for (const auto& kv : n) o[kv.first.as<std::string>()] = to_json(kv.second);
        return o;
      }
      if (n.IsSequence()) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& x : n) a.push_back(to_json(x));
        return a;
      }
      const std::string v = n.as<std::string>();
      if (n.Tag() == "?") {  // a plain scalar: number or boolean
        if (v == "true" || v == "false") return nlohmann::json(v == "true");
        if (!v.empty() && v.find_first_not_of("-0123456789") == std::string::npos)
          return nlohmann::json(std::stoll(v));
      }
      return nlohmann::json(fill_in(v, false));
    };
    return {to_json(spec.body).dump(), "application/json"};
  }

  // The value of a route parameter for a target; nullopt when the route is not to be called
  // for it. Fails the test for a parameter nobody gave a sample for.
  std::optional<std::string> sample(const std::string& pattern, const std::string& param,
                                    const std::string& segment, Target t) {
    const bool inside = t == Target::in;
    if (param == "finess" && (segment == "entites-juridiques" || segment == "legal-entities"))
      return t == Target::out ? c_.finess_ej : a_.finess_ej;
    if (param == "finess") return t == Target::out ? c_.finess_et : a_.finess_et;
    if (param == "year")
      return std::to_string(static_cast<int>(evidence::paris_today().year()) + year_offset_);
    if (param == "item" && (segment == "fichiers" || segment == "files") &&
        pattern.find("/candidatures/:id/") != std::string::npos) {
      // A file joined to the funding candidature just named by :id (the demo joins one to the
      // first prerequisite of every GHT's candidature, C's GHT's included).
      auto s = srv_.db().db().lease();
      long long parent = last_id_.empty() ? 0 : std::stoll(last_id_), id = 0;
      soci::indicator ind = soci::i_null;
      *s << "SELECT MIN(id) FROM funding_files WHERE candidature_id = :k", soci::into(id, ind),
          soci::use(parent);
      return ind == soci::i_ok ? std::to_string(id) : std::string("999999");
    }
    if (param == "item") {
      if (item_of_.empty()) return std::to_string(item_);
      // The item_-th row (by id) of the record just named by :id: an exercise's injects, an
      // incident's attachments and events still current (a withdrawn one cannot be withdrawn
      // again).
      static const std::map<std::string, std::string> kItemsOf{
          {"exercise_injects", "exercise_id = :x"},
          {"incident_attachments", "incident_id = :x AND withdrawn_at IS NULL"},
          // An incident's events that may be withdrawn (not the detection, not a transmission
          // recorded, not a degraded-mode start with its end), still current.
          {"incident_events",
           "incident_id = :x AND withdrawn_at IS NULL AND kind IN ('containment', "
           "'ars_informed', 'breach_notified', 'occurred')"}};
      const auto where = kItemsOf.find(item_of_);
      if (where == kItemsOf.end()) {
        ADD_FAILURE() << "item_of " << item_of_ << ": add its parent column to tenancy_test.cpp";
        return std::nullopt;
      }
      auto s = srv_.db().db().lease();
      long long parent = last_id_.empty() ? 0 : std::stoll(last_id_), id = 0;
      int offset = item_ - 1;
      soci::indicator ind = soci::i_null;
      *s << "SELECT id FROM " + item_of_ + " WHERE " + where->second +
                " ORDER BY id LIMIT 1 OFFSET " + std::to_string(offset),
          soci::into(id, ind), soci::use(parent);
      return ind == soci::i_ok ? std::to_string(id) : std::string("999999");
    }
    // A failing finding of the audited collection (the same in A and C).
    if (param == "rule") return rule_;
    // A finding of the analysed scan (finding 0 exists in A and C).
    if (param == "n") return std::string("0");
    // A point of the backup self-declaration (data/continuity/backup.yaml).
    if (param == "point") return std::string("policy");
    if (param == "stage") return std::string("initial");  // a stage of an incident's declaration
    // A chunked upload (jobs/chunked_upload.hpp): well formed, never the caller's own here.
    if (param == "upload") return std::string(32, 'a');
    if (param == "doc")
      return inside ? ids_.at("evidence_documents").first : ids_.at("evidence_documents").second;
    if (param == "token") return std::string(64, '0');
    if (param == "file") return std::string("carepilot.css");
    if (param == "path") return std::string("dsfr.min.css");
    if (param == "asset") return std::string("swagger-ui.css");
    if (param == "code") return std::string(inside ? a_.region_code : "11");
    // A funding candidature covering the establishment: its GHT's, or its own (issue 18; the
    // demo files one for every demo GHT, C's included).
    if (param == "id" && segment == "candidatures") {
      const auto& e = inside ? a_ : c_;
      auto s = srv_.db().db().lease();
      long long id = 0, est = e.id, ght = e.ght_id.value_or(0);
      soci::indicator ind = soci::i_null;
      *s << "SELECT MIN(id) FROM funding_candidatures WHERE establishment_id = :e OR ght_id = :g",
          soci::into(id, ind), soci::use(est), soci::use(ght);
      last_id_ = ind == soci::i_ok ? std::to_string(id) : std::string("999999");
      return last_id_;
    }
    // A shipped entry of the knowledge base (data/knowledge): national, open to read.
    if (param == "ref")
      return std::string(pattern.find("/api/") != std::string::npos ? "offre-cert-sante"
                                                                    : "offre-silene");
    if (param == "id") {
      static const std::map<std::string, std::string> tables{
          {"preuves", "evidence"},
          {"evidence", "evidence"},
          {"paq", "paq_actions"},
          {"actions", "paq_actions"},
          {"exercices", "exercises"},
          {"exercises", "exercises"},
          {"pieces", "assessment_attachments"},
          {"campagnes", "training_campaigns"},
          {"campaigns", "training_campaigns"},
          {"invitations", "invitations"},
          {"audit-ad", "ad_audits"},
          {"ad-audits", "ad_audits"},
          {"exposition", "exposure_audits"},
          {"exposure-audits", "exposure_audits"},
          {"activities", "continuity_activities"},
          {"plans", "continuity_plans"},
          {"bia", "continuity_bias"},
          {"bias", "continuity_bias"},
          {"tests", "continuity_plan_tests"},
          {"resources", "continuity_resources"},
          {"declarations", "continuity_backup_declarations"},
          {"sauvegardes", "continuity_backup_declarations"},
          {"restaurations", "continuity_restore_tests"},
          {"restore-tests", "continuity_restore_tests"},
          {"incidents", "incidents"},
          {"etapes", "mie_steps"},
          {"steps", "mie_steps"}};
      if (segment == "ghts" || segment == "ght")
        return std::to_string(inside ? *a_.ght_id : c_ght_.id);
      if (segment == "utilisateurs") return inside ? a_user_id_ : c_user_id_;
      // Jobs belong to the platform, not to an establishment: nothing foreign to try; inside,
      // an id that exists nowhere (404 for the national administrator, 403 for the others).
      if (segment == "taches" || segment == "jobs")
        return inside ? std::optional<std::string>("999999") : std::nullopt;
      if (segment == "jetons" || segment == "tokens")
        return inside ? std::nullopt : std::optional<std::string>(c_token_id_);
      // Two kinds of declarations: the HospiConnect objectives' and the backup points'.
      std::string table;
      if (segment == "declarations" && pattern.find("/identification/") != std::string::npos) {
        table = "mie_hc_declarations";
      } else {
        auto it = tables.find(segment);
        if (it == tables.end()) {
          ADD_FAILURE() << "no sample for :id after /" << segment << "/ in " << pattern
                        << " (add its table to tests/web/tenancy_test.cpp)";
          return std::nullopt;
        }
        table = it->second;
      }
      std::string id;
      if (auto p = pick_.find(table); p != pick_.end())
        id = first_id(table, inside ? a_.id : c_.id, p->second);
      else if (fresh_ids_)
        id = first_id(table, inside ? a_.id : c_.id);
      else
        id = inside ? ids_.at(table).first : ids_.at(table).second;
      last_id_ = id.empty() ? std::string("999999") : id;
      return last_id_;
    }
    ADD_FAILURE() << "no sample for :" << param << " in " << pattern
                  << " (add it to tests/web/tenancy_test.cpp)";
    return std::nullopt;
  }

  std::optional<std::string> fill(const std::string& pattern, Target t, bool& scoped,
                                  bool& record_missing) {
    static const std::regex re(":([a-z_]+)(\\([^)]*\\))?");
    std::string out, rest = pattern, previous_segment;
    std::smatch m;
    scoped = false;
    record_missing = false;
    while (std::regex_search(rest, m, re)) {
      std::string before = m.prefix().str();
      std::string all = out + before;
      auto slash = all.find_last_of('/', all.size() >= 2 ? all.size() - 2 : 0);
      std::string segment = all.substr(slash + 1, all.size() - slash - 2);
      auto v = sample(pattern, m[1], segment, t);
      if (!v) return std::nullopt;
      if (m[1] == "finess" || m[1] == "id") scoped = true;
      if (*v == "999999") record_missing = true;
      out += before + *v;
      rest = m.suffix().str();
    }
    return out + rest;
  }
};

TEST_P(TenancyTest, EveryRouteAsEveryRoleInsideAndOutsideItsScope) {
  const auto& routes = srv_.server().routes().routes();
  int calls = 0;
  std::map<std::string, int> inspected;  // "xlsx" / "pdf" -> answers extracted
  const Oracle& oracle = Oracle::get();
  for (const auto& route : routes) {
    auto expected = oracle.routes.find(route.method + " " + route.pattern);
    if (expected == oracle.routes.end()) {
      ADD_FAILURE() << route.method << " " << route.pattern
                    << " has no entry in tests/web/access_oracle.yaml";
      continue;
    }
    const Access need = expected->second;
    const bool has_finess = route.pattern.find(":finess") != std::string::npos;
    const bool has_id = route.pattern.find(":id") != std::string::npos;
    const bool has_record = std::regex_search(route.pattern, std::regex(":(id|item|year)\\b"));
    // A funding candidature's joined file: its :id and :item are records the walk found (the
    // candidature covering A and its file), so every reader of the candidature gets the file.
    const bool candidature_file =
        std::regex_search(route.pattern, std::regex("/candidatures/:id/(fichiers|files)/:item$"));
    for (const auto& caller : callers_) {
      for (Target t : {Target::in, Target::out, Target::cross}) {
        if (t == Target::cross && !(has_finess && has_id)) continue;
        bool scoped = false, missing = false;
        auto path = fill(route.pattern, t, scoped, missing);
        if (!path) continue;
        if (t == Target::out && !scoped && route.pattern.find(":code") == std::string::npos)
          continue;  // nothing to be outside of
        const bool allowed = caller.role && oracle.allows(*caller.role, need);
        // Allowed writes would change the data the other calls read (and signing out would
        // end the caller's session): inside the scope, and the nation's on the outside
        // establishment, whose records must stay for every later route (a deleted record
        // would leave the later routes tested against an id that exists nowhere). Those
        // successes are EveryWriteWithAValidBodyOutsideAndInsideTheScope's.
        const bool national_caller =
            caller.role && role_level(*caller.role) == Scope::Level::nation;
        if (route.is_write() && allowed &&
            (t == Target::in || (t == Target::out && national_caller)))
          continue;
        const bool api = route.kind == http::RouteKind::api;
        // Every write carries a body valid for the route (write_bodies.yaml).
        Body body;
        if (route.is_write()) {
          const WriteSpec* spec = WriteSpecs::get().find(route.method + " " + route.pattern);
          if (!spec) {
            ADD_FAILURE() << route.method << " " << route.pattern
                          << " has no valid body in tests/web/write_bodies.yaml";
            break;
          }
          body = body_for(*spec, t == Target::out ? c_ : a_);
        }
        const long long seq_before = route.is_write() ? audit_seq() : 0;
        const std::string before = route.is_write() ? snapshot(true) : "";
        auto r = call(srv_, caller.session, route.method, *path, body.text, body.type);
        // A refused write (anything but a success; only the nation's writes on the outside
        // establishment succeed here) changes nothing: the audit head does not move and the
        // tables hold the same rows.
        const bool refused = r.status >= 400 ||
                             (r.status == 303 && r.header("location").rfind("/connexion", 0) == 0);
        // A refused sign-in is itself journaled (issue 12, point 12): one "login_failed"
        // entry naming the address tried, and nothing else.
        const bool journals_refusal = route.method == "POST" && route.pattern == "/connexion";
        if (route.is_write() && refused && journals_refusal) {
          EXPECT_EQ(audit_seq(), seq_before + 1) << "a refused sign-in is journaled once";
          auto s = srv_.db().db().lease();
          std::string action;
          *s << "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1", soci::into(action);
          EXPECT_EQ(action, "login_failed");
        } else if (route.is_write() && refused) {
          EXPECT_EQ(audit_seq(), seq_before) << "a refused write changed data: " << caller.name
                                             << " " << route.method << " " << *path;
        }
        if (route.is_write() && refused) {
          const std::string after = snapshot(true);
          EXPECT_TRUE(after == before) << "a refused write changed data: " << caller.name << " "
                                       << route.method << " " << *path << "\n"
                                       << first_difference(before, after);
        }
        ++calls;
        const std::string where = caller.name + " " + route.method + " " + *path;
        ASSERT_GT(r.status, 0) << where;
        ASSERT_LT(r.status, 500) << where << "\n" << r.body.substr(0, 400);
        const bool national = caller.role && role_level(*caller.role) == Scope::Level::nation;
        // Leaks are looked for in what a person reads: the unzipped entries of a workbook,
        // the text of a PDF (issue 23, point 3).
        std::string kind;
        std::string text;
        try {
          text = r.status == 200 ? readable_text(r, &kind) : r.body;
        } catch (const std::exception& e) {
          ADD_FAILURE() << where << ": " << e.what();
        }
        if (!kind.empty()) ++inspected[kind];
        if (!national) {
          EXPECT_EQ(text.find(c_.name), std::string::npos) << "leak: " << where;
          EXPECT_EQ(text.find(c_.finess_et), std::string::npos) << "leak: " << where;
        } else if (!kind.empty() && t == Target::out) {
          // The control: C's own download, read the same way, does show C's records.
          EXPECT_NE(text.find(c_.finess_et), std::string::npos)
              << where << ": C's " << kind << " does not show C's records once extracted";
        }
        if (need == Access::open) continue;
        if (!caller.role) {
          if (route.kind == http::RouteKind::page && route.method == "GET") {
            EXPECT_EQ(r.status, 303) << where;
            EXPECT_EQ(r.header("location").rfind("/connexion?suite=", 0), 0u) << where;
          } else {
            EXPECT_EQ(r.status, 401) << where;
          }
          continue;
        }
        if (caller.token && !api) {
          EXPECT_EQ(r.status, 401) << where;  // tokens open the API only
          continue;
        }
        if (!allowed) {
          EXPECT_EQ(r.status, 403) << where;
          continue;
        }
        const bool foreign = (t == Target::out && !national) || t == Target::cross;
        if (foreign && scoped) {
          EXPECT_EQ(r.status, 404) << where << "\n" << r.body.substr(0, 300);
          continue;
        }
        if (t == Target::in && !route.is_write() && (!has_record || candidature_file) && !missing &&
            route.kind != http::RouteKind::asset) {
          EXPECT_EQ(r.status, 200) << where << "\n" << r.body.substr(0, 300);
        }
      }
    }
  }
  EXPECT_GT(calls, 1000);
  // Every foreign record the walk used still exists: no route was tried against an id that
  // exists nowhere.
  for (const auto& [table, ids] : ids_)
    for (const auto& id : {ids.first, ids.second}) {
      auto s = srv_.db().db().lease();
      long long n = 0, v = std::stoll(id);
      *s << "SELECT COUNT(*) FROM " + table + " WHERE id = :i", soci::into(n), soci::use(v);
      EXPECT_EQ(n, 1) << table << " " << id << " was deleted during the walk";
    }
  EXPECT_GT(inspected["xlsx"], 10);
  EXPECT_GT(inspected["pdf"], 5);
}

// Every write route with a body valid for it (issue 23, point 2), by the narrowest role the
// oracle allows, at A's level: outside the caller's scope and with another establishment's
// record it answers exactly 404 and leaves the database as it was; inside the scope it answers
// the documented success and appends to the audit trail. A write route without a valid body in
// tests/web/write_bodies.yaml, or an entry for a route that is not served, fails.
TEST_P(TenancyTest, EveryWriteWithAValidBodyOutsideAndInsideTheScope) {
  const Oracle& oracle = Oracle::get();
  const WriteSpecs& specs = WriteSpecs::get();
  std::map<std::string, const http::Route*> served;
  for (const auto& route : srv_.server().routes().routes())
    if (route.is_write()) served[route.method + " " + route.pattern] = &route;
  for (const auto& [key, route] : served)
    EXPECT_TRUE(specs.find(key)) << key << " has no valid body in tests/web/write_bodies.yaml";
  auto caller_named = [&](const std::string& name) -> const Caller& {
    for (const auto& c : callers_)
      if (c.name == name) return c;
    throw std::runtime_error("no caller " + name);
  };
  // The digest sees a change of one column of one row, and its undoing (the walk's check can
  // fail).
  {
    const std::string original = snapshot();
    auto update = [&](const std::string& set) {
      auto s = srv_.db().db().lease();
      *s << "UPDATE establishments SET name = " + set +
                " WHERE id = (SELECT MIN(id) FROM establishments)";
    };
    update("name || '.'");
    EXPECT_NE(snapshot(), original);
    update("substr(name, 1, length(name) - 1)");
    EXPECT_EQ(snapshot(), original);
  }
  fresh_ids_ = true;
  int refused = 0, succeeded = 0;
  // The tables as the last refused write left them (checked equal to before it): the next
  // refused write starts from them instead of reading every table again (CI time: a quarter
  // of the walk's reads). Forgotten at each write that succeeds.
  std::optional<std::string> unchanged;
  for (const auto& [key, spec] : specs.in_order) {
    auto it = served.find(key);
    if (it == served.end()) {
      ADD_FAILURE() << key << " is in write_bodies.yaml but not served";
      continue;
    }
    const http::Route& route = *it->second;
    const Access need = oracle.routes.at(key);
    // The narrowest role allowed, at A's level.
    const char* narrowest = need == Access::edit_records    ? "establishment_editor"
                            : need == Access::manage_users  ? "establishment_security_officer"
                            : need == Access::edit_registry ? "regional_manager"
                            : need == Access::open          ? "anonyme"
                                                            : "establishment_reader";
    pick_ = spec.pick;
    year_offset_ = spec.year;
    item_ = spec.item;
    item_of_ = spec.item_of;
    const bool has_finess = route.pattern.find(":finess") != std::string::npos;
    const bool has_id = route.pattern.find(":id") != std::string::npos;
    const Caller& foreigner = caller_named(narrowest);
    for (Target t : {Target::out, Target::cross}) {
      if (t == Target::cross && !(has_finess && has_id)) continue;
      bool scoped = false, missing = false;
      auto path = fill(route.pattern, t, scoped, missing);
      if (!path) continue;
      if (!scoped && route.pattern.find(":code") == std::string::npos) continue;
      const std::string where = std::string(narrowest) + " " + route.method + " " + *path;
      EXPECT_FALSE(missing) << where << ": the foreign record does not exist";
      auto body = body_for(spec, t == Target::out ? c_ : a_);
      const long long seq = audit_seq();
      const std::string before = unchanged ? *unchanged : snapshot();
      auto r = call(srv_, foreigner.session, route.method, *path, body.text, body.type);
      EXPECT_EQ(r.status, 404) << where << "\n" << r.body.substr(0, 300);
      EXPECT_EQ(audit_seq(), seq) << where;
      std::string after = snapshot();
      EXPECT_TRUE(after == before) << "a refused write changed data: " << where << "\n"
                                   << first_difference(before, after);
      unchanged = std::move(after);
      ++refused;
    }
    if (!spec.inside.empty()) continue;
    const Caller& insider = caller_named(spec.as.empty() ? narrowest : spec.as);
    bool scoped = false, missing = false;
    auto path = fill(route.pattern, Target::in, scoped, missing);
    if (!path) continue;
    const std::string where = insider.name + " " + route.method + " " + *path;
    EXPECT_FALSE(missing) << where << ": the record does not exist";
    auto body = body_for(spec, a_);
    const long long seq = audit_seq();
    unchanged.reset();
    auto r = call(srv_, insider.session, route.method, *path, body.text, body.type);
    EXPECT_EQ(r.status, spec.success) << where << "\n" << r.body.substr(0, 400);
    if (r.status == 303 && spec.location.empty()) {
      EXPECT_NE(r.header("location").rfind("/connexion", 0), 0u) << where;
    } else if (r.status == 303) {
      EXPECT_EQ(r.header("location").rfind(spec.location, 0), 0u) << where;
    }
    if (spec.audited) {
      EXPECT_GT(audit_seq(), seq) << where << ": a successful write leaves no audit entry";
    }
    ++succeeded;
  }
  fresh_ids_ = false;
  pick_.clear();
  year_offset_ = 0;
  item_ = 1;
  item_of_.clear();
  EXPECT_GE(refused, 60);
  EXPECT_GE(succeeded, 60);
}

// The oracle names every route and nothing else: a route added without its expected access,
// or an entry left behind by a removed route, fails here.
TEST_P(TenancyTest, TheOracleNamesEveryRouteAndNoOther) {
  std::set<std::string> served;
  for (const auto& route : srv_.server().routes().routes())
    served.insert(route.method + " " + route.pattern);
  for (const auto& [key, access] : Oracle::get().routes)
    EXPECT_TRUE(served.count(key)) << key << " is in access_oracle.yaml but not served";
  for (const auto& key : served)
    EXPECT_TRUE(Oracle::get().routes.count(key)) << key << " is missing from access_oracle.yaml";
  EXPECT_EQ(Oracle::get().roles.size(), kRoleCount);
}

// Imports and bulk paths (issue 10): every caller allowed to import, below the nation, tries
// to take C over with a one-line extract carrying C's FINESS number and a département of its
// own region; the import is refused and C is untouched.
TEST_P(TenancyTest, ImportsFindExistingEstablishmentsThroughTheCallersScope) {
  auto before = *srv_.app().repo().find(Scope::nation(), c_.finess_et);
  const std::string a_dept = srv_.app().repo().find(Scope::nation(), a_.finess_et)->department;
  int tried = 0;
  for (const auto& caller : callers_) {
    if (!caller.role || caller.token) continue;
    const bool national = role_level(*caller.role) == Scope::Level::nation;
    const std::string line = structureet(c_.finess_et, c_.finess_ej, "PRISE DE CONTROLE", a_dept);
    const std::string body =
        "--B0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n\r\n" + line +
        "\r\n--B0--\r\n";
    if (national) continue;  // moving is the nation's act: tested in tests/auth/security_test
    auto r =
        call(srv_, caller.session, "POST", "/import", body, "multipart/form-data; boundary=B0");
    ++tried;
    EXPECT_GE(r.status, 400) << caller.name;
    EXPECT_LT(r.status, 500) << caller.name;
    auto after = *srv_.app().repo().find(Scope::nation(), c_.finess_et);
    EXPECT_EQ(after.region_code, before.region_code) << caller.name;
    EXPECT_EQ(after.department, before.department) << caller.name;
    EXPECT_EQ(after.name, before.name) << caller.name;
    EXPECT_EQ(after.ght_id, before.ght_id) << caller.name;
  }
  EXPECT_GE(tried, 6);
}

// The calendar subscription (GET /calendrier/:token/echeances.ics) is open: its secret token
// stands for the session. What it serves follows its owner's scope, as it stands at each
// request; a revoked token or a disabled owner gets nothing.
TEST_P(TenancyTest, CalendarFeedServesItsOwnersScopeOnly) {
  auto& store = srv_.app().auth_store();
  for (Role r : all_roles()) {
    Scope s = role_level(r) == Scope::Level::establishment ? Scope::establishment(a_.id)
              : role_level(r) == Scope::Level::ght         ? Scope::ght(*a_.ght_id)
              : role_level(r) == Scope::Level::region      ? Scope::region(a_.region_code)
                                                           : Scope::nation();
    auto u = make_user(srv_, "agenda-" + std::string(role_name(r)) + "@test.fr", r, s);
    auto raw = store.create_calendar_feed(u.id, Actor{"test", "", ""});
    const std::string url = "/calendrier/" + raw + "/echeances.ics";
    auto feed = srv_.get(url);
    const std::string where = std::string(role_name(r));
    ASSERT_EQ(feed.status, 200) << where << feed.body.substr(0, 300);
    EXPECT_NE(feed.header("content-type").find("text/calendar"), std::string::npos);
    EXPECT_NE(feed.body.find(a_.finess_et), std::string::npos) << where;
    const bool national = role_level(r) == Scope::Level::nation;
    EXPECT_EQ(feed.body.find(c_.finess_et) != std::string::npos, national) << where;
    EXPECT_EQ(feed.body.find(c_.name) != std::string::npos, national) << where;
    // Read-only: nothing but GET.
    EXPECT_GE(srv_.send("POST", url, "", "application/x-www-form-urlencoded").status, 400);
    // Another user's session does not widen it.
    auto national_user =
        make_user(srv_, "autre-" + where + "@test.fr", Role::national_reader, Scope::nation());
    auto other = call(srv_, session_for(srv_, national_user), "GET", url);
    EXPECT_EQ(other.body.find(c_.finess_et) != std::string::npos, national) << where;
    // A new token revokes the old one; revoking leaves none.
    auto raw2 = store.create_calendar_feed(u.id, Actor{"test", "", ""});
    EXPECT_EQ(srv_.get(url).status, 404) << where;
    EXPECT_EQ(srv_.get("/calendrier/" + raw2 + "/echeances.ics").status, 200) << where;
    EXPECT_TRUE(store.revoke_calendar_feed(u.id, Actor{"test", "", ""}));
    EXPECT_FALSE(store.revoke_calendar_feed(u.id, Actor{"test", "", ""}));
    EXPECT_EQ(srv_.get("/calendrier/" + raw2 + "/echeances.ics").status, 404) << where;
    // A disabled owner's feed stops.
    auto raw3 = store.create_calendar_feed(u.id, Actor{"test", "", ""});
    auto before = *store.user_by_id(u.id);
    auto after = before;
    after.disabled = true;
    store.update_user(before, after, "test", Actor{"test", "", ""});
    EXPECT_EQ(srv_.get("/calendrier/" + raw3 + "/echeances.ics").status, 404) << where;
  }
  EXPECT_EQ(srv_.get("/calendrier/cpc_" + std::string(64, '0') + "/echeances.ics").status, 404);
  EXPECT_EQ(srv_.get("/calendrier/x/echeances.ics").status, 404);
}

// The bulk exports (JSON lines) hold every establishment of the caller's scope and nothing
// outside it; `since` after the last change leaves the compliance export empty.
TEST_P(TenancyTest, ExportsHoldTheCallersScopeOnly) {
  int checked = 0;
  for (const auto& caller : callers_) {
    if (!caller.role) continue;
    const bool national = role_level(*caller.role) == Scope::Level::nation;
    for (const char* path : {"/api/v1/export/compliance.jsonl", "/api/v1/export/evidence.jsonl"}) {
      auto r = call(srv_, caller.session, "GET", path, "", "");
      const std::string where = caller.name + " " + path;
      ASSERT_EQ(r.status, 200) << where << "\n" << r.body.substr(0, 300);
      EXPECT_EQ(r.header("content-type").rfind("application/jsonl", 0), 0u) << where;
      EXPECT_NE(r.body.find("\"" + a_.finess_et + "\""), std::string::npos) << where;
      EXPECT_EQ(r.body.find("\"" + c_.finess_et + "\"") != std::string::npos, national) << where;
      std::size_t lines = 0;
      for (std::size_t at = 0, end; (end = r.body.find('\n', at)) != std::string::npos;
           at = end + 1) {
        EXPECT_TRUE(nlohmann::json::parse(r.body.substr(at, end - at), nullptr, false).is_object())
            << where;
        ++lines;
      }
      EXPECT_EQ(std::to_string(lines), r.header("x-record-count")) << where;
      ++checked;
    }
  }
  EXPECT_GE(checked, 16);
  const auto& reader = callers_.back();  // the reader token: establishment A only
  auto later =
      call(srv_, reader.session, "GET", "/api/v1/export/compliance.jsonl?since=2999-01-01", "", "");
  EXPECT_EQ(later.status, 200);
  EXPECT_EQ(later.body, "");
  EXPECT_EQ(
      call(srv_, reader.session, "GET", "/api/v1/export/evidence.jsonl?since=hier", "", "").status,
      400);
}

// The journal API with its filters (issue 12, point 12): a regional manager gets exactly the
// entries of their region, on every page, whatever the filters ask; an establishment's security
// officer those of their establishment; the nation every entry. A filter on C (outside the
// region) gives nothing rather than C's entries.
TEST_P(TenancyTest, JournalApiHoldsTheCallersScopeOnlyWhateverTheFilters) {
  auto number = [&](const std::string& sql) {
    auto s = srv_.db().db().lease();
    long long v = 0;
    *s << sql, soci::into(v);
    return v;
  };
  ASSERT_GT(
      number("SELECT COUNT(*) FROM audit_log WHERE establishment_id = " + std::to_string(c_.id)),
      0);
  struct Expect {
    const char* role;
    std::string condition;  // the entries the role must see, exactly
  };
  const std::vector<Expect> expected = {
      {"regional_manager", "region_code = '" + a_.region_code + "'"},
      {"establishment_security_officer", "establishment_id = " + std::to_string(a_.id)},
      {"national_admin", "1 = 1"}};
  for (const auto& x : expected) {
    const Caller* caller = nullptr;
    for (const auto& c : callers_)
      if (c.name == x.role) caller = &c;
    ASSERT_NE(caller, nullptr) << x.role;
    std::set<long long> seen;
    long long total = -1;
    for (int page = 1;; ++page) {
      auto r = call(srv_, caller->session, "GET",
                    "/api/v1/audit?per_page=200&page=" + std::to_string(page), "", "");
      ASSERT_EQ(r.status, 200) << x.role << r.body.substr(0, 300);
      auto j = nlohmann::json::parse(r.body);
      total = j["total"].get<long long>();
      for (const auto& e : j["items"]) seen.insert(e["seq"].get<long long>());
      if (j["page"].get<int>() >= j["page_count"].get<int>()) break;
    }
    EXPECT_EQ(static_cast<long long>(seen.size()), total) << x.role;
    EXPECT_EQ(total, number("SELECT COUNT(*) FROM audit_log WHERE " + x.condition)) << x.role;
    // Not one entry of another region (C's region) unless national.
    auto foreign =
        number("SELECT COUNT(*) FROM audit_log WHERE establishment_id = " + std::to_string(c_.id));
    long long foreign_seen = 0;
    {
      auto s = srv_.db().db().lease();
      long long seq = 0, c_id = c_.id;
      soci::statement st = (s->prepare << "SELECT seq FROM audit_log WHERE establishment_id = :e",
                            soci::into(seq), soci::use(c_id));
      st.execute();
      while (st.fetch()) foreign_seen += seen.count(seq);
    }
    EXPECT_EQ(foreign_seen, std::string(x.role) == "national_admin" ? foreign : 0) << x.role;
    // Filters narrow, never widen: C named as a filter gives nothing outside the nation.
    for (const std::string& q : {"?establishment=" + c_.finess_et,
                                 "?establishment=" + c_.finess_et + "&entity=evidence"}) {
      auto r = call(srv_, caller->session, "GET", "/api/v1/audit" + q, "", "");
      ASSERT_EQ(r.status, 200) << x.role << q;
      auto n = nlohmann::json::parse(r.body)["total"].get<long long>();
      if (std::string(x.role) == "national_admin")
        EXPECT_GT(n, 0) << q;
      else
        EXPECT_EQ(n, 0) << x.role << q;
    }
    auto page =
        call(srv_, caller->session, "GET", "/journal?etablissement=" + c_.finess_et, "", "");
    ASSERT_EQ(page.status, 200) << x.role;
    EXPECT_EQ(page.body.find("data-testid=\"audit-row\"") != std::string::npos,
              std::string(x.role) == "national_admin")
        << x.role;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, TenancyTest, ::testing::ValuesIn(kBackends));

}  // namespace
}  // namespace carepilot::testing
