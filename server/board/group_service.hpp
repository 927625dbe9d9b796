// Groups (プロジェクト) and direct conversations (メッセージ): boards that are not about a person.
// Once created they are boards like any other — posts, replies, files, acknowledgements,
// requests, restricted posts, the inbox and search all go through BoardService and the stores
// unchanged. What is particular to them lives here: who may create, find, join and leave them.
#pragma once

#include <string>
#include <vector>

#include "access/actor.hpp"
#include "board/board_events.hpp"
#include "board/board_service.hpp"
#include "board/types.hpp"
#include "core/clock.hpp"

namespace musubi::storage {
class Storage;
class Transaction;
}  // namespace musubi::storage

namespace musubi::board {

struct GroupInput {
  std::string name;
  std::string description;
  bool open = false;    // any professional of the region may join without approval
  bool hidden = false;  // 非公開: not listed to others, no join requests; members add people
};

enum class JoinOutcome { joined, requested };

class GroupService {
 public:
  GroupService(storage::Storage& storage, const Clock& clock, EventListener* listener = nullptr)
      : storage_(storage), clock_(clock), listener_(listener) {}

  // Every group of the region with what it is about and how many are on it (theirs first);
  // content only ever to members.
  std::vector<GroupSummary> groups(const access::Actor& actor);
  // Anyone of the region may start a group; they become its first administrator.
  BoardView create_group(const access::Actor& actor, const GroupInput& input);
  BoardView update_group(const access::Actor& actor, BoardId group_id, const GroupInput& input);
  // An open group is joined at once; a closed one gets a join request for its administrators
  // (decided with BoardService::decide_join); a hidden one is not found (members add people).
  JoinOutcome join_group(const access::Actor& actor, BoardId group_id, const std::string& message);

  // My conversations, newest first, each named by the others on it.
  std::vector<BoardSummary> conversations(const access::Actor& actor);
  struct Conversation {
    BoardId id;
    bool created = false;  // false: the existing one between exactly these people
  };
  // The conversation between me and exactly these users: the existing one, or a new one.
  Conversation start_conversation(const access::Actor& actor, const std::vector<UserId>& others);

  static constexpr std::size_t kMaxName = 60;
  static constexpr std::size_t kMaxDescription = 1000;
  static constexpr std::size_t kMaxConversationSize = 20;

 private:
  void joined(storage::Transaction& tx, BoardId board_id, UserId user, UserId by);

  storage::Storage& storage_;
  const Clock& clock_;
  EventListener* listener_;
};

}  // namespace musubi::board
