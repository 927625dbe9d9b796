// What notices need from storage.
#pragma once

#include <optional>
#include <vector>

#include "notice/types.hpp"

namespace musubi::notice {

class NoticeStore {
 public:
  virtual ~NoticeStore() = default;
  // Active users of the region that `audience` names; the recipients of a notice published now.
  virtual std::int64_t count_audience(Id region_id, const Audience& audience) = 0;
  // Inserts the notice and one recipient row per user of its audience; returns its id.
  virtual Id publish(const Notice& notice, UnixSeconds now) = 0;
  // The notice with `user_id`'s state as one of its recipients; nullopt when they are not one.
  virtual std::optional<Notice> find_for(Id notice_id, Id user_id) = 0;
  // The notice with its counts, for its publisher or a region administrator of its region.
  virtual std::optional<Notice> find_in_region(Id notice_id, Id region_id) = 0;
  // Addressed to the user, newest first, before `before_id` when given.
  virtual std::vector<Notice> received(Id user_id, std::optional<Id> before_id,
                                       std::int64_t limit) = 0;
  // Published by the user (or, with `region_id`, by anyone in the region), newest first.
  virtual std::vector<Notice> published(std::optional<Id> publisher_id, Id region_id,
                                        std::optional<Id> before_id, std::int64_t limit) = 0;
  virtual std::vector<Recipient> recipients(Id notice_id, RecipientFilter filter,
                                            std::optional<Id> after_user_id,
                                            std::int64_t limit) = 0;
  // First reading sets read_at.
  virtual void mark_read(Id notice_id, Id user_id, UnixSeconds now) = 0;
  // Sets acknowledged_at (and read_at when unset).
  virtual void acknowledge(Id notice_id, Id user_id, UnixSeconds now) = 0;
  virtual NoticeCounts counts(Id user_id) = 0;
  virtual void set_reminded(Id notice_id, UnixSeconds now) = 0;
  // Every recipient's user id, ascending (live delivery).
  virtual std::vector<Id> recipient_ids(Id notice_id) = 0;
};

}  // namespace musubi::notice
