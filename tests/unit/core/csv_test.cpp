#include "core/csv.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace musubi::csv {

TEST(Csv, ParsesQuotedFieldsAndCrLf) {
  auto rows =
      parse("\xEF\xBB\xBFlogin_id,氏名\r\n\"a,b\",\"say \"\"hi\"\"\"\r\nc,\"multi\nline\"\r\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "login_id");
  EXPECT_EQ(rows[1][0], "a,b");
  EXPECT_EQ(rows[1][1], "say \"hi\"");
  EXPECT_EQ(rows[2][1], "multi\nline");
}

TEST(Csv, SkipsBlankLinesAndKeepsEmptyFields) {
  auto rows = parse("a,,c\n\n,b,\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (Row{"a", "", "c"}));
  EXPECT_EQ(rows[1], (Row{"", "b", ""}));
}

TEST(Csv, LastLineWithoutNewline) {
  auto rows = parse("a,b\nc,d");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "d");
}

TEST(Csv, UnterminatedQuoteIsAnErrorWithItsLine) {
  try {
    parse("a,b\nc,\"d\n");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_input);
    EXPECT_NE(e.message().find("2行目"), std::string::npos);
  }
}

TEST(Csv, RowLimit) {
  EXPECT_THROW(parse("a\nb\nc\n", 2), Error);
}

}  // namespace musubi::csv
