#include "core/ids.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <concepts>
#include <map>
#include <type_traits>
#include <unordered_set>
#include <vector>

namespace musubi {
namespace {

// What the compiler must refuse: a number where an id is expected, and one kind of id for
// another. These are the mistakes the types exist for.
static_assert(!std::is_convertible_v<std::int64_t, UserId>);
static_assert(!std::is_convertible_v<int, PostId>);
static_assert(!std::is_convertible_v<BoardId, UserId>);
static_assert(!std::is_convertible_v<PostId, BoardId>);
static_assert(!std::is_constructible_v<UserId, BoardId>);
static_assert(!std::equality_comparable_with<BoardId, UserId>);
static_assert(!std::is_assignable_v<UserId&, std::int64_t>);
// What stays easy: reading the number, and an id costs what the number costs.
static_assert(std::is_convertible_v<UserId, std::int64_t>);
static_assert(sizeof(PostId) == sizeof(std::int64_t));
static_assert(std::is_trivially_copyable_v<PostId>);

void takes_post_and_user(PostId, UserId) {}
template <class A, class B>
concept callable_with = requires(A a, B b) {
  takes_post_and_user(a, b);
};
static_assert(callable_with<PostId, UserId>);
static_assert(!callable_with<UserId, PostId>);  // swapped arguments do not compile
static_assert(!callable_with<std::int64_t, UserId>);

TEST(StrongIdTest, ComparesOrdersAndHashesByItsNumber) {
  EXPECT_EQ(UserId{7}, UserId{7});
  EXPECT_NE(UserId{7}, UserId{8});
  EXPECT_LT(PostId{3}, PostId{10});
  EXPECT_EQ(UserId{}.value(), 0);
  std::map<BoardId, int> by_board{{BoardId{2}, 1}, {BoardId{1}, 2}};
  EXPECT_EQ(by_board.begin()->first, BoardId{1});
  std::unordered_set<UserId> users{UserId{1}, UserId{1}, UserId{2}};
  EXPECT_EQ(users.size(), 2u);
  std::int64_t plain = PostId{42};
  EXPECT_EQ(plain, 42);
}

TEST(StrongIdTest, IsWrittenAndReadAsThePlainNumberInJson) {
  nlohmann::json j{{"board_id", BoardId{12}},
                   {"audience", std::vector<UserId>{UserId{1}, UserId{5}}}};
  EXPECT_EQ(j.dump(), R"({"audience":[1,5],"board_id":12})");
  EXPECT_EQ(j.at("board_id").get<BoardId>(), BoardId{12});
  EXPECT_EQ(j.at("audience").get<std::vector<UserId>>(),
            (std::vector<UserId>{UserId{1}, UserId{5}}));
}

}  // namespace
}  // namespace musubi
