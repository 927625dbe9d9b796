#include "access/password.hpp"

#include <sodium.h>

#include <fmt/format.h>

#include <atomic>
#include <stdexcept>

#include "core/text.hpp"

namespace musubi::access {

namespace {

// OWASP-level argon2id cost that keeps one verification near 50–100 ms on a small server.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

std::atomic<bool> cheap_for_tests{false};

}  // namespace

void use_cheap_password_hashes_in_tests(bool cheap) {
  cheap_for_tests = cheap;
}

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  const bool cheap = cheap_for_tests;
  if (crypto_pwhash_str(out, password.data(), password.size(),
                        cheap ? crypto_pwhash_OPSLIMIT_MIN : kOpsLimit,
                        cheap ? crypto_pwhash_MEMLIMIT_MIN : kMemLimit) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  return out;
}

bool verify_password(const std::string& password, const std::string& hash) {
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_dummy_password(const std::string& password) {
  static const std::string dummy = hash_password("musubi-dummy-password-for-timing");
  verify_password(password, dummy);
}

std::optional<std::string> password_problem(const PasswordPolicy& policy,
                                            const std::string& password,
                                            const std::string& login_id) {
  if (!text::is_valid_utf8(password)) return "パスワードに使えない文字が含まれています";
  if (static_cast<std::int64_t>(text::length(password)) < policy.min_length) {
    return fmt::format("パスワードは{}文字以上にしてください", policy.min_length);
  }
  if (text::length(password) > 256) return "パスワードは256文字以内にしてください";
  if (policy.require_letter_and_digit) {
    bool letter = false;
    bool digit = false;
    for (char c : password) {
      if (std::isalpha(static_cast<unsigned char>(c))) letter = true;
      if (std::isdigit(static_cast<unsigned char>(c))) digit = true;
    }
    if (!letter || !digit) return "パスワードには英字と数字の両方を含めてください";
  }
  if (!login_id.empty() && password.find(login_id) != std::string::npos) {
    return "パスワードにログインIDを含めないでください";
  }
  return std::nullopt;
}

std::string temporary_password() {
  static const std::string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  static const std::string digits = "23456789";
  std::string out;
  for (int i = 0; i < 12; ++i) {
    const std::string& set = (i % 4 == 3) ? digits : letters;
    out += set[randombytes_uniform(static_cast<std::uint32_t>(set.size()))];
  }
  return out;
}

}  // namespace musubi::access
