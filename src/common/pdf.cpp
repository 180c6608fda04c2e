#include "common/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <stdexcept>

#include "common/text.hpp"

namespace carepilot::pdf {

namespace {

constexpr double kWidth = 595.28, kHeight = 841.89;  // A4 in points
constexpr double kMargin = 56.7;                     // 2 cm
constexpr double kFooter = 28.0;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;
using Font = std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)>;

class CairoWriter final : public Writer {
 public:
  CairoWriter(cairo_t* cr, std::string footer, int total_pages)
      : cr_(cr), footer_(std::move(footer)), total_(total_pages) {}

  void block(const std::string& text, const char* font, double space_before,
             double indent) override {
    if (text.empty()) return;
    y_ += space_before;
    Layout layout(pango_cairo_create_layout(cr_), g_object_unref);
    Font desc(pango_font_description_from_string(font), pango_font_description_free);
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_width(layout.get(),
                           static_cast<int>((kWidth - 2 * kMargin - indent) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    std::string t = printable(text);
    pango_layout_set_text(layout.get(), t.c_str(), static_cast<int>(t.size()));
    PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      double h = static_cast<double>(logical.height) / PANGO_SCALE;
      double baseline_in_line =
          static_cast<double>(pango_layout_iter_get_baseline(iter) - logical.y) / PANGO_SCALE;
      if (y_ + h > kHeight - kMargin - kFooter) new_page();
      cairo_move_to(cr_, kMargin + indent, y_ + baseline_in_line);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
      y_ += h;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
  }

  void heading(const std::string& text, double keep_with_next) override {
    if (y_ > kHeight - kMargin - kFooter - keep_with_next) new_page();
    block(text, "Sans Bold 12", 14, 0);
  }

  void table(const std::vector<std::string>& header, const std::vector<std::vector<Cell>>& rows,
             const std::vector<double>& widths, const char* font) override {
    if (widths.empty() || widths.size() != header.size())
      throw std::invalid_argument("pdf::table: one width per header column");
    const double sum = std::accumulate(widths.begin(), widths.end(), 0.0);
    if (!(sum > 0)) throw std::invalid_argument("pdf::table: widths must add up above zero");
    std::vector<Cell> head;
    for (const auto& h : header) head.emplace_back(h, true);
    const std::vector<double> cols = column_widths(head, widths, sum, font);
    y_ += 6;
    const double bottom = kHeight - kMargin - kFooter;
    // The header with at least the first row (or its first lines), on one page.
    const double head_h = row_height(head, cols, font, true);
    const double first_h = rows.empty() ? 0 : row_height(rows.front(), cols, font, false);
    if (y_ + head_h + std::min(first_h, 60.0) > bottom) new_page();
    draw_row(head, cols, font, true, head_h);
    for (const auto& r : rows) {
      const double h = row_height(r, cols, font, false);
      const bool fresh_page = y_ <= kMargin + head_h + 1;
      if (y_ + h > bottom && !fresh_page) {
        // A row that fits on a page is never split: it starts the next one. A taller row
        // starts where it is (if a few lines fit) and continues on the following pages.
        if (h <= bottom - kMargin - head_h || y_ + 60 > bottom) {
          new_page();
          draw_row(head, cols, font, true, head_h);
        }
      }
      if (y_ + h <= bottom)
        draw_row(r, cols, font, false, h);
      else
        draw_split_row(r, head, cols, font, head_h);
    }
  }

  void finish() { footer(); }
  int pages() const { return page_; }

 private:
  void footer() {
    Layout layout(pango_cairo_create_layout(cr_), g_object_unref);
    Font desc(pango_font_description_from_string("Sans 8"), pango_font_description_free);
    pango_layout_set_font_description(layout.get(), desc.get());
    std::string t = printable(footer_) + " — page " + std::to_string(page_) +
                    (total_ > 0 ? " / " + std::to_string(total_) : std::string());
    pango_layout_set_text(layout.get(), t.c_str(), static_cast<int>(t.size()));
    // Right-aligned within the margins and wrapped there: a footer wider than the text column
    // (a long establishment name and title) was drawn from left of the page's edge, its start
    // cut off (issue 19 trial). Its last line stays above the bottom edge.
    pango_layout_set_width(layout.get(), static_cast<int>((kWidth - 2 * kMargin) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout.get(), &w, &h);
    cairo_move_to(cr_, kMargin, std::min(kHeight - kMargin + 4, kHeight - 12 - h));
    pango_cairo_show_layout(cr_, layout.get());
  }
  static constexpr double kPad = 3;

  Layout cell_layout(const Cell& c, double width, const char* font, bool header) {
    Layout layout(pango_cairo_create_layout(cr_), g_object_unref);
    Font desc(pango_font_description_from_string(font), pango_font_description_free);
    if (header || c.emphasis) pango_font_description_set_weight(desc.get(), PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_width(layout.get(), static_cast<int>((width - 2 * kPad) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    std::string t = printable(c.text);
    pango_layout_set_text(layout.get(), t.c_str(), static_cast<int>(t.size()));
    return layout;
  }

  double row_height(const std::vector<Cell>& row, const std::vector<double>& cols, const char* font,
                    bool header) {
    double h = 0;
    for (std::size_t i = 0; i < cols.size() && i < row.size(); ++i) {
      int w = 0, ph = 0;
      pango_layout_get_size(cell_layout(row[i], cols[i], font, header).get(), &w, &ph);
      h = std::max(h, static_cast<double>(ph) / PANGO_SCALE);
    }
    return h + 2 * kPad;
  }

  // Each column's width from its share, widened so that no word of the header is broken
  // (« Déclaratio-n »): a column narrower than its longest header word takes the missing
  // width from the others, in proportion of what they have beyond their own longest word.
  std::vector<double> column_widths(const std::vector<Cell>& head,
                                    const std::vector<double>& shares, double sum,
                                    const char* font) {
    const double total = kWidth - 2 * kMargin;
    std::vector<double> cols, need;
    for (std::size_t i = 0; i < shares.size(); ++i) {
      cols.push_back(total * shares[i] / sum);
      need.push_back(longest_word(head[i].text, font, true) + 2 * kPad + 1);
    }
    double missing = 0, spare = 0;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (cols[i] < need[i])
        missing += need[i] - cols[i];
      else
        spare += cols[i] - need[i];
    }
    if (missing <= 0 || spare <= 0) return cols;
    const double take = std::min(1.0, missing / spare);
    for (std::size_t i = 0; i < cols.size(); ++i)
      cols[i] = cols[i] < need[i] ? cols[i] + (need[i] - cols[i]) * std::min(1.0, spare / missing)
                                  : cols[i] - (cols[i] - need[i]) * take;
    return cols;
  }

  // The width of the widest word of `text` in `font` (points).
  double longest_word(const std::string& text, const char* font, bool bold) {
    double widest = 0;
    std::string word;
    auto measure = [&] {
      if (word.empty()) return;
      Layout layout(pango_cairo_create_layout(cr_), g_object_unref);
      Font desc(pango_font_description_from_string(font), pango_font_description_free);
      if (bold) pango_font_description_set_weight(desc.get(), PANGO_WEIGHT_BOLD);
      pango_layout_set_font_description(layout.get(), desc.get());
      const std::string t = printable(word);
      pango_layout_set_text(layout.get(), t.c_str(), static_cast<int>(t.size()));
      int w = 0, h = 0;
      pango_layout_get_size(layout.get(), &w, &h);
      widest = std::max(widest, static_cast<double>(w) / PANGO_SCALE);
      word.clear();
    };
    for (char c : text) {
      if (c == ' ' || c == '\n' || c == '\t')
        measure();
      else
        word += c;
    }
    measure();
    return widest;
  }

  // A row taller than what is left of the page: each cell's lines are drawn while they fit,
  // then the row continues on the next page (under the repeated header) with the lines left;
  // no line is cut.
  void draw_split_row(const std::vector<Cell>& row, const std::vector<Cell>& head,
                      const std::vector<double>& cols, const char* font, double head_h) {
    const double bottom = kHeight - kMargin - kFooter;
    std::vector<Layout> layouts;
    std::vector<std::vector<std::pair<double, double>>> lines;  // per cell: top, height
    std::vector<std::size_t> next(cols.size(), 0);
    for (std::size_t i = 0; i < cols.size(); ++i) {
      layouts.push_back(cell_layout(i < row.size() ? row[i] : Cell(""), cols[i], font, false));
      std::vector<std::pair<double, double>> ls;
      if (i < row.size() && !row[i].text.empty()) {
        PangoLayoutIter* iter = pango_layout_get_iter(layouts.back().get());
        do {
          PangoRectangle logical;
          pango_layout_iter_get_line_extents(iter, nullptr, &logical);
          ls.emplace_back(static_cast<double>(logical.y) / PANGO_SCALE,
                          static_cast<double>(logical.height) / PANGO_SCALE);
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
      }
      lines.push_back(std::move(ls));
    }
    auto done = [&] {
      for (std::size_t i = 0; i < cols.size(); ++i)
        if (next[i] < lines[i].size()) return false;
      return true;
    };
    for (int guard = 0; guard < 1000 && !done(); ++guard) {
      if (guard > 0) {
        new_page();
        draw_row(head, cols, font, true, head_h);
      }
      const double room = bottom - y_ - 2 * kPad;
      // Which lines of each cell go on this page: while they fit, at least one (the row always
      // moves on).
      std::vector<std::size_t> last(cols.size());
      double used = 0;
      for (std::size_t i = 0; i < cols.size(); ++i) {
        last[i] = next[i];
        if (next[i] >= lines[i].size()) continue;
        const double start = lines[i][next[i]].first;
        while (last[i] < lines[i].size() &&
               (last[i] == next[i] ||
                lines[i][last[i]].first + lines[i][last[i]].second - start <= room))
          ++last[i];
        used = std::max(used, lines[i][last[i] - 1].first + lines[i][last[i] - 1].second - start);
      }
      // The cells' frames (shaded when they stand out), as tall as the part on this page.
      const double h = used + 2 * kPad;
      double x = kMargin;
      for (std::size_t i = 0; i < cols.size(); ++i) {
        cairo_save(cr_);
        cairo_rectangle(cr_, x, y_, cols[i], h);
        if (i < row.size() && row[i].emphasis) {
          cairo_set_source_rgb(cr_, 0.99, 0.89, 0.87);
          cairo_fill_preserve(cr_);
        }
        cairo_set_source_rgb(cr_, 0.55, 0.55, 0.55);
        cairo_set_line_width(cr_, 0.5);
        cairo_stroke(cr_);
        cairo_restore(cr_);
        x += cols[i];
      }
      x = kMargin;
      for (std::size_t i = 0; i < cols.size(); ++i) {
        if (next[i] < last[i]) {
          const double start = lines[i][next[i]].first;
          PangoLayoutIter* iter = pango_layout_get_iter(layouts[i].get());
          for (std::size_t n = 0; n < last[i]; ++n) {
            if (n >= next[i]) {
              const double baseline =
                  static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
              cairo_move_to(cr_, x + kPad, y_ + kPad + baseline - start);
              pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(iter));
            }
            if (!pango_layout_iter_next_line(iter)) break;
          }
          pango_layout_iter_free(iter);
          next[i] = last[i];
        }
        x += cols[i];
      }
      y_ += h;
    }
  }

  void draw_row(const std::vector<Cell>& row, const std::vector<double>& cols, const char* font,
                bool header, double h) {
    double x = kMargin;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const bool shaded = header || (i < row.size() && row[i].emphasis);
      cairo_save(cr_);
      cairo_rectangle(cr_, x, y_, cols[i], h);
      if (shaded) {
        if (header)
          cairo_set_source_rgb(cr_, 0.90, 0.90, 0.93);
        else
          cairo_set_source_rgb(cr_, 0.99, 0.89, 0.87);
        cairo_fill_preserve(cr_);
      }
      cairo_set_source_rgb(cr_, 0.55, 0.55, 0.55);
      cairo_set_line_width(cr_, 0.5);
      cairo_stroke(cr_);
      cairo_restore(cr_);
      if (i < row.size() && !row[i].text.empty()) {
        auto layout = cell_layout(row[i], cols[i], font, header);
        cairo_move_to(cr_, x + kPad, y_ + kPad);
        pango_cairo_show_layout(cr_, layout.get());
      }
      x += cols[i];
    }
    y_ += h;
  }

  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  cairo_t* cr_;
  std::string footer_;
  int total_;
  int page_ = 1;
  double y_ = kMargin;
};

using Context = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;
using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

// Draws the content on `surface`; the context is released even when the content throws.
int draw(cairo_surface_t* surface, const std::string& footer, int total,
         const std::function<void(Writer&)>& content) {
  Context cr(cairo_create(surface), cairo_destroy);
  cairo_set_source_rgb(cr.get(), 0.1, 0.1, 0.1);
  CairoWriter w(cr.get(), footer, total);
  content(w);
  w.finish();
  cairo_show_page(cr.get());
  cairo_status_t status = cairo_status(cr.get());
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("PDF: ") + cairo_status_to_string(status));
  return w.pages();
}

}  // namespace

std::string printable(const std::string& s) {
  std::string in = s;
  if (!valid_utf8(in)) {
    in.clear();
    for (unsigned char c : s) in += c < 0x80 ? static_cast<char>(c) : '?';
  }
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += ' ';
      continue;
    }
    // U+202A..U+202E = E2 80 AA..AE; U+2066..U+2069 = E2 81 A6..A9.
    if (c == 0xE2 && i + 2 < in.size()) {
      auto b1 = static_cast<unsigned char>(in[i + 1]), b2 = static_cast<unsigned char>(in[i + 2]);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
  return out;
}

std::string render(const std::string& title, const std::string& footer,
                   const std::function<void(Writer&)>& content) {
  // The first pass counts the pages (« page n / N »), the second writes them. Surfaces are
  // released whatever happens (the content may throw).
  std::string scratch, out;
  int total = 0;
  {
    Surface counting(cairo_pdf_surface_create_for_stream(append, &scratch, kWidth, kHeight),
                     cairo_surface_destroy);
    total = draw(counting.get(), footer, 0, content);
  }
  Surface surface(cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight),
                  cairo_surface_destroy);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, printable(title).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "carepilot");
  draw(surface.get(), footer, total, content);
  cairo_surface_finish(surface.get());
  cairo_status_t status = cairo_surface_status(surface.get());
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("PDF: ") + cairo_status_to_string(status));
  return out;
}

}  // namespace carepilot::pdf
