// The streaming JSON writer: what it writes parses back to what was written, with the escapes
// JSON needs and Japanese text as it is.
#include "codec/json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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

}  // namespace
}  // namespace musubi::codec
