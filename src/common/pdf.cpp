#include "common/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
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

  void heading(const std::string& text) override {
    if (y_ > kHeight - kMargin - kFooter - 60) new_page();  // keep a title with its text
    block(text, "Sans Bold 12", 14, 0);
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
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout.get(), &w, &h);
    cairo_move_to(cr_, kWidth - kMargin - w, kHeight - kMargin + 4);
    pango_cairo_show_layout(cr_, layout.get());
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

int draw(cairo_surface_t* surface, const std::string& footer, int total,
         const std::function<void(Writer&)>& content) {
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  CairoWriter w(cr, footer, total);
  content(w);
  w.finish();
  cairo_show_page(cr);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
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
  // The first pass counts the pages (« page n / N »), the second writes them.
  std::string scratch, out;
  cairo_surface_t* counting =
      cairo_pdf_surface_create_for_stream(append, &scratch, kWidth, kHeight);
  int total = draw(counting, footer, 0, content);
  cairo_surface_destroy(counting);
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, printable(title).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "carepilot");
  draw(surface, footer, total, content);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("PDF: ") + cairo_status_to_string(status));
  return out;
}

}  // namespace carepilot::pdf
