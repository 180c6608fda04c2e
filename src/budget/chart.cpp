#include "budget/chart.hpp"

#include <algorithm>

namespace carepilot::budget {

Chart history_chart(const std::vector<Declaration>& declarations) {
  Chart c;
  std::int64_t top = 40;
  for (const auto& d : declarations) top = std::max(top, shares(d).combined_permille);
  c.max_permille = (top + 9) / 10 * 10;
  const int plot_h = c.height - c.top - c.bottom;
  const int plot_w = c.width - c.left - c.right;
  c.baseline_y = c.top + plot_h;
  auto y_of = [&](std::int64_t pm) {
    return c.baseline_y - static_cast<int>(pm * plot_h / c.max_permille);
  };
  c.threshold_y = y_of(kThresholdPercent * 10);
  const std::int64_t step = c.max_permille > 100 ? 20 : 10;
  for (std::int64_t pm = 0; pm <= c.max_permille; pm += step) c.ticks.push_back({y_of(pm), pm});
  if (declarations.empty()) return c;
  const int slot = plot_w / static_cast<int>(declarations.size());
  const int width = std::min(60, slot * 3 / 5);
  for (std::size_t i = 0; i < declarations.size(); ++i) {
    const auto& d = declarations[i];
    auto s = shares(d);
    ChartBar b;
    b.year = d.year;
    b.x = c.left + static_cast<int>(i) * slot + (slot - width) / 2;
    b.width = width;
    b.label_x = b.x + width / 2;
    // Heights from the exact combined share so that the stack never overshoots it.
    b.digital_y = y_of(s.digital_permille);
    b.digital_h = c.baseline_y - b.digital_y;
    b.cyber_y = y_of(s.combined_permille);
    b.cyber_h = b.digital_y - b.cyber_y;
    b.meets = meets_threshold(d);
    b.combined_permille = s.combined_permille;
    c.bars.push_back(b);
  }
  return c;
}

}  // namespace carepilot::budget
