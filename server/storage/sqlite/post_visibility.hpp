// The one SQL predicate that decides whether a viewer may see a post (aliased `p`): not
// restricted, or the viewer is in its audience. Every read of posts and of what hangs off them
// (replies, files, counts) includes it.
#pragma once

#include <string>

namespace musubi::storage::sqlite {

// `viewer_param`: the placeholder the viewer's id is bound to, e.g. "?2".
inline std::string visible(const char* viewer_param) {
  return std::string(
             "(p.restricted = 0 OR EXISTS (SELECT 1 FROM post_audience a WHERE a.post_id = p.id "
             "AND a.user_id = ") +
         viewer_param + "))";
}

}  // namespace musubi::storage::sqlite
