#include "budget/chart.hpp"

#include <algorithm>

#include "common/chart.hpp"

namespace carepilot::budget {

Chart history_chart(const std::vector<Declaration>& declarations) {
  Chart c;
  std::int64_t top = 40;
  for (const auto& d : declarations) top = std::max(top, shares(d).combined_permille);
  c.max_permille = (top + 9) / 10 * 10;
  const chart::Frame frame{c.width, c.height, c.left, c.right, c.top, c.bottom};
  c.baseline_y = frame.baseline_y();
  auto y_of = [&](std::int64_t pm) { return frame.y_of(pm, c.max_permille); };
  c.threshold_y = y_of(kThresholdPercent * 10);
  const std::int64_t step = c.max_permille > 100 ? 20 : 10;
  for (std::int64_t pm = 0; pm <= c.max_permille; pm += step) c.ticks.push_back({y_of(pm), pm});
  if (declarations.empty()) return c;
  const std::size_t n = declarations.size();
  const int slot = frame.slot_width(n);
  const int width = std::min(60, slot * 3 / 5);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& d = declarations[i];
    auto s = shares(d);
    ChartBar b;
    b.year = d.year;
    b.x = frame.slot_left(i, n) + (slot - width) / 2;
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
