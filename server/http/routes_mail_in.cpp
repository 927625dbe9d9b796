// Mail into groups, and bounces of Musubi's own mail: the MTA (postfix's pipe transport,
// contrib/postfix/musubi-mail-in) posts each message here with the shared token and the envelope.
// Not for browsers: no session, and without the right token the route does not exist (404).
#include <nlohmann/json.hpp>

#include "board/mail_in_service.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/app.hpp"

namespace musubi::http {

using nlohmann::json;

namespace {

// The whole message is kept in memory (up to mail.inbound_max_bytes) and read at the end.
class InboundMail final : public Upload {
 public:
  InboundMail(Services& s, std::string sender, std::string recipient)
      : s_(s), sender_(std::move(sender)), recipient_(std::move(recipient)) {}
  std::uint64_t limit() const override { return static_cast<std::uint64_t>(s_.mail_in_max_bytes); }
  std::optional<Response> write(std::string_view bytes) override {
    raw_.append(bytes);
    return std::nullopt;
  }
  Response finish() override {
    auto at = recipient_.rfind('@');
    if (at == std::string::npos || recipient_.substr(at + 1) != s_.mail_domain) {
      throw Error(ErrorCode::not_found, "このアドレスのプロジェクトはありません");
    }
    const auto local = recipient_.substr(0, at);
    if (local.starts_with("bounce-")) {
      return json_response(200,
                           json{{"bounced_mail_id", s_.mail_in->take_bounce(local, raw_)}}.dump());
    }
    auto post = s_.mail_in->deliver(sender_, local, raw_);
    return json_response(201, json{{"post_id", post.id}, {"board_id", post.board_id}}.dump());
  }

 private:
  Services& s_;
  std::string sender_;
  std::string recipient_;
  std::string raw_;
};

}  // namespace

void add_mail_in_routes(Router& router, Services& s) {
  router.add_upload("POST", "/api/v1/inbound-mail", Access::everyone(),
                    [&s](Context& c) -> std::unique_ptr<Upload> {
                      const auto token = c.request.header("x-musubi-inbound-token");
                      if (!s.mail_in || s.mail_in_token.empty() || token.empty() ||
                          !crypto::constant_time_equal(token, s.mail_in_token)) {
                        throw Error(ErrorCode::not_found);
                      }
                      return std::make_unique<InboundMail>(
                          s, std::string(c.request.header("x-musubi-sender")),
                          std::string(c.request.header("x-musubi-recipient")));
                    });
}

}  // namespace musubi::http
