#include "ems/emergency_call_service.hpp"

#include <fmt/format.h>

#include "audit/audit_log.hpp"
#include "board/board_service.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "ems/ems_store.hpp"
#include "person/person_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::ems {

namespace {

constexpr const char* kAction = "gateway.call";

// The gateway as the actor of what it writes: its account, in its region, with no role.
access::Actor actor_of(const Gateway& g, const access::Origin& origin) {
  return {.user_id = g.user_id,
          .region_id = g.region_id,
          .facility_id = g.facility_id,
          .login_id = fmt::format("gateway-{}", g.id),
          .name = g.name,
          .ip = origin.ip,
          .request_id = origin.request_id};
}

}  // namespace

CallReceipt EmergencyCallService::receive(std::string_view token, const CallInput& input,
                                          const access::Origin& origin) {
  const auto now = clock_.now();
  auto gateway = token.empty() ? std::nullopt : storage_.read([&](storage::Transaction& tx) {
    return tx.ems().gateway_by_token(crypto::sha256_hex(token));
  });
  if (!gateway || !gateway->active) {
    storage_.write([&](storage::Transaction& tx) {
      audit::record_anonymous(tx, clock_, std::nullopt, std::nullopt, "", origin,
                              {.action = kAction, .outcome = "denied", .detail = "unknown token"});
    });
    throw Error(ErrorCode::unauthenticated, "通報システムの認証に失敗しました");
  }
  const auto actor = actor_of(*gateway, origin);
  auto refuse = [&](const std::string& target, const std::string& detail) {
    storage_.write([&](storage::Transaction& tx) {
      audit::record(tx, clock_, actor,
                    {.action = kAction,
                     .target_type = "person",
                     .target_id = target,
                     .outcome = "denied",
                     .detail = detail});
    });
  };
  Validator v;
  auto call = checked_call(input, now, v);
  if (!v.ok()) {
    refuse(input.person_id ? std::to_string(*input.person_id) : "",
           fmt::format("invalid input: {}", v.errors().front().field));
    v.throw_if_any();
  }
  call.gateway_id = gateway->id;
  call.received_at = now;
  const auto target = std::to_string(call.person_id.value());
  enum class Refusal { none, conflict, unknown_person } refusal = Refusal::none;
  auto receipt = storage_.write([&](storage::Transaction& tx) -> std::optional<CallReceipt> {
    if (auto earlier = tx.ems().call_by_event(gateway->id, call.event_id)) {
      // Sent again after a lost answer: the same answer, nothing posted. The same id with another
      // event is the centre's mistake, refused.
      if (earlier->person_id != call.person_id || earlier->kind != call.kind) {
        refusal = Refusal::conflict;
        return std::nullopt;
      }
      return CallReceipt{.call = std::move(*earlier), .replayed = true};
    }
    if (!tx.persons().find(gateway->region_id, call.person_id)) {
      refusal = Refusal::unknown_person;
      return std::nullopt;
    }
    call.post_id = board_.post_from_outside(tx, actor, call.person_id,
                                            {.body = call_post_body(call, gateway->name)});
    call.id = tx.ems().add_call(call);
    audit::record(
        tx, clock_, actor,
        {.action = kAction,
         .target_type = "person",
         .target_id = target,
         .detail = fmt::format("event={} kind={} post={}", call.event_id, call_kind_code(call.kind),
                               call.post_id ? std::to_string(*call.post_id) : "none")});
    return CallReceipt{.call = call};
  });
  if (refusal == Refusal::conflict) {
    refuse(target, fmt::format("conflicting event={}", call.event_id));
    throw Error(ErrorCode::conflict, "この受付番号の通報は別の内容で受け付け済みです");
  }
  if (!receipt) {
    refuse(target, "unknown person");
    throw Error(ErrorCode::not_found, "対象者が見つかりません");
  }
  if (receipt->replayed) {
    refuse(target, fmt::format("replayed event={}", call.event_id));
  } else {
    board_.events_committed();
  }
  return std::move(*receipt);
}

std::pair<Gateway, std::string> EmergencyCallService::enrol(RegionId region_id,
                                                            const std::string& name,
                                                            FacilityId facility_id) {
  auto token = crypto::random_token(32);
  return storage_.write([&](storage::Transaction& tx) {
    auto facility = tx.facilities().find(region_id, facility_id);
    if (!facility) throw Error(ErrorCode::not_found, "施設が見つかりません");
    const auto login = fmt::format("gateway.{}", crypto::random_hex(6));
    region::UserPatch account{.facility_id = facility->id, .name = name};
    // A password nobody knows, and the account switched off: it never signs in.
    auto user_id =
        tx.users().insert(region_id, login, account, crypto::sha256_hex(crypto::random_token(32)),
                          false, clock_.now());
    tx.users().set_active(user_id, false, clock_.now());
    Gateway g{.region_id = region_id,
              .name = name,
              .user_id = UserId{user_id},
              .facility_id = facility_id,
              .active = true};
    g.id = tx.ems().add_gateway(g, crypto::sha256_hex(token), clock_.now());
    audit::record_anonymous(tx, clock_, region_id.value(), std::nullopt, "command-line",
                            {.ip = "cli"},
                            {.action = "gateway.enrol",
                             .target_type = "gateway",
                             .target_id = std::to_string(g.id),
                             .detail = name});
    return std::make_pair(g, token);
  });
}

}  // namespace musubi::ems
