#include "disaster/disaster_service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "audit/audit_log.hpp"
#include "board/board_service.hpp"
#include "core/error.hpp"
#include "disaster/access.hpp"
#include "disaster/disaster_store.hpp"
#include "notice/notice_service.hpp"
#include "storage/storage.hpp"

namespace musubi::disaster {

namespace {

Disaster require_disaster(storage::Transaction& tx, const access::Actor& actor, DisasterId id) {
  auto d = tx.disaster().find_disaster(actor.region_id, id);
  if (!d) throw Error(ErrorCode::not_found, "災害対応が見つかりません");
  return std::move(*d);
}

void require_open(const Disaster& d) {
  if (!d.open()) throw Error(ErrorCode::conflict, "この災害対応は終了しています");
}

std::string areas_text(const Disaster& d) {
  if (d.areas.empty()) return "全域";
  std::string out;
  for (const auto& a : d.areas) out += (out.empty() ? "" : "、") + a.name;
  return out;
}

std::string title_of(const Disaster& d) {
  return fmt::format("【災害対応{}】{}", d.drill ? "・訓練" : "", d.name);
}

// What every care team with a 要援護者 in the areas reads on its board.
std::string open_post_body(const Disaster& d, std::string_view origin) {
  while (origin.ends_with('/')) origin.remove_suffix(1);
  return fmt::format(
      "{}\n種類: {}　対象地区: {}\n\nこの方は要援護者台帳に登録されています。安否を確認し、"
      "「安否確認」の画面から報告してください。\n{}/disaster/{}/mine",
      title_of(d), kind_label(d.kind), areas_text(d), origin, d.id.value());
}

std::string id_text(auto id) {
  return std::to_string(id.value());
}

Entry only_entry(storage::Transaction& tx, const Disaster& d, PersonId person_id) {
  auto found = tx.disaster().entries(d, {.person_id = person_id});
  if (found.empty()) {
    throw Error(ErrorCode::not_found, "この災害対応の要援護者台帳にない対象者です");
  }
  return std::move(found.front());
}

}  // namespace

std::vector<Disaster> DisasterService::list(const access::Actor& actor) {
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.disaster().disasters(actor.region_id, kListed); });
}

Disaster DisasterService::find(const access::Actor& actor, DisasterId id) {
  return storage_.read([&](storage::Transaction& tx) { return require_disaster(tx, actor, id); });
}

std::pair<Disaster, std::int64_t> DisasterService::open(const access::Actor& actor,
                                                        const OpenInput& in) {
  if (!actor.has(access::Role::region_admin)) {
    throw Error(ErrorCode::forbidden, "災害対応を開始できるのは地域管理者だけです");
  }
  Validator v;
  auto checked = checked_open(in, v);
  v.throw_if_any();
  auto opened = storage_.write([&](storage::Transaction& tx) {
    auto& store = tx.disaster();
    Disaster d{.region_id = actor.region_id,
               .name = checked.name,
               .kind = checked.kind,
               .drill = checked.drill,
               .started_at = clock_.now(),
               .opened_by_name = actor.name};
    for (auto area_id : checked.area_ids) {
      auto area = store.find_area(actor.region_id, area_id);
      if (!area) {
        throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                    {{"area_ids", "地区が見つかりません"}});
      }
      d.areas.push_back(std::move(*area));
    }
    d.id = store.add_disaster(d, actor.user_id);
    std::int64_t told = 0;
    const board::OutsidePost post{.body = open_post_body(d, public_origin_)};
    for (auto person_id : store.registered(actor.region_id, checked.area_ids)) {
      if (board_.post_from_outside(tx, actor, person_id, post)) ++told;
    }
    audit::record(tx, clock_, actor,
                  {.action = "disaster.open",
                   .target_type = "disaster",
                   .target_id = id_text(d.id),
                   .detail = fmt::format("kind={} drill={} areas={} teams={}", d.kind, d.drill,
                                         areas_text(d), told)});
    return std::pair{d, told};
  });
  board_.events_committed();
  if (notices_) {
    const auto& d = opened.first;
    try {
      notices_->publish(
          actor,
          {.title = title_of(d),
           .body = fmt::format("{}が始まりました（種類: {}、対象地区: {}）。担当の"
                               "要援護者の安否を確認し、Musubi で報告してください。",
                               d.drill ? "訓練" : "災害対応", kind_label(d.kind), areas_text(d)),
           .important = true});
    } catch (const std::exception& e) {
      // The disaster is open and the teams are told; the notice is a courtesy to everyone else.
      spdlog::warn("disaster {}: the notice to the region was not sent: {}", d.id.value(),
                   e.what());
    }
  }
  return opened;
}

Disaster DisasterService::close(const access::Actor& actor, DisasterId id) {
  if (!actor.has(access::Role::region_admin)) {
    throw Error(ErrorCode::forbidden, "災害対応を終了できるのは地域管理者だけです");
  }
  return storage_.write([&](storage::Transaction& tx) {
    auto d = require_disaster(tx, actor, id);
    require_open(d);
    tx.disaster().close_disaster(id, actor.user_id, clock_.now());
    audit::record(
        tx, clock_, actor,
        {.action = "disaster.close", .target_type = "disaster", .target_id = id_text(id)});
    return require_disaster(tx, actor, id);
  });
}

std::vector<Entry> DisasterService::mine(const access::Actor& actor, DisasterId id,
                                         std::int64_t& version) {
  auto entries = storage_.read([&](storage::Transaction& tx) {
    auto d = require_disaster(tx, actor, id);
    version = d.version;
    return tx.disaster().entries(d, {.team_member = actor.user_id});
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "disaster.mine",
                      .target_type = "disaster",
                      .target_id = id_text(id),
                      .detail = fmt::format("persons={}", entries.size())});
  return entries;
}

StatusReceipt DisasterService::report(const access::Actor& actor, DisasterId id,
                                      const StatusInput& in) {
  const auto now = clock_.now();
  const auto started = find(actor, id).started_at;
  Validator v;
  auto r = checked_status(in, started, now, v);
  v.throw_if_any();
  r.reported_by = actor.user_id;
  r.facility_id = actor.facility_id;
  std::int64_t version = 0;
  auto receipt = storage_.write([&](storage::Transaction& tx) {
    auto d = require_disaster(tx, actor, id);
    auto& store = tx.disaster();
    // The same tap sent again (a retry, the offline queue): its first answer, nothing changes.
    if (auto first = store.report_by_key(id, r.client_key)) {
      if (first->person_id != r.person_id || first->reported_by != actor.user_id) {
        throw Error(ErrorCode::conflict, "この client_key は別の報告に使われています");
      }
      return StatusReceipt{.report = std::move(*first), .replayed = true};
    }
    require_open(d);
    if (!is_team_member(tx, actor, r.person_id)) {
      throw Error(ErrorCode::forbidden, "この対象者のケアチームのメンバーではありません");
    }
    only_entry(tx, d, r.person_id);
    std::tie(r.id, version) = store.add_report(id, r);
    audit::record(tx, clock_, actor,
                  {.action = "disaster.status",
                   .target_type = "person",
                   .target_id = id_text(r.person_id),
                   .detail = fmt::format("disaster={} status={} key={}", id.value(),
                                         status_code(r.status), r.client_key)});
    // Read back with the reporter's and facility's names.
    return StatusReceipt{.report = store.report_by_key(id, r.client_key).value_or(r)};
  });
  if (!receipt.replayed) changed(actor.region_id, id, version);
  return receipt;
}

std::pair<Entry, std::vector<Report>> DisasterService::person(const access::Actor& actor,
                                                              DisasterId id, PersonId person_id) {
  auto found = storage_.read([&](storage::Transaction& tx) {
    auto d = require_disaster(tx, actor, id);
    require_city_or_team(tx, actor, person_id);
    auto entry = only_entry(tx, d, person_id);
    return std::pair{std::move(entry), tx.disaster().history(id, person_id, kHistory)};
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "disaster.person",
                      .target_type = "person",
                      .target_id = id_text(person_id),
                      .detail = fmt::format("disaster={}", id.value())});
  return found;
}

Summary DisasterService::summary(const access::Actor& actor, DisasterId id) {
  require_city(actor);
  Summary out;
  storage_.read([&](storage::Transaction& tx) {
    auto d = require_disaster(tx, actor, id);
    out.version = d.version;
    std::map<std::int64_t, std::size_t> area_at;  // area id (0: none) → index in out.areas
    std::map<int, Tally> priorities;
    for (const auto& row : tx.disaster().tallies(d)) {
      const auto key = row.area_id ? row.area_id->value() : 0;
      auto [it, added] = area_at.try_emplace(key, out.areas.size());
      if (added) {
        out.areas.push_back(
            {.area_id = row.area_id, .name = row.area_id ? row.area_name : "地区未設定"});
      }
      for (std::int64_t i = 0; i < row.count; ++i) {
        out.totals.add(row.status);
        out.areas[it->second].tally.add(row.status);
        priorities[row.priority].add(row.status);
      }
    }
    for (auto& [priority, tally] : priorities) out.priorities.emplace_back(priority, tally);
  });
  audit::record_read(
      storage_, clock_, actor,
      {.action = "disaster.summary", .target_type = "disaster", .target_id = id_text(id)});
  return out;
}

MapData DisasterService::map(const access::Actor& actor, DisasterId id,
                             std::optional<std::int64_t> since) {
  require_city(actor);
  MapData out{.full = !since};
  storage_.read([&](storage::Transaction& tx) {
    auto d = require_disaster(tx, actor, id);
    out.version = d.version;
    out.items = tx.disaster().entries(d, {.after_version = since});
    const auto outage = tx.disaster().in_outage(actor.region_id);
    for (auto& e : out.items) {
      e.in_outage = std::binary_search(outage.begin(), outage.end(), e.person_id);
    }
  });
  audit::record_read(
      storage_, clock_, actor,
      {.action = "disaster.map",
       .target_type = "disaster",
       .target_id = id_text(id),
       .detail = fmt::format("since={} persons={}", since.value_or(0), out.items.size())});
  return out;
}

MapPoints DisasterService::map_points(const access::Actor& actor, DisasterId id,
                                      std::optional<std::int64_t> since) {
  require_city(actor);
  MapPoints out{.full = !since};
  storage_.read([&](storage::Transaction& tx) {
    auto d = require_disaster(tx, actor, id);
    out.version = d.version;
    out.areas = tx.disaster().areas(actor.region_id);
    out.items = tx.disaster().map_points(d, since);
    const auto outage = tx.disaster().in_outage(actor.region_id);
    for (auto& p : out.items) {
      p.in_outage = std::binary_search(outage.begin(), outage.end(), p.person_id);
    }
  });
  audit::record_read(
      storage_, clock_, actor,
      {.action = "disaster.map",
       .target_type = "disaster",
       .target_id = id_text(id),
       .detail = fmt::format("since={} persons={} points", since.value_or(0), out.items.size())});
  return out;
}

Entry DisasterService::set_label(const access::Actor& actor, DisasterId id, PersonId person_id,
                                 const std::string& label) {
  require_city(actor);
  if (!is_label(label)) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"label", "ラベルは red・blue・yellow のいずれか、または空です"}});
  }
  std::int64_t version = 0;
  auto entry = storage_.write([&](storage::Transaction& tx) {
    auto d = require_disaster(tx, actor, id);
    require_open(d);
    only_entry(tx, d, person_id);
    version = tx.disaster().set_label(id, person_id, label);
    audit::record(tx, clock_, actor,
                  {.action = "disaster.label",
                   .target_type = "person",
                   .target_id = id_text(person_id),
                   .detail = fmt::format("disaster={} label={}", id.value(), label)});
    d.version = version;
    return only_entry(tx, d, person_id);
  });
  changed(actor.region_id, id, version);
  return entry;
}

PrintList DisasterService::print_list(const access::Actor& actor, DisasterId id,
                                      std::optional<AreaId> area, std::optional<Status> status) {
  require_city(actor);
  PrintList list{.printed_at = clock_.now()};
  storage_.read([&](storage::Transaction& tx) {
    list.disaster = require_disaster(tx, actor, id);
    std::vector<PersonId> ids;
    for (auto& e : tx.disaster().entries(list.disaster, {})) {
      if ((area && e.area_id != area) || (status && e.status != *status)) continue;
      ids.push_back(e.person_id);
      list.lines.push_back({.entry = std::move(e)});
    }
    auto contacts = tx.disaster().team_contacts(actor.region_id, ids);
    for (auto& line : list.lines) line.contact = contacts[line.entry.person_id];
  });
  // By area (those without one last), keeping the priority order inside each.
  std::stable_sort(list.lines.begin(), list.lines.end(), [](const auto& a, const auto& b) {
    return std::pair{a.entry.area_name.empty(), a.entry.area_name} <
           std::pair{b.entry.area_name.empty(), b.entry.area_name};
  });
  std::vector<std::string> parts;
  if (area && !list.lines.empty()) parts.push_back(list.lines.front().entry.area_name);
  if (status) parts.emplace_back(statuses()[static_cast<std::size_t>(*status)].label);
  for (const auto& part : parts) list.filter += (list.filter.empty() ? "" : "・") + part;
  audit::record_read(
      storage_, clock_, actor,
      {.action = "disaster.print",
       .target_type = "disaster",
       .target_id = id_text(id),
       .detail = fmt::format("area={} status={} persons={}", area ? area->value() : 0,
                             status ? status_code(*status) : "", list.lines.size())});
  return list;
}

}  // namespace musubi::disaster
