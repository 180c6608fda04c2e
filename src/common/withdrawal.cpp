#include "common/withdrawal.hpp"

#include "common/errors.hpp"

namespace carepilot {

std::string checked_withdrawal_reason(const std::string& reason, const std::string& module,
                                      const std::string& what) {
  const auto first = reason.find_first_not_of(" \t\r\n");
  if (first == std::string::npos)
    throw UserError::invalid(
        {{"reason", module + ".reason_required",
          "Motif du retrait : indiquez pourquoi " + what + " (rien n'est jamais supprimé)."}});
  std::string out = reason.substr(first, reason.find_last_not_of(" \t\r\n") - first + 1);
  if (out.size() > kMaxWithdrawalReasonBytes)
    throw UserError::invalid({{"reason", module + ".reason_too_long",
                               "Motif du retrait : " + std::to_string(kMaxWithdrawalReasonBytes) +
                                   " caractères au plus."}});
  return out;
}

}  // namespace carepilot
