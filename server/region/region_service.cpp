#include "region/region_service.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "access/password.hpp"
#include "audit/audit_log.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "core/validation.hpp"
#include "region/user_rules.hpp"
#include "storage/storage.hpp"

namespace musubi::region {

namespace {

void require_region_admin(const access::Actor& actor) {
  if (!actor.has(Role::region_admin)) throw Error(ErrorCode::forbidden);
}

FacilityPatch validate_facility(storage::Transaction& tx, const access::Actor& actor,
                                const FacilityInput& in, std::optional<Id> existing) {
  Validator v;
  FacilityPatch f;
  f.name = v.text("name", in.name, 100, true);
  f.name_kana = v.kana("name_kana", in.name_kana, 100, false);
  auto kind = facility_kind_from_code(in.kind);
  if (!kind) v.add("kind", "施設の種類を選んでください");
  f.kind = kind.value_or(FacilityKind::other);
  f.postal_code = v.postal_code("postal_code", in.postal_code);
  f.address = v.text("address", in.address, 200, false);
  f.phone = v.phone("phone", in.phone, false);
  f.active = in.active;
  f.contact_user_id = in.contact_user_id;
  if (in.contact_user_id) {
    auto contact = tx.users().find(actor.region_id, *in.contact_user_id);
    if (!contact || !existing || contact->facility_id != existing) {
      v.add("contact_user_id", "連絡窓口はこの施設の利用者から選んでください");
    }
  }
  if (v.ok() && tx.facilities().name_exists(actor.region_id, f.name, existing)) {
    v.add("name", "同じ名前の施設がすでに登録されています");
  }
  v.throw_if_any();
  return f;
}

std::string describe_roles(const RoleSet& roles) {
  return roles.to_codes();
}

}  // namespace

std::pair<Region, User> RegionService::create_region(const NewRegion& input) {
  Validator v;
  auto code = v.login_id("code", input.code);
  auto name = v.text("name", input.name, 100, true);
  auto login_id = v.login_id("admin_login_id", input.admin_login_id);
  auto admin_name = v.text("admin_name", input.admin_name, 50, true);
  auto admin_kana = v.kana("admin_name_kana", input.admin_name_kana, 50, false);
  Region region;
  region.code = code;
  region.name = name;
  region.created_at = clock_.now();
  if (auto problem =
          access::password_problem(region.password_policy, input.admin_password, login_id)) {
    v.add("admin_password", *problem);
  }
  v.throw_if_any();
  auto hash = access::hash_password(input.admin_password);
  return storage_.write([&](storage::Transaction& tx) {
    if (tx.regions().find_by_code(code)) {
      throw Error(ErrorCode::conflict, "その地域コードはすでに使われています");
    }
    if (tx.users().login_id_exists(login_id)) {
      throw Error(ErrorCode::conflict, "そのログインIDはすでに使われています");
    }
    region.id = tx.regions().insert(region);
    for (auto profession : builtin_professions()) {
      tx.regions().insert_profession(region.id, std::string(profession), true);
    }
    UserPatch admin;
    admin.name = admin_name;
    admin.name_kana = admin_kana;
    admin.roles = RoleSet{Role::region_admin};
    auto user_id = tx.users().insert(region.id, login_id, admin, hash, false, clock_.now());
    access::Actor system{.user_id = UserId{user_id},
                         .region_id = RegionId{region.id},
                         .login_id = login_id,
                         .roles = admin.roles,
                         .ip = "cli"};
    audit::record(tx, clock_, system,
                  {.action = "region.create",
                   .target_type = "region",
                   .target_id = std::to_string(region.id),
                   .detail = region.code});
    return std::make_pair(region, *tx.users().find(region.id, user_id));
  });
}

Region RegionService::region(const access::Actor& actor) {
  return storage_.read([&](storage::Transaction& tx) {
    auto r = tx.regions().find(actor.region_id);
    if (!r) throw Error(ErrorCode::not_found);
    return *r;
  });
}

void RegionService::update_max_upload_mb(const access::Actor& actor, std::int64_t megabytes) {
  require_region_admin(actor);
  if (megabytes < 1 || megabytes > 2048) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"max_upload_mb", "1〜2048 MB の範囲で指定してください"}});
  }
  storage_.write([&](storage::Transaction& tx) {
    tx.regions().update_max_upload_bytes(actor.region_id, megabytes * 1024 * 1024);
    audit::record(tx, clock_, actor,
                  {.action = "region.upload_limit",
                   .target_type = "region",
                   .target_id = std::to_string(actor.region_id),
                   .detail = fmt::format("max_upload_mb={}", megabytes)});
  });
}

void RegionService::update_certificate_required(const access::Actor& actor, bool required) {
  require_region_admin(actor);
  storage_.write([&](storage::Transaction& tx) {
    tx.regions().update_certificate_required(actor.region_id, required);
    const auto ended =
        required ? sign_in_.end_sessions_without_device(tx, actor.region_id, clock_.now()) : 0;
    audit::record(
        tx, clock_, actor,
        {.action = "region.certificate_policy",
         .target_type = "region",
         .target_id = std::to_string(actor.region_id),
         .detail = fmt::format("certificate_required={}, {} sessions ended", required, ended)});
  });
}

void RegionService::update_consent_policy(const access::Actor& actor,
                                          const std::vector<std::string>& actions) {
  require_region_admin(actor);
  std::vector<std::string> kept;
  for (const auto& known : consent_actions()) {
    if (std::find(actions.begin(), actions.end(), known.code) != actions.end()) {
      kept.emplace_back(known.code);
    }
  }
  if (kept.size() != actions.size()) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"consent_required_for", "選択肢にない操作が含まれています"}});
  }
  storage_.write([&](storage::Transaction& tx) {
    tx.regions().update_consent_required_for(actor.region_id, kept);
    audit::record(tx, clock_, actor,
                  {.action = "region.consent_policy",
                   .target_type = "region",
                   .target_id = std::to_string(actor.region_id),
                   .detail = fmt::format("consent_required_for={}", fmt::join(kept, ","))});
  });
}

void RegionService::update_device_policy(const access::Actor& actor,
                                         std::int64_t max_devices_per_user,
                                         std::int64_t device_validity_days,
                                         const RoleSet& totp_roles) {
  require_region_admin(actor);
  Validator v;
  if (max_devices_per_user < 1 || max_devices_per_user > 20) {
    v.add("max_devices_per_user", "1〜20台の範囲で指定してください");
  }
  if (device_validity_days != 0 && (device_validity_days < 30 || device_validity_days > 3650)) {
    v.add("device_validity_days", "30〜3650日の範囲で指定してください（0は既定値）");
  }
  if (totp_roles.has(Role::region_admin) || totp_roles.has(Role::facility_admin)) {
    v.add("totp_roles", "管理者は端末証明書でログインします。ワンタイムコードの対象にはできません");
  }
  v.throw_if_any();
  storage_.write([&](storage::Transaction& tx) {
    tx.regions().update_device_policy(actor.region_id, max_devices_per_user, device_validity_days,
                                      totp_roles);
    audit::record(
        tx, clock_, actor,
        {.action = "region.device_policy",
         .target_type = "region",
         .target_id = std::to_string(actor.region_id),
         .detail = fmt::format("max_devices={}, validity_days={}, totp_roles={}",
                               max_devices_per_user, device_validity_days, totp_roles.to_codes())});
  });
}

void RegionService::update_session_policy(const access::Actor& actor, std::int64_t idle_minutes,
                                          std::int64_t absolute_hours,
                                          std::int64_t ems_idle_minutes) {
  require_region_admin(actor);
  Validator v;
  if (idle_minutes != 0 && (idle_minutes < 5 || idle_minutes > 120)) {
    v.add("idle_timeout_minutes", "5〜120分の範囲で指定してください（0はサーバーの既定値）");
  }
  if (absolute_hours != 0 && (absolute_hours < 1 || absolute_hours > 24)) {
    v.add("absolute_timeout_hours", "1〜24時間の範囲で指定してください（0はサーバーの既定値）");
  }
  if (ems_idle_minutes < 1 || ems_idle_minutes > 60) {
    v.add("ems_idle_timeout_minutes", "1〜60分の範囲で指定してください");
  }
  v.throw_if_any();
  storage_.write([&](storage::Transaction& tx) {
    tx.regions().update_session_policy(actor.region_id, idle_minutes * 60, absolute_hours * 3600,
                                       ems_idle_minutes * 60);
    audit::record(tx, clock_, actor,
                  {.action = "region.session_policy",
                   .target_type = "region",
                   .target_id = std::to_string(actor.region_id),
                   .detail = fmt::format("idle_minutes={}, absolute_hours={}, ems_idle_minutes={}",
                                         idle_minutes, absolute_hours, ems_idle_minutes)});
  });
}

void RegionService::update_contact_access(const access::Actor& actor, ContactAccess access) {
  require_region_admin(actor);
  storage_.write([&](storage::Transaction& tx) {
    auto changed = tx.regions().update_contact_access(actor.region_id, access);
    audit::record(tx, clock_, actor,
                  {.action = "region.contact_access",
                   .target_type = "region",
                   .target_id = std::to_string(actor.region_id),
                   .detail = fmt::format("contact_access={}, {} contacts changed",
                                         contact_access_code(access), changed)});
  });
}

void RegionService::update_password_policy(const access::Actor& actor,
                                           const PasswordPolicy& policy) {
  require_region_admin(actor);
  if (policy.min_length < 8 || policy.min_length > 64) {
    throw Error(ErrorCode::invalid_input, "入力内容を確認してください",
                {{"min_length", "8〜64文字の範囲で指定してください"}});
  }
  storage_.write([&](storage::Transaction& tx) {
    tx.regions().update_password_policy(actor.region_id, policy);
    audit::record(tx, clock_, actor,
                  {.action = "region.password_policy",
                   .target_type = "region",
                   .target_id = std::to_string(actor.region_id),
                   .detail = fmt::format("min_length={} letter_and_digit={}", policy.min_length,
                                         policy.require_letter_and_digit)});
  });
}

std::vector<Profession> RegionService::professions(const access::Actor& actor) {
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.regions().professions(actor.region_id); });
}

Profession RegionService::add_profession(const access::Actor& actor, const std::string& name) {
  require_region_admin(actor);
  Validator v;
  auto clean = v.text("name", name, 30, true);
  v.throw_if_any();
  return storage_.write([&](storage::Transaction& tx) {
    if (tx.regions().profession_name_exists(actor.region_id, clean)) {
      throw Error(ErrorCode::conflict, "その職種はすでにあります",
                  {{"name", "その職種はすでにあります"}});
    }
    auto id = tx.regions().insert_profession(actor.region_id, clean, false);
    audit::record(tx, clock_, actor,
                  {.action = "profession.create",
                   .target_type = "profession",
                   .target_id = std::to_string(id)});
    return Profession{id, clean, false};
  });
}

std::vector<Facility> RegionService::facilities(const access::Actor& actor,
                                                const std::string& query, const std::string& kind,
                                                bool include_inactive) {
  FacilityQuery q;
  q.search_key = text::search_key(query);
  if (!kind.empty()) {
    q.kind = facility_kind_from_code(kind);
    if (!q.kind) {
      throw Error(ErrorCode::invalid_input, "施設の種類が正しくありません",
                  {{"kind", "施設の種類が正しくありません"}});
    }
  }
  q.include_inactive = include_inactive && actor.has(Role::region_admin);
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.facilities().list(actor.region_id, q); });
}

Facility RegionService::facility(const access::Actor& actor, Id id) {
  return storage_.read([&](storage::Transaction& tx) {
    auto f = tx.facilities().find(actor.region_id, id);
    if (!f) throw Error(ErrorCode::not_found, "施設が見つかりません");
    return *f;
  });
}

Facility RegionService::create_facility(const access::Actor& actor, const FacilityInput& input) {
  require_region_admin(actor);
  return storage_.write([&](storage::Transaction& tx) {
    auto patch = validate_facility(tx, actor, input, std::nullopt);
    auto id = tx.facilities().insert(actor.region_id, patch, clock_.now());
    audit::record(
        tx, clock_, actor,
        {.action = "facility.create", .target_type = "facility", .target_id = std::to_string(id)});
    return *tx.facilities().find(actor.region_id, id);
  });
}

Facility RegionService::update_facility(const access::Actor& actor, Id id,
                                        const FacilityInput& input) {
  require_region_admin(actor);
  return storage_.write([&](storage::Transaction& tx) {
    if (!tx.facilities().find(actor.region_id, id)) {
      throw Error(ErrorCode::not_found, "施設が見つかりません");
    }
    auto patch = validate_facility(tx, actor, input, id);
    tx.facilities().update(id, patch, clock_.now());
    audit::record(
        tx, clock_, actor,
        {.action = "facility.update", .target_type = "facility", .target_id = std::to_string(id)});
    return *tx.facilities().find(actor.region_id, id);
  });
}

User RegionService::self(const access::Actor& actor) {
  return storage_.read([&](storage::Transaction& tx) {
    auto u = tx.users().find(actor.region_id, actor.user_id);
    if (!u) throw Error(ErrorCode::not_found);
    return *u;
  });
}

UserPageResult RegionService::users(const access::Actor& actor, UserQuery query) {
  if (!actor.has(Role::region_admin)) {
    if (!actor.has(Role::facility_admin) || !actor.facility_id) throw Error(ErrorCode::forbidden);
    query.facility_id = actor.facility_id;  // facility administrators see their own staff only
  }
  query.limit = std::clamp<std::int64_t>(query.limit, 1, 200);
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.users().list(actor.region_id, query); });
}

std::vector<User> RegionService::professionals(const access::Actor& actor,
                                               const std::string& query) {
  UserQuery q{.search_key = text::search_key(query), .include_inactive = false, .limit = 20};
  return storage_.read(
      [&](storage::Transaction& tx) { return tx.users().list(actor.region_id, q).users; });
}

User RegionService::user(const access::Actor& actor, Id id) {
  return storage_.read([&](storage::Transaction& tx) {
    auto u = tx.users().find(actor.region_id, id);
    if (!u || !may_manage(actor, u->facility_id, u->roles)) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    return *u;
  });
}

CreatedUser RegionService::create_user(const access::Actor& actor, const UserInput& input) {
  if (!actor.has(Role::region_admin) && !actor.has(Role::facility_admin)) {
    throw Error(ErrorCode::forbidden);
  }
  auto password = access::temporary_password();
  auto hash = access::hash_password(password);
  return storage_.write([&](storage::Transaction& tx) {
    Validator v;
    auto login_id = v.login_id("login_id", input.login_id);
    auto patch = validate_user(v, tx, actor, input);
    if (v.ok() && tx.users().login_id_exists(login_id)) {
      v.add("login_id", "このログインIDはすでに使われています");
    }
    v.throw_if_any();
    auto id = tx.users().insert(actor.region_id, login_id, patch, hash, true, clock_.now());
    audit::record(tx, clock_, actor,
                  {.action = "user.create",
                   .target_type = "user",
                   .target_id = std::to_string(id),
                   .detail = "roles=" + describe_roles(patch.roles)});
    return CreatedUser{*tx.users().find(actor.region_id, id), password};
  });
}

User RegionService::update_user(const access::Actor& actor, Id id, const UserInput& input) {
  return storage_.write([&](storage::Transaction& tx) {
    auto existing = tx.users().find(actor.region_id, id);
    if (!existing || !may_manage(actor, existing->facility_id, existing->roles)) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    Validator v;
    auto patch = validate_user(v, tx, actor, input);
    if (id == actor.user_id && !patch.roles.has(Role::region_admin) &&
        actor.has(Role::region_admin)) {
      v.add("roles", "自分自身の地域管理者の権限は外せません");
    }
    v.throw_if_any();
    tx.users().update(id, patch, clock_.now());
    audit::record(tx, clock_, actor,
                  {.action = "user.update",
                   .target_type = "user",
                   .target_id = std::to_string(id),
                   .detail = "roles=" + describe_roles(patch.roles)});
    return *tx.users().find(actor.region_id, id);
  });
}

User RegionService::set_user_active(const access::Actor& actor, Id id, bool active) {
  return storage_.write([&](storage::Transaction& tx) {
    auto existing = tx.users().find(actor.region_id, id);
    if (!existing || !may_manage(actor, existing->facility_id, existing->roles)) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    if (id == actor.user_id && !active) {
      throw Error(ErrorCode::invalid_input, "自分自身は利用停止にできません");
    }
    tx.users().set_active(id, active, clock_.now());
    if (!active) sign_in_.end_sessions_of(tx, id, clock_.now(), "deactivated");
    audit::record(tx, clock_, actor,
                  {.action = active ? "user.reactivate" : "user.deactivate",
                   .target_type = "user",
                   .target_id = std::to_string(id)});
    return *tx.users().find(actor.region_id, id);
  });
}

CreatedUser RegionService::reset_password(const access::Actor& actor, Id id) {
  auto password = access::temporary_password();
  auto hash = access::hash_password(password);
  return storage_.write([&](storage::Transaction& tx) {
    auto existing = tx.users().find(actor.region_id, id);
    if (!existing || !may_manage(actor, existing->facility_id, existing->roles)) {
      throw Error(ErrorCode::not_found, "利用者が見つかりません");
    }
    sign_in_.set_temporary_password(tx, id, hash, clock_.now());
    sign_in_.end_sessions_of(tx, id, clock_.now(), "password_reset");
    audit::record(
        tx, clock_, actor,
        {.action = "user.reset_password", .target_type = "user", .target_id = std::to_string(id)});
    return CreatedUser{*existing, password};
  });
}

ImportResult RegionService::import_users(const access::Actor& actor, const std::string& csv_text,
                                         bool dry_run) {
  if (!actor.has(Role::region_admin) && !actor.has(Role::facility_admin)) {
    throw Error(ErrorCode::forbidden);
  }
  auto rows = csv::parse(csv_text, 2001);
  ImportResult result;
  if (rows.empty()) {
    result.errors.push_back({0, "", "CSVが空です"});
    return result;
  }
  auto columns = user_csv_columns(rows[0]);
  if (!columns.missing.empty()) {
    result.errors.push_back({0, "", "見出し行に次の列がありません: " + columns.missing});
    return result;
  }
  // Hash outside the transaction: argon2id is deliberately slow and must not hold the writer.
  std::vector<std::string> passwords;
  std::vector<std::string> hashes;
  if (!dry_run) {
    for (std::size_t i = 1; i < rows.size(); ++i) {
      passwords.push_back(access::temporary_password());
      hashes.push_back(access::hash_password(passwords.back()));
    }
  }
  try {
    storage_.write([&](storage::Transaction& tx) {
      auto facilities = tx.facilities().list(actor.region_id, {});
      auto professions = tx.regions().professions(actor.region_id);
      std::set<std::string> seen_logins;
      std::vector<std::pair<std::string, UserPatch>> valid;
      for (std::size_t i = 1; i < rows.size(); ++i) {
        Validator v;
        auto input = user_input_from_row(rows[i], columns, facilities, professions, v);
        auto login_id = v.login_id("login_id", input.login_id);
        auto patch = validate_user(v, tx, actor, input);
        if (v.ok() && (tx.users().login_id_exists(login_id) ||
                       !seen_logins.insert(text::search_key(login_id)).second)) {
          v.add("login_id", "このログインIDはすでに使われています");
        }
        for (const auto& e : v.errors()) result.errors.push_back({i, e.field, e.message});
        valid.emplace_back(login_id, patch);
      }
      if (!result.errors.empty() || dry_run) throw std::logic_error("rollback");
      for (std::size_t i = 0; i < valid.size(); ++i) {
        auto id = tx.users().insert(actor.region_id, valid[i].first, valid[i].second, hashes[i],
                                    true, clock_.now());
        result.created.push_back({*tx.users().find(actor.region_id, id), passwords[i]});
      }
      audit::record(tx, clock_, actor,
                    {.action = "user.import",
                     .target_type = "user",
                     .detail = fmt::format("{} users created from CSV", valid.size())});
    });
    result.imported = true;
  } catch (const std::logic_error& e) {
    if (std::string_view(e.what()) != "rollback") throw;
  }
  return result;
}

}  // namespace musubi::region
