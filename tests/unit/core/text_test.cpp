#include "core/text.hpp"

#include <gtest/gtest.h>

namespace musubi::text {

TEST(SearchKey, FoldsKatakanaHalfWidthAndSpaces) {
  EXPECT_EQ(search_key("さとう たろう"), "さとたろ");
  EXPECT_EQ(search_key("サトウ　タロウ"), "さとたろ");
  EXPECT_EQ(search_key("ｻﾄｳ ﾀﾛｳ"), "さとたろ");
  EXPECT_EQ(search_key("ｶﾞｯｺｳ"), "がっこ");  // half-width voiced marks compose
  EXPECT_EQ(search_key("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(search_key("佐藤 太郎"), "佐藤太郎");
}

// The spellings one reading takes in records and in what people type meet in one key.
struct KanaCase {
  const char* typed;
  const char* key;
};

TEST(SearchKey, NormalisationTable) {
  const KanaCase cases[] = {
      // the same reading in every script and width
      {"さとう", "さと"},
      {"サトウ", "さと"},
      {"ｻﾄｳ", "さと"},
      {"ｻ ﾄ ｳ", "さと"},
      // long vowels: ー and the vowel that lengthens the one before it
      {"サトー", "さと"},
      {"さとお", "さと"},
      {"オオタ", "おた"},
      {"オータ", "おた"},
      {"ｵｰﾀ", "おた"},
      {"ユウコ", "ゆこ"},
      {"ユーコ", "ゆこ"},
      {"ケイコ", "けこ"},
      {"ケーコ", "けこ"},
      {"ケアプランセンター", "けあぷらんせんた"},
      {"おおおか", "おか"},
      // vowels that do not lengthen stay
      {"カワイ", "かわい"},
      {"アオイ", "あおい"},
      {"ミウラ", "みうら"},
      // ヴ as the バ row, in both widths and in hiragana
      {"ヴァイオリン", "ばいおりん"},
      {"ヴィ", "び"},
      {"ヴ", "ぶ"},
      {"ヴェ", "べ"},
      {"ヴォ", "ぼ"},
      {"ｳﾞｨ", "び"},
      {"ゔぃ", "び"},
      // ぢ and づ as じ and ず
      {"ツヅキ", "つずき"},
      {"ちぢみ", "ちじみ"},
      // ASCII and kanji unchanged but for width and case
      {"ＳＡＴＯ", "sato"},
      {"佐藤　太郎", "佐藤太郎"},
      {"", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(search_key(c.typed), c.key) << c.typed;
  }
}

TEST(SearchKey, SameKeyForEverySpellingOfOneName) {
  const auto key = search_key("オオタ ユウコ");
  for (const char* typed :
       {"おおた ゆうこ", "ｵｵﾀ ﾕｳｺ", "オータ　ユーコ", "ｵｰﾀﾕｰｺ", "おおたゆうこ"}) {
    EXPECT_EQ(search_key(typed), key) << typed;
  }
}

TEST(Nfkc, WidensHalfWidthKanaAndNarrowsDigits) {
  EXPECT_EQ(nfkc("ｶﾞｯｺｳ１２３"), "ガッコウ123");
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

namespace musubi::text {

TEST(NameSearchKeys, WholeNameAndGivenNameInKanaAndKanji) {
  EXPECT_EQ(name_search_keys("さとう たろう", "佐藤 太郎"),
            (std::vector<std::string>{"さとたろ", "たろ", "佐藤太郎", "太郎"}));
  EXPECT_EQ(name_search_keys("ｻﾄｳ　ﾀﾛｳ", "佐藤　太郎"),
            (std::vector<std::string>{"さとたろ", "たろ", "佐藤太郎", "太郎"}));
  // Without a space there is only the whole name; nothing is repeated or empty.
  EXPECT_EQ(name_search_keys("さとう", "さとう"), (std::vector<std::string>{"さと"}));
  EXPECT_EQ(name_search_keys("  ", ""), (std::vector<std::string>{}));
}

}  // namespace musubi::text

namespace musubi::text {

TEST(Prefix, CutsWholeCharactersAndStopsAtBrokenBytes) {
  EXPECT_EQ(prefix("佐藤太郎", 2), "佐藤");
  EXPECT_EQ(prefix("abc", 10), "abc");
  EXPECT_EQ(prefix("", 3), "");
  EXPECT_EQ(prefix("ab\xE7\xB5", 5), "ab");  // a truncated character ends it
  EXPECT_EQ(prefix("a\xFF"
                   "b",
                   5),
            "a");
  EXPECT_TRUE(is_valid_utf8(prefix("結び\xC0\xAF", 10)));
}

}  // namespace musubi::text

namespace musubi::text {
namespace {

TEST(AsciiLower, LowersOnlyAsciiLetters) {
  EXPECT_EQ(ascii_lower("Suzuki.CM@Demo.Musubi.INVALID"), "suzuki.cm@demo.musubi.invalid");
  EXPECT_EQ(ascii_lower("ＡＢＣ佐藤@x"), "ＡＢＣ佐藤@x") << "full-width and kanji untouched";
  EXPECT_EQ(ascii_lower(""), "");
}

}  // namespace
}  // namespace musubi::text
