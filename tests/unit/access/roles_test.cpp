// The kinds of account and the stored form of a user's set of them.
#include "access/roles.hpp"

#include <gtest/gtest.h>

namespace musubi::access {
namespace {

TEST(RolesTest, EveryRoleHasACodeThatReadsBack) {
  ASSERT_EQ(roles().size(), 6u);
  for (const auto& r : roles()) {
    EXPECT_EQ(role_code(r.role), r.code);
    EXPECT_EQ(role_from_code(r.code), r.role);
    EXPECT_FALSE(r.label.empty());
  }
  EXPECT_EQ(role_code(Role::region_admin), "region_admin");
  EXPECT_EQ(roles()[0].label, "地域管理者");
  EXPECT_EQ(role_from_code("ems"), Role::ems);
  EXPECT_EQ(role_from_code("disaster_coordinator"), Role::disaster_coordinator);
  EXPECT_EQ(role_from_code("Professional"), std::nullopt);
  EXPECT_EQ(role_from_code("admin"), std::nullopt);
  EXPECT_EQ(role_from_code(""), std::nullopt);
}

TEST(RoleSetTest, CodesAreWrittenInOneOrderWhateverOrderTheyCameIn) {
  auto set = RoleSet::from_codes("professional,region_admin");
  ASSERT_TRUE(set);
  EXPECT_TRUE(set->has(Role::region_admin));
  EXPECT_TRUE(set->has(Role::professional));
  EXPECT_FALSE(set->has(Role::family));
  EXPECT_EQ(set->to_codes(), "region_admin,professional");
  EXPECT_EQ(set->list(), (std::vector<Role>{Role::region_admin, Role::professional}));
  EXPECT_EQ(RoleSet::from_codes(set->to_codes()), set);
  EXPECT_EQ(RoleSet::from_codes("ems,ems"), (RoleSet{Role::ems}));
}

TEST(RoleSetTest, AnUnknownOrEmptyCodeRefusesTheWholeSet) {
  EXPECT_EQ(RoleSet::from_codes("professional,doctor"), std::nullopt);
  EXPECT_EQ(RoleSet::from_codes("professional,,ems"), std::nullopt);
  EXPECT_EQ(RoleSet::from_codes(",ems"), std::nullopt);
  EXPECT_EQ(RoleSet::from_codes("professional, ems"), std::nullopt) << "no spaces";
}

TEST(RoleSetTest, NoCodesIsTheEmptySet) {
  auto none = RoleSet::from_codes("");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(none->to_codes(), "");
  EXPECT_TRUE(none->list().empty());
}

TEST(RoleSetTest, SetsIntersectWhenTheyShareARole) {
  const RoleSet staff{Role::professional, Role::facility_admin};
  EXPECT_TRUE(staff.intersects({Role::facility_admin, Role::region_admin}));
  EXPECT_FALSE(staff.intersects({Role::family, Role::ems}));
  EXPECT_FALSE(staff.intersects({}));
  EXPECT_FALSE(RoleSet{}.intersects(staff));
  EXPECT_EQ(staff, (RoleSet{Role::facility_admin, Role::professional}));
  EXPECT_NE(staff, RoleSet{Role::professional});
}

}  // namespace
}  // namespace musubi::access
