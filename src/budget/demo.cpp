#include "budget/demo.hpp"

namespace carepilot::budget {

namespace {

struct DemoYear {
  int year;
  const char* declared_on;
  std::int64_t total_eur;
  std::int64_t digital_eur[5];  // by profile
  std::int64_t cyber_eur[5];
};

constexpr DemoYear kYears[] = {
    {2024,
     "2024-05-15",
     240'000'000,
     {4'000'000, 3'800'000, 2'900'000, 3'200'000, 2'000'000},
     {700'000, 500'000, 300'000, 600'000, 100'000}},
    {2025,
     "2025-05-15",
     245'000'000,
     {4'300'000, 4'200'000, 3'100'000, 3'400'000, 2'200'000},
     {800'000, 700'000, 400'000, 800'000, 200'000}},
};

}  // namespace

int seed_demo(Repository& repo, registry::Repository& registry, const Date& today) {
  int created = 0;
  registry::EstablishmentFilter f;
  f.per_page = 200;
  auto page = registry.list(Scope::nation(), f);
  int index = 0;
  const Actor actor{"demo", "", ""};
  for (const auto& item : page.items) {
    if (!item.is_demo) continue;
    int profile = index++ % 5;  // the profiles of evidence/demo.cpp
    if (!repo.list(Scope::nation(), item.finess_et).empty()) continue;
    for (const auto& y : kYears) {
      auto on = parse_date(y.declared_on);
      if (*on > today) continue;
      Input in;
      in.year = y.year;
      in.total_cents = y.total_eur * 100;
      in.digital_cents = y.digital_eur[profile] * 100;
      in.cyber_cents = y.cyber_eur[profile] * 100;
      in.declared_on = on;
      repo.save(Scope::nation(), item.finess_et, in, today, actor);
      ++created;
    }
  }
  return created;
}

}  // namespace carepilot::budget
