// Password hashing (argon2id through libsodium) and the region's password rules: the same for a
// user logging in (auth/) and an administrator giving a user one (region/).
#pragma once

#include <optional>
#include <string>

#include <cstdint>

namespace musubi::access {

struct PasswordPolicy {
  std::int64_t min_length = 10;
  bool require_letter_and_digit = true;
};

std::string hash_password(const std::string& password);
bool verify_password(const std::string& password, const std::string& hash);
// Spends the same time as a real verification, so unknown login IDs cannot be told apart by timing.
void verify_dummy_password(const std::string& password);

// Unit tests only (the server never calls it): new hashes at argon2id's minimum cost, so that the
// hundreds of accounts the suites create and log in cost milliseconds, not minutes under the
// sanitizers. Verification reads the cost from the hash, so either kind verifies either way.
void use_cheap_password_hashes_in_tests(bool cheap);

// Japanese message for the first rule `password` breaks, or nullopt if it meets the policy.
std::optional<std::string> password_problem(const PasswordPolicy& policy,
                                            const std::string& password,
                                            const std::string& login_id);

// A temporary password that meets any sensible policy (letters and digits, no look-alikes).
std::string temporary_password();

}  // namespace musubi::access
