#include "auth/invitation_service.hpp"

#include "auth/device_service.hpp"
#include "core/error.hpp"
#include "fixture/test_region.hpp"
#include "mail/outbox_store.hpp"
#include "storage/storage.hpp"

namespace musubi::auth {
namespace {

class InvitationServiceTest : public musubi::testing::TestRegion {
 protected:
  void SetUp() override {
    TestRegion::SetUp();
    devices = std::make_unique<DeviceService>(*storage, clock,
                                              Config::Pki{.ca_key_passphrase = "unit passphrase"});
    Config::Mail mail;
    mail.smtp_url = "smtp://127.0.0.1:9";  // never reached: the queue is read, not sent
    mail.from = "musubi@example.jp";
    invitations = std::make_unique<InvitationService>(*storage, clock, *devices, mail,
                                                      "https://musubi.example.jp");
  }

  region::Id user_with_mail(const std::string& login,
                            std::vector<std::string> roles = {"professional"}) {
    auto actor = add_user(login, std::move(roles));
    auto user = regions->user(admin, actor.user_id);
    region::UserInput in;
    in.name = user.name;
    in.name_kana = user.name_kana;
    in.facility_id = user.facility_id;
    in.email = login + "@example.jp";
    for (auto r : user.roles.list()) in.roles.emplace_back(access::role_code(r));
    regions->update_user(admin, actor.user_id, in);
    return actor.user_id;
  }

  // The token from the queued mail's link, as the user would follow it.
  std::string token_of_last_mail() {
    auto due =
        storage->read([&](storage::Transaction& tx) { return tx.outbox().due(clock.now(), 100); });
    EXPECT_FALSE(due.empty());
    const auto& body = due.back().body;
    auto at = body.find("/invitation#");
    EXPECT_NE(at, std::string::npos);
    return body.substr(at + 12, body.find('\n', at) - at - 12);
  }

  ErrorCode error_of(const std::function<void()>& f) {
    try {
      f();
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::internal;
  }

  std::unique_ptr<DeviceService> devices;
  std::unique_ptr<InvitationService> invitations;
  Origin origin{.ip = "192.0.2.20", .user_agent = "unit", .request_id = "r2"};
};

TEST_F(InvitationServiceTest, ALinkWorksOnceWithinSeventyTwoHours) {
  auto id = user_with_mail("nurse1");
  invitations->invite(admin, id, "訪問用iPad");
  auto token = token_of_last_mail();
  EXPECT_EQ(token.size(), 43u);
  clock.advance(kInvitationSeconds - 1);
  EXPECT_EQ(invitations->look(token, origin).login_id, "nurse1");
  clock.advance(1);  // exactly 72 hours later
  EXPECT_EQ(error_of([&] { invitations->look(token, origin); }), ErrorCode::not_found);
  EXPECT_EQ(error_of([&] { invitations->accept(token, "Password-2026", "", origin); }),
            ErrorCode::not_found);

  invitations->invite(admin, id, "");
  auto fresh = token_of_last_mail();
  auto accepted = invitations->accept(fresh, "Password-2026", "", origin);
  EXPECT_FALSE(accepted.download_token.empty());
  EXPECT_EQ(error_of([&] { invitations->accept(fresh, "Password-2026", "", origin); }),
            ErrorCode::not_found);
  auto list = invitations->of_user(admin, id);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_TRUE(list[0].used_at);
  EXPECT_FALSE(list[1].used_at);
}

TEST_F(InvitationServiceTest, AWeakPasswordChangesNothingAndTheLinkStaysUsable) {
  auto id = user_with_mail("nurse2");
  invitations->invite(admin, id, "");
  auto token = token_of_last_mail();
  EXPECT_EQ(error_of([&] { invitations->accept(token, "short", "", origin); }),
            ErrorCode::invalid_input);
  auto held = storage->read([&](storage::Transaction& tx) { return tx.devices().of_user(id); });
  EXPECT_TRUE(held.empty());
  EXPECT_NO_THROW(invitations->accept(token, "Longer-password-2026", "", origin));
}

TEST_F(InvitationServiceTest, TheRegionsDeviceLimitStopsInvitationsAndIssuing) {
  regions->update_device_policy(admin, 1, 0, access::RoleSet{access::Role::family});
  auto id = user_with_mail("nurse3");
  devices->issue(admin, id, "診療所のPC");
  EXPECT_EQ(error_of([&] { invitations->invite(admin, id, ""); }), ErrorCode::conflict);
  EXPECT_EQ(error_of([&] { devices->issue(admin, id, "2台目"); }), ErrorCode::conflict);
  auto first = devices->devices_of(admin, id).front();
  devices->revoke(admin, first.id);
  EXPECT_NO_THROW(devices->issue(admin, id, "2台目"));
}

TEST_F(InvitationServiceTest, WithoutMailConfiguredInvitationsAreRefusedWithAReason) {
  InvitationService no_mail(*storage, clock, *devices, Config::Mail{}, "https://musubi.example.jp");
  auto id = user_with_mail("nurse4");
  try {
    no_mail.invite(admin, id, "");
    ADD_FAILURE() << "sent without a relay";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
    EXPECT_NE(e.message().find("mail.smtp_url"), std::string::npos);
  }
}

}  // namespace
}  // namespace musubi::auth
