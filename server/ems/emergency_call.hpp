// The city's emergency-call system (緊急通報システム連携): the centre that answers the pendant
// alarms of persons who live alone sends each event — a call (通報), a request for an ambulance
// (救急要請), a request to check on the person (安否確認依頼) — and it becomes an important post on
// the person's care team, notified to its members. Each centre is a gateway with its own token.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/validation.hpp"

namespace musubi::ems {

struct Gateway {
  std::int64_t id = 0;
  RegionId region_id;
  std::string name;  // 「つくば市緊急通報センター」
  UserId user_id;    // the account its posts are written by (no role; never signs in)
  std::optional<FacilityId> facility_id;
  bool active = true;
};

enum class CallKind { call, ems_request, welfare_check };
struct CallKindInfo {
  CallKind kind;
  std::string_view code;
  std::string_view label;
};
const std::vector<CallKindInfo>& call_kinds();  // 通報, 救急要請, 安否確認依頼

// An event as the centre sends it.
struct CallInput {
  std::string event_id;  // the centre's own: a resent event is recognised by it
  std::optional<std::int64_t> person_id;
  std::string kind;         // a call_kinds() code
  std::string occurred_at;  // RFC 3339: 2026-12-07T22:40:00+09:00 (or Z)
  std::string note;
};

struct EmergencyCall {
  std::int64_t id = 0;
  std::int64_t gateway_id = 0;
  std::string event_id;
  PersonId person_id;
  CallKind kind = CallKind::call;
  UnixSeconds occurred_at = 0;
  std::string note;
  std::optional<PostId> post_id;  // none when the person has no care team yet
  UnixSeconds received_at = 0;
};

struct CallReceipt {
  EmergencyCall call;
  bool replayed = false;  // the event had come before: nothing was posted this time
};

constexpr std::size_t kMaxEventId = 100;
constexpr std::size_t kMaxCallNote = 1000;

// Checks an event field by field into `v`; the time is parsed (RFC 3339, not more than a week
// old nor in the future).
EmergencyCall checked_call(const CallInput& in, UnixSeconds now, Validator& v);
std::string_view call_kind_code(CallKind kind);
std::string_view call_kind_label(CallKind kind);
std::optional<CallKind> call_kind_from_code(std::string_view code);
// The care team's post: 【緊急通報】救急要請, when, from which centre, the note, the event id.
std::string call_post_body(const EmergencyCall& call, const std::string& gateway_name);

}  // namespace musubi::ems
