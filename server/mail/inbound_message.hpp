// An e-mail as it arrives (RFC 5322 with MIME), read with GMime: who it says it is from, the
// subject and the plain text in UTF-8 whatever the charset (ISO-2022-JP, Shift_JIS …), and the
// attached files. Nothing here decides whether the mail is welcome (board/mail_in_service).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace musubi::mail {

struct InboundFile {
  std::string file_name;
  std::string bytes;
};

struct InboundMessage {
  std::string from;  // the From: mailbox address, lower case; empty when there is none
  std::string subject;
  std::string text;        // the first text/plain part that is not an attachment
  bool html_only = false;  // there was no plain text, only HTML (not taken in)
  std::vector<InboundFile> files;
};

// nullopt when the bytes are not a mail message at all.
std::optional<InboundMessage> parse_inbound(std::string_view raw);

}  // namespace musubi::mail
