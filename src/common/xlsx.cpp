#include "common/xlsx.hpp"

#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "common/export.hpp"

namespace carepilot::exports {

struct Workbook::Impl {
  std::filesystem::path path;
  lxw_workbook* wb = nullptr;
  lxw_format* bold = nullptr;
  lxw_format* bold_wrap = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* date = nullptr;
  lxw_format* pct = nullptr;
  lxw_format* euros = nullptr;
  bool closed = false;
};

namespace {
lxw_worksheet* ws_of(void* p) {
  return static_cast<lxw_worksheet*>(p);
}
}  // namespace

Workbook::Workbook() : impl_(std::make_unique<Impl>()) {
  std::random_device rd;
  impl_->path = std::filesystem::temp_directory_path() /
                ("carepilot-export-" + std::to_string(rd()) + std::to_string(rd()) + ".xlsx");
  impl_->wb = workbook_new(impl_->path.string().c_str());
  if (!impl_->wb) throw std::runtime_error("xlsx: cannot create " + impl_->path.string());
  impl_->bold = workbook_add_format(impl_->wb);
  format_set_bold(impl_->bold);
  impl_->bold_wrap = workbook_add_format(impl_->wb);
  format_set_bold(impl_->bold_wrap);
  format_set_text_wrap(impl_->bold_wrap);
  impl_->wrap = workbook_add_format(impl_->wb);
  format_set_text_wrap(impl_->wrap);
  impl_->date = workbook_add_format(impl_->wb);
  format_set_num_format(impl_->date, "dd/mm/yyyy");
  impl_->pct = workbook_add_format(impl_->wb);
  format_set_num_format(impl_->pct, "0.0%");
  impl_->euros = workbook_add_format(impl_->wb);
  format_set_num_format(impl_->euros, "#,##0.00\\ \"€\"");
}

Workbook::~Workbook() {
  if (!impl_->closed) workbook_close(impl_->wb);
  std::error_code ec;
  std::filesystem::remove(impl_->path, ec);
}

Workbook::Sheet Workbook::sheet(std::string_view name) {
  lxw_worksheet* ws = workbook_add_worksheet(impl_->wb, std::string(name).c_str());
  if (!ws) throw std::runtime_error("xlsx: cannot add the sheet " + std::string(name));
  return Sheet(ws, this);
}

std::string Workbook::bytes() {
  if (impl_->closed) throw std::logic_error("xlsx: workbook already closed");
  impl_->closed = true;
  const lxw_error err = workbook_close(impl_->wb);
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(err));
  std::ifstream in(impl_->path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void Workbook::Sheet::header(const std::vector<std::string>& titles,
                             const std::vector<double>& widths, const std::vector<int>& wrap) {
  columns_ = static_cast<int>(titles.size());
  auto wraps = [&](int c) {
    for (int w : wrap)
      if (w == c) return true;
    return false;
  };
  const bool any_wrap = !wrap.empty();
  for (int c = 0; c < columns_; ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    if (static_cast<std::size_t>(c) < widths.size())
      worksheet_set_column(ws_of(ws_), col, col, widths[static_cast<std::size_t>(c)],
                           wraps(c) ? wb_->impl_->wrap : nullptr);
    worksheet_write_string(ws_of(ws_), 0, col,
                           xml_text(titles[static_cast<std::size_t>(c)]).c_str(),
                           any_wrap ? wb_->impl_->bold_wrap : wb_->impl_->bold);
  }
}

void Workbook::Sheet::text(std::uint32_t row, int col, std::string_view value) {
  worksheet_write_string(ws_of(ws_), row, static_cast<lxw_col_t>(col), xml_text(value).c_str(),
                         nullptr);
}

void Workbook::Sheet::number(std::uint32_t row, int col, double value) {
  worksheet_write_number(ws_of(ws_), row, static_cast<lxw_col_t>(col), value, nullptr);
}

void Workbook::Sheet::date(std::uint32_t row, int col, const Date& d) {
  lxw_datetime dt{static_cast<int>(d.year()),
                  static_cast<int>(static_cast<unsigned>(d.month())),
                  static_cast<int>(static_cast<unsigned>(d.day())),
                  0,
                  0,
                  0.0};
  worksheet_write_datetime(ws_of(ws_), row, static_cast<lxw_col_t>(col), &dt, wb_->impl_->date);
}

void Workbook::Sheet::share(std::uint32_t row, int col, double value) {
  worksheet_write_number(ws_of(ws_), row, static_cast<lxw_col_t>(col), value, wb_->impl_->pct);
}

void Workbook::Sheet::euros(std::uint32_t row, int col, double value) {
  worksheet_write_number(ws_of(ws_), row, static_cast<lxw_col_t>(col), value, wb_->impl_->euros);
}

void Workbook::Sheet::freeze_header(bool filter, std::uint32_t last_row) {
  worksheet_freeze_panes(ws_of(ws_), 1, 0);
  if (filter && columns_ > 0)
    worksheet_autofilter(ws_of(ws_), 0, 0, last_row > 0 ? last_row : 1,
                         static_cast<lxw_col_t>(columns_ - 1));
}

}  // namespace carepilot::exports
