// One-time codes (RFC 6238 TOTP: HMAC-SHA1, 30-second steps, 6 digits), as every authenticator
// app computes them, and recovery codes for a lost phone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace musubi::auth::totp {

constexpr std::int64_t kStepSeconds = 30;
constexpr int kDigits = 6;

// 20 random bytes (the RFC's recommended key length for SHA-1).
std::string new_secret();
std::string base32(std::string_view bytes);  // RFC 4648, upper case, no padding

// The code for one time step, zero-padded to `digits`.
std::string code_at(std::string_view secret, std::int64_t step, int digits = kDigits);
std::int64_t step_of(UnixSeconds t);

// The step at which `code` matches: the current one or one step either side (phone clocks
// drift), and only after `last_used_step`, so a code seen over a shoulder cannot be replayed.
std::optional<std::int64_t> verify(std::string_view secret, std::string_view code, UnixSeconds now,
                                   std::int64_t last_used_step);

// otpauth://totp/… for the QR code an authenticator app scans.
std::string provisioning_uri(std::string_view issuer, std::string_view account,
                             std::string_view secret);

// Ten codes like "k7q2-9xmd" (no look-alike characters), each usable once; stored hashed.
std::vector<std::string> new_recovery_codes();
// Lower case, without spaces or hyphens: how a typed recovery code is compared.
std::string normalise_recovery_code(std::string_view typed);
// SHA-256 of each normalised code: what is stored (a code has ~39 bits and is used once).
std::vector<std::string> hash_recovery_codes(const std::vector<std::string>& codes);
std::string hash_recovery_code(std::string_view typed);

}  // namespace musubi::auth::totp
