#include "person/advance_care_plan.hpp"

#include <fmt/format.h>

#include "core/text.hpp"
#include "person/record_codes.hpp"

namespace musubi::person {

namespace {

constexpr std::size_t kMaxParticipants = 20;

}  // namespace

void validate(AdvanceCarePlan& p, Validator& v) {
  p.discussed_on = v.date("discussed_on", p.discussed_on, true);
  if (p.participants.empty()) {
    v.add("participants", "話し合いに参加した人を1人以上入力してください");
  }
  if (p.participants.size() > kMaxParticipants) {
    v.add("participants", fmt::format("{}人までにしてください", kMaxParticipants));
  }
  for (std::size_t i = 0; i < p.participants.size() && i < kMaxParticipants; ++i) {
    auto& x = p.participants[i];
    x.name = v.text(fmt::format("participants[{}].name", i), x.name, 50, true);
    x.role = v.text(fmt::format("participants[{}].role", i), x.role, 30, false);
  }
  p.wishes = v.text("wishes", p.wishes, 4000, false, true);
  p.values = v.text("values", p.values, 2000, false, true);
  p.proxy.name = v.text("proxy.name", p.proxy.name, 50, false);
  p.proxy.relation = v.text("proxy.relation", p.proxy.relation, 30, false);
  p.proxy.phone = v.phone("proxy.phone", p.proxy.phone, false);
  check_code_map(v, "treatments", p.treatments, life_sustaining_treatments(),
                 treatment_preferences());
  check_code(v, "place_of_care", p.place_of_care, places_of_care());
  p.place_of_care_note = v.text("place_of_care_note", p.place_of_care_note, 200, false);
  check_code(v, "place_of_death", p.place_of_death, places_of_care());
  p.place_of_death_note = v.text("place_of_death_note", p.place_of_death_note, 200, false);
  p.notes = v.text("notes", p.notes, 2000, false, true);
  if (p.wishes.empty() && p.treatments.empty() && p.place_of_care.empty() &&
      p.place_of_death.empty() && p.proxy.name.empty() && p.values.empty()) {
    v.add("wishes",
          "話し合った内容（本人の言葉、希望する医療や場所など）を1つ以上記録してください");
  }
}

std::string headline(const AdvanceCarePlan& p) {
  std::vector<std::string> parts;
  if (auto cpr = p.treatments.find("cpr"); cpr != p.treatments.end()) {
    parts.push_back(fmt::format("心肺蘇生: {}", treatment_preferences().label(cpr->second)));
  }
  if (!p.place_of_care.empty()) {
    parts.push_back(fmt::format("療養: {}", places_of_care().label(p.place_of_care)));
  }
  if (!p.place_of_death.empty()) {
    parts.push_back(fmt::format("最期: {}", places_of_care().label(p.place_of_death)));
  }
  if (!p.proxy.name.empty()) {
    parts.push_back(fmt::format("代理: {}{}", p.proxy.name,
                                p.proxy.relation.empty() ? "" : "（" + p.proxy.relation + "）"));
  }
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "・") + part;
  return out;
}

}  // namespace musubi::person
