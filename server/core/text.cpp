#include "core/text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace musubi::text {

namespace {

bool is_space_code_point(UChar32 c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == '\n' || c == '\r';
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and code points past U+10FFFF.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += n + 1;
  }
  return true;
}

std::string prefix(std::string_view s, std::size_t max_chars) {
  std::size_t i = 0;
  std::size_t chars = 0;
  while (i < s.size() && chars < max_chars) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80           ? 1
                          : (c >> 5) == 0x6  ? 2
                          : (c >> 4) == 0xE  ? 3
                          : (c >> 3) == 0x1E ? 4
                                             : 0;
    if (n == 0 || i + n > s.size() || !is_valid_utf8(s.substr(i, n))) break;
    i += n;
    ++chars;
  }
  return std::string(s.substr(0, i));
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) {
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string ascii_digits_and_hyphens(std::string_view s) {
  // U+FF10..U+FF19 are EF BC 90..99; the hyphen look-alikes an IME produces map to '-'.
  static constexpr std::string_view kHyphens[] = {"\xEF\xBC\x8D", "\xE3\x83\xBC", "\xE2\x88\x92",
                                                  "\xE2\x80\x90", "\xE2\x80\x91", "\xE2\x80\x92",
                                                  "\xE2\x80\x93", "\xE2\x80\x94", "\xEF\xBD\xB0"};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto rest = s.substr(i);
    if (rest.size() >= 3 && rest.substr(0, 2) == "\xEF\xBC" &&
        static_cast<unsigned char>(rest[2]) >= 0x90 &&
        static_cast<unsigned char>(rest[2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(rest[2]) - 0x90));
      i += 3;
      continue;
    }
    bool hyphen = false;
    for (auto h : kHyphens) {
      if (rest.starts_with(h)) {
        out += '-';
        i += h.size();
        hyphen = true;
        break;
      }
    }
    if (hyphen) continue;
    if (rest.starts_with("\xEF\xBC\x8B")) {  // full-width plus
      out += '+';
      i += 3;
      continue;
    }
    out += s[i++];
  }
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string trim(std::string_view s) {
  auto is_space_at_front = [&](std::size_t i) -> std::size_t {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') return 1;
    if (s.substr(i, 3) == "\xE3\x80\x80") return 3;
    return 0;
  };
  std::size_t begin = 0;
  while (begin < s.size()) {
    auto n = is_space_at_front(begin);
    if (n == 0) break;
    begin += n;
  }
  std::size_t end = s.size();
  while (end > begin) {
    if (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\n' || s[end - 1] == '\r') {
      --end;
    } else if (end - begin >= 3 && s.substr(end - 3, 3) == "\xE3\x80\x80") {
      end -= 3;
    } else {
      break;
    }
  }
  return std::string(s.substr(begin, end - begin));
}

bool has_control_characters(std::string_view s, bool allow_newlines) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\t') continue;
    if (allow_newlines && (c == '\n' || c == '\r')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

namespace {

icu::UnicodeString nfkc_unicode(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (U_FAILURE(status)) return in;
  icu::UnicodeString normalised = nfkc->normalize(in, status);
  return U_SUCCESS(status) ? normalised : in;
}

// The vowel a hiragana syllable ends in ('a', 'i', 'u', 'e', 'o'), or 0 (ん, っ, symbols …).
char vowel_of(UChar32 c) {
  // U+3041 ぁ … U+3094 ゔ, one letter per code point.
  static const std::u16string_view kTable =
      u"aaiiuueeoo"       // ぁあぃいぅうぇえぉお
      u"aaiiuueeoo"       // かがきぎくぐけげこご
      u"aaiiuueeoo"       // さざしじすずせぜそぞ
      u"aaii-uueeoo"      // ただちぢっつづてでとど
      u"aiueo"            // なにぬねの
      u"aaaiiiuuueeeooo"  // はばぱひびぴふぶぷへべぺほぼぽ
      u"aiueo"            // まみむめも
      u"aauuoo"           // ゃやゅゆょよ
      u"aiueo"            // らりるれろ
      u"aaieo-"           // ゎわゐゑをん
      u"u";               // ゔ
  if (c < 0x3041 || c >= 0x3041 + static_cast<UChar32>(kTable.size())) return 0;
  const char16_t v = kTable[static_cast<std::size_t>(c - 0x3041)];
  return v == u'-' ? '\0' : static_cast<char>(v & 0x7F);  // the table is ASCII
}

// True when `c` after a syllable ending in `vowel` only lengthens it (さとう, おお, けい, ゆう).
bool lengthens(char vowel, UChar32 c) {
  switch (c) {
    case 0x30FC:  // ー
      return vowel != 0;
    case 0x3042:  // あ
      return vowel == 'a';
    case 0x3044:  // い
      return vowel == 'i' || vowel == 'e';
    case 0x3046:  // う
      return vowel == 'u' || vowel == 'o';
    case 0x3048:  // え
      return vowel == 'e';
    case 0x304A:  // お
      return vowel == 'o';
    default:
      return false;
  }
}

// ゔぁ ゔぃ ゔ ゔぇ ゔぉ → ば び ぶ べ ぼ; ぢ → じ; づ → ず.
UChar32 plain_syllable(UChar32 c, UChar32 next, bool& consumed_next) {
  consumed_next = false;
  if (c == 0x3062) return 0x3058;
  if (c == 0x3065) return 0x305A;
  if (c != 0x3094) return c;
  consumed_next = true;
  switch (next) {
    case 0x3041:
      return 0x3070;  // ば
    case 0x3043:
      return 0x3073;  // び
    case 0x3047:
      return 0x3079;  // べ
    case 0x3049:
      return 0x307C;  // ぼ
    default:
      consumed_next = false;
      return 0x3076;  // ぶ
  }
}

}  // namespace

std::string nfkc(std::string_view s) {
  std::string out;
  nfkc_unicode(s).toUTF8String(out);
  return out;
}

std::string search_key(std::string_view s) {
  const icu::UnicodeString normalised = nfkc_unicode(s);
  std::u32string hiragana;
  for (int32_t i = 0; i < normalised.length();) {
    UChar32 c = normalised.char32At(i);
    i += U16_LENGTH(c);
    if (is_space_code_point(c)) continue;
    if (c >= 0x30A1 && c <= 0x30F6) c -= 0x60;  // katakana → hiragana (ァ..ヶ)
    hiragana.push_back(static_cast<char32_t>(c));
  }
  icu::UnicodeString out;
  char vowel = 0;  // of the last syllable kept
  for (std::size_t i = 0; i < hiragana.size(); ++i) {
    UChar32 c = static_cast<UChar32>(hiragana[i]);
    if (lengthens(vowel, c)) continue;
    bool consumed_next = false;
    const UChar32 next = i + 1 < hiragana.size() ? static_cast<UChar32>(hiragana[i + 1]) : 0;
    c = plain_syllable(c, next, consumed_next);
    if (consumed_next) ++i;
    out.append(c);
    vowel = vowel_of(c);
  }
  out.toLower();
  std::string result;
  out.toUTF8String(result);
  return result;
}

namespace {

// What follows the first space (ASCII or U+3000) after some text, or "".
std::string_view after_first_space(std::string_view s) {
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') return s.substr(i + 1);
    if (s.substr(i, 3) == "\xE3\x80\x80") return s.substr(i + 3);
  }
  return {};
}

}  // namespace

std::vector<std::string> name_search_keys(std::string_view name_kana, std::string_view name) {
  std::vector<std::string> keys;
  auto add = [&](std::string_view part) {
    auto key = search_key(part);
    if (key.empty()) return;
    for (const auto& k : keys) {
      if (k == key) return;
    }
    keys.push_back(std::move(key));
  };
  const std::string kana = trim(name_kana);
  const std::string full = trim(name);
  add(kana);
  add(after_first_space(kana));
  add(full);
  add(after_first_space(full));
  return keys;
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  int y = std::stoi(std::string(s.substr(0, 4)));
  int m = std::stoi(std::string(s.substr(5, 2)));
  int d = std::stoi(std::string(s.substr(8, 2)));
  if (y < 1868 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max_day = days[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max_day;
}

std::string phone_key(std::string_view phone) {
  std::string digits;
  for (char ch : ascii_digits_and_hyphens(phone)) {
    if (ch >= '0' && ch <= '9') digits += ch;
  }
  return {digits.rbegin(), digits.rend()};
}

}  // namespace musubi::text
