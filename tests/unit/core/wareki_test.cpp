#include "core/wareki.hpp"

#include <gtest/gtest.h>

namespace musubi::wareki {

namespace {

std::string iso(std::string_view typed, bool partial = false) {
  auto parsed = parse(typed, partial);
  return parsed.date ? to_iso(*parsed.date) : "refused: " + parsed.problem;
}

bool refused(std::string_view typed, bool partial = false) {
  return !parse(typed, partial).date.has_value();
}

}  // namespace

// The last day of each era and the first day of the next, both ways.
struct Boundary {
  Date day;
  const char* wareki;
};

TEST(Wareki, EraBoundariesAreExactToTheDay) {
  const Boundary cases[] = {
      {{1912, 7, 29}, "明治45年7月29日"},   {{1912, 7, 30}, "大正元年7月30日"},
      {{1926, 12, 24}, "大正15年12月24日"}, {{1926, 12, 25}, "昭和元年12月25日"},
      {{1989, 1, 7}, "昭和64年1月7日"},     {{1989, 1, 8}, "平成元年1月8日"},
      {{2019, 4, 30}, "平成31年4月30日"},   {{2019, 5, 1}, "令和元年5月1日"},
      {{2026, 11, 29}, "令和8年11月29日"},  {{1868, 1, 25}, "明治元年1月25日"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(format(c.day), c.wareki);
    // And back: the 和暦 text parses to the same day.
    EXPECT_EQ(iso(c.wareki), to_iso(c.day)) << c.wareki;
  }
}

TEST(Wareki, DaysAnEraNeverHadAreRefusedWithTheReason) {
  auto showa64 = parse("昭和64年1月8日", false);
  ASSERT_FALSE(showa64.date);
  EXPECT_NE(showa64.problem.find("昭和は64年1月7日まで"), std::string::npos) << showa64.problem;
  EXPECT_NE(showa64.problem.find("平成元年"), std::string::npos);

  auto heisei_first = parse("平成元年1月7日", false);
  ASSERT_FALSE(heisei_first.date);
  EXPECT_NE(heisei_first.problem.find("平成は元年1月8日から"), std::string::npos)
      << heisei_first.problem;

  EXPECT_TRUE(refused("平成31年5月1日"));
  EXPECT_TRUE(refused("令和元年4月30日"));
  EXPECT_TRUE(refused("大正15年12月25日"));
  EXPECT_TRUE(refused("昭和元年12月24日"));
  EXPECT_TRUE(refused("明治45年7月30日"));
  EXPECT_TRUE(refused("大正元年7月29日"));
  EXPECT_TRUE(refused("令和0年1月1日"));
  EXPECT_TRUE(refused("昭和65年1月1日"));
  EXPECT_TRUE(refused("平成2年2月30日"));  // not a calendar day
  EXPECT_TRUE(refused("令和5年13月1日"));
  EXPECT_TRUE(refused("明治1年1月1日"));  // before 明治's first day
}

TEST(Wareki, AcceptsTheWaysDatesAreTyped) {
  EXPECT_EQ(iso("2026-04-01"), "2026-04-01");
  EXPECT_EQ(iso("2026/4/1"), "2026-04-01");
  EXPECT_EQ(iso("2026.4.1"), "2026-04-01");
  EXPECT_EQ(iso("2026年4月1日"), "2026-04-01");
  EXPECT_EQ(iso("令和8年4月1日"), "2026-04-01");
  EXPECT_EQ(iso("令和元年5月1日"), "2019-05-01");
  EXPECT_EQ(iso("令和1年5月1日"), "2019-05-01");
  EXPECT_EQ(iso("R8.4.1"), "2026-04-01");
  EXPECT_EQ(iso("r8/4/1"), "2026-04-01");
  EXPECT_EQ(iso("S15.3.2"), "1940-03-02");
  EXPECT_EQ(iso("Ｓ１５．３．２"), "1940-03-02");  // full-width, as a Japanese IME types it
  EXPECT_EQ(iso("昭15.3.2"), "1940-03-02");
  EXPECT_EQ(iso("昭和１５年３月２日"), "1940-03-02");
  EXPECT_EQ(iso(" 平成 元年 1月 8日 "), "1989-01-08");
  EXPECT_EQ(iso("H1.1.8"), "1989-01-08");
  EXPECT_EQ(iso("T15.12.24"), "1926-12-24");
  EXPECT_EQ(iso("M45.7.29"), "1912-07-29");
}

TEST(Wareki, PartialDatesWhenAllowed) {
  EXPECT_EQ(iso("平成30年", true), "2018");
  EXPECT_EQ(iso("2018年4月", true), "2018-04");
  EXPECT_EQ(iso("H30.4", true), "2018-04");
  EXPECT_EQ(iso("昭和64年", true), "1989");
  EXPECT_EQ(iso("昭和64年1月", true), "1989-01");
  EXPECT_TRUE(refused("昭和64年2月", true));
  EXPECT_TRUE(refused("昭和65年", true));
  EXPECT_TRUE(refused("平成30年"));             // a full date was asked for
  EXPECT_EQ(format({2019, 0, 0}), "令和元年");  // named by the era at the year's end
  EXPECT_EQ(format({1989, 1, 0}), "平成元年1月");
  EXPECT_EQ(format({2018, 4, 0}), "平成30年4月");
}

TEST(Wareki, RefusesWhatIsNotADate) {
  for (const char* typed :
       {"", "   ", "あした", "15.3.2", "2026-04-01x", "S", "令和", "2026--1", "3666666666666",
        "R99999999999.1.1", "令和8年4月0日", "2026-00-01", "2026-04-00", "令8026", "20260401",
        "1867-12-31", "12345-01-01", "令和八年"}) {
    auto parsed = parse(typed, false);
    EXPECT_FALSE(parsed.date) << typed;
    EXPECT_FALSE(parsed.problem.empty()) << typed;
  }
}

TEST(Wareki, EraOfAndAges) {
  EXPECT_EQ(era_of({1989, 1, 7})->name, "昭和");
  EXPECT_EQ(era_of({1989, 1, 8})->name, "平成");
  EXPECT_EQ(era_of({1868, 1, 24}), nullptr);
  EXPECT_EQ(age_on({1940, 3, 2}, {2026, 3, 1}), 85);
  EXPECT_EQ(age_on({1940, 3, 2}, {2026, 3, 2}), 86);
  EXPECT_EQ(age_on({2000, 2, 29}, {2026, 2, 28}), 25);
  EXPECT_EQ(age_on({2000, 2, 29}, {2026, 3, 1}), 26);
}

}  // namespace musubi::wareki
