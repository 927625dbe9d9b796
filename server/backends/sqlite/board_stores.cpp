// Care teams and posts in SQLite. Restricted posts: a post is visible to a viewer when it is not
// restricted or the viewer is in its audience (the author always is; replies carry their root's
// audience). Lists of ids are bound as one JSON array (json_each), never spliced into SQL.
#include <algorithm>

#include "backends/sqlite/attachment_store.hpp"
#include "backends/sqlite/board_store.hpp"
#include "backends/sqlite/post_store.hpp"
#include "backends/sqlite/post_visibility.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::board;

namespace {

// The columns of every post read (read_post() takes them in this order), for the viewer bound to
// `viewer_param`. The request's kind and deadline come along (its addressees are a second
// query, only for posts that have one), and whether any file hangs on the post (the files are a
// second query, only for those).
std::string post_select(const char* viewer_param) {
  return std::string(
             "SELECT p.id, p.board_id, p.parent_id, p.author_id, u.name, COALESCE(f.name, ''), "
             "p.body, "
             "p.tag_id, COALESCE(t.name, ''), p.important, p.restricted, p.version, p.created_at, "
             "p.edited_at, p.deleted_at, COALESCE(p.delete_reason, ''), "
             "(SELECT COUNT(*) FROM post_acknowledgements k WHERE k.post_id = p.id), "
             "EXISTS (SELECT 1 FROM post_acknowledgements k WHERE k.post_id = p.id AND k.user_id "
             "= ") +
         viewer_param +
         "), "
         "(EXISTS (SELECT 1 FROM post_reads r WHERE r.post_id = p.id AND r.user_id = " +
         viewer_param +
         ") OR p.id <= (SELECT w.read_through_id FROM board_members w WHERE w.board_id = "
         "p.board_id AND w.user_id = " +
         viewer_param +
         ")), "
         "EXISTS (SELECT 1 FROM polls pl WHERE pl.post_id = p.id), rq.kind, rq.deadline, "
         "EXISTS (SELECT 1 FROM attachments x WHERE x.post_id = p.id) "
         "FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN facilities f ON f.id = "
         "u.facility_id "
         "LEFT JOIN post_tags t ON t.id = p.tag_id LEFT JOIN post_requests rq ON rq.post_id = "
         "p.id ";
}

Post read_post(Statement& s, bool* has_files = nullptr) {
  Post p;
  p.id = s.id<PostId>(0);
  p.board_id = s.id<BoardId>(1);
  p.parent_id = s.optional_id<PostId>(2);
  p.author_id = s.id<UserId>(3);
  p.author_name = s.text(4);
  p.author_facility = s.text(5);
  p.body = s.text(6);
  p.tag_id = s.optional_id<TagId>(7);
  p.tag_name = s.text(8);
  p.important = s.int64(9) != 0;
  p.restricted = s.int64(10) != 0;
  p.version = s.int64(11);
  p.created_at = s.int64(12);
  p.edited_at = s.optional_int64(13);
  p.deleted_at = s.optional_int64(14);
  p.delete_reason = s.text(15);
  p.acknowledgements = s.int64(16);
  p.acknowledged_by_me = s.int64(17) != 0;
  p.read_by_me = s.int64(18) != 0;
  p.has_poll = s.int64(19) != 0;
  if (auto kind = s.optional_text(20)) {
    p.request = Request{.kind = request_kind_from_code(*kind).value_or(RequestKind::read),
                        .deadline = s.optional_int64(21)};
  }
  if (has_files) *has_files = s.int64(22) != 0;
  if (p.deleted_at) p.body.clear();  // kept in post_versions for the record, never shown
  return p;
}

Member read_member(Statement& s) {
  return {.user_id = s.id<UserId>(0),
          .name = s.text(1),
          .name_kana = s.text(2),
          .facility_name = s.text(3),
          .profession_name = s.text(4),
          .team_role = s.text(5),
          .is_admin = s.int64(6) != 0,
          .joined_at = s.int64(7),
          .muted = s.int64(8) != 0,
          .muted_until = s.optional_int64(9),
          .via_facility_id = s.optional_id<FacilityId>(10),
          .via_facility_name = s.text(11),
          .request_only = s.int64(12) != 0};
}

constexpr const char* kMemberSelect =
    "SELECT m.user_id, u.name, u.name_kana, COALESCE(f.name, ''), COALESCE(pr.name, ''), "
    "m.team_role, m.is_admin, m.joined_at, m.muted, m.muted_until, m.via_facility_id, "
    "COALESCE(vf.name, ''), m.request_only FROM board_members m JOIN users u ON u.id = "
    "m.user_id LEFT JOIN facilities f ON f.id = u.facility_id LEFT JOIN professions pr ON pr.id "
    "= u.profession_id LEFT JOIN facilities vf ON vf.id = m.via_facility_id ";

// The columns of every board read; read_board() takes them in this order.
constexpr const char* kBoardColumns =
    "t.id, t.region_id, t.kind, COALESCE(t.person_id, 0), COALESCE(pe.name, ''), "
    "COALESCE(pe.name_kana, ''), t.name, t.description, t.open, t.created_at, "
    "COALESCE(t.mail_key, ''), t.hidden ";
constexpr const char* kBoardFrom = "FROM boards t LEFT JOIN persons pe ON pe.id = t.person_id ";
constexpr int kBoardColumnCount = 12;

std::string board_select() {
  return std::string("SELECT ") + kBoardColumns + kBoardFrom;
}

Board read_board(Statement& s) {
  return {.id = s.id<BoardId>(0),
          .region_id = s.id<RegionId>(1),
          .kind = board_kind_from_code(s.text(2)).value_or(BoardKind::care),
          .person_id = s.id<PersonId>(3),
          .person_name = s.text(4),
          .person_name_kana = s.text(5),
          .name = s.text(6),
          .description = s.text(7),
          .open = s.int64(8) != 0,
          .hidden = s.int64(11) != 0,
          .created_at = s.int64(9),
          .mail_key = s.text(10)};
}

// Fills in the addressees (and their states) of the requests among `posts` (read with their kind
// and deadline by post_select), one query for the whole set; none when there is no request.
void load_requests(Connection& c, const std::vector<Post*>& all) {
  std::vector<Post*> posts;
  std::vector<PostId> ids;
  for (auto* p : all) {
    if (!p->request) continue;
    posts.push_back(p);
    ids.push_back(p->id);
  }
  if (posts.empty()) return;
  auto find = [&](PostId id) -> Post* {
    for (auto* p : posts) {
      if (p->id == id) return p;
    }
    return nullptr;
  };
  auto a = c.prepare(
      "SELECT ad.post_id, ad.user_id, u.name, COALESCE(f.name, ''), ad.via_facility_id, "
      "COALESCE(vf.name, ''), "
      "EXISTS (SELECT 1 FROM posts x WHERE x.root_id = ad.post_id AND x.parent_id IS NOT NULL AND "
      "x.author_id = ad.user_id "
      "AND x.deleted_at IS NULL), "
      "EXISTS (SELECT 1 FROM post_acknowledgements k WHERE k.post_id = ad.post_id AND k.user_id = "
      "ad.user_id), "
      "EXISTS (SELECT 1 FROM post_reads x WHERE x.post_id = ad.post_id AND x.user_id = ad.user_id) "
      "FROM post_addressees ad JOIN users u ON u.id = ad.user_id LEFT JOIN facilities f ON f.id = "
      "u.facility_id "
      "LEFT JOIN facilities vf ON vf.id = ad.via_facility_id "
      "WHERE ad.post_id IN (SELECT value FROM json_each(?1)) ORDER BY ad.post_id, u.search_key");
  a.bind_all(id_array(ids));
  while (a.step()) {
    auto* p = find(a.id<PostId>(0));
    if (!p || !p->request) continue;
    Addressee ad{.user_id = a.id<UserId>(1),
                 .name = a.text(2),
                 .facility_name = a.text(3),
                 .via_facility_id = a.optional_id<FacilityId>(4),
                 .via_facility_name = a.text(5)};
    ad.state = a.int64(6)   ? AddresseeState::answered
               : a.int64(7) ? AddresseeState::acknowledged
               : a.int64(8) ? AddresseeState::read
                            : AddresseeState::unread;
    p->request->addressees.push_back(std::move(ad));
  }
}

}  // namespace

// ---- care teams ----

BoardId SqliteBoardStore::insert(RegionId region_id, PersonId person_id, UnixSeconds now) {
  c_.prepare("INSERT INTO boards (region_id, person_id, created_at) VALUES (?1, ?2, ?3)")
      .bind_all(region_id, person_id, now)
      .run();
  return BoardId{c_.last_insert_rowid()};
}

BoardId SqliteBoardStore::insert_board(const Board& board, UserId created_by, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO boards (region_id, kind, name, description, open, created_by, "
        "created_at, mail_key, hidden) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULLIF(?8, ''), ?9)")
      .bind_all(board.region_id, board_kind_code(board.kind), board.name, board.description,
                board.open, created_by, now, board.mail_key, board.hidden)
      .run();
  return BoardId{c_.last_insert_rowid()};
}

void SqliteBoardStore::update_group(const Board& group) {
  c_.prepare(
        "UPDATE boards SET name = ?3, description = ?4, open = ?5, hidden = ?6 WHERE "
        "region_id = ?1 AND id = ?2 AND kind = 'group'")
      .bind_all(group.region_id, group.id, group.name, group.description, group.open, group.hidden)
      .run();
}

std::vector<GroupSummary> SqliteBoardStore::groups(RegionId region_id, UserId viewer_id,
                                                   bool with_hidden) {
  auto s = c_.prepare(
      std::string("SELECT ") + kBoardColumns +
      ", (SELECT COUNT(*) FROM board_members x WHERE x.board_id = t.id), m.user_id IS NOT "
      "NULL, COALESCE(m.is_admin, 0), "
      "EXISTS (SELECT 1 FROM board_join_requests j WHERE j.board_id = t.id AND j.user_id = ?2 "
      "AND j.decided_at IS NULL), "
      "CASE WHEN m.user_id IS NULL THEN 0 ELSE COALESCE((SELECT n.unread FROM inbox_tallies n "
      "WHERE n.user_id = ?2 AND n.board_id = t.id), 0) END, "
      "CASE WHEN m.user_id IS NULL THEN NULL ELSE (SELECT p.created_at FROM posts p WHERE "
      "p.board_id = t.id AND " +
      visible("?2") + " ORDER BY p.id DESC LIMIT 1) END, COALESCE(m.muted, 0) " + kBoardFrom +
      "LEFT JOIN board_members m ON m.board_id = t.id AND m.user_id = ?2 "
      "WHERE t.region_id = ?1 AND t.kind = 'group' AND (t.hidden = 0 OR m.user_id IS NOT NULL OR "
      "?3) ORDER BY m.user_id IS NULL, t.name, t.id");
  s.bind_all(region_id, viewer_id, with_hidden);
  std::vector<GroupSummary> out;
  while (s.step()) {
    const int c = kBoardColumnCount;
    out.push_back({.group = read_board(s),
                   .member_count = s.int64(c),
                   .member = s.int64(c + 1) != 0,
                   .i_am_admin = s.int64(c + 2) != 0,
                   .join_requested = s.int64(c + 3) != 0,
                   .unread = s.int64(c + 4),
                   .last_post_at = s.optional_int64(c + 5),
                   .muted = s.int64(c + 6) != 0});
  }
  return out;
}

std::optional<BoardId> SqliteBoardStore::direct_between(RegionId region_id,
                                                        const std::vector<UserId>& users) {
  // The conversation whose members are exactly these users.
  auto s = c_.prepare(
      "SELECT t.id FROM boards t WHERE t.region_id = ?1 AND t.kind = 'direct' AND "
      "(SELECT COUNT(*) FROM board_members m WHERE m.board_id = t.id) = json_array_length(?2) "
      "AND NOT EXISTS (SELECT 1 FROM board_members m WHERE m.board_id = t.id AND m.user_id NOT "
      "IN (SELECT value FROM json_each(?2))) AND t.id IN (SELECT board_id FROM board_members "
      "WHERE user_id = json_extract(?2, '$[0]')) LIMIT 1");
  s.bind_all(region_id, id_array(users));
  if (!s.step()) return std::nullopt;
  return s.id<BoardId>(0);
}

std::optional<Board> SqliteBoardStore::find(RegionId region_id, BoardId id) {
  static const std::string sql = board_select() + "WHERE t.region_id = ?1 AND t.id = ?2";
  auto s = c_.prepare(sql);
  s.bind_all(region_id, id);
  if (!s.step()) return std::nullopt;
  return read_board(s);
}

std::optional<Board> SqliteBoardStore::find_by_mail_key(const std::string& mail_key) {
  auto s = c_.prepare(board_select() + "WHERE t.mail_key = ?1 AND t.kind = 'group'");
  s.bind_all(mail_key);
  if (!s.step()) return std::nullopt;
  return read_board(s);
}

std::optional<Board> SqliteBoardStore::find_by_person(RegionId region_id, PersonId person_id) {
  static const std::string sql = board_select() + "WHERE t.region_id = ?1 AND t.person_id = ?2";
  auto s = c_.prepare(sql);
  s.bind_all(region_id, person_id);
  if (!s.step()) return std::nullopt;
  return read_board(s);
}

std::vector<Board> SqliteBoardStore::find_many(RegionId region_id,
                                               const std::vector<BoardId>& ids) {
  auto s = c_.prepare(board_select() +
                      "WHERE t.region_id = ?1 AND t.id IN (SELECT value FROM json_each(?2))");
  s.bind_all(region_id, id_array(ids));
  std::vector<Board> out;
  while (s.step()) out.push_back(read_board(s));
  return out;
}

std::vector<Member> SqliteBoardStore::members(BoardId board_id) {
  auto s = c_.prepare(std::string(kMemberSelect) +
                      "WHERE m.board_id = ?1 ORDER BY m.is_admin DESC, u.search_key");
  s.bind_all(board_id);
  std::vector<Member> out;
  while (s.step()) out.push_back(read_member(s));
  return out;
}

std::optional<Member> SqliteBoardStore::member(BoardId board_id, UserId user_id) {
  static const std::string sql =
      std::string(kMemberSelect) + "WHERE m.board_id = ?1 AND m.user_id = ?2";
  auto s = c_.prepare(sql);
  s.bind_all(board_id, user_id);
  if (!s.step()) return std::nullopt;
  return read_member(s);
}

void SqliteBoardStore::put_member(BoardId board_id, UserId user_id, const std::string& team_role,
                                  bool is_admin, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO board_members (board_id, user_id, team_role, is_admin, joined_at) VALUES "
        "(?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (board_id, user_id) DO UPDATE SET team_role = excluded.team_role, is_admin = "
        "excluded.is_admin, request_only = 0, via_facility_id = NULL")
      .bind_all(board_id, user_id, team_role, is_admin, now)
      .run();
}

void SqliteBoardStore::put_contact(BoardId board_id, UserId user_id, const std::string& team_role,
                                   FacilityId via_facility_id, bool request_only, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO board_members (board_id, user_id, team_role, is_admin, joined_at, "
        "via_facility_id, request_only) VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6) "
        "ON CONFLICT (board_id, user_id) DO NOTHING")
      .bind_all(board_id, user_id, team_role, now, via_facility_id, request_only)
      .run();
}

void SqliteBoardStore::set_muted(BoardId board_id, UserId user_id, bool muted,
                                 std::optional<UnixSeconds> until) {
  c_.prepare(
        "UPDATE board_members SET muted = ?3, muted_until = ?4 WHERE board_id = ?1 AND user_id "
        "= ?2")
      .bind_all(board_id, user_id, muted, muted ? until : std::nullopt)
      .run();
}

std::int64_t SqliteBoardStore::end_mutes(UnixSeconds now) {
  c_.prepare(
        "UPDATE board_members SET muted = 0, muted_until = NULL WHERE muted_until IS NOT NULL "
        "AND muted_until <= ?1")
      .bind_all(now)
      .run();
  return c_.changes();
}

void SqliteBoardStore::remove_member(BoardId board_id, UserId user_id) {
  c_.prepare("DELETE FROM board_members WHERE board_id = ?1 AND user_id = ?2")
      .bind_all(board_id, user_id)
      .run();
}

std::int64_t SqliteBoardStore::admin_count(BoardId board_id) {
  auto s = c_.prepare("SELECT COUNT(*) FROM board_members WHERE board_id = ?1 AND is_admin = 1");
  s.bind_all(board_id);
  s.step();
  return s.int64(0);
}

namespace {
constexpr const char* kJoinSelect =
    "SELECT j.board_id, j.user_id, u.name, COALESCE(f.name, ''), COALESCE(pr.name, ''), "
    "j.team_role, j.message, j.created_at FROM board_join_requests j "
    "JOIN users u ON u.id = j.user_id LEFT JOIN facilities f ON f.id = u.facility_id "
    "LEFT JOIN professions pr ON pr.id = u.profession_id WHERE j.decided_at IS NULL ";

JoinRequest read_join(Statement& s) {
  return {.board_id = s.id<BoardId>(0),
          .user_id = s.id<UserId>(1),
          .name = s.text(2),
          .facility_name = s.text(3),
          .profession_name = s.text(4),
          .team_role = s.text(5),
          .message = s.text(6),
          .created_at = s.int64(7)};
}
}  // namespace

void SqliteBoardStore::insert_join_request(BoardId board_id, UserId user_id,
                                           const std::string& team_role, const std::string& message,
                                           UnixSeconds now) {
  c_.prepare(
        "INSERT INTO board_join_requests (board_id, user_id, team_role, message, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind_all(board_id, user_id, team_role, message, now)
      .run();
}

std::optional<JoinRequest> SqliteBoardStore::open_join_request(BoardId board_id, UserId user_id) {
  auto s = c_.prepare(std::string(kJoinSelect) + "AND j.board_id = ?1 AND j.user_id = ?2");
  s.bind_all(board_id, user_id);
  if (!s.step()) return std::nullopt;
  return read_join(s);
}

std::vector<JoinRequest> SqliteBoardStore::open_join_requests(BoardId board_id) {
  auto s = c_.prepare(std::string(kJoinSelect) + "AND j.board_id = ?1 ORDER BY j.id");
  s.bind_all(board_id);
  std::vector<JoinRequest> out;
  while (s.step()) out.push_back(read_join(s));
  return out;
}

void SqliteBoardStore::decide_join_request(BoardId board_id, UserId user_id, bool approved,
                                           UserId by, UnixSeconds now) {
  c_.prepare(
        "UPDATE board_join_requests SET decided_at = ?4, decided_by = ?5, approved = ?3 "
        "WHERE board_id = ?1 AND user_id = ?2 AND decided_at IS NULL")
      .bind_all(board_id, user_id, approved, now, by)
      .run();
}

std::vector<BoardSummary> SqliteBoardStore::boards_of(UserId user_id, BoardKind kind) {
  auto s = c_.prepare(
      std::string("SELECT ") + kBoardColumns +
      ", m.team_role, m.is_admin, "
      "COALESCE(n.unread, 0), "
      "(SELECT p.created_at FROM posts p WHERE p.board_id = t.id AND " +
      visible("?1") +
      " ORDER BY p.id DESC LIMIT 1) AS last_post, "
      // A conversation is named by the others on it, as this member sees it.
      "CASE WHEN t.kind = 'direct' THEN (SELECT group_concat(u.name, '、') FROM board_members "
      "o JOIN users u ON u.id = o.user_id WHERE o.board_id = t.id AND o.user_id != ?1) END, "
      "m.muted FROM board_members m JOIN boards t ON t.id = m.board_id "
      "LEFT JOIN persons pe ON pe.id = t.person_id "
      // The inbox's tally of unread rows per board (migration 0032): one row per team.
      "LEFT JOIN inbox_tallies n ON n.user_id = ?1 AND n.board_id = t.id "
      "WHERE m.user_id = ?1 AND t.kind = ?2 ORDER BY COALESCE(last_post, m.joined_at) DESC, "
      "pe.search_key, t.name");
  s.bind_all(user_id, board_kind_code(kind));
  std::vector<BoardSummary> out;
  const int c = kBoardColumnCount;
  while (s.step()) {
    BoardSummary t;
    t.board = read_board(s);
    t.my_role = s.text(c);
    t.i_am_admin = s.int64(c + 1) != 0;
    t.unread = s.int64(c + 2);
    t.last_post_at = s.optional_int64(c + 3);
    if (auto others = s.optional_text(c + 4)) t.board.name = *others;
    t.muted = s.int64(c + 5) != 0;
    out.push_back(std::move(t));
  }
  return out;
}

// ---- posts ----

std::vector<Tag> SqlitePostStore::tags(RegionId region_id, bool with_retired) {
  auto s = c_.prepare(
      "SELECT id, name, sort_order, retired FROM post_tags WHERE region_id = ?1 AND (?2 OR "
      "retired = 0) ORDER BY sort_order, id");
  s.bind_all(region_id, with_retired);
  std::vector<Tag> out;
  while (s.step()) out.push_back({s.id<TagId>(0), s.text(1), s.int64(2), s.int64(3) != 0});
  return out;
}

TagId SqlitePostStore::insert_tag(RegionId region_id, const std::string& name,
                                  std::int64_t sort_order) {
  c_.prepare("INSERT INTO post_tags (region_id, name, sort_order) VALUES (?1, ?2, ?3)")
      .bind_all(region_id, name, sort_order)
      .run();
  return TagId{c_.last_insert_rowid()};
}

void SqlitePostStore::update_tag(RegionId region_id, const Tag& tag) {
  c_.prepare(
        "UPDATE post_tags SET name = ?3, sort_order = ?4, retired = ?5 WHERE id = ?2 AND "
        "region_id = ?1")
      .bind_all(region_id, tag.id, tag.name, tag.sort_order, tag.retired)
      .run();
}

PostId SqlitePostStore::insert(const NewPost& post, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO posts (board_id, root_id, parent_id, author_id, body, tag_id, important, "
        "restricted, created_at) "
        "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind_all(post.board_id, post.parent_id, post.author_id, post.body, post.tag_id,
                post.important, !post.audience.empty(), now)
      .run();
  auto id = c_.last_insert_rowid();
  if (!post.parent_id) c_.prepare("UPDATE posts SET root_id = id WHERE id = ?1").bind_all(id).run();
  c_.prepare(
        "INSERT INTO post_audience (post_id, user_id) SELECT ?1, value FROM json_each(?2) WHERE "
        "true "
        "ON CONFLICT DO NOTHING")
      .bind_all(id, id_array(post.audience))
      .run();
  c_.prepare(
        "INSERT INTO post_versions (post_id, version, body, tag_id, written_at, written_by) VALUES "
        "(?1, 1, ?2, ?3, ?4, ?5)")
      .bind_all(id, post.body, post.tag_id, now, post.author_id)
      .run();
  c_.prepare("INSERT INTO post_reads (user_id, post_id, at) VALUES (?1, ?2, ?3)")
      .bind_all(post.author_id, id, now)
      .run();
  if (post.request) {
    c_.prepare("INSERT INTO post_requests (post_id, kind, deadline) VALUES (?1, ?2, ?3)")
        .bind_all(id, request_kind_code(post.request->kind), post.request->deadline)
        .run();
    for (const auto& [user_id, via] : post.request->addressees) {
      c_.prepare(
            "INSERT INTO post_addressees (post_id, user_id, via_facility_id) VALUES (?1, ?2, ?3) "
            "ON CONFLICT DO NOTHING")
          .bind_all(id, user_id, via)
          .run();
    }
  }
  return PostId{id};
}

std::optional<Post> SqlitePostStore::find_visible(PostId post_id, UserId viewer_id) {
  static const std::string sql = post_select("?2") + "WHERE p.id = ?1 AND " + visible("?2");
  auto s = c_.prepare(sql);
  s.bind_all(post_id, viewer_id);
  if (!s.step()) return std::nullopt;
  bool has_files = false;
  auto p = read_post(s, &has_files);
  if (p.restricted) {
    auto a = c_.prepare("SELECT user_id FROM post_audience WHERE post_id = ?1 ORDER BY user_id");
    a.bind_all(post_id);
    while (a.step()) p.audience.push_back(a.id<UserId>(0));
  }
  load_requests(c_, {&p});
  if (has_files) load_attachments(c_, {&p});
  return p;
}

std::vector<Post> SqlitePostStore::find_many_visible(const std::vector<PostId>& ids,
                                                     UserId viewer_id) {
  if (ids.empty()) return {};
  static const std::string sql =
      post_select("?2") + "WHERE p.id IN (SELECT value FROM json_each(?1)) AND " + visible("?2");
  auto s = c_.prepare(sql);
  s.bind_all(id_array(ids), viewer_id);
  std::vector<Post> found;
  std::vector<Id> with_files;
  while (s.step()) {
    bool has_files = false;
    found.push_back(read_post(s, &has_files));
    if (has_files) with_files.push_back(found.back().id);
  }
  auto a = c_.prepare(
      "SELECT post_id, user_id FROM post_audience WHERE post_id IN (SELECT value FROM "
      "json_each(?1)) ORDER BY user_id");
  a.bind_all(id_array(ids));
  while (a.step()) {
    for (auto& p : found) {
      if (p.id == a.id<PostId>(0)) p.audience.push_back(a.id<UserId>(1));
    }
  }
  std::vector<Post> ordered;
  for (Id id : ids) {
    auto it = std::find_if(found.begin(), found.end(), [&](const Post& p) { return p.id == id; });
    if (it != found.end()) ordered.push_back(std::move(*it));
  }
  std::vector<Post*> pointers;
  std::vector<Post*> files;
  pointers.reserve(ordered.size());
  for (auto& p : ordered) {
    pointers.push_back(&p);
    if (std::find(with_files.begin(), with_files.end(), p.id) != with_files.end()) {
      files.push_back(&p);
    }
  }
  load_requests(c_, pointers);
  if (!files.empty()) load_attachments(c_, files);
  return ordered;
}

// Spelled out (not a bound flag) so that the partial index posts_important serves it.
constexpr const char* kPinnedOnly =
    " AND p.important = 1 AND p.deleted_at IS NULL AND p.author_id != ?2 AND NOT EXISTS "
    "(SELECT 1 FROM post_acknowledgements k WHERE k.post_id = p.id AND k.user_id = ?2)";

std::vector<Post> SqlitePostStore::timeline(const TimelineQuery& q) {
  static const std::string page_sql =
      post_select("?2") +
      "WHERE p.board_id = ?1 AND p.parent_id IS NULL AND (?3 IS NULL OR p.id < ?3) AND " +
      visible("?2") + " ORDER BY p.id DESC LIMIT ?4";
  static const std::string pinned_sql =
      post_select("?2") +
      "WHERE p.board_id = ?1 AND p.parent_id IS NULL AND (?3 IS NULL OR p.id < ?3) AND " +
      visible("?2") + kPinnedOnly + " ORDER BY p.id DESC LIMIT ?4";
  auto s = c_.prepare(q.pinned_only ? pinned_sql : page_sql);
  s.bind_all(q.board_id, q.viewer_id, q.before_id, q.limit);
  std::vector<Post> roots;
  std::vector<Id> ids;
  std::vector<Id> with_files;
  bool any_restricted = false;
  while (s.step()) {
    bool has_files = false;
    roots.push_back(read_post(s, &has_files));
    ids.push_back(roots.back().id);
    if (has_files) with_files.push_back(roots.back().id);
    any_restricted = any_restricted || roots.back().restricted;
  }
  if (roots.empty()) return roots;
  // Replies of the whole page in one query (no query per post).
  static const std::string replies_sql =
      post_select("?2") +
      "WHERE p.root_id IN (SELECT value FROM json_each(?1)) AND p.parent_id IS NOT NULL AND " +
      visible("?2") + " ORDER BY p.id";
  auto r = c_.prepare(replies_sql);
  r.bind_all(id_array(ids), q.viewer_id);
  while (r.step()) {
    bool has_files = false;
    auto reply = read_post(r, &has_files);
    if (has_files) with_files.push_back(reply.id);
    for (auto& root : roots) {
      if (root.id == *reply.parent_id) {
        root.replies.push_back(std::move(reply));
        break;
      }
    }
  }
  if (any_restricted) {
    auto a = c_.prepare(
        "SELECT post_id, user_id FROM post_audience WHERE post_id IN (SELECT value FROM "
        "json_each(?1)) ORDER BY user_id");
    a.bind_all(id_array(ids));
    while (a.step()) {
      auto post_id = a.id<PostId>(0);
      for (auto& root : roots) {
        if (root.id == post_id) root.audience.push_back(a.id<UserId>(1));
      }
    }
  }
  std::vector<Post*> pointers;
  pointers.reserve(roots.size());
  for (auto& root : roots) pointers.push_back(&root);
  load_requests(c_, pointers);
  if (!with_files.empty()) {
    std::vector<Post*> files;
    for (auto& root : roots) {
      if (std::find(with_files.begin(), with_files.end(), root.id) != with_files.end()) {
        files.push_back(&root);
      }
      for (auto& reply : root.replies) {
        if (std::find(with_files.begin(), with_files.end(), reply.id) != with_files.end()) {
          files.push_back(&reply);
        }
      }
    }
    load_attachments(c_, files);
  }
  return roots;
}

bool SqlitePostStore::update(PostId post_id, std::int64_t expected_version, const std::string& body,
                             std::optional<TagId> tag_id, UserId editor_id, UnixSeconds now) {
  c_.prepare(
        "UPDATE posts SET body = ?3, tag_id = ?4, version = version + 1, edited_at = ?5 "
        "WHERE id = ?1 AND version = ?2 AND deleted_at IS NULL")
      .bind_all(post_id, expected_version, body, tag_id, now)
      .run();
  if (c_.changes() != 1) return false;
  c_.prepare(
        "INSERT INTO post_versions (post_id, version, body, tag_id, written_at, written_by) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6)")
      .bind_all(post_id, expected_version + 1, body, tag_id, now, editor_id)
      .run();
  return true;
}

std::vector<PostVersion> SqlitePostStore::versions(PostId post_id) {
  auto s = c_.prepare(
      "SELECT v.version, v.body, COALESCE(t.name, ''), v.written_at, u.name FROM post_versions v "
      "JOIN users u ON u.id = v.written_by LEFT JOIN post_tags t ON t.id = v.tag_id "
      "WHERE v.post_id = ?1 ORDER BY v.version DESC");
  s.bind_all(post_id);
  std::vector<PostVersion> out;
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.int64(3), s.text(4)});
  return out;
}

void SqlitePostStore::soft_delete(PostId post_id, UserId by_user, const std::string& reason,
                                  UnixSeconds now) {
  c_.prepare(
        "UPDATE posts SET deleted_at = ?2, deleted_by = ?3, delete_reason = ?4 WHERE id = ?1 AND "
        "deleted_at IS NULL")
      .bind_all(post_id, now, by_user, reason)
      .run();
}

bool SqlitePostStore::acknowledge(PostId post_id, UserId user_id, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO post_acknowledgements (post_id, user_id, at) VALUES (?1, ?2, ?3) ON CONFLICT "
        "DO NOTHING")
      .bind_all(post_id, user_id, now)
      .run();
  return c_.changes() == 1;
}

std::vector<Acknowledgement> SqlitePostStore::acknowledgements(PostId post_id) {
  auto s = c_.prepare(
      "SELECT k.user_id, u.name, k.at FROM post_acknowledgements k JOIN users u ON u.id = "
      "k.user_id "
      "WHERE k.post_id = ?1 ORDER BY k.at, k.user_id");
  s.bind_all(post_id);
  std::vector<Acknowledgement> out;
  while (s.step()) out.push_back({s.id<UserId>(0), s.text(1), s.int64(2)});
  return out;
}

void SqlitePostStore::mark_thread_read(PostId root_id, UserId user_id, UnixSeconds now) {
  auto s = c_.prepare("SELECT id FROM posts WHERE root_id = ?1");
  s.bind_all(root_id);
  std::vector<PostId> thread;
  while (s.step()) thread.push_back(s.id<PostId>(0));
  mark_read(user_id, thread, now);
}

void SqlitePostStore::mark_read(UserId user_id, const std::vector<PostId>& post_ids,
                                UnixSeconds now) {
  if (post_ids.empty()) return;
  c_.prepare(
        "INSERT INTO post_reads (user_id, post_id, at) SELECT ?1, value, ?3 FROM json_each(?2) "
        "WHERE true "
        "ON CONFLICT DO NOTHING")
      .bind_all(user_id, id_array(post_ids), now)
      .run();
  // Move the member's watermark up to just below the first post still unread: each read post
  // is stepped over once, so the unread count never has to look below it again.
  c_.prepare(
        "UPDATE board_members AS m SET read_through_id = COALESCE("
        "(SELECT p.id - 1 FROM posts p WHERE p.board_id = m.board_id AND p.id > m.read_through_id "
        "AND p.deleted_at IS NULL AND p.author_id != ?1 AND " +
        visible("?1") +
        " AND NOT EXISTS (SELECT 1 FROM post_reads r WHERE r.user_id = ?1 AND r.post_id = p.id) "
        "ORDER BY p.id LIMIT 1), "
        "(SELECT MAX(p.id) FROM posts p WHERE p.board_id = m.board_id), m.read_through_id) "
        "WHERE m.user_id = ?1 AND m.board_id IN (SELECT DISTINCT board_id FROM posts WHERE id IN "
        "(SELECT value FROM json_each(?2)))")
      .bind_all(user_id, id_array(post_ids))
      .run();
}

void SqliteBoardStore::mark_read_through(BoardId board_id, UserId user_id, PostId post_id) {
  c_.prepare(
        "UPDATE board_members SET read_through_id = MAX(read_through_id, ?3) WHERE board_id = "
        "?1 AND user_id = ?2")
      .bind_all(board_id, user_id, post_id)
      .run();
}

std::int64_t SqlitePostStore::mark_all_read(BoardId board_id, UserId user_id, UnixSeconds now) {
  c_.prepare(
        "INSERT INTO post_reads (user_id, post_id, at) SELECT ?2, p.id, ?3 FROM posts p WHERE "
        "p.board_id = ?1 AND p.id > (SELECT read_through_id FROM board_members WHERE board_id = "
        "?1 AND user_id = ?2) AND " +
        visible("?2") + " ON CONFLICT DO NOTHING")
      .bind_all(board_id, user_id, now)
      .run();
  auto marked = c_.changes();
  c_.prepare(
        "UPDATE board_members SET read_through_id = (SELECT COALESCE(MAX(id), 0) FROM posts "
        "WHERE board_id = ?1) WHERE board_id = ?1 AND user_id = ?2")
      .bind_all(board_id, user_id)
      .run();
  return marked;
}

void SqlitePostStore::hand_on(PostId post_id, UserId from, UserId to) {
  c_.prepare(
        "INSERT INTO post_addressees (post_id, user_id, via_facility_id, handed_on_by) "
        "SELECT post_id, ?3, via_facility_id, ?2 FROM post_addressees WHERE post_id = ?1 AND "
        "user_id = ?2 "
        "ON CONFLICT DO NOTHING")
      .bind_all(post_id, from, to)
      .run();
  c_.prepare("DELETE FROM post_addressees WHERE post_id = ?1 AND user_id = ?2")
      .bind_all(post_id, from)
      .run();
}

void SqlitePostStore::add_to_audience(PostId post_id, UserId user_id) {
  // The post and its replies: replies carry their post's audience.
  c_.prepare(
        "INSERT INTO post_audience (post_id, user_id) SELECT id, ?2 FROM posts WHERE (id = ?1 OR "
        "root_id = ?1) "
        "AND restricted = 1 ON CONFLICT DO NOTHING")
      .bind_all(post_id, user_id)
      .run();
}

}  // namespace musubi::backends::sqlite
