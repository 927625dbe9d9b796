// Who may manage which account, and how a row of an administrator's CSV becomes a user.
#include "region/user_rules.hpp"

#include <gtest/gtest.h>

namespace musubi::region {
namespace {

using access::Actor;
using access::Role;

Actor actor(RoleSet roles, std::optional<Id> facility = std::nullopt) {
  return {.user_id = UserId{1},
          .region_id = RegionId{1},
          .facility_id = std::optional<FacilityId>(facility),
          .roles = roles};
}

TEST(MayManageTest, RegionAdministratorsManageEveryoneInTheirRegion) {
  const auto admin = actor({Role::region_admin});
  EXPECT_TRUE(may_manage(admin, 5, {Role::professional}));
  EXPECT_TRUE(may_manage(admin, std::nullopt, {Role::region_admin}));
}

TEST(MayManageTest, FacilityAdministratorsManageTheirOwnStaffButNeverARegionAdministrator) {
  const auto head = actor({Role::professional, Role::facility_admin}, 5);
  EXPECT_TRUE(may_manage(head, 5, {Role::professional}));
  EXPECT_TRUE(may_manage(head, 5, {Role::facility_admin}));
  EXPECT_FALSE(may_manage(head, 6, {Role::professional})) << "another facility";
  EXPECT_FALSE(may_manage(head, std::nullopt, {Role::family}));
  EXPECT_FALSE(may_manage(head, 5, {Role::region_admin, Role::professional}));
  EXPECT_FALSE(may_manage(actor({Role::facility_admin}), std::nullopt, {Role::family}))
      << "a facility administrator without a facility";
  EXPECT_FALSE(may_manage(actor({Role::professional}, 5), 5, {Role::professional}));
}

TEST(UserCsvTest, ColumnsAreFoundByEnglishOrJapaneseNamesInAnyOrder) {
  auto c =
      user_csv_columns({"権限", " 氏名 ", "ふりがな", "メールアドレス", "ログインID", "所属施設"});
  EXPECT_EQ(c.missing, "");
  EXPECT_EQ(c.roles, 0);
  EXPECT_EQ(c.name, 1);
  EXPECT_EQ(c.name_kana, 2);
  EXPECT_EQ(c.email, 3);
  EXPECT_EQ(c.login_id, 4);
  EXPECT_EQ(c.facility, 5);
  EXPECT_EQ(c.profession, -1);
  EXPECT_EQ(c.phone, -1);
  auto english = user_csv_columns({"login_id", "name", "name_kana", "roles", "phone"});
  EXPECT_EQ(english.missing, "");
  EXPECT_EQ(english.phone, 4);
}

TEST(UserCsvTest, MissingRequiredColumnsAreNamed) {
  EXPECT_EQ(user_csv_columns({"氏名", "メール"}).missing, "ログインID、ふりがな、権限");
  EXPECT_EQ(user_csv_columns({}).missing, "ログインID、氏名、ふりがな、権限");
}

TEST(UserCsvTest, ARowNamesItsFacilityProfessionAndRolesInWords) {
  const std::vector<Facility> facilities = {{.id = 7, .name = "みどり診療所"},
                                            {.id = 8, .name = "つくば病院"}};
  const std::vector<Profession> professions = {{.id = 3, .name = "医師"},
                                               {.id = 4, .name = "看護師"}};
  auto columns =
      user_csv_columns({"login_id", "氏名", "ふりがな", "施設", "職種", "電話", "メール", "権限"});
  Validator v;
  auto in = user_input_from_row({" sato.dr ", "佐藤 一郎", "さとう いちろう", "つくば病院", "医師",
                                 "029-000-0000", "sato@example.jp", "専門職・施設管理者"},
                                columns, facilities, professions, v);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(in.login_id, "sato.dr");
  EXPECT_EQ(in.name, "佐藤 一郎");
  EXPECT_EQ(in.name_kana, "さとう いちろう");
  EXPECT_EQ(in.facility_id, 8);
  EXPECT_EQ(in.profession_id, 3);
  EXPECT_EQ(in.phone, "029-000-0000");
  EXPECT_EQ(in.email, "sato@example.jp");
  EXPECT_EQ(in.roles, (std::vector<std::string>{"professional", "facility_admin"}));
  for (const char* written :
       {"professional;ems", "professional、救急隊", "professional / ems", "professional,ems;"}) {
    Validator w;
    auto roles = user_input_from_row({"x", "x", "x", "", "", "", "", written}, columns, facilities,
                                     professions, w)
                     .roles;
    EXPECT_EQ(roles, (std::vector<std::string>{"professional", "ems"})) << written;
  }
}

TEST(UserCsvTest, UnknownFacilitiesAndProfessionsAreProblemsOfTheRow) {
  auto columns = user_csv_columns({"login_id", "氏名", "ふりがな", "施設", "職種", "権限"});
  Validator v;
  auto in =
      user_input_from_row({"kato", "加藤", "かとう", "どこか病院", "魔法使い", "専門職"}, columns,
                          {{.id = 7, .name = "みどり診療所"}}, {{.id = 3, .name = "医師"}}, v);
  EXPECT_FALSE(in.facility_id);
  EXPECT_FALSE(in.profession_id);
  ASSERT_EQ(v.errors().size(), 2u);
  EXPECT_EQ(v.errors()[0].field, "facility");
  EXPECT_EQ(v.errors()[0].message, "施設「どこか病院」は登録されていません");
  EXPECT_EQ(v.errors()[1].field, "profession");
  EXPECT_EQ(v.errors()[1].message, "職種「魔法使い」はありません");
  // A short row: the missing cells are empty, not an error here.
  Validator w;
  auto short_row = user_input_from_row({"kato"}, columns, {}, {}, w);
  EXPECT_TRUE(w.ok());
  EXPECT_EQ(short_row.name, "");
  EXPECT_TRUE(short_row.roles.empty());
}

}  // namespace
}  // namespace musubi::region
