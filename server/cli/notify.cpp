#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace musubi::cli {

int notify(const Config& config, bool digest_all) {
  Runtime rt(config);
  const auto started = std::chrono::steady_clock::now();
  auto immediate = rt.notifier.pass();
  auto digests = rt.notifier.digests(digest_all);
  const auto queued_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
  std::int64_t sent = 0;
  for (std::int64_t batch = 0; (batch = rt.mailer.deliver_due()) > 0;) sent += batch;
  std::printf("immediate mails queued: %lld\ndigests queued: %lld (%lld ms)\nmails sent: %lld\n",
              static_cast<long long>(immediate), static_cast<long long>(digests),
              static_cast<long long>(queued_ms), static_cast<long long>(sent));
  return 0;
}

void add_notify_command(CLI::App& app, Command& chosen) {
  auto digest_all = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand(
      "notify",
      "turn new board activity into notifications and queue the mail due now, then send it (the "
      "server does this by itself; for cron or a test)");
  cmd->add_flag("--digest-now", *digest_all,
                "send every user's daily digest now, whatever their digest hour");
  cmd->callback([&chosen, digest_all] {
    chosen = [digest_all](const Config& config) { return notify(config, *digest_all); };
  });
}

}  // namespace musubi::cli
