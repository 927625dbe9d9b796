// The one SQL predicate that decides whether a viewer may see a post (aliased `p`). Every read
// of posts and of what hangs off them (replies, files, counts, notifications) includes it;
// the inbox's `inbox_truth` view (migration 0031) states the same rule for a member row.
//
// A post is visible to a member when it is not restricted (特別便) — unless the member is a
// facility's contact who joined for requests only, who sees only the threads of the requests
// addressed to them — or when the viewer is in its audience.
#pragma once

#include <string>

namespace musubi::backends::sqlite {

// `viewer_param`: the placeholder (or column) the viewer's id is bound to, e.g. "?2". The boards
// where the viewer is a request-only contact are one small list, worked out once per statement
// when the viewer is a bound value (an uncorrelated IN), so a plain member pays one lookup in an
// empty list per post.
inline std::string visible(const char* viewer_param) {
  const std::string v = viewer_param;
  return "((p.restricted = 0 AND p.board_id NOT IN (SELECT g.board_id FROM board_members g "
         "WHERE g.request_only = 1 AND g.user_id = " +
         v +
         ")) OR EXISTS (SELECT 1 FROM post_audience a WHERE a.post_id = "
         "p.id AND a.user_id = " +
         v +
         ") OR (p.restricted = 0 AND EXISTS (SELECT 1 FROM post_addressees ad WHERE ad.post_id = "
         "p.root_id AND ad.user_id = " +
         v + ")))";
}

}  // namespace musubi::backends::sqlite
