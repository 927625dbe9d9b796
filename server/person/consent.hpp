// 同意書: the person's (or a proxy's) consent to share their information — who consented, when,
// until when, with whom (the team's professionals or only some facilities and professions,
// family, the fire department in an emergency) — with the signed paper attached. A team without
// a valid consent shows a warning; which actions need one is the region's choice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace musubi::person {

struct ConsentScope {
  // Every professional on the care team; when false, only those of `facility_ids` or
  // `profession_ids`.
  bool care_team = true;
  std::vector<std::int64_t> facility_ids;
  std::vector<std::int64_t> profession_ids;
  bool family = false;  // shared with family members' accounts
  bool ems = false;     // disclosed to the fire department in an emergency

  bool operator==(const ConsentScope&) const = default;
};

struct ConsentInput {
  std::string consenter;  // "self" (本人) or "proxy" (代理人)
  std::string consenter_name;
  std::string proxy_relation;
  std::string consented_on;
  std::string expires_on;  // "" when open-ended
  ConsentScope scope;
  std::optional<std::int64_t> document_attachment_id;  // an upload of the signed paper
  std::string note;
};

struct Consent {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string consenter;
  std::string consenter_name;
  std::string proxy_relation;
  std::string consented_on;
  std::string expires_on;
  ConsentScope scope;
  std::optional<std::int64_t> document_attachment_id;
  std::string document_name;
  std::string note;
  std::int64_t recorded_by = 0;
  std::string recorded_by_name;
  UnixSeconds recorded_at = 0;
  std::optional<UnixSeconds> withdrawn_at;
  std::string withdrawn_by_name;
  std::string withdrawn_reason;
};

enum class ConsentState { missing, valid, expiring, expired, withdrawn };
std::string_view consent_state_code(ConsentState state);

struct ConsentStatus {
  ConsentState state = ConsentState::missing;
  std::optional<Consent> current;  // the consent the state is about
};

// Consents expiring within this many days are flagged so that the team renews them in time.
constexpr int kConsentRenewalDays = 30;

// The state of a person's consent on `today` (ISO date) from all their consents, newest first:
// the newest one that has begun and is not withdrawn decides.
ConsentStatus consent_status(const std::vector<Consent>& newest_first, const std::string& today);

// Whether a professional of this facility and profession is within the consent's scope.
bool covers(const ConsentScope& scope, std::int64_t facility_id, std::int64_t profession_id);

void validate(ConsentInput& input, Validator& v);

}  // namespace musubi::person
