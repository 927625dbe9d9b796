#include "auth/auth_service.hpp"
#include "auth/device_service.hpp"
#include "auth/second_factor_store.hpp"
#include "auth/totp.hpp"
#include "core/crypto.hpp"

#include <algorithm>

#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "fixture/test_region.hpp"
#include "storage/storage.hpp"

namespace musubi::auth {
namespace {

using musubi::testing::kAdminPassword;

class AuthServiceTest : public musubi::testing::TestRegion {
 protected:
  void SetUp() override {
    TestRegion::SetUp();
    session_policy.idle_timeout_seconds = 30 * 60;
    session_policy.absolute_timeout_seconds = 12 * 60 * 60;
    login_policy.failures_before_delay = 3;
    login_policy.failures_before_lock = 5;
    login_policy.lock_seconds = 15 * 60;
    auth = std::make_unique<AuthService>(*storage, clock, session_policy, login_policy);
  }

  ErrorCode login_error(const std::string& password) {
    try {
      auth->login("admin", password, origin);
    } catch (const Error& e) {
      return e.code();
    }
    ADD_FAILURE() << "login with '" << password << "' succeeded";
    return ErrorCode::internal;
  }

  std::vector<audit::Entry> audit_entries(const std::string& action_prefix) {
    return storage->read([&](storage::Transaction& tx) {
      return tx.audit().search(
          {.region_id = region.id, .action_prefix = action_prefix, .limit = 1000});
    });
  }

  Config::Session session_policy;
  Config::Login login_policy;
  std::unique_ptr<AuthService> auth;
  Origin origin{.ip = "192.0.2.10", .user_agent = "unit", .request_id = "r1"};
};

TEST_F(AuthServiceTest, LoginOpensASessionThatResolves) {
  auto result = auth->login("admin", kAdminPassword, origin);
  EXPECT_EQ(result.session_token.size(), 43u);  // 32 random bytes, base64url
  auto resolved = auth->resolve(result.session_token, origin);
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->actor.login_id, "admin");
  EXPECT_TRUE(resolved->actor.has(access::Role::region_admin));
  EXPECT_FALSE(auth->resolve(result.session_token + "x", origin));
  EXPECT_FALSE(auth->resolve("", origin));
}

TEST_F(AuthServiceTest, SecondLoginShowsWhenAndWhereTheLastOneWas) {
  auto first = auth->login("admin", kAdminPassword, origin);
  EXPECT_FALSE(first.previous_login_at);
  clock.advance(3600);
  auto second = auth->login("admin", kAdminPassword, {.ip = "198.51.100.7"});
  ASSERT_TRUE(second.previous_login_at);
  EXPECT_EQ(*second.previous_login_at, clock.now() - 3600);
  EXPECT_EQ(second.previous_login_ip, "192.0.2.10");
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownIdGiveTheSameAnswerAndAreAudited) {
  EXPECT_EQ(login_error("wrong-password-1"), ErrorCode::unauthenticated);
  try {
    auth->login("nobody", "whatever-1234", origin);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::unauthenticated);
  }
  auto failures = audit_entries("login");
  ASSERT_GE(failures.size(), 1u);
  EXPECT_EQ(failures.front().outcome, "failure");
  EXPECT_EQ(failures.front().ip, "192.0.2.10");
}

TEST_F(AuthServiceTest, RepeatedFailuresDelayThenLockUntilTheLockExpires) {
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(login_error("wrong-password-1"), ErrorCode::unauthenticated);
  // The third failure started a delay: even the right password must wait.
  EXPECT_EQ(login_error(kAdminPassword), ErrorCode::too_many_requests);
  clock.advance(2);
  EXPECT_EQ(login_error("wrong-password-1"), ErrorCode::unauthenticated);
  clock.advance(3);
  EXPECT_EQ(login_error("wrong-password-1"), ErrorCode::unauthenticated);  // fifth: locked now
  EXPECT_EQ(login_error(kAdminPassword), ErrorCode::locked);
  clock.advance(14 * 60);
  EXPECT_EQ(login_error(kAdminPassword), ErrorCode::locked);
  clock.advance(60);
  EXPECT_NO_THROW(auth->login("admin", kAdminPassword, origin));
  // Success resets the count: one new failure does not lock again.
  EXPECT_EQ(login_error("wrong-password-1"), ErrorCode::unauthenticated);
  EXPECT_NO_THROW(auth->login("admin", kAdminPassword, origin));
}

TEST_F(AuthServiceTest, AnUnknownLoginIdIsDelayedAndLockedExactlyLikeAnAccount) {
  // The same tries at the same moments: wrong passwords, waits, and the lock's end.
  auto tries = [&](const std::string& login_id) {
    std::vector<ErrorCode> answers;
    auto attempt = [&] {
      try {
        auth->login(login_id, "wrong-password-1", origin);
        answers.push_back(ErrorCode::internal);
      } catch (const Error& e) {
        answers.push_back(e.code());
      }
    };
    for (int i = 0; i < 4; ++i) attempt();
    clock.advance(2);
    attempt();
    clock.advance(3);
    attempt();
    attempt();
    clock.advance(15 * 60 + 1);
    attempt();
    clock.advance(3600);
    return answers;
  };
  auto account = tries("admin");
  auto unknown = tries("nobody.at.all");
  EXPECT_EQ(account,
            (std::vector<ErrorCode>{ErrorCode::unauthenticated, ErrorCode::unauthenticated,
                                    ErrorCode::unauthenticated, ErrorCode::too_many_requests,
                                    ErrorCode::unauthenticated, ErrorCode::unauthenticated,
                                    ErrorCode::locked, ErrorCode::unauthenticated}));
  EXPECT_EQ(unknown, account);
}

TEST_F(AuthServiceTest, OneClientSprayingManyLoginIdsIsStoppedThenLetInAfterTheWindow) {
  login_policy.client_failures = 4;
  login_policy.client_window_seconds = 600;
  auth = std::make_unique<AuthService>(*storage, clock, session_policy, login_policy);
  auto attempt = [&](const std::string& login_id, const std::string& password, const Origin& from) {
    try {
      auth->login(login_id, password, from);
      return ErrorCode::internal;  // logged in
    } catch (const Error& e) {
      return e.code();
    }
  };
  // One password over four IDs, none of which fails twice: no per-ID delay ever starts.
  for (const auto* id : {"nobody.1", "nobody.2", "admin", "nobody.3"}) {
    EXPECT_EQ(attempt(id, "Spring2026", origin), ErrorCode::unauthenticated) << id;
  }
  // The fifth try from that client is refused even with the right password of a real account.
  EXPECT_EQ(attempt("admin", kAdminPassword, origin), ErrorCode::too_many_requests);
  EXPECT_EQ(attempt("nobody.4", "Spring2026", origin), ErrorCode::too_many_requests);
  auto denied = audit_entries("login");
  ASSERT_FALSE(denied.empty());
  EXPECT_EQ(denied.front().outcome, "denied");
  EXPECT_EQ(denied.front().detail, "too many failed logins from this client");
  // Another address, and a device certificate behind the same address, are other clients.
  EXPECT_EQ(attempt("admin", kAdminPassword, {.ip = "198.51.100.7"}), ErrorCode::internal);
  Origin device_origin = origin;
  device_origin.device_id = 12345;
  EXPECT_EQ(attempt("nobody.5", "Spring2026", device_origin), ErrorCode::unauthenticated);
  // The window's end lets the first client in again.
  clock.advance(600);
  EXPECT_EQ(attempt("admin", kAdminPassword, origin), ErrorCode::internal);
}

TEST_F(AuthServiceTest, IdleSessionExpiresAndActiveOneStaysOpen) {
  auto token = auth->login("admin", kAdminPassword, origin).session_token;
  for (int i = 0; i < 10; ++i) {  // 10 × 20 min of activity: longer than one idle timeout
    clock.advance(20 * 60);
    ASSERT_TRUE(auth->resolve(token, origin)) << "after " << (i + 1) * 20 << " min of activity";
  }
  clock.advance(30 * 60);
  EXPECT_FALSE(auth->resolve(token, origin));
  clock.advance(-30 * 60);  // going back does not revive an ended session
  EXPECT_FALSE(auth->resolve(token, origin));
}

TEST_F(AuthServiceTest, AbsoluteTimeoutEndsEvenAnActiveSession) {
  auto token = auth->login("admin", kAdminPassword, origin).session_token;
  for (int i = 0; i < 47; ++i) {
    clock.advance(15 * 60);
    ASSERT_TRUE(auth->resolve(token, origin));
  }
  clock.advance(15 * 60);  // 12 hours after login
  EXPECT_FALSE(auth->resolve(token, origin));
}

TEST_F(AuthServiceTest, LogoutEverywhereEndsEverySession) {
  auto a = auth->login("admin", kAdminPassword, origin).session_token;
  auto b = auth->login("admin", kAdminPassword, origin).session_token;
  auto actor = auth->resolve(a, origin)->actor;
  EXPECT_EQ(auth->open_sessions(actor).size(), 2u);
  EXPECT_EQ(auth->logout_everywhere(actor), 2);
  EXPECT_FALSE(auth->resolve(a, origin));
  EXPECT_FALSE(auth->resolve(b, origin));
}

TEST_F(AuthServiceTest, PasswordChangeKeepsThisSessionAndEndsTheOthers) {
  auto here = auth->login("admin", kAdminPassword, origin).session_token;
  auto elsewhere = auth->login("admin", kAdminPassword, origin).session_token;
  auto actor = auth->resolve(here, origin)->actor;
  try {
    auth->change_password(actor, "not-the-password1", "a-new-password-2027");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_input);
  }
  EXPECT_THROW(auth->change_password(actor, kAdminPassword, "short1"), Error);
  EXPECT_THROW(auth->change_password(actor, kAdminPassword, kAdminPassword), Error);
  auth->change_password(actor, kAdminPassword, "a-new-password-2027");
  EXPECT_TRUE(auth->resolve(here, origin));
  EXPECT_FALSE(auth->resolve(elsewhere, origin));
  EXPECT_EQ(login_error(kAdminPassword), ErrorCode::unauthenticated);
  EXPECT_NO_THROW(auth->login("admin", "a-new-password-2027", origin));
}

TEST_F(AuthServiceTest, DeactivatedUserCannotLogInAndLosesOpenSessions) {
  auto doctor = add_user("doctor1");
  auto created = regions->reset_password(admin, doctor.user_id);
  auto token = auth->login("doctor1", created.temporary_password, origin);
  EXPECT_TRUE(token.must_change_password);
  regions->set_user_active(admin, doctor.user_id, false);
  EXPECT_FALSE(auth->resolve(token.session_token, origin));
  try {
    auth->login("doctor1", created.temporary_password, origin);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::forbidden);
  }
}

TEST_F(AuthServiceTest, WhereCertificatesAreRequiredOnlyTheUsersOwnDeviceOpensASession) {
  auto doctor = add_user("doctor1");
  auto nurse = add_user("nurse1");
  auto password = regions->reset_password(admin, doctor.user_id).temporary_password;
  auto plain = auth->login("doctor1", password, origin);  // policy still off: a password is enough

  DeviceService devices(*storage, clock, {.ca_key_passphrase = "operator secret"});
  auto own = devices.issue(admin, doctor.user_id, "診療所のPC").device;
  auto others = devices.issue(admin, nurse.user_id, "ステーションのPC").device;
  regions->update_certificate_required(admin, true);
  EXPECT_FALSE(auth->resolve(plain.session_token, origin)) << "sessions without one end";

  auto code_of = [&](const Origin& from) {
    try {
      auth->login("doctor1", password, from);
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::internal;  // logged in
  };
  EXPECT_EQ(code_of(origin), ErrorCode::forbidden);
  Origin with_other = origin;
  with_other.device_id = others.id;
  EXPECT_EQ(code_of(with_other), ErrorCode::forbidden);
  Origin with_own = origin;
  with_own.device_id = own.id;
  auto session = auth->login("doctor1", password, with_own);
  EXPECT_TRUE(auth->resolve(session.session_token, with_own));
  EXPECT_FALSE(auth->resolve(session.session_token, origin)) << "only with that certificate";

  auto denied = audit_entries("login");
  auto count = std::count_if(denied.begin(), denied.end(), [](const audit::Entry& e) {
    return e.outcome == "denied" && (e.detail == "device certificate required" ||
                                     e.detail.find("another user") != std::string::npos);
  });
  EXPECT_EQ(count, 2);
}

TEST_F(AuthServiceTest, TheRegionsSessionTimeoutsApplyToSessionsOpenedAfterwards) {
  auto earlier = auth->login("admin", kAdminPassword, origin);
  regions->update_session_policy(admin, 10, 2);
  auto later = auth->login("admin", kAdminPassword, origin);
  EXPECT_EQ(later.session.idle_timeout_seconds, 600);
  EXPECT_EQ(later.session.expires_at - later.session.created_at, 2 * 3600);
  clock.advance(10 * 60);
  EXPECT_FALSE(auth->resolve(later.session_token, origin)) << "the region's 10 minutes";
  EXPECT_TRUE(auth->resolve(earlier.session_token, origin)) << "opened under the server's 30";
  EXPECT_THROW(regions->update_session_policy(admin, 3, 0), Error);
  EXPECT_THROW(regions->update_session_policy(admin, 0, 48), Error);
  regions->update_session_policy(admin, 0, 0);
  auto back = auth->login("admin", kAdminPassword, origin);
  EXPECT_EQ(auth->idle_timeout_of(back.session), session_policy.idle_timeout_seconds);
}

TEST_F(AuthServiceTest, ACrewsSessionEndsAfterTheRegionsShorterIdleTime) {
  auto station = add_facility("消防本部", "fire_department");
  auto crew = add_user("crew1", {"ems"}, station);
  auto doctor = add_user("doctor2");
  auto crew_session =
      auth->login("crew1", regions->reset_password(admin, crew.user_id).temporary_password, origin);
  auto doctor_session = auth->login(
      "doctor2", regions->reset_password(admin, doctor.user_id).temporary_password, origin);
  EXPECT_EQ(crew_session.session.idle_timeout_seconds, 600) << "10 minutes unless set";
  clock.advance(10 * 60);
  EXPECT_FALSE(auth->resolve(crew_session.session_token, origin));
  EXPECT_TRUE(auth->resolve(doctor_session.session_token, origin)) << "the server's 30 minutes";
  regions->update_session_policy(admin, 0, 0, 3);
  auto later =
      auth->login("crew1", regions->reset_password(admin, crew.user_id).temporary_password, origin);
  EXPECT_EQ(later.session.idle_timeout_seconds, 180);
  EXPECT_THROW(regions->update_session_policy(admin, 0, 0, 0), Error);
  EXPECT_THROW(regions->update_session_policy(admin, 0, 0, 61), Error);
}

TEST_F(AuthServiceTest, FamilyWithAnEnrolledAppSignInWithAOneTimeCodeInsteadOfACertificate) {
  regions->update_certificate_required(admin, true);
  auto family = add_user("family1", {"family"});
  auto doctor = add_user("doctor2");
  auto family_password = regions->reset_password(admin, family.user_id).temporary_password;
  auto doctor_password = regions->reset_password(admin, doctor.user_id).temporary_password;
  const std::string secret = totp::new_secret();
  storage->write([&](storage::Transaction& tx) {
    for (auto id : {family.user_id, doctor.user_id}) {
      tx.second_factor().put_totp(id, secret, clock.now());
      tx.second_factor().confirm_totp(id, 0, clock.now());
    }
    tx.second_factor().replace_recovery_codes(
        family.user_id, {crypto::sha256_hex(totp::normalise_recovery_code("abcd-efgh"))});
  });
  auto error_of = [&](const std::string& login, const std::string& password,
                      const std::string& code) -> std::optional<Error> {
    try {
      auth->login(login, password, origin, code);
    } catch (const Error& e) {
      return e;
    }
    return std::nullopt;
  };
  auto missing = error_of("family1", family_password, "");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->code(), ErrorCode::unauthenticated);
  ASSERT_EQ(missing->fields().size(), 1u);
  EXPECT_EQ(missing->fields()[0].field, "one_time_code");
  auto now_code = totp::code_at(secret, totp::step_of(clock.now()));
  auto wrong = now_code == "000000" ? std::string("111111") : std::string("000000");
  EXPECT_EQ(error_of("family1", family_password, wrong)->code(), ErrorCode::unauthenticated);
  // A right code with a wrong password opens nothing either.
  EXPECT_EQ(error_of("family1", family_password + "x", now_code)->code(),
            ErrorCode::unauthenticated);
  clock.advance(120);  // past the retry delay of the failures above
  now_code = totp::code_at(secret, totp::step_of(clock.now()));
  auto session = auth->login("family1", family_password, origin, now_code);
  EXPECT_TRUE(auth->resolve(session.session_token, origin));
  EXPECT_EQ(error_of("family1", family_password, now_code)->code(), ErrorCode::unauthenticated)
      << "the same code twice";
  EXPECT_FALSE(error_of("family1", family_password, "ABCD EFGH")) << "a recovery code, once";
  EXPECT_EQ(error_of("family1", family_password, "abcd-efgh")->code(), ErrorCode::unauthenticated);
  // A doctor is not of the kinds the region lets in with a code: the certificate stays required.
  clock.advance(60);
  EXPECT_EQ(error_of("doctor2", doctor_password, totp::code_at(secret, totp::step_of(clock.now())))
                ->code(),
            ErrorCode::forbidden);
  auto entries = audit_entries("login");
  auto failures = std::count_if(entries.begin(), entries.end(), [](const audit::Entry& e) {
    return e.detail.find("wrong one-time code") != std::string::npos;
  });
  EXPECT_EQ(failures, 3);  // the wrong code, the replayed one, the recovery code reused
}

}  // namespace
}  // namespace musubi::auth
