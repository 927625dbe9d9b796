#include "person/forms.hpp"

#include <gtest/gtest.h>

#include <set>

namespace musubi::person {
namespace {

Person person() {
  Person p;
  p.id = 1;
  p.fields = {.name = "山田 太郎",
              .name_kana = "やまだ たろう",
              .birth_date = "1940-03-02",
              .sex = Sex::male,
              .address = "茨城県つくば市研究学園1-1"};
  return p;
}

Summary summary() {
  Summary s;
  s.conditions = {{"アルツハイマー型認知症", "2018", ""}, {"2型糖尿病", "2015-04", ""}};
  s.medications = {{"ドネペジル 5mg", "1日1回 朝食後", ""}};
  s.allergies = {{"ペニシリン", "発疹"}};
  s.disability_independence = "A2";
  s.dementia_independence = "IIb";
  s.care.level = "care2";
  return s;
}

TEST(FormTemplates, EveryShippedFormHasUniqueKeysAndKnownPrefills) {
  std::set<std::string_view> codes;
  for (const auto& t : form_templates()) {
    EXPECT_TRUE(codes.insert(t.code).second) << t.code;
    std::set<std::string_view> keys;
    for (const auto& s : t.sections) {
      for (const auto& f : s.fields) {
        EXPECT_TRUE(keys.insert(f.key).second) << t.code << " " << f.key;
        if (f.kind == FieldKind::choice || f.kind == FieldKind::checks) {
          EXPECT_FALSE(f.options.empty()) << f.key;
        }
      }
    }
  }
  for (const char* code : {"shujii_ikensho", "houmon_kango_shijisho", "houmon_kango_houkokusho",
                           "shinryo_joho_teikyosho"}) {
    EXPECT_NE(find_template(code), nullptr) << code;
  }
}

TEST(Forms, ANewDraftStartsFromThePersonTheSummaryAndItsAuthor) {
  const auto* t = find_template("shujii_ikensho");
  FormAuthor author{.name = "佐藤 一郎",
                    .facility_name = "さくら在宅クリニック",
                    .facility_phone = "029-000-0000"};
  auto v = prefill(*t, person(), summary(), author, "2026-11-29");
  EXPECT_EQ(v["person_name"], "山田 太郎");
  EXPECT_EQ(v["person_birth"], "1940年（昭和15年）3月2日・86歳");
  EXPECT_EQ(v["person_sex"], "男");
  EXPECT_EQ(v["doctor_name"], "佐藤 一郎");
  EXPECT_EQ(v["doctor_facility"], "さくら在宅クリニック");
  EXPECT_EQ(v["last_visit"], "2026-11-29");
  EXPECT_EQ(v["diagnosis1"], "アルツハイマー型認知症");
  EXPECT_EQ(v["onset1"], "2018年（平成30年）");
  EXPECT_EQ(v["diagnosis2"], "2型糖尿病");
  EXPECT_EQ(v["onset2"], "2015年（平成27年）4月");
  EXPECT_EQ(v.count("diagnosis3"), 0u);
  EXPECT_EQ(v["disability_independence"], "A2");
  EXPECT_EQ(v["dementia_independence"], "Ⅱb");
  EXPECT_EQ(v["course"], "ドネペジル 5mg　1日1回 朝食後");

  auto order =
      prefill(*find_template("houmon_kango_shijisho"), person(), summary(), author, "2026-11-29");
  EXPECT_EQ(order["care_level"], "要介護2");
  EXPECT_EQ(order["remarks"], "アレルギー: ペニシリン（発疹）");
}

TEST(Forms, ValuesAreCheckedAgainstTheTemplate) {
  const auto* t = find_template("shujii_ikensho");
  FormValues values = {{"diagnosis1", "  脳梗塞後遺症  "},
                       {"stability", "安定"},
                       {"special_care", "酸素療法\n点滴の管理\n酸素療法"},
                       {"last_visit", "令和8年11月1日"}};
  Validator v;
  validate(*t, values, v);
  ASSERT_TRUE(v.ok()) << v.errors().front().field;
  EXPECT_EQ(values["diagnosis1"], "脳梗塞後遺症");
  EXPECT_EQ(values["special_care"], "点滴の管理\n酸素療法");  // the form's order, once each
  EXPECT_EQ(values["last_visit"], "2026-11-01");

  FormValues bad = {{"stability", "たぶん"},
                    {"special_care", "魔法"},
                    {"no_such_field", "x"},
                    {"last_visit", "昭和64年1月8日"}};
  Validator refused;
  validate(*t, bad, refused);
  std::set<std::string> fields;
  for (const auto& e : refused.errors()) fields.insert(e.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"stability", "special_care", "no_such_field", "last_visit"}));
}

}  // namespace
}  // namespace musubi::person
