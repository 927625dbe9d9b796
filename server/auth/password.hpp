// Password hashing (argon2id through libsodium) and the region's password rules.
#pragma once

#include <optional>
#include <string>

#include "region/types.hpp"

namespace musubi::auth {

std::string hash_password(const std::string& password);
bool verify_password(const std::string& password, const std::string& hash);
// Spends the same time as a real verification, so unknown login IDs cannot be told apart by timing.
void verify_dummy_password(const std::string& password);

// Japanese message for the first rule `password` breaks, or nullopt if it meets the policy.
std::optional<std::string> password_problem(const region::PasswordPolicy& policy,
                                            const std::string& password,
                                            const std::string& login_id);

// A temporary password that meets any sensible policy (letters and digits, no look-alikes).
std::string temporary_password();

}  // namespace musubi::auth
