#include "http/personalize.hpp"

#include <map>

#include "http/templates.hpp"

namespace carepilot::http {

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

std::string html_escape(const std::string& in) {
  std::string out;
  for (char c : in) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

bool condition(const std::string& name, const Caller& c) {
  static const std::map<std::string, Access> kAccess{
      {"read", Access::read},
      {"edit_records", Access::edit_records},
      {"edit_registry", Access::edit_registry},
      {"manage_users", Access::manage_users},
      {"view_audit", Access::view_audit},
      {"operate_platform", Access::operate_platform}};
  if (name == "signed_in") return c.signed_in && !c.user.empty();
  auto it = kAccess.find(name);
  return it != kAccess.end() && c.signed_in && c.can(it->second);
}

}  // namespace

std::string personalize(std::string body, const Caller& caller) {
  // Only bodies made by render_page carry placeholders, announced by their first line.
  const std::string mark = kMarkPrefix;
  if (body.compare(0, mark.size(), mark) != 0) return body;
  auto end = body.find("-->", mark.size());
  if (end == std::string::npos) return body;
  const std::string nonce = body.substr(mark.size(), end - mark.size());
  body.erase(0, end + 3);
  const std::string open = "<!--cp-if-" + nonce + ":";
  for (auto pos = body.find(open); pos != std::string::npos; pos = body.find(open, pos)) {
    auto name_end = body.find("-->", pos);
    if (name_end == std::string::npos) break;
    std::string name = body.substr(pos + open.size(), name_end - pos - open.size());
    std::string close = "<!--/cp-if-" + nonce + ":" + name + "-->";
    auto close_pos = body.find(close, name_end);
    if (close_pos == std::string::npos) break;
    if (condition(name, caller)) {
      body.erase(close_pos, close.size());
      body.erase(pos, name_end + 3 - pos);
    } else {
      body.erase(pos, close_pos + close.size() - pos);
    }
  }
  replace_all(body, "cp-csrf-" + nonce, html_escape(caller.csrf));
  replace_all(body, "cp-user-" + nonce, html_escape(caller.user));
  return body;
}

}  // namespace carepilot::http
