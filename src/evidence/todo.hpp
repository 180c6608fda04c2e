// The compliance page as a to-do list: per obligation that is not met, the page where the
// missing fact is recorded (plan an exercise, add a PCA, declare the budget …), and the
// deadline in words. Used by the compliance page and by the establishment summary of the
// home and establishment pages.
#pragma once

#include <optional>
#include <string>

#include "common/date.hpp"
#include "engine/report.hpp"

namespace carepilot::evidence {

// A button that fixes an obligation: its French label and the page it opens.
struct FixAction {
  std::string label;
  std::string href;
};

// The action that records what `o` lacks, for the establishment `finess` as of `as_of`;
// nullopt when the obligation is met or not applicable.
std::optional<FixAction> fix_action(const engine::ObligationResult& o, const std::string& finess,
                                    const Date& as_of);

// "31/12/2026", "À réaliser" (not met, no deadline), "Sans échéance" (met, no deadline).
std::string deadline_text(const engine::ObligationResult& o);
// "dans 29 jours", "aujourd'hui", "54 jours de retard", "" when neither applies.
std::string delay_text(const engine::ObligationResult& o);

// Not met first: overdue (most days late first), then due with a deadline (nearest
// first), then due without one; then met, then not applicable. Referential order breaks ties.
bool todo_before(const engine::ObligationResult& a, std::size_t a_index,
                 const engine::ObligationResult& b, std::size_t b_index);

}  // namespace carepilot::evidence
