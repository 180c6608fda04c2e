// Withdrawing a row instead of deleting it (issue 12, point 1; common/withdrawal.hpp): the
// row of a withdrawable table gets withdrawn_at / withdrawn_by / withdrawal_reason
// (migrations 0021, 0022).
#pragma once

#include <soci/soci.h>

#include <string>

#include "common/withdrawal.hpp"

namespace carepilot::store {

// Marks row `id` of the establishment `est_id` in `table` withdrawn now by `user` with the
// (already checked) `reason`. `table` must be one of the withdrawable tables
// (std::invalid_argument otherwise). Returns the withdrawal written.
Withdrawal mark_withdrawn(soci::session& sql, const std::string& table, long long id,
                          long long est_id, const std::string& reason, const std::string& user);

// The SQL columns read back: "COALESCE(withdrawn_at, ''), COALESCE(withdrawn_by, ''),
// COALESCE(withdrawal_reason, '')", each prefixed by `alias.` when `alias` is not empty.
std::string withdrawal_columns(const std::string& alias = "");

}  // namespace carepilot::store
