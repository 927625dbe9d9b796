// The actor a signed-in user is (access/actor.hpp), made from the user's directory entry.
#pragma once

#include <cstdint>

#include "access/actor.hpp"
#include "region/types.hpp"

namespace musubi::auth {

using access::Actor;
using access::Origin;

// The actor a signed-in `user` is, in session `session_id`, calling from `origin`.
Actor actor_for(const region::User& user, std::int64_t session_id, const Origin& origin);

}  // namespace musubi::auth
