#include "ems/ems_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "core/wareki.hpp"
#include "ems/ems_store.hpp"
#include "person/consent.hpp"
#include "person/person_store.hpp"
#include "person/record_store.hpp"
#include "storage/storage.hpp"

namespace musubi::ems {

namespace {

constexpr const char* kNoConsent = "情報提供の同意がありません";
constexpr UnixSeconds kHour = 3600;

// Disclosed to the fire department today: the person's current consent is valid and says so.
bool discloses(const std::vector<person::Consent>* newest_first, const std::string& today) {
  if (!newest_first) return false;
  auto status = person::consent_status(*newest_first, today);
  const bool usable =
      status.state == person::ConsentState::valid || status.state == person::ConsentState::expiring;
  return usable && status.current->scope.ems;
}

int age_today(const std::string& birth_date, const std::string& today) {
  auto birth = wareki::parse(birth_date, false);
  auto now = wareki::parse(today, false);
  return birth.date && now.date ? wareki::age_on(*birth.date, *now.date) : 0;
}

// What every lookup's audit entry says: the reason, the incident, and what was asked or shown.
std::string reason_detail(const LookupReason& reason, const std::string& rest) {
  return fmt::format("reason={} incident={} {}", reason.code, reason.incident, rest);
}

}  // namespace

EmsService::EmsService(storage::Storage& storage, const Clock& clock,
                       std::int64_t searches_per_hour)
    : storage_(storage), clock_(clock), searches_(searches_per_hour, kHour) {}

void EmsService::require_crew(const access::Actor& actor) const {
  if (!actor.has(access::Role::ems)) {
    throw Error(ErrorCode::forbidden, "救急情報連携は消防の利用者だけが使えます");
  }
}

SearchResult EmsService::search(const access::Actor& actor, const SearchInput& input,
                                const LookupReason& reason) {
  require_crew(actor);
  Validator v;
  auto criteria = criteria_from(input, v);
  v.throw_if_any();
  const auto now = clock_.now();
  const auto key = std::to_string(actor.user_id.value());
  if (searches_.exhausted(key, now)) {
    audit::record_read(storage_, clock_, actor,
                       {.action = "ems.search",
                        .target_type = "person",
                        .outcome = "denied",
                        .detail = reason_detail(reason, "rate_limited")});
    throw Error(ErrorCode::too_many_requests,
                "検索の回数が上限に達しました。しばらくしてから検索してください");
  }
  searches_.count(key, now);
  const auto today = jst_date(now);
  SearchResult result;
  storage_.read([&](storage::Transaction& tx) {
    auto matches = tx.ems().search(actor.region_id, criteria, kMaxResults, kCountCap);
    result.total = std::min(matches.total, kCountCap);
    result.total_capped = matches.total > kCountCap;
    std::vector<person::Id> ids;
    for (const auto& p : matches.persons) ids.push_back(p.id);
    auto consents = tx.records().consents_of(ids);
    for (const auto& p : matches.persons) {
      auto found = consents.find(p.id);
      Candidate c{
          .id = PersonId{p.id},
          .consented = discloses(found == consents.end() ? nullptr : &found->second, today)};
      if (c.consented) {
        c.fields = p.fields;
        c.age = age_today(p.fields.birth_date, today);
      } else {
        c.id = PersonId{};  // not even which person: the crew asks the family instead
      }
      result.items.push_back(std::move(c));
    }
  });
  std::stable_partition(result.items.begin(), result.items.end(),
                        [](const Candidate& c) { return c.consented; });
  std::string shown;
  for (const auto& c : result.items) {
    if (c.consented) shown += fmt::format("{}{}", shown.empty() ? "" : ",", c.id.value());
  }
  audit::record_read(storage_, clock_, actor,
                     {.action = "ems.search",
                      .target_type = "person",
                      .target_id = shown,
                      .detail = reason_detail(reason, fmt::format("matches={}", result.total))});
  return result;
}

EmergencyView EmsService::view(const access::Actor& actor, PersonId person_id,
                               const LookupReason& reason) {
  require_crew(actor);
  const auto today = jst_date(clock_.now());
  auto found = storage_.read([&](storage::Transaction& tx) -> std::optional<EmergencyView> {
    auto person = tx.persons().find(actor.region_id, person_id);
    if (!person) return std::nullopt;
    auto consents = tx.records().consents(person_id);
    if (!discloses(&consents, today)) return std::nullopt;
    EmergencyView view{.id = person_id,
                       .fields = person->fields,
                       .age = age_today(person->fields.birth_date, today)};
    view.consent_expires_on = person::consent_status(consents, today).current->expires_on;
    if (auto acp = tx.records().acp_entries(person_id); !acp.empty()) view.acp = acp.front();
    view.summary = tx.records().summary(person_id, std::nullopt);
    return view;
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "ems.view",
                      .target_type = "person",
                      .target_id = std::to_string(person_id.value()),
                      .outcome = found ? "success" : "denied",
                      .detail = reason_detail(reason, "")});
  // A person of another region, one who does not exist and one without consent look the same.
  if (!found) throw Error(ErrorCode::not_found, kNoConsent);
  return std::move(*found);
}

}  // namespace musubi::ems
