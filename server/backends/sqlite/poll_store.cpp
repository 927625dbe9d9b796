#include <sodium.h>

#include "backends/sqlite/poll_store.hpp"
#include "backends/sqlite/post_visibility.hpp"

namespace musubi::backends::sqlite {

using poll::Id;

namespace {

// A ballot id that says nothing about when it was cast (anonymous polls): 62 random bits.
Id random_ballot_id() {
  std::uint64_t r = 0;
  randombytes_buf(&r, sizeof r);
  return static_cast<Id>((r >> 2) | 1);
}

}  // namespace

void SqlitePollStore::insert(PostId post_id, const poll::PollSpec& spec) {
  c_.prepare(
        "INSERT INTO polls (post_id, mode, anonymous, free_text, deadline) VALUES (?1, ?2, ?3, "
        "?4, ?5)")
      .bind_all(post_id, poll::mode_code(spec.mode), spec.anonymous, spec.free_text, spec.deadline)
      .run();
  for (std::size_t i = 0; i < spec.options.size(); ++i) {
    c_.prepare("INSERT INTO poll_options (post_id, position, label) VALUES (?1, ?2, ?3)")
        .bind_all(post_id, static_cast<std::int64_t>(i), spec.options[i])
        .run();
  }
}

std::optional<poll::Poll> SqlitePollStore::find(PostId post_id) {
  auto s = c_.prepare(
      "SELECT pl.post_id, p.board_id, p.author_id, pl.mode, pl.anonymous, pl.free_text, "
      "pl.deadline, pl.reminded_at, pl.fixed_option_id, pl.fixed_at, pl.decision_post_id, "
      "(SELECT COUNT(*) FROM poll_responders r WHERE r.post_id = pl.post_id) "
      "FROM polls pl JOIN posts p ON p.id = pl.post_id WHERE pl.post_id = ?1");
  s.bind_all(post_id);
  if (!s.step()) return std::nullopt;
  poll::Poll out{.post_id = s.id<PostId>(0),
                 .board_id = s.id<BoardId>(1),
                 .author_id = s.id<UserId>(2),
                 .mode = poll::mode_from_code(s.text(3)).value_or(poll::Mode::single),
                 .anonymous = s.int64(4) != 0,
                 .free_text = s.int64(5) != 0,
                 .deadline = s.optional_int64(6),
                 .reminded_at = s.optional_int64(7),
                 .fixed_option_id = s.optional_int64(8),
                 .fixed_at = s.optional_int64(9),
                 .decision_post_id = s.optional_id<PostId>(10),
                 .responders = s.int64(11)};
  auto o = c_.prepare(
      "SELECT o.id, o.label, "
      "(SELECT COUNT(*) FROM poll_marks m WHERE m.option_id = o.id AND m.value = 2), "
      "(SELECT COUNT(*) FROM poll_marks m WHERE m.option_id = o.id AND m.value = 1), "
      "(SELECT COUNT(*) FROM poll_marks m WHERE m.option_id = o.id AND m.value = 0) "
      "FROM poll_options o WHERE o.post_id = ?1 ORDER BY o.position");
  o.bind_all(post_id);
  while (o.step()) {
    out.options.push_back({.id = o.int64(0),
                           .label = o.text(1),
                           .yes = o.int64(2),
                           .maybe = o.int64(3),
                           .no = o.int64(4)});
  }
  if (out.anonymous) {
    // Comments only, ordered by their text: neither who nor when.
    auto c = c_.prepare(
        "SELECT comment FROM poll_ballots WHERE post_id = ?1 AND comment != '' ORDER BY comment");
    c.bind_all(post_id);
    while (c.step()) out.comments.push_back(c.text(0));
    return out;
  }
  auto a = c_.prepare(
      "SELECT b.id, b.user_id, u.name, COALESCE(f.name, ''), b.comment, b.answered_at FROM "
      "poll_ballots b JOIN users u ON u.id = b.user_id LEFT JOIN facilities f ON f.id = "
      "u.facility_id WHERE b.post_id = ?1 ORDER BY u.search_key");
  a.bind_all(post_id);
  std::map<Id, std::size_t> by_ballot;
  while (a.step()) {
    by_ballot[a.int64(0)] = out.answers.size();
    out.answers.push_back({.user_id = a.id<UserId>(1),
                           .name = a.text(2),
                           .facility_name = a.text(3),
                           .comment = a.text(4),
                           .answered_at = a.optional_int64(5).value_or(0)});
  }
  auto m = c_.prepare(
      "SELECT m.ballot_id, m.option_id, m.value FROM poll_marks m JOIN poll_ballots b ON b.id = "
      "m.ballot_id WHERE b.post_id = ?1");
  m.bind_all(post_id);
  while (m.step()) {
    if (auto it = by_ballot.find(m.int64(0)); it != by_ballot.end()) {
      out.answers[it->second].marks[m.int64(1)] = static_cast<int>(m.int64(2));
    }
  }
  return out;
}

std::vector<UserId> SqlitePollStore::responders(PostId post_id) {
  auto s = c_.prepare("SELECT user_id FROM poll_responders WHERE post_id = ?1");
  s.bind_all(post_id);
  std::vector<UserId> out;
  while (s.step()) out.push_back(s.id<UserId>(0));
  return out;
}

void SqlitePollStore::answer(PostId post_id, UserId user_id, bool anonymous,
                             const std::map<Id, int>& marks, const std::string& comment,
                             UnixSeconds now) {
  c_.prepare("INSERT OR IGNORE INTO poll_responders (post_id, user_id) VALUES (?1, ?2)")
      .bind_all(post_id, user_id)
      .run();
  Id ballot = 0;
  if (anonymous) {
    ballot = random_ballot_id();
    c_.prepare("INSERT INTO poll_ballots (id, post_id, comment) VALUES (?1, ?2, ?3)")
        .bind_all(ballot, post_id, comment)
        .run();
  } else {
    c_.prepare(
          "DELETE FROM poll_marks WHERE ballot_id IN (SELECT id FROM poll_ballots WHERE post_id "
          "= ?1 AND user_id = ?2)")
        .bind_all(post_id, user_id)
        .run();
    c_.prepare("DELETE FROM poll_ballots WHERE post_id = ?1 AND user_id = ?2")
        .bind_all(post_id, user_id)
        .run();
    c_.prepare(
          "INSERT INTO poll_ballots (post_id, user_id, comment, answered_at) VALUES (?1, ?2, ?3, "
          "?4)")
        .bind_all(post_id, user_id, comment, now)
        .run();
    ballot = c_.last_insert_rowid();
  }
  for (const auto& [option_id, value] : marks) {
    c_.prepare("INSERT INTO poll_marks (ballot_id, option_id, value) VALUES (?1, ?2, ?3)")
        .bind_all(ballot, option_id, static_cast<std::int64_t>(value))
        .run();
  }
}

void SqlitePollStore::fix(PostId post_id, Id option_id, UserId by, PostId decision_post_id,
                          UnixSeconds now) {
  c_.prepare(
        "UPDATE polls SET fixed_option_id = ?2, fixed_by = ?3, decision_post_id = ?4, fixed_at "
        "= ?5 WHERE post_id = ?1")
      .bind_all(post_id, option_id, by, decision_post_id, now)
      .run();
}

void SqlitePollStore::set_reminded(PostId post_id, UnixSeconds now) {
  c_.prepare("UPDATE polls SET reminded_at = ?2 WHERE post_id = ?1").bind_all(post_id, now).run();
}

void SqlitePollStore::set_deadline(PostId post_id, std::optional<UnixSeconds> deadline) {
  // A new deadline gets its own reminder the day before.
  c_.prepare("UPDATE polls SET deadline = ?2, auto_reminded_at = NULL WHERE post_id = ?1")
      .bind_all(post_id, deadline)
      .run();
}

namespace {

// Driven from the open polls (CROSS JOIN keeps that order: the index polls_open), never from
// every post of the user's boards — which grows with the data while open polls do not.
std::string awaiting_where() {
  return "FROM polls pl CROSS JOIN posts p ON p.id = pl.post_id CROSS JOIN board_members m ON "
         "m.board_id = p.board_id AND m.user_id = ?1 "
         "WHERE pl.fixed_at IS NULL AND (pl.deadline IS NULL OR pl.deadline > ?2) AND "
         "p.deleted_at IS NULL AND p.author_id != ?1 AND " +
         visible("?1") +
         " AND NOT EXISTS (SELECT 1 FROM poll_responders r WHERE r.post_id = pl.post_id AND "
         "r.user_id = ?1) ";
}

}  // namespace

std::vector<poll::Waiting> SqlitePollStore::awaiting(UserId user_id, UnixSeconds now,
                                                     std::int64_t limit) {
  static const std::string sql =
      "SELECT pl.post_id, pl.deadline, pl.reminded_at " + awaiting_where() +
      "ORDER BY pl.deadline IS NULL, pl.deadline, pl.post_id DESC LIMIT ?3";
  auto s = c_.prepare(sql);
  s.bind_all(user_id, now, limit);
  std::vector<poll::Waiting> out;
  while (s.step()) {
    out.push_back({.post_id = s.id<PostId>(0),
                   .deadline = s.optional_int64(1),
                   .reminded_at = s.optional_int64(2)});
  }
  return out;
}

std::int64_t SqlitePollStore::awaiting_count(UserId user_id, UnixSeconds now) {
  static const std::string sql = "SELECT COUNT(*) " + awaiting_where();
  auto s = c_.prepare(sql);
  s.bind_all(user_id, now);
  s.step();
  return s.int64(0);
}

}  // namespace musubi::backends::sqlite
