// Where a post found across teams lives: the person's name (opening the thread on their team's
// board) and when it was written. Shared by the inbox and search results.
import type { Post, TeamRef } from '../api/types';
import { formatDateTime } from '../format';
import { Link } from '../router';

export function threadLink(team: TeamRef, post: Post): string {
  return `/teams/${team.id}?post=${post.parent_id ?? post.id}`;
}

export function PostPlace({ team, post }: { team: TeamRef; post: Post }) {
  return (
    <header class="inbox-card-head">
      <Link href={threadLink(team, post)} class="inbox-person">
        {team.person.name} さん
      </Link>
      <time class="muted small" dateTime={post.created_at}>
        {formatDateTime(post.created_at)}
      </time>
    </header>
  );
}
