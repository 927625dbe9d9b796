// Search in SQLite. The candidates are only posts of the viewer's teams that they may see, so
// results and counts cannot include anything else. Two ways to find them, chosen per query:
// when a word of three or more characters is rare in the region, the trigram index names the few
// posts that contain it; otherwise (short or common words) the viewer's teams are read in their
// contiguous ranges of post_search_text and every word is matched with instr(). The SQL varies
// only in how many words it has, never in values.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "backends/sqlite/post_visibility.hpp"
#include "backends/sqlite/search_store.hpp"
#include "core/text.hpp"

namespace musubi::backends::sqlite {

using namespace musubi::board;

namespace {

// When the index is cheaper than reading the viewer's teams. The index costs about one unit per
// match in the region (m); reading newest first stops once the page is full, after about
// limit × N / m posts (N: posts in the region), each about a twentieth of a unit (measured:
// ~6 µs per index match, ~0.35 µs per post read, docs/performance.md). The index wins while
// m × m < 5 × N (limit 100): about 700 matches at 100,000 posts, 2,200 at 1M, 7,000 at 10M.
std::int64_t rare_word_matches(std::int64_t posts_in_region) {
  return std::clamp<std::int64_t>(
      static_cast<std::int64_t>(std::sqrt(5.0 * static_cast<double>(posts_in_region))), 100, 10000);
}

// Newest first without reading everything: the viewer's teams are read in windows of post ids,
// newest first, each four times wider than the last, until a page is full. A common word fills
// the page from the first window; a rare one ends up reading the whole range once.
constexpr std::int64_t kFirstWindow = 20000;

// Fixed parameters: ?1 viewer, ?2 team, ?3 author, ?4 tag, ?5 from, ?6 until, ?7 important only,
// ?8 with attachments, ?9 ids below, ?10 MATCH expression, ?11 ids from; the words from ?12 on.
constexpr int kFirstTerm = 12;

std::string filters() {
  return "t.board_id IN (SELECT board_id FROM board_members WHERE user_id = ?1 AND (?2 IS NULL "
         "OR board_id = ?2)) AND p.deleted_at IS NULL AND " +
         visible("?1") +
         " AND (?3 IS NULL OR p.author_id = ?3) AND (?4 IS NULL OR p.tag_id = ?4) "
         "AND (?5 IS NULL OR p.created_at >= ?5) AND (?6 IS NULL OR p.created_at < ?6) "
         "AND (?7 = 0 OR p.important = 1) AND (?8 = 0 OR EXISTS (SELECT 1 FROM attachments f "
         "WHERE f.post_id = p.id)) ";
}

// The longest word of three or more characters as a MATCH phrase (quotes doubled), if any.
std::string match_phrase(const std::vector<std::string>& terms) {
  const std::string* longest = nullptr;
  for (const auto& t : terms) {
    if (text::length(t) >= 3 && (!longest || t.size() > longest->size())) longest = &t;
  }
  if (!longest) return {};
  std::string out = "\"";
  for (char c : *longest) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string from_where(bool use_index, std::size_t terms) {
  std::string sql =
      use_index ? "FROM posts p JOIN post_search_text t ON t.board_id = p.board_id AND t.post_id = "
                  "p.id WHERE p.id IN (SELECT rowid FROM post_search WHERE post_search MATCH "
                  "?10) AND "
                : "FROM post_search_text t JOIN posts p ON p.id = t.post_id WHERE ";
  sql += filters();
  for (std::size_t i = 0; i < terms; ++i) {
    sql += fmt::format("AND instr(t.text, ?{}) > 0 ", kFirstTerm + i);
  }
  return sql;
}

// "Best first": the most occurrences of the words, then the newest.
std::string best_order(std::size_t terms) {
  std::string score = "0";
  for (std::size_t i = 0; i < terms; ++i) {
    score += fmt::format(" + (length(t.text) - length(replace(t.text, ?{0}, ''))) / length(?{0})",
                         kFirstTerm + i);
  }
  return "ORDER BY (" + score + ") DESC, t.post_id DESC ";
}

void bind_query(Statement& s, const SearchQuery& q, const std::string& match,
                std::optional<Id> below = std::nullopt, std::optional<Id> from_id = std::nullopt) {
  s.bind_all(q.viewer_id, q.board_id, q.author_id, q.tag_id, q.from, q.until, q.important_only,
             q.with_attachments, below);
  s.bind(11, from_id);
  if (!match.empty()) s.bind(10, match);
  for (std::size_t i = 0; i < q.terms.size(); ++i) {
    s.bind(kFirstTerm + static_cast<int>(i), q.terms[i]);
  }
}

}  // namespace

SearchIds SqliteSearchStore::search(const SearchQuery& q, std::int64_t count_cap) {
  SearchIds out;
  if (q.terms.empty()) return out;
  auto top = c_.prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM posts");
  top.step();
  const Id next_id = top.int64(0);
  auto match = match_phrase(q.terms);
  if (!match.empty()) {
    const auto rare = rare_word_matches(next_id);
    auto probe = c_.prepare(
        "SELECT COUNT(*) FROM (SELECT rowid FROM post_search WHERE post_search MATCH ?1 LIMIT ?2)");
    probe.bind_all(match, rare);
    probe.step();
    if (probe.int64(0) >= rare) match.clear();
  }
  const auto where = from_where(!match.empty(), q.terms.size());
  const int limit_param = kFirstTerm + static_cast<int>(q.terms.size());
  bool counted_everything = false;

  if (q.order == SearchOrder::newest) {
    const auto page_sql = "SELECT t.post_id " + where +
                          // Plain bounds (always bound), so that they limit the key range.
                          "AND t.post_id < ?9 AND t.post_id >= ?11 ORDER BY t.post_id DESC " +
                          fmt::format("LIMIT ?{}", limit_param);
    Id below = q.before_id ? *q.before_id : next_id;
    // The index names few candidates: no windows needed.
    std::int64_t window = match.empty() ? kFirstWindow : below;
    for (;;) {
      const Id from_id = std::max<Id>(0, below - window);
      auto page = c_.prepare(page_sql);  // a fresh use of the cached statement per window
      bind_query(page, q, match, below, from_id);
      page.bind(limit_param, q.limit - static_cast<std::int64_t>(out.post_ids.size()));
      while (page.step()) out.post_ids.push_back(page.id<PostId>(0));
      if (static_cast<std::int64_t>(out.post_ids.size()) >= q.limit || from_id == 0) {
        counted_everything = from_id == 0 && !q.before_id;
        break;
      }
      below = from_id;
      window *= 4;
    }
  } else {
    auto page = c_.prepare("SELECT t.post_id " + where + best_order(q.terms.size()) +
                           fmt::format("LIMIT ?{} OFFSET ?{}", limit_param, limit_param + 1));
    bind_query(page, q, match);
    page.bind(limit_param, q.limit);
    page.bind(limit_param + 1, q.offset);
    while (page.step()) out.post_ids.push_back(page.id<PostId>(0));
  }

  if (counted_everything && static_cast<std::int64_t>(out.post_ids.size()) < q.limit) {
    out.total = static_cast<std::int64_t>(out.post_ids.size());  // the page is all there is
    return out;
  }
  auto count = c_.prepare("SELECT COUNT(*) FROM (SELECT 1 " + where +
                          fmt::format("LIMIT ?{})", limit_param));
  bind_query(count, q, match);
  count.bind(limit_param, count_cap + 1);
  count.step();
  out.total = count.int64(0);
  out.total_capped = out.total > count_cap;
  if (out.total_capped) out.total = count_cap;
  return out;
}

}  // namespace musubi::backends::sqlite
