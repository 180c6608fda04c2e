// Geometry shared by the server-side SVG charts (the budget history's bars, the compliance
// trend lines of the dashboards): a plot area inside margins, a vertical scale from 0 to a
// top value, and equal horizontal slots. Pure; the templates draw the SVG.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace carepilot::chart {

struct Frame {
  int width = 640, height = 260;
  int left = 56, right = 16, top = 16, bottom = 36;  // margins

  int plot_width() const { return width - left - right; }
  int plot_height() const { return height - top - bottom; }
  int baseline_y() const { return top + plot_height(); }
  int right_x() const { return width - right; }
  // Vertical position of `value` on the scale 0..`max` (max > 0; truncated towards the
  // baseline, so that stacked parts never overshoot their total).
  int y_of(std::int64_t value, std::int64_t max) const;
  // `n` equal slots across the plot: the width of one, the left edge and the centre of slot i.
  int slot_width(std::size_t n) const;
  int slot_left(std::size_t i, std::size_t n) const;
  int slot_centre(std::size_t i, std::size_t n) const;
};

struct Point {
  int x = 0, y = 0;
};

// "x1,y1 x2,y2 …", the points attribute of an SVG polyline.
std::string polyline_points(const std::vector<Point>& points);

}  // namespace carepilot::chart
