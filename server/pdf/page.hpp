// What every PDF of Musubi is drawn with (cairo + pango, Japanese text in Noto Sans CJK, A4):
// a surface written to memory, text laid out to a width, and bordered rows of cells that are
// measured first and then placed on numbered pages.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace musubi::pdf {

constexpr double kPageWidth = 595.28;  // A4 portrait, in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 36;
constexpr double kWidth = kPageWidth - 2 * kMargin;
constexpr double kFooter = 20;
constexpr double kPad = 4;
constexpr double kTextSize = 9;

struct Surface {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;

  Surface();
  ~Surface();
  Surface(const Surface&) = delete;
  Surface& operator=(const Surface&) = delete;
  // Ends the document; returns the PDF file's bytes.
  std::string finish();
  // Title and creator in the document's properties.
  void set_title(const std::string& title);
};

using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;
// `width` 0: one line, as long as it is.
Layout layout(cairo_t* cr, const std::string& text, double width, double size, bool bold);
void draw_text(cairo_t* cr, const std::string& text, double x, double y, double width, double size,
               bool bold, PangoAlignment align = PANGO_ALIGN_LEFT);

struct Cell {
  std::string text;
  double width = 0;
  bool label = false;  // shaded, bold
  double size = kTextSize;
};

struct Row {
  std::vector<Cell> cells;
  double height = 0;
  bool section = false;  // a heading: darker, and kept with the row after it
};

double text_height(cairo_t* cr, const Cell& c);
// The row with its height: the tallest cell's text and padding.
Row measured(cairo_t* cr, Row row);
void draw_row(cairo_t* cr, const Row& row, double y);

// Rows placed on pages: each page's rows with their top. The first page starts at `first_top`,
// the others at the margin; a section heading never ends a page.
using Pages = std::vector<std::vector<std::pair<const Row*, double>>>;
Pages paginate(const std::vector<Row>& rows, double first_top);

}  // namespace musubi::pdf
