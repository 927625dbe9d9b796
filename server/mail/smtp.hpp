// Hands one rendered mail to the configured SMTP relay with libcurl (STARTTLS when offered, or
// required, per mail.starttls).
#pragma once

#include <string>
#include <string_view>

#include "core/config.hpp"

namespace musubi::mail {

struct SendResult {
  bool ok = false;
  bool permanent = false;  // the relay refused for good (5xx): trying again will not help
  std::string error;       // for the administrator; never shown to the recipient
};

// `envelope_from`: the MAIL FROM address (where bounces go); mail.from when empty.
SendResult send_smtp(const Config::Mail& config, std::string_view recipient,
                     const std::string& rendered, const std::string& envelope_from = {});

}  // namespace musubi::mail
