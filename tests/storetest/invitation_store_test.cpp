// Invitations in storage: a link is used once, never after it expired or was replaced by a newer
// one, and shows what became of the mail that carried it.
#include <map>
#include <string>
#include <vector>

#include "auth/device_store.hpp"
#include "auth/invitation_store.hpp"
#include "backends.hpp"
#include "mail/outbox_store.hpp"

namespace musubi::storetest {
namespace {

using auth::Id;
using auth::Invitation;

class InvitationStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      admin = professional(tx, "admin");
      doctor = professional(tx, "doctor");
      nurse = professional(tx, "nurse");
    });
  }

  Id invite(Id user, const std::string& token_hash, UnixSeconds created_at = 100,
            UnixSeconds expires_at = 1000) {
    Invitation i{.region_id = region_a,
                 .user_id = user,
                 .sets_password = true,
                 .device_name = "自宅のタブレット",
                 .created_by = admin,
                 .created_at = created_at,
                 .expires_at = expires_at};
    return store->write(
        [&](storage::Transaction& tx) { return tx.invitations().insert(i, token_hash); });
  }
  std::optional<Invitation> by_token(const std::string& token_hash) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.invitations().find_by_token(token_hash); });
  }
  bool use(Id id, UnixSeconds now, std::optional<Id> device = std::nullopt) {
    return store->write(
        [&](storage::Transaction& tx) { return tx.invitations().use(id, device, now); });
  }
  std::vector<Id> ids_of(Id user) {
    std::vector<Id> out;
    for (const auto& i :
         store->read([&](storage::Transaction& tx) { return tx.invitations().of_user(user); })) {
      out.push_back(i.id);
    }
    return out;
  }

  Id admin = 0, doctor = 0, nurse = 0;
};

TEST_P(InvitationStoreTest, AnInvitationIsFoundByItsTokenOnly) {
  Invitation i{.region_id = region_a,
               .user_id = doctor,
               .sets_password = false,
               .second_factor = auth::SecondFactor::totp,
               .device_name = "O'Brien の \"PC\"; --",
               .created_at = 100,
               .expires_at = 1000};
  auto id =
      store->write([&](storage::Transaction& tx) { return tx.invitations().insert(i, "token-1"); });
  auto found = by_token("token-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id);
  EXPECT_EQ(found->region_id, region_a);
  EXPECT_EQ(found->user_id, doctor);
  EXPECT_FALSE(found->sets_password);
  EXPECT_EQ(found->second_factor, auth::SecondFactor::totp);
  EXPECT_EQ(found->device_name, i.device_name);
  EXPECT_FALSE(found->created_by) << "made on the command line";
  EXPECT_EQ(found->created_at, 100);
  EXPECT_EQ(found->expires_at, 1000);
  EXPECT_FALSE(found->used_at);
  EXPECT_FALSE(found->cancelled_at);
  EXPECT_FALSE(found->device_id);
  EXPECT_FALSE(found->mail_id);
  EXPECT_EQ(found->mail_status, "");
  EXPECT_FALSE(by_token("TOKEN-1"));
  EXPECT_FALSE(by_token("token-"));
  EXPECT_FALSE(by_token("%"));
}

TEST_P(InvitationStoreTest, TokensAreUnique) {
  invite(doctor, "same");
  EXPECT_ANY_THROW(invite(nurse, "same"));
  EXPECT_EQ(by_token("same")->user_id, doctor);
}

TEST_P(InvitationStoreTest, AnInvitationIsUsedOnceAndRemembersTheDevice) {
  auto id = invite(doctor, "t");
  auto device = store->write([&](storage::Transaction& tx) {
    return tx.devices().insert({.user_id = doctor,
                                .name = "タブレット",
                                .serial = "01",
                                .fingerprint = "f",
                                .issued_at = 200,
                                .expires_at = 9000},
                               admin, "", 0, "");
  });
  EXPECT_TRUE(use(id, 200, device));
  EXPECT_FALSE(use(id, 201)) << "another request used it first";
  auto found = by_token("t");
  EXPECT_EQ(found->used_at, 200);
  EXPECT_EQ(found->device_id, device);
}

TEST_P(InvitationStoreTest, AnExpiredInvitationIsFoundButCannotBeUsed) {
  auto id = invite(doctor, "t", 100, 500);
  EXPECT_FALSE(use(id, 500)) << "expired at 500";
  EXPECT_FALSE(use(id, 900));
  auto found = by_token("t");
  ASSERT_TRUE(found) << "the service tells an expired link from an unknown one";
  EXPECT_EQ(found->expires_at, 500);
  EXPECT_FALSE(found->used_at);
  EXPECT_TRUE(use(id, 499));
}

TEST_P(InvitationStoreTest, ANewLinkCancelsTheUsersOpenOnesOnly) {
  auto used = invite(doctor, "used");
  invite(doctor, "expired", 100, 300);
  auto open1 = invite(doctor, "open1");
  auto open2 = invite(doctor, "open2");
  auto nurses = invite(nurse, "nurses");
  ASSERT_TRUE(use(used, 200));
  auto cancelled = store->write(
      [&](storage::Transaction& tx) { return tx.invitations().cancel_open(doctor, 400); });
  EXPECT_EQ(cancelled, 2);
  EXPECT_EQ(by_token("open1")->cancelled_at, 400);
  EXPECT_EQ(by_token("open2")->cancelled_at, 400);
  EXPECT_FALSE(by_token("used")->cancelled_at);
  EXPECT_FALSE(by_token("expired")->cancelled_at);
  EXPECT_FALSE(use(open1, 401)) << "a cancelled link is refused";
  EXPECT_FALSE(use(open2, 401));
  EXPECT_TRUE(use(nurses, 401)) << "another user's link is untouched";
  EXPECT_EQ(store->write([&](storage::Transaction& tx) {
    return tx.invitations().cancel_open(doctor, 500);
  }),
            0);
}

TEST_P(InvitationStoreTest, AUsersInvitationsAreListedNewestFirstUpToTwenty) {
  std::vector<Id> made;
  for (int i = 0; i < 23; ++i) made.push_back(invite(doctor, "t" + std::to_string(i)));
  invite(nurse, "nurse");
  std::vector<Id> want(made.rbegin(), made.rbegin() + 20);
  EXPECT_EQ(ids_of(doctor), want);
  EXPECT_EQ(ids_of(admin), std::vector<Id>{});
}

TEST_P(InvitationStoreTest, TheListShowsWhatBecameOfTheMail) {
  auto queue = [&](const std::string& to) {
    return store->write([&](storage::Transaction& tx) {
      return tx.outbox().enqueue({.region_id = region_a,
                                  .recipient = to,
                                  .subject = "招待",
                                  .body = "link",
                                  .kind = "invitation"},
                                 100);
    });
  };
  auto queued = invite(doctor, "q");
  auto sent = invite(doctor, "s");
  auto bounced = invite(doctor, "b");
  auto retrying = invite(doctor, "r");
  auto mail_q = queue("q@example.jp");
  auto mail_s = queue("s@example.jp");
  auto mail_b = queue("b@example.jp");
  auto mail_r = queue("r@example.jp");
  store->write([&](storage::Transaction& tx) {
    tx.invitations().set_mail(queued, mail_q);
    tx.invitations().set_mail(sent, mail_s);
    tx.invitations().set_mail(bounced, mail_b);
    tx.invitations().set_mail(retrying, mail_r);
    tx.outbox().mark_sent(mail_s, 110);
    tx.outbox().mark_sent(mail_b, 110);
    EXPECT_TRUE(tx.outbox().mark_bounced(mail_b, "550 no such user", 120));
    tx.outbox().mark_failed_attempt(mail_r, "421 try later", 110, 200);
  });
  auto list =
      store->read([&](storage::Transaction& tx) { return tx.invitations().of_user(doctor); });
  ASSERT_EQ(list.size(), 4u);
  std::map<Id, std::pair<std::string, std::string>> got;
  for (const auto& i : list) got[i.id] = {i.mail_status, i.mail_error};
  EXPECT_EQ(got[queued], std::make_pair(std::string("queued"), std::string("")));
  EXPECT_EQ(got[sent], std::make_pair(std::string("sent"), std::string("")));
  EXPECT_EQ(got[bounced], std::make_pair(std::string("failed"), std::string("550 no such user")))
      << "a bounce after sending makes it failed";
  EXPECT_EQ(got[retrying], std::make_pair(std::string("queued"), std::string("421 try later")));
  EXPECT_EQ(by_token("s")->mail_id, mail_s);
}

INSTANTIATE_TEST_SUITE_P(Backends, InvitationStoreTest, ::testing::ValuesIn(backends()),
                         backend_name);

}  // namespace
}  // namespace musubi::storetest
