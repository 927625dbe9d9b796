#include "person/record_codes.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"

namespace musubi::person {

bool Vocabulary::contains(std::string_view code) const {
  return std::any_of(codes.begin(), codes.end(), [&](const Code& c) { return c.code == code; });
}

std::string_view Vocabulary::label(std::string_view code) const {
  if (code.empty()) return {};
  for (const auto& c : codes) {
    if (c.code == code) return c.label;
  }
  return code;
}

const Vocabulary& care_levels() {
  static const Vocabulary v{"care_levels",
                            "要介護度",
                            {{"not_applied", "未申請"},
                             {"applying", "申請中"},
                             {"not_applicable", "非該当"},
                             {"support1", "要支援1"},
                             {"support2", "要支援2"},
                             {"care1", "要介護1"},
                             {"care2", "要介護2"},
                             {"care3", "要介護3"},
                             {"care4", "要介護4"},
                             {"care5", "要介護5"}}};
  return v;
}

const Vocabulary& disability_independence() {
  static const Vocabulary v{"disability_independence",
                            "障害高齢者の日常生活自立度",
                            {{"independent", "自立"},
                             {"J1", "J1"},
                             {"J2", "J2"},
                             {"A1", "A1"},
                             {"A2", "A2"},
                             {"B1", "B1"},
                             {"B2", "B2"},
                             {"C1", "C1"},
                             {"C2", "C2"}}};
  return v;
}

const Vocabulary& dementia_independence() {
  static const Vocabulary v{"dementia_independence",
                            "認知症高齢者の日常生活自立度",
                            {{"independent", "自立"},
                             {"I", "Ⅰ"},
                             {"IIa", "Ⅱa"},
                             {"IIb", "Ⅱb"},
                             {"IIIa", "Ⅲa"},
                             {"IIIb", "Ⅲb"},
                             {"IV", "Ⅳ"},
                             {"M", "M"}}};
  return v;
}

const Vocabulary& adl_items() {
  static const Vocabulary v{"adl_items",
                            "ADL",
                            {{"eating", "食事"},
                             {"transfer", "移乗"},
                             {"mobility", "移動・歩行"},
                             {"toileting", "排泄"},
                             {"bathing", "入浴"},
                             {"dressing", "更衣"},
                             {"grooming", "整容"}}};
  return v;
}

const Vocabulary& iadl_items() {
  static const Vocabulary v{"iadl_items",
                            "IADL",
                            {{"shopping", "買い物"},
                             {"cooking", "調理"},
                             {"housework", "掃除・洗濯"},
                             {"medication", "服薬管理"},
                             {"money", "金銭管理"},
                             {"telephone", "電話の利用"}}};
  return v;
}

const Vocabulary& assistance_levels() {
  static const Vocabulary v{"assistance_levels",
                            "介助の程度",
                            {{"independent", "自立"},
                             {"supervision", "見守り"},
                             {"partial", "一部介助"},
                             {"full", "全介助"}}};
  return v;
}

const Vocabulary& living_situations() {
  static const Vocabulary v{"living_situations",
                            "生活状況",
                            {{"alone", "独居"},
                             {"elderly_only", "高齢者のみの世帯"},
                             {"with_family", "家族と同居"},
                             {"daytime_alone", "日中独居"},
                             {"facility", "施設入所"},
                             {"other", "その他"}}};
  return v;
}

const Vocabulary& treatment_preferences() {
  static const Vocabulary v{
      "treatment_preferences",
      "希望",
      {{"wants", "希望する"}, {"declines", "希望しない"}, {"undecided", "決めていない"}}};
  return v;
}

const Vocabulary& life_sustaining_treatments() {
  static const Vocabulary v{"life_sustaining_treatments",
                            "医療処置",
                            {{"cpr", "心肺蘇生"},
                             {"ventilator", "人工呼吸器"},
                             {"tube_feeding", "胃ろう・経管栄養"},
                             {"iv_hydration", "点滴による水分補給"},
                             {"dialysis", "人工透析"},
                             {"hospital_transfer", "救急搬送・入院"}}};
  return v;
}

const Vocabulary& places_of_care() {
  static const Vocabulary v{"places_of_care",
                            "場所",
                            {{"home", "自宅"},
                             {"hospital", "病院"},
                             {"care_facility", "介護施設"},
                             {"palliative_unit", "緩和ケア病棟"},
                             {"undecided", "決めていない"},
                             {"other", "その他"}}};
  return v;
}

const Vocabulary& consent_scopes() {
  static const Vocabulary v{
      "consent_scopes",
      "同意の範囲",
      {{"care_team", "支援チームの専門職"}, {"family", "家族への共有"}, {"ems", "救急隊への開示"}}};
  return v;
}

void check_code(Validator& v, const std::string& field, std::string& code,
                const Vocabulary& vocabulary) {
  code = text::trim(code);
  if (!code.empty() && !vocabulary.contains(code)) v.add(field, "選択肢から選んでください");
}

void check_code_map(Validator& v, const std::string& field, std::map<std::string, std::string>& map,
                    const Vocabulary& items, const Vocabulary& values) {
  std::map<std::string, std::string> kept;
  for (const auto& [item, value] : map) {
    if (!items.contains(item)) {
      v.add(field,
            fmt::format("「{}」は{}の項目にありません", text::prefix(item, 30), items.title));
      continue;
    }
    std::string code = value;
    check_code(v, fmt::format("{}.{}", field, item), code, values);
    if (!code.empty()) kept[item] = code;  // an empty value is "not recorded"
  }
  map = std::move(kept);
}

std::vector<const Vocabulary*> all_vocabularies() {
  return {&care_levels(),
          &disability_independence(),
          &dementia_independence(),
          &adl_items(),
          &iadl_items(),
          &assistance_levels(),
          &living_situations(),
          &treatment_preferences(),
          &life_sustaining_treatments(),
          &places_of_care(),
          &consent_scopes()};
}

}  // namespace musubi::person
