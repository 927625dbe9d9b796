#include "core/validation.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"

namespace musubi {
namespace {

std::string only_error(const Validator& v) {
  return v.errors().size() == 1 ? v.errors()[0].message
                                : "(" + std::to_string(v.errors().size()) + " errors)";
}

TEST(Validator, CollectsEveryProblemBeforeReporting) {
  Validator v;
  v.text("name", "", 50, true);
  v.kana("name_kana", "Sato", 50, true);
  v.date("birth_date", "1940-02-30", true);
  EXPECT_EQ(v.errors().size(), 3u);
  try {
    v.throw_if_any();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_input);
    EXPECT_EQ(e.fields().size(), 3u);
    EXPECT_EQ(e.fields()[1].field, "name_kana");
  }
}

TEST(Validator, TextIsTrimmedAndMeasuredInCharacters) {
  Validator v;
  EXPECT_EQ(v.text("name", "　佐藤 花子 ", 5, true), "佐藤 花子");
  EXPECT_TRUE(v.ok());
  v.text("name", "佐藤 花子さん", 5, true);
  EXPECT_EQ(only_error(v), "5文字以内で入力してください");
}

TEST(Validator, RefusesBrokenUtf8AndControlCharactersButKeepsMetacharacters) {
  Validator v;
  v.text("a", "\xE7\xB5", 10, false);
  EXPECT_EQ(only_error(v), "文字コードが正しくありません（UTF-8で入力してください）");
  Validator c;
  c.text("a",
         "ab\x01"
         "c",
         10, false);
  EXPECT_EQ(only_error(c), "使えない制御文字が含まれています");
  Validator single_line;
  single_line.text("a", "1行目\n2行目", 20, false);
  EXPECT_FALSE(single_line.ok());
  Validator multi;
  EXPECT_EQ(multi.text("a", "1行目\n2行目", 20, false, true), "1行目\n2行目");
  Validator meta;
  EXPECT_EQ(meta.text("a", "'; DROP TABLE persons; --<b>", 50, true),
            "'; DROP TABLE persons; --<b>");
  EXPECT_TRUE(meta.ok());
}

TEST(Validator, KanaAcceptsHiraganaKatakanaAndHalfWidthOnly) {
  for (const std::string& ok : std::vector<std::string>{"さとう はなこ", "サトウ　ハナコ",
                                                        "ｻﾄｳ ﾊﾅｺ", "ゔぁー", "ヴァレンタイン"}) {
    Validator v;
    v.kana("k", ok, 50, true);
    EXPECT_TRUE(v.ok()) << ok;
  }
  for (const std::string& bad :
       std::vector<std::string>{"佐藤", "sato", "さとう1", "さとう！", "さとう\tはなこ"}) {
    Validator v;
    v.kana("k", bad, 50, true);
    EXPECT_FALSE(v.ok()) << bad;
  }
}

TEST(Validator, DatesAreRealCalendarDays) {
  for (const std::string& ok :
       std::vector<std::string>{"1940-04-01", "2024-02-29", "2000-02-29", "1868-10-23"}) {
    Validator v;
    v.date("d", ok, true);
    EXPECT_TRUE(v.ok()) << ok;
  }
  for (const std::string& bad :
       std::vector<std::string>{"1900-02-29", "2023-02-29", "2024-13-01", "2024-04-31", "20240401",
                                "昭和15年", "昭和64年1月8日"}) {
    Validator v;
    v.date("d", bad, true);
    EXPECT_FALSE(v.ok()) << bad;
  }
}

TEST(Validator, DatesAreStoredAsIsoWhateverWayTheyWereTyped) {
  Validator v;
  EXPECT_EQ(v.date("d", "2024-4-1", true), "2024-04-01");
  EXPECT_EQ(v.date("d", "昭和15年4月1日", true), "1940-04-01");
  EXPECT_EQ(v.date("d", "Ｓ１５．４．１", true), "1940-04-01");
  EXPECT_EQ(v.partial_date("onset", "平成30年"), "2018");
  EXPECT_EQ(v.partial_date("onset", ""), "");
  EXPECT_TRUE(v.ok());
  v.partial_date("onset", "平成31年5月");
  ASSERT_EQ(v.errors().size(), 1u);
  EXPECT_EQ(v.errors()[0].field, "onset");
}

TEST(Validator, PhoneAndPostalCodeAcceptWhatAnImeTypes) {
  Validator v;
  EXPECT_EQ(v.phone("phone", "０２９ー８６４ー１２３４", false), "029-864-1234");
  EXPECT_EQ(v.phone("phone", "029−864−1234", false), "029-864-1234");
  EXPECT_EQ(v.postal_code("postal_code", "〒３０５ー８５５５"), "305-8555");
  EXPECT_EQ(v.postal_code("postal_code", "3058555"), "305-8555");
  EXPECT_TRUE(v.ok());
  v.phone("phone", "029-864-abcd", false);
  v.postal_code("postal_code", "305-855");
  EXPECT_EQ(v.errors().size(), 2u);
}

TEST(Validator, EmailAndLoginId) {
  Validator v;
  v.email("e", "cm.sato@example.jp", true);
  v.login_id("l", "sato.cm_01");
  EXPECT_TRUE(v.ok());
  for (const std::string& bad :
       std::vector<std::string>{"no-at.example.jp", "a@b", "a@@b.jp", "a b@c.jp", "<a@b.jp>"}) {
    Validator e;
    e.email("e", bad, true);
    EXPECT_FALSE(e.ok()) << bad;
  }
  for (const std::string& bad :
       std::vector<std::string>{"ab", "さとう", "has space", "semi;colon", std::string(65, 'a')}) {
    Validator l;
    l.login_id("l", bad);
    EXPECT_FALSE(l.ok()) << bad;
  }
}

}  // namespace
}  // namespace musubi
