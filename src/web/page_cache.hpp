// A cache of rendered GET responses for routes marked cacheable, keyed by the caller's
// scope and rights and the full request target, and valid for one generation: the global
// data generation (store/generation.hpp) plus the generation of the scope the page shows
// (store/scope_generation.hpp), so a write about one establishment leaves the pages of
// other regions and GHTs alone. Bounded in size.
//
// Stale while refreshing: when an entry's generation is outdated, the first request that
// finds it so is told to refresh it (lookup().refresh) while the others keep being served
// the previous page for at most `max_stale` — under a steady flow of writes a national
// dashboard is then computed by one request at a time, never by all of them at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.hpp"

namespace carepilot::web {

class PageCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit PageCache(std::size_t max_entries = 2048,
                     Clock::duration max_stale = std::chrono::seconds(1))
      : max_entries_(max_entries), max_stale_(max_stale) {}
  static std::string key(const http::Request& req, const std::string& raw_query);

  // Entries are shared, never copied: a hit costs a reference count, not a copy of the page
  // under the lock.
  using Shared = std::shared_ptr<const http::Response>;
  struct Lookup {
    Shared response;       // fresh, or stale while another refreshes (null: none)
    bool refresh = false;  // this request refreshes the entry: put() or abandon() after
  };
  Lookup lookup(const std::string& key, std::int64_t generation, Clock::time_point now);
  // A fresh entry only (no stale serving).
  Shared get(const std::string& key, std::int64_t generation);
  // Keeps `r` and returns it shared.
  Shared put(const std::string& key, std::int64_t generation, http::Response r);
  // The refreshing request failed: the next one refreshes.
  void abandon(const std::string& key);

 private:
  struct Entry {
    std::int64_t generation;
    Shared response;
    bool refreshing = false;
    std::optional<Clock::time_point> stale_since;
  };
  std::size_t max_entries_;
  Clock::duration max_stale_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace carepilot::web
