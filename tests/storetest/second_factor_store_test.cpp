// One-time codes in storage: a TOTP secret is enrolled, confirmed, and each time step accepted
// once; recovery codes are used once each; all of it is per user.
#include <string>
#include <vector>

#include "auth/second_factor_store.hpp"
#include "backends.hpp"

namespace musubi::storetest {
namespace {

using auth::Id;

class SecondFactorStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      family = professional(tx, "family");
      other = professional(tx, "other");
    });
  }
  std::optional<auth::TotpSecret> totp(Id user) {
    return store->read([&](storage::Transaction& tx) { return tx.second_factor().totp(user); });
  }
  bool advance(Id user, std::int64_t step) {
    return store->write(
        [&](storage::Transaction& tx) { return tx.second_factor().advance_step(user, step); });
  }
  bool use_code(Id user, const std::string& hash, UnixSeconds now = 500) {
    return store->write([&](storage::Transaction& tx) {
      return tx.second_factor().use_recovery_code(user, hash, now);
    });
  }
  std::int64_t codes_left(Id user) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.second_factor().recovery_codes_left(user); });
  }

  // Raw bytes, as the secret is: zero bytes and high bytes survive.
  const std::string secret{"\x00\x01\xff\xfe secret\x80", 12};
  Id family = 0, other = 0;
};

TEST_P(SecondFactorStoreTest, EnrolmentStartsUnconfirmedAndIsConfirmedWithAFirstStep) {
  EXPECT_FALSE(totp(family));
  store->write([&](storage::Transaction& tx) { tx.second_factor().put_totp(family, secret, 100); });
  auto s = totp(family);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->user_id, family);
  EXPECT_EQ(s->secret, secret);
  EXPECT_EQ(s->created_at, 100);
  EXPECT_FALSE(s->confirmed_at);
  EXPECT_EQ(s->last_step, 0);
  store->write(
      [&](storage::Transaction& tx) { tx.second_factor().confirm_totp(family, 5'000'000, 130); });
  s = totp(family);
  EXPECT_EQ(s->confirmed_at, 130);
  EXPECT_EQ(s->last_step, 5'000'000);
  EXPECT_FALSE(totp(other));
}

TEST_P(SecondFactorStoreTest, EachTimeStepIsAcceptedOnceAndNeverAnEarlierOne) {
  store->write([&](storage::Transaction& tx) {
    tx.second_factor().put_totp(family, secret, 100);
    tx.second_factor().confirm_totp(family, 1000, 130);
  });
  EXPECT_FALSE(advance(family, 1000)) << "the step used to confirm";
  EXPECT_TRUE(advance(family, 1001));
  EXPECT_FALSE(advance(family, 1001)) << "a code replayed within its step";
  EXPECT_FALSE(advance(family, 999)) << "an older code";
  EXPECT_TRUE(advance(family, 1005));
  EXPECT_EQ(totp(family)->last_step, 1005);
  EXPECT_FALSE(advance(other, 1)) << "no secret, no step";
}

TEST_P(SecondFactorStoreTest, RestartingEnrolmentReplacesTheSecretAndItsProgress) {
  store->write([&](storage::Transaction& tx) {
    tx.second_factor().put_totp(family, "old", 100);
    tx.second_factor().confirm_totp(family, 1000, 130);
    tx.second_factor().put_totp(family, secret, 200);
  });
  auto s = totp(family);
  EXPECT_EQ(s->secret, secret);
  EXPECT_EQ(s->created_at, 200);
  EXPECT_FALSE(s->confirmed_at);
  EXPECT_EQ(s->last_step, 0);
}

TEST_P(SecondFactorStoreTest, RecoveryCodesAreUsedOnceEachAndOnlyByTheirUser) {
  store->write([&](storage::Transaction& tx) {
    tx.second_factor().replace_recovery_codes(family, {"h1", "h2", "h3"});
    tx.second_factor().replace_recovery_codes(other, {"o1"});
  });
  EXPECT_EQ(codes_left(family), 3);
  EXPECT_TRUE(use_code(family, "h2"));
  EXPECT_FALSE(use_code(family, "h2")) << "used already";
  EXPECT_FALSE(use_code(family, "o1")) << "another user's code";
  EXPECT_FALSE(use_code(family, "H1"));
  EXPECT_FALSE(use_code(family, "h%"));
  EXPECT_EQ(codes_left(family), 2);
  EXPECT_EQ(codes_left(other), 1);
}

TEST_P(SecondFactorStoreTest, NewRecoveryCodesReplaceAllTheOldOnes) {
  store->write([&](storage::Transaction& tx) {
    tx.second_factor().replace_recovery_codes(family, {"a", "b"});
  });
  ASSERT_TRUE(use_code(family, "a"));
  store->write([&](storage::Transaction& tx) {
    tx.second_factor().replace_recovery_codes(family, {"c", "d", "e"});
  });
  EXPECT_EQ(codes_left(family), 3);
  EXPECT_FALSE(use_code(family, "b")) << "an old code stops working";
  EXPECT_TRUE(use_code(family, "e"));
  EXPECT_EQ(codes_left(family), 2);
}

TEST_P(SecondFactorStoreTest, RemovingTakesTheSecretAndTheCodesOfThatUserOnly) {
  store->write([&](storage::Transaction& tx) {
    tx.second_factor().put_totp(family, secret, 100);
    tx.second_factor().replace_recovery_codes(family, {"a", "b"});
    tx.second_factor().put_totp(other, "theirs", 100);
    tx.second_factor().replace_recovery_codes(other, {"x"});
  });
  store->write([&](storage::Transaction& tx) { tx.second_factor().remove(family); });
  EXPECT_FALSE(totp(family));
  EXPECT_EQ(codes_left(family), 0);
  EXPECT_FALSE(use_code(family, "a"));
  EXPECT_EQ(totp(other)->secret, "theirs");
  EXPECT_EQ(codes_left(other), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SecondFactorStoreTest, ::testing::ValuesIn(backends()),
                         backend_name);

}  // namespace
}  // namespace musubi::storetest
