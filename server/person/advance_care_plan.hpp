// もしものとき（人生会議・ACP）: what the person wants should their condition change — in their
// own words, who decides for them when they cannot, which treatments they want, where they want
// to be cared for and to die. ACP is a process: each conversation is a new entry with its date
// and who took part, and every earlier one stays readable.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/validation.hpp"

namespace musubi::person {

struct AcpParticipant {
  std::string name;
  std::string role;  // 本人, 長女, 主治医, ケアマネジャー …

  bool operator==(const AcpParticipant&) const = default;
};

struct Proxy {
  std::string name;
  std::string relation;
  std::string phone;

  bool operator==(const Proxy&) const = default;
};

struct AdvanceCarePlan {
  std::string discussed_on;  // the conversation's day (ISO)
  std::vector<AcpParticipant> participants;
  std::string wishes;  // 本人の言葉で
  std::string values;  // 大切にしていること
  Proxy proxy;         // 代理意思決定者
  // life_sustaining_treatments code → treatment_preferences code
  std::map<std::string, std::string> treatments;
  std::string place_of_care;  // places_of_care code
  std::string place_of_care_note;
  std::string place_of_death;  // places_of_care code
  std::string place_of_death_note;
  std::string notes;

  bool operator==(const AdvanceCarePlan&) const = default;
};

struct AcpEntry {
  std::int64_t version = 0;
  AdvanceCarePlan plan;
  std::int64_t recorded_by = 0;
  std::string recorded_by_name;
  UnixSeconds recorded_at = 0;
};

void validate(AdvanceCarePlan& plan, Validator& v);

// The few words a team page and an emergency view show first: 「心肺蘇生: 希望しない・最期: 自宅」.
std::string headline(const AdvanceCarePlan& plan);

}  // namespace musubi::person
