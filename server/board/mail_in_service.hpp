// Mail into a group: a member writes from their registered address to the group's address
// (group-<key>@<mail.inbound_domain>) and the mail becomes their post, with its attachments. The
// MTA hands the mail over with its envelope sender; the sender and the From: address must both be
// the registered address of an active member of that group. Anything else is refused (the MTA
// bounces it) and written to the audit log.
#pragma once

#include <string>
#include <string_view>

#include "board/attachment_service.hpp"
#include "board/board_service.hpp"
#include "core/clock.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::board {

class MailInService {
 public:
  MailInService(storage::Storage& storage, const Clock& clock, BoardService& board,
                AttachmentService& attachments, std::string inbound_token)
      : storage_(storage),
        clock_(clock),
        board_(board),
        attachments_(attachments),
        inbound_token_(std::move(inbound_token)) {}

  // `recipient_local`: the local part of the address it was sent to (group-<key>). Throws
  // Error(not_found) for an unknown address, Error(forbidden) for a sender who is not a member,
  // Error(invalid_input) for what is not a mail.
  Post deliver(const std::string& sender, const std::string& recipient_local, std::string_view raw);

  // A delivery failure report for one of Musubi's own mails (its envelope sender was
  // bounce-<id>-<tag>: mail/bounce_address.hpp): that mail is marked failed with the reason, for
  // the region administrator's mail list. Returns the mail's id; Error(not_found) when the address
  // is not a valid bounce address.
  std::int64_t take_bounce(const std::string& recipient_local, std::string_view raw);

  static constexpr std::size_t kMaxFiles = 20;

 private:
  storage::Storage& storage_;
  const Clock& clock_;
  BoardService& board_;
  AttachmentService& attachments_;
  std::string inbound_token_;
};

}  // namespace musubi::board
