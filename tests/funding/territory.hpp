// The territory the funding API and page tests share: region 11 with one GHT of two
// establishments (750100109 CH Alpha, 750100117 CH Bêta), an editor and a reader of CH Alpha,
// the ARS of region 11, another region's ARS (84) and a national administrator, all with a
// second factor; the funding clock pinned by at().
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "accounts.hpp"
#include "module_fixture.hpp"
#include "test_server.hpp"

namespace carepilot::testing::funding_territory {

class Territory : public ::testing::TestWithParam<const char*> {
 protected:
  Territory(const char* ght_code, const char* ght_name, const char* today)
      : srv_(GetParam(), TestServer::with_accounts()) {
    auto& repo = srv_.app().repo();
    repo.seed_regions();
    ght_ = repo.create_ght(Scope::nation(), {0, ght_code, ght_name, "11", false}).id;
    a_ = add("750100109", "CH Alpha", ght_);
    b_ = add("750100117", "CH Bêta", ght_);
    editor_ = session("editeur@test.fr", Role::establishment_editor, Scope::establishment(a_));
    reader_ = session("lecteur@test.fr", Role::establishment_reader, Scope::establishment(a_));
    ars_ = session("ars@test.fr", Role::regional_manager, Scope::region("11"));
    other_ars_ = session("ars84@test.fr", Role::regional_manager, Scope::region("84"));
    national_ = session("cnp@test.fr", Role::national_admin, Scope::nation());
    at(today);
  }
  std::int64_t add(const char* finess, const char* name, std::optional<std::int64_t> ght) {
    auto in = module_establishment(finess, name);
    in.ght_id = ght;
    return srv_.app().repo().create(Scope::nation(), in).id;
  }
  Session session(const char* email, Role r, Scope s) {
    return session_for(srv_, make_user(srv_, email, r, s, /*totp=*/true));
  }
  void at(const char* iso) {
    const Date d = day(iso);
    srv_.app().funding().today = [d] { return d; };
  }

  TestServer srv_;
  std::int64_t ght_ = 0, a_ = 0, b_ = 0;
  Session editor_, reader_, ars_, other_ars_, national_;
};

}  // namespace carepilot::testing::funding_territory
