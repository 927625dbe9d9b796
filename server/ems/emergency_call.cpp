#include "ems/emergency_call.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace musubi::ems {

namespace {

constexpr UnixSeconds kWeek = UnixSeconds{7} * 24 * 3600;
constexpr UnixSeconds kClockSlack = UnixSeconds{10} * 60;

bool printable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127; });
}

}  // namespace

const std::vector<CallKindInfo>& call_kinds() {
  static const std::vector<CallKindInfo> kinds = {
      {CallKind::call, "call", "通報"},
      {CallKind::ems_request, "ems_request", "救急要請"},
      {CallKind::welfare_check, "welfare_check", "安否確認依頼"}};
  return kinds;
}

std::optional<CallKind> call_kind_from_code(std::string_view code) {
  const auto& all = call_kinds();
  auto found = std::find_if(all.begin(), all.end(), [&](const auto& k) { return k.code == code; });
  if (found == all.end()) return std::nullopt;
  return found->kind;
}

std::string_view call_kind_code(CallKind kind) {
  return call_kinds()[static_cast<std::size_t>(kind)].code;
}

std::string_view call_kind_label(CallKind kind) {
  return call_kinds()[static_cast<std::size_t>(kind)].label;
}

EmergencyCall checked_call(const CallInput& in, UnixSeconds now, Validator& v) {
  EmergencyCall call;
  call.event_id = in.event_id;
  if (in.event_id.empty() || in.event_id.size() > kMaxEventId || !printable(in.event_id)) {
    v.add("event_id",
          fmt::format("通報の識別子（英数字・記号{}文字以内）を指定してください", kMaxEventId));
  }
  if (!in.person_id || *in.person_id <= 0) {
    v.add("person_id", "対象者のIDを指定してください");
  } else {
    call.person_id = PersonId{*in.person_id};
  }
  if (auto kind = call_kind_from_code(in.kind)) {
    call.kind = *kind;
  } else {
    v.add("kind",
          "種別は call（通報）、ems_request（救急要請）、welfare_check（安否確認依頼）の"
          "いずれかです");
  }
  if (auto at = parse_rfc3339(in.occurred_at)) {
    call.occurred_at = *at;
    if (*at > now + kClockSlack) v.add("occurred_at", "未来の日時です");
    if (*at < now - kWeek) v.add("occurred_at", "1週間より前の通報は受け付けません");
  } else {
    v.add("occurred_at", "日時は 2026-12-07T22:40:00+09:00 の形式で指定してください");
  }
  call.note = v.text("note", in.note, kMaxCallNote, false, true);
  return call;
}

std::string call_post_body(const EmergencyCall& call, const std::string& gateway_name) {
  std::string body =
      fmt::format("【緊急通報】{}\n日時: {}\n通報元: {}\n", call_kind_label(call.kind),
                  jst_minute(call.occurred_at), gateway_name);
  if (!call.note.empty()) body += fmt::format("\n{}\n", call.note);
  body += fmt::format("\n（受付番号: {}）", call.event_id);
  return body;
}

}  // namespace musubi::ems
