// `musubi audit verify`: walks the audit log's hash chain and compares it with the signed
// checkpoints of its head (audit/anchor.hpp); reports any altered, missing, reordered or cut-off
// entry; exit code 2 when something is wrong, so that cron can alert.
// `musubi audit accept-head`: the way back after a restore or a loss the operator knows of.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "audit/anchor.hpp"
#include "audit/audit_log.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"

namespace musubi::cli {

namespace {

void print_resets(const audit::AnchorFile& file) {
  for (const auto& c : file.checkpoints) {
    if (c.kind != audit::Checkpoint::Kind::reset) continue;
    std::printf("  記録点 #%jd（%s）: 操作者が #%jd からを受け入れました: %s\n",
                static_cast<std::intmax_t>(c.seq), format_iso8601(c.at).c_str(),
                static_cast<std::intmax_t>(c.head_id), c.reason.c_str());
  }
}

// Problems of one set of checkpoints (the file beside the database, or a copy) against the chain.
std::vector<std::string> check_checkpoints(storage::Storage& storage, const std::string& label,
                                           const audit::AnchorFile& file) {
  std::vector<std::string> problems;
  for (const auto& p : file.problems) problems.push_back(fmt::format("{}: {}", label, p));
  for (const auto& p : audit::compare_chain(storage, audit::binding(file))) {
    problems.push_back(fmt::format("{}: {}", label, p));
  }
  return problems;
}

}  // namespace

void accept_audit_head(const Config& config, const std::string& reason) {
  Runtime rt(config);
  audit::seal_reads(*rt.storage);
  audit::Anchor anchor(*rt.storage, rt.clock, anchor_options(config));
  const auto before = anchor.problems();
  // The acceptance is itself in the chain, so that the auditor reads it beside everything else.
  rt.storage->write([&](storage::Transaction& tx) {
    audit::record_anonymous(tx, rt.clock, std::nullopt, std::nullopt, "(cli)",
                            {.ip = "local", .request_id = "cli"},
                            {.action = "audit.anchor_reset",
                             .target_type = "audit_log",
                             .detail = reason.substr(0, 400)});
  });
  auto reset = anchor.reset(reason);
  for (const auto& p : before) std::printf("受け入れた問題: %s\n", p.c_str());
  std::printf("記録点 #%jd: 監査ログを #%jd から受け入れました。\n",
              static_cast<std::intmax_t>(reset.seq), static_cast<std::intmax_t>(reset.head_id));
}

int audit_verify(const Config& config, const AuditVerifyOptions& options) {
  Runtime rt(config);
  // Reads logged in the last second are still in the journal: chain them first.
  audit::seal_reads(*rt.storage);
  auto result = audit::verify(*rt.storage);
  auto problems = result.problems;

  const auto anchor_path = config.anchor_file_path();
  const auto key = audit::AnchorKey::load_if_present(config.anchor_key_path());
  std::int64_t checkpoints = 0;
  if (key) {
    auto file = audit::read_anchor_file(anchor_path, *key);
    checkpoints = static_cast<std::int64_t>(file.checkpoints.size());
    if (file.checkpoints.empty() && file.problems.empty()) {
      problems.push_back("記録点のファイル " + anchor_path +
                         " がないか空です。鍵はあるので、記録点が消されたおそれがあります");
    }
    for (auto& p : check_checkpoints(*rt.storage, "記録点", file)) problems.push_back(p);
    print_resets(file);
  } else if (std::filesystem::exists(anchor_path)) {
    problems.push_back("記録点の鍵 " + config.anchor_key_path() +
                       " がありません。記録点ファイルはあるので、鍵が消されたおそれがあります");
  }
  if (!options.anchor_copy.empty()) {
    auto copy_key =
        options.public_key.empty() ? key : audit::AnchorKey::from_public_hex(options.public_key);
    if (!copy_key) {
      std::fprintf(stderr, "公開鍵は 64 桁の 16 進数で指定してください。\n");
      return 1;
    }
    if (!std::filesystem::exists(options.anchor_copy)) {
      std::fprintf(stderr, "%s が見つかりません。\n", options.anchor_copy.c_str());
      return 1;
    }
    auto copy = audit::read_anchor_file(options.anchor_copy, *copy_key);
    for (auto& p : check_checkpoints(*rt.storage, "写し " + options.anchor_copy, copy)) {
      problems.push_back(p);
    }
    std::printf("写しの記録点: %zu 件\n", copy.checkpoints.size());
  }

  if (problems.empty()) {
    std::printf("監査ログは改ざんされていません: %jd 件, 最新 #%jd %s\n",
                static_cast<std::intmax_t>(result.entries),
                static_cast<std::intmax_t>(result.head_id), result.head_hash.c_str());
    if (key) {
      std::printf("記録点 %jd 件と一致しています（公開鍵 %s）\n",
                  static_cast<std::intmax_t>(checkpoints), key->public_hex().c_str());
    } else {
      std::printf("記録点はまだありません（musubi serve が書きます）\n");
    }
    return 0;
  }
  std::printf("監査ログに問題があります (%zu 件):\n", problems.size());
  for (const auto& p : problems) std::printf("  %s\n", p.c_str());
  return 2;
}

int audit_accept_head(const Config& config, const std::string& reason) {
  if (reason.empty() || reason.find_first_of("\t\r\n") != std::string::npos) {
    std::fprintf(stderr, "理由を 1 行で書いてください。\n");
    return 1;
  }
  ensure_data_dir(config);
  DataDirLock lock(config.data.dir);
  if (!lock.acquired()) {
    if (lock.held_by_another()) {
      std::fprintf(stderr, "musubi serve が動いています。止めてから実行してください。\n");
    } else {
      std::fprintf(stderr, "%s。\n", lock.problem().c_str());
    }
    return 1;
  }
  accept_audit_head(config, reason);
  return 0;
}

void add_audit_command(CLI::App& app, Command& chosen) {
  auto* audit = app.add_subcommand("audit", "audit log tools");
  audit->require_subcommand(1);
  auto verify = std::make_shared<AuditVerifyOptions>();
  auto* verify_cmd = audit->add_subcommand(
      "verify", "check the audit log's hash chain against its signed checkpoints");
  verify_cmd->add_option("--anchor-copy", verify->anchor_copy,
                         "also check a copy of the checkpoints taken off the machine (syslog)");
  verify_cmd->add_option("--public-key", verify->public_key,
                         "the checkpoint key's public half to check the copy with (hex)");
  verify_cmd->callback([&chosen, verify] {
    chosen = [verify](const Config& config) { return audit_verify(config, *verify); };
  });
  auto reason = std::make_shared<std::string>();
  auto* accept = audit->add_subcommand(
      "accept-head",
      "accept the audit log as it is now after a restore or a known loss (server stopped); "
      "recorded in the log and the checkpoints");
  accept->add_option("--reason", *reason, "why, for the auditor")->required();
  accept->callback([&chosen, reason] {
    chosen = [reason](const Config& config) { return audit_accept_head(config, *reason); };
  });
}

}  // namespace musubi::cli
