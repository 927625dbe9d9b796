#include "core/search_text.hpp"

#include <gtest/gtest.h>

namespace musubi::text {
namespace {

std::string marked(const std::vector<ExcerptPart>& parts) {
  std::string out;
  for (const auto& p : parts) out += p.match ? "[" + p.text + "]" : p.text;
  return out;
}

TEST(FoldForSearch, KanaWidthAndCaseMeetInOneForm) {
  EXPECT_EQ(fold_for_search("テントウ"), "てんとう");
  EXPECT_EQ(fold_for_search("ﾃﾝﾄｳ"), "てんとう");
  EXPECT_EQ(fold_for_search("ｶﾞｰｾﾞ"), "がーぜ");  // half-width voicing mark joins its kana
  EXPECT_EQ(fold_for_search("ＳｐＯ２"), "spo2");
  EXPECT_EQ(fold_for_search("ヴ"), "ゔ");
  EXPECT_EQ(fold_for_search("発熱 あり\n"), "発熱 あり\n");  // kanji and white space untouched
  EXPECT_EQ(fold_for_search("㎎"), "mg");
}

TEST(FoldForSearch, InvalidBytesAreDroppedNotPassedOn) {
  EXPECT_EQ(fold_for_search(std::string("a\xff"
                                        "b")),
            "ab");
}

TEST(SearchTerms, SplitsOnAnySpaceFoldsAndDropsRepeats) {
  EXPECT_EQ(search_terms("熱　ﾌﾗﾂｷ  熱 "), (std::vector<std::string>{"熱", "ふらつき"}));
  EXPECT_TRUE(search_terms(" \t　").empty());
  EXPECT_EQ(search_terms("a b c d e f g h i j").size(), 8u);
}

TEST(Excerpt, MarksEveryMatchInTheAuthorsOwnCharacters) {
  auto parts = excerpt("ﾃﾝﾄｳ予防。転倒なし。テントウ注意", search_terms("てんとう 転倒"));
  EXPECT_EQ(marked(parts), "[ﾃﾝﾄｳ]予防。[転倒]なし。[テントウ]注意");
}

TEST(Excerpt, CutsAroundTheFirstMatchWithEllipses) {
  std::string body(200, 'x');
  body += "発熱";
  body += std::string(200, 'y');
  auto parts = excerpt(body, {"発熱"}, 40);
  auto text = marked(parts);
  EXPECT_EQ(text.rfind("…", 0), 0u) << text;
  EXPECT_NE(text.find("[発熱]"), std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 3), "…");
  EXPECT_LE(text.size(), 60u);
}

TEST(Excerpt, WithoutAMatchShowsTheStart) {
  EXPECT_EQ(marked(excerpt("短い記録", {"熱"})), "短い記録");
}

}  // namespace
}  // namespace musubi::text
