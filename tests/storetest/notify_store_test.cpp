// Who is told of a post, against a model: random board activity (posts, replies, requests,
// important posts, polls, 特別便, conversations, mutes for good and for a while, members and
// request-only facility contacts joining and leaving, audiences widened, hand-ons, deletions,
// reminders, reads) with the notifier catching up now and then; after every step each user's
// notification list and unread count must say exactly what the rules say. The rules (docs/api.md
// "mute", decision 008): addressees are told of a request; everyone else on a conversation of a
// message; the members who can see it of an important post or a poll; the author of the post
// replied to of a reply; a member who muted the board only of the requests and replies; never the
// author; and the list shows only what the user may still see.
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "backends.hpp"
#include "board/board_store.hpp"
#include "notify/notify_store.hpp"
#include "poll/poll_store.hpp"

namespace musubi::storetest {
namespace {

using board::BoardKind;
using notify::Kind;

struct ModelPost {
  PostId id;
  BoardId board;
  std::optional<PostId> root;  // replies only
  UserId author;
  bool important = false;
  bool poll = false;
  std::set<UserId> audience;    // empty: everyone on the board
  std::set<UserId> addressees;  // requests only
  bool deleted = false;
};

struct Membership {
  bool muted = false;
  std::optional<UnixSeconds> muted_until;
  bool request_only = false;
};

struct Row {
  Kind kind = Kind::reply;
  bool urgent = false;
  std::int64_t order = 0;  // rows are listed newest first; a reminder keeps its row
  bool read = false;
};

// The rules, written plainly.
class Model {
 public:
  std::map<BoardId, BoardKind> boards;
  std::map<BoardId, std::map<UserId, Membership>> members;  // board → user → state
  std::map<PostId, ModelPost> posts;
  std::map<std::pair<UserId, PostId>, Row> rows;  // user, post
  std::int64_t next_order = 0;

  bool member(BoardId board, UserId user) const { return members.at(board).contains(user); }
  bool request_only(BoardId board, UserId user) const {
    auto it = members.at(board).find(user);
    return it != members.at(board).end() && it->second.request_only;
  }
  // post_visibility.hpp: not restricted (and not a request-only contact), or in the audience, or
  // a request-only contact in the thread of a request addressed to them.
  bool visible(const ModelPost& p, UserId user) const {
    const bool restricted = !p.audience.empty();
    if (!restricted && !request_only(p.board, user)) return true;
    if (p.audience.contains(user)) return true;
    return !restricted && posts.at(p.root.value_or(p.id)).addressees.contains(user);
  }
  // What the list shows: the post is not deleted, the user is on its board and may see it.
  bool listed(const ModelPost& p, UserId user) const {
    return !p.deleted && member(p.board, user) && visible(p, user);
  }

  // A new post: most pressing reason first, one row per user; returns how many were told.
  std::int64_t tell(const ModelPost& p) {
    std::int64_t told = 0;
    auto add = [&](UserId user, Kind kind, bool urgent) {
      if (rows.contains({user, p.id})) return;
      rows[{user, p.id}] = {kind, urgent, next_order++, false};
      ++told;
    };
    for (auto u : p.addressees) {
      if (u != p.author) add(u, Kind::request, p.important);
    }
    auto broadcast_to = [&](UserId u, const Membership& m) {
      return u != p.author && !m.muted && visible(p, u);
    };
    if (boards.at(p.board) == BoardKind::direct) {
      for (const auto& [u, m] : members.at(p.board)) {
        if (broadcast_to(u, m)) add(u, Kind::message, false);
      }
    }
    if (!p.root && (p.important || p.poll)) {
      for (const auto& [u, m] : members.at(p.board)) {
        if (broadcast_to(u, m)) add(u, p.important ? Kind::important : Kind::poll, false);
      }
    }
    if (p.root) {
      const UserId replied_to = posts.at(*p.root).author;
      if (replied_to != p.author && member(p.board, replied_to))
        add(replied_to, Kind::reply, false);
    }
    return told;
  }
  void remind(PostId post, UserId user) {
    auto [it, added] = rows.try_emplace({user, post}, Row{.order = next_order});
    if (added) ++next_order;
    it->second.kind = Kind::reminder;
    it->second.read = false;
  }
  std::int64_t end_mutes(UnixSeconds now) {
    std::int64_t ended = 0;
    for (auto& [board, people] : members) {
      for (auto& [u, m] : people) {
        if (m.muted_until && *m.muted_until <= now) {
          m = {.request_only = m.request_only};
          ++ended;
        }
      }
    }
    return ended;
  }
};

using Entry = std::tuple<PostId, std::string, bool, bool>;  // post, kind, urgent, read

class NotifyStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      for (int i = 0; i < 7; ++i) users.push_back(professional(tx, "u" + std::to_string(i)));
      add_board(care_team(tx, "a", {}), BoardKind::care, {users[0], users[1], users[2]}, tx);
      add_board(care_team(tx, "b", {}), BoardKind::care, {users[2], users[3], users[4]}, tx);
      add_board(
          tx.boards().insert_board(
              {.region_id = region_a, .kind = BoardKind::group, .name = "連携会議"}, users[0], now),
          BoardKind::group, {users[0], users[3], users[5]}, tx);
      add_board(tx.boards().insert_board({.region_id = region_a, .kind = BoardKind::direct},
                                         users[1], now),
                BoardKind::direct, {users[1], users[4], users[5]}, tx);
      facility = FacilityId{tx.facilities().insert(
          region_a, {.name = "病院", .kind = region::FacilityKind::hospital}, now)};
    });
  }

  void add_board(BoardId board, BoardKind kind, const std::vector<UserId>& people,
                 storage::Transaction& tx) {
    boards.push_back(board);
    model.boards[board] = kind;
    for (auto u : people) {
      tx.boards().put_member(board, u, "other", false, now);
      model.members[board][u] = {};
    }
  }

  std::string name_of(UserId user) const {
    auto at = std::find(users.begin(), users.end(), user) - users.begin();
    return "u" + std::to_string(at);
  }
  template <typename T>
  const T& pick(const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
  }
  bool chance(int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; }
  std::vector<UserId> members_of(BoardId board, bool full_only = false) {
    std::vector<UserId> out;
    for (const auto& [u, m] : model.members[board]) {
      if (!full_only || !m.request_only) out.push_back(u);
    }
    return out;
  }
  std::vector<PostId> roots_visible_to(BoardId board, UserId user) {
    std::vector<PostId> out;
    for (const auto& [id, p] : model.posts) {
      if (p.board == board && !p.root && !p.deleted && model.visible(p, user)) out.push_back(id);
    }
    return out;
  }
  std::vector<PostId> told_posts(bool roots_only = false) {
    std::vector<PostId> out;
    for (const auto& [id, p] : model.posts) {
      if (!pending.contains(id) && (!roots_only || !p.root)) out.push_back(id);
    }
    return out;
  }

  // A post or reply as a member would write it; the notifier hears of it later.
  void write_post(BoardId board) {
    auto people = members_of(board);
    if (people.empty()) return;
    ModelPost m{.board = board, .author = pick(people)};
    const bool contact = model.request_only(board, m.author);
    auto roots = roots_visible_to(board, m.author);
    board::NewPost p{.board_id = board, .author_id = m.author, .body = "本文"};
    if (!roots.empty() && (contact || chance(40))) {
      m.root = pick(roots);
      p.parent_id = m.root;
      m.audience = model.posts[*m.root].audience;  // replies carry their post's audience
      m.important = chance(10);
    } else if (contact) {
      return;  // a request-only contact only answers
    } else {
      m.important = chance(25);
      m.poll = chance(25);
      if (chance(20)) {
        m.audience = {m.author};
        for (auto u : people) {
          if (chance(50)) m.audience.insert(u);
        }
      }
      if (chance(35)) {
        for (auto u : people) {
          if (u != m.author && chance(50)) m.addressees.insert(u);
        }
        // As the service does: a restricted request reaches its addressees.
        if (!m.audience.empty()) m.audience.insert(m.addressees.begin(), m.addressees.end());
      }
    }
    p.important = m.important;
    p.audience.assign(m.audience.begin(), m.audience.end());
    if (!m.addressees.empty()) {
      board::NewPost::Addressing a{.kind = board::RequestKind::answer};
      for (auto u : m.addressees) a.addressees.emplace_back(u, std::nullopt);
      p.request = a;
    }
    m.id = store->write([&](storage::Transaction& tx) {
      auto id = tx.posts().insert(p, now);
      if (m.poll) tx.polls().insert(id, {.options = {"はい", "いいえ"}});
      return id;
    });
    model.posts[m.id] = m;
    pending.insert(m.id);
  }

  // As the notifier's pass: mutes whose time is over end, then each new post in order.
  void catch_up(int step_no) {
    auto [ended, told] = store->write([&](storage::Transaction& tx) {
      auto e = tx.boards().end_mutes(now);
      std::vector<std::int64_t> t;
      for (auto id : pending) t.push_back(tx.notifications().add_for_post(id, now));
      return std::make_pair(e, t);
    });
    ASSERT_EQ(ended, model.end_mutes(now)) << "step " << step_no;
    std::size_t i = 0;
    for (auto id : pending) {
      ASSERT_EQ(told[i++], model.tell(model.posts[id])) << "post " << id << " step " << step_no;
    }
    pending.clear();
  }

  void step(int step_no) {
    ++now;
    const BoardId board = pick(boards);
    const bool changing = model.boards[board] != BoardKind::direct;
    auto people = members_of(board);
    const int op = std::uniform_int_distribution<int>(0, 99)(rng);
    if (op < 35 || people.empty()) return write_post(board);
    if (op < 45) return catch_up(step_no);
    const UserId user = pick(people);
    if (op < 51) {
      // Unmuted, muted for good, or muted for a few steps.
      auto& m = model.members[board][user];
      const int how = std::uniform_int_distribution<int>(0, 4)(rng);
      m.muted = how >= 2;
      m.muted_until =
          how >= 3 ? std::optional<UnixSeconds>(now + std::uniform_int_distribution<int>(1, 8)(rng))
                   : std::nullopt;
      store->write([&](storage::Transaction& tx) {
        tx.boards().set_muted(board, user, m.muted, m.muted_until);
      });
    } else if (op < 60 && changing) {
      const UserId joining = pick(users);
      if (model.member(board, joining)) {
        if (!model.request_only(board, joining)) return;
        // A team administrator makes a request-only contact a full member (a mute stays).
        store->write([&](storage::Transaction& tx) {
          tx.boards().put_member(board, joining, "other", false, now);
        });
        model.members[board][joining].request_only = false;
        return;
      }
      const bool contact = chance(50);
      store->write([&](storage::Transaction& tx) {
        if (contact) {
          tx.boards().put_contact(board, joining, "other", facility, true, now);
        } else {
          tx.boards().put_member(board, joining, "other", false, now);
        }
      });
      model.members[board][joining] = {.request_only = contact};
    } else if (op < 65 && changing) {
      if (people.size() <= 1) return;
      store->write([&](storage::Transaction& tx) { tx.boards().remove_member(board, user); });
      model.members[board].erase(user);
    } else if (op < 70) {
      auto roots = told_posts(true);
      if (roots.empty()) return;
      const PostId root = pick(roots);
      if (model.posts[root].audience.empty()) return;
      const UserId widened = pick(members_of(model.posts[root].board));
      store->write([&](storage::Transaction& tx) { tx.posts().add_to_audience(root, widened); });
      for (auto& [id, q] : model.posts) {
        if (id == root || q.root == root) q.audience.insert(widened);
      }
    } else if (op < 75) {
      auto roots = told_posts(true);
      if (roots.empty()) return;
      auto& p = model.posts[pick(roots)];
      if (p.addressees.empty()) return;
      const UserId from = *p.addressees.begin();
      const UserId to = pick(members_of(p.board));
      if (to == p.author || p.addressees.contains(to)) return;
      store->write([&](storage::Transaction& tx) { tx.posts().hand_on(p.id, from, to); });
      p.addressees.erase(from);
      p.addressees.insert(to);
    } else if (op < 79) {
      auto told = told_posts();
      if (told.empty()) return;
      auto& p = model.posts[pick(told)];
      store->write(
          [&](storage::Transaction& tx) { tx.posts().soft_delete(p.id, p.author, "", now); });
      p.deleted = true;
    } else if (op < 88) {
      remind_someone();
    } else {
      read_some(user);
    }
  }

  // A request's author reminds some addressees, or a poll's author some who can see it.
  void remind_someone() {
    auto roots = told_posts(true);
    if (roots.empty()) return;
    const auto& p = model.posts[pick(roots)];
    if (p.deleted || (p.addressees.empty() && !p.poll)) return;
    std::vector<UserId> whom;
    for (auto u : p.poll ? members_of(p.board)
                         : std::vector<UserId>(p.addressees.begin(), p.addressees.end())) {
      if (u != p.author && model.visible(p, u) && chance(60)) whom.push_back(u);
    }
    if (whom.empty()) return;
    store->write(
        [&](storage::Transaction& tx) { tx.notifications().add_reminder(p.id, whom, now); });
    for (auto u : whom) model.remind(p.id, u);
  }

  void read_some(UserId user) {
    auto listed = store->read(
        [&](storage::Transaction& tx) { return tx.notifications().list(user, std::nullopt, 100); });
    if (listed.empty() || chance(30)) {
      store->write(
          [&](storage::Transaction& tx) { tx.notifications().mark_read(user, std::nullopt, now); });
      for (auto& [key, row] : model.rows) {
        if (key.first == user) row.read = true;
      }
      return;
    }
    const auto& n = pick(listed);
    store->write([&](storage::Transaction& tx) { tx.notifications().mark_read(user, n.id, now); });
    model.rows.at({user, PostId{*n.post_id}}).read = true;
  }

  void expect_matches_model(int step_no) {
    for (auto user : users) {
      std::vector<std::pair<std::int64_t, Entry>> ranked;
      for (const auto& [key, row] : model.rows) {
        if (key.first != user || !model.listed(model.posts.at(key.second), user)) continue;
        ranked.push_back(
            {-row.order,
             {key.second, std::string(notify::kind_code(row.kind)), row.urgent, row.read}});
      }
      std::sort(ranked.begin(), ranked.end());
      std::vector<Entry> want;
      std::int64_t want_unread = 0;
      for (const auto& [order, e] : ranked) {
        want.push_back(e);
        if (!std::get<3>(e)) ++want_unread;
      }
      auto listed = store->read([&](storage::Transaction& tx) {
        return tx.notifications().list(user, std::nullopt, 10000);
      });
      std::vector<Entry> got;
      for (const auto& n : listed) {
        ASSERT_TRUE(n.post_id);
        const auto& p = model.posts.at(PostId{*n.post_id});
        ASSERT_NE(p.author, user) << "never told of one's own post";
        ASSERT_TRUE(n.board);
        EXPECT_EQ(n.board->id, p.board);
        EXPECT_EQ(n.parent_id, p.root);
        EXPECT_EQ(n.actor_name, name_of(p.author));
        got.emplace_back(PostId{*n.post_id}, std::string(notify::kind_code(n.kind)), n.urgent,
                         n.read_at.has_value());
      }
      ASSERT_EQ(got, want) << "user " << user << " after step " << step_no;
      ASSERT_EQ(store->read([&](storage::Transaction& tx) {
        return tx.notifications().unread_count(user);
      }),
                std::min<std::int64_t>(want_unread, 100))
          << "user " << user << " after step " << step_no;
    }
  }

  Model model;
  std::vector<UserId> users;
  std::vector<BoardId> boards;
  std::set<PostId> pending;  // posts the notifier has not seen yet (ids ascend: in order)
  FacilityId facility;
  std::mt19937 rng{20261207};
  UnixSeconds now = 1000;
};

TEST_P(NotifyStoreTest, TellsWhomTheRulesSayThroughRandomBoardActivity) {
  for (int i = 0; i < 600; ++i) {
    step(i);
    if (HasFatalFailure()) return;
    expect_matches_model(i);
    if (HasFatalFailure()) return;
  }
  catch_up(600);
  expect_matches_model(600);
  // The walk reached every reason, not an empty or one-sided state.
  std::map<Kind, int> kinds;
  for (const auto& [key, row] : model.rows) ++kinds[row.kind];
  for (auto k :
       {Kind::request, Kind::message, Kind::important, Kind::poll, Kind::reply, Kind::reminder}) {
    EXPECT_GT(kinds[k], 3) << notify::kind_code(k);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, NotifyStoreTest, ::testing::ValuesIn(backends()), backend_name);

// The same rules, one situation at a time.
class WhoIsToldTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      doctor = professional(tx, "doctor");
      nurse = professional(tx, "nurse");
      manager = professional(tx, "manager");
      pharmacist = professional(tx, "pharmacist");
      contact = professional(tx, "contact");
      team = care_team(tx, "ひと", {doctor, nurse, manager, pharmacist}, manager);
      hospital = FacilityId{tx.facilities().insert(
          region_a, {.name = "病院", .kind = region::FacilityKind::hospital}, 1)};
    });
  }

  PostId post(board::NewPost p, bool poll = false) {
    if (!p.board_id) p.board_id = team;
    if (p.body.empty()) p.body = "本文";
    return store->write([&](storage::Transaction& tx) {
      auto id = tx.posts().insert(p, now);
      if (poll) tx.polls().insert(id, {.options = {"はい", "いいえ"}});
      return id;
    });
  }
  board::NewPost::Addressing to(std::vector<UserId> users) {
    board::NewPost::Addressing a;
    for (auto u : users) a.addressees.emplace_back(u, std::nullopt);
    return a;
  }
  std::int64_t tell(PostId post_id) {
    return store->write([&](storage::Transaction& tx) {
      tx.boards().end_mutes(now);
      return tx.notifications().add_for_post(post_id, now);
    });
  }
  std::vector<notify::Notification> list(UserId user) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.notifications().list(user, std::nullopt, 500); });
  }
  // Who has the post in their list, and why ("request!" when urgent).
  std::map<UserId, std::string> told_of(PostId post_id) {
    std::map<UserId, std::string> out;
    for (auto u : {doctor, nurse, manager, pharmacist, contact}) {
      for (const auto& n : list(u)) {
        if (n.post_id == post_id) {
          out[u] = std::string(notify::kind_code(n.kind)) + (n.urgent ? "!" : "");
        }
      }
    }
    return out;
  }
  void mute(BoardId board, UserId user, bool muted,
            std::optional<UnixSeconds> until = std::nullopt) {
    store->write(
        [&](storage::Transaction& tx) { tx.boards().set_muted(board, user, muted, until); });
  }

  UserId doctor, nurse, manager, pharmacist, contact;
  BoardId team;
  FacilityId hospital;
  UnixSeconds now = 100;
};

using Told = std::map<UserId, std::string>;

TEST_P(WhoIsToldTest, AnImportantRequestTellsItsAddresseesUrgentlyAndTheOthersItIsImportant) {
  auto id = post({.author_id = manager, .important = true, .request = to({doctor, nurse})});
  EXPECT_EQ(tell(id), 3);
  EXPECT_EQ(told_of(id),
            (Told{{doctor, "request!"}, {nurse, "request!"}, {pharmacist, "important"}}));
  EXPECT_EQ(tell(id), 0) << "told once";
  auto plain_request = post({.author_id = manager, .request = to({pharmacist})});
  EXPECT_EQ(tell(plain_request), 1);
  EXPECT_EQ(told_of(plain_request), (Told{{pharmacist, "request"}}));
}

TEST_P(WhoIsToldTest, APlainPostTellsNoOneAndAReplyTellsTheAuthorOfThePost) {
  auto root = post({.author_id = nurse});
  EXPECT_EQ(tell(root), 0);
  auto reply = post({.parent_id = root, .author_id = doctor});
  EXPECT_EQ(tell(reply), 1);
  EXPECT_EQ(told_of(reply), (Told{{nurse, "reply"}}));
  auto own = post({.parent_id = root, .author_id = nurse});
  EXPECT_EQ(tell(own), 0) << "never the author";
  EXPECT_EQ(told_of(own), Told{});
  // A poll tells everyone who can see it; replying to a poll tells its author.
  auto poll = post({.author_id = doctor}, true);
  EXPECT_EQ(told_of(poll), Told{});
  EXPECT_EQ(tell(poll), 3);
  EXPECT_EQ(told_of(poll), (Told{{nurse, "poll"}, {manager, "poll"}, {pharmacist, "poll"}}));
}

TEST_P(WhoIsToldTest, AnImportantReplyIsOnlyAReply) {
  auto root = post({.author_id = nurse});
  auto reply = post({.parent_id = root, .author_id = doctor, .important = true});
  EXPECT_EQ(tell(reply), 1);
  EXPECT_EQ(told_of(reply), (Told{{nurse, "reply"}}));
}

TEST_P(WhoIsToldTest, AConversationTellsEveryoneElseOnItUnlessTheyMutedIt) {
  auto talk = store->write([&](storage::Transaction& tx) {
    auto id =
        tx.boards().insert_board({.region_id = region_a, .kind = BoardKind::direct}, doctor, now);
    for (auto u : {doctor, nurse, pharmacist}) {
      tx.boards().put_member(id, u, board::kGroupMemberRole, false, now);
    }
    return id;
  });
  mute(talk, pharmacist, true);
  auto hello = post({.board_id = talk, .author_id = doctor});
  EXPECT_EQ(tell(hello), 1);
  EXPECT_EQ(told_of(hello), (Told{{nurse, "message"}}));
  auto theirs = post({.board_id = talk, .author_id = pharmacist});
  EXPECT_EQ(told_of(theirs), Told{});
  EXPECT_EQ(tell(theirs), 2);
  auto answer = post({.board_id = talk, .parent_id = theirs, .author_id = doctor});
  EXPECT_EQ(tell(answer), 2);
  EXPECT_EQ(told_of(answer), (Told{{nurse, "message"}, {pharmacist, "reply"}}))
      << "a reply to the muted member's own message still reaches them";
}

TEST_P(WhoIsToldTest, AMutedMemberIsToldOnlyOfRequestsToThemAndRepliesToTheirPosts) {
  mute(team, nurse, true);
  auto poll = post({.author_id = manager, .important = true}, true);
  EXPECT_EQ(tell(poll), 2);
  EXPECT_EQ(told_of(poll), (Told{{doctor, "important"}, {pharmacist, "important"}}));
  auto ask = post({.author_id = manager, .important = true, .request = to({nurse})});
  EXPECT_EQ(tell(ask), 3);
  EXPECT_EQ(told_of(ask),
            (Told{{doctor, "important"}, {nurse, "request!"}, {pharmacist, "important"}}));
  auto hers = post({.author_id = nurse});
  auto reply = post({.parent_id = hers, .author_id = doctor});
  EXPECT_EQ(tell(reply), 1);
  EXPECT_EQ(told_of(reply), (Told{{nurse, "reply"}}));
  // A mute for a while ends by itself.
  mute(team, nurse, true, now + 10);
  now += 10;
  auto later = post({.author_id = manager, .important = true});
  EXPECT_EQ(tell(later), 3);
  EXPECT_EQ(told_of(later).at(nurse), "important");
}

TEST_P(WhoIsToldTest, ARestrictedPostIsToldOnlyToItsAudience) {
  auto secret = post({.author_id = manager, .important = true, .audience = {manager, doctor}});
  EXPECT_EQ(tell(secret), 1);
  EXPECT_EQ(told_of(secret), (Told{{doctor, "important"}}));
  auto poll = post({.author_id = manager, .audience = {manager, nurse}}, true);
  EXPECT_EQ(tell(poll), 1);
  EXPECT_EQ(told_of(poll), (Told{{nurse, "poll"}}));
  auto reply = post({.parent_id = secret, .author_id = doctor, .audience = {manager, doctor}});
  EXPECT_EQ(tell(reply), 1);
  EXPECT_EQ(told_of(reply), (Told{{manager, "reply"}}));
  // Someone later let in sees what was told to them only from then on.
  store->write([&](storage::Transaction& tx) { tx.posts().add_to_audience(secret, pharmacist); });
  EXPECT_EQ(told_of(secret), (Told{{doctor, "important"}}));
}

TEST_P(WhoIsToldTest, ARequestOnlyContactIsToldOnlyOfRequestsAddressedToThem) {
  store->write([&](storage::Transaction& tx) {
    tx.boards().put_contact(team, contact, "other", hospital, true, now);
  });
  auto important = post({.author_id = manager, .important = true});
  EXPECT_EQ(tell(important), 3);
  EXPECT_FALSE(told_of(important).contains(contact));
  auto poll = post({.author_id = manager}, true);
  EXPECT_EQ(tell(poll), 3);
  EXPECT_FALSE(told_of(poll).contains(contact));
  auto ask = post({.author_id = manager, .request = to({contact})});
  EXPECT_EQ(tell(ask), 1);
  EXPECT_EQ(told_of(ask), (Told{{contact, "request"}}));
  auto answer = post({.parent_id = ask, .author_id = contact});
  EXPECT_EQ(tell(answer), 1);
  EXPECT_EQ(told_of(answer), (Told{{manager, "reply"}}));
  auto follow_up = post({.parent_id = important, .author_id = manager});
  tell(follow_up);
  std::vector<PostId> contacts_list;
  for (const auto& n : list(contact)) contacts_list.push_back(PostId{*n.post_id});
  EXPECT_EQ(contacts_list, std::vector<PostId>{ask});
  // Made a full member: told like one from then on.
  store->write([&](storage::Transaction& tx) {
    tx.boards().put_member(team, contact, "other", false, now);
  });
  auto next = post({.author_id = manager, .important = true});
  EXPECT_EQ(tell(next), 4);
  EXPECT_EQ(told_of(next).at(contact), "important");
}

TEST_P(WhoIsToldTest, AContactWhoIsNotRequestOnlyIsToldLikeAMember) {
  store->write([&](storage::Transaction& tx) {
    tx.boards().put_contact(team, contact, "other", hospital, false, now);
  });
  auto important = post({.author_id = manager, .important = true});
  EXPECT_EQ(tell(important), 4);
  EXPECT_EQ(told_of(important).at(contact), "important");
}

TEST_P(WhoIsToldTest, TheListShowsOnlyWhatTheUserMayStillSee) {
  auto first = post({.author_id = manager, .important = true});
  auto second = post({.author_id = manager, .important = true});
  tell(first);
  tell(second);
  store->write([&](storage::Transaction& tx) { tx.posts().soft_delete(first, manager, "", now); });
  EXPECT_EQ(told_of(first), Told{});
  EXPECT_EQ(told_of(second).size(), 3u);
  store->write([&](storage::Transaction& tx) { tx.boards().remove_member(team, doctor); });
  EXPECT_FALSE(told_of(second).contains(doctor)) << "left the board";
  auto gone = post({.author_id = manager, .request = to({doctor})});
  EXPECT_EQ(tell(gone), 1) << "the addressee's row is made";
  EXPECT_EQ(told_of(gone), Told{}) << "but not listed while they are off the board";
  store->write(
      [&](storage::Transaction& tx) { tx.boards().put_member(team, doctor, "other", false, now); });
  EXPECT_EQ(told_of(second).at(doctor), "important") << "back on the board";
}

TEST_P(WhoIsToldTest, AReminderBringsTheNotificationBackAsNew) {
  auto ask = post({.author_id = manager, .important = true, .request = to({nurse})});
  tell(ask);
  auto unread = [&](UserId user) {
    return store->read(
        [&](storage::Transaction& tx) { return tx.notifications().unread_count(user); });
  };
  EXPECT_EQ(unread(nurse), 1);
  store->write(
      [&](storage::Transaction& tx) { tx.notifications().mark_read(nurse, std::nullopt, now); });
  EXPECT_EQ(unread(nurse), 0);
  EXPECT_TRUE(list(nurse)[0].read_at);
  now = 200;
  store->write([&](storage::Transaction& tx) {
    tx.notifications().add_reminder(ask, {nurse, doctor}, now);
  });
  auto nurses = list(nurse);
  ASSERT_EQ(nurses.size(), 1u);
  EXPECT_EQ(nurses[0].kind, Kind::reminder);
  EXPECT_TRUE(nurses[0].urgent) << "an important request stays urgent";
  EXPECT_FALSE(nurses[0].read_at);
  EXPECT_EQ(nurses[0].created_at, 200);
  EXPECT_EQ(unread(nurse), 1);
  auto doctors = list(doctor);
  ASSERT_EQ(doctors.size(), 1u);
  EXPECT_EQ(doctors[0].kind, Kind::reminder);
  EXPECT_EQ(doctors[0].actor_name, "manager");
}

TEST_P(WhoIsToldTest, TheListPagesNewestFirstAndTheUnreadCountStopsAtAHundred) {
  std::vector<PostId> posts;
  for (int i = 0; i < 105; ++i) {
    posts.push_back(post({.author_id = manager, .important = true}));
    tell(posts.back());
  }
  std::vector<PostId> seen;
  std::optional<notify::Id> before;
  for (;;) {
    auto page = store->read(
        [&](storage::Transaction& tx) { return tx.notifications().list(doctor, before, 40); });
    for (const auto& n : page) seen.push_back(PostId{*n.post_id});
    if (page.size() < 40) break;
    before = page.back().id;
  }
  EXPECT_EQ(seen, std::vector<PostId>(posts.rbegin(), posts.rend()));
  auto unread = [&] {
    return store->read(
        [&](storage::Transaction& tx) { return tx.notifications().unread_count(doctor); });
  };
  EXPECT_EQ(unread(), 100);
  auto newest = list(doctor)[0].id;
  store->write(
      [&](storage::Transaction& tx) { tx.notifications().mark_read(doctor, newest, now); });
  EXPECT_EQ(unread(), 100) << "104 unread";
  store->write(
      [&](storage::Transaction& tx) { tx.notifications().mark_read(doctor, std::nullopt, now); });
  EXPECT_EQ(unread(), 0);
  EXPECT_EQ(
      store->read([&](storage::Transaction& tx) { return tx.notifications().unread_count(nurse); }),
      100)
      << "another user's reads are theirs";
}

INSTANTIATE_TEST_SUITE_P(Backends, WhoIsToldTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
