// The server the incident route tests share: a TestServer on one backend (the test's
// parameter) with two establishments, CH Paris (kParis, 75) and CH Lyon (kLyon, 69), the clock
// at 15 April 2026 10:00 UTC, acting as a national administrator with the second factor; and
// the calls those tests make (JSON call with its expected status, incident and page paths, an
// incident created through the API).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "accounts.hpp"
#include "module_fixture.hpp"
#include "test_server.hpp"

namespace carepilot::testing {

inline constexpr const char* kParis = "750712184";
inline constexpr const char* kLyon = "690781810";
inline constexpr const char* kForm = "application/x-www-form-urlencoded";

class IncidentServerTest : public ::testing::TestWithParam<const char*> {
 protected:
  using json = nlohmann::json;
  IncidentServerTest() : srv_(GetParam(), TestServer::with_accounts()) {
    // 15 April 2026, 10:00 UTC.
    srv_.app().incidents().now = [] { return std::int64_t{1776247200}; };
    srv_.app().repo().create(Scope::nation(), module_establishment(kParis, "CH Paris"));
    auto lyon = module_establishment(kLyon, "CH Lyon");
    lyon.department = "69";
    srv_.app().repo().create(Scope::nation(), lyon);
    act_as(srv_, Role::national_admin, Scope::nation(), "admin@test.fr", true);
  }
  json call(const std::string& method, const std::string& path, const json& body, long expect) {
    auto r = srv_.send(method, path, body.is_null() ? "" : body.dump(), "application/json");
    EXPECT_EQ(r.status, expect) << method << " " << path << " " << r.body.substr(0, 400);
    return r.body.empty() || r.body[0] != '{' ? json{} : json::parse(r.body);
  }
  static std::string api_of(const char* finess, std::int64_t id) {
    return std::string("/api/v1/establishments/") + finess + "/incidents/" + std::to_string(id);
  }
  static std::string page_of(const char* finess, std::int64_t id) {
    return std::string("/etablissements/") + finess + "/incidents/" + std::to_string(id);
  }
  std::int64_t incident(const char* finess, const char* title, const char* detected) {
    return call("POST", std::string("/api/v1/establishments/") + finess + "/incidents",
                {{"title", title}, {"detected_at", detected}}, 201)
        .value("id", std::int64_t{0});
  }
  TestServer srv_;
};

}  // namespace carepilot::testing
