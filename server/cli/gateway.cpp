// `musubi gateway`: enrols the city's emergency-call centre (緊急通報システム) or a sender of map
// overlays (a power company's outages) as a gateway of a region. The token is printed once; the
// sender sends it as `Authorization: Bearer …`.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "core/error.hpp"
#include "ems/emergency_call_service.hpp"
#include "region/region_store.hpp"

namespace musubi::cli {

namespace {

struct GatewayAddOptions {
  std::string region_code;
  std::string name;
  std::string facility;
};

int gateway_add(const Config& config, const GatewayAddOptions& options) {
  Runtime rt(config);
  auto region = find_region(rt, options.region_code);
  auto facilities = rt.storage->read([&](storage::Transaction& tx) {
    return tx.facilities().list(region.id, {.search_key = ""});
  });
  auto facility = std::find_if(facilities.begin(), facilities.end(),
                               [&](const auto& f) { return f.name == options.facility; });
  if (facility == facilities.end()) {
    throw Error(ErrorCode::not_found, "施設「" + options.facility + "」は登録されていません");
  }
  auto [gateway, token] =
      rt.emergency_calls.enrol(RegionId{region.id}, options.name, FacilityId{facility->id});
  std::printf("緊急通報システムを登録しました: %s（%s）\n", gateway.name.c_str(),
              facility->name.c_str());
  std::printf("  送信先: POST %s/api/v1/gateway/emergency-calls\n",
              config.server.public_origin.c_str());
  std::printf("  トークン（この一度だけ表示します）: %s\n", token.c_str());
  return 0;
}

struct OverlayGatewayOptions {
  std::string region_code;
  std::string name;
};

int gateway_add_overlay(const Config& config, const OverlayGatewayOptions& options) {
  Runtime rt(config);
  auto region = find_region(rt, options.region_code);
  auto [gateway, token] = rt.overlays.enrol(RegionId{region.id}, options.name);
  std::printf("地図の外部連携を登録しました: %s\n", gateway.name.c_str());
  std::printf("  送信先: POST %s/api/v1/gateway/overlays\n", config.server.public_origin.c_str());
  std::printf("  トークン（この一度だけ表示します）: %s\n", token.c_str());
  return 0;
}

}  // namespace

void add_gateway_command(CLI::App& app, Command& chosen) {
  auto* gateway = app.add_subcommand(
      "gateway", "the emergency-call system (緊急通報システム) and map overlays (停電情報)");
  gateway->require_subcommand(1);
  auto add = std::make_shared<GatewayAddOptions>();
  auto* add_cmd =
      gateway->add_subcommand("add", "enrol an emergency-call centre; prints its token once");
  add_cmd->add_option("--region", add->region_code, "region code")->required();
  add_cmd->add_option("--name", add->name, "e.g. つくば市緊急通報センター")->required();
  add_cmd
      ->add_option("--facility", add->facility,
                   "the facility it belongs to (its posts show it), e.g. the city office")
      ->required();
  add_cmd->callback([&chosen, add] {
    chosen = [add](const Config& config) { return gateway_add(config, *add); };
  });
  auto overlay = std::make_shared<OverlayGatewayOptions>();
  auto* overlay_cmd = gateway->add_subcommand(
      "add-overlay", "enrol a sender of map overlays (停電情報 …); prints its token once");
  overlay_cmd->add_option("--region", overlay->region_code, "region code")->required();
  overlay_cmd->add_option("--name", overlay->name, "e.g. 東京電力パワーグリッド 停電情報")
      ->required();
  overlay_cmd->callback([&chosen, overlay] {
    chosen = [overlay](const Config& config) { return gateway_add_overlay(config, *overlay); };
  });
}

}  // namespace musubi::cli
