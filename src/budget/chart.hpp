// Geometry of the history chart of the budget page (server-side SVG drawn by
// budget_list.tpl): one stacked bar per declared year (digital, then cyber on top) against
// a vertical scale in tenths of a percent, with the 2 % threshold line, laid out on the
// shared chart::Frame (common/chart.hpp). Pure.
#pragma once

#include <vector>

#include "budget/model.hpp"

namespace carepilot::budget {

struct ChartBar {
  int year = 0;
  int x = 0, width = 0;              // horizontal position of the bar
  int digital_y = 0, digital_h = 0;  // digital part (bottom)
  int cyber_y = 0, cyber_h = 0;      // cyber part (on top)
  int label_x = 0;                   // centre, for the year label
  bool meets = false;
  std::int64_t combined_permille = 0;
};

struct ChartTick {
  int y = 0;
  std::int64_t permille = 0;
};

struct Chart {
  int width = 640, height = 260;
  int left = 56, right = 16, top = 16, bottom = 36;  // margins
  std::int64_t max_permille = 0;                     // top of the scale
  int baseline_y = 0, threshold_y = 0;
  std::vector<ChartTick> ticks;  // every whole percent (every 2 % beyond 10 %)
  std::vector<ChartBar> bars;
};

// `declarations` by year. The scale's top is the largest combined share rounded up to the
// next whole percent, at least 4 %.
Chart history_chart(const std::vector<Declaration>& declarations);

}  // namespace carepilot::budget
