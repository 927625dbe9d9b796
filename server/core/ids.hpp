// Ids that know what they name, so that a user's id cannot be passed where a board's or a post's
// is expected (`hand_on(PostId, UserId from, UserId to)`). Making one from a number is explicit;
// reading the number is implicit, so code that still takes a plain `Id` accepts a typed id while
// the domains move over one by one (decision 009).
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace musubi {

template <class Tag>
class StrongId {
 public:
  constexpr StrongId() = default;
  constexpr explicit StrongId(std::int64_t value) : value_(value) {}
  // Not from another kind's id, not even spelled out (`UserId{post.board_id}`).
  template <class Other>
  StrongId(StrongId<Other>) = delete;

  constexpr std::int64_t value() const { return value_; }
  constexpr operator std::int64_t() const { return value_; }  // NOLINT(google-explicit-constructor)

  friend constexpr bool operator==(StrongId, StrongId) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
  friend constexpr auto operator<=>(StrongId, StrongId) = default;
  // A board's id is never equal to a user's, even when the numbers are.
  template <class Other>
  friend bool operator==(StrongId, StrongId<Other>) = delete;

  // nlohmann::json reads and writes the number (found by argument-dependent lookup).
  template <class Json>
  friend void to_json(Json& json, StrongId id) {
    json = id.value_;
  }
  template <class Json>
  friend void from_json(const Json& json, StrongId& id) {
    id.value_ = json.template get<std::int64_t>();
  }

 private:
  std::int64_t value_ = 0;
};

using RegionId = StrongId<struct RegionTag>;
using FacilityId = StrongId<struct FacilityTag>;
using UserId = StrongId<struct UserTag>;
using PersonId = StrongId<struct PersonTag>;
using BoardId = StrongId<struct BoardTag>;
using PostId = StrongId<struct PostTag>;
using AttachmentId = StrongId<struct AttachmentTag>;
using TagId = StrongId<struct TagTag>;

}  // namespace musubi

template <class Tag>
struct std::hash<musubi::StrongId<Tag>> {
  std::size_t operator()(musubi::StrongId<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value());
  }
};
