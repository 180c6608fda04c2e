// A cache of rendered GET responses for routes marked cacheable, keyed by the caller's
// scope and rights and the full request target, and valid for one data generation
// (store/generation.hpp): any write anywhere makes every entry stale. Bounded in size.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/request.hpp"

namespace carepilot::web {

class PageCache {
 public:
  explicit PageCache(std::size_t max_entries = 2048) : max_entries_(max_entries) {}
  static std::string key(const http::Request& req, const std::string& raw_query);
  std::optional<http::Response> get(const std::string& key, std::int64_t generation);
  void put(const std::string& key, std::int64_t generation, const http::Response& r);

 private:
  struct Entry {
    std::int64_t generation;
    http::Response response;
  };
  std::size_t max_entries_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace carepilot::web
