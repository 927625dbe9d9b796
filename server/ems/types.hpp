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

// The emergency view: the latest saved version of each part, with its date.
struct EmergencyView {
  PersonId id;
  person::PersonFields fields;
  int age = 0;
  std::optional<person::AcpEntry> acp;  // もしものとき: the newest entry
  std::optional<person::SummaryVersion> summary;
  std::string consent_expires_on;  // "" when open-ended
};

}  // namespace musubi::ems
