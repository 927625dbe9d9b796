// The streaming JSON writer: what it writes parses back to what was written, with the escapes
// JSON needs and Japanese text as it is.
#include "codec/json_writer.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <random>

namespace musubi::codec {
namespace {

TEST(JsonWriter, NestedValuesParseBackAsWritten) {
  JsonWriter w;
  w.begin_object();
  w.num("id", 9007199254740993);  // past a double's exact range: written as an integer
  w.num("negative", -5);
  w.flag("yes", true);
  w.flag("no", false);
  w.null("none");
  w.num_or_null("some", 7);
  w.num_or_null("absent", std::nullopt);
  w.key("list").begin_array();
  w.string("あ");
  w.number(1);
  w.begin_object();
  w.end_object();
  w.end_array();
  w.time("at", 1796342400);
  w.time_or_null("never", std::nullopt);
  w.end_object();
  ASSERT_TRUE(w.complete());
  auto j = nlohmann::json::parse(w.take());
  EXPECT_EQ(j["id"].get<std::int64_t>(), 9007199254740993);
  EXPECT_EQ(j["negative"], -5);
  EXPECT_EQ(j["yes"], true);
  EXPECT_EQ(j["no"], false);
  EXPECT_TRUE(j["none"].is_null());
  EXPECT_EQ(j["some"], 7);
  EXPECT_TRUE(j["absent"].is_null());
  EXPECT_EQ(j["list"], nlohmann::json::parse(R"(["あ",1,{}])"));
  EXPECT_EQ(j["at"], "2026-12-04T00:00:00Z");
  EXPECT_TRUE(j["never"].is_null());
}

TEST(JsonWriter, StringsAreEscapedAndJapaneseIsKept) {
  const std::string tricky = "引用\"と\\と\n改行\t\x01</script>";
  JsonWriter w;
  w.begin_object();
  w.str("text", tricky);
  w.end_object();
  const std::string out = w.take();
  EXPECT_EQ(nlohmann::json::parse(out)["text"], tricky);
  EXPECT_NE(out.find("引用"), std::string::npos) << "UTF-8 is written as it is, not as \\u escapes";
  EXPECT_EQ(out.find('\n'), std::string::npos) << out;
  EXPECT_NE(out.find("\\u0001"), std::string::npos) << out;
}

TEST(JsonWriter, ARawPartIsEmbeddedAsAValue) {
  JsonWriter w;
  w.begin_array();
  w.raw(R"({"a":[1,2]})");
  w.number(3);
  w.end_array();
  EXPECT_EQ(w.take(), R"([{"a":[1,2]},3])");
}

TEST(JsonWriter, AnUnclosedObjectIsNotComplete) {
  JsonWriter w;
  w.begin_object();
  w.num("a", 1);
  EXPECT_FALSE(w.complete());
  w.end_object();
  EXPECT_TRUE(w.complete());
}

TEST(JsonWriter, BytesThatAreNotUtf8BecomeTheReplacementCharacter) {
  // A stray continuation byte, an overlong '/', a surrogate, past U+10FFFF, a cut-off 「あ」.
  const std::string bad = std::string(
                              "a\x80"
                              "b") +
                          "\xC0\xAF" + "\xED\xA0\x80" + "\xF4\x90\x80\x80" + "\xE3\x81";
  JsonWriter w;
  w.begin_array();
  w.string(bad);
  w.string("\xF0\x9F\x98\x80");  // an emoji, four valid bytes, is kept
  w.end_array();
  const auto j = nlohmann::json::parse(w.take());
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(j[0], "a" + fffd + "b" + fffd + fffd + fffd + fffd + fffd + fffd + fffd + fffd + fffd +
                      fffd + fffd);
  EXPECT_EQ(j[1], "\xF0\x9F\x98\x80");
}

TEST(JsonWriter, AnyBytesInKeysAndValuesParseBackAndUtf8RoundTrips) {
  // nlohmann's parser refuses invalid UTF-8 and unescaped control characters, so every text the
  // writer produces from random bytes must parse; the valid ones must come back unchanged.
  std::mt19937 random(20261204);  // fixed seed: the same strings on every run
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 24);
  int valid = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string s;
    const int n = length(random);
    for (int k = 0; k < n; ++k) s.push_back(static_cast<char>(byte(random)));
    JsonWriter w;
    w.begin_object();
    w.str(s, s);
    w.end_object();
    const std::string out = w.take();
    nlohmann::json j;
    ASSERT_NO_THROW(j = nlohmann::json::parse(out)) << out;
    ASSERT_EQ(j.size(), 1U);
    bool is_utf8 = true;
    try {
      (void)nlohmann::json(s).dump();
    } catch (const nlohmann::json::type_error&) {
      is_utf8 = false;
    }
    if (is_utf8) {
      ++valid;
      EXPECT_EQ(j.at(s), s);
    }
  }
  EXPECT_GT(valid, 100)
      << "the sample must include valid strings for the round trip to mean anything";
}

TEST(JsonWriter, CommasSeparateSiblingsAtEveryDepthAndTakeStartsAfresh) {
  JsonWriter w;
  w.begin_object();
  w.key("a").begin_array();
  w.begin_array();
  w.end_array();
  w.begin_object();
  w.num("x", 1);
  w.key("y").begin_object();
  w.end_object();
  w.end_object();
  w.null();
  w.end_array();
  w.flag("b", false);
  w.end_object();
  EXPECT_EQ(w.take(), R"({"a":[[],{"x":1,"y":{}},null],"b":false})");
  EXPECT_FALSE(w.complete()) << "take() leaves the writer empty";
  w.begin_array();
  w.number(-9223372036854775807 - 1);
  w.end_array();
  EXPECT_EQ(w.take(), "[-9223372036854775808]");
}

TEST(JsonWriter, DecimalsHaveTheirPlacesAndNeverBreakTheJson) {
  JsonWriter w;
  w.begin_array();
  w.decimal(36.2135, 6);
  w.decimal(-0.5, 1);
  w.decimal(140.0, 6);
  w.decimal(std::numeric_limits<double>::quiet_NaN(), 6);
  w.end_array();
  auto text = w.take();
  EXPECT_EQ(text, "[36.213500,-0.5,140.000000,null]");
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(text)[0].get<double>(), 36.2135);
}

}  // namespace
}  // namespace musubi::codec
