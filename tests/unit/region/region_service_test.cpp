// The region's directory on a real database: what an administrator may register, what a
// facility administrator may not, and a CSV import that is all or nothing.
#include "region/region_service.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../fixture/test_region.hpp"
#include "core/error.hpp"

namespace musubi::region {
namespace {

// The fields an invalid_input error names, with their messages.
std::vector<FieldError> refused(const std::function<void()>& work,
                                ErrorCode code = ErrorCode::invalid_input) {
  try {
    work();
    ADD_FAILURE() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.fields();
  }
  return {};
}

std::vector<std::string> field_names(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

class RegionServiceTest : public testing::TestRegion {
 protected:
  std::int64_t user_count() {
    return storage->read([&](storage::Transaction& tx) { return tx.users().count(region.id); });
  }
};

TEST_F(RegionServiceTest, AFacilityNeedsANameAKindAndANameOfItsOwn) {
  auto errors = refused([&] {
    regions->create_facility(admin, {.name = " ", .kind = "castle", .postal_code = "12"});
  });
  EXPECT_EQ(field_names(errors), (std::vector<std::string>{"name", "kind", "postal_code"}));
  EXPECT_EQ(errors[1].message, "施設の種類を選んでください");
  auto f = regions->create_facility(
      admin, {.name = " みどり診療所 ", .kind = "clinic", .postal_code = "305-0031"});
  EXPECT_EQ(f.name, "みどり診療所") << "trimmed";
  EXPECT_EQ(f.kind, FacilityKind::clinic);
  errors = refused(
      [&] { regions->create_facility(admin, {.name = "みどり診療所", .kind = "hospital"}); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "同じ名前の施設がすでに登録されています");
}

TEST_F(RegionServiceTest, AFacilitysContactMustWorkThere) {
  auto clinic = add_facility("みどり診療所");
  auto other = add_facility("ひまわり薬局", "pharmacy");
  auto nurse = add_user("nurse", {"professional"}, clinic);
  auto pharmacist = add_user("pharmacist", {"professional"}, other);
  auto errors = refused([&] {
    regions->update_facility(
        admin, clinic,
        {.name = "みどり診療所", .kind = "clinic", .contact_user_id = pharmacist.user_id});
  });
  EXPECT_EQ(field_names(errors), std::vector<std::string>{"contact_user_id"});
  auto f = regions->update_facility(
      admin, clinic, {.name = "みどり診療所", .kind = "clinic", .contact_user_id = nurse.user_id});
  EXPECT_EQ(f.contact_user_id, nurse.user_id);
}

TEST_F(RegionServiceTest, OnlyARegionAdministratorChangesTheRegion) {
  auto doctor = add_user("doctor");
  refused([&] { regions->create_facility(doctor, {.name = "x", .kind = "clinic"}); },
          ErrorCode::forbidden);
  refused([&] { regions->update_max_upload_mb(doctor, 10); }, ErrorCode::forbidden);
  refused([&] { regions->update_max_upload_mb(admin, 0); });
  refused([&] { regions->update_max_upload_mb(admin, 2049); });
  regions->update_max_upload_mb(admin, 2048);
  EXPECT_EQ(regions->region(admin).max_upload_bytes, std::int64_t{2048} * 1024 * 1024);
}

TEST_F(RegionServiceTest, AFacilityAdministratorRegistersOnlyTheirOwnStaff) {
  auto clinic = add_facility("みどり診療所");
  auto other = add_facility("つくば病院", "hospital");
  auto head = add_user("head", {"professional", "facility_admin"}, clinic);
  auto errors = refused([&] {
    regions->create_user(head, {.login_id = "elsewhere",
                                .facility_id = other,
                                .name = "他 施設",
                                .name_kana = "た しせつ",
                                .roles = {"professional"}});
  });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "自施設の利用者のみ登録できます");
  errors = refused([&] {
    regions->create_user(head, {.login_id = "boss",
                                .facility_id = clinic,
                                .name = "上 司",
                                .name_kana = "うえ つかさ",
                                .roles = {"region_admin"}});
  });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "地域管理者の権限は付与できません");
  auto created = regions->create_user(head, {.login_id = "staff",
                                             .facility_id = clinic,
                                             .name = "職員 一",
                                             .name_kana = "しょくいん はじめ",
                                             .roles = {"professional"}});
  EXPECT_EQ(created.user.facility_id, clinic);
  EXPECT_EQ(created.temporary_password.size(), 12u);
  refused([&] { regions->create_user(add_user("plain", {"professional"}, clinic), {}); },
          ErrorCode::forbidden);
}

TEST_F(RegionServiceTest, AUserNeedsRolesAndAProfessionalAFacility) {
  auto errors = refused([&] {
    regions->create_user(admin, {.login_id = "nobody", .name = "名無し", .name_kana = "ななし"});
  });
  EXPECT_EQ(field_names(errors), std::vector<std::string>{"roles"});
  EXPECT_EQ(errors[0].message, "権限を1つ以上選んでください");
  errors = refused([&] {
    regions->create_user(admin, {.login_id = "floating",
                                 .name = "浮 遊",
                                 .name_kana = "ふ ゆう",
                                 .roles = {"professional", "wizard"}});
  });
  EXPECT_EQ(field_names(errors), (std::vector<std::string>{"roles", "facility_id"}));
  EXPECT_EQ(errors[0].message, "権限「wizard」はありません");
  auto family = regions->create_user(admin, {.login_id = "family1",
                                             .name = "家族 花子",
                                             .name_kana = "かぞく はなこ",
                                             .roles = {"family"}});
  EXPECT_FALSE(family.user.facility_id) << "a family member needs no facility";
}

TEST_F(RegionServiceTest, ACsvImportIsAllOrNothing) {
  add_facility("みどり診療所");
  const auto before = user_count();
  const std::string bad =
      "ログインID,氏名,ふりがな,所属施設,職種,権限\r\n"
      "ito,伊藤 一,いとう はじめ,みどり診療所,医師,専門職\r\n"
      "ueda,上田 二,うえだ じろう,どこか病院,看護師,専門職\r\n"
      "ITO,伊藤 三,いとう さぶろう,みどり診療所,医師,専門職\r\n";
  auto result = regions->import_users(admin, bad, false);
  EXPECT_FALSE(result.imported);
  ASSERT_EQ(result.errors.size(), 3u);
  EXPECT_EQ(result.errors[0].row, 2u);
  EXPECT_EQ(result.errors[0].field, "facility");
  EXPECT_EQ(result.errors[1].row, 2u);
  EXPECT_EQ(result.errors[1].field, "facility_id") << "a professional without a facility";
  EXPECT_EQ(result.errors[2].row, 3u);
  EXPECT_EQ(result.errors[2].field, "login_id") << "the same login ID twice, in any case";
  EXPECT_EQ(user_count(), before) << "not even the good row";

  const std::string good =
      "login_id,name,name_kana,facility,roles\n"
      "ito,伊藤 一,いとう はじめ,みどり診療所,professional\n"
      "kato,加藤 四,かとう しろう,,家族\n";
  auto dry = regions->import_users(admin, good, true);
  EXPECT_FALSE(dry.imported);
  EXPECT_TRUE(dry.errors.empty());
  EXPECT_EQ(user_count(), before) << "a dry run writes nothing";
  auto done = regions->import_users(admin, good, false);
  EXPECT_TRUE(done.imported);
  ASSERT_EQ(done.created.size(), 2u);
  EXPECT_EQ(done.created[0].user.login_id, "ito");
  EXPECT_EQ(done.created[1].user.roles, RoleSet{Role::family});
  EXPECT_EQ(user_count(), before + 2);
  auto header_only = regions->import_users(admin, "氏名,ふりがな\n", false);
  ASSERT_EQ(header_only.errors.size(), 1u);
  EXPECT_EQ(header_only.errors[0].message, "見出し行に次の列がありません: ログインID、権限");
}

}  // namespace
}  // namespace musubi::region
