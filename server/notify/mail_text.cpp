#include "notify/mail_text.hpp"

#include <fmt/format.h>

namespace musubi::notify {

namespace {

const char* label(Kind kind) {
  switch (kind) {
    case Kind::request:
      return "あなた宛ての依頼";
    case Kind::message:
      return "メッセージ";
    case Kind::important:
      return "重要な投稿";
    case Kind::poll:
      return "回答を待っているアンケート";
    case Kind::reply:
      return "あなたの投稿への返信";
    case Kind::reminder:
      return "催促";
    case Kind::notice:
      return "お知らせ";
  }
  return "通知";
}

std::string lines(const MailDue& due) {
  std::string out;
  for (const auto& [kind, n] : due.counts) out += fmt::format("・{} {}件\n", label(kind), n);
  return out;
}

std::string footer(const std::string& origin) {
  return fmt::format(
      "\n内容は結びにログインしてご確認ください。\n{}/\n\n"
      "このメールには患者さん・利用者さんの情報は含まれていません。\n"
      "メールの受け取り方（すぐ・1日1回・夜間）は {}/notifications で変えられます。\n",
      origin, origin);
}

}  // namespace

MailText immediate_mail(const MailDue& due, const std::string& origin) {
  return {
      .subject = fmt::format("【結び】{}: 確認をお願いします", due.region_name),
      .body = fmt::format(
          "{}の結び（医療・介護の連携）から、あなたに確認していただきたいことがあります。\n\n{}{}",
          due.region_name, lines(due), footer(origin))};
}

MailText digest_mail(const MailDue& due, const std::string& origin) {
  std::int64_t total = 0;
  for (const auto& [kind, n] : due.counts) total += n;
  return {
      .subject = fmt::format("【結び】{}: 未確認の通知が{}件あります", due.region_name, total),
      .body = fmt::format("{}の結び（医療・介護の連携）の、前回のまとめ以降の通知です。\n\n{}{}",
                          due.region_name, lines(due), footer(origin))};
}

}  // namespace musubi::notify
