// The notifier's other work in storage: notices and their reminders, the reminder the day before a
// poll closes, each user's mail settings, and which notifications are due for mail at once or in
// the daily digest (Japan time). Who is told of a post is notify_store_test.cpp.
#include <map>
#include <string>
#include <vector>

#include "backends.hpp"
#include "board/board_store.hpp"
#include "notice/notice_store.hpp"
#include "notify/notify_store.hpp"
#include "poll/poll_store.hpp"

namespace musubi::storetest {
namespace {

using notify::Id;
using notify::Kind;

constexpr UnixSeconds kHour = 3600;
constexpr UnixSeconds kDay = 86400;
// Midnight in Japan (UTC+9) on a day in 2027.
constexpr UnixSeconds kMidnight = ((1'800'000'000 + 9 * kHour) / kDay) * kDay - 9 * kHour;

class NotifyMailStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      author = user(tx, "author", "author@example.jp");
      reader = user(tx, "reader", "reader@example.jp");
      other = user(tx, "other", "other@example.jp");
      no_mail = user(tx, "no_mail", "");
      team = care_team(tx, "ひと", {author, reader, other, no_mail});
    });
  }

  UserId user(storage::Transaction& tx, const std::string& login, const std::string& email) {
    region::UserPatch u{.name = "利用 " + login,
                        .name_kana = "りよう",
                        .email = email,
                        .roles = {access::Role::professional}};
    return UserId{tx.users().insert(region_a, login, u, "h", false, 1)};
  }
  // A post told to everyone else on the team (important), at `at`.
  PostId told_post(UnixSeconds at, bool important = true) {
    return store->write([&](storage::Transaction& tx) {
      auto id = tx.posts().insert(
          {.board_id = team, .author_id = author, .body = "本文", .important = important}, at);
      tx.notifications().add_for_post(id, at);
      return id;
    });
  }
  PostId poll(UnixSeconds created, std::optional<UnixSeconds> deadline,
              std::vector<UserId> audience = {}) {
    return store->write([&](storage::Transaction& tx) {
      auto id = tx.posts().insert(
          {.board_id = team, .author_id = author, .body = "日程", .audience = audience}, created);
      tx.polls().insert(id, {.mode = poll::Mode::schedule, .options = {"A"}, .deadline = deadline});
      return id;
    });
  }
  Id notice(bool important, bool ack, UnixSeconds at = 100) {
    return store->write([&](storage::Transaction& tx) {
      return tx.notices().publish({.region_id = region_a,
                                   .publisher_id = author,
                                   .title = "「研修会」のお知らせ",
                                   .body = "本文",
                                   .important = important,
                                   .ack_requested = ack},
                                  at);
    });
  }
  std::vector<notify::Notification> list(Id user) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.notifications().list(user, std::nullopt, 100); });
  }
  std::vector<UserId> reminded_of(PostId post) {
    std::vector<UserId> out;
    for (auto u : {author, reader, other, no_mail}) {
      for (const auto& n : list(u)) {
        if (n.post_id == post && n.kind == Kind::reminder) out.push_back(u);
      }
    }
    return out;
  }
  std::int64_t deadline_reminders(UnixSeconds now) {
    return store->write(
        [&](storage::Transaction& tx) { return tx.notifications().add_deadline_reminders(now); });
  }
  std::vector<notify::MailDue> due_immediate(UnixSeconds since) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.notifications().due_immediate(since); });
  }
  std::vector<Id> digest_users(UnixSeconds now, bool force = false) {
    std::vector<Id> out;
    for (const auto& d : store->read([&](storage::Transaction& tx) {
           return tx.notifications().due_digests(now, force);
         })) {
      out.push_back(d.user_id);
    }
    return out;
  }

  UserId author, reader, other, no_mail;
  BoardId team;
};

TEST_P(NotifyMailStoreTest, TheNotifierKeepsItsPlace) {
  store->read([](storage::Transaction& tx) {
    EXPECT_EQ(tx.notifications().event_cursor(), 0);
    EXPECT_EQ(tx.notifications().notice_cursor(), 0);
  });
  store->write([](storage::Transaction& tx) {
    tx.notifications().set_event_cursor(42);
    tx.notifications().set_notice_cursor(7);
  });
  store->read([](storage::Transaction& tx) {
    EXPECT_EQ(tx.notifications().event_cursor(), 42);
    EXPECT_EQ(tx.notifications().notice_cursor(), 7);
  });
}

TEST_P(NotifyMailStoreTest, ANoticeIsToldToItsRecipientsButNotItsPublisher) {
  auto first = notice(true, false);
  auto newest = store->write(
      [](storage::Transaction& tx) { return tx.notifications().add_for_notices(0, 200); });
  EXPECT_EQ(newest, first);
  auto second = notice(false, false);
  newest = store->write(
      [&](storage::Transaction& tx) { return tx.notifications().add_for_notices(first, 200); });
  EXPECT_EQ(newest, second);
  EXPECT_TRUE(list(author).empty());
  auto readers = list(reader);
  ASSERT_EQ(readers.size(), 2u);
  EXPECT_EQ(readers[0].notice_id, second);
  EXPECT_FALSE(readers[0].urgent);
  EXPECT_EQ(readers[1].notice_id, first);
  EXPECT_EQ(readers[1].kind, Kind::notice);
  EXPECT_TRUE(readers[1].urgent) << "an important notice";
  EXPECT_EQ(readers[1].title, "「研修会」のお知らせ");
  EXPECT_EQ(readers[1].actor_name, "利用 author");
  EXPECT_FALSE(readers[1].board);
  EXPECT_FALSE(readers[1].post_id);
  EXPECT_EQ(readers[1].created_at, 200);
  store->write([&](storage::Transaction& tx) {
    EXPECT_EQ(tx.notifications().add_for_notices(second, 300), second) << "nothing newer";
    EXPECT_EQ(tx.notifications().add_for_notices(0, 300), second);
  });
  EXPECT_EQ(list(reader).size(), 2u) << "told once";
}

TEST_P(NotifyMailStoreTest, ANoticeReminderReachesThoseWhoHaveNotDoneWhatItAsks) {
  auto ack = notice(false, true);
  store->write([&](storage::Transaction& tx) { tx.notifications().add_for_notices(0, 200); });
  auto plain = notice(false, false);
  store->write([&](storage::Transaction& tx) {
    tx.notifications().add_for_notices(ack, 200);
    tx.notifications().mark_read(reader, std::nullopt, 210);
    tx.notices().mark_read(ack, reader, 210);  // read, not acknowledged
    tx.notices().acknowledge(ack, other, 210);
    tx.notices().mark_read(plain, reader, 210);
    tx.users().set_active(no_mail, false, 210);
  });
  auto reminded = store->write(
      [&](storage::Transaction& tx) { return tx.notifications().add_notice_reminder(ack, 300); });
  EXPECT_EQ(reminded, 1) << "the reader; not the one who acknowledged, the inactive or the author";
  auto readers = list(reader);
  ASSERT_EQ(readers.size(), 2u);
  EXPECT_EQ(readers[1].notice_id, ack) << "its place in the list is kept";
  EXPECT_EQ(readers[1].kind, Kind::reminder);
  EXPECT_FALSE(readers[1].read_at) << "back as new";
  EXPECT_EQ(readers[1].created_at, 300);
  EXPECT_EQ(list(other)[1].kind, Kind::notice);
  reminded = store->write(
      [&](storage::Transaction& tx) { return tx.notifications().add_notice_reminder(plain, 300); });
  EXPECT_EQ(reminded, 1) << "a notice that asks nothing: whoever has not read it (other)";
  EXPECT_EQ(list(other)[0].kind, Kind::reminder);
}

TEST_P(NotifyMailStoreTest, APollIsRemindedOnceTheDayBeforeItCloses) {
  const UnixSeconds deadline = 10 * kDay;
  auto due = poll(0, deadline);
  auto short_one = poll(deadline - 12 * kHour, deadline);  // open less than a day
  auto far = poll(0, deadline + 2 * kDay);
  auto open_ended = poll(0, std::nullopt);
  auto fixed = poll(0, deadline);
  auto deleted = poll(0, deadline);
  auto restricted = poll(0, deadline, {author, other});
  store->write([&](storage::Transaction& tx) {
    tx.polls().answer(due, reader, false, {}, "", 100);
    tx.polls().fix(fixed, tx.polls().find(fixed)->options[0].id, author, fixed, 100);
    tx.posts().soft_delete(deleted, author, "", 100);
    tx.boards().set_muted(team, no_mail, true, std::nullopt);
  });
  EXPECT_EQ(deadline_reminders(deadline - kDay - 1), 0) << "more than a day before";
  EXPECT_EQ(deadline_reminders(deadline - 6 * kHour), 2);
  EXPECT_EQ(reminded_of(due), (std::vector<UserId>{other, no_mail}))
      << "not who answered, not the author; a mute does not hold a reminder back";
  EXPECT_EQ(reminded_of(restricted), std::vector<UserId>{other}) << "only who can see it";
  for (auto p : {short_one, far, open_ended, fixed, deleted}) {
    EXPECT_EQ(reminded_of(p), std::vector<UserId>{}) << "post " << p;
  }
  EXPECT_EQ(
      store->read([&](storage::Transaction& tx) { return tx.polls().find(due); })->reminded_at,
      deadline - 6 * kHour);
  EXPECT_EQ(deadline_reminders(deadline - 5 * kHour), 0) << "once";
  EXPECT_EQ(deadline_reminders(deadline), 0) << "closed";
  // The later one in its turn; a new deadline gets its own reminder.
  store->write(
      [&](storage::Transaction& tx) { tx.polls().set_deadline(due, deadline + 3 * kDay); });
  EXPECT_EQ(deadline_reminders(deadline + kDay + kHour), 1);
  EXPECT_EQ(reminded_of(far), (std::vector<UserId>{reader, other, no_mail}));
  EXPECT_EQ(deadline_reminders(deadline + 2 * kDay + kHour), 1) << "the moved deadline";
}

TEST_P(NotifyMailStoreTest, SettingsHaveDefaultsAndAreKeptPerUser) {
  auto settings = [&](Id u) {
    return store->read([&](storage::Transaction& tx) { return tx.notifications().settings(u); });
  };
  auto d = settings(reader);
  EXPECT_TRUE(d.immediate);
  EXPECT_TRUE(d.digest);
  EXPECT_EQ(d.digest_hour, 7);
  EXPECT_EQ(d.quiet_start, 21);
  EXPECT_EQ(d.quiet_end, 7);
  notify::Settings mine{
      .immediate = false, .digest = true, .digest_hour = 18, .quiet_start = 22, .quiet_end = 6};
  store->write([&](storage::Transaction& tx) {
    tx.notifications().put_settings(reader, mine);
    tx.notifications().digest_sent({reader, other}, 500);
  });
  auto s = settings(reader);
  EXPECT_FALSE(s.immediate);
  EXPECT_EQ(s.digest_hour, 18);
  EXPECT_EQ(s.quiet_start, 22);
  EXPECT_EQ(s.quiet_end, 6);
  EXPECT_EQ(settings(other).digest_hour, 7) << "a digest sent leaves the defaults";
  mine.digest = false;
  store->write([&](storage::Transaction& tx) { tx.notifications().put_settings(reader, mine); });
  EXPECT_FALSE(settings(reader).digest);
}

TEST_P(NotifyMailStoreTest, ImmediateMailIsForPressingKindsOfTheLastDayToUsersWithAnAddress) {
  const UnixSeconds now = kMidnight + 12 * kHour;
  told_post(now - 2 * kDay);  // too old for mail at once
  told_post(now - kHour);
  store->write([&](storage::Transaction& tx) {
    auto ask = tx.posts().insert(
        {.board_id = team,
         .author_id = author,
         .body = "至急",
         .important = true,
         .request = board::NewPost::Addressing{.addressees = {{reader, std::nullopt}}}},
        now - kHour);
    tx.notifications().add_for_post(ask, now - kHour);
    auto question =
        tx.posts().insert({.board_id = team, .author_id = reader, .body = "質問"}, now - kHour);
    auto reply = tx.posts().insert(
        {.board_id = team, .parent_id = question, .author_id = author, .body = "回答"},
        now - kHour);
    tx.notifications().add_for_post(reply, now - kHour);  // a reply: the digest's
  });
  notice(false, false);
  notice(true, false);
  store->write([&](storage::Transaction& tx) { tx.notifications().add_for_notices(0, now); });
  auto due = due_immediate(now - kDay);
  ASSERT_EQ(due.size(), 2u) << "reader and other; not the author, not the user without mail";
  const auto& r = due[0];
  EXPECT_EQ(r.user_id, reader);
  EXPECT_EQ(r.region_id, region_a);
  EXPECT_EQ(r.email, "reader@example.jp");
  EXPECT_EQ(r.region_name, "A市");
  EXPECT_EQ(r.counts, (std::map<Kind, std::int64_t>{
                          {Kind::request, 1}, {Kind::important, 1}, {Kind::notice, 1}}))
      << "not the old post, the reply or the plain notice";
  EXPECT_EQ(r.notification_ids.size(), 3u);
  EXPECT_TRUE(r.urgent);
  EXPECT_TRUE(r.settings.immediate);
  const auto& o = due[1];
  EXPECT_EQ(o.user_id, other);
  EXPECT_EQ(o.counts, (std::map<Kind, std::int64_t>{{Kind::important, 2}, {Kind::notice, 1}}));
  EXPECT_TRUE(o.urgent) << "the important notice";
  store->write(
      [&](storage::Transaction& tx) { tx.notifications().mark_mailed(r.notification_ids, now); });
  due = due_immediate(now - kDay);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].user_id, other);
}

TEST_P(NotifyMailStoreTest, ADigestIsDueOnceADayAfterItsHourInJapan) {
  told_post(kMidnight - kDay, false);  // a plain post tells no one …
  store->write([&](storage::Transaction& tx) {
    auto q = tx.posts().insert({.board_id = team, .author_id = reader, .body = "質問"}, 10);
    auto a = tx.posts().insert(
        {.board_id = team, .parent_id = q, .author_id = author, .body = "回答"}, 10);
    tx.notifications().add_for_post(a, 10);  // … a reply tells the reader
    tx.notifications().put_settings(other, {.digest = false});
  });
  told_post(10);  // important: reader, other (digest off) and no_mail (no address)
  auto due = store->read([&](storage::Transaction& tx) {
    return tx.notifications().due_digests(kMidnight + kHour, false);
  });
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].user_id, reader);
  EXPECT_EQ(due[0].counts, (std::map<Kind, std::int64_t>{{Kind::important, 1}, {Kind::reply, 1}}));
  // Sent at 8:00: not due again until 7:00 tomorrow, even with something new.
  store->write([&](storage::Transaction& tx) {
    tx.notifications().digest_sent({reader}, kMidnight + 8 * kHour);
  });
  auto still_due = due_immediate(0);
  ASSERT_EQ(still_due.size(), 1u) << "everything of the reader is told";
  EXPECT_EQ(still_due[0].user_id, other);
  told_post(kMidnight + 9 * kHour);
  EXPECT_EQ(digest_users(kMidnight + 20 * kHour), std::vector<Id>{});
  EXPECT_EQ(digest_users(kMidnight + kDay + 7 * kHour - 1), std::vector<Id>{});
  EXPECT_EQ(digest_users(kMidnight + kDay + 7 * kHour), std::vector<Id>{reader});
  EXPECT_EQ(digest_users(kMidnight + 20 * kHour, true), std::vector<Id>{reader})
      << "forced: every user with digest on and something untold";
}

TEST_P(NotifyMailStoreTest, ADigestMissedYesterdayIsStillDueBeforeTodaysHour) {
  store->write([&](storage::Transaction& tx) {
    tx.notifications().put_settings(reader, {.digest_hour = 18});
    tx.notifications().digest_sent({reader}, kMidnight - kDay + 17 * kHour);  // before its hour
  });
  told_post(kMidnight - kDay + 20 * kHour);
  EXPECT_EQ(digest_users(kMidnight + 3 * kHour), (std::vector<Id>{reader, other}))
      << "yesterday's 18:00 digest never went";
  store->write([&](storage::Transaction& tx) {
    tx.notifications().digest_sent({reader}, kMidnight + 3 * kHour);
  });
  EXPECT_EQ(digest_users(kMidnight + 17 * kHour), std::vector<Id>{other});
  told_post(kMidnight + 17 * kHour);
  EXPECT_EQ(digest_users(kMidnight + 18 * kHour), (std::vector<Id>{reader, other}));
}

INSTANTIATE_TEST_SUITE_P(Backends, NotifyMailStoreTest, ::testing::ValuesIn(backends()),
                         backend_name);

}  // namespace
}  // namespace musubi::storetest
