// Nothing a user recorded is destroyed (issue 12, point 1): evidence, PAQ actions, crisis
// exercises, training campaigns, budget declarations and assessment attachments are
// withdrawn, with a reason, by whom and when. The shared parts: the withdrawal itself and
// the check of its reason (the field « Motif du retrait »).
#pragma once

#include <cstddef>
#include <string>

namespace carepilot {

struct Withdrawal {
  std::string at;  // UTC ISO instant; empty while the record counts
  std::string by;
  std::string reason;
  bool withdrawn() const { return !at.empty(); }
};

// Longest reason accepted, in bytes.
inline constexpr std::size_t kMaxWithdrawalReasonBytes = 2000;

// The reason, trimmed. UserError 422 on the field "reason" (code "<module>.reason_required"
// or "<module>.reason_too_long"), the message naming « Motif du retrait » and saying what
// is withdrawn: `what` completes "indiquez pourquoi …", e.g. "cette action est retirée".
std::string checked_withdrawal_reason(const std::string& reason, const std::string& module,
                                      const std::string& what);

}  // namespace carepilot
