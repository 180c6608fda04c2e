// The engine at national scale: 40,000 establishments with five years of evidence each
// (2022-2026, ~90 records per establishment), evaluated as of 2026-11-23, then the
// national aggregation over the reports.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>
#include <random>

#include "common/finess.hpp"
#include "engine/aggregate.hpp"
#include "engine/bundle.hpp"
#include "engine/evaluate.hpp"
#include "referential/loader.hpp"

namespace {

using namespace carepilot;
using nlohmann::json;

constexpr int kEstablishments = 40000;

const referential::Referential& ref() {
  static const auto r = referential::load_referential_dir(CAREPILOT_DATA_DIR);
  return r;
}

std::string day(int year, int month, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, d);
  return buf;
}

// A finess with a valid Luhn key: department 01-95 and a running number.
std::string make_finess(int n) {
  std::string s = std::to_string(100000000 + (n % 95 + 1) * 1000000 + n * 10 % 1000000);
  s = s.substr(1, 8);
  for (char k = '0'; k <= '9'; ++k)
    if (finess_valid(s + k)) return s + k;
  return s + '0';
}

// Evidence drawn so that each obligation is met, due or overdue for some establishments.
json establishment_json(int n, std::mt19937& rng) {
  auto pick = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  json services = {"urgences",    "chirurgie", "pharmacie",     "imagerie",
                   "laboratoire", "medecine",  "administration"};
  json ev = json::array();
  for (int y = 2022; y <= 2026; ++y) {
    if (pick(85))
      ev.push_back({{"type", "crisis_exercise"},
                    {"date", day(y, 3, 2)},
                    {"declared_on", day(y, 3, 10)},
                    {"retex_in_paq", pick(80)}});
    if (pick(85))
      ev.push_back({{"type", "maturity_assessment"},
                    {"date", day(y, 4, 1)},
                    {"score", 40 + rng() % 50},
                    {"declared_on", day(y, 4, 15)}});
    for (int q = 0; q < 4; ++q)
      if (pick(80))
        ev.push_back({{"type", "ad_audit"}, {"date", day(y, q * 3 + 2, 5)}, {"source", "ads"}});
    for (int m = 2; m <= 11; m += 4)
      ev.push_back({{"type", "paq_action"}, {"date", day(y, m, 1)}, {"cyber", pick(70)}});
    ev.push_back({{"type", "training_coverage"},
                  {"date", day(y, 6, 30)},
                  {"staff", 1200},
                  {"trained", pick(20) ? 1200 : 900 + static_cast<int>(rng() % 300)}});
    for (int q = 0; q < 4; ++q)
      ev.push_back({{"type", "mfa_coverage"},
                    {"date", day(y, q * 3 + 3, 28)},
                    {"accesses", 40},
                    {"covered", 5 + (y - 2022) * 7 + q}});
    ev.push_back({{"type", "budget_declaration"},
                  {"year", y},
                  {"date", day(y, 5, 1)},
                  {"total_eur", 250e6},
                  {"digital_eur", pick(60) ? 4.5e6 : 3e6},
                  {"cyber_eur", 0.9e6}});
  }
  ev.push_back({{"type", "registration"}, {"service", "club-ssi"}, {"date", "2023-02-01"}});
  if (pick(80))
    ev.push_back({{"type", "registration"}, {"service", "silene"}, {"date", "2024-02-01"}});
  ev.push_back({{"type", "continuity_plan"},
                {"kind", pick(70) ? "pcra" : "pcri"},
                {"covers_it_outage", pick(90)},
                {"date", pick(70) ? "2025-05-01" : "2025-09-01"}});
  for (const auto& s : services)
    if (pick(75)) ev.push_back({{"type", "bia"}, {"service", s}, {"date", "2026-03-01"}});
  return {{"finess", make_finess(n)},
          {"name", "Établissement " + std::to_string(n)},
          {"category", pick(90) ? "sanitaire" : "medico-social"},
          {"services", services},
          {"evidence", ev}};
}

const engine::Bundle& national() {
  static const engine::Bundle b = [] {
    std::mt19937 rng(42);
    json doc = {{"establishments", json::array()}};
    for (int i = 0; i < kEstablishments; ++i)
      doc["establishments"].push_back(establishment_json(i, rng));
    return engine::parse_bundle(doc, ref());
  }();
  return b;
}

const Date kAsOf = *parse_date("2026-11-23");

std::vector<engine::EstablishmentReport> evaluate_all() {
  std::vector<engine::EstablishmentReport> out;
  out.reserve(national().establishments.size());
  for (const auto& e : national().establishments)
    out.push_back(engine::evaluate(ref(), e.establishment, e.evidence, kAsOf));
  return out;
}

void BM_EvaluateNational(benchmark::State& state) {
  std::size_t records = 0;
  for (const auto& e : national().establishments) records += e.evidence.size();
  benchmark::DoNotOptimize(evaluate_all().data());  // warm-up: first touch of the heap
  for (auto _ : state) {
    auto reports = evaluate_all();
    benchmark::DoNotOptimize(reports.data());
  }
  state.counters["establishments"] = kEstablishments;
  state.counters["records"] = static_cast<double>(records);
  state.counters["estab_per_s"] =
      benchmark::Counter(kEstablishments, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EvaluateNational)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_AggregateNational(benchmark::State& state) {
  auto reports = evaluate_all();
  for (auto _ : state) {
    auto a = engine::aggregate(ref(), reports);
    benchmark::DoNotOptimize(a.late.data());
  }
}
BENCHMARK(BM_AggregateNational)->Unit(benchmark::kMillisecond);

void BM_EvaluateAndAggregateNational(benchmark::State& state) {
  for (auto _ : state) {
    auto reports = evaluate_all();
    auto a = engine::aggregate(ref(), reports);
    benchmark::DoNotOptimize(a.late.data());
  }
}
BENCHMARK(BM_EvaluateAndAggregateNational)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_EvaluateOneEstablishment(benchmark::State& state) {
  const auto& e = national().establishments.front();
  for (auto _ : state) {
    auto r = engine::evaluate(ref(), e.establishment, e.evidence, kAsOf);
    benchmark::DoNotOptimize(r.obligations.data());
  }
}
BENCHMARK(BM_EvaluateOneEstablishment)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
