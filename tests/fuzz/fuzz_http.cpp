// Requests as the application sees them after the listener has parsed them — any method, path,
// query, headers and body — from no one, from the region administrator and from a doctor of the
// demo region, against a real database. Whatever arrives, the answer is a response with a status
// the API documents, never a crash, never a 500.
//
// Input: byte 0 picks who asks, byte 1 the method; then the target up to the first newline, and
// the rest is the body.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "cli/demo_data.hpp"
#include "cli/runtime.hpp"
#include "http/app.hpp"

namespace {

struct World {
  std::unique_ptr<musubi::cli::Runtime> rt;
  std::unique_ptr<musubi::http::StaticFiles> files;
  std::unique_ptr<musubi::http::App> app;
  std::string cookie[2];
  std::string csrf[2];
};

World* world = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  using namespace musubi;
  auto dir =
      std::filesystem::temp_directory_path() / ("musubi-fuzz-http-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  Config config;
  config.data.dir = dir.string();
  config.data.synchronous = "normal";  // fuzzing needs speed, not durability
  world = new World;
  world->rt = std::make_unique<cli::Runtime>(config);
  bool created = false;
  cli::seed_demo_region(*world->rt, created);
  world->files = std::make_unique<http::StaticFiles>("");
  world->app = std::make_unique<http::App>(world->rt->services(), *world->files);
  const char* logins[2] = {"demo-admin", "sato.dr"};
  for (int i = 0; i < 2; ++i) {
    auto r = world->rt->auth.login(logins[i], cli::kDemoPassword, {.ip = "127.0.0.1"});
    world->cookie[i] = std::string(http::kSessionCookie) + "=" + r.session_token;
    world->csrf[i] = r.session.csrf_token;
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace musubi::http;
  if (size < 2) return 0;
  static const char* kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"};
  const int who = data[0] % 3;  // 0: no one, 1: region administrator, 2: doctor
  const std::string input(reinterpret_cast<const char*>(data + 2), size - 2);
  const auto newline = input.find('\n');
  Request r;
  r.method = kMethods[data[1] % 6];
  r.target = input.substr(0, newline);
  const auto question = r.target.find('?');
  r.path = r.target.substr(0, question);
  if (question != std::string::npos) r.query = r.target.substr(question + 1);
  if (newline != std::string::npos) r.body = input.substr(newline + 1);
  r.headers = {{"host", "musubi.test"}, {"content-type", "application/json"}};
  if (who > 0) {
    r.headers.emplace_back("cookie", world->cookie[who - 1]);
    r.headers.emplace_back("x-csrf-token", world->csrf[who - 1]);
  }
  r.remote_ip = "127.0.0.1";
  r.request_id = "fuzz";
  if (auto start = world->app->start_upload(r)) {
    if (start->refused) return 0;
    auto sent = start->upload->write(r.body);
    if (!sent) (void)start->upload->finish();
    return 0;
  }
  auto response = world->app->handle(r);
  // A handler that throws something unexpected answers 500: that is a finding.
  if (response.status >= 500) {
    std::fprintf(stderr, "%s %s -> %d %s\n", r.method.c_str(), r.target.c_str(), response.status,
                 response.body.c_str());
    std::abort();
  }
  return 0;
}
