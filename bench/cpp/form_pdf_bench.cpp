// PDF generation of a 主治医意見書 on one core: forms per second for a filled-in form (two pages,
// every field used), against the floor of the same machinery — a one-page PDF with one line of
// Japanese text — measured in the same run. Prints one line: RESULT forms/s floor/s pages.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "pdf/form_pdf.hpp"

namespace {

using musubi::person::Form;
using musubi::person::Person;

Person person() {
  Person p;
  p.id = 1;
  p.fields = {.name = "山田 太郎",
              .name_kana = "やまだ たろう",
              .birth_date = "1940-03-02",
              .sex = musubi::person::Sex::male,
              .address = "茨城県つくば市研究学園1-1"};
  return p;
}

// Every field of the template filled, as a finished 意見書 is.
Form form(const musubi::person::FormTemplate& t) {
  Form f;
  f.template_code = std::string(t.code);
  f.state = "final";
  f.created_by_name = f.updated_by_name = f.finalized_by_name = "佐藤 一郎";
  f.created_at = f.updated_at = 1'800'000'000;
  f.finalized_at = 1'800'000'000;
  for (const auto& s : t.sections) {
    for (const auto& field : s.fields) {
      std::string value;
      switch (field.kind) {
        case musubi::person::FieldKind::choice:
        case musubi::person::FieldKind::checks:
          value = std::string(field.options.front());
          break;
        case musubi::person::FieldKind::date:
          value = "2026-11-01";
          break;
        case musubi::person::FieldKind::multiline:
          value =
              "アルツハイマー型認知症にて通院中。ドネペジル 5mg 1日1回 朝食後を継続。\n"
              "夜間の不穏は軽減し、日中はデイサービスに週2回通所している。";
          break;
        default:
          value = "記入例";
      }
      f.values[std::string(field.key)] = value;
    }
  }
  return f;
}

cairo_status_t discard(void*, const unsigned char*, unsigned int) {
  return CAIRO_STATUS_SUCCESS;
}

void floor_pdf() {
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(discard, nullptr, 595.28, 841.89);
  cairo_t* cr = cairo_create(s);
  PangoLayout* l = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string("Noto Sans CJK JP 9");
  pango_layout_set_font_description(l, font);
  pango_layout_set_text(l, "主治医意見書", -1);
  pango_cairo_show_layout(cr, l);
  cairo_show_page(cr);
  pango_font_description_free(font);
  g_object_unref(l);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
}

template <class F>
double per_second(F&& work, double seconds) {
  const auto start = std::chrono::steady_clock::now();
  long n = 0;
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() <
         seconds) {
    work();
    ++n;
  }
  return n / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = argc > 1 ? std::stod(argv[1]) : 5;
  const auto* t = musubi::person::find_template("shujii_ikensho");
  const auto f = form(*t);
  const auto p = person();
  const auto sample = musubi::pdf::render_form(*t, f, p);  // warm fonts and caches
  int pages = 0;
  for (auto pos = sample.find("/Type /Page"); pos != std::string::npos;
       pos = sample.find("/Type /Page", pos + 1)) {
    if (sample.compare(pos, 12, "/Type /Pages") != 0) ++pages;
  }
  floor_pdf();
  const double forms = per_second([&] { musubi::pdf::render_form(*t, f, p); }, seconds);
  const double floors = per_second(floor_pdf, seconds);
  std::printf("RESULT %.1f %.1f %d %zu\n", forms, floors, pages, sample.size());
  return 0;
}
