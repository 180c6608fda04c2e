// Stored regions, GHTs and establishments. Every read and write takes the caller's Scope:
// a record outside it behaves as if it did not exist (NotFound), so a user never learns
// that another establishment's record exists.
#pragma once

#include <map>
#include <optional>

#include "common/actor.hpp"
#include "common/errors.hpp"
#include "common/scope.hpp"
#include "registry/catalog.hpp"
#include "registry/model.hpp"
#include "store/database.hpp"

namespace carepilot::registry {

class Repository {
 public:
  Repository(store::Database& db, const Catalog& catalog) : db_(db), catalog_(catalog) {}

  // Called inside the transaction of every create or update of an establishment (and of
  // FINESS imports, see import_finess_extract) with its id: the upper modules keep what they
  // derive from the record current in the same transaction (stored compliance,
  // evidence/stored.hpp). Empty: nothing is called.
  EstablishmentsWritten on_written;

  // The stored compliance summaries of the establishments `ids` (those without a summary are
  // absent: not computed yet). One query.
  std::map<std::int64_t, LateSummary> late_summaries(const std::vector<std::int64_t>& ids);
  Page<Establishment> list(const Scope& scope, const EstablishmentFilter& filter);
  std::optional<Establishment> find(const Scope& scope, const std::string& finess_et);
  std::optional<Establishment> find_by_id(const Scope& scope, std::int64_t id);
  // find, or UserError 404 with the one message every module gives: outside the scope an
  // establishment does not exist (the same answer as for a number nobody uses).
  Establishment visible(const Scope& scope, const std::string& finess_et);
  // Throws UserError: 422 (invalid, with field errors), 409 (duplicate FINESS), 404.
  // Every change below is written to the audit trail in its transaction, as `actor`.
  Establishment create(const Scope& scope, EstablishmentInput input, const Actor& actor = {});
  Establishment update(const Scope& scope, const std::string& finess_et, EstablishmentInput input,
                       const Actor& actor = {});

  std::vector<Region> regions(const Scope& scope);
  std::optional<Region> region(const Scope& scope, const std::string& code);
  // Regions are seeded from the catalog; the national level may add one or rename one.
  Region create_region(const Scope& scope, const std::string& code, const std::string& name,
                       const Actor& actor = {});
  Region rename_region(const Scope& scope, const std::string& code, const std::string& name,
                       const Actor& actor = {});

  std::vector<Ght> ghts(const Scope& scope, const std::string& region_code = {});
  std::optional<Ght> ght(const Scope& scope, std::int64_t id);
  Ght create_ght(const Scope& scope, Ght ght, const Actor& actor = {});
  Ght update_ght(const Scope& scope, std::int64_t id, Ght ght, const Actor& actor = {});

  struct Counts {
    long long establishments = 0, sanitaires = 0, medico_sociaux = 0, ghts = 0, regions = 0;
  };
  Counts counts(const Scope& scope);
  // Establishments not marked as demonstration data (is_demo = 0), nationwide: a database
  // that holds any refuses the demo data and the demo accounts (issue 23).
  long long real_establishments();

  // Inserts the catalog's regions that are missing (idempotent).
  void seed_regions();

  // Writes an establishment inside an open transaction of `s` (used by the importer):
  // inserts, or updates the row with the same FINESS ET. Input must be validated already.
  void upsert_in(soci::session& s, const EstablishmentInput& in);

 private:
  std::vector<std::string> load_services(soci::session& s, std::int64_t id);
  void write_services(soci::session& s, std::int64_t id, const std::vector<std::string>& services);
  // Never lease a session while holding one: the pool may have a single connection.
  void check_ght(const Scope& scope, EstablishmentInput& in);
  std::optional<Establishment> find_in(soci::session& s, const Scope& scope,
                                       const std::string& finess_et);
  Establishment read_back(soci::session& s, const std::string& finess_et);
  bool ght_visible(const Scope& scope, const Ght& g);

  store::Database& db_;
  const Catalog& catalog_;
};

}  // namespace carepilot::registry
