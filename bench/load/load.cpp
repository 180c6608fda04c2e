// Load of many signed-in users on a running `carepilot serve` (issue 21), on loopback only.
// Creates USERS accounts in the server's database (60 % establishment security officers
// (RSSI) spread over the establishments, 25 % regional managers (ARS) over the regions, 15 %
// national administrators) each with a full session, as bench_session does; then
// CONNECTIONS threads, each with its own keep-alive connection, play random users for
// SECONDS: 80 % reads (pages, API lists, dashboards), 20 % writes (PAQ actions and evidence
// through the API, attachment uploads through the questionnaire form, establishment edits by
// ARS). Afterwards every acknowledged creation is read back. Prints, per route, the count,
// p50, p99 and maximum latency, then the 5xx count and the lost writes; exits 1 when either
// is not zero or when a request gets an unexpected status.
// Usage: bench_load DATABASE_URL BASE_URL [USERS=200] [SECONDS=60 (<= 60)] [CONNECTIONS=16]
#include <curl/curl.h>

#include <soci/soci.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "auth/accounts.hpp"
#include "auth/password.hpp"
#include "auth/store.hpp"
#include "auth/totp.hpp"
#include "store/audit_key.hpp"
#include "store/database.hpp"

namespace {

using namespace carepilot;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct User {
  std::string email;
  Role role;
  std::string finess;  // RSSI: theirs; others: one of their scope, for pages
  std::string region;  // ARS
  std::string cookie, csrf;
};

struct Establishment {
  std::int64_t id = 0;
  std::string finess, region;
};

struct Reply {
  long status = 0;
  std::string body;
};

size_t collect(char* p, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(p, size * n);
  return size * n;
}

class Client {
 public:
  explicit Client(std::string base) : base_(std::move(base)), curl_(curl_easy_init()) {}
  ~Client() { curl_easy_cleanup(curl_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Reply call(const std::string& method, const std::string& path, const User& u,
             const std::string& body = {}, const std::string& content_type = {}) {
    Reply r;
    curl_easy_reset(curl_);
    std::string url = base_ + path;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_slist* headers = nullptr;
    std::string cookie = "Cookie: " + u.cookie, csrf = "X-CSRF-Token: " + u.csrf,
                ct = "Content-Type: " + content_type;
    headers = curl_slist_append(headers, cookie.c_str());
    if (method != "GET") {
      headers = curl_slist_append(headers, csrf.c_str());
      headers = curl_slist_append(headers, ct.c_str());
      curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    if (curl_easy_perform(curl_) == CURLE_OK)
      curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(headers);
    return r;  // status 0: no answer (counted as an error)
  }

 private:
  std::string base_;
  CURL* curl_;
};

struct Ack {
  std::string kind;  // paq, evidence, upload
  std::string finess;
  std::int64_t id = 0;
  std::string title;
};

struct Tally {
  std::map<std::string, std::vector<double>> ms;  // route -> latencies
  long server_errors = 0, unexpected = 0;
  std::map<std::string, long> unexpected_by_route;
  std::vector<Ack> acks;
};

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

const int kYear = 2026;

// One request of `u`, chosen by role: 80 % reads, 20 % writes.
void act(Client& c, const User& u, const std::vector<Establishment>& ests, std::mt19937& rng,
         Tally& t, long seq) {
  std::uniform_int_distribution<int> pct(0, 99);
  bool write = pct(rng) < 20;
  std::string route, method = "GET", path, body, type;
  std::vector<long> ok{200};
  std::string finess = u.finess;
  if (u.role == Role::national_admin)
    finess = ests[std::uniform_int_distribution<std::size_t>(0, ests.size() - 1)(rng)].finess;
  const std::string api = "/api/v1/establishments/" + finess;
  std::string title = "Charge " + std::to_string(seq) + " " + u.email;
  if (!write) {
    int pick = pct(rng) % 4;
    if (u.role == Role::establishment_security_officer) {
      const char* routes[] = {"GET /etablissements/:finess",
                              "GET /etablissements/:finess/conformite",
                              "GET /api/v1/establishments/:finess/paq/actions",
                              "GET /api/v1/establishments/:finess/evidence"};
      const std::string paths[] = {"/etablissements/" + finess,
                                   "/etablissements/" + finess + "/conformite",
                                   api + "/paq/actions", api + "/evidence"};
      route = routes[pick];
      path = paths[pick];
    } else {
      const char* routes[] = {"GET /tableau-de-bord", "GET /api/v1/establishments",
                              "GET /etablissements/:finess", "GET /etablissements"};
      const std::string paths[] = {
          u.role == Role::regional_manager ? "/tableau-de-bord?region=" + u.region
                                           : "/tableau-de-bord",
          "/api/v1/establishments?per_page=50", "/etablissements/" + finess, "/etablissements"};
      route = routes[pick];
      path = paths[pick];
    }
  } else if (u.role == Role::regional_manager) {
    route = "PATCH /api/v1/establishments/:finess";
    method = "PATCH";
    path = api;
    body = json{{"city", "VILLE " + std::to_string(seq % 1000)}}.dump();
    type = "application/json";
  } else {
    int pick = u.role == Role::national_admin ? 0 : pct(rng) % 3;
    if (pick == 0) {
      route = "POST /api/v1/establishments/:finess/paq/actions";
      method = "POST";
      path = api + "/paq/actions";
      body = json{{"title", title}, {"priority", "medium"}}.dump();
      type = "application/json";
      ok = {201};
    } else if (pick == 1) {
      route = "POST /api/v1/establishments/:finess/evidence";
      method = "POST";
      path = api + "/evidence";
      body = json{
          {"type", "continuity_plan"},
          {"date", "2026-01-15"},
          {"kind", "pca"},
          {"covers_it_outage",
           true}}.dump();
      type = "application/json";
      ok = {201};
    } else {
      route = "POST /etablissements/:finess/maturite/:year/pieces (upload)";
      method = "POST";
      path = "/etablissements/" + finess + "/maturite/" + std::to_string(kYear) + "/pieces";
      const std::string b = "cpload" + std::to_string(seq);
      std::string file(20000, 'x');
      for (std::size_t i = 0; i < file.size(); i += 64) file[i] = '\n';
      body = "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + u.csrf +
             "\r\n--" + b +
             "\r\nContent-Disposition: form-data; name=\"requirement\"\r\n\r\nDNS.AP1" + "\r\n--" +
             b +
             "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"preuve.txt\"\r\n"
             "Content-Type: text/plain\r\n\r\n" +
             file + "\r\n--" + b + "--\r\n";
      type = "multipart/form-data; boundary=" + b;
      ok = {303};
    }
  }
  auto t0 = Clock::now();
  Reply r = c.call(method, path, u, body, type);
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  t.ms[route].push_back(ms);
  if (r.status >= 500 || r.status == 0) ++t.server_errors;
  if (std::find(ok.begin(), ok.end(), r.status) == ok.end()) {
    ++t.unexpected;
    if (t.unexpected_by_route[route]++ == 0)
      std::cerr << route << " answered " << r.status << ": " << r.body.substr(0, 200) << "\n";
    return;
  }
  if (method == "POST" && r.status == 201) {
    auto j = json::parse(r.body, nullptr, false);
    if (j.is_object() && j.contains("id"))
      t.acks.push_back({route.find("paq") != std::string::npos ? "paq" : "evidence", finess,
                        j["id"].get<std::int64_t>(), title});
  } else if (r.status == 303) {
    t.acks.push_back({"upload", finess, 0, ""});
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_load DATABASE_URL BASE_URL [USERS] [SECONDS] [CONNECTIONS]\n";
    return 2;
  }
  const std::string url = argv[1], base = argv[2];
  const int users = argc > 3 ? std::max(1, std::atoi(argv[3])) : 200;
  const int seconds = std::clamp(argc > 4 ? std::atoi(argv[4]) : 60, 1, 60);
  const int connections = std::clamp(argc > 5 ? std::atoi(argv[5]) : 16, 1, 64);
  if (base.rfind("http://127.0.0.1:", 0) != 0) {
    std::cerr << "bench_load: loopback only (http://127.0.0.1:PORT)\n";
    return 2;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::vector<User> people;
  std::vector<Establishment> ests;
  std::vector<std::string> regions;
  try {
    store::use_audit_key_from_environment();  // the server's key: account writes are audited
    auto db = store::Database::open(url, 1);
    {
      auto s = db->lease();
      long long id = 0;
      std::string finess, region;
      soci::statement q = (s->prepare << "SELECT id, finess_et, region_code FROM establishments "
                                         "ORDER BY finess_et",
                           soci::into(id), soci::into(finess), soci::into(region));
      q.execute();
      while (q.fetch()) ests.push_back({static_cast<std::int64_t>(id), finess, region});
    }
    if (ests.empty()) throw std::runtime_error("no establishment (start the server with --demo)");
    for (const auto& e : ests)
      if (std::find(regions.begin(), regions.end(), e.region) == regions.end())
        regions.push_back(e.region);
    auth::AuthStore st(*db);
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    for (int i = 0; i < users; ++i) {
      User u;
      int slot = i % 20;
      const auto& e = ests[static_cast<std::size_t>(i) % ests.size()];
      Scope scope = Scope::nation();
      if (slot < 12) {
        u.role = Role::establishment_security_officer;
        u.finess = e.finess;
        scope = Scope::establishment(e.id);
      } else if (slot < 17) {
        u.role = Role::regional_manager;
        u.region = regions[static_cast<std::size_t>(i) % regions.size()];
        for (const auto& x : ests)
          if (x.region == u.region) u.finess = x.finess;
        scope = Scope::region(u.region);
      } else {
        u.role = Role::national_admin;
        u.finess = e.finess;
      }
      u.email = "load-" + std::to_string(i) + "@bench.carepilot.fr";
      auto existing = st.user_by_email(u.email);
      if (!existing)
        existing = auth::create_account(st, u.email, auth::random_token(24) + "-Bench", u.role,
                                        scope, auth::minimal_hash_cost(), Actor{"bench", "", ""});
      std::string raw = st.create_session(existing->id, true, "127.0.0.1", now);
      u.cookie = std::string(auth::kSessionCookie) + "=" + raw;
      u.csrf = st.session(raw)->csrf;
      people.push_back(u);
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_load: " << e.what() << "\n";
    return 1;
  }

  const auto deadline = Clock::now() + std::chrono::seconds(seconds);
  std::vector<Tally> tallies(static_cast<std::size_t>(connections));
  std::atomic<long> seq{0};
  std::vector<std::thread> threads;
  for (int k = 0; k < connections; ++k)
    threads.emplace_back([&, k] {
      Client c(base);
      std::mt19937 rng(static_cast<unsigned>(k) * 7919u + 1u);
      std::uniform_int_distribution<std::size_t> who(0, people.size() - 1);
      for (long n = 0; n < 1'000'000 && Clock::now() < deadline; ++n)
        act(c, people[who(rng)], ests, rng, tallies[static_cast<std::size_t>(k)], seq++);
    });
  for (auto& th : threads) th.join();

  Tally all;
  for (auto& t : tallies) {
    for (auto& [route, v] : t.ms) all.ms[route].insert(all.ms[route].end(), v.begin(), v.end());
    all.server_errors += t.server_errors;
    all.unexpected += t.unexpected;
    all.acks.insert(all.acks.end(), t.acks.begin(), t.acks.end());
  }

  // Every acknowledged write is there: PAQ actions and evidence by id (as a national
  // administrator), uploads counted per establishment in the assessment of the year.
  const User* admin = nullptr;
  for (const auto& u : people)
    if (u.role == Role::national_admin) admin = &u;
  long lost = 0, checked = 0;
  if (admin) {
    Client c(base);
    std::map<std::string, std::set<std::int64_t>> evidence_ids;
    std::map<std::string, long> uploads;
    for (const auto& a : all.acks) {
      const std::string api = "/api/v1/establishments/" + a.finess;
      if (a.kind == "paq") {
        Reply r = c.call("GET", api + "/paq/actions/" + std::to_string(a.id), *admin);
        auto j = json::parse(r.body, nullptr, false);
        if (r.status != 200 || !j.is_object() || j.value("title", "") != a.title) ++lost;
        ++checked;
      } else if (a.kind == "evidence") {
        if (!evidence_ids.count(a.finess)) {
          auto& ids = evidence_ids[a.finess];
          for (int page = 1; page <= 1000; ++page) {
            Reply r =
                c.call("GET", api + "/evidence?per_page=200&page=" + std::to_string(page), *admin);
            auto j = json::parse(r.body, nullptr, false);
            if (!j.is_object() || !j["items"].is_array() || j["items"].empty()) break;
            for (const auto& it : j["items"]) ids.insert(it.value("id", std::int64_t{0}));
          }
        }
        if (!evidence_ids[a.finess].count(a.id)) ++lost;
        ++checked;
      } else {
        ++uploads[a.finess];
      }
    }
    for (const auto& [finess, n] : uploads) {
      Reply r = c.call("GET",
                       "/api/v1/establishments/" + finess + "/assessments/" + std::to_string(kYear),
                       *admin);
      auto j = json::parse(r.body, nullptr, false);
      long stored = j.is_object() && j["attachments"].is_array()
                        ? static_cast<long>(j["attachments"].size())
                        : -1;
      if (stored < n) lost += n - std::max(0L, stored);
      checked += n;
    }
  }

  long total = 0;
  std::printf("%-62s %8s %9s %9s %9s\n", "route", "requests", "p50 ms", "p99 ms", "max ms");
  for (auto& [route, v] : all.ms) {
    total += static_cast<long>(v.size());
    std::printf("%-62s %8zu %9.2f %9.2f %9.2f\n", route.c_str(), v.size(), percentile(v, 0.50),
                percentile(v, 0.99), percentile(v, 1.0));
  }
  std::printf(
      "%d users, %d connections, %d s: %ld requests (%.0f req/s), 5xx or no answer: %ld, "
      "unexpected status: %ld, acknowledged writes checked: %ld, lost: %ld\n",
      users, connections, seconds, total, static_cast<double>(total) / seconds, all.server_errors,
      all.unexpected, checked, lost);
  curl_global_cleanup();
  return all.server_errors == 0 && all.unexpected == 0 && lost == 0 ? 0 : 1;
}
