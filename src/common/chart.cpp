#include "common/chart.hpp"

namespace carepilot::chart {

int Frame::y_of(std::int64_t value, std::int64_t max) const {
  return baseline_y() - static_cast<int>(value * plot_height() / max);
}

int Frame::slot_width(std::size_t n) const {
  return n == 0 ? plot_width() : plot_width() / static_cast<int>(n);
}

int Frame::slot_left(std::size_t i, std::size_t n) const {
  return left + static_cast<int>(i) * slot_width(n);
}

int Frame::slot_centre(std::size_t i, std::size_t n) const {
  return slot_left(i, n) + slot_width(n) / 2;
}

std::string polyline_points(const std::vector<Point>& points) {
  std::string out;
  for (const auto& p : points) {
    if (!out.empty()) out += ' ';
    out += std::to_string(p.x) + "," + std::to_string(p.y);
  }
  return out;
}

}  // namespace carepilot::chart
