// Region notices (お知らせ): a region or facility administrator publishes to everyone, or to the
// users of chosen facility kinds or professions, optionally asking each to acknowledge. The
// recipients are fixed when it is published, so "who has read it" has one answer.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "region/types.hpp"

namespace musubi::notice {

using Id = std::int64_t;

// Who receives a notice. Empty lists mean "any": no filter at all is everyone the publisher may
// reach (the region for a region administrator, their facility for a facility administrator).
struct Audience {
  std::vector<region::FacilityKind> facility_kinds;
  std::vector<Id> profession_ids;
  std::optional<Id> facility_id;  // a facility administrator's notices: their facility only
};

struct NoticeInput {
  std::string title;
  std::string body;
  bool important = false;
  bool ack_requested = false;
  std::vector<std::string> facility_kinds;  // codes, as sent
  std::vector<Id> profession_ids;
};

struct Notice {
  Id id = 0;
  Id region_id = 0;
  Id publisher_id = 0;
  std::string publisher_name;
  std::string publisher_facility;
  std::string title;
  std::string body;
  bool important = false;
  bool ack_requested = false;
  Audience audience;
  UnixSeconds published_at = 0;
  std::optional<UnixSeconds> reminded_at;  // the latest reminder of its publisher
  // For a recipient reading it: their own state.
  std::optional<UnixSeconds> read_at;
  std::optional<UnixSeconds> acknowledged_at;
  // For its publisher: how far it has got.
  std::int64_t recipients = 0;
  std::int64_t read = 0;
  std::int64_t acknowledged = 0;
};

struct Recipient {
  Id user_id = 0;
  std::string name;
  std::string facility;
  std::string profession;
  std::optional<UnixSeconds> read_at;
  std::optional<UnixSeconds> acknowledged_at;
};

enum class RecipientFilter { all, unread, unacknowledged };

struct NoticeCounts {
  std::int64_t unread = 0;
  std::int64_t unacknowledged = 0;  // asked to acknowledge and not done yet
};

// Told after a notice has been committed, or a reminder of it (live updates tell its connected
// recipients; the notifier mails).
class NoticeListener {
 public:
  virtual ~NoticeListener() = default;
  virtual void notice_published(Id notice_id) = 0;
};

// Forwards to a listener connected later (the live hub exists only while serving).
class NoticeRelay final : public NoticeListener {
 public:
  void connect(NoticeListener* target) { target_ = target; }
  void notice_published(Id notice_id) override {
    if (auto* t = target_.load()) t->notice_published(notice_id);
  }

 private:
  std::atomic<NoticeListener*> target_{nullptr};
};

}  // namespace musubi::notice
