#include "disaster/access.hpp"

#include "board/board_store.hpp"
#include "core/error.hpp"
#include "person/person_store.hpp"
#include "storage/storage.hpp"

namespace musubi::disaster {

bool is_city(const access::Actor& actor) {
  return actor.has(access::Role::region_admin) || actor.has(access::Role::disaster_coordinator);
}

void require_city(const access::Actor& actor) {
  if (!is_city(actor)) {
    throw Error(ErrorCode::forbidden, "地域管理者か防災担当の利用者だけが使えます");
  }
}

bool is_team_member(storage::Transaction& tx, const access::Actor& actor, PersonId person_id) {
  if (!actor.has(access::Role::professional)) return false;
  auto team = tx.boards().find_by_person(actor.region_id, person_id);
  if (!team) return false;
  auto me = tx.boards().member(team->id, actor.user_id);
  return me && !me->request_only;
}

void require_city_or_team(storage::Transaction& tx, const access::Actor& actor,
                          PersonId person_id) {
  if (!tx.persons().find(actor.region_id, person_id)) {
    throw Error(ErrorCode::not_found, "対象者が見つかりません");
  }
  if (!is_city(actor) && !is_team_member(tx, actor, person_id)) {
    throw Error(ErrorCode::forbidden, "この対象者のケアチームのメンバーではありません");
  }
}

}  // namespace musubi::disaster
