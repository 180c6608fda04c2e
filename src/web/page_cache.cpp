#include "web/page_cache.hpp"

namespace carepilot::web {

std::string PageCache::key(const http::Request& req, const std::string& raw_query) {
  const auto& s = req.caller.scope;
  std::string k = std::to_string(static_cast<int>(s.level)) + "|" + s.region_code + "|" +
                  std::to_string(s.ght_id) + "|" + std::to_string(s.establishment_id) + "|" +
                  std::string(role_name(req.caller.role)) + (req.caller.signed_in ? "" : "-anon") +
                  "|" + req.path + "?" + raw_query;
  return k;
}

std::optional<http::Response> PageCache::get(const std::string& key, std::int64_t generation) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) return std::nullopt;
  return it->second.response;
}

void PageCache::put(const std::string& key, std::int64_t generation, const http::Response& r) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= max_entries_) {
    // Stale entries go first; when all are current, start afresh.
    for (auto it = entries_.begin(); it != entries_.end();)
      it = it->second.generation != generation ? entries_.erase(it) : std::next(it);
    if (entries_.size() >= max_entries_) entries_.clear();
  }
  entries_[key] = {generation, r};
}

}  // namespace carepilot::web
