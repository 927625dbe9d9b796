#include "pdf/safety_list_pdf.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "pdf/page.hpp"

namespace musubi::pdf {

namespace {

// Column widths, as shares of the page: priority, name, address and phone, reasons, status,
// the team's contact.
constexpr double kColumns[] = {0.07, 0.17, 0.25, 0.14, 0.18, 0.19};

std::string reasons_text(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) {
    for (const auto& r : disaster::reasons()) {
      if (r.code == code) out += fmt::format("{}{}", out.empty() ? "" : "・", r.label);
    }
  }
  return out;
}

std::string status_text(const disaster::Entry& e) {
  const auto& label = disaster::statuses()[static_cast<std::size_t>(e.status)].label;
  std::string out =
      e.status == disaster::Status::unchecked ? "□ 未確認" : fmt::format("■ {}", label);
  if (!e.note.empty()) out += "\n" + e.note;
  if (e.observed_at) out += fmt::format("\n{}", jst_minute(*e.observed_at).substr(5));
  return out;
}

Row header_row(cairo_t* cr) {
  const char* titles[] = {
      "優先", "氏名", "住所・電話", "支援が必要な理由", "安否", "ケアチームの連絡先"};
  Row r;
  for (std::size_t i = 0; i < std::size(kColumns); ++i) {
    r.cells.push_back({titles[i], kWidth * kColumns[i], true, 8});
  }
  return measured(cr, r);
}

Row person_row(cairo_t* cr, const disaster::PrintLine& line) {
  const auto& e = line.entry;
  std::string name = fmt::format("{}\n{}", e.name, e.name_kana);
  if (!e.label.empty()) {
    for (const auto& l : disaster::labels()) {
      if (l.code == e.label) name += fmt::format("\n［{}］", l.label);
    }
  }
  const std::string cells[] = {
      std::string(disaster::priority_label(e.priority)),
      name,
      e.phone.empty() ? e.address : fmt::format("{}\n☎ {}", e.address, e.phone),
      reasons_text(e.reasons),
      status_text(e),
      line.contact,
  };
  Row r;
  for (std::size_t i = 0; i < std::size(kColumns); ++i) {
    r.cells.push_back({cells[i], kWidth * kColumns[i], false, 8});
  }
  return measured(cr, r);
}

std::vector<Row> rows_of(cairo_t* cr, const disaster::PrintList& list) {
  std::vector<Row> rows;
  for (std::size_t i = 0; i < list.lines.size();) {
    // One area: its heading with counts, the column titles, then its persons.
    const auto& area = list.lines[i].entry.area_name;
    std::size_t end = i;
    disaster::Tally tally;
    while (end < list.lines.size() && list.lines[end].entry.area_name == area) {
      tally.add(list.lines[end].entry.status);
      ++end;
    }
    rows.push_back(measured(
        cr, {{{fmt::format("{}　{}名（未確認 {}・要確認 {}）", area.empty() ? "地区未設定" : area,
                           tally.all, tally.unchecked, tally.unreachable),
               kWidth, true, 10}},
             0,
             true}));
    rows.push_back(header_row(cr));
    for (; i < end; ++i) rows.push_back(person_row(cr, list.lines[i]));
  }
  if (rows.empty()) rows.push_back(measured(cr, {{{"該当する方はいません", kWidth, false}}}));
  return rows;
}

double draw_heading(cairo_t* cr, const disaster::PrintList& list) {
  const auto& d = list.disaster;
  cairo_set_source_rgb(cr, 0, 0, 0);
  draw_text(cr, fmt::format("要援護者 安否確認リスト{}", d.drill ? "（訓練）" : ""), kMargin,
            kMargin, kWidth, 16, true, PANGO_ALIGN_CENTER);
  draw_text(cr,
            fmt::format("{}（{}）　{}　印刷 {}", d.name, disaster::kind_label(d.kind),
                        list.filter.empty() ? "全員" : list.filter, jst_minute(list.printed_at)),
            kMargin, kMargin + 26, kWidth, 8, false, PANGO_ALIGN_RIGHT);
  return kMargin + 42;
}

void draw_footer(cairo_t* cr, const disaster::PrintList& list, int page, int pages) {
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  draw_text(cr,
            fmt::format("{}　要援護者 安否確認リスト　{}/{}　個人情報：持ち出し後は回収・廃棄",
                        list.disaster.name, page, pages),
            kMargin, kPageHeight - kMargin + 4, kWidth, 7, false, PANGO_ALIGN_CENTER);
}

}  // namespace

std::string render_safety_list(const disaster::PrintList& list) {
  Surface s;
  cairo_t* cr = s.cr;
  auto rows = rows_of(cr, list);
  const auto pages = paginate(rows, kMargin + 42);
  const int total = static_cast<int>(pages.size());
  for (int p = 0; p < total; ++p) {
    if (p == 0) draw_heading(cr, list);
    for (const auto& [row, at] : pages[static_cast<std::size_t>(p)]) draw_row(cr, *row, at);
    draw_footer(cr, list, p + 1, total);
    cairo_show_page(cr);
  }
  s.set_title(fmt::format("要援護者 安否確認リスト（{}）", list.disaster.name));
  return s.finish();
}

}  // namespace musubi::pdf
