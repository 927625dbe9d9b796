#include "core/validation.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "core/wareki.hpp"

namespace musubi {

namespace {

// Hiragana, katakana (full and half width), the long-vowel mark, middle dots and spaces.
bool is_kana_text(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ') {
      ++i;
      continue;
    }
    if ((c & 0xF0) != 0xE0 || i + 2 >= s.size()) return false;
    char32_t cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                  (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    bool ok = (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x309B && cp <= 0x309E) ||
              (cp >= 0x30A1 && cp <= 0x30FE) || cp == 0x3000 || (cp >= 0xFF65 && cp <= 0xFF9F);
    if (!ok) return false;
    i += 3;
  }
  return true;
}

}  // namespace

void Validator::add(const std::string& field, const std::string& message) {
  errors_.push_back({field, message});
}

std::string Validator::text(const std::string& field, const std::string& value,
                            std::size_t max_length, bool required, bool multiline) {
  if (!text::is_valid_utf8(value)) {
    add(field, "文字コードが正しくありません（UTF-8で入力してください）");
    return {};
  }
  std::string trimmed = multiline ? value : text::trim(value);
  if (required && text::trim(trimmed).empty()) {
    add(field, "入力してください");
    return trimmed;
  }
  if (text::length(trimmed) > max_length) {
    add(field, fmt::format("{}文字以内で入力してください", max_length));
  } else if (text::has_control_characters(trimmed, multiline)) {
    add(field, "使えない制御文字が含まれています");
  }
  return trimmed;
}

std::string Validator::kana(const std::string& field, const std::string& value,
                            std::size_t max_length, bool required) {
  auto before = errors_.size();
  auto v = text(field, value, max_length, required);
  if (errors_.size() == before && !v.empty() && !is_kana_text(v)) {
    add(field, "ふりがなはひらがなかカタカナで入力してください");
  }
  return v;
}

std::string Validator::date(const std::string& field, const std::string& value, bool required) {
  auto v = text::trim(value);
  if (v.empty()) {
    if (required) add(field, "入力してください");
    return v;
  }
  auto parsed = wareki::parse(v, false);
  if (!parsed.date) {
    add(field, parsed.problem);
    return v;
  }
  return wareki::to_iso(*parsed.date);
}

std::string Validator::partial_date(const std::string& field, const std::string& value) {
  auto v = text::trim(value);
  if (v.empty()) return v;
  auto parsed = wareki::parse(v, true);
  if (!parsed.date) {
    add(field, parsed.problem);
    return v;
  }
  return wareki::to_iso(*parsed.date);
}

std::string Validator::email(const std::string& field, const std::string& value, bool required) {
  auto before = errors_.size();
  auto v = text(field, value, 254, required);
  if (errors_.size() != before || v.empty()) return v;
  auto at = v.find('@');
  bool ok = at != std::string::npos && at > 0 && at + 1 < v.size() &&
            v.find('@', at + 1) == std::string::npos && v.find('.', at) != std::string::npos &&
            v.find_first_of(" \t<>\"(),;:[]\\") == std::string::npos;
  if (!ok) add(field, "メールアドレスの形式が正しくありません");
  return v;
}

std::string Validator::phone(const std::string& field, const std::string& value, bool required) {
  auto before = errors_.size();
  auto v = text(field, text::ascii_digits_and_hyphens(value), 20, required);
  if (errors_.size() != before || v.empty()) return v;
  if (v.find_first_not_of("0123456789-+() ") != std::string::npos) {
    add(field, "電話番号は半角の数字とハイフンで入力してください");
  }
  return v;
}

std::string Validator::postal_code(const std::string& field, const std::string& value) {
  auto v = text::trim(text::ascii_digits_and_hyphens(value));
  if (v.starts_with("\xE3\x80\x92")) v = text::trim(v.substr(3));  // 〒
  if (v.empty()) return v;
  bool ok =
      (v.size() == 8 && v[3] == '-' && v.find_first_not_of("0123456789-") == std::string::npos) ||
      (v.size() == 7 && v.find_first_not_of("0123456789") == std::string::npos);
  if (!ok) add(field, "郵便番号は 305-8555 のように入力してください");
  if (ok && v.size() == 7) v = v.substr(0, 3) + "-" + v.substr(3);
  return v;
}

std::string Validator::login_id(const std::string& field, const std::string& value) {
  auto v = text::trim(value);
  bool ok =
      v.size() >= 3 && v.size() <= 64 &&
      v.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
          std::string::npos;
  if (!ok) add(field, "ログインIDは半角英数字と . _ - で3〜64文字にしてください");
  return v;
}

void Validator::throw_if_any() const {
  if (errors_.empty()) return;
  throw Error(ErrorCode::invalid_input, "入力内容を確認してください", errors_);
}

}  // namespace musubi
