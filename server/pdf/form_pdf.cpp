#include "pdf/form_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

#include "core/clock.hpp"
#include "core/wareki.hpp"

namespace musubi::pdf {

namespace {

constexpr double kPageWidth = 595.28;  // A4 in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 36;
constexpr double kWidth = kPageWidth - 2 * kMargin;
constexpr double kFooter = 20;
constexpr double kPad = 4;
constexpr double kLabelWidth = kWidth * 0.16;  // one column of labels down the page
constexpr double kTextSize = 9;
constexpr const char* kFont = "Noto Sans CJK JP";
// A cell taller than this is split (a long 特記事項 continues on the next page).
constexpr double kMaxCellHeight = 560;

struct Cell {
  std::string text;
  double width = 0;
  bool label = false;
  double size = kTextSize;
};

struct Row {
  std::vector<Cell> cells;
  double height = 0;
  bool section = false;  // a section's heading: kept with the row after it
};

struct Surface {
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;

  Surface() {
    surface = cairo_pdf_surface_create_for_stream(&Surface::write, this, kPageWidth, kPageHeight);
    cr = cairo_create(surface);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo: no PDF surface");
  }
  ~Surface() {
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }
  Surface(const Surface&) = delete;
  Surface& operator=(const Surface&) = delete;

  std::string finish() {
    cairo_destroy(cr);
    cr = nullptr;
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    surface = nullptr;
    return std::move(bytes);
  }

  static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<Surface*>(closure)->bytes.append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  }
};

using Layout = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;

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

double text_height(cairo_t* cr, const Cell& c) {
  auto l = layout(cr, c.text, c.width - 2 * kPad, c.size, c.label);
  int w = 0;
  int h = 0;
  pango_layout_get_size(l.get(), &w, &h);
  return pango_units_to_double(h);
}

void draw_text(cairo_t* cr, const std::string& text, double x, double y, double width, double size,
               bool bold, PangoAlignment align = PANGO_ALIGN_LEFT) {
  auto l = layout(cr, text, width, size, bold);
  pango_layout_set_alignment(l.get(), align);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l.get());
}

std::string japanese_date(const std::string& iso) {
  auto parsed = wareki::parse(iso, true);
  return parsed.date ? wareki::format(*parsed.date) : iso;
}

std::string date_of(UnixSeconds t) {
  return japanese_date(jst_date(t));
}

// Every option shown, the chosen ones filled in, as on paper.
std::string options_text(const person::FormField& f, const std::string& value) {
  std::vector<std::string> chosen;
  for (std::size_t pos = 0; pos <= value.size();) {
    auto end = value.find('\n', pos);
    if (end == std::string::npos) end = value.size();
    chosen.push_back(value.substr(pos, end - pos));
    pos = end + 1;
  }
  std::string out;
  for (auto o : f.options) {
    const bool on = std::find(chosen.begin(), chosen.end(), o) != chosen.end();
    out += fmt::format("{}{}{}", out.empty() ? "" : "　", on ? "■" : "□", o);
  }
  return out;
}

std::string value_text(const person::FormField& f, const person::FormValues& values) {
  auto it = values.find(std::string(f.key));
  std::string value = it == values.end() ? "" : it->second;
  switch (f.kind) {
    case person::FieldKind::choice:
    case person::FieldKind::checks:
      return options_text(f, value);
    case person::FieldKind::date:
      return value.empty() ? "" : japanese_date(value);
    default:
      return value;
  }
}

// Splits a long text into pieces that each fit a cell of `width` (by paragraph, then by
// character), so that no cell is taller than a page.
std::vector<std::string> fitting_pieces(cairo_t* cr, const std::string& text, double width) {
  if (text_height(cr, {text, width}) <= kMaxCellHeight) return {text};
  std::vector<std::string> pieces;
  std::string current;
  std::size_t pos = 0;
  while (pos < text.size()) {
    // One UTF-8 character at a time is slow but only for text longer than a page.
    std::size_t n = 1;
    while (pos + n < text.size() && (static_cast<unsigned char>(text[pos + n]) & 0xC0) == 0x80) ++n;
    std::string next = current + text.substr(pos, n);
    if (text_height(cr, {next, width}) > kMaxCellHeight && !current.empty()) {
      pieces.push_back(current);
      current = text.substr(pos, n);
    } else {
      current = std::move(next);
    }
    pos += n;
  }
  if (!current.empty()) pieces.push_back(current);
  return pieces;
}

Row measured(cairo_t* cr, Row row) {
  for (const auto& c : row.cells) row.height = std::max(row.height, text_height(cr, c) + 2 * kPad);
  row.height = std::max(row.height, 18.0);
  return row;
}

std::vector<Row> rows_of(cairo_t* cr, const person::FormTemplate& t, const person::Form& form) {
  std::vector<Row> rows;
  for (const auto& section : t.sections) {
    rows.push_back(measured(cr, {{{std::string(section.title), kWidth, true, 10}}, 0, true}));
    const person::FormField* pending_half = nullptr;
    auto flush_half = [&](const person::FormField* second) {
      Row r;
      const double label = kLabelWidth;
      const double value = kWidth * 0.34;
      r.cells.push_back({std::string(pending_half->label), label, true});
      r.cells.push_back(
          {value_text(*pending_half, form.values), second ? value : kWidth - label, false});
      if (second) {
        r.cells.push_back({std::string(second->label), label, true});
        r.cells.push_back({value_text(*second, form.values), value, false});
      }
      rows.push_back(measured(cr, r));
      pending_half = nullptr;
    };
    for (const auto& f : section.fields) {
      if (f.half) {
        if (pending_half) {
          flush_half(&f);
        } else {
          pending_half = &f;
        }
        continue;
      }
      if (pending_half) flush_half(nullptr);
      const auto value = value_text(f, form.values);
      if (f.kind == person::FieldKind::multiline || f.kind == person::FieldKind::checks) {
        // A heading, then the text below it across the page, as the paper forms do.
        rows.push_back(measured(cr, {{{std::string(f.label), kWidth, true}}}));
        for (const auto& piece : fitting_pieces(cr, value, kWidth - 2 * kPad)) {
          rows.push_back(measured(cr, {{{piece, kWidth, false}}}));
        }
      } else {
        rows.push_back(measured(cr, {{{std::string(f.label), kLabelWidth, true},
                                      {value, kWidth - kLabelWidth, false}}}));
      }
    }
    if (pending_half) flush_half(nullptr);
  }
  return rows;
}

void draw_row(cairo_t* cr, const Row& row, double y) {
  double x = kMargin;
  for (const auto& c : row.cells) {
    cairo_rectangle(cr, x, y, c.width, row.height);
    if (c.label) {
      cairo_set_source_rgb(cr, row.section ? 0.85 : 0.95, row.section ? 0.85 : 0.95,
                           row.section ? 0.85 : 0.95);
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

void draw_draft_mark(cairo_t* cr) {
  cairo_save(cr);
  cairo_translate(cr, kPageWidth / 2, kPageHeight / 2);
  cairo_rotate(cr, -0.6);
  cairo_set_source_rgba(cr, 0.8, 0.1, 0.1, 0.12);
  auto l = layout(cr, "下書き", 0, 110, true);
  int w = 0;
  int h = 0;
  pango_layout_get_size(l.get(), &w, &h);
  cairo_move_to(cr, -pango_units_to_double(w) / 2, -pango_units_to_double(h) / 2);
  pango_cairo_show_layout(cr, l.get());
  cairo_restore(cr);
}

double draw_heading(cairo_t* cr, const person::FormTemplate& t, const person::Form& form) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  draw_text(cr, std::string(t.title), kMargin, kMargin, kWidth, 18, true, PANGO_ALIGN_CENTER);
  std::string status =
      form.state == "final"
          ? fmt::format("確定 {}（{}）", date_of(*form.finalized_at), form.finalized_by_name)
          : fmt::format("下書き・最終更新 {}（{}）", date_of(form.updated_at),
                        form.updated_by_name);
  draw_text(
      cr, fmt::format("作成 {}（{}）　{}", date_of(form.created_at), form.created_by_name, status),
      kMargin, kMargin + 30, kWidth, 8, false, PANGO_ALIGN_RIGHT);
  return kMargin + 48;
}

void draw_footer(cairo_t* cr, const person::FormTemplate& t, const person::Form& form,
                 const person::Person& person, int page, int pages) {
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  // A draft says so in words too, for copies printed in grey.
  draw_text(cr,
            fmt::format("{}{}　{} 様　{}/{}", form.state == "final" ? "" : "【下書き】", t.title,
                        person.fields.name, page, pages),
            kMargin, kPageHeight - kMargin + 4, kWidth, 8, false, PANGO_ALIGN_CENTER);
  draw_text(cr, "Musubi 地域連携ネットワーク", kMargin, kPageHeight - kMargin + 4, kWidth, 7, false,
            PANGO_ALIGN_LEFT);
}

void pdf_metadata(cairo_surface_t* surface, const person::FormTemplate& t,
                  const person::Person& person) {
  const auto title = fmt::format("{}（{} 様）", t.title, person.fields.name);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Musubi");
}

}  // namespace

std::string render_form(const person::FormTemplate& t, const person::Form& form,
                        const person::Person& person) {
  Surface s;
  cairo_t* cr = s.cr;
  auto rows = rows_of(cr, t, form);

  // Pages first (to number them "n / total"), then drawing.
  const double bottom = kPageHeight - kMargin - kFooter;
  std::vector<std::vector<std::pair<const Row*, double>>> pages(1);
  double y = kMargin + 48;
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
  const int total = static_cast<int>(pages.size());
  for (int p = 0; p < total; ++p) {
    if (p == 0) draw_heading(cr, t, form);
    for (const auto& [row, at] : pages[static_cast<std::size_t>(p)]) draw_row(cr, *row, at);
    draw_footer(cr, t, form, person, p + 1, total);
    if (form.state != "final") draw_draft_mark(cr);  // over everything, see-through
    cairo_show_page(cr);
  }
  pdf_metadata(s.surface, t, person);
  return s.finish();
}

}  // namespace musubi::pdf
