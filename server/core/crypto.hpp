// Small cryptographic helpers on libsodium: random tokens, SHA-256, constant-time compare.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace musubi::crypto {

// Must be called once before any other function here (sodium_init).
void initialise();

// `bytes` random bytes as unpadded base64url.
std::string random_token(std::size_t bytes = 32);

// Random lowercase hex string of 2*bytes characters.
std::string random_hex(std::size_t bytes);

std::string sha256_hex(std::string_view data);

// SHA-256 of data that arrives in pieces (an upload).
class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::string hex();  // once, at the end

 private:
  alignas(16) std::array<unsigned char, 128> state_{};  // crypto_hash_sha256_state (104 bytes)
};

bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace musubi::crypto
