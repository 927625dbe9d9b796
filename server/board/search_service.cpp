#include "board/search_service.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "audit/audit_log.hpp"
#include "board/board_store.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "storage/storage.hpp"

namespace musubi::board {

namespace {

constexpr std::size_t kMaxQueryLength = 100;
constexpr std::int64_t kMaxOffset = 1000;

bool contains_term(std::string_view s, const std::vector<std::string>& terms) {
  auto folded = text::fold_for_search(s);
  return std::any_of(terms.begin(), terms.end(),
                     [&](const std::string& t) { return folded.find(t) != std::string::npos; });
}

}  // namespace

namespace {

// The words to look for, refused with the reason when they cannot be searched.
std::vector<std::string> checked_terms(const SearchRequest& request) {
  if (text::length(request.text) > kMaxQueryLength) {
    throw Error(ErrorCode::invalid_input, "検索する言葉は100文字以内にしてください",
                {{"q", "100文字以内にしてください"}});
  }
  // A NUL ends a string in SQLite's FTS syntax; no one searches for control characters.
  if (text::has_control_characters(request.text, false)) {
    throw Error(ErrorCode::invalid_input, "検索する言葉に使えない文字が含まれています",
                {{"q", "使えない文字が含まれています"}});
  }
  auto terms = text::search_terms(request.text);
  if (terms.empty()) {
    throw Error(ErrorCode::invalid_input, "検索する言葉を入力してください",
                {{"q", "検索する言葉を入力してください"}});
  }
  if (request.offset < 0 || request.offset > kMaxOffset) {
    throw Error(ErrorCode::invalid_input, "これより先の結果は、条件を絞って検索してください",
                {{"offset", "0から1000までで指定してください"}});
  }
  return terms;
}

// Each post with its board (only boards of the actor's region), the words marked in its
// excerpt and the names of its files that match.
std::vector<SearchHit> hits_of(std::vector<Post>& posts, const std::vector<Board>& boards,
                               const std::vector<std::string>& terms) {
  std::map<BoardId, const Board*> board_by_id;
  for (const auto& b : boards) board_by_id[b.id] = &b;
  std::vector<SearchHit> hits;
  for (auto& p : posts) {
    auto board = board_by_id.find(p.board_id);
    if (board == board_by_id.end()) continue;  // another region: never shown
    SearchHit hit{.post = std::move(p), .board = *board->second};
    hit.excerpt = text::excerpt(hit.post.body, terms);
    for (const auto& a : hit.post.attachments) {
      if (contains_term(a.file_name, terms)) hit.matching_files.push_back(a.file_name);
    }
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace

SearchResults SearchService::search(const access::Actor& actor, const SearchRequest& request) {
  auto terms = checked_terms(request);
  const auto limit = std::clamp<std::int64_t>(request.limit, 1, 50);
  SearchQuery query{.viewer_id = actor.user_id,
                    .terms = terms,
                    .board_id = request.board_id,
                    .author_id = request.author_id,
                    .tag_id = request.tag_id,
                    .from = request.from,
                    .until = request.until,
                    .important_only = request.important_only,
                    .with_attachments = request.with_attachments,
                    .order = request.order,
                    .before_id = request.before_id,
                    .offset = request.offset,
                    .limit = limit + 1};
  SearchResults results;
  std::vector<Post> posts;
  std::vector<Board> boards;
  storage_.read([&](storage::Transaction& tx) {
    auto ids = tx.search().search(query, kCountCap);
    results.total = ids.total;
    results.total_capped = ids.total_capped;
    const bool more = static_cast<std::int64_t>(ids.post_ids.size()) > limit;
    if (more) ids.post_ids.pop_back();
    posts = tx.posts().find_many_visible(ids.post_ids, actor.user_id);
    std::vector<BoardId> board_ids;
    board_ids.reserve(posts.size());
    for (const auto& p : posts) board_ids.push_back(p.board_id);
    boards = tx.boards().find_many(actor.region_id, board_ids);
    if (more && !posts.empty()) {
      if (request.order == SearchOrder::newest) {
        results.next_before = posts.back().id;
      } else {
        results.next_offset = request.offset + limit;
      }
    }
  });
  results.hits = hits_of(posts, boards, terms);
  // What was searched is not written down (it may name a condition); whose boards were shown is.
  std::vector<BoardId> shown;
  for (const auto& h : results.hits) {
    if (std::find(shown.begin(), shown.end(), h.board.id) == shown.end()) {
      shown.push_back(h.board.id);
    }
  }
  audit::record_read(storage_, clock_, actor,
                     {.action = "post.search",
                      .target_type = "care_team",
                      .target_id = fmt::format("{}", fmt::join(shown, ",")),
                      .detail = fmt::format("{} results shown of {}{}", results.hits.size(),
                                            results.total, results.total_capped ? "+" : "")});
  return results;
}

}  // namespace musubi::board
