// The notifier on a real database with a manual clock (the fixture starts at 17:00 Japan time):
// who is told of what, mail at once by day and held at night unless urgent, the daily digest once
// a day after its hour, and nothing of what was written in any mail.
#include "notify/notifier.hpp"
#include "auth/actor_for.hpp"
#include "notify/notice_reminders.hpp"

#include <gtest/gtest.h>

#include "../fixture/test_region.hpp"
#include "board/board_service.hpp"
#include "board/board_store.hpp"
#include "board/group_service.hpp"
#include "board/inbox_service.hpp"
#include "core/error.hpp"
#include "mail/outbox_store.hpp"
#include "notice/notice_service.hpp"
#include "notify/notify_store.hpp"
#include "poll/poll_service.hpp"
#include "storage/storage.hpp"

namespace musubi::notify {
namespace {

constexpr UnixSeconds kHour = 3600;

class NotifierTest : public testing::TestRegion {
 protected:
  void SetUp() override {
    TestRegion::SetUp();
    board = std::make_unique<board::BoardService>(*storage, clock);
    groups = std::make_unique<board::GroupService>(*storage, clock);
    notifier = std::make_unique<Notifier>(*storage, clock, "https://musubi.example.jp", nullptr);
    author = user_with_mail("author", "author@example.jp");
    reader = user_with_mail("reader", "reader@example.jp");
    other = user_with_mail("other", "other@example.jp");
    group = groups->create_group(author, {.name = "連携会議"}).board.id;
    for (const auto* m : {&reader, &other}) {
      storage->write([&](storage::Transaction& tx) {
        tx.boards().put_member(group, m->user_id, board::kGroupMemberRole, false, clock.now());
      });
    }
    notifier->pass();  // the group's own events
  }

  access::Actor user_with_mail(const std::string& login, const std::string& email) {
    region::UserInput in{.login_id = login,
                         .facility_id = add_facility(login + "診療所"),
                         .name = "利用 " + login,
                         .name_kana = "りよう",
                         .email = email,
                         .roles = {"professional"}};
    return actor_for(regions->create_user(admin, in).user);
  }

  board::Post ask(const std::string& body, bool important = false) {
    return board->create_post(author, group,
                              {.body = body,
                               .important = important,
                               .request_kind = board::RequestKind::answer,
                               .addressees = {reader.user_id}});
  }

  std::vector<mail::QueuedMail> mails_to(const std::string& address) {
    // Queued mail with its body (nothing is sent here: no relay).
    auto all = storage->read(
        [&](storage::Transaction& tx) { return tx.outbox().due(clock.now() + 1, 1000); });
    std::vector<mail::QueuedMail> out;
    for (auto& m : all) {
      if (m.recipient == address) out.push_back(std::move(m));
    }
    return out;
  }

  static void expect_invalid(const std::function<void()>& work) {
    try {
      work();
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_input) << e.what();
    }
  }

  std::vector<Notification> list_of(const access::Actor& a) {
    return storage->read(
        [&](storage::Transaction& tx) { return tx.notifications().list(a.user_id, {}, 100); });
  }

  std::unique_ptr<board::BoardService> board;
  std::unique_ptr<board::GroupService> groups;
  std::unique_ptr<Notifier> notifier;
  access::Actor author, reader, other;
  BoardId group;
};

TEST_F(NotifierTest, ARequestIsMailedOnceByDayAndSaysNothingOfItsText) {
  auto post = ask("血圧が180です。至急ご確認を");
  EXPECT_EQ(notifier->pass(), 1);
  EXPECT_EQ(notifier->pass(), 0) << "told once";
  auto mails = mails_to("reader@example.jp");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].body.find("あなた宛ての依頼 1件"), std::string::npos) << mails[0].body;
  EXPECT_NE(mails[0].body.find("https://musubi.example.jp/"), std::string::npos);
  for (const char* secret : {"血圧", "180", "連携会議", "author"}) {
    EXPECT_EQ(mails[0].body.find(secret), std::string::npos) << secret;
    EXPECT_EQ(mails[0].subject.find(secret), std::string::npos) << secret;
  }
  EXPECT_TRUE(mails_to("other@example.jp").empty()) << "not addressed to the others";
  auto listed = list_of(reader);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].kind, Kind::request);
  EXPECT_EQ(listed[0].post_id, post.id);
  EXPECT_TRUE(list_of(author).empty()) << "never told of one's own post";
}

TEST_F(NotifierTest, AtNightOnlyUrgentMailGoesOutTheRestInTheMorning) {
  clock.advance(6 * kHour);  // 23:00
  ask("明日の予定について");
  EXPECT_EQ(notifier->pass(), 0) << "held: quiet hours 21–7";
  ask("急変です", true);
  EXPECT_EQ(notifier->pass(), 1) << "important and addressed to me: urgent";
  ASSERT_EQ(mails_to("reader@example.jp").size(), 1u);
  EXPECT_NE(mails_to("reader@example.jp")[0].body.find("あなた宛ての依頼 2件"), std::string::npos)
      << "the held one goes with the urgent one";
  board->create_post(author, group, {.body = "夜の連絡", .important = true});
  EXPECT_EQ(notifier->pass(), 0) << "important but not addressed: not urgent";
  clock.advance(7 * kHour + 59 * 60);  // 06:59
  EXPECT_EQ(notifier->pass(), 0);
  clock.advance(60);  // 07:00
  EXPECT_EQ(notifier->pass(), 2) << "reader and other, each told of the important post";
}

TEST_F(NotifierTest, TheDigestGoesOnceADayAfterItsHourWithWhatIsWaiting) {
  auto mine = board->create_post(reader, group, {.body = "資料を共有します"});
  board->create_post(author, group, {.body = "ありがとうございます", .parent_id = mine.id});
  EXPECT_EQ(notifier->pass(), 0) << "a reply waits for the digest";
  EXPECT_EQ(notifier->digests(false), 1) << "17:00: today's 7:00 digest is due";
  auto digest = mails_to("reader@example.jp");
  ASSERT_EQ(digest.size(), 1u);
  EXPECT_NE(digest[0].body.find("あなたの投稿への返信 1件"), std::string::npos) << digest[0].body;
  EXPECT_EQ(digest[0].body.find("ありがとう"), std::string::npos);
  board->create_post(author, group, {.body = "追記です", .parent_id = mine.id});
  notifier->pass();
  EXPECT_EQ(notifier->digests(false), 0) << "once a day";
  clock.advance(13 * kHour + 59 * 60);  // 06:59 the next day
  EXPECT_EQ(notifier->digests(false), 0);
  clock.advance(60);
  EXPECT_EQ(notifier->digests(false), 1);
  EXPECT_EQ(notifier->digests(false), 0);
  EXPECT_EQ(notifier->digests(true), 0) << "nothing waiting: no empty digest";
}

TEST_F(NotifierTest, ADigestDueInTheQuietHoursWaitsForTheirEnd) {
  storage->write([&](storage::Transaction& tx) {
    tx.notifications().put_settings(reader.user_id, {.digest_hour = 22});  // quiet 21–7
  });
  auto mine = board->create_post(reader, group, {.body = "資料を共有します"});
  board->create_post(author, group, {.body = "ありがとうございます", .parent_id = mine.id});
  notifier->pass();
  clock.advance(5 * kHour);  // 22:00
  EXPECT_EQ(notifier->digests(false), 0) << "its hour, but quiet";
  clock.advance(8 * kHour + 59 * 60);  // 06:59
  EXPECT_EQ(notifier->digests(false), 0);
  clock.advance(60);  // 07:00: the quiet hours end
  EXPECT_EQ(notifier->digests(false), 1);
  ASSERT_EQ(mails_to("reader@example.jp").size(), 1u);
  EXPECT_EQ(notifier->digests(false), 0) << "once";
}

TEST_F(NotifierTest, SettingsDecideAndRestrictedPostsTellOnlyTheirAudience) {
  storage->write([&](storage::Transaction& tx) {
    tx.notifications().put_settings(reader.user_id, {.immediate = false, .digest = false});
  });
  ask("折り返しください");
  EXPECT_EQ(notifier->pass(), 0);
  EXPECT_EQ(notifier->digests(true), 0);
  EXPECT_EQ(list_of(reader).size(), 1u) << "still in the list";
  board->create_post(author, group,
                     {.body = "内々の話", .important = true, .restricted_to = {other.user_id}});
  notifier->pass();
  EXPECT_EQ(list_of(other).size(), 1u);
  EXPECT_EQ(list_of(reader).size(), 1u) << "not in the 特別便's audience";
}

TEST_F(NotifierTest, AMutedBoardStillTellsWhatIsMineButNotItsBroadcasts) {
  EXPECT_TRUE(board->set_muted(reader, group, true).muted);
  auto mine = board->create_post(reader, group, {.body = "資料です"});
  board->create_post(author, group, {.body = "全体へのお知らせ", .important = true});
  auto asked = ask("ご確認ください");
  auto reply = board->create_post(author, group, {.body = "拝見しました", .parent_id = mine.id});
  notifier->pass();
  std::vector<PostId> told;
  for (const auto& n : list_of(reader)) told.push_back(PostId{*n.post_id});
  EXPECT_EQ(told, (std::vector<PostId>{reply.id, asked.id})) << "the request and the reply only";
  EXPECT_EQ(list_of(other).size(), 1u) << "the others still hear of the important post";

  EXPECT_FALSE(board->set_muted(reader, group, false).muted);
  board->create_post(author, group, {.body = "再開のお知らせ", .important = true});
  notifier->pass();
  EXPECT_EQ(list_of(reader).size(), 3u);
  auto stranger = user_with_mail("stranger", "stranger@example.jp");
  EXPECT_THROW(board->set_muted(stranger, group, true), Error) << "members only";
}

TEST_F(NotifierTest, AMuteForAWhileEndsByItself) {
  auto me = board->set_muted(reader, group, true, 60);
  ASSERT_TRUE(me.muted_until);
  EXPECT_EQ(*me.muted_until, clock.now() + 3600);
  board->create_post(author, group, {.body = "会議室の変更", .important = true});
  notifier->pass();
  EXPECT_TRUE(list_of(reader).empty()) << "muted for the hour";
  clock.advance(3600);
  board->create_post(author, group, {.body = "資料を追加しました", .important = true});
  notifier->pass();
  EXPECT_EQ(list_of(reader).size(), 1u) << "the hour is over";
  auto after = storage->read(
      [&](storage::Transaction& tx) { return tx.boards().member(group, reader.user_id); });
  EXPECT_FALSE(after->muted);
  EXPECT_FALSE(after->muted_until);
  expect_invalid([&] { board->set_muted(reader, group, true, 0); });
  expect_invalid(
      [&] { board->set_muted(reader, group, true, board::BoardService::kMaxMuteMinutes + 1); });
  EXPECT_FALSE(board->set_muted(reader, group, false, 60).muted_until) << "unmuting has no end";
}

TEST_F(NotifierTest, AReminderReachesAMemberWhoMutedTheBoard) {
  board->set_muted(reader, group, true);
  auto asked = ask("ご確認ください");
  notifier->pass();
  ASSERT_EQ(list_of(reader).size(), 1u);
  EXPECT_EQ(list_of(reader)[0].kind, Kind::request);
  clock.advance(2 * kHour);
  board::InboxService inbox(*storage, clock);
  EXPECT_EQ(inbox.remind(author, asked.id), 1);
  notifier->pass();
  auto told = list_of(reader);
  ASSERT_EQ(told.size(), 1u) << "the same row, brought back";
  EXPECT_EQ(told[0].kind, Kind::reminder);
  EXPECT_EQ(*told[0].post_id, asked.id);
  EXPECT_EQ(told[0].created_at, clock.now());
}

TEST_F(NotifierTest, ANoticeReminderIsMailedAtOnceAndSaysNothingOfTheNotice) {
  notify::NoticeReminders reminders;
  notice::NoticeService notices(*storage, clock, nullptr, &reminders);
  auto n = notices.publish(
      admin, {.title = "年末年始の休診", .body = "12/29〜1/3は休診です", .ack_requested = true});
  notifier->pass();
  EXPECT_TRUE(mails_to("reader@example.jp").empty()) << "a plain notice waits for the digest";
  clock.advance(kHour);
  EXPECT_GE(notices.remind(admin, n.id), 3);
  EXPECT_GE(notifier->pass(), 3);
  auto mails = mails_to("reader@example.jp");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].body.find("催促 1件"), std::string::npos) << mails[0].body;
  for (const char* secret : {"休診", "12/29"}) {
    EXPECT_EQ(mails[0].body.find(secret), std::string::npos) << secret;
  }
  auto listed = list_of(reader);
  ASSERT_EQ(listed.size(), 1u) << "the notice's row, brought back as a reminder";
  EXPECT_EQ(listed[0].kind, Kind::reminder);
  EXPECT_EQ(listed[0].title, "年末年始の休診");
}

TEST_F(NotifierTest, ADayBeforeItClosesAPollRemindsThoseWhoHaveNotAnswered) {
  poll::PollService polls(*storage, clock);
  constexpr UnixSeconds kDay = 24 * kHour;
  auto spec = [&](UnixSeconds deadline) {
    return poll::PollSpec{.mode = poll::Mode::single,
                          .options = {"出席", "欠席"},
                          .deadline = clock.now() + deadline};
  };
  auto party = polls.create(author, group, "懇親会の出欠", spec(3 * kDay)).id;
  auto quick = polls.create(author, group, "急ぎの確認", spec(20 * kHour)).id;
  polls.answer(other, party, {{polls.view(other, party).poll.options[0].id, poll::Mark::yes}}, "");
  notifier->pass();
  auto row_of = [&](const access::Actor& a, PostId post) {
    for (const auto& n : list_of(a)) {
      if (n.post_id == post) return std::optional<Notification>(n);
    }
    return std::optional<Notification>();
  };
  auto kind_of = [&](const access::Actor& a, PostId post) {
    auto row = row_of(a, post);
    return row ? std::string(kind_code(row->kind)) : std::string("none");
  };
  EXPECT_EQ(kind_of(reader, party), "poll");
  EXPECT_EQ(kind_of(reader, quick), "poll") << "open less than a day: no reminder of its own";

  clock.advance(2 * kDay + kHour);  // 23 hours left
  notifier->pass();
  EXPECT_EQ(kind_of(reader, party), "reminder");
  EXPECT_EQ(kind_of(other, party), "poll") << "she has answered";
  EXPECT_EQ(kind_of(author, party), "none");
  EXPECT_EQ(kind_of(reader, quick), "poll");
  auto mails = mails_to("reader@example.jp");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_NE(mails[0].body.find("催促 1件"), std::string::npos) << mails[0].body;
  EXPECT_EQ(mails[0].body.find("懇親会"), std::string::npos);
  EXPECT_TRUE(polls.view(reader, party).poll.reminded_at) << "shown as 催促 in the inbox";

  const auto reminded_at = row_of(reader, party)->created_at;
  EXPECT_EQ(reminded_at, clock.now());
  clock.advance(kHour);
  notifier->pass();
  EXPECT_EQ(row_of(reader, party)->created_at, reminded_at) << "once";
  // A later deadline gets its own reminder the day before.
  polls.set_deadline(author, party, clock.now() + 2 * kDay);
  clock.advance(kDay + kHour);
  notifier->pass();
  EXPECT_EQ(row_of(reader, party)->created_at, clock.now());
}

TEST(QuietHours, WrapAroundMidnightAndEqualMeansNever) {
  Settings night{.quiet_start = 21, .quiet_end = 7};
  EXPECT_TRUE(night.quiet_at(21));
  EXPECT_TRUE(night.quiet_at(3));
  EXPECT_FALSE(night.quiet_at(7));
  EXPECT_FALSE(night.quiet_at(20));
  Settings lunch{.quiet_start = 12, .quiet_end = 13};
  EXPECT_TRUE(lunch.quiet_at(12));
  EXPECT_FALSE(lunch.quiet_at(13));
  EXPECT_FALSE((Settings{.quiet_start = 5, .quiet_end = 5}).quiet_at(5));
}

}  // namespace
}  // namespace musubi::notify
