// Fills a carepilot database with the national benchmark: 40,000 synthetic establishments
// (valid FINESS, spread over every department of the catalogue, mixed types and services,
// flagged is_demo) with five years (2022-2026) of evidence each, in the bundle format the
// evidence table stores (docs/evidence.md). Deterministic (fixed seed); one transaction.
// SQLite: prepared SOCI statements reused for every row. PostgreSQL: libpq COPY.
// Usage: bench_dashboard_seed DATABASE_URL [establishments]   (expects no bench rows yet)
#include <soci/postgresql/soci-postgresql.h>

#include <soci/soci.h>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "registry/catalog.hpp"
#include "registry/demo.hpp"
#include "registry/repository.hpp"
#include "store/audit_key.hpp"
#include "store/database.hpp"
#include "store/generation.hpp"
#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace {

using namespace carepilot;

constexpr const char* kCreated = "2026-11-23T00:00:00Z";
constexpr const char* kCreatedBy = "bench";

struct Est {
  long long id = 0;
  std::string finess_et, finess_ej, name, name_search, category, type, region, department, city;
  std::vector<std::string> services;
};

struct Ev {
  long long est = 0;
  std::string type, date, payload;
};

std::string day(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Service sets by type (codes of data/catalog/establishments.yaml).
const std::vector<std::string> kFull{"urgences",       "chirurgie",  "reanimation",
                                     "maternite",      "pharmacie",  "imagerie",
                                     "laboratoire",    "medecine",   "pediatrie",
                                     "administration", "admissions", "ressources_humaines"};
const std::vector<std::string> kCh{"urgences",    "chirurgie", "pharmacie",     "imagerie",
                                   "laboratoire", "medecine",  "administration"};
const std::vector<std::string> kSmallCh{"urgences", "pharmacie", "imagerie", "medecine",
                                        "administration"};
const std::vector<std::string> kClinic{"chirurgie", "imagerie", "pharmacie", "medecine",
                                       "administration"};
const std::vector<std::string> kPsy{"psychiatrie", "pharmacie", "administration"};
const std::vector<std::string> kSmr{"readaptation", "pharmacie", "administration"};
const std::vector<std::string> kCancer{"oncologie",   "imagerie",  "pharmacie",
                                       "laboratoire", "chirurgie", "administration"};
const std::vector<std::string> kSmall{"medecine", "administration"};
const std::vector<std::string> kEhpad{"hebergement", "administration"};

struct TypeMix {
  const char* type;
  int weight;  // out of 100
  const std::vector<std::string>* services;
  const char* label;
};

const std::vector<TypeMix> kTypes{
    {"chu", 2, &kFull, "CHU"},
    {"ch", 14, &kCh, "Centre hospitalier"},
    {"ch", 8, &kSmallCh, "Centre hospitalier local"},
    {"chs", 4, &kPsy, "Centre hospitalier spécialisé"},
    {"espic", 5, &kCh, "Hôpital privé non lucratif"},
    {"clinique", 14, &kClinic, "Clinique"},
    {"clcc", 1, &kCancer, "Centre de lutte contre le cancer"},
    {"radiotherapie", 2, &kCancer, "Centre de radiothérapie"},
    {"had", 4, &kSmall, "HAD"},
    {"smr", 8, &kSmr, "SMR"},
    {"dialyse", 3, &kSmall, "Centre de dialyse"},
    {"autre_sanitaire", 5, &kSmall, "Établissement de santé"},
    {"ehpad", 22, &kEhpad, "EHPAD"},
    {"mas", 4, &kEhpad, "MAS"},
    {"ime", 4, &kSmall, "IME"},
};

// Profiles: diligent (everything on time), late (misses some years, fixed deadlines met
// late), laggard (little evidence).
enum class Profile { diligent, late, laggard };

void evidence_of(const Est& e, std::mt19937& rng, std::vector<Ev>& out) {
  auto pct = [&](int p) { return static_cast<int>(rng() % 100) < p; };
  int r = static_cast<int>(rng() % 100);
  Profile prof = r < 55 ? Profile::diligent : r < 85 ? Profile::late : Profile::laggard;
  int base = prof == Profile::diligent ? 95 : prof == Profile::late ? 70 : 35;
  auto add = [&](const std::string& type, const std::string& date, const std::string& rest) {
    out.push_back(
        {e.id, type, date, "{\"type\":\"" + type + "\",\"date\":\"" + date + "\"" + rest + "}"});
  };
  auto b = [](bool v) { return v ? std::string("true") : std::string("false"); };
  for (int y = 2022; y <= 2026; ++y) {
    if (pct(base))
      add("crisis_exercise", day(y, 3 + static_cast<int>(rng() % 8), 2),
          ",\"declared_on\":\"" + day(y, 11, 15) + "\",\"retex_in_paq\":" + b(pct(base)));
    if (pct(base)) {
      std::string d = day(y, 4, 1 + static_cast<int>(rng() % 28));
      add("maturity_assessment", d,
          ",\"score\":" + std::to_string(30 + rng() % 60) + ",\"declared_on\":\"" + day(y, 5, 15) +
              "\"");
    }
    for (int q = 0; q < 4; ++q)
      if (pct(base))  // the 2026 Q4 audit (November 5) is before the as-of date
        add("ad_audit", day(y, q * 3 + 2, 5),
            ",\"source\":\"ads\",\"level\":" + std::to_string(1 + rng() % 5));
    for (int m = 1; m <= 11; m += 2)
      add("paq_action", day(y, m, 1 + static_cast<int>(rng() % 28)),
          ",\"cyber\":" + b(pct(base)) + ",\"status\":\"" + (pct(50) ? "open" : "closed") + "\"");
    int staff = 50 + static_cast<int>(rng() % 3000);
    add("training_coverage", day(y, 6, 30),
        ",\"staff\":" + std::to_string(staff) + ",\"trained\":" +
            std::to_string(pct(base / 3) ? staff : staff * (50 + rng() % 50) / 100));
    for (int q = 0; q < 4; ++q)
      if (y < 2026 || q < 3) {
        int acc = 40;
        int cov = std::min(acc, 2 + (y - 2022) * (prof == Profile::laggard ? 3 : 8) + q);
        add("mfa_coverage", day(y, q * 3 + 3, 28),
            ",\"accesses\":" + std::to_string(acc) + ",\"covered\":" + std::to_string(cov));
      }
    if (pct(base)) {
      long long total = 5'000'000LL + static_cast<long long>(rng() % 400) * 1'000'000LL;
      long long digital = total * (pct(base) ? 25 : 12) / 1000;
      add("budget_declaration", day(y, 5, 1),
          ",\"year\":" + std::to_string(y) + ",\"total_eur\":" + std::to_string(total) +
              ",\"digital_eur\":" + std::to_string(digital) +
              ",\"cyber_eur\":" + std::to_string(digital / 5));
    }
  }
  if (pct(base + 5))
    add("registration", day(2022 + static_cast<int>(rng() % 4), 2, 1), ",\"service\":\"club-ssi\"");
  if (pct(base))
    add("registration", day(2022 + static_cast<int>(rng() % 4), 3, 1), ",\"service\":\"silene\"");
  // PCA/PRA due 2025-06-30: on time, late (met later) or a PCRI only (never counts).
  std::string plan_date = prof == Profile::diligent ? "2025-05-01"
                          : pct(60)                 ? "2025-10-15"
                                                    : "2024-11-02";
  std::string kind = prof == Profile::laggard && pct(50) ? "pcri" : (pct(50) ? "pcra" : "pca");
  add("continuity_plan", plan_date,
      ",\"kind\":\"" + kind + "\",\"covers_it_outage\":true" +
          (kind == "pcra" ? ",\"scope\":\"global\"" : ""));
  // BIA per service (due 2026-06-30 for critical and medico-technical ones).
  for (const auto& s : e.services)
    if (pct(base))
      add("bia", pct(80) ? day(2026, 1 + static_cast<int>(rng() % 6), 15) : "2026-09-10",
          ",\"service\":\"" + s + "\"");
}

// Department code, then the running number on the remaining digits (6, or 5 after a
// 3-digit overseas code): eight characters, the Luhn key is added by with_luhn_key.
std::string finess_body(const std::string& dep, int number) {
  std::string num = std::to_string(number);
  std::size_t width = 8 - dep.size();
  if (num.size() < width) num.insert(0, width - num.size(), '0');
  return dep + num;
}

// COPY text format: backslash, tab, newline and carriage return escaped.
void copy_field(std::string& buf, const std::string& v) {
  for (char c : v) {
    switch (c) {
      case '\\':
        buf += "\\\\";
        break;
      case '\t':
        buf += "\\t";
        break;
      case '\n':
        buf += "\\n";
        break;
      case '\r':
        buf += "\\r";
        break;
      default:
        buf += c;
    }
  }
}

class Copy {
 public:
  Copy(PGconn* c, const std::string& sql) : c_(c) {
    PGresult* r = PQexec(c_, sql.c_str());
    bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) throw std::runtime_error(sql + ": " + PQerrorMessage(c_));
  }
  std::string& buf() { return buf_; }
  void flush_if_big() {
    if (buf_.size() > (1 << 20)) flush();
  }
  void flush() {
    if (!buf_.empty() && PQputCopyData(c_, buf_.data(), static_cast<int>(buf_.size())) != 1)
      throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(c_));
    buf_.clear();
  }
  void end() {
    flush();
    if (PQputCopyEnd(c_, nullptr) != 1)
      throw std::runtime_error(std::string("COPY end: ") + PQerrorMessage(c_));
    PGresult* r = PQgetResult(c_);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    while ((r = PQgetResult(c_)) != nullptr) PQclear(r);
    if (!ok) throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(c_));
  }

 private:
  PGconn* c_;
  std::string buf_;
};

void write_postgresql(soci::session& s, const std::vector<Est>& ests, const std::vector<Ev>& evs) {
  auto* be = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  if (!be) throw std::runtime_error("no PostgreSQL session");  // caller checked the backend
  PGconn* c = be->conn_;
  {
    Copy cp(c,
            "COPY establishments (id, finess_et, finess_ej, name, name_search, category, type, "
            "region_code, department, city, is_demo, created_at, updated_at) FROM STDIN");
    for (const auto& e : ests) {
      auto& b = cp.buf();
      b += std::to_string(e.id);
      for (const std::string* f : {&e.finess_et, &e.finess_ej, &e.name, &e.name_search, &e.category,
                                   &e.type, &e.region, &e.department, &e.city}) {
        b += '\t';
        copy_field(b, *f);
      }
      b += "\t1\t";
      b += kCreated;
      b += '\t';
      b += kCreated;
      b += '\n';
      cp.flush_if_big();
    }
    cp.end();
  }
  {
    Copy cp(c, "COPY establishment_services (establishment_id, service) FROM STDIN");
    for (const auto& e : ests)
      for (const auto& sv : e.services) {
        cp.buf() += std::to_string(e.id) + '\t' + sv + '\n';
        cp.flush_if_big();
      }
    cp.end();
  }
  {
    Copy cp(c,
            "COPY evidence (establishment_id, type, date, payload, created_at, created_by) "
            "FROM STDIN");
    for (const auto& v : evs) {
      auto& b = cp.buf();
      b += std::to_string(v.est);
      b += '\t';
      b += v.type;
      b += '\t';
      b += v.date;
      b += '\t';
      copy_field(b, v.payload);
      b += '\t';
      b += kCreated;
      b += '\t';
      b += kCreatedBy;
      b += '\n';
      cp.flush_if_big();
    }
    cp.end();
  }
  s << "SELECT setval(pg_get_serial_sequence('establishments', 'id'), "
       "(SELECT MAX(id) FROM establishments))";
}

void write_sqlite(soci::session& s, const std::vector<Est>& ests, const std::vector<Ev>& evs) {
  Est row;
  std::string created = kCreated;
  int demo = 1;
  soci::statement ins_est =
      (s.prepare << "INSERT INTO establishments (id, finess_et, finess_ej, name, name_search, "
                    "category, type, region_code, department, city, is_demo, created_at, "
                    "updated_at) VALUES (:id, :f, :ej, :n, :ns, :c, :t, :r, :d, :ci, :demo, :cr, "
                    ":u)",
       soci::use(row.id), soci::use(row.finess_et), soci::use(row.finess_ej), soci::use(row.name),
       soci::use(row.name_search), soci::use(row.category), soci::use(row.type),
       soci::use(row.region), soci::use(row.department), soci::use(row.city), soci::use(demo),
       soci::use(created), soci::use(created));
  std::string service;
  soci::statement ins_svc = (s.prepare << "INSERT INTO establishment_services (establishment_id, "
                                          "service) VALUES (:e, :s)",
                             soci::use(row.id), soci::use(service));
  for (const auto& e : ests) {
    row = e;
    ins_est.execute(true);
    for (const auto& sv : e.services) {
      service = sv;
      ins_svc.execute(true);
    }
  }
  Ev ev;
  std::string by = kCreatedBy;
  soci::statement ins_ev =
      (s.prepare << "INSERT INTO evidence (establishment_id, type, date, payload, created_at, "
                    "created_by) VALUES (:e, :t, :d, :p, :c, :u)",
       soci::use(ev.est), soci::use(ev.type), soci::use(ev.date), soci::use(ev.payload),
       soci::use(created), soci::use(by));
  for (const auto& v : evs) {
    ev = v;
    ins_ev.execute(true);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: bench_dashboard_seed DATABASE_URL [establishments]\n";
    return 2;
  }
  const int n = argc == 3 ? std::stoi(argv[2]) : 40000;
  if (n < 1 || n > 49999) {
    std::cerr << "bench_dashboard_seed: 1 to 49,999 establishments\n";
    return 2;
  }
  try {
    store::use_audit_key_from_environment();  // writes append to the keyed audit trail
    auto db = store::Database::open(argv[1], 1);
    store::migrate(*db);
    const auto& catalog = registry::Catalog::builtin();
    registry::Repository(*db, catalog).seed_regions();

    auto t0 = std::chrono::steady_clock::now();
    std::mt19937 rng(20261123);
    const auto& deps = catalog.departments();
    long long next_id = 1;
    {
      auto s = db->lease();
      long long max_id = 0;
      soci::indicator ind = soci::i_null;
      *s << "SELECT MAX(id) FROM establishments", soci::into(max_id, ind);
      if (ind == soci::i_ok) next_id = max_id + 1;
    }
    std::vector<Est> ests;
    std::vector<Ev> evs;
    ests.reserve(static_cast<std::size_t>(n));
    evs.reserve(static_cast<std::size_t>(n) * 95);
    for (int i = 0; i < n; ++i) {
      Est e;
      e.id = next_id + i;
      const auto& dep = deps[static_cast<std::size_t>(i) % deps.size()];
      int w = static_cast<int>(rng() % 100);
      const TypeMix* t = &kTypes.back();
      for (const auto& tm : kTypes) {
        if (w < tm.weight) {
          t = &tm;
          break;
        }
        w -= tm.weight;
      }
      // Department code, then a 6-digit (5 for 3-digit overseas codes) running number.
      e.finess_et = registry::with_luhn_key(finess_body(dep.code, i));
      e.finess_ej = registry::with_luhn_key(finess_body(dep.code, 50000 + i));
      e.type = t->type;
      e.category = catalog.type(e.type) ? catalog.type(e.type)->category : "sanitaire";
      e.region = dep.region_code;
      e.department = dep.code;
      e.city = "BENCH-" + dep.code;
      e.name = std::string(t->label) + " " + dep.name + " n° " + std::to_string(i) + " (démo)";
      e.name_search = fold_for_search(e.name);
      e.services = *t->services;
      evidence_of(e, rng, evs);
      ests.push_back(std::move(e));
    }
    auto t1 = std::chrono::steady_clock::now();
    {
      auto s = db->lease();
      carepilot::store::Transaction tr(*s);
      if (db->backend() == store::Backend::postgresql)
        write_postgresql(*s, ests, evs);
      else
        write_sqlite(*s, ests, evs);
      tr.commit();
    }
    auto t2 = std::chrono::steady_clock::now();
    store::bump_generation(*db);
    std::size_t services = 0;
    for (const auto& e : ests) services += e.services.size();
    double gen = std::chrono::duration<double>(t1 - t0).count();
    double wr = std::chrono::duration<double>(t2 - t1).count();
    std::size_t rows = ests.size() + services + evs.size();
    std::printf(
        "seeded %zu establishments, %zu services, %zu evidence rows: generated in %.2f s, "
        "written in %.2f s (%.0f rows/s)\n",
        ests.size(), services, evs.size(), gen, wr, static_cast<double>(rows) / wr);
  } catch (const std::exception& e) {
    std::cerr << "bench_dashboard_seed: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
