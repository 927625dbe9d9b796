#include "disaster/register_import.hpp"

#include <charconv>

#include "core/text.hpp"

namespace musubi::disaster {

namespace {

// The header a column may have, as city ledgers write it (the first is the one we export).
struct Header {
  int ImportColumns::*column;
  std::vector<std::string_view> names;
  bool required;
};

const std::vector<Header>& headers() {
  static const std::vector<Header> list = {
      {&ImportColumns::name, {"氏名", "名前"}, true},
      {&ImportColumns::kana, {"ふりがな", "フリガナ", "よみがな", "カナ氏名"}, true},
      {&ImportColumns::birth_date, {"生年月日"}, true},
      {&ImportColumns::sex, {"性別"}, false},
      {&ImportColumns::postal_code, {"郵便番号"}, false},
      {&ImportColumns::address, {"住所"}, false},
      {&ImportColumns::phone, {"電話番号", "電話"}, false},
      {&ImportColumns::area, {"地区", "地区名", "町丁目"}, false},
      {&ImportColumns::reasons, {"支援が必要な理由", "理由", "要件"}, true},
      {&ImportColumns::priority, {"優先度"}, false},
      {&ImportColumns::latitude, {"緯度"}, false},
      {&ImportColumns::longitude, {"経度"}, false},
      {&ImportColumns::note, {"備考"}, false},
  };
  return list;
}

std::string cell(const csv::Row& row, int column) {
  if (column < 0 || static_cast<std::size_t>(column) >= row.size()) return "";
  return std::string(text::trim(row[static_cast<std::size_t>(column)]));
}

std::string sex_code(const std::string& s) {
  if (s.empty() || s == "不明") return "unknown";
  if (s == "男" || s == "男性") return "male";
  if (s == "女" || s == "女性") return "female";
  return s == "その他" ? "other" : s;  // anything else is refused by the person's check
}

// 「人工呼吸器、独居」「在宅酸素・認知症」「透析 寝たきり」: labels (or codes) between separators.
std::vector<std::string> reason_codes(const std::string& text, Validator& v) {
  std::vector<std::string> out;
  std::string rest = text;
  for (const char* sep : {"、", "，", "・", ",", "　", "/"}) {
    for (auto at = rest.find(sep); at != std::string::npos; at = rest.find(sep)) {
      rest.replace(at, std::string_view(sep).size(), " ");
    }
  }
  std::size_t start = 0;
  while (start < rest.size()) {
    auto end = rest.find(' ', start);
    if (end == std::string::npos) end = rest.size();
    if (end > start) {
      const auto word = rest.substr(start, end - start);
      std::string code;
      for (const auto& r : reasons()) {
        if (r.label == word || r.code == word) code = std::string(r.code);
      }
      if (word == "要介護3" || word == "要介護4" || word == "要介護5") code = "care_level";
      if (code.empty()) {
        v.add("支援が必要な理由", "「" + word + "」は理由として使えません");
      } else {
        out.push_back(code);
      }
    }
    start = end + 1;
  }
  return out;
}

std::optional<double> number(const std::string& text, const char* field, Validator& v) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    v.add(field, "数値で入力してください");
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> priority_of(const std::string& text, Validator& v) {
  if (text.empty()) return std::nullopt;
  for (int p = kTopPriority; p <= kLowestPriority; ++p) {
    if (text == std::to_string(p) || text == priority_label(p)) return p;
  }
  v.add("優先度", "優先度は 1〜3（最優先・優先・通常）で入力してください");
  return kLowestPriority;
}

// Without a priority in the ledger: devices first, then the rest as 通常.
std::int64_t default_priority(const std::vector<std::string>& reasons) {
  for (const auto& r : reasons) {
    if (needs_power(r) || r == "dialysis") return kTopPriority;
  }
  return kLowestPriority;
}

}  // namespace

ImportColumns import_columns(const csv::Row& header) {
  ImportColumns c;
  for (const auto& h : headers()) {
    for (std::size_t i = 0; i < header.size() && c.*h.column < 0; ++i) {
      const auto name = text::trim(header[i]);
      for (auto candidate : h.names) {
        if (name == candidate) c.*h.column = static_cast<int>(i);
      }
    }
    if (h.required && c.*h.column < 0) {
      c.missing += (c.missing.empty() ? "" : "、") + std::string(h.names.front());
    }
  }
  return c;
}

ImportRow read_import_row(const csv::Row& row, const ImportColumns& c, Validator& v) {
  ImportRow out;
  out.person = {.name = cell(row, c.name),
                .name_kana = cell(row, c.kana),
                .birth_date = cell(row, c.birth_date),
                .sex = sex_code(cell(row, c.sex)),
                .postal_code = cell(row, c.postal_code),
                .address = cell(row, c.address),
                .phone = cell(row, c.phone)};
  out.needs.reasons = reason_codes(cell(row, c.reasons), v);
  out.needs.priority = priority_of(cell(row, c.priority), v);
  if (!out.needs.priority) out.needs.priority = default_priority(out.needs.reasons);
  out.needs.latitude = number(cell(row, c.latitude), "緯度", v);
  out.needs.longitude = number(cell(row, c.longitude), "経度", v);
  out.needs.note = cell(row, c.note);
  out.area_name = cell(row, c.area);
  return out;
}

}  // namespace musubi::disaster
