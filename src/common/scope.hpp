// The part of the territory a request may see: the nation, one region, one GHT or one
// establishment. Every query on establishments filters through it (store/scope_filter.hpp).
#pragma once

#include <cstdint>
#include <string>

namespace carepilot {

struct Scope {
  enum class Level { nation, region, ght, establishment };
  Level level = Level::nation;
  std::string region_code;            // level == region
  std::int64_t ght_id = 0;            // level == ght
  std::int64_t establishment_id = 0;  // level == establishment

  static Scope nation() { return {}; }
  static Scope region(std::string code) { return {Level::region, std::move(code), 0, 0}; }
  static Scope ght(std::int64_t id) { return {Level::ght, {}, id, 0}; }
  static Scope establishment(std::int64_t id) { return {Level::establishment, {}, 0, id}; }
};

// Height of a level: establishment 0, GHT 1, region 2, nation 3.
constexpr int level_rank(Scope::Level l) {
  switch (l) {
    case Scope::Level::establishment:
      return 0;
    case Scope::Level::ght:
      return 1;
    case Scope::Level::region:
      return 2;
    case Scope::Level::nation:
      return 3;
  }
  return 0;
}

}  // namespace carepilot
