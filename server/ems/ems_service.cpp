#include "ems/ems_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "audit/audit_log.hpp"
#include "board/access.hpp"
#include "board/board_service.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/wareki.hpp"
#include "ems/ems_store.hpp"
#include "ems/lookup_review.hpp"
#include "ems/transport.hpp"
#include "person/consent.hpp"
#include "person/person_store.hpp"
#include "person/record_store.hpp"
#include "region/region_store.hpp"
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

// A member of the person's care team who sees the record (not a contact asked one request).
void require_record_member(storage::Transaction& tx, const access::Actor& actor,
                           PersonId person_id) {
  auto team = tx.boards().find_by_person(actor.region_id, person_id);
  if (!team) throw Error(ErrorCode::not_found, board::kNoBoard);
  auto [board, me] = board::require_member(tx, actor, team->id);
  if (me.request_only) throw Error(ErrorCode::forbidden, "依頼への返信だけができるメンバーです");
}

// 「1234-5678-9012」: twelve random digits, read out or typed by a crew.
std::string card_number() {
  const auto hex = crypto::random_hex(6);
  std::string out;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    const char c = hex[i];
    out += static_cast<char>('0' + (c <= '9' ? c - '0' : c - 'a' + 10) % 10);
  }
  return out;
}

// The care team's care manager (else its first administrator), reached at their own phone or
// their facility's.
std::optional<ContactLine> team_contact(storage::Transaction& tx, RegionId region_id,
                                        PersonId person_id) {
  auto team = tx.boards().find_by_person(region_id, person_id);
  if (!team) return std::nullopt;
  auto members = tx.boards().members(team->id);
  auto chosen = std::find_if(members.begin(), members.end(),
                             [](const auto& m) { return m.team_role == "care_manager"; });
  if (chosen == members.end()) {
    chosen = std::find_if(members.begin(), members.end(), [](const auto& m) { return m.is_admin; });
  }
  if (chosen == members.end()) return std::nullopt;
  auto user = tx.users().find(region_id, chosen->user_id);
  if (!user) return std::nullopt;
  ContactLine line{.role = chosen->team_role == "care_manager" ? "ケアマネジャー" : "ケアチーム",
                   .name = chosen->name,
                   .facility = chosen->facility_name,
                   .phone = user->phone};
  if (line.phone.empty() && user->facility_id) {
    if (auto f = tx.facilities().find(region_id, *user->facility_id)) line.phone = f->phone;
  }
  return line;
}

std::vector<ContactLine> city_contacts(storage::Transaction& tx, RegionId region_id) {
  std::vector<ContactLine> out;
  for (const auto& f :
       tx.facilities().list(region_id, {.kind = region::FacilityKind::city_office})) {
    out.push_back({.role = "市の窓口", .name = f.name, .phone = f.phone});
  }
  return out;
}

// The persons an entry names: "12" or "12,15,40".
std::vector<PersonId> ids_in(std::string_view list) {
  std::vector<PersonId> ids;
  while (!list.empty()) {
    auto comma = list.find(',');
    auto item = list.substr(0, comma);
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (ec == std::errc() && end == item.data() + item.size() && value > 0) {
      ids.emplace_back(value);
    }
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return ids;
}

}  // namespace

EmsService::EmsService(storage::Storage& storage, const Clock& clock, board::BoardService& board,
                       std::int64_t searches_per_hour)
    : storage_(storage), clock_(clock), board_(board), searches_(searches_per_hour, kHour) {}

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
                        .detail = lookup_detail(reason, "rate_limited")});
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
                      .detail = lookup_detail(reason, fmt::format("matches={}", result.total))});
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
    view.transports = tx.ems().transports(person_id, kTransportsShown);
    view.team_contact = team_contact(tx, actor.region_id, person_id);
    view.city_contacts = city_contacts(tx, actor.region_id);
    return view;
  });
  // Chained at once, not through the read journal: the care team's 「救急隊が閲覧しました」 reads
  // it from the log.
  storage_.write([&](storage::Transaction& tx) {
    audit::record(tx, clock_, actor,
                  {.action = "ems.view",
                   .target_type = "person",
                   .target_id = std::to_string(person_id.value()),
                   .outcome = found ? "success" : "denied",
                   .detail = lookup_detail(reason, "")});
  });
  // A person of another region, one who does not exist and one without consent look the same.
  if (!found) throw Error(ErrorCode::not_found, kNoConsent);
  return std::move(*found);
}

Transport EmsService::report_transport(const access::Actor& actor, PersonId person_id,
                                       const TransportInput& input, const LookupReason& reason) {
  require_crew(actor);
  const auto now = clock_.now();
  Validator v;
  auto in = checked_transport(input, now, v);
  v.throw_if_any();
  const auto today = jst_date(now);
  auto written = storage_.write([&](storage::Transaction& tx) -> std::optional<Transport> {
    auto person = tx.persons().find(actor.region_id, person_id);
    if (!person) return std::nullopt;
    auto consents = tx.records().consents(person_id);
    if (!discloses(&consents, today)) return std::nullopt;
    Transport t{.person_id = person_id,
                .fire_facility_id = actor.facility_id,
                .reported_by = actor.user_id,
                .occurred_at = in.occurred_at,
                .outcome = *transport_outcome_from_code(in.outcome),
                .hospital_name = in.hospital_name,
                .note = in.note,
                .incident = reason.incident,
                .created_at = now};
    if (in.hospital_id) {
      auto hospital = tx.facilities().find(actor.region_id, *in.hospital_id);
      if (!hospital || !hospital->active) {
        throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                    {{"hospital_id", "搬送先の病院が見つかりません"}});
      }
      t.hospital_id = in.hospital_id;
      t.hospital_name = hospital->name;
    }
    if (actor.facility_id) {
      if (auto fire = tx.facilities().find(actor.region_id, *actor.facility_id)) {
        t.fire_facility = fire->name;
      }
    }
    board::OutsidePost post{.body = transport_post_body(t)};
    for (const auto& office :
         tx.facilities().list(actor.region_id, {.kind = region::FacilityKind::city_office})) {
      post.contacts_of.emplace_back(office.id);
    }
    t.post_id = board_.post_from_outside(tx, actor, person_id, post);
    t.id = tx.ems().add_transport(actor.region_id, t);
    audit::record(
        tx, clock_, actor,
        {.action = "ems.transport",
         .target_type = "person",
         .target_id = std::to_string(person_id.value()),
         .detail = lookup_detail(reason, fmt::format("transport={} outcome={}", t.id,
                                                     transport_outcome_label(t.outcome)))});
    return t;
  });
  if (!written) {
    audit::record_read(storage_, clock_, actor,
                       {.action = "ems.transport",
                        .target_type = "person",
                        .target_id = std::to_string(person_id.value()),
                        .outcome = "denied",
                        .detail = lookup_detail(reason, "")});
    throw Error(ErrorCode::not_found, kNoConsent);
  }
  board_.events_committed();
  return std::move(*written);
}

std::vector<region::Facility> EmsService::hospitals(const access::Actor& actor) {
  require_crew(actor);
  return storage_.read([&](storage::Transaction& tx) {
    return tx.facilities().list(actor.region_id, {.kind = region::FacilityKind::hospital});
  });
}

TeamActivity EmsService::team_activity(const access::Actor& actor, PersonId person_id) {
  const auto now = clock_.now();
  auto activity = storage_.read([&](storage::Transaction& tx) {
    require_record_member(tx, actor, person_id);
    return TeamActivity{
        .views = tx.ems().views(person_id, now - UnixSeconds{kActivityDays} * 24 * kHour, 10),
        .transports = tx.ems().transports(person_id, kTransportsShown)};
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "person.ems_activity",
                      .target_type = "person",
                      .target_id = std::to_string(person_id.value())});
  return activity;
}

std::vector<LookupRecord> EmsService::lookups(const access::Actor& actor,
                                              const LookupQuery& query) {
  // Region administrators only, and the read of the log is itself audited (audit::search).
  auto entries = audit::search(storage_, clock_, actor,
                               {.from = query.from,
                                .to = query.to,
                                .action_prefix = "ems.",
                                .limit = query.limit,
                                .before_id = query.before_id});
  std::vector<LookupRecord> out;
  std::vector<PersonId> persons;
  std::vector<UserId> crews;
  for (const auto& e : entries) {
    auto parsed = parse_lookup_detail(e.detail);
    LookupRecord r{.id = e.id,
                   .at = e.at,
                   .action = e.action.substr(e.action.find('.') + 1),
                   .outcome = e.outcome,
                   .crew_id = UserId{e.actor_user_id.value_or(0)},
                   .crew_login = e.actor_login,
                   .reason = parsed.reason,
                   .incident = parsed.incident,
                   .detail = parsed.rest};
    for (auto id : ids_in(e.target_id)) {
      r.persons.emplace_back(id, "");
      persons.push_back(id);
    }
    crews.push_back(r.crew_id);
    out.push_back(std::move(r));
  }
  auto names = storage_.read(
      [&](storage::Transaction& tx) { return tx.ems().names(actor.region_id, persons, crews); });
  for (auto& r : out) {
    if (auto c = names.crews.find(r.crew_id); c != names.crews.end()) {
      std::tie(r.crew_name, r.fire_facility) = c->second;
    }
    for (auto& [id, name] : r.persons) {
      if (auto p = names.persons.find(id); p != names.persons.end()) name = p->second;
    }
  }
  return out;
}

std::optional<PersonCard> EmsService::card(const access::Actor& actor, PersonId person_id) {
  auto card = storage_.read([&](storage::Transaction& tx) {
    require_record_member(tx, actor, person_id);
    return tx.ems().current_card(person_id);
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "person.card_read",
                      .target_type = "person",
                      .target_id = std::to_string(person_id.value())});
  return card;
}

PersonCard EmsService::issue_card(const access::Actor& actor, PersonId person_id) {
  return storage_.write([&](storage::Transaction& tx) {
    require_record_member(tx, actor, person_id);
    PersonCard card{.person_id = person_id,
                    .number = card_number(),
                    .token = crypto::random_token(18),
                    .issued_by = actor.user_id,
                    .issued_by_name = actor.name,
                    .issued_at = clock_.now()};
    card.id = tx.ems().issue_card(actor.region_id, card);
    audit::record(tx, clock_, actor,
                  {.action = "person.card_issue",
                   .target_type = "person",
                   .target_id = std::to_string(person_id.value()),
                   .detail = fmt::format("card={}", card.number)});
    return card;
  });
}

EmergencyView EmsService::view_by_card(const access::Actor& actor, const std::string& token,
                                       const LookupReason& reason) {
  require_crew(actor);
  auto card = storage_.read(
      [&](storage::Transaction& tx) { return tx.ems().card_by_token(actor.region_id, token); });
  if (!card) {
    storage_.write([&](storage::Transaction& tx) {
      audit::record(tx, clock_, actor,
                    {.action = "ems.card",
                     .target_type = "person",
                     .outcome = "denied",
                     .detail = lookup_detail(reason, "unknown card")});
    });
    throw Error(ErrorCode::not_found, "このカードは使えません（再発行されたか、登録がありません）");
  }
  return view(actor, card->person_id, reason);
}

}  // namespace musubi::ems
