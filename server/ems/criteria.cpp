#include "ems/criteria.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"

namespace musubi::ems {

namespace {

// The first moment after a birth date typed with the precision it has: the next year, month or
// day in ISO text order ("1941" → "1942", "1941-12" → "1942-01", "1941-03-02" → "1941-03-02~").
std::string after_precision(const std::string& iso) {
  if (iso.size() == 4) return std::to_string(std::stoi(iso) + 1);
  if (iso.size() == 7) {
    int year = std::stoi(iso.substr(0, 4));
    int month = std::stoi(iso.substr(5, 2)) + 1;
    if (month == 13) {
      month = 1;
      ++year;
    }
    return fmt::format("{:04}-{:02}", year, month);
  }
  return iso + "~";
}

constexpr std::size_t kMinNameKey = 2;      // characters of a reading or name
constexpr std::size_t kMinPhoneDigits = 4;  // the last four digits of a number
constexpr std::size_t kMinAddressPart = 2;  // characters

}  // namespace

const std::vector<ReasonInfo>& lookup_reasons() {
  static const std::vector<ReasonInfo> reasons = {
      {"dispatch", "救急出場"}, {"desk", "指令台での確認"}, {"training", "訓練"}};
  return reasons;
}

SearchCriteria criteria_from(const SearchInput& in, Validator& v) {
  SearchCriteria c;
  auto kana = v.text("name_kana", in.name_kana, 50, false);
  auto name = v.text("name", in.name, 50, false);
  if (!kana.empty()) {
    c.name_key = text::search_key(kana);
    if (text::length(c.name_key) < kMinNameKey) v.add("name_kana", "2文字以上入力してください");
  }
  if (!name.empty()) {
    auto key = text::search_key(name);
    if (text::length(key) < kMinNameKey) v.add("name", "2文字以上入力してください");
    // One key narrows by the index; a second one (kana and kanji both typed) is checked on the
    // persons found by the first.
    c.name_key = c.name_key.empty() ? key : c.name_key;
    if (c.name_key != key) c.second_name_key = key;
  }
  if (auto birth = v.partial_date("birth_date", in.birth_date); !birth.empty()) {
    c.birth_from = birth;
    c.birth_until = after_precision(birth);
  }
  if (auto phone = v.text("phone", in.phone, 30, false); !phone.empty()) {
    c.phone_key = text::phone_key(phone);
    if (c.phone_key.size() < kMinPhoneDigits) v.add("phone", "電話番号は4桁以上入力してください");
  }
  if (auto address = v.text("address", in.address, 100, false); !address.empty()) {
    c.address_part = text::nfkc(address);
    if (text::length(c.address_part) < kMinAddressPart) {
      v.add("address", "住所は2文字以上入力してください");
    }
  }
  if (!in.sex.empty()) {
    c.sex = person::sex_from_code(in.sex);
    if (!c.sex) v.add("sex", "性別の指定が正しくありません");
  }
  const bool narrows = !c.name_key.empty() || !c.birth_from.empty() || !c.phone_key.empty() ||
                       !c.address_part.empty();
  if (!narrows && v.ok()) {
    v.add("criteria", "氏名（カナ・漢字）、生年月日、電話番号、住所のいずれかを入力してください");
  }
  return c;
}

LookupReason checked_reason(const std::string& code, const std::string& incident, Validator& v) {
  LookupReason r{.code = code, .incident = v.text("incident", incident, 30, false)};
  const auto& known = lookup_reasons();
  if (std::none_of(known.begin(), known.end(), [&](const auto& k) { return k.code == code; })) {
    v.add("reason", "照会の理由を選んでください");
  } else if (code != "training" && r.incident.empty()) {
    v.add("incident", "事案番号を入力してください");
  }
  return r;
}

}  // namespace musubi::ems
