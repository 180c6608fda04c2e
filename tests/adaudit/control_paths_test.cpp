#include <gtest/gtest.h>

#include "adaudit/context.hpp"
#include "builder.hpp"

using namespace carepilot::adaudit;
using carepilot::adaudit::testing::Builder;
using carepilot::adaudit::testing::kAsOf;

TEST(ControlPaths, ShortestPathThroughAclAndMembership) {
  Builder b;
  const auto helpdesk = b.group(1200, "HELPDESK");
  const auto alice = b.user(1106, "alice");
  const auto bob = b.user(1107, "bob");
  b.member(helpdesk, alice);
  b.ace(b.domain_admins, helpdesk, Right::GenericAll);
  b.ace(alice, bob, Right::ForceChangePassword);  // bob controls alice: longer path
  Directory& d = b.done();
  const auto c = make_context(d, kAsOf);
  EXPECT_EQ(c.paths.dist[alice], 2u);
  EXPECT_EQ(c.paths.dist[bob], 3u);
  const auto p = c.paths.path(bob);
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0], bob);
  EXPECT_EQ(p[1], alice);
  EXPECT_EQ(p[2], helpdesk);
  EXPECT_EQ(p[3], b.domain_admins);
  EXPECT_EQ(c.paths.exposed_users, 2u);
  // Every exposed path crosses HELPDESK -GenericAll-> DOMAIN ADMINS.
  ASSERT_FALSE(c.paths.choke_points.empty());
  EXPECT_EQ(c.paths.choke_points[0].from, helpdesk);
  EXPECT_EQ(c.paths.choke_points[0].paths, 2u);
}

TEST(ControlPaths, NonControlRightsAndPrivilegedMembersAreNotExposure) {
  Builder b;
  const auto reader = b.user(1106, "reader");
  b.ace(b.domain_admins, reader, Right::GetChanges);
  const auto admin = b.user(1105, "admin");
  b.member(b.domain_admins, admin);
  const auto c = make_context(b.done(), kAsOf);
  EXPECT_FALSE(c.paths.has_path(reader));
  EXPECT_TRUE(c.paths.has_path(admin));
  EXPECT_EQ(c.paths.exposed_users, 0u);
}

TEST(ControlPaths, SessionsAndLocalAdminExposeWorkstationUsers) {
  Builder b;
  const auto admin = b.user(1105, "admin");
  b.member(b.domain_admins, admin);
  const auto ws = b.computer(1101, "WS01", "Windows 11");
  b.dir.at(ws).sessions.push_back(admin);
  b.dir.at(ws).local_admins.push_back(b.domain_users);
  std::vector<std::uint32_t> users;
  for (int i = 0; i < 10; ++i) {
    users.push_back(b.user(2000 + i, "u" + std::to_string(i)));
    b.dir.at(users.back()).primary_group = b.domain_users;
  }
  const auto c = make_context(b.done(), kAsOf);
  for (const auto u : users)
    EXPECT_EQ(c.paths.dist[u], 4u);  // u -> Domain Users -> WS01 -> admin -> DA
  EXPECT_EQ(c.paths.exposed_users, 10u);
  EXPECT_EQ(c.paths.exposed_computers, 1u);
  EXPECT_EQ(c.paths.choke_points[0].paths, 11u);  // WS01 -HasSession-> admin carries everyone
  EXPECT_EQ(c.paths.choke_points[0].from, ws);
}

TEST(ControlPaths, LongChainsAndCyclesTerminate) {
  Builder b;
  std::uint32_t prev = b.domain_admins;
  std::vector<std::uint32_t> chain;
  for (int i = 0; i < 100000; ++i) {
    const auto g = b.group(10000 + i, "g" + std::to_string(i));
    b.member(prev, g);  // g is a member of prev
    chain.push_back(g);
    prev = g;
  }
  b.member(chain.back(), b.domain_admins);  // a cycle back to Tier 0
  const auto c = make_context(b.done(), kAsOf);
  EXPECT_EQ(c.paths.dist[chain.back()], 100000u);
  EXPECT_EQ(c.paths.path(chain.back()).size(), 100001u);
}
