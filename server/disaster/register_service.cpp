#include "disaster/register_service.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "disaster/access.hpp"
#include "disaster/disaster_store.hpp"
#include "person/person_store.hpp"
#include "storage/storage.hpp"

namespace musubi::disaster {

namespace {

std::string reasons_text(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& r : reasons) out += (out.empty() ? "" : ",") + r;
  return out;
}

// The column a problem is about, as the ledger names it.
std::string column_of(const std::string& field) {
  static const std::map<std::string, std::string> names = {
      {"name", "氏名"},
      {"name_kana", "ふりがな"},
      {"birth_date", "生年月日"},
      {"sex", "性別"},
      {"postal_code", "郵便番号"},
      {"address", "住所"},
      {"phone", "電話番号"},
      {"reasons", "支援が必要な理由"},
      {"priority", "優先度"},
      {"latitude", "緯度"},
      {"note", "備考"},
      {"area", "地区"},
  };
  auto found = names.find(field);
  return found == names.end() ? field : found->second;
}

// Thrown to roll the import back after its rows were checked (a bad row, or only a check).
struct ImportRolledBack {};

// A row checked and matched, ready to be written.
struct ReadyRow {
  std::optional<PersonId> existing;
  person::PersonFields fields;
  SupportNeeds needs;
  std::string area_name;
};

}  // namespace

std::vector<Area> RegisterService::areas(const access::Actor& actor) {
  auto areas =
      storage_.read([&](storage::Transaction& tx) { return tx.disaster().areas(actor.region_id); });
  if (!is_city(actor)) {
    for (auto& a : areas) a.persons = 0;
  }
  return areas;
}

Area RegisterService::add_area(const access::Actor& actor, const std::string& name) {
  require_city(actor);
  Validator v;
  auto checked = v.text("name", name, kMaxAreaName, true);
  v.throw_if_any();
  return storage_.write([&](storage::Transaction& tx) {
    if (tx.disaster().find_area_by_name(actor.region_id, checked)) {
      throw Error(ErrorCode::conflict, "同じ名前の地区があります",
                  {{"name", "同じ名前の地区があります"}});
    }
    Area area{.id = tx.disaster().add_area(actor.region_id, checked, clock_.now()),
              .name = checked};
    audit::record(tx, clock_, actor,
                  {.action = "disaster.area_add",
                   .target_type = "area",
                   .target_id = std::to_string(area.id.value()),
                   .detail = checked});
    return area;
  });
}

std::optional<SupportNeeds> RegisterService::support_needs(const access::Actor& actor,
                                                           PersonId person_id) {
  auto needs = storage_.read([&](storage::Transaction& tx) {
    require_city_or_team(tx, actor, person_id);
    return tx.disaster().support_needs(actor.region_id, person_id);
  });
  audit::record_read(storage_, clock_, actor,
                     {.action = "person.support_needs_read",
                      .target_type = "person",
                      .target_id = std::to_string(person_id.value())});
  return needs;
}

std::optional<SupportNeeds> RegisterService::put_support_needs(const access::Actor& actor,
                                                               PersonId person_id,
                                                               const SupportNeedsInput& in) {
  Validator v;
  auto needs = checked_support_needs(in, v);
  v.throw_if_any();
  needs.person_id = person_id;
  return storage_.write([&](storage::Transaction& tx) -> std::optional<SupportNeeds> {
    require_city_or_team(tx, actor, person_id);
    auto& store = tx.disaster();
    if (!in.registered) {
      store.remove_support_needs(actor.region_id, person_id);
      audit::record(tx, clock_, actor,
                    {.action = "person.support_needs_remove",
                     .target_type = "person",
                     .target_id = std::to_string(person_id.value())});
      return std::nullopt;
    }
    if (needs.area_id && !store.find_area(actor.region_id, *needs.area_id)) {
      throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                  {{"area_id", "地区が見つかりません"}});
    }
    store.put_support_needs(actor.region_id, needs, actor.user_id, clock_.now());
    audit::record(
        tx, clock_, actor,
        {.action = "person.support_needs_put",
         .target_type = "person",
         .target_id = std::to_string(person_id.value()),
         .detail = fmt::format("reasons={} priority={} located={}", reasons_text(needs.reasons),
                               needs.priority, needs.location ? "yes" : "no")});
    return store.support_needs(actor.region_id, person_id);
  });
}

ImportResult RegisterService::import(const access::Actor& actor, const std::string& csv_text,
                                     bool dry_run) {
  require_city(actor);
  auto rows = csv::parse(csv_text, kMaxImportRows + 1);
  ImportResult result;
  if (rows.size() < 2) {
    result.errors.push_back({0, "", "CSVに見出し行と1行以上の名簿がありません"});
    return result;
  }
  const auto columns = import_columns(rows[0]);
  if (!columns.missing.empty()) {
    result.errors.push_back({0, "", "見出し行に次の列がありません: " + columns.missing});
    return result;
  }
  bool written = false;
  try {
    import_rows(actor, rows, columns, dry_run, result);
    written = true;
  } catch (const ImportRolledBack&) {
  }
  result.imported = written;
  return result;
}

void RegisterService::import_rows(const access::Actor& actor, const std::vector<csv::Row>& rows,
                                  const ImportColumns& columns, bool dry_run,
                                  ImportResult& result) {
  const auto now = clock_.now();
  storage_.write([&](storage::Transaction& tx) {
    auto& store = tx.disaster();
    std::map<std::string, AreaId> areas;
    for (const auto& a : store.areas(actor.region_id)) areas.emplace(a.name, a.id);
    std::set<std::string> new_areas;
    std::set<std::string> seen;
    std::vector<ReadyRow> ready;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      Validator v;
      auto row = read_import_row(rows[i], columns, v);
      ReadyRow r{.fields = person::validate_fields(row.person, v),
                 .needs = checked_support_needs(row.needs, v),
                 .area_name = v.text("area", row.area_name, kMaxAreaName, false)};
      if (v.ok()) {
        auto same =
            tx.persons().find_exact(actor.region_id, r.fields.name_kana, r.fields.birth_date);
        if (same.size() > 1) {
          v.add("name_kana", "同じ読み・生年月日の対象者が複数います。画面から登録してください");
        } else if (same.size() == 1) {
          r.existing = PersonId{same.front().id};
        }
        if (!seen.insert(text::search_key(r.fields.name_kana) + "|" + r.fields.birth_date).second) {
          v.add("name_kana", "同じ方が名簿に2回あります");
        }
      }
      for (const auto& e : v.errors()) result.errors.push_back({i, column_of(e.field), e.message});
      if (!r.area_name.empty() && !areas.contains(r.area_name)) new_areas.insert(r.area_name);
      (r.existing ? result.matched : result.created) += 1;
      ready.push_back(std::move(r));
    }
    result.areas_created = static_cast<std::int64_t>(new_areas.size());
    if (!result.errors.empty() || dry_run) {
      throw ImportRolledBack{};
    }
    for (auto& r : ready) {
      if (!r.area_name.empty()) {
        auto [it, added] = areas.try_emplace(r.area_name);
        if (added) it->second = store.add_area(actor.region_id, r.area_name, now);
        r.needs.area_id = it->second;
      }
      r.needs.person_id =
          r.existing
              ? *r.existing
              : PersonId{tx.persons().insert(actor.region_id, actor.facility_id, r.fields, now)};
      store.put_support_needs(actor.region_id, r.needs, actor.user_id, now);
    }
    audit::record(tx, clock_, actor,
                  {.action = "disaster.register_import",
                   .target_type = "region",
                   .target_id = std::to_string(actor.region_id.value()),
                   .detail = fmt::format("rows={} matched={} created={} areas={}", ready.size(),
                                         result.matched, result.created, result.areas_created)});
  });
}

}  // namespace musubi::disaster
