#include "core/wareki.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "core/text.hpp"

namespace musubi::wareki {

namespace {

constexpr std::array<Era, 5> kEras{{
    {"令和", 'R', {2019, 5, 1}},
    {"平成", 'H', {1989, 1, 8}},
    {"昭和", 'S', {1926, 12, 25}},
    {"大正", 'T', {1912, 7, 30}},
    {"明治", 'M', {1868, 1, 25}},
}};

// The first kanji of each era name, as in 「昭15.3.2」.
constexpr std::array<std::string_view, 5> kEraAbbreviations{"令", "平", "昭", "大", "明"};

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
}

// The last day a date of this precision covers: 1989 → 1989-12-31, 1989-01 → 1989-01-31.
Date last_day(const Date& d) {
  if (d.month == 0) return {d.year, 12, 31};
  if (d.day == 0) return {d.year, d.month, days_in_month(d.year, d.month)};
  return d;
}
Date first_day(const Date& d) {
  return {d.year, d.month == 0 ? 1 : d.month, d.day == 0 ? 1 : d.day};
}

// The era after `era` (nullptr for 令和).
const Era* next_era(const Era* era) {
  return era == kEras.data() ? nullptr : era - 1;
}

std::string era_year_text(const Era& era, int year) {
  const int n = year - era.first_day.year + 1;
  return fmt::format("{}{}年", era.name, n == 1 ? std::string("元") : std::to_string(n));
}

std::string month_day_text(const Date& d) {
  if (d.month == 0) return {};
  if (d.day == 0) return fmt::format("{}月", d.month);
  return fmt::format("{}月{}日", d.month, d.day);
}

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool done() const { return pos_ >= s_.size(); }
  bool take(std::string_view token) {
    if (s_.substr(pos_).starts_with(token)) {
      pos_ += token.size();
      return true;
    }
    return false;
  }
  // Up to four ASCII digits; nullopt when there are none (or more than four).
  std::optional<int> number() {
    std::size_t start = pos_;
    int value = 0;
    while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_])) != 0) {
      if (pos_ - start < 4) value = value * 10 + (s_[pos_] - '0');  // more is refused below
      ++pos_;
    }
    if (pos_ == start || pos_ - start > 4) return std::nullopt;
    return value;
  }
  char peek() const { return done() ? '\0' : s_[pos_]; }
  void skip() { ++pos_; }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

const Era* take_era(Scanner& in) {
  for (std::size_t i = 0; i < kEras.size(); ++i) {
    if (in.take(kEras[i].name) || in.take(kEraAbbreviations[i])) return &kEras[i];
  }
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(in.peek())));
  for (const auto& era : kEras) {
    if (c == era.letter) {
      in.skip();
      in.take(".");  // 「S.15.3.2」
      return &era;
    }
  }
  return nullptr;
}

bool take_separator(Scanner& in) {
  return in.take("年") || in.take("月") || in.take("-") || in.take("/") || in.take(".");
}

Parsed refuse(std::string problem) {
  return {std::nullopt, std::move(problem)};
}

// The era-specific checks: 元年 / year 0, and a date outside the era's days.
std::optional<std::string> era_problem(const Era& era, int era_year, const Date& date,
                                       std::string_view typed) {
  if (era_year < 1) {
    return fmt::format("「{}」はありません。元号の年は元年（1年）からです。", typed);
  }
  if (last_day(date) < era.first_day) {
    return fmt::format("「{}」はありません。{}は{}{}からです。", typed, era.name,
                       era_year_text(era, era.first_day.year).substr(era.name.size()),
                       month_day_text(era.first_day));
  }
  if (const Era* next = next_era(&era); next && first_day(date) >= next->first_day) {
    Date end = next->first_day;
    // The day before the next era's first day.
    if (--end.day == 0) {
      if (--end.month == 0) {
        end.month = 12;
        --end.year;
      }
      end.day = days_in_month(end.year, end.month);
    }
    return fmt::format("「{}」はありません。{}は{}{}までです（{}からは{}）。", typed, era.name,
                       era_year_text(era, end.year).substr(era.name.size()), month_day_text(end),
                       month_day_text(next->first_day), era_year_text(*next, next->first_day.year));
  }
  return std::nullopt;
}

}  // namespace

const Era* eras_begin() {
  return kEras.data();
}
const Era* eras_end() {
  return kEras.data() + kEras.size();
}

const Era* era_of(const Date& date) {
  for (const auto& era : kEras) {
    if (date >= era.first_day) return &era;
  }
  return nullptr;
}

bool is_valid_civil_date(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

std::string format_year(const Date& date) {
  const Era* era = era_of(last_day(date));
  if (!era) return {};
  return era_year_text(*era, date.year);
}

std::string format(const Date& date) {
  const std::string year = format_year(date);
  if (year.empty()) return {};
  return year + month_day_text(date);
}

std::string to_iso(const Date& date) {
  if (date.month == 0) return fmt::format("{:04}", date.year);
  if (date.day == 0) return fmt::format("{:04}-{:02}", date.year, date.month);
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

Parsed parse(std::string_view raw, bool allow_partial) {
  std::string typed = text::trim(raw);
  if (typed.empty()) return refuse("日付を入力してください");
  std::string normalised;
  for (char c : text::nfkc(typed)) {
    if (c != ' ') normalised += c;
  }
  Scanner in(normalised);
  const Era* era = take_era(in);
  std::array<int, 3> parts{};
  std::size_t count = 0;
  while (!in.done() && count < parts.size()) {
    if (era && count == 0 && in.take("元")) {
      parts[count++] = 1;
    } else if (auto n = in.number()) {
      parts[count++] = *n;
    } else {
      return refuse(
          fmt::format("「{}」は日付として読めません（例: 2026-04-01、令和8年4月1日）", typed));
    }
    if (!take_separator(in) && !in.take("日")) break;
  }
  in.take("日");
  if (!in.done() || count == 0) {
    return refuse(
        fmt::format("「{}」は日付として読めません（例: 2026-04-01、令和8年4月1日）", typed));
  }
  if (count < 3 && !allow_partial) return refuse("年・月・日まで入力してください");

  const int era_year = parts[0];
  Date date{era ? era->first_day.year + era_year - 1 : era_year, count > 1 ? parts[1] : 0,
            count > 2 ? parts[2] : 0};
  if (date.year > 9999) return refuse(fmt::format("「{}」: 年が大きすぎます", typed));
  if (!era && date.year < 1000) {
    return refuse("年は西暦4桁（例: 1940）か、元号をつけて（例: 昭和15年）入力してください");
  }
  // A typed month or day of 0 is no month or day (0 stands for "not known" only when omitted).
  if (count > 1 && (date.month < 1 || date.month > 12)) {
    return refuse(fmt::format("「{}」: {}月はありません", typed, date.month));
  }
  if (count > 2 && !is_valid_civil_date(date.year, date.month, date.day)) {
    return refuse(fmt::format("「{}」: {}月{}日はありません", typed, date.month, date.day));
  }
  if (era) {
    if (auto problem = era_problem(*era, era_year, date, typed)) return refuse(*problem);
  } else if (last_day(date) < kEras.back().first_day) {
    return refuse("明治より前の日付は入力できません");
  }
  return {date, {}};
}

int age_on(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

}  // namespace musubi::wareki
