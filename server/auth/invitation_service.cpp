#include "auth/invitation_service.hpp"

#include <fmt/format.h>

#include <ctime>

#include "access/password.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth_store.hpp"
#include "auth/device_service.hpp"
#include "auth/device_store.hpp"
#include "auth/second_factor_store.hpp"
#include "auth/totp.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "mail/message.hpp"
#include "mail/outbox_store.hpp"
#include "region/region_store.hpp"
#include "region/user_rules.hpp"
#include "storage/storage.hpp"

namespace musubi::auth {

namespace {

constexpr const char* kUnusableLink =
    "この招待リンクは使えません（使用済み、期限切れ、または新しい招待で置き換えられました）。"
    "管理者に招待の再送を依頼してください。";

std::string japan_time(UnixSeconds t) {
  std::time_t shifted = t + UnixSeconds{9} * 3600;
  std::tm tm{};
  gmtime_r(&shifted, &tm);
  return fmt::format("{}年{}月{}日 {:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min);
}

bool uses_totp(const region::Region& region, const region::User& user) {
  using access::Role;
  return region.totp_roles.intersects(user.roles) && !user.roles.has(Role::region_admin) &&
         !user.roles.has(Role::facility_admin);
}

mail::Message invitation_mail(const region::User& user, const region::Region& region,
                              const Invitation& invitation, const std::string& link) {
  const bool totp = invitation.second_factor == SecondFactor::totp;
  std::string steps;
  if (invitation.sets_password) steps += "パスワードを決め、";
  steps += totp ? "ワンタイムコードのアプリ（Google Authenticator など）を設定してください。"
                : "この端末に端末証明書を取り込んでください。";
  std::string body = fmt::format(
      "{} 様\n\n"
      "{}の医療・介護連携ネットワーク「結び Musubi」から、{}のご案内です。\n\n"
      "次のリンクを開き、画面の案内に従って{}\n\n"
      "{}\n\n"
      "ログインID: {}\n"
      "このリンクは一度だけ使えます。有効期限: {}\n"
      "お使いの端末（パソコン・スマートフォン）でこのメールを開いてください。\n\n"
      "心当たりのない場合は、リンクを開かずにこのメールを破棄し、地域の管理者に連絡してください。"
      "\n\n-- \n結び Musubi（{}）\nこのメールは送信専用です。返信はできません。\n",
      user.name, region.name, invitation.sets_password ? "利用開始" : "端末の追加", steps, link,
      user.login_id, japan_time(invitation.expires_at), region.name);
  return {user.email,
          fmt::format("【結び Musubi】{}のご案内",
                      invitation.sets_password ? "利用開始" : "端末の追加"),
          body};
}

// Who may send an invitation, and whether this server can send one at all.
void check_may_invite(const Actor& actor, const std::string& device_name,
                      const std::string& smtp_url, const std::string& public_origin) {
  using access::Role;
  if (!actor.has(Role::region_admin) && !actor.has(Role::facility_admin)) {
    throw Error(ErrorCode::forbidden, "招待を送れるのは管理者です");
  }
  if (device_name.size() > 100) {
    throw Error(ErrorCode::invalid_input, "端末の名前は100文字以内にしてください",
                {{"device_name", "100文字以内にしてください"}});
  }
  if (smtp_url.empty()) {
    throw Error(ErrorCode::conflict,
                "メールの送信が設定されていません（mail.smtp_url）。端末証明書を直接発行するか、"
                "サーバーの管理者に設定を依頼してください。");
  }
  if (public_origin.empty()) {
    throw Error(ErrorCode::conflict,
                "招待リンクに使うアドレス（server.public_origin）が設定されていません。"
                "サーバーの管理者に設定を依頼してください。");
  }
}

// The user an administrator may invite: theirs to manage, active, with an address mail can reach.
std::optional<region::User> invitable_user(storage::Transaction& tx, const Actor& actor,
                                           Id user_id) {
  auto user = tx.users().find(actor.region_id, user_id);
  if (!user || !region::may_manage(actor, user->facility_id, user->roles)) {
    throw Error(ErrorCode::not_found, "利用者が見つかりません");
  }
  if (!user->active) {
    throw Error(ErrorCode::conflict, "利用停止中の利用者には招待を送れません");
  }
  if (user->email.empty() || !mail::is_plain_address(user->email)) {
    throw Error(ErrorCode::invalid_input,
                "この利用者のメールアドレスが登録されていないか、形式が正しくありません。"
                "利用者の情報を編集してから送ってください。");
  }
  return user;
}

}  // namespace

Invitation InvitationService::invite(const Actor& actor, Id user_id,
                                     const std::string& device_name) {
  check_may_invite(actor, device_name, mail_.smtp_url, public_origin_);
  const std::string token = crypto::random_token(32);
  auto invitation = storage_.write([&](storage::Transaction& tx) {
    auto user = invitable_user(tx, actor, user_id);
    auto region = tx.regions().find(actor.region_id);
    if (!region) throw Error(ErrorCode::not_found, "地域が見つかりません");
    const auto now = clock_.now();
    Invitation i;
    i.region_id = actor.region_id;
    i.user_id = user_id;
    i.second_factor = uses_totp(*region, *user) ? SecondFactor::totp : SecondFactor::certificate;
    if (i.second_factor == SecondFactor::certificate) {
      if (auto ca = tx.devices().region_ca(actor.region_id); ca && ca->external()) {
        throw Error(ErrorCode::conflict,
                    "この地域は外部の認証局を使っているため、招待メールで端末証明書は渡せません。"
                    "外部で発行した証明書を musubi device register で登録してください。");
      }
      devices_.check_device_limit(tx, actor.region_id, user_id);
    }
    i.sets_password = user->must_change_password || !user->last_login_at;
    i.device_name =
        device_name.empty()
            ? (i.second_factor == SecondFactor::totp ? "ワンタイムコードのアプリ" : "端末")
            : device_name;
    if (actor.user_id != 0) i.created_by = actor.user_id;
    i.created_at = now;
    i.expires_at = now + kInvitationSeconds;
    auto replaced = tx.invitations().cancel_open(user_id, now);
    i.id = tx.invitations().insert(i, crypto::sha256_hex(token));
    mail::QueuedMail queued;
    auto message = invitation_mail(*user, *region, i, public_origin_ + "/invitation#" + token);
    queued.region_id = actor.region_id;
    queued.recipient = message.to;
    queued.subject = message.subject;
    queued.body = message.body;
    queued.kind = "invitation";
    i.mail_id = tx.outbox().enqueue(queued, now);
    tx.invitations().set_mail(i.id, *i.mail_id);
    i.mail_status = "queued";
    audit::record(
        tx, clock_, actor,
        {.action = "invitation.create",
         .target_type = "user",
         .target_id = std::to_string(user_id),
         .detail = fmt::format("invitation {} ({}{}), mail {}, {} earlier link(s) replaced", i.id,
                               i.sets_password ? "first sign-in, " : "",
                               i.second_factor == SecondFactor::totp ? "totp" : "certificate",
                               *i.mail_id, replaced)});
    return i;
  });
  if (wake_mailer_) wake_mailer_();
  return invitation;
}

std::vector<Invitation> InvitationService::of_user(const Actor& actor, Id user_id) {
  return storage_.read([&](storage::Transaction& tx) {
    auto user = tx.users().find(actor.region_id, user_id);
    if (!user || !region::may_manage(actor, user->facility_id, user->roles)) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    return tx.invitations().of_user(user_id);
  });
}

std::vector<mail::QueuedMail> InvitationService::recent_mail(const Actor& actor) {
  if (!actor.has(access::Role::region_admin)) throw Error(ErrorCode::forbidden);
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.outbox().recent(actor.region_id, 100); });
}

Invitation InvitationService::require_open(const std::string& token, const Origin& origin,
                                           const char* action) {
  auto found = storage_.write([&](storage::Transaction& tx) -> std::optional<Invitation> {
    std::optional<Invitation> i;
    if (!token.empty() && token.size() <= 100) {
      i = tx.invitations().find_by_token(crypto::sha256_hex(token));
    }
    const auto now = clock_.now();
    const char* problem = !i                     ? "unknown link"
                          : i->used_at           ? "already used"
                          : i->cancelled_at      ? "replaced by a newer invitation"
                          : now >= i->expires_at ? "expired"
                                                 : nullptr;
    audit::record_anonymous(tx, clock_, i ? std::optional(i->region_id) : std::nullopt,
                            i ? std::optional(i->user_id) : std::nullopt, "", origin,
                            {.action = action,
                             .target_type = "invitation",
                             .target_id = i ? std::to_string(i->id) : "",
                             .outcome = problem ? "denied" : "success",
                             .detail = problem ? problem : ""});
    if (problem) return std::nullopt;
    return i;
  });
  if (!found) throw Error(ErrorCode::not_found, kUnusableLink);
  return *found;
}

InvitationView InvitationService::look(const std::string& token, const Origin& origin) {
  auto i = require_open(token, origin, "invitation.open");
  return storage_.read([&](storage::Transaction& tx) {
    auto user = tx.users().find(i.region_id, i.user_id);
    auto region = tx.regions().find(i.region_id);
    if (!user || !region) throw Error(ErrorCode::not_found, kUnusableLink);
    return InvitationView{user->login_id,  user->name,    region->name, i.sets_password,
                          i.second_factor, i.device_name, i.expires_at, region->password_policy};
  });
}

TotpEnrolment InvitationService::start_totp(const std::string& token, const Origin& origin) {
  auto i = require_open(token, origin, "invitation.totp_start");
  if (i.second_factor != SecondFactor::totp) {
    throw Error(ErrorCode::conflict, "この招待は端末証明書のためのものです");
  }
  const auto secret = totp::new_secret();
  auto login_id = storage_.write([&](storage::Transaction& tx) {
    auto user = tx.users().find(i.region_id, i.user_id);
    if (!user) throw Error(ErrorCode::not_found, kUnusableLink);
    tx.second_factor().put_totp(i.user_id, secret, clock_.now());
    return user->login_id;
  });
  return {totp::base32(secret), totp::provisioning_uri("結び Musubi", login_id, secret)};
}

AcceptedInvitation InvitationService::accept(const std::string& token, const std::string& password,
                                             const std::string& one_time_code,
                                             const Origin& origin) {
  auto i = require_open(token, origin, "invitation.accept_start");
  struct Context {
    region::User user;
    access::PasswordPolicy policy;
    std::optional<TotpSecret> secret;
  };
  auto context = storage_.read([&](storage::Transaction& tx) {
    auto user = tx.users().find(i.region_id, i.user_id);
    auto region = tx.regions().find(i.region_id);
    if (!user || !region || !user->active) throw Error(ErrorCode::not_found, kUnusableLink);
    return Context{*user, region->password_policy, tx.second_factor().totp(i.user_id)};
  });
  std::string hash;
  if (i.sets_password) {
    if (auto problem = access::password_problem(context.policy, password, context.user.login_id)) {
      throw Error(ErrorCode::invalid_input, *problem, {{"password", *problem}});
    }
    hash = access::hash_password(password);
  }
  AcceptedInvitation out;
  out.login_id = context.user.login_id;
  out.second_factor = i.second_factor;
  auto finish = [&](storage::Transaction& tx, std::optional<Id> device_id,
                    const std::string& what) {
    const auto now = clock_.now();
    if (!tx.invitations().use(i.id, device_id, now)) {
      throw Error(ErrorCode::not_found, kUnusableLink);
    }
    if (i.sets_password) tx.credentials().set_password(i.user_id, hash, false, now);
    audit::record_anonymous(tx, clock_, i.region_id, i.user_id, context.user.login_id, origin,
                            {.action = "invitation.accept",
                             .target_type = "invitation",
                             .target_id = std::to_string(i.id),
                             .detail = what + (i.sets_password ? ", password set" : "")});
  };
  if (i.second_factor == SecondFactor::certificate) {
    auto issued = devices_.issue_for(
        i.region_id, i.user_id, i.device_name, std::nullopt, DeviceService::Delivery::download_link,
        i.created_by.value_or(0), [&](storage::Transaction& tx, const Device& d) {
          finish(tx, d.id, fmt::format("device {} serial {}", d.id, d.serial));
        });
    out.download_token = issued.download_token;
    out.import_password = issued.import_password;
    out.device_expires_at = issued.device.expires_at;
    return out;
  }
  if (!context.secret || context.secret->confirmed_at) {
    throw Error(ErrorCode::conflict, "先にアプリでコードを読み取ってください");
  }
  auto step = totp::verify(context.secret->secret, one_time_code, clock_.now(), 0);
  if (!step) {
    storage_.write([&](storage::Transaction& tx) {
      audit::record_anonymous(tx, clock_, i.region_id, i.user_id, context.user.login_id, origin,
                              {.action = "invitation.accept",
                               .target_type = "invitation",
                               .target_id = std::to_string(i.id),
                               .outcome = "failure",
                               .detail = "wrong one-time code"});
    });
    throw Error(ErrorCode::invalid_input,
                "コードが違います。アプリに表示されている6桁を入力してください",
                {{"one_time_code", "コードが違います"}});
  }
  out.recovery_codes = totp::new_recovery_codes();
  const auto hashes = totp::hash_recovery_codes(out.recovery_codes);
  storage_.write([&](storage::Transaction& tx) {
    // The secret must still be the one the app scanned (a second start would have replaced it).
    auto current = tx.second_factor().totp(i.user_id);
    if (!current || current->secret != context.secret->secret) {
      throw Error(ErrorCode::conflict, "コードの読み取りからやり直してください");
    }
    tx.second_factor().confirm_totp(i.user_id, *step, clock_.now());
    tx.second_factor().replace_recovery_codes(i.user_id, hashes);
    finish(tx, std::nullopt, "one-time code app enrolled");
  });
  return out;
}

}  // namespace musubi::auth
