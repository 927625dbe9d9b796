#include "auth/actor_for.hpp"

namespace musubi::auth {

Actor actor_for(const region::User& user, std::int64_t session_id, const Origin& origin) {
  Actor a;
  a.user_id = UserId{user.id};
  a.region_id = RegionId{user.region_id};
  if (user.facility_id) a.facility_id = FacilityId{*user.facility_id};
  a.login_id = user.login_id;
  a.name = user.name;
  a.roles = user.roles;
  a.session_id = session_id;
  a.ip = origin.ip;
  a.request_id = origin.request_id;
  return a;
}

}  // namespace musubi::auth
