#include "backends/sqlite/cursor.hpp"

#include <gtest/gtest.h>

namespace musubi::backends::sqlite {
namespace {

TEST(Cursor, RoundTripsAnyKey) {
  for (const std::string& key :
       std::vector<std::string>{std::string(""), std::string("さとうはなこ"), std::string("a.b.c"),
                                std::string("\0x", 2)}) {
    auto decoded = decode_cursor(encode_cursor(key, 42));
    ASSERT_TRUE(decoded) << key;
    EXPECT_EQ(decoded->first, key);
    EXPECT_EQ(decoded->second, 42);
  }
  // URL-safe: no characters that need escaping in a query string.
  EXPECT_EQ(encode_cursor("佐藤 & =", 7).find_first_not_of("0123456789abcdef."), std::string::npos);
}

TEST(Cursor, RejectsWhatThisServerDidNotMake) {
  for (const std::string& bad :
       std::vector<std::string>{"", "abc", "zz.1", "a.1", "61.", "61.1x", "61.99999999999999999999",
                                "'; DROP TABLE x;--", std::string(5000, 'a') + ".1"}) {
    EXPECT_FALSE(decode_cursor(bad)) << bad;
  }
}

}  // namespace
}  // namespace musubi::backends::sqlite
