// Japanese dates: the eras (和暦: 明治, 大正, 昭和, 平成, 令和) with their exact first days, dates
// as people in Japan type them (「昭和15年3月2日」, 「S15.3.2」, 「2026/4/1」, 「令和元年」), and
// ages. Dates are stored as ISO 8601 text ("1940-03-02", or "1940" / "1940-03" where only that much
// is known); eras are only for input and display.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace musubi::wareki {

struct Date {
  int year = 0;
  int month = 0;  // 0 when only the year is known
  int day = 0;    // 0 when only the year (and month) is known

  bool operator==(const Date&) const = default;
  auto operator<=>(const Date&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14
};

struct Era {
  std::string_view name;  // 令和
  char letter;            // R
  Date first_day;         // the era's 元年 begins here
};

// Newest first. 明治 counts from 1868-01-25 (明治元年1月1日 of the old calendar), as is usual for
// records; Japan's dates before 1873 were lunisolar and are not converted.
const Era* eras_begin();
const Era* eras_end();

// The era a full date falls in; nullptr before 明治.
const Era* era_of(const Date& date);

bool is_valid_civil_date(int year, int month, int day);

// "1989-01-08" → 平成元年1月8日; "2019-05" → 令和元年5月; "1926" → 大正15年 (a year that two eras
// share is named by the era in force at its start).
std::string format(const Date& date);
// Only the era year: 平成元年.
std::string format_year(const Date& date);

// ISO text of a date with the precision it has: "1940", "1940-03", "1940-03-02".
std::string to_iso(const Date& date);

struct Parsed {
  std::optional<Date> date;
  std::string problem;  // Japanese, for the form, when `date` is empty
};

// What a person may type: ISO (2026-04-01), slashes or dots (2026/4/1, 2026.4.1), 年月日
// (2026年4月1日), an era by name or letter (令和8年4月1日, R8.4.1, 平成元年), full-width digits.
// `allow_partial` accepts a year or a year and month. A date an era never had (昭和64年1月8日,
// 平成31年5月1日, 令和0年) is refused with a message saying why.
Parsed parse(std::string_view text, bool allow_partial);

// Whole years between `birth` and `on` (the day before a birthday counts as not yet).
int age_on(const Date& birth, const Date& on);

}  // namespace musubi::wareki
