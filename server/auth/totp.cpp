#include "auth/totp.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cctype>

#include "core/crypto.hpp"

namespace musubi::auth::totp {

namespace {

std::string uri_escape(std::string_view text) {
  std::string out;
  for (unsigned char ch : text) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += fmt::format("%{:02X}", ch);
    }
  }
  return out;
}

}  // namespace

std::string new_secret() {
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string base32(std::string_view bytes) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::int64_t step_of(UnixSeconds t) {
  return t / kStepSeconds;
}

std::string code_at(std::string_view secret, std::int64_t step, int digits) {
  std::array<unsigned char, 8> counter{};
  auto value = static_cast<std::uint64_t>(step);
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(value & 0xFF);
    value >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), counter.data(), counter.size(),
       mac.data(), &mac_len);
  // RFC 4226 §5.3 dynamic truncation.
  const unsigned offset = mac[mac_len - 1] & 0x0F;
  const std::uint32_t binary = ((mac[offset] & 0x7Fu) << 24) | (mac[offset + 1] << 16) |
                               (mac[offset + 2] << 8) | mac[offset + 3];
  std::uint32_t modulo = 1;
  for (int i = 0; i < digits; ++i) modulo *= 10;
  return fmt::format("{:0{}}", binary % modulo, digits);
}

std::optional<std::int64_t> verify(std::string_view secret, std::string_view code, UnixSeconds now,
                                   std::int64_t last_used_step) {
  std::string digits;
  for (char ch : code) {
    if (ch == ' ' || ch == '-') continue;
    if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
    digits += ch;
  }
  if (digits.size() != static_cast<std::size_t>(kDigits)) return std::nullopt;
  const auto current = step_of(now);
  for (std::int64_t step = current - 1; step <= current + 1; ++step) {
    if (step <= last_used_step) continue;
    auto expected = code_at(secret, step);
    if (sodium_memcmp(expected.data(), digits.data(), expected.size()) == 0) return step;
  }
  return std::nullopt;
}

std::string provisioning_uri(std::string_view issuer, std::string_view account,
                             std::string_view secret) {
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={}&period={}",
                     uri_escape(issuer), uri_escape(account), base32(secret), uri_escape(issuer),
                     kDigits, kStepSeconds);
}

std::vector<std::string> new_recovery_codes() {
  // 31 characters without 0/o, 1/l/i: 8 of them carry ~39 bits, enough for a code used once.
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::vector<std::string> codes;
  for (int n = 0; n < 10; ++n) {
    std::string code;
    for (int i = 0; i < 8; ++i) {
      if (i == 4) code += '-';
      code += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
    }
    codes.push_back(code);
  }
  return codes;
}

std::string normalise_recovery_code(std::string_view typed) {
  std::string out;
  for (unsigned char ch : typed) {
    if (ch == ' ' || ch == '-') continue;
    out += static_cast<char>(std::tolower(ch));
  }
  return out;
}

std::string hash_recovery_code(std::string_view typed) {
  return crypto::sha256_hex(normalise_recovery_code(typed));
}

std::vector<std::string> hash_recovery_codes(const std::vector<std::string>& codes) {
  std::vector<std::string> hashes;
  hashes.reserve(codes.size());
  for (const auto& code : codes) hashes.push_back(hash_recovery_code(code));
  return hashes;
}

}  // namespace musubi::auth::totp
