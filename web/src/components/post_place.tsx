// Where a post found across boards lives: the person's care team, the group or the conversation
// (opening the thread on its board), and when it was written. Shared by the inbox and search.
import type { BoardKind, Post, TeamRef } from '../api/types';
import { formatDateTime } from '../format';
import { Link } from '../router';

export function boardPath(board: { id: number; kind: BoardKind }): string {
  const base = board.kind === 'group' ? '/groups' : board.kind === 'direct' ? '/messages' : '/teams';
  return `${base}/${board.id}`;
}

// How a board is named in lists across boards.
export function boardLabel(board: TeamRef): string {
  if (board.kind === 'group') return `プロジェクト「${board.name}」`;
  if (board.kind === 'direct') return `メッセージ（${board.name}）`;
  return `${board.person?.name ?? ''} さん`;
}

export function threadLink(team: TeamRef, post: Post): string {
  return `${boardPath(team)}?post=${post.parent_id ?? post.id}`;
}

export function PostPlace({ team, post }: { team: TeamRef; post: Post }) {
  return (
    <header class="inbox-card-head">
      <Link href={threadLink(team, post)} class="inbox-person">
        {boardLabel(team)}
      </Link>
      <time class="muted small" dateTime={post.created_at}>
        {formatDateTime(post.created_at)}
      </time>
    </header>
  );
}
