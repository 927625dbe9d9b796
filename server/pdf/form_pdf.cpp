#include "pdf/form_pdf.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/clock.hpp"
#include "core/wareki.hpp"
#include "pdf/page.hpp"

namespace musubi::pdf {

namespace {

constexpr double kLabelWidth = kWidth * 0.16;  // one column of labels down the page
// A cell taller than this is split (a long 特記事項 continues on the next page).
constexpr double kMaxCellHeight = 560;

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

}  // namespace

std::string render_form(const person::FormTemplate& t, const person::Form& form,
                        const person::Person& person) {
  Surface s;
  cairo_t* cr = s.cr;
  auto rows = rows_of(cr, t, form);

  // Pages first (to number them "n / total"), then drawing.
  const auto pages = paginate(rows, kMargin + 48);
  const int total = static_cast<int>(pages.size());
  for (int p = 0; p < total; ++p) {
    if (p == 0) draw_heading(cr, t, form);
    for (const auto& [row, at] : pages[static_cast<std::size_t>(p)]) draw_row(cr, *row, at);
    draw_footer(cr, t, form, person, p + 1, total);
    if (form.state != "final") draw_draft_mark(cr);  // over everything, see-through
    cairo_show_page(cr);
  }
  s.set_title(fmt::format("{}（{} 様）", t.title, person.fields.name));
  return s.finish();
}

}  // namespace musubi::pdf
