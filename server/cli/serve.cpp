#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>
#include <optional>
#include <thread>
#include <variant>

#include "audit/anchor.hpp"
#include "audit/read_sealer.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "core/disk_space.hpp"
#include "core/periodic.hpp"
#include "http/access_log.hpp"
#include "http/app.hpp"
#include "http/server.hpp"
#include "live/hub.hpp"

namespace musubi::cli {

namespace {

// Committed changes wake both the live hub and the notifier.
struct ChangeFanOut final : board::EventListener, notice::NoticeListener {
  live::Hub& hub;
  notify::Notifier& notifier;
  ChangeFanOut(live::Hub& h, notify::Notifier& n) : hub(h), notifier(n) {}
  void events_committed() override {
    hub.events_committed();
    notifier.events_committed();
  }
  void notice_published(std::int64_t id) override {
    hub.notice_published(id);
    notifier.notice_published(id);
  }
};

// The audit log must match its last anchor. When it does not, the server refuses to start, or
// (audit.on_anchor_mismatch = read_only) serves reads only: the answer is the reason then.
// Exit code 3 when it refuses.
std::variant<std::string, int> anchor_verdict(const audit::Anchor& anchor, const Config& config) {
  if (anchor.problems().empty()) return std::string();
  for (const auto& p : anchor.problems()) spdlog::error("audit log: {}", p);
  if (config.audit.on_anchor_mismatch != "read_only") {
    std::fprintf(stderr,
                 "監査ログが記録点と合いません。起動しません。\n%s\n"
                 "確かめるには musubi audit verify、原因が分かって受け入れるときは "
                 "musubi audit accept-head --reason \"…\" を実行してください"
                 "（docs/operations.md）。\n",
                 anchor.problems().front().c_str());
    return 3;
  }
  spdlog::warn("serving reads only until an operator runs musubi audit accept-head");
  return anchor.problems().front();
}

// Warnings before the disk fills: at twice the floor, then at the floor (deep health fails).
// Says something only when the level changes.
std::function<void()> disk_watch(const Config& config) {
  return [dir = config.data.dir, floor = config.data.min_free_bytes, level = 0]() mutable {
    auto free = free_bytes(dir);
    if (!free) return;
    const int now = *free < floor ? 2 : *free < 2 * floor ? 1 : 0;
    if (now == level) return;
    level = now;
    const auto mib = [](std::int64_t b) { return b >> 20; };
    if (now == 2) {
      spdlog::error(
          "data directory {}: {} MiB free, below data.min_free_bytes ({} MiB): uploads "
          "are refused and deep health fails; free space now",
          dir, mib(*free), mib(floor));
    } else if (now == 1) {
      spdlog::warn("data directory {}: only {} MiB free (data.min_free_bytes is {} MiB)", dir,
                   mib(*free), mib(floor));
    } else {
      spdlog::info("data directory {}: {} MiB free again", dir, mib(*free));
    }
  };
}

void clean_up_files(Runtime& rt, bool at_start) {
  if (auto removed = rt.attachments.clean_up(at_start)) {
    spdlog::info("removed {} stored file(s) no attachment refers to", removed);
  }
}

// The worker pools a request may be handed to (docs/decisions/003), sized from the config.
struct WorkerPools {
  explicit WorkerPools(const Config& config)
      : threads(thread_counts(config, std::thread::hardware_concurrency())),
        general("general", threads.general, queue(config.workers.general_queue)),
        login("login", threads.login, queue(config.workers.login_queue)),
        heavy("heavy", threads.heavy, queue(config.workers.heavy_queue)),
        upload("upload", threads.upload, queue(config.workers.upload_queue)) {
    spdlog::info("threads: {} I/O; workers {} general, {} login, {} heavy, {} upload", threads.io,
                 general.threads(), login.threads(), heavy.threads(), upload.threads());
  }
  static std::size_t queue(std::int64_t v) { return static_cast<std::size_t>(v); }

  ThreadCounts threads;
  WorkPool general;
  WorkPool login;
  WorkPool heavy;
  WorkPool upload;
  http::Workers workers{.general = general, .login = login, .heavy = heavy, .upload = upload};
};

// What the HTTP server calls: the application, its lanes, and the device-certificate checks.
http::RequestHandler request_handler(http::App& app, Runtime& rt, const Config& config,
                                     http::Workers& workers) {
  return {
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
}

void print_addresses(const http::ListeningAddresses& addresses) {
  if (!addresses.http.empty()) std::printf("Musubi is listening on %s\n", addresses.http.c_str());
  if (!addresses.https.empty()) {
    std::printf("Musubi is listening on %s\n", addresses.https.c_str());
  }
  std::fflush(stdout);
}

}  // namespace

int serve(const Config& config) {
  ensure_data_dir(config);
  DataDirLock lock(config.data.dir);
  if (!lock.acquired()) {
    std::fprintf(stderr, "%s。\n", lock.problem().c_str());
    return 1;
  }
  Runtime rt(config);
  audit::Anchor anchor(*rt.storage, rt.clock, anchor_options(config));
  auto verdict = anchor_verdict(anchor, config);
  if (auto* refused = std::get_if<int>(&verdict)) return *refused;
  anchor.checkpoint();
  http::StaticFiles files(resolve_web_root(config));
  if (files.empty()) spdlog::warn("no built front end found (web/dist); only the API is served");
  live::Hub hub(*rt.storage, rt.auth, rt.clock);
  ChangeFanOut fan_out(hub, rt.notifier);
  rt.events.connect(&fan_out);
  rt.notice_events.connect(&fan_out);
  rt.disasters.set_listener(&hub);
  auto services = rt.services();
  services.live = &hub;
  services.read_only_reason = std::get<std::string>(verdict);
  http::App app(services, files);
  clean_up_files(rt, true);
  auto watch_disk = disk_watch(config);
  watch_disk();
  Periodic disk_watcher("disk space check", std::chrono::seconds(60), watch_disk);
  Periodic housekeeping("housekeeping", std::chrono::hours(1),
                        [&rt] { clean_up_files(rt, false); });
  if (auto made = rt.devices.ensure_region_cas()) spdlog::info("made {} region CA(s)", made);
  std::optional<audit::ReadSealer> sealer(
      std::in_place, *rt.storage, std::chrono::seconds(1), &anchor,
      std::chrono::seconds(config.audit.anchor_interval_seconds));
  rt.mailer.start();
  rt.notifier.start();
  if (!rt.mailer.enabled()) spdlog::info("mail.smtp_url is not set: no mail is sent");
  http::AccessLog access_log(config.server.access_log);
  WorkerPools pools(config);
  http::serve(config.server, request_handler(app, rt, config, pools.workers), access_log,
              print_addresses);
  rt.events.connect(nullptr);
  rt.notice_events.connect(nullptr);
  rt.disasters.set_listener(nullptr);
  sealer.reset();  // seals what is left and checkpoints the head
  rt.storage->checkpoint();
  spdlog::info("stopped cleanly");
  return 0;
}

int show_routes(const Config& config) {
  Runtime rt(config);
  http::StaticFiles none("");
  http::App app(rt.services(), none);
  for (const auto& route : app.router().routes()) {
    std::string access = route.access.is_public()     ? "public"
                         : route.access.any_account() ? "own_account"
                                                      : "signed_in";
    if (route.upload) access += "\tupload";
    if (route.access.requires_role()) access = "roles:" + route.access.roles().to_codes();
    std::printf("%s\t%s\t%s\t%s\n", route.method.c_str(), route.pattern.c_str(), access.c_str(),
                route.options.csrf_exempt ? "csrf_exempt" : "csrf");
  }
  return 0;
}

void add_serve_command(CLI::App& app, Command& chosen) {
  app.add_subcommand("serve", "serve the web application and API")->callback([&chosen] {
    chosen = [](const Config& config) { return serve(config); };
  });
}

void add_routes_command(CLI::App& app, Command& chosen) {
  app.add_subcommand("routes", "print the HTTP routes and who may call them")->callback([&chosen] {
    chosen = [](const Config& config) { return show_routes(config); };
  });
}

}  // namespace musubi::cli
