// The live hub with real storage and the real board service: who receives which event, replay
// after a gap exactly once and in order, and a connection that refuses messages is dropped.
#include "live/hub.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <mutex>
#include <thread>

#include "auth/auth_service.hpp"
#include "board/board_service.hpp"
#include "fixture/test_region.hpp"
#include "person/person_service.hpp"
#include "storage/storage.hpp"

namespace musubi::live {
namespace {

using nlohmann::json;

class FakeSink final : public Sink {
 public:
  bool send(std::string message) override {
    std::lock_guard lock(mutex_);
    messages_.push_back(json::parse(message));
    return accept_;
  }
  void close() override { closed_ = true; }
  std::vector<json> messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  std::vector<std::int64_t> post_ids(const char* kind = "post.created") {
    std::vector<std::int64_t> ids;
    for (const auto& m : messages()) {
      if (m["type"] == "event" && m["kind"] == kind)
        ids.push_back(m["post_id"].get<std::int64_t>());
    }
    return ids;
  }
  bool accept_ = true;
  std::atomic<bool> closed_{false};

 private:
  std::mutex mutex_;
  std::vector<json> messages_;
};

// Waits (briefly) for the hub's thread.
template <class F>
bool eventually(F&& done) {
  for (int i = 0; i < 200 && !done(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return done();
}

class HubTest : public musubi::testing::TestRegion {
 protected:
  void SetUp() override {
    TestRegion::SetUp();
    auth = std::make_unique<auth::AuthService>(*storage, clock, Config::Session{}, Config::Login{});
    hub = std::make_unique<Hub>(*storage, *auth, clock);
    board = std::make_unique<board::BoardService>(*storage, clock, hub.get());
    nurse = add_user("nurse");
    doctor = add_user("doctor");
    outsider = add_user("outsider");
    person::PersonService persons(*storage, clock);
    auto p = persons.create(admin, {.name = "山田 花子",
                                    .name_kana = "やまだ はなこ",
                                    .birth_date = "1940-04-01",
                                    .sex = "female"});
    team = board->create_team(admin, PersonId{p.id}, nurse.user_id, "visiting_nurse").board.id;
    board->put_member(nurse, team, doctor.user_id, "primary_doctor", false);
  }
  std::shared_ptr<FakeSink> connect(const access::Actor& who, std::optional<std::int64_t> after,
                                    std::vector<std::shared_ptr<void>>& handles) {
    auto sink = std::make_shared<FakeSink>();
    handles.push_back(hub->subscribe(who, 0, after, sink));
    EXPECT_TRUE(eventually([&] {
      for (const auto& m : sink->messages()) {
        if (m["type"] == "hello" || m["type"] == "resync") return true;
      }
      return false;
    }));
    return sink;
  }
  PostId post(const access::Actor& who, const std::string& body,
              std::vector<UserId> restricted_to = {}) {
    return board->create_post(who, team, {.body = body, .restricted_to = restricted_to}).id;
  }

  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<Hub> hub;
  std::unique_ptr<board::BoardService> board;
  access::Actor nurse, doctor, outsider;
  BoardId team;
};

TEST_F(HubTest, MembersReceiveWhatTheyMaySeeAndNoOneElseDoes) {
  std::vector<std::shared_ptr<void>> handles;
  auto doctor_sink = connect(doctor, std::nullopt, handles);
  auto outsider_sink = connect(outsider, std::nullopt, handles);
  auto open = post(nurse, "訪問しました");
  auto secret = post(nurse, "特別便", {nurse.user_id});
  auto marker = post(nurse, "区切り");
  ASSERT_TRUE(eventually([&] { return doctor_sink->post_ids().size() == 2; }));
  EXPECT_EQ(doctor_sink->post_ids(), (std::vector<std::int64_t>{open, marker}));
  EXPECT_NE(secret, 0);
  EXPECT_TRUE(outsider_sink->post_ids().empty());
}

TEST_F(HubTest, AReconnectingClientGetsWhatItMissedOnceAndInOrder) {
  std::vector<std::shared_ptr<void>> handles;
  auto first = connect(doctor, std::nullopt, handles);
  const auto seen = first->messages().back()["seq"].get<std::int64_t>();
  handles.clear();  // the connection drops
  std::vector<std::int64_t> made;
  for (int i = 0; i < 20; ++i) made.push_back(post(nurse, "不在中 " + std::to_string(i)));
  auto again = connect(doctor, seen, handles);
  EXPECT_EQ(again->post_ids(), made);
  auto next = post(nurse, "その後");
  made.push_back(next);
  ASSERT_TRUE(eventually([&] { return again->post_ids().size() == made.size(); }));
  EXPECT_EQ(again->post_ids(), made);
}

TEST_F(HubTest, TooMuchMissedAsksForAReloadInstead) {
  std::vector<std::shared_ptr<void>> handles;
  auto first = connect(doctor, std::nullopt, handles);
  const auto seen = first->messages().back()["seq"].get<std::int64_t>();
  handles.clear();
  for (int i = 0; i <= Hub::kMaxReplay; ++i) post(nurse, "多数");
  auto again = connect(doctor, seen, handles);
  EXPECT_EQ(again->messages().back()["type"], "resync");
  EXPECT_TRUE(again->post_ids().empty());
}

TEST_F(HubTest, MissedEventsThatWerePrunedAskForAReloadInstead) {
  std::vector<std::shared_ptr<void>> handles;
  auto first = connect(doctor, std::nullopt, handles);
  const auto seen = first->messages().back()["seq"].get<std::int64_t>();
  handles.clear();
  post(nurse, "古い");
  post(nurse, "新しい");
  storage->write([&](storage::Transaction& tx) { tx.events().prune_before(clock.now() + 1); });
  auto again = connect(doctor, seen, handles);
  EXPECT_EQ(again->messages().back()["type"], "resync");
  EXPECT_TRUE(again->post_ids().empty());
}

TEST_F(HubTest, AConnectionThatRefusesMessagesIsDroppedAndOthersGoOn) {
  std::vector<std::shared_ptr<void>> handles;
  auto full = connect(doctor, std::nullopt, handles);
  auto fine = connect(nurse, std::nullopt, handles);
  full->accept_ = false;
  post(nurse, "一つ目");
  post(nurse, "二つ目");
  ASSERT_TRUE(eventually([&] { return fine->post_ids().size() == 2; }));
  EXPECT_EQ(full->post_ids().size(), 1u);  // refused the first, never offered the second
}

}  // namespace
}  // namespace musubi::live
