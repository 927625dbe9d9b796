// The emergency lookup (救急情報連携, C7): a fire department's crew or dispatcher finds a person
// and sees what matters for the next ten minutes. Only persons whose consent discloses their
// information to the fire department are shown; every lookup names its reason and incident.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "person/advance_care_plan.hpp"
#include "person/summary.hpp"
#include "person/types.hpp"

namespace musubi::ems {

// Why a crew looks someone up; the audit entry of every search and view carries it.
struct LookupReason {
  std::string code;      // lookup_reasons(): dispatch, desk, training
  std::string incident;  // 事案番号 as the fire department writes it
};

struct ReasonInfo {
  std::string_view code;
  std::string_view label;
};
const std::vector<ReasonInfo>& lookup_reasons();  // 救急出場, 指令台での確認, 訓練

// What a crew typed, checked and made comparable (the store's terms). At least one criterion
// narrows; sex alone does not.
struct SearchCriteria {
  std::string name_key;         // text::search_key of the kana (or else the name) typed
  std::string second_name_key;  // the name's, when both were typed and differ
  std::string birth_from;       // ISO, inclusive: a whole year or month when only that was typed
  std::string birth_until;      // ISO, exclusive
  std::string phone_key;        // text::phone_key of the digits typed (the last ones suffice)
  std::string address_part;     // part of the address, NFKC
  std::optional<person::Sex> sex;
};

// A person found: who they are, enough for the crew to tell the right one, or only that a match
// has not consented.
struct Candidate {
  PersonId id;
  bool consented = false;  // false: nothing else is filled in
  person::PersonFields fields;
  int age = 0;
};

struct SearchResult {
  std::vector<Candidate> items;  // at most kMaxResults, consented ones first
  std::int64_t total = 0;        // every match, up to kCountCap
  bool total_capped = false;
};
constexpr std::int64_t kMaxResults = 50;
constexpr std::int64_t kCountCap = 1000;

// What a crew reports after a call (活動内容を共有する): kept in the person's 活動履歴, posted to
// the care team and shown in the emergency view next time.
enum class TransportOutcome { transported, not_transported, treated_on_site };
struct OutcomeInfo {
  TransportOutcome outcome;
  std::string_view code;
  std::string_view label;
};
const std::vector<OutcomeInfo>& transport_outcomes();  // 搬送, 不搬送, 現場処置
std::optional<TransportOutcome> transport_outcome_from_code(std::string_view code);
std::string_view transport_outcome_code(TransportOutcome outcome);
std::string_view transport_outcome_label(TransportOutcome outcome);

struct TransportInput {
  UnixSeconds occurred_at = 0;
  std::string outcome;                    // a transport_outcomes() code
  std::optional<FacilityId> hospital_id;  // one of the region's hospitals or clinics
  std::string hospital_name;              // typed, when it is not in the region
  std::string note;
};

struct Transport {
  std::int64_t id = 0;
  PersonId person_id;
  std::optional<FacilityId> fire_facility_id;  // the reporting crew's station
  std::string fire_facility;
  UserId reported_by;
  UnixSeconds occurred_at = 0;
  TransportOutcome outcome = TransportOutcome::transported;
  std::optional<FacilityId> hospital_id;
  std::string hospital_name;  // the facility's name when chosen from the region
  std::string note;
  std::string incident;
  std::optional<PostId> post_id;  // on the care team's board, when the person has a team
  UnixSeconds created_at = 0;
};
constexpr std::size_t kMaxTransportNote = 1000;
constexpr std::int64_t kTransportsShown = 20;

// A crew's look at a person, as the care team sees it: when, and from which fire facility.
struct CrewView {
  UnixSeconds at = 0;
  std::string fire_facility;
};

// What the care team sees of the fire department's work for its person (活動履歴).
struct TeamActivity {
  std::vector<CrewView> views;  // newest first, the last kActivityDays
  std::vector<Transport> transports;
};
constexpr int kActivityDays = 30;

// 私の大切な情報カード: its number is printed, its token is in the QR code (an address that opens
// the emergency view for a signed-in crew only).
struct PersonCard {
  std::int64_t id = 0;
  PersonId person_id;
  std::string number;  // 「1234-5678-9012」
  std::string token;   // random, in the QR code's address
  UserId issued_by;
  std::string issued_by_name;  // filled on reading
  UnixSeconds issued_at = 0;
};

// Whom a crew calls about the person besides the family: the care team's care manager and the
// city office.
struct ContactLine {
  std::string role;  // 「ケアマネジャー」, 「市の窓口」
  std::string name;
  std::string facility;
  std::string phone;
};

// The emergency view: the latest saved version of each part, with its date.
struct EmergencyView {
  PersonId id;
  person::PersonFields fields;
  int age = 0;
  std::optional<person::AcpEntry> acp;  // もしものとき: the newest entry
  std::optional<person::SummaryVersion> summary;
  std::string consent_expires_on;     // "" when open-ended
  std::vector<Transport> transports;  // 活動履歴, newest first
  std::optional<ContactLine> team_contact;
  std::vector<ContactLine> city_contacts;
};

}  // namespace musubi::ems
