#include "mail/bounce_address.hpp"

#include <sodium.h>

#include <charconv>

#include "core/crypto.hpp"

namespace musubi::mail {

namespace {

std::string tag(std::int64_t mail_id, const std::string& token) {
  const std::string message = "bounce:" + std::to_string(mail_id);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(token.data()),
                              token.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[2 * 8 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, 8);
  return hex;
}

}  // namespace

std::string envelope_sender(std::int64_t mail_id, const Config::Mail& config) {
  if (config.inbound_domain.empty() || config.inbound_token.empty()) return config.from;
  return "bounce-" + std::to_string(mail_id) + "-" + tag(mail_id, config.inbound_token) + "@" +
         config.inbound_domain;
}

std::optional<std::int64_t> bounced_mail(const std::string& local_part, const std::string& token) {
  const std::string prefix = "bounce-";
  if (token.empty() || !local_part.starts_with(prefix)) return std::nullopt;
  auto dash = local_part.find('-', prefix.size());
  if (dash == std::string::npos) return std::nullopt;
  std::int64_t id = 0;
  const char* first = local_part.data() + prefix.size();
  const char* last = local_part.data() + dash;
  auto [end, error] = std::from_chars(first, last, id);
  if (error != std::errc() || end != last || id <= 0) return std::nullopt;
  if (!crypto::constant_time_equal(local_part.substr(dash + 1), tag(id, token))) {
    return std::nullopt;
  }
  return id;
}

}  // namespace musubi::mail
