// Serialising the writers that may create a row unique per establishment.
#pragma once

#include <soci/soci.h>

namespace carepilot::store {

// Inside a Transaction that may create a row unique per establishment (a year's draft, the
// PAQ action of an audit's finding), before looking for it: serialises those writers. SQLite's
// BEGIN IMMEDIATE already does; PostgreSQL locks the establishment's row (found by
// tests/ops/crash_test.cpp: a unique-key violation, HTTP 500).
void lock_establishment(soci::session& sql, long long establishment_id);

}  // namespace carepilot::store
