#include "http/personalize.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <vector>

#include "http/templates.hpp"

namespace carepilot::http {

namespace {

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

// NAME: "signed_in", an Access name, or "second_factor" / "no_second_factor" (whether the
// caller passed a second factor: the acts of http::require_second_factor, withdrawing and
// declaring). Page templates reach the nonce as {{MARK}} (http::render_page).
bool condition(const std::string& name, const Caller& c) {
  static const std::map<std::string, Access> kAccess{
      {"read", Access::read},
      {"edit_records", Access::edit_records},
      {"edit_registry", Access::edit_registry},
      {"manage_users", Access::manage_users},
      {"view_audit", Access::view_audit},
      {"operate_platform", Access::operate_platform}};
  if (name == "signed_in") return c.signed_in && !c.user.empty();
  // The acts that need the second factor on top of the route's access (withdrawing,
  // declaring: http::require_second_factor), and the note shown instead when it is missing.
  if (name == "second_factor") return c.signed_in && c.second_factor;
  if (name == "no_second_factor") return c.signed_in && !c.second_factor;
  auto it = kAccess.find(name);
  return it != kAccess.end() && c.signed_in && c.can(it->second);
}

}  // namespace

std::string personalize(std::string_view body, const Caller& caller) {
  // Only bodies made by render_page carry placeholders, announced by their first line.
  const std::string_view mark = kMarkPrefix;
  if (body.substr(0, mark.size()) != mark) return std::string(body);
  const auto end = body.find("-->", mark.size());
  if (end == std::string_view::npos) return std::string(body);
  const std::string nonce(body.substr(mark.size(), end - mark.size()));
  body.remove_prefix(end + 3);

  // The ranges of `body` left out: the markers of kept blocks, whole dropped blocks. A block
  // ends at the first closing marker of its name not already left out.
  std::vector<std::pair<std::size_t, std::size_t>> cut;  // [begin, end)
  auto is_cut = [&cut](std::size_t pos) {
    return std::any_of(cut.begin(), cut.end(),
                       [pos](const auto& r) { return pos >= r.first && pos < r.second; });
  };
  const std::string open = "<!--cp-if-" + nonce + ":";
  for (auto pos = body.find(open); pos != std::string_view::npos;) {
    const auto name_end = body.find("-->", pos);
    if (name_end == std::string_view::npos) break;
    const std::string name(body.substr(pos + open.size(), name_end - pos - open.size()));
    const std::string close = "<!--/cp-if-" + nonce + ":" + name + "-->";
    auto close_pos = body.find(close, name_end);
    while (close_pos != std::string_view::npos && is_cut(close_pos))
      close_pos = body.find(close, close_pos + close.size());
    if (close_pos == std::string_view::npos) break;
    if (condition(name, caller)) {
      cut.emplace_back(pos, name_end + 3);
      cut.emplace_back(close_pos, close_pos + close.size());
      pos = body.find(open, name_end + 3);
    } else {
      cut.emplace_back(pos, close_pos + close.size());
      pos = body.find(open, close_pos + close.size());
    }
  }
  std::sort(cut.begin(), cut.end());

  // One copy of what is kept, the placeholders replaced on the way.
  const std::string csrf_mark = "cp-csrf-" + nonce, user_mark = "cp-user-" + nonce;
  const std::string csrf = html_escape(caller.csrf), user = html_escape(caller.user);
  std::string out;
  out.reserve(body.size() + 128);
  auto copy = [&](std::string_view part) {
    for (std::size_t i = 0; i < part.size();) {
      const auto c = part.find(csrf_mark, i), u = part.find(user_mark, i);
      const auto next = std::min(c, u);
      if (next == std::string_view::npos) {
        out.append(part.substr(i));
        break;
      }
      out.append(part.substr(i, next - i));
      out.append(next == c ? csrf : user);
      i = next + (next == c ? csrf_mark.size() : user_mark.size());
    }
  };
  std::size_t at = 0;
  for (const auto& [from, to] : cut) {
    if (from > at) copy(body.substr(at, from - at));
    at = std::max(at, to);
  }
  if (at < body.size()) copy(body.substr(at));
  return out;
}

}  // namespace carepilot::http
