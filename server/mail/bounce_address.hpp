// Where bounces come back to (VERP): each outgoing mail's envelope sender names the mail,
// bounce-<id>-<tag>@<mail.inbound_domain>, so that a delivery failure reported later by a remote
// server — after the relay accepted the mail — reaches Musubi through the same MTA pipe as mail
// into groups and marks that mail failed. The tag (an HMAC with mail.inbound_token) keeps others
// from marking mail failed by guessing ids.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/config.hpp"

namespace musubi::mail {

// The envelope sender for mail `mail_id`: the bounce address when mail into Musubi is set up,
// else mail.from.
std::string envelope_sender(std::int64_t mail_id, const Config::Mail& config);
// The mail a bounce address's local part (bounce-<id>-<tag>) names, if the tag is right.
std::optional<std::int64_t> bounced_mail(const std::string& local_part, const std::string& token);

}  // namespace musubi::mail
