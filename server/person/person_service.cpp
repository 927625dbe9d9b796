#include "person/person_service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "person/record_store.hpp"
#include "storage/storage.hpp"

namespace musubi::person {

namespace {

using access::Role;

// Facility administrators are limited to their facility's persons; region administrators see all.
std::optional<std::optional<Id>> scope_for(const access::Actor& actor) {
  if (actor.has(Role::region_admin)) return std::optional<Id>{};
  if (actor.has(Role::facility_admin) && actor.facility_id) return actor.facility_id;
  return std::nullopt;
}

}  // namespace

PersonFields validate_fields(const PersonInput& in, Validator& v) {
  PersonFields f;
  f.name = v.text("name", in.name, 50, true);
  f.name_kana = v.kana("name_kana", in.name_kana, 50, true);
  f.birth_date = v.date("birth_date", in.birth_date, true);
  auto sex = sex_from_code(in.sex);
  if (!sex) v.add("sex", "性別を選んでください");
  f.sex = sex.value_or(Sex::unknown);
  f.postal_code = v.postal_code("postal_code", in.postal_code);
  f.address = v.text("address", in.address, 200, false);
  f.phone = v.phone("phone", in.phone, false);
  return f;
}

namespace {

// Throws Error(conflict) for a person in the caller's scope with the same reading and birth date.
void refuse_duplicate(storage::Transaction& tx, const access::Actor& actor,
                      const PersonFields& fields, const PersonInput& in, const char* what) {
  if (in.different_person) return;
  for (const auto& same :
       tx.persons().find_exact(actor.region_id, fields.name_kana, fields.birth_date)) {
    if (!in_scope(actor, same)) continue;
    throw Error(ErrorCode::conflict,
                fmt::format("同じ読み・生年月日の方（{}さん）がすでに登録されています。{}",
                            same.fields.name, what),
                {{"different_person", "同じ方でなければ「別の方として登録する」を選んでください"}});
  }
}

PersonFields validate(const PersonInput& in) {
  Validator v;
  auto f = validate_fields(in, v);
  v.throw_if_any();
  return f;
}

}  // namespace

bool in_scope(const access::Actor& actor, const Person& p) {
  auto scope = scope_for(actor);
  if (!scope) return false;
  return !scope->has_value() || p.registered_by_facility_id == **scope;
}

PersonPageResult PersonService::list(const access::Actor& actor, const std::string& query,
                                     std::int64_t limit, const std::optional<std::string>& cursor) {
  auto scope = scope_for(actor);
  if (!scope) throw Error(ErrorCode::forbidden);
  PersonQuery q;
  q.search_key = text::search_key(query);
  q.registered_by_facility_id = *scope;
  q.limit = std::clamp<std::int64_t>(limit, 1, 200);
  q.after = cursor;
  auto page = storage_.read(
      [&](storage::Transaction& tx) { return tx.persons().list(actor.region_id, q); });
  audit::record_read(storage_, clock_, actor,
                     {.action = "person.list",
                      .target_type = "person",
                      .detail = fmt::format("query=\"{}\" shown={}", text::prefix(query, 100),
                                            page.persons.size())});
  return page;
}

Person PersonService::get(const access::Actor& actor, Id id) {
  auto found = storage_.read([&](storage::Transaction& tx) -> std::optional<Person> {
    auto p = tx.persons().find(actor.region_id, id);
    if (!p || !in_scope(actor, *p)) return std::nullopt;
    return p;
  });
  // Denied reads are recorded too; the caller cannot tell "not there" from "not yours".
  audit::record_read(storage_, clock_, actor,
                     {.action = "person.read",
                      .target_type = "person",
                      .target_id = std::to_string(id),
                      .outcome = found ? "success" : "denied"});
  if (!found) throw Error(ErrorCode::not_found, "支援対象者が見つかりません");
  return *found;
}

Person PersonService::create(const access::Actor& actor, const PersonInput& input) {
  auto scope = scope_for(actor);
  if (!scope) throw Error(ErrorCode::forbidden);
  auto fields = validate(input);
  return storage_.write([&](storage::Transaction& tx) {
    refuse_duplicate(tx, actor, fields, input, "登録しませんでした");
    auto id = tx.persons().insert(actor.region_id, actor.facility_id, fields, clock_.now());
    audit::record(tx, clock_, actor,
                  {.action = "person.create",
                   .target_type = "person",
                   .target_id = std::to_string(id),
                   .detail = input.different_person ? "declared a different person" : ""});
    return *tx.persons().find(actor.region_id, id);
  });
}

Person PersonService::import_record(const access::Actor& actor, const PersonInput& input,
                                    Summary summary) {
  auto scope = scope_for(actor);
  if (!scope) throw Error(ErrorCode::forbidden);
  Validator v;
  auto fields = validate_fields(input, v);
  person::validate(summary, v);
  v.throw_if_any();
  return storage_.write([&](storage::Transaction& tx) {
    refuse_duplicate(tx, actor, fields, input, "取り込みませんでした");
    auto id = tx.persons().insert(actor.region_id, actor.facility_id, fields, clock_.now());
    const auto changes = describe_changes(Summary{}, summary);
    tx.records().add_summary_version(id, 0, summary, changes, actor.user_id, clock_.now());
    audit::record(
        tx, clock_, actor,
        {.action = "person.import_fhir",
         .target_type = "person",
         .target_id = std::to_string(id),
         .detail = fmt::format("{} conditions, {} allergies{}", summary.conditions.size(),
                               summary.allergies.size(),
                               input.different_person ? ", declared a different person" : "")});
    return *tx.persons().find(actor.region_id, id);
  });
}

Person PersonService::update(const access::Actor& actor, Id id, std::int64_t version,
                             const PersonInput& input) {
  auto fields = validate(input);
  auto result = storage_.write([&](storage::Transaction& tx) -> std::optional<Person> {
    auto p = tx.persons().find(actor.region_id, id);
    if (!p || !in_scope(actor, *p)) {
      audit::record(tx, clock_, actor,
                    {.action = "person.update",
                     .target_type = "person",
                     .target_id = std::to_string(id),
                     .outcome = "denied"});
      return std::nullopt;
    }
    if (!tx.persons().update(id, version, fields, clock_.now())) {
      throw Error(ErrorCode::conflict,
                  "他の人が先に更新しました。画面を読み込み直してから編集してください。");
    }
    audit::record(
        tx, clock_, actor,
        {.action = "person.update", .target_type = "person", .target_id = std::to_string(id)});
    return tx.persons().find(actor.region_id, id);
  });
  if (!result) throw Error(ErrorCode::not_found, "支援対象者が見つかりません");
  return *result;
}

}  // namespace musubi::person
