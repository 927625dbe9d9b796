// Where a post found across boards lives: the person's care team, the group or the conversation
// (opening the thread on its board), and when it was written. Shared by the inbox and search.
import type { BoardKind, BoardRef, Post } from '../api/types';
import { formatDateTime } from '../format';
import { Link } from '../router';
import { useSession } from '../session';

export function boardPath(board: { id: number; kind: BoardKind }): string {
  const base = board.kind === 'group' ? '/groups' : board.kind === 'direct' ? '/messages' : '/teams';
  return `${base}/${board.id}`;
}

// How a board is named in lists across boards; a conversation by the others on it (its stored
// name lists everyone, `myName` included).
export function boardLabel(board: BoardRef, myName = ''): string {
  if (board.kind === 'group') return `プロジェクト「${board.name}」`;
  if (board.kind === 'direct') {
    const others = board.name.split('、').filter((n) => n !== myName);
    return `メッセージ（${others.join('、') || board.name}）`;
  }
  return `${board.person?.name ?? ''} さん`;
}

export function threadLink(board: BoardRef, post: Post): string {
  return `${boardPath(board)}?post=${post.parent_id ?? post.id}`;
}

export function PostPlace({ board, post }: { board: BoardRef; post: Post }) {
  const { session } = useSession();
  return (
    <header class="inbox-card-head">
      <Link href={threadLink(board, post)} class="inbox-person">
        {boardLabel(board, session.user.name)}
      </Link>
      <time class="muted small" dateTime={post.created_at}>
        {formatDateTime(post.created_at)}
      </time>
    </header>
  );
}
