// Beside a board's name in my lists (care teams, groups, conversations): how much I have not read,
// and that I muted it.
export function BoardBadges({ unread, muted }: { unread: number; muted: boolean }) {
  return (
    <>
      {unread > 0 && (
        <span class="badge badge--unread" aria-label={`未読 ${unread}件`}>
          未読 {unread}
        </span>
      )}
      {muted && <span class="badge badge--muted">通知オフ</span>}
    </>
  );
}
