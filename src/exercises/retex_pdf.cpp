#include "exercises/retex_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>

#include "common/french.hpp"
#include "common/text.hpp"

namespace carepilot::exercises {

namespace {

constexpr double kWidth = 595.28, kHeight = 841.89;  // A4 in points
constexpr double kMargin = 56.7;                     // 2 cm
constexpr double kFooter = 28.0;

std::string french_date(const Date& d) {
  std::string s = format_date(d);
  return s.substr(8, 2) + "/" + s.substr(5, 2) + "/" + s.substr(0, 4);
}

// What users typed, made printable: invalid UTF-8 would make pango warn and draw garbage
// (replaced by '?'); control characters other than line breaks and tabs become spaces; the
// explicit bidirectional controls (embeddings, overrides and isolates U+202A-U+202E,
// U+2066-U+2069) are dropped, so that a right-to-left override cannot reverse the text that
// follows it (ours included) — right-to-left scripts still read right to left through the
// Unicode bidirectional algorithm. Emoji and other scripts come from the fonts fontconfig
// falls back on (Noto, Noto Color Emoji, Droid Sans Fallback: scripts/install-deps.sh).
std::string safe(const std::string& s) {
  std::string in = s;
  if (!valid_utf8(in)) {
    in.clear();
    for (unsigned char c : s) in += c < 0x80 ? static_cast<char>(c) : '?';
  }
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x20 && c != '\n' && c != '\t') {
      out += ' ';
      continue;
    }
    if (c == 0x7F) {
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

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Lays text out line by line, breaking pages where a line would cross the bottom margin.
class Writer {
 public:
  Writer(cairo_t* cr, int total_pages) : cr_(cr), total_(total_pages) {}

  void block(const std::string& text, const char* font, double space_before = 4,
             double indent = 0) {
    if (text.empty()) return;
    y_ += space_before;
    std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr_),
                                                                   g_object_unref);
    std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> desc(
        pango_font_description_from_string(font), pango_font_description_free);
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_width(layout.get(),
                           static_cast<int>((kWidth - 2 * kMargin - indent) * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    std::string t = safe(text);
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

  void heading(const std::string& text) {
    if (y_ > kHeight - kMargin - kFooter - 60) new_page();  // keep a title with its text
    block(text, "Sans Bold 12", 14);
  }

  void finish() { footer(); }
  int pages() const { return page_; }

 private:
  void footer() {
    std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_cairo_create_layout(cr_),
                                                                   g_object_unref);
    std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> desc(
        pango_font_description_from_string("Sans 8"), pango_font_description_free);
    pango_layout_set_font_description(layout.get(), desc.get());
    std::string t = "RETEX — page " + std::to_string(page_) +
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
  int total_;
  int page_ = 1;
  double y_ = kMargin;
};

int render(cairo_surface_t* surface, const registry::Establishment& est, const Exercise& x,
           int total) {
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  Writer w(cr, total);
  w.block("Retour d'expérience (RETEX) — exercice de crise cyber", "Sans Bold 16", 0);
  w.block(est.name + " — FINESS " + est.finess_et, "Sans 11", 6);
  w.heading("L'exercice");
  w.block("Intitulé : " + x.title, "Sans 10");
  w.block("Date : " + french_date(x.date), "Sans 10");
  w.block("Scénario : " + x.scenario_label, "Sans 10");
  w.block("Format : " + std::string(format_label(x.format)), "Sans 10");
  w.block("État : " + std::string(status_label(x.status)), "Sans 10");
  w.block("Date du RETEX : " + (x.retex_date ? french_date(*x.retex_date) : std::string("—")),
          "Sans 10");
  w.block("Déclaration sur la plateforme nationale : " +
              (x.declared_on ? "le " + french_date(*x.declared_on) : std::string("non déclaré")),
          "Sans 10");
  if (!trim(x.objectives).empty()) {
    w.heading("Objectifs");
    w.block(x.objectives, "Sans 10");
  }
  w.heading("Participants");
  bool any = false;
  for (const auto& p : x.participants) {
    if (p.count == 0 && p.names.empty()) continue;
    any = true;
    w.block(std::string(function_label(p.function)) + " : " + french_integer(p.count) +
                (p.names.empty() ? "" : " (" + p.names + ")"),
            "Sans 10", 2, 10);
  }
  if (!any) w.block("Non renseignés.", "Sans 10");
  w.heading("Ce qui a fonctionné");
  w.block(trim(x.retex_worked).empty() ? "—" : x.retex_worked, "Sans 10");
  w.heading("Ce qui n'a pas fonctionné");
  w.block(trim(x.retex_failed).empty() ? "—" : x.retex_failed, "Sans 10");
  w.heading("Décisions");
  w.block(trim(x.retex_decisions).empty() ? "—" : x.retex_decisions, "Sans 10");
  w.heading("Points du RETEX et plan d'amélioration (PAQ)");
  if (x.items.empty()) w.block("Aucun point.", "Sans 10");
  for (const auto& i : x.items)
    w.block(std::to_string(i.n) + ". " + i.text + " — priorité " +
                std::string(paq::priority_label(i.priority)) + " — " +
                (i.action_id ? "action PAQ n° " + std::to_string(*i.action_id)
                             : std::string("pas encore au PAQ")),
            "Sans 10", 3, 10);
  w.finish();
  cairo_show_page(cr);
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("RETEX PDF: ") + cairo_status_to_string(status));
  return w.pages();
}

}  // namespace

std::string retex_pdf(const registry::Establishment& est, const Exercise& x) {
  // First pass counts the pages ("page n / N"), the second writes them.
  std::string scratch, out;
  cairo_surface_t* counting =
      cairo_pdf_surface_create_for_stream(append, &scratch, kWidth, kHeight);
  int total = render(counting, est, x, 0);
  cairo_surface_destroy(counting);
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, kWidth, kHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 ("RETEX — " + safe(x.title)).c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "carepilot");
  render(surface, est, x, total);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("RETEX PDF: ") + cairo_status_to_string(status));
  return out;
}

}  // namespace carepilot::exercises
