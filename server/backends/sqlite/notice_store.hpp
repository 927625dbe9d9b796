// The SQLite notice store (see notice/notice_store.hpp for what it promises).
#pragma once

#include "backends/sqlite/connection.hpp"
#include "notice/notice_store.hpp"

namespace musubi::backends::sqlite {

class SqliteNoticeStore final : public notice::NoticeStore {
 public:
  explicit SqliteNoticeStore(Connection& c) : c_(c) {}
  std::int64_t count_audience(notice::Id region_id, const notice::Audience& audience) override;
  notice::Id publish(const notice::Notice& notice, UnixSeconds now) override;
  std::optional<notice::Notice> find_for(notice::Id notice_id, notice::Id user_id) override;
  std::optional<notice::Notice> find_in_region(notice::Id notice_id, notice::Id region_id) override;
  std::vector<notice::Notice> received(notice::Id user_id, std::optional<notice::Id> before_id,
                                       std::int64_t limit) override;
  std::vector<notice::Notice> published(std::optional<notice::Id> publisher_id,
                                        notice::Id region_id, std::optional<notice::Id> before_id,
                                        std::int64_t limit) override;
  std::vector<notice::Recipient> recipients(notice::Id notice_id, notice::RecipientFilter filter,
                                            std::optional<notice::Id> after_user_id,
                                            std::int64_t limit) override;
  void mark_read(notice::Id notice_id, notice::Id user_id, UnixSeconds now) override;
  void acknowledge(notice::Id notice_id, notice::Id user_id, UnixSeconds now) override;
  notice::NoticeCounts counts(notice::Id user_id) override;
  std::vector<notice::Id> recipient_ids(notice::Id notice_id) override;
  void set_reminded(notice::Id notice_id, UnixSeconds now) override;

 private:
  Connection& c_;
};

}  // namespace musubi::backends::sqlite
