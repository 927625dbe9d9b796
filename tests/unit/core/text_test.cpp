#include "core/text.hpp"

#include <gtest/gtest.h>

namespace musubi::text {

TEST(SearchKey, FoldsKatakanaHalfWidthAndSpaces) {
  EXPECT_EQ(search_key("さとう たろう"), "さとうたろう");
  EXPECT_EQ(search_key("サトウ　タロウ"), "さとうたろう");
  EXPECT_EQ(search_key("ｻﾄｳ ﾀﾛｳ"), "さとうたろう");
  EXPECT_EQ(search_key("ｶﾞｯｺｳ"), "がっこう");  // half-width voiced marks compose
  EXPECT_EQ(search_key("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(search_key("佐藤 太郎"), "佐藤太郎");
}

TEST(SearchKey, KeepsLongVowelMark) {
  EXPECT_EQ(search_key("ケアプランセンター"), "けあぷらんせんたー");
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_TRUE(is_valid_utf8("結び"));
  EXPECT_TRUE(is_valid_utf8("abc"));
  EXPECT_FALSE(is_valid_utf8("\xE7\xB5"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));  // beyond U+10FFFF
}

TEST(Length, CountsCharactersNotBytes) {
  EXPECT_EQ(length("結び"), 2u);
  EXPECT_EQ(length("abc"), 3u);
}

TEST(Trim, RemovesIdeographicSpace) {
  EXPECT_EQ(trim("　佐藤　"), "佐藤");
  EXPECT_EQ(trim("  a b  "), "a b");
  EXPECT_EQ(trim("　"), "");
}

TEST(IsoDate, ChecksTheCalendar) {
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_FALSE(is_iso_date("2023-02-29"));
  EXPECT_FALSE(is_iso_date("1900-02-29"));
  EXPECT_TRUE(is_iso_date("2000-02-29"));
  EXPECT_FALSE(is_iso_date("2024-13-01"));
  EXPECT_FALSE(is_iso_date("2024-1-01"));
  EXPECT_FALSE(is_iso_date("1800-01-01"));
}

TEST(ControlCharacters, AllowsNewlinesOnlyWhenAsked) {
  EXPECT_TRUE(has_control_characters("a\x01", false));
  EXPECT_TRUE(has_control_characters("a\nb", false));
  EXPECT_FALSE(has_control_characters("a\nb", true));
  EXPECT_FALSE(has_control_characters("a\tb", false));
}

}  // namespace musubi::text

namespace musubi::text {

TEST(AsciiDigits, ConvertsWhatAnImeTypes) {
  EXPECT_EQ(ascii_digits_and_hyphens("０２９－８６４ー１２３４"), "029-864-1234");
  EXPECT_EQ(ascii_digits_and_hyphens("＋８１ 29‐864"), "+81 29-864");
  EXPECT_EQ(ascii_digits_and_hyphens("つくば市１丁目"), "つくば市1丁目");
  EXPECT_EQ(ascii_digits_and_hyphens("abc"), "abc");
}

TEST(IsoDate, RealDaysOnly) {
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_FALSE(is_iso_date("2100-02-29"));
  EXPECT_FALSE(is_iso_date("2024-00-10"));
  EXPECT_FALSE(is_iso_date("２０２４-01-01"));
}

}  // namespace musubi::text
