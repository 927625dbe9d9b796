// Deny by default, checked over every route the application registers: only an explicit
// allow-list is public, everything else needs a session, and every state change needs the
// CSRF token. A new route that forgets this fails here.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "auth/auth_service.hpp"
#include "board/attachment_service.hpp"
#include "board/board_service.hpp"
#include "board/inbox_service.hpp"
#include "board/search_service.hpp"
#include "fixture/test_region.hpp"
#include "http/app.hpp"
#include "person/person_service.hpp"
#include "person/record_service.hpp"

namespace musubi::http {
namespace {

// The device download and the invitation steps are public because the new device has no
// certificate and the invited user no session yet; their one-time token is the credential
// (tests/hostile/device_certificates.test.mjs, tests/api/invitations.test.mjs); inbound mail needs
// the MTA's shared token (tests/api/mail_in.test.mjs).
const std::set<std::string> kPublicRoutes = {"GET /healthz",
                                             "GET /api/v1/version",
                                             "GET /metrics",
                                             "POST /api/v1/session",
                                             "GET /api/v1/device-downloads/{token}",
                                             "POST /api/v1/invitations/lookup",
                                             "POST /api/v1/invitations/totp",
                                             "POST /api/v1/invitations/accept",
                                             "POST /api/v1/inbound-mail",
                                             "POST /api/v1/gateway/emergency-calls",
                                             "POST /api/v1/gateway/overlays"};

class AppAccessTest : public musubi::testing::TestRegion {
 protected:
  void SetUp() override {
    TestRegion::SetUp();
    auth = std::make_unique<auth::AuthService>(*storage, clock, Config::Session{}, Config::Login{});
    persons = std::make_unique<person::PersonService>(*storage, clock);
    records = std::make_unique<person::RecordService>(*storage, clock);
    board = std::make_unique<board::BoardService>(*storage, clock);
    attachments = std::make_unique<board::AttachmentService>(*storage, clock);
    search = std::make_unique<board::SearchService>(*storage, clock);
    inbox = std::make_unique<board::InboxService>(*storage, clock);
    app = std::make_unique<App>(Services{*storage, clock, *auth, *regions, *persons, *records,
                                         *board, *attachments, *search, *inbox},
                                static_files);
  }

  static std::string concrete(const std::string& pattern) {
    return std::regex_replace(pattern, std::regex(R"(\{[a-z_]+\})"), "1");
  }

  Response call(const std::string& method, const std::string& path, const Headers& extra = {}) {
    Request r;
    r.method = method;
    r.target = path;
    r.path = path;
    r.headers = {{"host", "musubi.test"}};
    r.headers.insert(r.headers.end(), extra.begin(), extra.end());
    r.body = "{}";
    r.remote_ip = "127.0.0.1";
    r.request_id = "unit";
    // Upload routes are answered from the head, as the listener does.
    if (auto start = app->start_upload(r)) {
      if (start->refused) return std::move(*start->refused);
      return start->upload->finish();
    }
    return app->handle(r);
  }

  static bool state_change(const std::string& m) {
    return m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE";
  }

  StaticFiles static_files{""};
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<person::PersonService> persons;
  std::unique_ptr<person::RecordService> records;
  std::unique_ptr<board::BoardService> board;
  std::unique_ptr<board::AttachmentService> attachments;
  std::unique_ptr<board::SearchService> search;
  std::unique_ptr<board::InboxService> inbox;
  std::unique_ptr<App> app;
};

TEST_F(AppAccessTest, MetricsAnswerLoopbackClientsOnly) {
  auto local = call("GET", "/metrics");
  EXPECT_EQ(local.status, 200);
  EXPECT_NE(local.body.find("musubi_storage_healthy 1"), std::string::npos) << local.body;
  Request remote;
  remote.method = "GET";
  remote.target = remote.path = "/metrics";
  remote.headers = {{"host", "musubi.test"}};
  remote.remote_ip = "192.0.2.7";
  remote.request_id = "unit";
  EXPECT_EQ(app->handle(remote).status, 404);
}

TEST_F(AppAccessTest, WhileReadOnlyEveryStateChangeButSigningInAndOutIs503) {
  Services services{*storage, clock,  *auth,        *regions, *persons,
                    *records, *board, *attachments, *search,  *inbox};
  services.read_only_reason = "監査ログの末尾が削除されています";
  app = std::make_unique<App>(services, static_files);
  auto login = auth->login("admin", musubi::testing::kAdminPassword, {.ip = "127.0.0.1"});
  Headers signed_in = {{"cookie", std::string(kSessionCookie) + "=" + login.session_token},
                       {"x-csrf-token", login.session.csrf_token}};
  int refused = 0;
  std::set<std::string> allowed;
  std::set<std::string> others;
  for (const auto& route : app->router().routes()) {
    if (!state_change(route.method) || route.access.is_public()) continue;
    if (route.options.allowed_read_only) {
      allowed.insert(route.method + " " + route.pattern);
      continue;
    }
    if (!route.access.allows(admin.roles)) {
      // Who may not call a route hears 403 first (the crews' and the care teams' own writes).
      EXPECT_EQ(call(route.method, concrete(route.pattern), signed_in).status, 403);
      others.insert(route.method + " " + route.pattern);
      continue;
    }
    auto r = call(route.method, concrete(route.pattern), signed_in);
    EXPECT_EQ(r.status, 503) << route.method << " " << route.pattern << ": " << r.body;
    EXPECT_NE(r.body.find("\"read_only\""), std::string::npos) << route.pattern << ": " << r.body;
    ++refused;
  }
  EXPECT_GT(refused, 50);
  EXPECT_EQ(allowed, (std::set<std::string>{"DELETE /api/v1/session",
                                            "POST /api/v1/session/logout-everywhere"}));
  EXPECT_EQ(others, (std::set<std::string>{"POST /api/v1/disasters/{id}/statuses",
                                           "POST /api/v1/ems/persons/{id}/transports",
                                           "POST /api/v1/persons/{id}/card"}));
  EXPECT_EQ(call("GET", "/api/v1/me/sessions", signed_in).status, 200) << "reads go on";
}

TEST_F(AppAccessTest, OnlyTheAllowListIsPublic) {
  std::set<std::string> found;
  for (const auto& route : app->router().routes()) {
    if (route.access.is_public()) found.insert(route.method + " " + route.pattern);
  }
  EXPECT_EQ(found, kPublicRoutes);
  EXPECT_GT(app->router().routes().size(), 20u);
}

TEST_F(AppAccessTest, EveryOtherRouteAnswers401WithoutASession) {
  for (const auto& route : app->router().routes()) {
    if (route.access.is_public()) continue;
    auto r = call(route.method, concrete(route.pattern));
    EXPECT_EQ(r.status, 401) << route.method << " " << route.pattern;
    EXPECT_NE(r.body.find("\"unauthenticated\""), std::string::npos) << r.body;
  }
}

TEST_F(AppAccessTest, UnknownOrExpiredCookieIsToldApartFromNoCookie) {
  auto r = call("GET", "/api/v1/me/sessions",
                {{"cookie", std::string(kSessionCookie) + "=not-a-session"}});
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.body.find("\"session_expired\""), std::string::npos) << r.body;
}

TEST_F(AppAccessTest, EveryStateChangeNeedsTheCsrfToken) {
  auto login = auth->login("admin", musubi::testing::kAdminPassword, {.ip = "127.0.0.1"});
  Headers cookie = {{"cookie", std::string(kSessionCookie) + "=" + login.session_token}};
  int checked = 0;
  for (const auto& route : app->router().routes()) {
    if (route.access.is_public() || !state_change(route.method) || route.options.csrf_exempt)
      continue;
    auto r = call(route.method, concrete(route.pattern), cookie);
    EXPECT_EQ(r.status, 403) << route.method << " " << route.pattern;
    EXPECT_NE(r.body.find("\"csrf_failed\""), std::string::npos) << route.pattern << ": " << r.body;
    auto wrong = cookie;
    wrong.emplace_back("x-csrf-token", login.session.csrf_token + "x");
    EXPECT_EQ(call(route.method, concrete(route.pattern), wrong).status, 403) << route.pattern;
    ++checked;
  }
  EXPECT_GT(checked, 10);
}

TEST_F(AppAccessTest, StateChangeFromAnotherSiteIsRefusedBeforeAnythingElse) {
  auto r = call("POST", "/api/v1/session", {{"origin", "https://evil.example"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(call("POST", "/api/v1/session", {{"origin", "http://musubi.test"}}).status,
            400);  // empty body fields
}

TEST_F(AppAccessTest, AdministrationRoutesRefuseAProfessional) {
  auto nurse = add_user("nurse1");
  auto temporary = regions->reset_password(admin, nurse.user_id).temporary_password;
  auto login = auth->login("nurse1", temporary, {.ip = "127.0.0.1"});
  auth->change_password(auth->resolve(login.session_token, {})->actor, temporary,
                        "nurse-password-2027");
  Headers headers = {{"cookie", std::string(kSessionCookie) + "=" + login.session_token},
                     {"x-csrf-token", login.session.csrf_token}};
  int checked = 0;
  for (const auto& route : app->router().routes()) {
    if (!route.access.requires_role() ||
        route.access.allows(access::RoleSet{access::Role::professional}))
      continue;
    auto r = call(route.method, concrete(route.pattern), headers);
    EXPECT_EQ(r.status, 403) << route.method << " " << route.pattern;
    ++checked;
  }
  EXPECT_GT(checked, 5);
}

TEST_F(AppAccessTest, UnknownPathsAndMethodsAndSecurityHeaders) {
  auto missing = call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.route, "unmatched");
  EXPECT_EQ(call("DELETE", "/healthz").status, 405);
  auto ok = call("GET", "/healthz");
  EXPECT_EQ(ok.status, 200);
  auto header = [&](const std::string& name) {
    for (const auto& [k, v] : ok.headers)
      if (k == name) return v;
    return std::string();
  };
  EXPECT_EQ(header("X-Frame-Options"), "DENY");
  EXPECT_EQ(header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(header("X-Request-Id"), "unit");
}

TEST(Router, MatchesParametersAndTellsMissingPathFromWrongMethod) {
  Router router;
  router.add("GET", "/api/v1/persons/{id}", Access::signed_in(),
             [](Context&) { return Response{}; });
  bool exists = false;
  auto m = router.match("GET", "/api/v1/persons/42", exists);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->params.at(0), (std::pair<std::string, std::string>{"id", "42"}));
  EXPECT_FALSE(router.match("PUT", "/api/v1/persons/42", exists));
  EXPECT_TRUE(exists);
  EXPECT_FALSE(router.match("GET", "/api/v1/persons/42/extra", exists));
  EXPECT_FALSE(exists);
}

TEST(Router, IdParameterMustBeAPositiveNumber) {
  Request request;
  for (const std::string& bad :
       std::vector<std::string>{"0", "-1", "1e3", "abc", "12a", "99999999999999999999", ""}) {
    Context c{request, {{"id", bad}}, std::nullopt};
    EXPECT_THROW(c.id("id"), Error) << bad;
  }
  Context c{request, {{"id", "17"}}, std::nullopt};
  EXPECT_EQ(c.id("id"), 17);
}

}  // namespace
}  // namespace musubi::http
