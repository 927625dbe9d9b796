#include "person/consent.hpp"

#include <algorithm>

#include "core/clock.hpp"

namespace musubi::person {

std::string_view consent_state_code(ConsentState state) {
  switch (state) {
    case ConsentState::missing:
      return "missing";
    case ConsentState::valid:
      return "valid";
    case ConsentState::expiring:
      return "expiring";
    case ConsentState::expired:
      return "expired";
    case ConsentState::withdrawn:
      return "withdrawn";
  }
  return "missing";
}

ConsentStatus consent_status(const std::vector<Consent>& newest_first, const std::string& today) {
  for (const auto& c : newest_first) {
    if (c.consented_on > today) continue;  // recorded ahead of its day
    if (c.withdrawn_at) return {ConsentState::withdrawn, c};
    if (!c.expires_on.empty() && c.expires_on < today) return {ConsentState::expired, c};
    if (!c.expires_on.empty() && c.expires_on < add_days(today, kConsentRenewalDays)) {
      return {ConsentState::expiring, c};
    }
    return {ConsentState::valid, c};
  }
  return {ConsentState::missing, std::nullopt};
}

bool covers(const ConsentScope& scope, std::int64_t facility_id, std::int64_t profession_id) {
  if (scope.care_team) return true;
  auto has = [](const std::vector<std::int64_t>& ids, std::int64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  return has(scope.facility_ids, facility_id) || has(scope.profession_ids, profession_id);
}

void validate(ConsentInput& in, Validator& v) {
  if (in.consenter != "self" && in.consenter != "proxy") {
    v.add("consenter", "本人か代理人かを選んでください");
  }
  in.consenter_name = v.text("consenter_name", in.consenter_name, 50, true);
  in.proxy_relation = v.text("proxy_relation", in.proxy_relation, 30, in.consenter == "proxy");
  const auto before = v.errors().size();
  in.consented_on = v.date("consented_on", in.consented_on, true);
  in.expires_on = v.date("expires_on", in.expires_on, false);
  if (v.errors().size() == before && !in.expires_on.empty() && in.expires_on < in.consented_on) {
    v.add("expires_on", "有効期限が同意日より前です");
  }
  if (!in.scope.care_team && in.scope.facility_ids.empty() && in.scope.profession_ids.empty()) {
    v.add("scope", "共有してよい施設か職種を1つ以上選んでください");
  }
  if (in.scope.facility_ids.size() > 100 || in.scope.profession_ids.size() > 100) {
    v.add("scope", "選べるのは100件までです");
  }
  in.note = v.text("note", in.note, 1000, false, true);
}

}  // namespace musubi::person
