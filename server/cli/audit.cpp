// `musubi audit verify`: walks the audit log's hash chain and reports any altered, missing or
// reordered entry; exit code 2 when something is wrong, so that cron can alert.
#include <cstdio>

#include "audit/audit_log.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace musubi::cli {

int audit_verify(const Config& config) {
  Runtime rt(config);
  // Reads logged in the last second are still in the journal: chain them first.
  audit::seal_reads(*rt.storage);
  auto result = audit::verify(*rt.storage);
  if (result.problems.empty()) {
    std::printf("監査ログは改ざんされていません: %jd 件, 最新 #%jd %s\n",
                static_cast<std::intmax_t>(result.entries),
                static_cast<std::intmax_t>(result.head_id), result.head_hash.c_str());
    return 0;
  }
  std::printf("監査ログに問題があります (%zu 件):\n", result.problems.size());
  for (const auto& p : result.problems) std::printf("  %s\n", p.c_str());
  return 2;
}

}  // namespace musubi::cli
