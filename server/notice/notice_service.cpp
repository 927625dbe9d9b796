#include "notice/notice_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "core/validation.hpp"
#include "notice/notice_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::notice {

namespace {

constexpr const char* kNotFound = "お知らせが見つかりません";

bool publisher_role(const access::Actor& actor) {
  return actor.has(access::Role::region_admin) || actor.has(access::Role::facility_admin);
}

// The region's administrators see every notice of the region; others only their own.
bool oversees(const access::Actor& actor, const Notice& notice) {
  return notice.publisher_id == actor.user_id ||
         (actor.has(access::Role::region_admin) && notice.region_id == actor.region_id);
}

}  // namespace

Audience NoticeService::audience_of(const access::Actor& actor, const NoticeInput& input,
                                    Validator& v) {
  if (!publisher_role(actor)) throw Error(ErrorCode::forbidden);
  Audience audience;
  if (!actor.has(access::Role::region_admin)) {
    // A facility administrator speaks to their own facility; a request naming facility kinds is
    // an attempt to reach further and is refused, not narrowed.
    if (!input.facility_kinds.empty()) {
      throw Error(ErrorCode::forbidden,
                  "施設管理者は自施設の職員にだけお知らせを送れます。施設種別は指定できません");
    }
    if (!actor.facility_id) throw Error(ErrorCode::forbidden);
    audience.facility_id = actor.facility_id;
  }
  for (const auto& code : input.facility_kinds) {
    auto kind = region::facility_kind_from_code(code);
    if (!kind) {
      v.add("facility_kinds", fmt::format("施設種別「{}」はありません", code));
    } else if (std::find(audience.facility_kinds.begin(), audience.facility_kinds.end(), *kind) ==
               audience.facility_kinds.end()) {
      audience.facility_kinds.push_back(*kind);
    }
  }
  if (input.profession_ids.size() > 100) v.add("profession_ids", "職種が多すぎます");
  storage_.read([&](storage::Transaction& tx) {
    for (auto id : input.profession_ids) {
      if (!tx.regions().profession_exists(actor.region_id, id)) {
        v.add("profession_ids", "この地域にない職種が指定されています");
        return;
      }
      if (std::find(audience.profession_ids.begin(), audience.profession_ids.end(), id) ==
          audience.profession_ids.end()) {
        audience.profession_ids.push_back(id);
      }
    }
  });
  return audience;
}

std::int64_t NoticeService::audience_size(const access::Actor& actor, const NoticeInput& input) {
  Validator v;  // the form asks before the text is written: only the audience is checked
  auto audience = audience_of(actor, input, v);
  v.throw_if_any();
  return storage_.read([&](storage::Transaction& tx) {
    return tx.notices().count_audience(actor.region_id, audience);
  });
}

Notice NoticeService::publish(const access::Actor& actor, const NoticeInput& input) {
  Validator v;
  Notice notice;
  notice.audience = audience_of(actor, input, v);
  notice.title = v.text("title", input.title, kMaxTitle, true);
  notice.body = v.text("body", input.body, kMaxBody, true, true);
  notice.important = input.important;
  notice.ack_requested = input.ack_requested;
  notice.region_id = actor.region_id;
  notice.publisher_id = actor.user_id;
  v.throw_if_any();
  auto id = storage_.write([&](storage::Transaction& tx) {
    if (tx.notices().count_audience(actor.region_id, notice.audience) == 0) {
      throw Error(ErrorCode::invalid_input, "送信先に当てはまる利用者がいません",
                  {{"audience", "送信先に当てはまる利用者がいません"}});
    }
    auto id = tx.notices().publish(notice, clock_.now());
    auto stored = tx.notices().find_in_region(id, actor.region_id);
    audit::record(tx, clock_, actor,
                  {.action = "notice.publish",
                   .target_type = "notice",
                   .target_id = std::to_string(id),
                   .detail = fmt::format("{} recipients", stored ? stored->recipients : 0)});
    return id;
  });
  if (listener_) listener_->notice_published(id);
  return storage_.read(
      [&](storage::Transaction& tx) { return *tx.notices().find_in_region(id, actor.region_id); });
}

std::vector<Notice> NoticeService::received(const access::Actor& actor, std::optional<Id> before_id,
                                            std::int64_t limit) {
  return storage_.read([&](storage::Transaction& tx) {
    return tx.notices().received(actor.user_id, before_id, std::clamp<std::int64_t>(limit, 1, 100));
  });
}

std::vector<Notice> NoticeService::published(const access::Actor& actor,
                                             std::optional<Id> before_id, std::int64_t limit) {
  if (!publisher_role(actor)) throw Error(ErrorCode::forbidden);
  std::optional<Id> publisher;
  if (!actor.has(access::Role::region_admin)) publisher = actor.user_id;
  return storage_.read([&](storage::Transaction& tx) {
    return tx.notices().published(publisher, actor.region_id, before_id,
                                  std::clamp<std::int64_t>(limit, 1, 100));
  });
}

Notice NoticeService::open(const access::Actor& actor, Id notice_id) {
  return storage_.write([&](storage::Transaction& tx) {
    auto mine = tx.notices().find_for(notice_id, actor.user_id);
    if (mine && !mine->read_at) {
      tx.notices().mark_read(notice_id, actor.user_id, clock_.now());
      mine = tx.notices().find_for(notice_id, actor.user_id);
    }
    auto overseen = tx.notices().find_in_region(notice_id, actor.region_id);
    if (overseen && oversees(actor, *overseen)) {
      if (mine) {
        overseen->read_at = mine->read_at;
        overseen->acknowledged_at = mine->acknowledged_at;
      }
      return *overseen;
    }
    if (!mine) throw Error(ErrorCode::not_found, kNotFound);
    return *mine;
  });
}

Notice NoticeService::acknowledge(const access::Actor& actor, Id notice_id) {
  return storage_.write([&](storage::Transaction& tx) {
    auto mine = tx.notices().find_for(notice_id, actor.user_id);
    if (!mine) throw Error(ErrorCode::not_found, kNotFound);
    if (!mine->ack_requested) {
      throw Error(ErrorCode::conflict, "このお知らせは確認を求めていません");
    }
    if (!mine->acknowledged_at) {
      tx.notices().acknowledge(notice_id, actor.user_id, clock_.now());
      audit::record(tx, clock_, actor,
                    {.action = "notice.acknowledge",
                     .target_type = "notice",
                     .target_id = std::to_string(notice_id)});
    }
    return *tx.notices().find_for(notice_id, actor.user_id);
  });
}

std::vector<Recipient> NoticeService::recipients(const access::Actor& actor, Id notice_id,
                                                 RecipientFilter filter,
                                                 std::optional<Id> after_user_id,
                                                 std::int64_t limit) {
  auto notice = storage_.read([&](storage::Transaction& tx) {
    return tx.notices().find_in_region(notice_id, actor.region_id);
  });
  if (!notice || !oversees(actor, *notice)) throw Error(ErrorCode::not_found, kNotFound);
  auto list = storage_.read([&](storage::Transaction& tx) {
    return tx.notices().recipients(notice_id, filter, after_user_id,
                                   std::clamp<std::int64_t>(limit, 1, 500));
  });
  // Who read what is about staff, not persons; still, looking is logged like any list of people.
  audit::record_read(storage_, clock_, actor,
                     {.action = "notice.recipients",
                      .target_type = "notice",
                      .target_id = std::to_string(notice_id)});
  return list;
}

std::int64_t NoticeService::remind(const access::Actor& actor, Id notice_id) {
  auto reminded = storage_.write([&](storage::Transaction& tx) {
    auto notice = tx.notices().find_in_region(notice_id, actor.region_id);
    if (!notice || !oversees(actor, *notice)) throw Error(ErrorCode::not_found, kNotFound);
    const auto now = clock_.now();
    if (notice->reminded_at && now - *notice->reminded_at < kReminderInterval) {
      throw Error(ErrorCode::conflict, "再通知は1時間に1回までです");
    }
    auto n = reminders_ ? reminders_->remind(tx, notice_id, now) : 0;
    if (n == 0) return n;
    tx.notices().set_reminded(notice_id, now);
    audit::record(tx, clock_, actor,
                  {.action = "notice.remind",
                   .target_type = "notice",
                   .target_id = std::to_string(notice_id),
                   .detail = fmt::format("{} recipients", n)});
    return n;
  });
  if (reminded > 0 && listener_) listener_->notice_published(notice_id);
  return reminded;
}

NoticeCounts NoticeService::counts(const access::Actor& actor) {
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.notices().counts(actor.user_id); });
}

}  // namespace musubi::notice
