// The identification inventory of an establishment: populations, access points and the
// matrix cells. Every operation first resolves the establishment with
// registry::Repository::visible(scope, finess) (404 outside the caller's scope) and every
// query filters on it, so a population or access point of another establishment is unknown
// here (422 naming the field). Each write validates everything first (one UserError 422 with
// every refusal), then writes in one store::Transaction with its audit entry and re-emits the
// establishment's mfa_coverage and mfa_trajectory evidence as of `today`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/actor.hpp"
#include "common/scope.hpp"
#include "evidence/repository.hpp"
#include "identification/data.hpp"
#include "identification/engine.hpp"
#include "identification/input.hpp"
#include "registry/repository.hpp"
#include "store/database.hpp"

namespace carepilot::identification {

class Repository {
 public:
  Repository(store::Database& db, registry::Repository& registry, evidence::Repository& evidence,
             const Data& data = embedded_data())
      : db_(db), registry_(registry), evidence_(evidence), data_(data) {}

  const Data& data() const { return data_; }
  // The database it reads (identification/shares.hpp).
  store::Database& database() const { return db_; }

  // Populations (in the order of data/identification), access points (by name) and cells.
  Inventory inventory(const Scope& scope, const std::string& finess);

  template <typename T>
  struct Saved {
    T value;
    bool created = false;
  };
  // Adds the population of that kind, or sets its headcount when it exists (refused when a
  // cell covers more people than the new headcount).
  Saved<Population> save_population(const Scope& scope, const std::string& finess,
                                    const PopulationInput& in, const Date& today,
                                    const Actor& actor);
  // Adds an access point (its name unique in the establishment).
  AccessPoint add_access_point(const Scope& scope, const std::string& finess,
                               const AccessPointInput& in, const Date& today, const Actor& actor);
  // Sets one population × access point (creates or replaces the cell).
  Saved<Cell> save_cell(const Scope& scope, const std::string& finess, const CellInput& in,
                        const Date& today, const Actor& actor);

  // The coverage as each day's last write left it (mie_coverage_history), oldest first: the
  // history the page charts and the API returns. 404 outside the scope.
  struct CoveragePoint {
    Date day;
    std::int64_t accesses = 0, covered = 0;  // covered <= accesses; 0 accesses: not measured
  };
  std::vector<CoveragePoint> coverage_history(const Scope& scope, const std::string& finess);

  // The evidence records the inventory stands for as of `today` (nullopt: none): what the
  // writes emit, and what the demo seeding emits.
  static std::optional<nlohmann::json> coverage_record(const Coverage& c, const Date& today);
  static std::optional<nlohmann::json> trajectory_record(const Coverage& c, const Date& today);

 private:
  void emit(soci::session& sql, const registry::Establishment& est, const Date& today,
            const Actor& actor);

  store::Database& db_;
  registry::Repository& registry_;
  evidence::Repository& evidence_;
  const Data& data_;
};

}  // namespace carepilot::identification
