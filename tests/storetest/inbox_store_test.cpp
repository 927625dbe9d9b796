// The inbox against a model: random board activity (posts, replies, requests, reads, acks,
// deletions, hand-ons, audiences widened, watermarks raised, members joining and leaving, facility
// contacts joining for their requests only and made full members) and after
// every step each user's inbox must say exactly what the rules say. A backend that keeps the inbox
// up to date as things happen (SQLite: triggers) must never drift from the rules, and never show
// anyone a post they may not see.
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <tuple>

#include "backends.hpp"
#include "board/board_store.hpp"
#include "board/search_store.hpp"

namespace musubi::storetest {
namespace {

using board::InboxReason;
using board::NewPost;

struct ModelPost {
  PostId id;
  BoardId team;
  std::optional<PostId> root;  // replies only
  UserId author;
  bool important = false;
  std::set<UserId> audience;  // empty: everyone in the team
  bool deleted = false;
  UnixSeconds created = 0;
  bool has_request = false;
  board::RequestKind kind = board::RequestKind::read;
  std::optional<UnixSeconds> deadline;
  std::set<UserId> addressees;
};

// The rules of docs/api.md "あなた宛て", written plainly.
class Model {
 public:
  std::map<PostId, ModelPost> posts;
  std::map<BoardId, std::map<UserId, PostId>> members;  // team → user → read watermark
  std::set<std::pair<UserId, PostId>> reads;            // user, post
  std::set<std::pair<UserId, PostId>> acks;             // user, post
  // team, user: a contact who sees only their requests
  std::set<std::pair<BoardId, UserId>> request_only;

  bool member(BoardId team, UserId user) const { return members.at(team).contains(user); }
  bool visible(const ModelPost& p, UserId user) const {
    if (!p.audience.empty()) return p.audience.contains(user);
    if (!request_only.contains({p.team, user})) return true;
    return posts.at(p.root.value_or(p.id)).addressees.contains(user);
  }
  bool read(const ModelPost& p, UserId user) const {
    return p.id <= members.at(p.team).at(user) || reads.contains({user, p.id});
  }
  bool answered(const ModelPost& root, UserId user) const {
    for (const auto& [id, p] : posts) {
      if (p.root == root.id && p.author == user && !p.deleted) return true;
    }
    return false;
  }

  std::optional<InboxReason> reason(const ModelPost& p, UserId user, UnixSeconds now) const {
    if (!member(p.team, user) || p.deleted || !visible(p, user)) return std::nullopt;
    if (p.has_request && p.addressees.contains(user) &&
        (p.kind == board::RequestKind::answer ? !answered(p, user) : !read(p, user))) {
      return InboxReason::request;
    }
    if (p.important && !p.root && p.author != user && !acks.contains({user, p.id}) &&
        p.created >= now - board::kInboxImportantWindow) {
      return InboxReason::important;
    }
    if (p.author == user || read(p, user)) return std::nullopt;
    if (p.root && posts.at(*p.root).author == user) return InboxReason::reply;
    return InboxReason::unread;
  }

  // As the store moves it: up to just below the first post still unread, else the team's last.
  void advance_watermark(BoardId team, UserId user) {
    PostId& mark = members[team][user];
    PostId last = mark;
    for (const auto& [id, p] : posts) {
      if (p.team != team || id <= mark) continue;
      last = id;
      if (!p.deleted && p.author != user && visible(p, user) && !reads.contains({user, id})) {
        mark = PostId{id - 1};
        return;
      }
    }
    mark = last;
  }
};

class InboxStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store->write([&](storage::Transaction& tx) {
      for (int i = 0; i < 5; ++i) users.push_back(professional(tx, "u" + std::to_string(i)));
      for (int t = 0; t < 3; ++t) {
        std::vector<UserId> initial = {users[t], users[t + 1], users[(t + 3) % 5]};
        teams.push_back(care_team(tx, std::string(1, static_cast<char>('a' + t)), initial));
        for (auto u : initial) model.members[teams.back()][u] = PostId{0};
      }
      facility = FacilityId{tx.facilities().insert(
          region_a, {.name = "病院", .kind = region::FacilityKind::hospital}, now)};
    });
  }

  template <typename T>
  const T& pick(const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
  }
  bool chance(int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; }
  std::vector<UserId> members_of(BoardId team) {
    std::vector<UserId> out;
    for (const auto& [u, mark] : model.members[team]) out.push_back(u);
    return out;
  }
  std::vector<PostId> posts_of(BoardId team, bool roots_only) {
    std::vector<PostId> out;
    for (const auto& [id, p] : model.posts) {
      if (p.team == team && !p.deleted && (!roots_only || !p.root)) out.push_back(id);
    }
    return out;
  }

  void write_post(BoardId team) {
    auto authors = members_of(team);
    if (authors.empty()) return;
    ModelPost m{.team = team, .author = pick(authors), .created = now};
    NewPost p{.board_id = team, .author_id = m.author, .body = "本文"};
    auto roots = posts_of(team, true);
    if (!roots.empty() && chance(40)) {
      m.root = pick(roots);
      p.parent_id = m.root;
      m.audience = model.posts[*m.root].audience;  // replies carry their post's audience
    } else {
      m.important = chance(25);
      if (chance(20)) {
        m.audience = {m.author};
        for (auto u : authors) {
          if (chance(50)) m.audience.insert(u);
        }
      }
      if (chance(35)) {
        m.has_request = true;
        m.kind = chance(50) ? board::RequestKind::answer : board::RequestKind::read;
        if (chance(70)) m.deadline = now + std::uniform_int_distribution<int>(-50, 50)(rng);
        for (auto u : authors) {
          if (u != m.author && chance(60)) m.addressees.insert(u);
        }
        // As the service does: a restricted request reaches its addressees.
        if (!m.audience.empty()) m.audience.insert(m.addressees.begin(), m.addressees.end());
      }
    }
    p.important = m.important;
    p.audience.assign(m.audience.begin(), m.audience.end());
    if (m.has_request) {
      NewPost::Addressing a{.kind = m.kind, .deadline = m.deadline};
      for (auto u : m.addressees) a.addressees.emplace_back(u, std::nullopt);
      p.request = a;
    }
    m.id = store->write([&](storage::Transaction& tx) { return tx.posts().insert(p, now); });
    model.posts[m.id] = m;
    model.reads.insert({m.author, m.id});
  }

  void step() {
    ++now;
    const BoardId team = pick(teams);
    auto people = members_of(team);
    auto posts = posts_of(team, false);
    const int op = std::uniform_int_distribution<int>(0, 99)(rng);
    if (op < 35 || posts.empty() || people.empty()) return write_post(team);
    const UserId user = pick(people);
    const PostId post = pick(posts);
    ModelPost& p = model.posts[post];
    if (op < 55) {
      std::vector<PostId> seen;
      for (auto id : posts) {
        if (model.visible(model.posts[id], user) && chance(40)) seen.push_back(id);
      }
      if (seen.empty()) return;
      store->write([&](storage::Transaction& tx) { tx.posts().mark_read(user, seen, now); });
      for (auto id : seen) model.reads.insert({user, id});
      model.advance_watermark(team, user);
    } else if (op < 62) {
      if (!model.visible(p, user)) return;
      store->write([&](storage::Transaction& tx) { tx.posts().acknowledge(post, user, now); });
      model.acks.insert({user, post});
    } else if (op < 67) {
      store->write([&](storage::Transaction& tx) { tx.posts().mark_all_read(team, user, now); });
      PostId last{0};
      for (const auto& [id, q] : model.posts) {
        if (q.team != team) continue;
        last = id;
        if (id > model.members[team][user] && model.visible(q, user))
          model.reads.insert({user, id});
      }
      model.members[team][user] = last;
    } else if (op < 70) {
      // As the generator does: everything up to a point counts as read, without read marks.
      store->write(
          [&](storage::Transaction& tx) { tx.boards().mark_read_through(team, user, post); });
      PostId& mark = model.members[team][user];
      mark = std::max(mark, post);
    } else if (op < 74) {
      store->write([&](storage::Transaction& tx) { tx.posts().soft_delete(post, user, "", now); });
      p.deleted = true;
    } else if (op < 80) {
      if (!p.has_request || p.addressees.empty()) return;
      const UserId from = *p.addressees.begin();
      const UserId to = pick(people);
      if (p.addressees.contains(to)) return;
      store->write([&](storage::Transaction& tx) { tx.posts().hand_on(post, from, to); });
      p.addressees.erase(from);
      p.addressees.insert(to);
    } else if (op < 86) {
      if (p.audience.empty() || p.root) return;
      store->write([&](storage::Transaction& tx) { tx.posts().add_to_audience(post, user); });
      for (auto& [id, q] : model.posts) {
        if (id == post || q.root == post) q.audience.insert(user);
      }
    } else if (op < 93) {
      const UserId joining = pick(users);
      if (model.member(team, joining)) {
        // A team administrator adds a request-only contact as a full member.
        if (!model.request_only.contains({team, joining})) return;
        store->write([&](storage::Transaction& tx) {
          tx.boards().put_member(team, joining, "other", false, now);
        });
        model.request_only.erase({team, joining});
        return;
      }
      const bool contact = chance(50);
      store->write([&](storage::Transaction& tx) {
        if (contact) {
          tx.boards().put_contact(team, joining, "other", facility, true, now);
        } else {
          tx.boards().put_member(team, joining, "other", false, now);
        }
      });
      model.members[team][joining] = PostId{0};
      if (contact) model.request_only.insert({team, joining});
    } else {
      if (people.size() <= 1) return;
      store->write([&](storage::Transaction& tx) { tx.boards().remove_member(team, user); });
      model.members[team].erase(user);
      model.request_only.erase({team, user});
    }
  }

  // Every user's whole inbox and counts, at two moments: now, and after the window has passed.
  void expect_matches_model(int step_no) {
    for (UnixSeconds at : {now, now + board::kInboxImportantWindow + 10}) {
      for (auto user : users) {
        std::multiset<std::pair<PostId, InboxReason>> want;
        board::InboxCounts want_counts;
        for (const auto& [id, p] : model.posts) {
          auto r = model.reason(p, user, at);
          if (!r) continue;
          want.insert({id, *r});
          switch (*r) {
            case InboxReason::request:
              ++want_counts.requests;
              if (p.deadline && *p.deadline < at) ++want_counts.overdue;
              break;
            case InboxReason::important:
              ++want_counts.important;
              break;
            case InboxReason::reply:
              ++want_counts.replies;
              break;
            case InboxReason::unread:
              ++want_counts.unread;
              break;
            case InboxReason::poll:  // polls are the poll store's (poll/inbox_polls.hpp)
              break;
          }
        }
        auto page = store->read(
            [&](storage::Transaction& tx) { return tx.inbox().page(user, 10000, 10000, at); });
        std::multiset<std::pair<PostId, InboxReason>> got;
        for (const auto& e : page.entries) got.insert({e.post_id, e.reason});
        ASSERT_EQ(got, want) << "user " << user << " after step " << step_no << " at " << at;
        // A short page: the first of each section in the section's order, from the same rows.
        std::map<InboxReason,
                 std::vector<std::pair<std::tuple<int, UnixSeconds, std::int64_t>, PostId>>>
            ranked;
        for (const auto& [id, reason] : want) {
          const auto& p = model.posts.at(id);
          // requests: with a deadline first, soonest first, then by id; important posts newest
          // first (by time, then id); the unread ones newest first
          auto key = reason == InboxReason::request
                         ? std::make_tuple(p.deadline ? 0 : 1, p.deadline.value_or(0), id.value())
                     : reason == InboxReason::important
                         ? std::make_tuple(0, -p.created, -id.value())
                         : std::make_tuple(0, UnixSeconds{0}, -id.value());
          ranked[reason].push_back({key, id});
        }
        std::vector<std::pair<PostId, InboxReason>> want_short;
        for (auto reason : {InboxReason::request, InboxReason::important, InboxReason::reply,
                            InboxReason::unread}) {
          auto& list = ranked[reason];
          std::sort(list.begin(), list.end());
          const std::size_t n = reason == InboxReason::unread ? 3 : 2;
          for (std::size_t i = 0; i < std::min(n, list.size()); ++i) {
            want_short.emplace_back(list[i].second, reason);
          }
        }
        auto short_page =
            store->read([&](storage::Transaction& tx) { return tx.inbox().page(user, 2, 3, at); });
        std::vector<std::pair<PostId, InboxReason>> got_short;
        for (const auto& e : short_page.entries) got_short.emplace_back(e.post_id, e.reason);
        ASSERT_EQ(got_short, want_short)
            << "short page of user " << user << " after step " << step_no << " at " << at;
        const auto& c = page.counts;
        ASSERT_EQ(std::tie(c.requests, c.overdue, c.important, c.replies, c.unread),
                  std::tie(want_counts.requests, want_counts.overdue, want_counts.important,
                           want_counts.replies, want_counts.unread))
            << "user " << user << " after step " << step_no;
      }
    }
    // The team list's unread badges come from the same rows.
    for (auto user : users) {
      std::map<BoardId, std::int64_t> want;
      for (const auto& [id, p] : model.posts) {
        if (model.member(p.team, user) && !p.deleted && model.visible(p, user) &&
            p.author != user && !model.read(p, user)) {
          ++want[p.team];
        }
      }
      std::map<BoardId, std::int64_t> got;
      for (const auto& t : store->read([&](storage::Transaction& tx) {
             return tx.boards().boards_of(user, board::BoardKind::care);
           })) {
        if (t.unread > 0) got[t.board.id] = t.unread;
      }
      ASSERT_EQ(got, want) << "unread badges of user " << user << " after step " << step_no;
    }
  }

  Model model;
  std::vector<UserId> users;
  std::vector<BoardId> teams;
  FacilityId facility;  // the hospital whose contacts join
  std::mt19937 rng{20261125};
  UnixSeconds now = 1000;
};

TEST_P(InboxStoreTest, FollowsTheRulesThroughRandomBoardActivity) {
  for (int i = 0; i < 400; ++i) {
    step();
    expect_matches_model(i);
    if (HasFatalFailure()) return;
  }
  std::size_t in_someones_inbox = 0;
  for (auto user : users) {
    in_someones_inbox += store
                             ->read([&](storage::Transaction& tx) {
                               return tx.inbox().page(user, 10000, 10000, now);
                             })
                             .entries.size();
  }
  EXPECT_GT(in_someones_inbox, 20U);  // the walk reached a busy state, not an empty one
}

TEST_P(InboxStoreTest, StaleImportantEntriesArePrunedButUnreadOnesStay) {
  const BoardId team = teams[0];
  auto [old_flag, old_unread] = store->write([&](storage::Transaction& tx) {
    auto flag = tx.posts().insert(
        {.board_id = team, .author_id = users[0], .body = "重要", .important = true}, now);
    auto plain = tx.posts().insert({.board_id = team, .author_id = users[0], .body = "連絡"}, now);
    tx.posts().mark_read(users[1], {flag}, now);
    return std::make_pair(flag, plain);
  });
  const UnixSeconds later = now + board::kInboxImportantWindow + 1;
  auto pruned =
      store->write([&](storage::Transaction& tx) { return tx.inbox().prune_stale(later); });
  EXPECT_GE(pruned, 1);  // users[1]'s entry for the old important post it had read
  auto entries =
      store
          ->read([&](storage::Transaction& tx) { return tx.inbox().page(users[1], 50, 50, later); })
          .entries;
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].post_id, old_unread);
  EXPECT_EQ(entries[0].reason, InboxReason::unread);
  // Still unread and past the window: the important post stays for users[3], now as unread.
  auto other =
      store
          ->read([&](storage::Transaction& tx) { return tx.inbox().page(users[3], 50, 50, later); })
          .entries;
  std::set<std::pair<PostId, InboxReason>> got;
  for (const auto& e : other) got.insert({e.post_id, e.reason});
  EXPECT_EQ(got, (std::set<std::pair<PostId, InboxReason>>{{old_flag, InboxReason::unread},
                                                           {old_unread, InboxReason::unread}}));
}

TEST_P(InboxStoreTest, ABulkLoadRebuildsTheSameInboxEvenWhenTheLoadFails) {
  auto* sqlite = dynamic_cast<backends::sqlite::SqliteStorage*>(store.get());
  if (!sqlite) GTEST_SKIP() << "bulk loading is SQLite's";
  for (int i = 0; i < 150; ++i) step();
  auto snapshot = [&] {
    std::vector<std::pair<PostId, InboxReason>> all;
    for (auto user : users) {
      for (const auto& e : store
                               ->read([&](storage::Transaction& tx) {
                                 return tx.inbox().page(user, 10000, 10000, now);
                               })
                               .entries) {
        all.emplace_back(e.post_id, e.reason);
      }
    }
    return all;
  };
  const auto before = snapshot();
  ASSERT_FALSE(before.empty());
  sqlite->bulk_load([] {});
  EXPECT_EQ(snapshot(), before);
  // A load that throws still puts the upkeep back: later activity keeps following the rules.
  EXPECT_THROW(sqlite->bulk_load([] { throw std::runtime_error("disk full"); }),
               std::runtime_error);
  for (int i = 0; i < 50; ++i) {
    step();
    expect_matches_model(150 + i);
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, InboxStoreTest, ::testing::ValuesIn(backends()), backend_name);

}  // namespace
}  // namespace musubi::storetest
