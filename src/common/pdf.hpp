// The one printable-document helper (cairo + pango): an A4 PDF of wrapped French text, with
// numbered pages (« <footer> — page n / N »), as many pages as the text needs. Used by the
// exercise's RETEX and by any module that hands over a document.
//
// Text is what users typed, made printable (pdf::printable): invalid UTF-8 becomes '?',
// control characters other than line breaks and tabs become spaces, and the explicit
// bidirectional controls (U+202A–U+202E, U+2066–U+2069) are dropped so that an override
// cannot reverse the text that follows. Other scripts and emoji come from the fonts
// fontconfig falls back on (scripts/install-deps.sh).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace carepilot::pdf {

// A table cell: its text, and whether it stands out (bold on a light shade: an impact at an
// unacceptable level, a gap).
struct Cell {
  std::string text;
  bool emphasis = false;
  Cell(std::string t, bool e = false) : text(std::move(t)), emphasis(e) {}  // NOLINT: implicit
  Cell(const char* t, bool e = false) : text(t), emphasis(e) {}             // NOLINT: implicit
};

// Lays text out line by line, breaking pages where a line would cross the bottom margin.
// Fonts are pango descriptions ("Sans 10", "Sans Bold 12").
class Writer {
 public:
  virtual ~Writer() = default;
  // A paragraph, `space_before` and `indent` in points.
  virtual void block(const std::string& text, const char* font, double space_before = 4,
                     double indent = 0) = 0;
  // A section title, kept with what follows: a new page when less than `keep_with_next`
  // points are left under it (60 holds a paragraph's first lines; a table's header and
  // first rows need about 110).
  virtual void heading(const std::string& text, double keep_with_next) = 0;
  void heading(const std::string& text) { heading(text, 60); }
  // A ruled table across the text width: the header row (bold, shaded) is repeated on each
  // page the table crosses; a row that fits on a page is never split, a taller one continues
  // on the following pages line by line (no line is cut). `widths`: each column's share of
  // the text width (in any unit: they are scaled to the width), widened where needed so that
  // no word of the header is broken; a row with fewer cells than columns leaves the rest
  // empty. Throws std::invalid_argument when `widths` is empty or does not match the header.
  virtual void table(const std::vector<std::string>& header,
                     const std::vector<std::vector<Cell>>& rows, const std::vector<double>& widths,
                     const char* font = "Sans 8") = 0;
};

// Renders `content` twice (the first pass counts the pages) and returns the PDF bytes, with
// the document title in its metadata and « footer — page n / N » at the foot of each page.
// Throws std::runtime_error when cairo fails.
std::string render(const std::string& title, const std::string& footer,
                   const std::function<void(Writer&)>& content);

// The text made printable (see above).
std::string printable(const std::string& s);

}  // namespace carepilot::pdf
