#include "auth/totp.hpp"

#include <gtest/gtest.h>

#include <set>

namespace musubi::auth::totp {
namespace {

const std::string kRfcSecret = "12345678901234567890";  // RFC 6238 Appendix B, SHA-1

TEST(Totp, MatchesTheRfc6238TestVectors) {
  // The RFC lists 8-digit values; their last 6 digits are the 6-digit codes.
  EXPECT_EQ(code_at(kRfcSecret, step_of(59), 8), "94287082");
  EXPECT_EQ(code_at(kRfcSecret, step_of(1111111109), 8), "07081804");
  EXPECT_EQ(code_at(kRfcSecret, step_of(1111111111), 8), "14050471");
  EXPECT_EQ(code_at(kRfcSecret, step_of(1234567890), 8), "89005924");
  EXPECT_EQ(code_at(kRfcSecret, step_of(2000000000), 8), "69279037");
  EXPECT_EQ(code_at(kRfcSecret, step_of(20000000000), 8), "65353130");
  EXPECT_EQ(code_at(kRfcSecret, step_of(1111111109)), "081804");
}

TEST(Totp, AcceptsOneStepOfDriftAndNeverTheSameStepTwice) {
  const UnixSeconds now = 1'800'000'000;
  const auto step = step_of(now);
  EXPECT_EQ(verify(kRfcSecret, code_at(kRfcSecret, step), now, 0), step);
  EXPECT_EQ(verify(kRfcSecret, code_at(kRfcSecret, step - 1), now, 0), step - 1);
  EXPECT_EQ(verify(kRfcSecret, code_at(kRfcSecret, step + 1), now, 0), step + 1);
  EXPECT_FALSE(verify(kRfcSecret, code_at(kRfcSecret, step - 2), now, 0));
  EXPECT_FALSE(verify(kRfcSecret, code_at(kRfcSecret, step + 2), now, 0));
  // Replay: the step was used already.
  EXPECT_FALSE(verify(kRfcSecret, code_at(kRfcSecret, step), now, step));
  // Typed with a space, as apps show it; letters and wrong lengths refused.
  auto code = code_at(kRfcSecret, step);
  EXPECT_EQ(verify(kRfcSecret, code.substr(0, 3) + " " + code.substr(3), now, 0), step);
  EXPECT_FALSE(verify(kRfcSecret, code.substr(0, 5), now, 0));
  EXPECT_FALSE(verify(kRfcSecret, code + "0", now, 0));
  EXPECT_FALSE(verify(kRfcSecret, "12345a", now, 0));
  EXPECT_FALSE(verify("another secret", code, now, 0));
}

TEST(Totp, Base32AndProvisioningUri) {
  EXPECT_EQ(base32("foobar"), "MZXW6YTBOI");  // RFC 4648 §10 (without padding)
  EXPECT_EQ(base32(""), "");
  EXPECT_EQ(base32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  auto uri = provisioning_uri("結び Musubi", "sato.dr", kRfcSecret);
  EXPECT_EQ(uri,
            "otpauth://totp/%E7%B5%90%E3%81%B3%20Musubi:sato.dr?secret="
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E7%B5%90%E3%81%B3%20Musubi&algorithm=SHA1&"
            "digits=6&period=30");
  EXPECT_EQ(new_secret().size(), 20u);
  EXPECT_NE(new_secret(), new_secret());
}

TEST(Totp, RecoveryCodesAreDistinctAndTypedLoosely) {
  auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> distinct(codes.begin(), codes.end());
  EXPECT_EQ(distinct.size(), 10u);
  for (const auto& c : codes) {
    EXPECT_EQ(c.size(), 9u);
    EXPECT_EQ(c[4], '-');
    EXPECT_EQ(c.find_first_of("01ilo"), std::string::npos) << c;
  }
  EXPECT_EQ(normalise_recovery_code(" AB2C-9XMD "), "ab2c9xmd");
}

}  // namespace
}  // namespace musubi::auth::totp
