// The region's password rules and hashing: what an administrator and a user choosing a password
// are told, in Japanese, and that a hash verifies only its own password.
#include "access/password.hpp"

#include <gtest/gtest.h>

#include <string>

namespace musubi::access {
namespace {

std::string repeat(const std::string& s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += s;
  return out;
}

const PasswordPolicy kDefault{};

TEST(PasswordPolicyTest, APasswordMeetingTheRulesHasNoProblem) {
  EXPECT_EQ(password_problem(kDefault, "kusuri2026go", "sato"), std::nullopt);
  EXPECT_EQ(password_problem(kDefault, "abcdefghi1", ""), std::nullopt) << "exactly ten";
}

TEST(PasswordPolicyTest, TheMinimumLengthIsTheRegionsAndCountsCharacters) {
  EXPECT_EQ(password_problem(kDefault, "abcdefgh1", ""), "パスワードは10文字以上にしてください");
  EXPECT_EQ(password_problem({.min_length = 14}, "abcdefghijkl12", ""), std::nullopt);
  EXPECT_EQ(password_problem({.min_length = 14}, "abcdefghijkl1", ""),
            "パスワードは14文字以上にしてください");
  // Nine characters but 21 bytes: too short.
  EXPECT_EQ(password_problem(kDefault, "ab1ゆきやまはな", ""),
            "パスワードは10文字以上にしてください");
  EXPECT_EQ(password_problem(kDefault, "ab1ゆきやまはなこ", ""), std::nullopt);
}

TEST(PasswordPolicyTest, LettersAndDigitsAreBothNeededWhenTheRegionSaysSo) {
  const char* const message = "パスワードには英字と数字の両方を含めてください";
  EXPECT_EQ(password_problem(kDefault, "abcdefghijkl", ""), message);
  EXPECT_EQ(password_problem(kDefault, "123456789012", ""), message);
  EXPECT_EQ(password_problem(kDefault, "あいうえおかきくけこ1", ""), message)
      << "kana are not latin letters";
  const PasswordPolicy lenient{.min_length = 10, .require_letter_and_digit = false};
  EXPECT_EQ(password_problem(lenient, "abcdefghijkl", ""), std::nullopt);
  EXPECT_EQ(password_problem(lenient, "あいうえおかきくけこ", ""), std::nullopt);
}

TEST(PasswordPolicyTest, ThePasswordMayNotContainTheLoginId) {
  EXPECT_EQ(password_problem(kDefault, "my-sato.dr-2026", "sato.dr"),
            "パスワードにログインIDを含めないでください");
  EXPECT_EQ(password_problem(kDefault, "my-sato-2026x", "sato.dr"), std::nullopt);
}

TEST(PasswordPolicyTest, BrokenTextIsRefused) {
  EXPECT_EQ(password_problem(kDefault, "abcdefgh12\xff\xfe", ""),
            "パスワードに使えない文字が含まれています");
}

TEST(PasswordPolicyTest, AtMost256CharactersHoweverManyBytesTheyTake) {
  EXPECT_EQ(password_problem(kDefault, "a1" + repeat("x", 254), ""), std::nullopt);
  EXPECT_EQ(password_problem(kDefault, "a1" + repeat("x", 255), ""),
            "パスワードは256文字以内にしてください");
  // A long passphrase in Japanese: 102 characters, 298 bytes.
  EXPECT_EQ(password_problem(kDefault, "a1" + repeat("ゆきやまはなこ", 14) + "ab", ""),
            std::nullopt);
  EXPECT_EQ(password_problem(kDefault, "a1" + repeat("あ", 255), ""),
            "パスワードは256文字以内にしてください");
}

TEST(PasswordHashTest, AHashVerifiesItsOwnPasswordOnly) {
  const auto hash = hash_password("kusuri2026go");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password("kusuri2026go", hash));
  EXPECT_FALSE(verify_password("kusuri2026gO", hash));
  EXPECT_FALSE(verify_password("", hash));
  EXPECT_NE(hash_password("kusuri2026go"), hash) << "salted: the same password, another hash";
  EXPECT_FALSE(verify_password("kusuri2026go", "")) << "an account without a password";
  EXPECT_FALSE(verify_password("kusuri2026go", "not a hash"));
  verify_dummy_password("anything");  // spends the time, decides nothing
}

TEST(PasswordHashTest, TheServerHashesAtTheInteractiveCostAndTestsCheaply) {
  use_cheap_password_hashes_in_tests(false);
  const auto real = hash_password("kusuri2026go");
  use_cheap_password_hashes_in_tests(true);  // as tests/unit/cheap_hashes.cpp sets it
  EXPECT_NE(real.find("$m=65536,t=2,p=1$"), std::string::npos) << real;
  const auto cheap = hash_password("kusuri2026go");
  EXPECT_EQ(cheap.find("$m=65536,"), std::string::npos) << cheap;
  EXPECT_TRUE(verify_password("kusuri2026go", real));
  EXPECT_TRUE(verify_password("kusuri2026go", cheap));
  EXPECT_FALSE(verify_password("kusuri2026gO", real));
}

TEST(TemporaryPasswordTest, MeetsTheDefaultRulesWithoutLookAlikes) {
  for (int i = 0; i < 50; ++i) {
    const auto p = temporary_password();
    ASSERT_EQ(p.size(), 12u) << p;
    EXPECT_EQ(password_problem(kDefault, p, ""), std::nullopt) << p;
    EXPECT_EQ(p.find_first_of("01ilIoO"), std::string::npos) << p;
    for (std::size_t at : {3u, 7u, 11u}) {
      EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(p[at]))) << p;
    }
  }
  EXPECT_NE(temporary_password(), temporary_password());
}

}  // namespace
}  // namespace musubi::access
