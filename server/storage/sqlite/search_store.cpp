// Search in SQLite. Words of three or more characters go to the FTS5 trigram index; shorter ones
// (which a trigram cannot answer) are matched with instr() on the same folded text. Either way the
// candidates are only posts of the viewer's teams that they may see, so results and counts
// cannot include anything else. The SQL varies only in how many words it has, never in values.
#include <fmt/format.h>

#include "core/text.hpp"
#include "storage/sqlite/post_visibility.hpp"
#include "storage/sqlite/stores.hpp"

namespace musubi::storage::sqlite {

using namespace musubi::board;

namespace {

// Fixed parameters: ?1 viewer, ?2 team, ?3 author, ?4 tag, ?5 from, ?6 until, ?7 important only,
// ?8 with attachments, ?9 before id, ?10 MATCH expression; words for instr() from ?11 on.
constexpr int kFirstShortTerm = 11;

std::string filters() {
  return "p.team_id IN (SELECT team_id FROM care_team_members WHERE user_id = ?1 AND (?2 IS NULL "
         "OR team_id = ?2)) AND p.deleted_at IS NULL AND " +
         visible("?1") +
         " AND (?3 IS NULL OR p.author_id = ?3) AND (?4 IS NULL OR p.tag_id = ?4) "
         "AND (?5 IS NULL OR p.created_at >= ?5) AND (?6 IS NULL OR p.created_at < ?6) "
         "AND (?7 = 0 OR p.important = 1) AND (?8 = 0 OR EXISTS (SELECT 1 FROM attachments f "
         "WHERE f.post_id = p.id)) ";
}

// A phrase for the MATCH expression: double quotes inside are doubled.
std::string phrase(const std::string& term) {
  std::string out = "\"";
  for (char c : term) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

struct Plan {
  std::string match;                     // empty: no word long enough for the index
  std::vector<std::string> short_terms;  // matched with instr()
};

Plan plan(const std::vector<std::string>& terms) {
  Plan p;
  for (const auto& t : terms) {
    if (text::length(t) >= 3) {
      p.match += (p.match.empty() ? "" : " AND ") + phrase(t);
    } else {
      p.short_terms.push_back(t);
    }
  }
  return p;
}

// FROM and WHERE of the search: driven by the index when a word is long enough, else by the
// viewer's teams.
std::string from_where(const Plan& plan) {
  std::string sql = plan.match.empty()
                        ? "FROM posts p JOIN post_search s ON s.rowid = p.id WHERE "
                        : "FROM post_search s JOIN posts p ON p.id = s.rowid WHERE post_search "
                          "MATCH ?10 AND ";
  sql += filters();
  for (std::size_t i = 0; i < plan.short_terms.size(); ++i) {
    sql += fmt::format("AND instr(s.text, ?{}) > 0 ", kFirstShortTerm + i);
  }
  return sql;
}

std::string best_order(const Plan& plan) {
  if (!plan.match.empty()) return "ORDER BY bm25(post_search), p.id DESC ";
  std::string score = "0";
  for (std::size_t i = 0; i < plan.short_terms.size(); ++i) {
    auto k = kFirstShortTerm + i;
    score +=
        fmt::format(" + (length(s.text) - length(replace(s.text, ?{0}, ''))) / length(?{0})", k);
  }
  return "ORDER BY (" + score + ") DESC, p.id DESC ";
}

void bind_query(Statement& s, const SearchQuery& q, const Plan& plan) {
  s.bind_all(q.viewer_id, q.team_id, q.author_id, q.tag_id, q.from, q.until, q.important_only,
             q.with_attachments, q.before_id);
  if (!plan.match.empty()) s.bind(10, plan.match);
  for (std::size_t i = 0; i < plan.short_terms.size(); ++i) {
    s.bind(kFirstShortTerm + static_cast<int>(i), plan.short_terms[i]);
  }
}

}  // namespace

SearchIds SqliteSearchStore::search(const SearchQuery& q, std::int64_t count_cap) {
  SearchIds out;
  if (q.terms.empty()) return out;
  const auto p = plan(q.terms);
  const auto where = from_where(p);
  const int limit_param = kFirstShortTerm + static_cast<int>(p.short_terms.size());

  std::string page_sql = "SELECT p.id " + where;
  if (q.order == SearchOrder::newest) {
    page_sql +=
        "AND (?9 IS NULL OR p.id < ?9) ORDER BY p.id DESC " + fmt::format("LIMIT ?{}", limit_param);
  } else {
    page_sql += best_order(p) + fmt::format("LIMIT ?{} OFFSET ?{}", limit_param, limit_param + 1);
  }
  auto page = c_.prepare(page_sql);
  bind_query(page, q, p);
  page.bind(limit_param, q.limit);
  if (q.order == SearchOrder::best) page.bind(limit_param + 1, q.offset);
  while (page.step()) out.post_ids.push_back(page.int64(0));

  auto count = c_.prepare("SELECT COUNT(*) FROM (SELECT 1 " + where +
                          fmt::format("LIMIT ?{})", limit_param));
  bind_query(count, q, p);
  count.bind(limit_param, count_cap + 1);
  count.step();
  out.total = count.int64(0);
  out.total_capped = out.total > count_cap;
  if (out.total_capped) out.total = count_cap;
  return out;
}

}  // namespace musubi::storage::sqlite
