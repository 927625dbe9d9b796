#include "cli/demo_data.hpp"

#include "cli/demo_disaster.hpp"
#include "cli/demo_records.hpp"

#include <fmt/format.h>

#include <map>

#include "access/password.hpp"
#include "audit/audit_log.hpp"
#include "board/board_store.hpp"
#include "cli/japanese_names.hpp"
#include "cli/runtime.hpp"
#include "person/person_store.hpp"
#include "region/region_store.hpp"
#include "storage/storage.hpp"

namespace musubi::cli {

namespace {

constexpr UnixSeconds kDay = 86400;

using access::Role;
using access::RoleSet;
using region::FacilityKind;

struct DemoFacility {
  const char* name;
  const char* kana;
  FacilityKind kind;
  const char* address;
  const char* phone;
  // 職種 of the staff, first one is the facility administrator
  std::vector<const char*> staff;
};

// Allocated once at start-up; a failure there ends the program anyway.
// NOLINTNEXTLINE(cert-err58-cpp)
const std::vector<DemoFacility> kDemoFacilities = {
    {"つくば中央病院",
     "つくばちゅうおうびょういん",
     FacilityKind::hospital,
     "茨城県つくば市竹園9丁目1-1",
     "029-800-0101",
     {"医療ソーシャルワーカー", "医師", "看護師", "理学療法士"}},
    {"筑波山麓総合病院",
     "つくばさんろくそうごうびょういん",
     FacilityKind::hospital,
     "茨城県つくば市北条9000",
     "029-800-0102",
     {"医療ソーシャルワーカー", "医師"}},
    {"さくら在宅クリニック",
     "さくらざいたくくりにっく",
     FacilityKind::clinic,
     "茨城県つくば市桜9丁目2-3",
     "029-800-0201",
     {"医師", "看護師", "事務職員"}},
    {"竹園ファミリークリニック",
     "たけぞのふぁみりーくりにっく",
     FacilityKind::clinic,
     "茨城県つくば市竹園9丁目5-8",
     "029-800-0202",
     {"医師", "看護師"}},
    {"学園東歯科医院",
     "がくえんひがししかいいん",
     FacilityKind::dental_clinic,
     "茨城県つくば市東9丁目3-1",
     "029-800-0301",
     {"歯科医師", "歯科衛生士"}},
    {"みどり薬局 並木店",
     "みどりやっきょく なみきてん",
     FacilityKind::pharmacy,
     "茨城県つくば市並木9丁目4-2",
     "029-800-0401",
     {"薬剤師", "薬剤師"}},
    {"けやき調剤薬局",
     "けやきちょうざいやっきょく",
     FacilityKind::pharmacy,
     "茨城県つくば市吾妻9丁目7-7",
     "029-800-0402",
     {"薬剤師"}},
    {"訪問看護ステーションひまわり",
     "ほうもんかんごすてーしょんひまわり",
     FacilityKind::visiting_nurse_station,
     "茨城県つくば市松代9丁目1-4",
     "029-800-0501",
     {"看護師", "看護師", "作業療法士"}},
    {"訪問看護ステーションあおば",
     "ほうもんかんごすてーしょんあおば",
     FacilityKind::visiting_nurse_station,
     "茨城県つくば市研究学園9丁目2-2",
     "029-800-0502",
     {"看護師", "言語聴覚士"}},
    {"居宅介護支援事業所つくしの里",
     "きょたくかいごしえんじぎょうしょつくしのさと",
     FacilityKind::care_management_office,
     "茨城県つくば市二の宮9丁目6-3",
     "029-800-0601",
     {"主任介護支援専門員", "介護支援専門員", "介護支援専門員"}},
    {"ケアプランセンターかがやき",
     "けあぷらんせんたーかがやき",
     FacilityKind::care_management_office,
     "茨城県つくば市春日9丁目8-1",
     "029-800-0602",
     {"主任介護支援専門員", "介護支援専門員"}},
    {"南部地域包括支援センター",
     "なんぶちいきほうかつしえんせんたー",
     FacilityKind::community_support_center,
     "茨城県つくば市谷田部9000",
     "029-800-0701",
     {"社会福祉士", "保健師", "主任介護支援専門員"}},
    {"北部地域包括支援センター",
     "ほくぶちいきほうかつしえんせんたー",
     FacilityKind::community_support_center,
     "茨城県つくば市筑波9000",
     "029-800-0702",
     {"社会福祉士", "保健師"}},
    {"ヘルパーステーションなごみ",
     "へるぱーすてーしょんなごみ",
     FacilityKind::care_service,
     "茨城県つくば市天久保9丁目2-9",
     "029-800-0801",
     {"サービス提供責任者", "訪問介護員", "福祉用具専門相談員"}},
    {"つくば市役所 地域包括支援課",
     "つくばしやくしょ ちいきほうかつしえんか",
     FacilityKind::city_office,
     "茨城県つくば市研究学園9丁目1-1",
     "029-800-0901",
     {"行政職員", "行政職員"}},
    {"つくば市消防本部",
     "つくばししょうぼうほんぶ",
     FacilityKind::fire_department,
     "茨城県つくば市研究学園9丁目3-3",
     "029-800-0119",
     {"救急救命士", "救急救命士"}},
};

const std::vector<DemoFacility>& facilities() {
  return kDemoFacilities;
}

// Care teams for the first persons, with a few days of a board: visit records, a question to the
// doctor, a restricted post between doctor and care manager, replies and acknowledgements.
void seed_care_teams(storage::Transaction& tx, RegionId region_id, UnixSeconds now) {
  auto user = [&](const char* login) {
    return UserId{tx.credentials().find_by_login(login)->user_id};
  };
  const auto cm = user("suzuki.cm");
  const auto dr = user("sato.dr");
  const auto ns = user("takahashi.ns");
  const auto msw = user("tanaka.msw");
  auto tags = tx.posts().tags(region_id);
  auto tag = [&](std::string_view name) {
    for (const auto& t : tags) {
      if (t.name == name) return std::optional<TagId>(t.id);
    }
    return std::optional<TagId>();
  };
  auto persons = tx.persons().list(region_id, {.limit = 8});
  int n = 0;
  for (const auto& person : persons.persons) {
    auto team = tx.boards().insert(region_id, PersonId{person.id}, now - 30 * kDay);
    seed_person_record(tx, person, n, dr, cm, now);
    if (n == 0) seed_past_transport(tx, person, user("yamada.ems"), now);
    tx.boards().put_member(team, cm, "care_manager", true, now - 30 * kDay);
    tx.boards().put_member(team, dr, "primary_doctor", false, now - 30 * kDay);
    tx.boards().put_member(team, ns, "visiting_nurse", false, now - 30 * kDay);
    if (n % 2 == 0) {
      tx.boards().put_member(team, msw, "hospital_liaison", false, now - 20 * kDay);
    }
    auto at = now - (3 + n) * kDay;
    auto visit = tx.posts().insert({.board_id = team,
                                    .author_id = ns,
                                    .body = "訪問しました。BT 36.8℃、BP 132/78、SpO2 "
                                            "97%。\n食事は7割摂取、夜間の睡眠は良好とのことです。",
                                    .tag_id = tag("訪問記録")},
                                   at);
    tx.posts().acknowledge(visit, cm, at + 3600);
    tx.posts().insert({.board_id = team,
                       .parent_id = visit,
                       .author_id = dr,
                       .body = "ありがとうございます。次回往診で血圧の薬を見直します。"},
                      at + 7200);
    tx.posts().insert(
        {.board_id = team,
         .author_id = cm,
         .body = "来週火曜 14時からサービス担当者会議を予定しています。ご都合をお知らせください。",
         .tag_id = tag("会議"),
         .important = n % 3 == 0,
         .request =
             board::NewPost::Addressing{.kind = board::RequestKind::answer,
                                        .deadline = now + (4 + n) * kDay,
                                        .addressees = {{dr, std::nullopt}, {ns, std::nullopt}}}},
        at + 86400);
    tx.posts().insert({.board_id = team,
                       .author_id = dr,
                       .body = "ご家族の介護負担について、ケアマネジャーさんとだけ共有します。ショ"
                               "ートステイの検討をお願いできますか。",
                       .tag_id = tag("相談"),
                       .audience = {dr, cm}},
                      at + 2 * kDay);
    ++n;
  }
}

// The demo facilities and their staff, with names from the fixed lists so every demo looks the
// same; a few well-known accounts get the logins the README prints.
class DemoStaff {
 public:
  DemoStaff(storage::Transaction& tx, region::Id region_id, std::string hash, UnixSeconds now)
      : tx_(tx), region_id_(region_id), hash_(std::move(hash)), now_(now) {
    for (const auto& p : tx.regions().professions(region_id)) profession_ids_[p.name] = p.id;
  }

  // The fi-th demo facility and its staff; the city office's first administrator is the
  // region administrator who created the region.
  region::Id add_facility(std::size_t fi, const region::User& admin) {
    const auto& df = facilities()[fi];
    region::FacilityPatch f{df.name,    df.kana,  df.kind,      "",
                            df.address, df.phone, std::nullopt, true};
    auto facility_id = tx_.facilities().insert(region_id_, f, now_);
    std::optional<region::Id> first_user;
    for (std::size_t si = 0; si < df.staff.size(); ++si, ++n_) {
      auto id = add_user(fi, si, facility_id);
      if (!first_user) first_user = id;
    }
    if (df.kind == FacilityKind::hospital && first_user) {
      f.contact_user_id = first_user;  // the 地域連携室 is the hospital's designated contact
      tx_.facilities().update(facility_id, f, now_);
    }
    if (df.kind == FacilityKind::city_office) {
      region::UserPatch a;
      a.facility_id = facility_id;
      a.name = admin.name;
      a.name_kana = admin.name_kana;
      a.profession_id = profession_ids_["行政職員"];
      a.roles = RoleSet{Role::region_admin, Role::professional};
      tx_.users().update(admin.id, a, now_);
      // The city's contact: the fire department's transport reports reach the city through them.
      f.contact_user_id = admin.id;
      tx_.facilities().update(facility_id, f, now_);
    }
    return facility_id;
  }

  std::size_t count() const { return n_; }

 private:
  region::Id add_user(std::size_t fi, std::size_t si, region::Id facility_id) {
    static const std::map<std::pair<std::size_t, std::size_t>, std::string> fixed = {
        {{0, 0}, "tanaka.msw"},
        {{2, 0}, "sato.dr"},
        {{9, 0}, "suzuki.cm"},
        {{7, 0}, "takahashi.ns"},
        {{15, 1}, "yamada.ems"}};
    const auto& df = facilities()[fi];
    std::size_t surname = (n_ * 7 + 3) % std::size(kSurnames);
    std::size_t given = (n_ * 11 + 5) % std::size(kGiven);
    auto known = fixed.find({fi, si});
    auto login =
        known != fixed.end() ? known->second : fmt::format("{}.{:02}", kRomaji[surname], n_ + 1);
    if (known != fixed.end()) {
      // keep the fixed login's surname consistent with its name
      for (std::size_t k = 0; k < std::size(kRomaji); ++k) {
        if (login.starts_with(std::string(kRomaji[k]) + ".")) surname = k;
      }
    }
    region::UserPatch u;
    u.facility_id = facility_id;
    u.name = fmt::format("{} {}", kSurnames[surname].kanji, kGiven[given].kanji);
    u.name_kana = fmt::format("{} {}", kSurnames[surname].kana, kGiven[given].kana);
    u.profession_id = profession_ids_[df.staff[si]];
    u.email = login + "@demo.musubi.invalid";
    u.roles =
        df.kind == FacilityKind::fire_department ? RoleSet{Role::ems} : RoleSet{Role::professional};
    if (si == 0) u.roles.add(Role::facility_admin);
    return tx_.users().insert(region_id_, login, u, hash_, false, now_);
  }

  storage::Transaction& tx_;
  region::Id region_id_;
  std::string hash_;
  UnixSeconds now_;
  std::map<std::string, region::Id> profession_ids_;
  std::size_t n_ = 0;  // staff so far, across facilities
};

// Thirty persons, registered by the care-management offices and support centres as in practice.
std::vector<PersonId> seed_persons(storage::Transaction& tx, region::Id region_id,
                                   const std::vector<region::Id>& facility_ids, UnixSeconds now) {
  std::vector<PersonId> ids;
  for (int i = 0; i < 30; ++i) {
    auto surname = kSurnames[(i * 5 + 1) % std::size(kSurnames)];
    bool man = i % 3 == 0;
    auto given = man ? kElderMen[(i / 3) % std::size(kElderMen)]
                     : kElderWomen[(i * 7 + 2) % std::size(kElderWomen)];
    person::PersonFields p;
    p.name = fmt::format("{} {}", surname.kanji, given.kanji);
    p.name_kana = fmt::format("{} {}", surname.kana, given.kana);
    p.birth_date =
        fmt::format("{}-{:02}-{:02}", 1928 + (i * 3) % 22, 1 + (i * 5) % 12, 1 + (i * 7) % 28);
    p.sex = man ? person::Sex::male : person::Sex::female;
    p.postal_code = fmt::format("305-{:04}", 8000 + i);
    p.address =
        fmt::format("茨城県つくば市{}9丁目{}-{}", kDemoTowns[i % 10], 1 + i % 9, 1 + (i * 3) % 20);
    p.phone = fmt::format("029-900-{:04}", 1000 + i);
    std::optional<region::Id> by = facility_ids[9 + i % 4];
    ids.emplace_back(tx.persons().insert(region_id, by, p, now));
  }
  return ids;
}

}  // namespace

std::vector<DemoLogin> seed_demo_region(Runtime& rt, bool& created) {
  created = false;
  auto existing = rt.storage->read(
      [&](storage::Transaction& tx) { return tx.regions().find_by_code(kDemoRegionCode); });
  std::vector<DemoLogin> logins = {
      {"demo-admin", "地域管理者（つくば市役所 地域包括支援課）"},
      {"tanaka.msw", "施設管理者・医療ソーシャルワーカー（つくば中央病院 地域連携室）"},
      {"sato.dr", "医師（さくら在宅クリニック）"},
      {"suzuki.cm", "主任介護支援専門員（居宅介護支援事業所つくしの里・施設管理者）"},
      {"takahashi.ns", "看護師（訪問看護ステーションひまわり・施設管理者）"},
      {"yamada.ems", "救急救命士（つくば市消防本部）: 救急情報連携だけを使えます"},
  };
  if (existing) {
    // Databases made before the region policy existed come back with it switched on.
    if (existing->certificate_required) {
      rt.regions.update_certificate_required(command_line_actor(existing->id), false);
    }
    return logins;
  }

  // Not a structured binding: clang 14 (the sanitizer and fuzzing builds) cannot capture one.
  const auto created_region =
      rt.regions.create_region({kDemoRegionCode, "つくば市（デモ）", "demo-admin", "山田 花子",
                                "やまだ はなこ", kDemoPassword});
  const auto& region = created_region.first;
  const auto& admin = created_region.second;
  auto actor = command_line_actor(region.id);
  // The demo is looked around at http://127.0.0.1:8080 at once; its HTTPS door shows certificates.
  rt.regions.update_certificate_required(actor, false);
  auto hash =
      access::hash_password(kDemoPassword);  // one hash: every demo account shares the password
  rt.storage->write([&](storage::Transaction& tx) {
    DemoStaff staff(tx, region.id, hash, rt.clock.now());
    std::vector<region::Id> facility_ids;
    for (std::size_t fi = 0; fi < facilities().size(); ++fi) {
      facility_ids.push_back(staff.add_facility(fi, admin));
    }
    auto persons = seed_persons(tx, region.id, facility_ids, rt.clock.now());
    seed_care_teams(tx, RegionId{region.id}, rt.clock.now());
    seed_disaster_register(tx, RegionId{region.id}, persons, UserId{admin.id}, rt.clock.now());
    audit::record(tx, rt.clock, actor,
                  {.action = "demo.seed",
                   .target_type = "region",
                   .target_id = std::to_string(region.id),
                   .detail = fmt::format("{} facilities, {} users, 30 persons", facilities().size(),
                                         staff.count() + 1)});
  });
  created = true;
  return logins;
}

}  // namespace musubi::cli
