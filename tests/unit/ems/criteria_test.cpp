#include "ems/criteria.hpp"

#include <gtest/gtest.h>

namespace musubi::ems {
namespace {

bool has_problem(const Validator& v, const std::string& field) {
  for (const auto& e : v.errors()) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(EmsCriteriaTest, KanaOfAnyWidthAndSpacingIsOneKey) {
  Validator v;
  auto a = criteria_from({.name_kana = "ｶﾜｸﾞﾁ ﾄﾒ"}, v);
  auto b = criteria_from({.name_kana = "かわぐち　とめ"}, v);
  auto c = criteria_from({.name_kana = "カワグチトメ"}, v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(a.name_key, b.name_key);
  EXPECT_EQ(b.name_key, c.name_key);
  EXPECT_TRUE(a.second_name_key.empty());
}

TEST(EmsCriteriaTest, KanaAndKanjiBothTypedNarrowTwice) {
  Validator v;
  auto c = criteria_from({.name_kana = "かわぐち", .name = "川口"}, v);
  EXPECT_TRUE(v.ok());
  EXPECT_FALSE(c.name_key.empty());
  EXPECT_FALSE(c.second_name_key.empty());
  EXPECT_NE(c.name_key, c.second_name_key);
}

TEST(EmsCriteriaTest, ABirthDateInWarekiOrOnlyItsYearIsARange) {
  Validator v;
  auto day = criteria_from({.birth_date = "昭和16年3月2日"}, v);
  EXPECT_EQ(day.birth_from, "1941-03-02");
  EXPECT_LT(day.birth_from, day.birth_until);
  EXPECT_LT(day.birth_until, "1941-03-03");
  auto year = criteria_from({.birth_date = "昭和16年"}, v);
  EXPECT_EQ(year.birth_from, "1941");
  EXPECT_EQ(year.birth_until, "1942");
  auto december = criteria_from({.birth_date = "1941年12月"}, v);
  EXPECT_EQ(december.birth_from, "1941-12");
  EXPECT_EQ(december.birth_until, "1942-01");
  EXPECT_TRUE(v.ok());
  EXPECT_LT(std::string("1941-12-31"), december.birth_until);
}

TEST(EmsCriteriaTest, PhoneDigitsInAnyFormatBecomeTheReversedKey) {
  Validator v;
  auto full = criteria_from({.phone = "（０２９）８６４ー１２３４"}, v);
  EXPECT_EQ(full.phone_key, "4321468920");
  auto last = criteria_from({.phone = "1234"}, v);
  EXPECT_EQ(last.phone_key, "4321");
  EXPECT_TRUE(full.phone_key.starts_with(last.phone_key));
  EXPECT_TRUE(v.ok());
}

TEST(EmsCriteriaTest, NothingThatNarrowsIsRefused) {
  Validator none;
  criteria_from({}, none);
  EXPECT_TRUE(has_problem(none, "criteria"));
  Validator sex_alone;
  criteria_from({.sex = "female"}, sex_alone);
  EXPECT_TRUE(has_problem(sex_alone, "criteria"));
  Validator short_kana;
  criteria_from({.name_kana = "か"}, short_kana);
  EXPECT_TRUE(has_problem(short_kana, "name_kana"));
  Validator short_phone;
  criteria_from({.phone = "12"}, short_phone);
  EXPECT_TRUE(has_problem(short_phone, "phone"));
  Validator bad_sex;
  criteria_from({.name_kana = "かわぐち", .sex = "robot"}, bad_sex);
  EXPECT_TRUE(has_problem(bad_sex, "sex"));
  Validator no_era_day;
  criteria_from({.birth_date = "昭和64年1月8日"}, no_era_day);
  EXPECT_TRUE(has_problem(no_era_day, "birth_date"));
}

TEST(EmsCriteriaTest, AReasonIsKnownAndNamesItsIncidentUnlessTraining) {
  Validator ok;
  auto r = checked_reason("dispatch", " R8-0042 ", ok);
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(r.incident, "R8-0042");
  Validator training;
  checked_reason("training", "", training);
  EXPECT_TRUE(training.ok());
  Validator missing;
  checked_reason("dispatch", "", missing);
  EXPECT_TRUE(has_problem(missing, "incident"));
  Validator unknown;
  checked_reason("curiosity", "1", unknown);
  EXPECT_TRUE(has_problem(unknown, "reason"));
}

}  // namespace
}  // namespace musubi::ems
