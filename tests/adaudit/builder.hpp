// Test helper: builds a small synthetic directory in memory (no file).
#pragma once

#include <string>

#include "adaudit/model.hpp"
#include "common/date.hpp"

namespace carepilot::adaudit::testing {

inline constexpr const char* kDom = "S-1-5-21-111-222-333";
inline const Date kAsOf{std::chrono::year(2025), std::chrono::month(6), std::chrono::day(30)};
inline std::int64_t days_ago(int d) {
  return std::chrono::sys_days(kAsOf).time_since_epoch().count() * 86400LL -
         std::int64_t(d) * 86400;
}

class Builder {
 public:
  Builder() {
    dir.parts = ~0u;  // a complete collection
    domain = add(kDom, ObjectType::Domain, "CORP.LOCAL", "DC=corp,DC=local");
    Domain d;
    d.object = domain;
    d.name = "CORP.LOCAL";
    d.sid = kDom;
    d.functional_level = "2016";
    d.machine_account_quota = 0;
    dir.domains.push_back(d);
    domain_admins = group(512, "DOMAIN ADMINS@CORP.LOCAL");
    domain_users = group(513, "DOMAIN USERS@CORP.LOCAL");
    protected_users = group(525, "PROTECTED USERS@CORP.LOCAL");
  }
  std::uint32_t add(const std::string& id, ObjectType t, const std::string& name,
                    const std::string& dn = "") {
    const auto i = dir.intern(id);
    Object& o = dir.at(i);
    o.defined = true;
    o.type = t;
    o.name = name;
    o.dn = dn;
    o.flags |= flag::kEnabled | flag::kReversibleKnown | flag::kDesOnlyKnown;
    o.known = ~0u;  // every field collected
    return i;
  }
  std::uint32_t group(std::uint32_t rid, const std::string& name) {
    return add(std::string(kDom) + "-" + std::to_string(rid), ObjectType::Group, name);
  }
  std::uint32_t user(std::uint32_t rid, const std::string& name, int logon_days_ago = 1,
                     int pwd_days_ago = 10) {
    const auto i = add(std::string(kDom) + "-" + std::to_string(rid), ObjectType::User, name);
    dir.at(i).last_logon = days_ago(logon_days_ago);
    dir.at(i).pwd_last_set = days_ago(pwd_days_ago);
    dir.at(i).when_created = days_ago(2000);
    dir.at(i).flags |= flag::kSensitive | flag::kAdminCount;
    return i;
  }
  std::uint32_t computer(std::uint32_t rid, const std::string& name, const std::string& os,
                         bool dc = false) {
    const auto i = add(std::string(kDom) + "-" + std::to_string(rid), ObjectType::Computer, name);
    dir.at(i).os = os;
    dir.at(i).last_logon = days_ago(1);
    dir.at(i).pwd_last_set = days_ago(10);
    dir.at(i).when_created = days_ago(2000);
    if (dc) dir.at(i).flags |= flag::kIsDc;
    return i;
  }
  void member(std::uint32_t group_index, std::uint32_t m) {
    dir.at(group_index).members.push_back(m);
  }
  void ace(std::uint32_t on, std::uint32_t who, Right r) {
    dir.at(on).aces.push_back({who, r, false});
  }
  Directory& done() {
    dir.finalize();
    return dir;
  }

  Directory dir;
  std::uint32_t domain, domain_admins, domain_users, protected_users;
};

}  // namespace carepilot::adaudit::testing
