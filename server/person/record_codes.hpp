// The fixed vocabularies of a person's record, each a code (stored, sent over the API) and the
// Japanese label that screens, PDFs and change histories show: 要介護度, the two 日常生活自立度
// scales, ADL/IADL items and their levels, living situations, ACP preferences and places.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/validation.hpp"

namespace musubi::person {

struct Code {
  std::string_view code;
  std::string_view label;
};

struct Vocabulary {
  std::string_view name;  // as the API names it: "care_levels", "adl_items" …
  std::string_view title;
  std::vector<Code> codes;

  bool contains(std::string_view code) const;
  // The label of `code`; "" for the empty code, the code itself when unknown.
  std::string_view label(std::string_view code) const;
};

const Vocabulary& care_levels();              // 要介護度
const Vocabulary& disability_independence();  // 障害高齢者の日常生活自立度（寝たきり度）
const Vocabulary& dementia_independence();  // 認知症高齢者の日常生活自立度
const Vocabulary& adl_items();              // 食事, 移乗 …
const Vocabulary& iadl_items();             // 買い物, 調理 …
const Vocabulary& assistance_levels();      // 自立, 見守り, 一部介助, 全介助
const Vocabulary& living_situations();      // 独居, 高齢者のみの世帯 …
const Vocabulary& treatment_preferences();  // 希望する, 希望しない, 決めていない
const Vocabulary& life_sustaining_treatments();  // 心肺蘇生, 人工呼吸器, 胃ろう …
const Vocabulary& places_of_care();              // 自宅, 病院, 施設 …
const Vocabulary& consent_scopes();  // チーム全員, 家族への共有, 救急隊への開示

// Every vocabulary, for the screens (one request instead of labels copied into the front end).
std::vector<const Vocabulary*> all_vocabularies();

// Trims `code` and reports it under `field` unless it is empty or one of `vocabulary`'s.
void check_code(Validator& v, const std::string& field, std::string& code,
                const Vocabulary& vocabulary);

// A map of item → value codes (ADL item → 介助の程度, 医療処置 → 希望): items `items` does not
// have are reported under `field`, values are checked against `values`, empty values dropped.
void check_code_map(Validator& v, const std::string& field, std::map<std::string, std::string>& map,
                    const Vocabulary& items, const Vocabulary& values);

}  // namespace musubi::person
