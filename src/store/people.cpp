#include "store/people.hpp"

#include <soci/soci.h>

#include "common/record_labels.hpp"

namespace carepilot::store {

namespace {
std::string trim_name(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}
}  // namespace

std::map<std::string, std::string> people(Database& db, const std::set<std::string>& who) {
  std::map<std::string, std::string> out;
  auto s = db.lease();
  for (const auto& w : who) {
    std::string name;
    soci::indicator ind = soci::i_null;
    if (w.find('@') != std::string::npos)
      *s << "SELECT display_name FROM users WHERE email = :e", soci::use(w), soci::into(name, ind);
    out[w] = ind == soci::i_ok && !trim_name(name).empty() ? trim_name(name) : actor_label(w);
  }
  return out;
}

}  // namespace carepilot::store
