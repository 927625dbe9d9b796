#include "pdf/page.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <stdexcept>

namespace musubi::pdf {

namespace {

constexpr const char* kFont = "Noto Sans CJK JP";

cairo_status_t write_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<Surface*>(closure)->bytes.append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Surface::Surface() {
  surface = cairo_pdf_surface_create_for_stream(&write_bytes, this, kPageWidth, kPageHeight);
  cr = cairo_create(surface);
  if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo: no PDF surface");
}

Surface::~Surface() {
  if (cr) cairo_destroy(cr);
  if (surface) cairo_surface_destroy(surface);
}

std::string Surface::finish() {
  cairo_destroy(cr);
  cr = nullptr;
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  surface = nullptr;
  return std::move(bytes);
}

void Surface::set_title(const std::string& title) {
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Musubi");
}

Layout layout(cairo_t* cr, const std::string& text, double width, double size, bool bold) {
  Layout l(pango_cairo_create_layout(cr), &g_object_unref);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kFont);
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(l.get(), font);
  pango_font_description_free(font);
  if (width > 0) {
    pango_layout_set_width(l.get(), pango_units_from_double(width));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
  return l;
}

void draw_text(cairo_t* cr, const std::string& text, double x, double y, double width, double size,
               bool bold, PangoAlignment align) {
  auto l = layout(cr, text, width, size, bold);
  pango_layout_set_alignment(l.get(), align);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l.get());
}

double text_height(cairo_t* cr, const Cell& c) {
  auto l = layout(cr, c.text, c.width - 2 * kPad, c.size, c.label);
  int w = 0;
  int h = 0;
  pango_layout_get_size(l.get(), &w, &h);
  return pango_units_to_double(h);
}

Row measured(cairo_t* cr, Row row) {
  for (const auto& c : row.cells) row.height = std::max(row.height, text_height(cr, c) + 2 * kPad);
  row.height = std::max(row.height, 18.0);
  return row;
}

void draw_row(cairo_t* cr, const Row& row, double y) {
  double x = kMargin;
  for (const auto& c : row.cells) {
    cairo_rectangle(cr, x, y, c.width, row.height);
    if (c.label) {
      const double shade = row.section ? 0.85 : 0.95;
      cairo_set_source_rgb(cr, shade, shade, shade);
      cairo_fill_preserve(cr);
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    draw_text(cr, c.text, x + kPad, y + kPad, c.width - 2 * kPad, c.size, c.label);
    x += c.width;
  }
}

Pages paginate(const std::vector<Row>& rows, double first_top) {
  const double bottom = kPageHeight - kMargin - kFooter;
  Pages pages(1);
  double y = first_top;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    // A heading goes with the row after it.
    const double needed = r.height + (r.section && i + 1 < rows.size() ? rows[i + 1].height : 0);
    if (y + needed > bottom && !pages.back().empty()) {
      pages.emplace_back();
      y = kMargin;
    }
    pages.back().emplace_back(&r, y);
    y += r.height;
  }
  return pages;
}

}  // namespace musubi::pdf
