// Japanese search over everything a user may see on their teams' boards: posts, replies and the
// names of their files. Substring search that works for one- and two-character words (熱, 痛み),
// with filters, paging, newest or best first, and excerpts with the matches marked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "access/actor.hpp"
#include "board/search_store.hpp"
#include "core/clock.hpp"
#include "core/search_text.hpp"

namespace musubi::storage {
class Storage;
}

namespace musubi::board {

struct SearchRequest {
  std::string text;  // what was typed; words separated by spaces must all occur
  std::optional<BoardId> board_id;
  std::optional<UserId> author_id;
  std::optional<TagId> tag_id;
  std::optional<UnixSeconds> from;
  std::optional<UnixSeconds> until;
  bool important_only = false;
  bool with_attachments = false;
  SearchOrder order = SearchOrder::newest;
  std::optional<PostId> before_id;
  std::int64_t offset = 0;
  std::int64_t limit = 20;
};

struct SearchHit {
  Post post;
  Board board;
  std::vector<text::ExcerptPart> excerpt;
  std::vector<std::string> matching_files;  // names of its files that contain a word
};

struct SearchResults {
  std::vector<SearchHit> hits;
  std::int64_t total = 0;
  bool total_capped = false;  // "100件以上"
  std::optional<PostId> next_before;
  std::optional<std::int64_t> next_offset;
};

class SearchService {
 public:
  SearchService(storage::Storage& storage, const Clock& clock) : storage_(storage), clock_(clock) {}
  SearchResults search(const access::Actor& actor, const SearchRequest& request);

  // Counting every match of a common word would cost more than the page itself: "100件以上".
  static constexpr std::int64_t kCountCap = 100;

 private:
  storage::Storage& storage_;
  const Clock& clock_;
};

}  // namespace musubi::board
