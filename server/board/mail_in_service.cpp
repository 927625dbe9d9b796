#include "board/mail_in_service.hpp"
#include "auth/actor_for.hpp"

#include <fmt/format.h>

#include "audit/audit_log.hpp"
#include "board/board_store.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "mail/bounce_address.hpp"
#include "mail/inbound_message.hpp"
#include "mail/outbox_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::board {

namespace {

constexpr std::size_t kMaxBody = 10000;

// Mail text as a post takes it: LF line ends, tabs as spaces, no other control characters.
std::string clean_text(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (char c : in) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\t') {
      out += ' ';
    } else if (c == '\n' || u >= 0x20) {
      if (u != 0x7f) out += c;
    }
  }
  return out;
}

void refuse(storage::Storage& storage, const Clock& clock, std::optional<Id> region_id,
            const std::string& detail) {
  storage.write([&](storage::Transaction& tx) {
    audit::record_anonymous(tx, clock, region_id, std::nullopt, "", {.ip = "mail"},
                            {.action = "mail_in.refused",
                             .target_type = "group",
                             .outcome = "denied",
                             .detail = detail});
  });
}

// What a delivery status report (RFC 3464) says went wrong: its Diagnostic-Code, else its Status.
std::string bounce_reason(std::string_view raw) {
  std::string found;
  for (const char* field : {"diagnostic-code:", "status:"}) {
    const std::string_view name(field);
    for (std::size_t at = 0; found.empty() && at < raw.size();) {
      auto end = raw.find('\n', at);
      auto line = raw.substr(at, end == std::string_view::npos ? raw.npos : end - at);
      if (line.size() > name.size() && text::ascii_lower(line.substr(0, name.size())) == name) {
        found = text::trim(clean_text(line.substr(name.size())));
      }
      if (end == std::string_view::npos) break;
      at = end + 1;
    }
    if (!found.empty()) break;
  }
  if (found.empty() || !text::is_valid_utf8(found)) found = "理由不明";
  return "配送できませんでした（あて先のサーバーからの通知）: " + text::prefix(found, 300);
}

}  // namespace

std::int64_t MailInService::take_bounce(const std::string& recipient_local, std::string_view raw) {
  auto id = mail::bounced_mail(text::ascii_lower(recipient_local), inbound_token_);
  if (!id) {
    refuse(storage_, clock_, std::nullopt,
           fmt::format("bounce to an unknown address {}", text::prefix(recipient_local, 80)));
    throw Error(ErrorCode::not_found, "このアドレスはありません");
  }
  const auto reason = bounce_reason(raw);
  storage_.write([&](storage::Transaction& tx) {
    if (!tx.outbox().mark_bounced(*id, reason, clock_.now())) {
      throw Error(ErrorCode::not_found, "このアドレスはありません");
    }
    audit::record_anonymous(tx, clock_, std::nullopt, std::nullopt, "", {.ip = "mail"},
                            {.action = "mail.bounced",
                             .target_type = "mail",
                             .target_id = std::to_string(*id),
                             .outcome = "failure",
                             .detail = reason});
  });
  return *id;
}

Post MailInService::deliver(const std::string& sender, const std::string& recipient_local,
                            std::string_view raw) {
  const std::string prefix = "group-";
  const auto local = text::ascii_lower(recipient_local);
  auto key = local.starts_with(prefix) ? local.substr(prefix.size()) : std::string();
  auto group = key.empty() ? std::nullopt : storage_.read([&](storage::Transaction& tx) {
    return tx.boards().find_by_mail_key(key);
  });
  if (!group) {
    refuse(storage_, clock_, std::nullopt,
           fmt::format("unknown address {} from {}", text::prefix(recipient_local, 80),
                       text::prefix(sender, 120)));
    throw Error(ErrorCode::not_found, "このアドレスのプロジェクトはありません");
  }
  auto message = mail::parse_inbound(raw);
  if (!message) throw Error(ErrorCode::invalid_input, "メールとして読めません");
  const auto envelope = text::ascii_lower(sender);
  auto member = storage_.read([&](storage::Transaction& tx) -> std::optional<region::User> {
    if (envelope.empty() || message->from != envelope) return std::nullopt;
    for (const auto& m : tx.boards().members(group->id)) {
      auto user = tx.users().find(group->region_id, m.user_id);
      if (user && user->active && !user->email.empty() &&
          text::ascii_lower(user->email) == envelope) {
        return user;
      }
    }
    return std::nullopt;
  });
  if (!member) {
    refuse(storage_, clock_, group->region_id,
           fmt::format("group {}: sender {} (From: {}) is not a member's registered address",
                       group->id, text::prefix(sender, 120), text::prefix(message->from, 120)));
    throw Error(ErrorCode::forbidden,
                "このプロジェクトのメンバーが登録したアドレスからのメールではありません");
  }
  const auto actor = auth::actor_for(*member, 0, {.ip = "mail"});

  std::vector<AttachmentId> files;
  std::string skipped;
  for (const auto& f : message->files) {
    if (files.size() == kMaxFiles) {
      skipped += fmt::format("\n（添付「{}」は{}個を超えるため取り込んでいません）",
                             text::prefix(f.file_name, 60), kMaxFiles);
      continue;
    }
    try {
      auto upload = attachments_.start_upload(actor, group->id, f.file_name, f.bytes.size());
      upload->write(f.bytes);
      files.push_back(upload->finish().id);
    } catch (const Error& e) {
      skipped += fmt::format("\n（添付「{}」は取り込めませんでした: {}）",
                             text::prefix(f.file_name, 60), e.what());
    }
  }
  std::string body = clean_text(message->subject);
  body = body.empty() ? "✉ メールから" : "✉ " + body;
  if (message->html_only) {
    body += "\n\n（HTML形式の本文は取り込めません。テキスト形式で送ってください）";
  } else if (auto text = text::trim(clean_text(message->text)); !text.empty()) {
    body += "\n\n" + text;
  }
  body += skipped;
  return board_.create_post(actor, group->id,
                            {.body = text::prefix(body, kMaxBody), .attachment_ids = files});
}

}  // namespace musubi::board
