#include "store/withdrawal.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

#include "store/clock.hpp"

namespace carepilot::store {

namespace {
constexpr std::array<std::string_view, 14> kWithdrawable = {"evidence",
                                                            "paq_actions",
                                                            "exercises",
                                                            "training_campaigns",
                                                            "budget_declarations",
                                                            "assessment_attachments",
                                                            "continuity_resources",
                                                            "continuity_activities",
                                                            "continuity_bias",
                                                            "continuity_plans",
                                                            "continuity_plan_tests",
                                                            "continuity_restore_tests",
                                                            "incident_attachments",
                                                            "incidents"};
}  // namespace

Withdrawal mark_withdrawn(soci::session& sql, const std::string& table, long long id,
                          long long est_id, const std::string& reason, const std::string& user) {
  bool known = false;
  for (auto t : kWithdrawable) known = known || t == table;
  if (!known) throw std::invalid_argument("not a withdrawable table: " + table);
  Withdrawal w{now_utc_iso(), user, reason};
  sql << "UPDATE " + table +
             " SET withdrawn_at = :a, withdrawn_by = :b, withdrawal_reason = :r "
             "WHERE id = :id AND establishment_id = :e AND withdrawn_at IS NULL",
      soci::use(w.at), soci::use(w.by), soci::use(w.reason), soci::use(id), soci::use(est_id);
  return w;
}

std::string withdrawal_columns(const std::string& alias) {
  const std::string p = alias.empty() ? "" : alias + ".";
  return "COALESCE(" + p + "withdrawn_at, ''), COALESCE(" + p + "withdrawn_by, ''), COALESCE(" + p +
         "withdrawal_reason, '')";
}

}  // namespace carepilot::store
