// Building a plain-text mail (RFC 5322 with MIME, UTF-8): Japanese subjects and bodies travel
// base64-encoded, so any relay carries them unchanged.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace musubi::mail {

struct Message {
  std::string to;       // one plain address: local@domain
  std::string subject;  // UTF-8, one line
  std::string body;     // UTF-8; line breaks as \n
};

// A bare address with no display name, comments, spaces or line breaks: the only form Musubi
// puts into a header or an SMTP command, so no input can add a header or a recipient.
bool is_plain_address(std::string_view address);

// Throws Error(invalid_input) when `to` or `from` is not a plain address or the subject has a
// line break. `message_id` is the part before '@' in Message-ID.
std::string render(const Message& message, std::string_view from, UnixSeconds now,
                   std::string_view message_id);

}  // namespace musubi::mail
