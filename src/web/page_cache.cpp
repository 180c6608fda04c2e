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

PageCache::Shared PageCache::get(const std::string& key, std::int64_t generation) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) return nullptr;
  return it->second.response;
}

PageCache::Lookup PageCache::lookup(const std::string& key, std::int64_t generation,
                                    Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return {};
  Entry& e = it->second;
  if (e.generation == generation) return {e.response, false};
  if (!e.stale_since) e.stale_since = now;
  if (!e.refreshing) {
    e.refreshing = true;
    return {nullptr, true};
  }
  if (now - *e.stale_since <= max_stale_) return {e.response, false};
  return {};  // refreshing for too long: compute it here too
}

PageCache::Shared PageCache::put(const std::string& key, std::int64_t generation,
                                 http::Response r) {
  auto shared = std::make_shared<const http::Response>(std::move(r));
  // A full cache is emptied, but its pages are freed after the lock is released: freeing a
  // few thousand pages under it held every other request's lookup meanwhile.
  std::unordered_map<std::string, Entry> dropped;
  std::lock_guard lock(mu_);
  if (entries_.size() >= max_entries_ && !entries_.count(key)) dropped.swap(entries_);
  entries_[key] = {generation, shared, false, std::nullopt};
  return shared;
}

void PageCache::abandon(const std::string& key) {
  std::lock_guard lock(mu_);
  if (auto it = entries_.find(key); it != entries_.end()) it->second.refreshing = false;
}

}  // namespace carepilot::web
