// Japanese-aware text helpers: UTF-8 checks, lengths in characters, and the search key used for
// kana search (NFKC, katakana folded to hiragana, spaces removed, lower case).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace musubi::text {

bool is_valid_utf8(std::string_view s);

// Number of Unicode code points (what a user calls "characters"); assumes valid UTF-8.
std::size_t length(std::string_view s);

// At most `max_chars` code points of `s`, never cutting one in half; bytes that are not valid
// UTF-8 end it (so that whatever it returns can go into JSON and the audit log).
std::string prefix(std::string_view s, std::size_t max_chars);

// Strips ASCII white space and U+3000 (ideographic space) from both ends.
std::string trim(std::string_view s);

// A-Z to a-z, nothing else (e-mail addresses, protocol tokens).
std::string ascii_lower(std::string_view s);

// True if s holds a control character other than tab, LF and CR.
bool has_control_characters(std::string_view s, bool allow_newlines);

// The key persons, users and facilities are searched by: 「ｻﾄｳ　ﾀﾛｳ」, 「さとう たろう」,
// 「サトウタロウ」 and 「サトー タロー」 all give 「さとたろ」. NFKC, katakana as hiragana, no
// spaces, lower case; then the spellings a reading may take are made one: long vowels (ー, and a
// vowel that lengthens the one before it: おう, おお, えい, ゆう …) are dropped, ヴ is read as the
// バ row, ぢ and づ as じ and ず. Keys compare more loosely than readings; a list shows the
// reading.
std::string search_key(std::string_view s);

// The keys a person is found by, as prefixes: the whole reading and name, and (when a space
// separates family and given name) the given name alone, so that 「たろう」 finds 佐藤 太郎.
// Distinct, non-empty.
std::vector<std::string> name_search_keys(std::string_view name_kana, std::string_view name);

// Unicode NFKC: full-width digits and letters as ASCII, half-width katakana as full-width.
std::string nfkc(std::string_view s);

// Full-width digits, hyphens and dashes as typed by a Japanese IME (「０２９ー８６４」) in ASCII,
// so that phone numbers and postal codes are stored one way.
std::string ascii_digits_and_hyphens(std::string_view s);

// A phone number's digits, however it was typed (「０２９ー８６４ー１２３４」, "029 864 1234"),
// reversed: the key a phone is found by, so that its last digits alone are a prefix.
std::string phone_key(std::string_view phone);

// YYYY-MM-DD with a real calendar day (leap years included).
bool is_iso_date(std::string_view s);

}  // namespace musubi::text
