#include "ems/transport.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/clock.hpp"

namespace musubi::ems {

namespace {

constexpr UnixSeconds kWeek = UnixSeconds{7} * 24 * 3600;
constexpr UnixSeconds kClockSlack = UnixSeconds{10} * 60;  // a crew's phone a few minutes ahead
constexpr std::size_t kMaxHospitalName = 100;

}  // namespace

const std::vector<OutcomeInfo>& transport_outcomes() {
  static const std::vector<OutcomeInfo> outcomes = {
      {TransportOutcome::transported, "transported", "搬送"},
      {TransportOutcome::not_transported, "not_transported", "不搬送"},
      {TransportOutcome::treated_on_site, "treated_on_site", "現場処置"}};
  return outcomes;
}

std::optional<TransportOutcome> transport_outcome_from_code(std::string_view code) {
  const auto& all = transport_outcomes();
  auto found = std::find_if(all.begin(), all.end(), [&](const auto& o) { return o.code == code; });
  if (found == all.end()) return std::nullopt;
  return found->outcome;
}

namespace {

const OutcomeInfo& info_of(TransportOutcome outcome) {
  const auto& all = transport_outcomes();
  return *std::find_if(all.begin(), all.end(), [&](const auto& o) { return o.outcome == outcome; });
}

}  // namespace

std::string_view transport_outcome_code(TransportOutcome outcome) {
  return info_of(outcome).code;
}

std::string_view transport_outcome_label(TransportOutcome outcome) {
  return info_of(outcome).label;
}

TransportInput checked_transport(const TransportInput& in, UnixSeconds now, Validator& v) {
  TransportInput out = in;
  auto outcome = transport_outcome_from_code(in.outcome);
  if (!outcome) v.add("outcome", "搬送・不搬送・現場処置のどれかを選んでください");
  if (in.occurred_at > now + kClockSlack) {
    v.add("occurred_at", "未来の日時は入力できません");
  } else if (in.occurred_at < now - kWeek) {
    v.add("occurred_at", "1週間より前の活動は報告できません");
  }
  out.hospital_name = v.text("hospital_name", in.hospital_name, kMaxHospitalName, false);
  out.note = v.text("note", in.note, kMaxTransportNote, false, true);
  if (outcome == TransportOutcome::transported && !in.hospital_id && out.hospital_name.empty()) {
    v.add("hospital_name", "搬送先の病院を選ぶか入力してください");
  }
  return out;
}

std::string transport_post_body(const Transport& t) {
  std::string body = fmt::format("【救急隊からの報告】{}\n日時: {}\n",
                                 transport_outcome_label(t.outcome), jst_minute(t.occurred_at));
  if (!t.hospital_name.empty()) body += fmt::format("搬送先: {}\n", t.hospital_name);
  if (!t.fire_facility.empty()) body += fmt::format("報告: {}\n", t.fire_facility);
  if (!t.incident.empty()) body += fmt::format("事案番号: {}\n", t.incident);
  if (!t.note.empty()) body += fmt::format("\n{}", t.note);
  return body;
}

}  // namespace musubi::ems
