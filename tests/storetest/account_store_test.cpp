// Users, credentials and sessions: what signing in relies on.
#include <set>

#include "auth/auth_store.hpp"
#include "backends.hpp"
#include "core/text.hpp"

namespace musubi::storetest {
namespace {

class AccountStoreTest : public StoreTest {
 protected:
  std::int64_t add_user(std::int64_t region, const std::string& login,
                        const std::string& kana = "りよう") {
    region::UserPatch u{
        .name = "利用 " + login, .name_kana = kana, .roles = {access::Role::professional}};
    return store->write([&](storage::Transaction& tx) {
      return tx.users().insert(region, login, u, "hash-" + login, true, 10);
    });
  }
  std::int64_t open_session(std::int64_t user, const std::string& token_hash) {
    auth::Session s{.user_id = user,
                    .csrf_token = "c",
                    .created_at = 10,
                    .last_seen_at = 10,
                    .expires_at = 1000};
    return store->write(
        [&](storage::Transaction& tx) { return tx.sessions().insert(token_hash, s); });
  }
  std::optional<auth::Session> find_session(const std::string& token_hash) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.sessions().find_open(token_hash); });
  }
};

TEST_P(AccountStoreTest, LoginIdsAreUniqueAcrossRegions) {
  add_user(region_a, "sato");
  EXPECT_TRUE(
      store->read([](storage::Transaction& tx) { return tx.users().login_id_exists("sato"); }));
  EXPECT_ANY_THROW(add_user(region_b, "sato"));
  EXPECT_FALSE(
      store->read([](storage::Transaction& tx) { return tx.users().login_id_exists("kato"); }));
}

TEST_P(AccountStoreTest, CredentialsRecordFailuresAndSuccess) {
  auto id = add_user(region_a, "suzuki");
  auto c = store->read(
      [](storage::Transaction& tx) { return tx.credentials().find_by_login("suzuki"); });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->password_hash, "hash-suzuki");
  EXPECT_TRUE(c->must_change_password);
  EXPECT_FALSE(c->last_login_at);
  store->write([&](storage::Transaction& tx) { tx.credentials().record_failure(id, 3, 500); });
  c = store->read([&](storage::Transaction& tx) { return tx.credentials().find_by_user(id); });
  EXPECT_EQ(c->failed_logins, 3);
  EXPECT_EQ(c->locked_until, 500);
  store->write(
      [&](storage::Transaction& tx) { tx.credentials().record_success(id, 600, "192.0.2.1"); });
  c = store->read([&](storage::Transaction& tx) { return tx.credentials().find_by_user(id); });
  EXPECT_EQ(c->failed_logins, 0);
  EXPECT_EQ(c->locked_until, 0);
  EXPECT_EQ(c->last_login_at, 600);
  EXPECT_EQ(c->last_login_ip, "192.0.2.1");
}

TEST_P(AccountStoreTest, EndedSessionsAreNotFoundAndEndAllCanSpareOne) {
  auto user = add_user(region_a, "takahashi");
  auto other = add_user(region_a, "tanaka");
  auto s1 = open_session(user, "h1");
  open_session(user, "h2");
  open_session(other, "h3");
  EXPECT_TRUE(find_session("h1"));
  store->write([&](storage::Transaction& tx) { tx.sessions().touch(s1, 50); });
  EXPECT_EQ(find_session("h1")->last_seen_at, 50);
  auto ended = store->write([&](storage::Transaction& tx) {
    return tx.sessions().end_all_for_user(user, 60, "test", s1);
  });
  EXPECT_EQ(ended, 1);
  EXPECT_TRUE(find_session("h1"));
  EXPECT_FALSE(find_session("h2"));
  EXPECT_TRUE(find_session("h3"));
  store->write([&](storage::Transaction& tx) { tx.sessions().end(s1, 70, "logout"); });
  EXPECT_FALSE(find_session("h1"));
  EXPECT_TRUE(
      store->read([&](storage::Transaction& tx) { return tx.sessions().open_for_user(user); })
          .empty());
}

TEST_P(AccountStoreTest, UserPagesVisitEveryoneOnceAndSearchByKanaOrLogin) {
  for (int i = 0; i < 70; ++i)
    add_user(region_a, "user" + std::to_string(i), i % 2 ? "さとう" : "かとう");
  add_user(region_b, "elsewhere", "さとう");
  std::set<std::int64_t> seen;
  region::UserQuery q{.limit = 30};
  do {
    auto page = store->read([&](storage::Transaction& tx) { return tx.users().list(region_a, q); });
    for (const auto& u : page.users) EXPECT_TRUE(seen.insert(u.id).second);
    q.after = page.next_cursor;
  } while (q.after);
  EXPECT_EQ(seen.size(), 70u);
  auto satos = store->read([](storage::Transaction& tx) {
    return tx.users().list(1, {.search_key = text::search_key("サトー"), .limit = 100});
  });
  EXPECT_EQ(satos.users.size(), 35u);
  auto by_login = store->read(
      [](storage::Transaction& tx) { return tx.users().list(1, {.search_key = "user69"}); });
  ASSERT_EQ(by_login.users.size(), 1u);
  EXPECT_EQ(by_login.users[0].login_id, "user69");
}

TEST_P(AccountStoreTest, FailedWriteLeavesNothingBehind) {
  EXPECT_ANY_THROW(store->write([&](storage::Transaction& tx) {
    region::UserPatch u{.name = "途中", .roles = {access::Role::professional}};
    tx.users().insert(region_a, "halfway", u, "h", false, 1);
    throw std::runtime_error("crash in the middle");
  }));
  EXPECT_FALSE(
      store->read([](storage::Transaction& tx) { return tx.users().login_id_exists("halfway"); }));
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
