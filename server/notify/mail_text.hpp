// The text of notification mail. It says that something is waiting and where to look — how many
// requests, messages, replies … — and never what: no person, no board name, no sender, no words
// of a post or notice, so that a mailbox holds no health information.
#pragma once

#include <string>

#include "notify/types.hpp"

namespace musubi::notify {

struct MailText {
  std::string subject;
  std::string body;
};

MailText immediate_mail(const MailDue& due, const std::string& public_origin);
MailText digest_mail(const MailDue& due, const std::string& public_origin);

}  // namespace musubi::notify
