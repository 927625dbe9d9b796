#include <spdlog/spdlog.h>

#include <cstdio>
#include <optional>
#include <thread>

#include "audit/read_sealer.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "http/access_log.hpp"
#include "http/app.hpp"
#include "http/server.hpp"
#include "live/hub.hpp"

namespace musubi::cli {

int serve(const Config& config) {
  ensure_data_dir(config);
  DataDirLock lock(config.data.dir);
  if (!lock.acquired()) {
    std::fprintf(stderr, "別の musubi がこのデータディレクトリ (%s) を使っています。\n",
                 config.data.dir.c_str());
    return 1;
  }
  Runtime rt(config);
  auto web_root = resolve_web_root(config);
  http::StaticFiles files(web_root);
  if (files.empty()) spdlog::warn("no built front end found (web/dist); only the API is served");
  live::Hub hub(*rt.storage, rt.auth, rt.clock);
  // Committed changes wake both the live hub and the notifier.
  struct Both final : board::EventListener, notice::NoticeListener {
    live::Hub& hub;
    notify::Notifier& notifier;
    Both(live::Hub& h, notify::Notifier& n) : hub(h), notifier(n) {}
    void events_committed() override {
      hub.events_committed();
      notifier.events_committed();
    }
    void notice_published(std::int64_t id) override {
      hub.notice_published(id);
      notifier.notice_published(id);
    }
  } both(hub, rt.notifier);
  rt.events.connect(&both);
  rt.notice_events.connect(&both);
  auto services = rt.services();
  services.live = &hub;
  http::App app(services, files);
  rt.attachments.clean_up();
  if (auto made = rt.devices.ensure_region_cas()) spdlog::info("made {} region CA(s)", made);
  std::optional<audit::ReadSealer> sealer(std::in_place, *rt.storage, std::chrono::seconds(1));
  rt.mailer.start();
  rt.notifier.start();
  if (!rt.mailer.enabled()) spdlog::info("mail.smtp_url is not set: no mail is sent");
  http::AccessLog access_log(config.server.access_log);
  const auto threads = thread_counts(config, std::thread::hardware_concurrency());
  auto queue = [](std::int64_t v) { return static_cast<std::size_t>(v); };
  WorkPool general("general", threads.general, queue(config.workers.general_queue));
  WorkPool login("login", threads.login, queue(config.workers.login_queue));
  WorkPool heavy("heavy", threads.heavy, queue(config.workers.heavy_queue));
  http::Workers workers{.general = general, .login = login, .heavy = heavy};
  spdlog::info("threads: {} I/O; workers {} general, {} login, {} heavy", threads.io,
               general.threads(), login.threads(), heavy.threads());
  http::RequestHandler handler{
      .handle = [&app](http::Request& request) { return app.handle(request); },
      .lane = [&app](const http::Request& head) { return app.lane_of(head); },
      .workers = &workers,
      .start_upload = [&app](http::Request& head) { return app.start_upload(head); },
      .start_live = [&app](http::Request& head) { return app.start_live(head); },
      .live_limits = {.max_queued_bytes = static_cast<std::size_t>(config.live.max_queued_bytes),
                      .idle_timeout_seconds = config.live.idle_timeout_seconds},
      .client_cas = [&rt] { return rt.devices.trusted_cas(); },
      .admit_client =
          [&rt](const std::string& serial, const std::string& subject, const std::string& problem,
                const std::string& ip) {
            if (serial.empty()) {
              rt.devices.note_refused(subject, problem, ip);
              return false;
            }
            return rt.devices.admit(serial, ip).has_value();
          }};
  http::serve(config.server, handler, access_log, [&](const http::ListeningAddresses& addresses) {
    if (!addresses.http.empty()) {
      std::printf("Musubi is listening on %s\n", addresses.http.c_str());
    }
    if (!addresses.https.empty()) {
      std::printf("Musubi is listening on %s\n", addresses.https.c_str());
    }
    std::fflush(stdout);
  });
  rt.events.connect(nullptr);
  rt.notice_events.connect(nullptr);
  sealer.reset();  // seals what is left
  rt.storage->checkpoint();
  spdlog::info("stopped cleanly");
  return 0;
}

int show_routes(const Config& config) {
  Runtime rt(config);
  http::StaticFiles none("");
  http::App app(rt.services(), none);
  for (const auto& route : app.router().routes()) {
    std::string access = route.access.is_public() ? "public" : "signed_in";
    if (route.upload) access += "\tupload";
    if (route.access.requires_role()) access = "roles:" + route.access.roles().to_codes();
    std::printf("%s\t%s\t%s\t%s\n", route.method.c_str(), route.pattern.c_str(), access.c_str(),
                route.options.csrf_exempt ? "csrf_exempt" : "csrf");
  }
  return 0;
}

}  // namespace musubi::cli
