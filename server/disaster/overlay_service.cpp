#include "disaster/overlay_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "board/board_service.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "disaster/access.hpp"
#include "disaster/disaster_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::disaster {

namespace {

constexpr const char* kAction = "gateway.overlay";
constexpr std::size_t kMaxEventId = 100;

access::Actor actor_of(const OverlayGateway& g, const access::Origin& origin) {
  return {.user_id = g.user_id,
          .region_id = g.region_id,
          .login_id = fmt::format("overlay-gateway-{}", g.id),
          .name = g.name,
          .ip = origin.ip,
          .request_id = origin.request_id};
}

void check(const OverlayInput& in, Validator& v) {
  const bool printable = std::all_of(in.event_id.begin(), in.event_id.end(),
                                     [](char c) { return c > 0x20 && c < 0x7f; });
  if (in.event_id.empty() || in.event_id.size() > kMaxEventId || !printable) {
    v.add("event_id", "event_id は100文字までの英数字・記号です");
  }
  if (!is_overlay_kind(in.kind)) v.add("kind", "kind は outage、flood、other のいずれかです");
  v.text("name", in.name, 100, true);
}

// What the care team of a person who has just fallen inside an outage reads.
std::string outage_post_body(const Overlay& o) {
  return fmt::format(
      "【停電情報】{}\n送信元: {}（第{}版）\n\nこの方の自宅が停電区域に入りました。人工呼吸器・"
      "在宅酸素などの電源（バッテリーの残り、予備電源）を確認してください。",
      o.name, o.gateway_name, o.version);
}

}  // namespace

std::pair<OverlayGateway, std::string> OverlayService::enrol(RegionId region_id,
                                                             const std::string& name) {
  auto token = crypto::random_token(32);
  return storage_.write([&](storage::Transaction& tx) {
    const auto login = fmt::format("gateway.{}", crypto::random_hex(6));
    region::UserPatch account{.name = name};
    // A password nobody knows, and the account switched off: it never signs in.
    auto user_id =
        tx.users().insert(region_id, login, account, crypto::sha256_hex(crypto::random_token(32)),
                          false, clock_.now());
    tx.users().set_active(user_id, false, clock_.now());
    OverlayGateway g{.region_id = region_id, .name = name, .user_id = UserId{user_id}};
    g.id = tx.disaster().add_overlay_gateway(g, crypto::sha256_hex(token), clock_.now());
    audit::record_anonymous(tx, clock_, region_id.value(), std::nullopt, "command-line",
                            {.ip = "cli"},
                            {.action = "gateway.enrol",
                             .target_type = "overlay_gateway",
                             .target_id = std::to_string(g.id),
                             .detail = name});
    return std::make_pair(g, token);
  });
}

std::optional<OverlayGateway> OverlayService::gateway_of(std::string_view token,
                                                         const access::Origin& origin) {
  auto gateway = token.empty() ? std::nullopt : storage_.read([&](storage::Transaction& tx) {
    return tx.disaster().overlay_gateway_by_token(crypto::sha256_hex(token));
  });
  if (gateway && gateway->active) return gateway;
  storage_.write([&](storage::Transaction& tx) {
    audit::record_anonymous(tx, clock_, std::nullopt, std::nullopt, "", origin,
                            {.action = kAction, .outcome = "denied", .detail = "unknown token"});
  });
  throw Error(ErrorCode::unauthenticated, "連携システムの認証に失敗しました");
}

void OverlayService::refuse_input(std::string_view token, const std::vector<FieldError>& problems,
                                  const access::Origin& origin) {
  auto gateway = gateway_of(token, origin);
  storage_.write([&](storage::Transaction& tx) {
    audit::record(tx, clock_, actor_of(*gateway, origin),
                  {.action = kAction,
                   .target_type = "overlay",
                   .outcome = "denied",
                   .detail = problems.empty() ? "invalid" : problems.front().message});
  });
  throw Error(ErrorCode::invalid_input, "入力内容を確認してください", problems);
}

OverlayReceipt OverlayService::receive(std::string_view token, const OverlayInput& input,
                                       const access::Origin& origin) {
  auto gateway = gateway_of(token, origin);
  Validator v;
  check(input, v);
  if (!v.ok()) refuse_input(token, v.errors(), origin);
  const auto actor = actor_of(*gateway, origin);
  const auto hash = crypto::sha256_hex(input.kind + "\n" + input.name + "\n" + input.geojson);
  auto receipt = storage_.write([&](storage::Transaction& tx) -> OverlayReceipt {
    auto& store = tx.disaster();
    if (auto first = store.overlay_by_event(gateway->id, input.event_id)) {
      if (first->content_hash == hash) return {.overlay = std::move(*first), .replayed = true};
      audit::record(tx, clock_, actor,
                    {.action = kAction,
                     .target_type = "overlay",
                     .target_id = std::to_string(first->id),
                     .outcome = "denied",
                     .detail = "event id reused with other content"});
      return {};  // refused after the audit entry is committed
    }
    Overlay o{.region_id = gateway->region_id,
              .gateway_id = gateway->id,
              .gateway_name = gateway->name,
              .event_id = input.event_id,
              .kind = input.kind,
              .name = input.name,
              .geojson = input.geojson,
              .content_hash = hash,
              .features = input.features,
              .received_at = clock_.now()};
    std::tie(o.id, o.version) = store.add_overlay(o);
    std::vector<Home> inside;
    for (const auto& home : store.homes(gateway->region_id)) {
      if (input.shape.contains(home.location)) inside.push_back(home);
    }
    store.add_overlay_persons(o.id, inside);
    o.persons_inside = static_cast<std::int64_t>(inside.size());
    OverlayReceipt r{.overlay = o};
    if (o.kind == "outage") {
      const auto before = store.persons_before(gateway->region_id, o.name, o.version);
      const board::OutsidePost post{.body = outage_post_body(o)};
      for (const auto& home : inside) {
        if (!home.needs_power) continue;
        ++r.overlay.power_persons;
        if (std::binary_search(before.begin(), before.end(), home.person_id)) continue;
        if (board_.post_from_outside(tx, actor, home.person_id, post)) ++r.teams_told;
      }
    }
    audit::record(tx, clock_, actor,
                  {.action = kAction,
                   .target_type = "overlay",
                   .target_id = std::to_string(o.id),
                   .detail = fmt::format("{} v{} features={} inside={} teams={}", o.name, o.version,
                                         o.features, o.persons_inside, r.teams_told)});
    return r;
  });
  if (receipt.overlay.id == 0) {
    throw Error(ErrorCode::conflict, "この event_id は別の内容で送信済みです");
  }
  if (receipt.teams_told > 0) board_.events_committed();
  return receipt;
}

std::vector<Overlay> OverlayService::list(const access::Actor& actor) {
  require_city(actor);
  auto overlays = storage_.read(
      [&](storage::Transaction& tx) { return tx.disaster().latest_overlays(actor.region_id); });
  audit::record_read(storage_, clock_, actor,
                     {.action = "disaster.overlays",
                      .target_type = "region",
                      .target_id = std::to_string(actor.region_id.value()),
                      .detail = fmt::format("overlays={}", overlays.size())});
  return overlays;
}

}  // namespace musubi::disaster
