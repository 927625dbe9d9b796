// 「あなた宛て」: what needs me across all my teams, in the order to handle it. Each item can be
// handled where it stands (確認, 返信) and then leaves the list.
import { useRef, useState } from 'preact/hooks';
import { debounced, useLiveEvents } from '../live';
import { api } from '../api';
import type { InboxItem, InboxReason, InboxSectionCounts } from '../api/types';
import { boardLabel, PostPlace, threadLink } from '../components/post_place';
import { ErrorAlert, Loading } from '../components/ui';
import { formatDateTime } from '../format';
import { useAction, useLoad } from '../hooks';
import { refreshInboxCounts } from '../inbox_counts';
import { Link } from '../router';
import { useSession } from '../session';
import { PostText } from './board/post_card';
import { PollBox } from './poll/poll_box';

const SECTIONS: { reason: InboxReason; title: string; empty: string }[] = [
  { reason: 'request', title: 'あなたへの依頼', empty: '返事や確認を待っている依頼はありません。' },
  { reason: 'poll', title: '回答待ちのアンケート', empty: '回答を待っているアンケートはありません。' },
  { reason: 'important', title: '重要・未確認', empty: '確認していない重要な投稿はありません。' },
  { reason: 'reply', title: 'あなたの投稿への返信', empty: '新しい返信はありません。' },
  { reason: 'unread', title: 'その他の未読', empty: '未読はありません。' },
];

function sectionCount(counts: InboxSectionCounts, reason: InboxReason): number {
  return { request: counts.requests, poll: counts.polls, important: counts.important, reply: counts.replies, unread: counts.unread }[reason];
}

export function InboxSection() {
  const [more, setMore] = useState(false);
  // The first few of each section come with the page; more only when asked for.
  const [inbox, error, reload] = useLoad(() => api.inbox.list(more), [more]);
  const changed = () => {
    reload();
    void refreshInboxCounts();
  };
  // A new request or reply appears (and a handled one leaves) while the page is open.
  const [reloadSoon] = useState(() => debounced(() => reloadRef.current(), 300));
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  // (a disaster's safety statuses are not in the inbox)
  useLiveEvents((m) => m.type !== 'disaster' && reloadSoon());
  if (error) return <ErrorAlert error={error} />;
  if (!inbox) return <Loading />;
  const { counts } = inbox;
  return (
    <div class="inbox">
      <p class="inbox-summary" aria-live="polite">
        {counts.needs_me > 0 ? (
          <>
            対応が必要なものが <strong>{counts.needs_me}件</strong>
            {counts.overdue > 0 && <span class="badge badge--unread">期限切れ {counts.overdue}</span>}
          </>
        ) : (
          'いま対応が必要なものはありません。'
        )}
      </p>
      {SECTIONS.map((s) => {
        const items = inbox.items.filter((i) => i.reason === s.reason);
        const total = sectionCount(counts, s.reason);
        const folded = !more && total > items.length;
        if (s.reason === 'unread' && total === 0) return null;
        return (
          <section key={s.reason} class="inbox-section" aria-labelledby={`inbox-${s.reason}`}>
            <h2 id={`inbox-${s.reason}`} class="section-title">
              {s.title}
              {total > 0 && <span class="badge badge--count">{total}</span>}
            </h2>
            {items.length === 0 ? (
              <p class="empty small">{s.empty}</p>
            ) : (
              <ul class="plain-list">
                {items.map((i) => (
                  <li key={i.post.id}>
                    <InboxCard item={i} onChanged={changed} />
                  </li>
                ))}
              </ul>
            )}
            {folded && (
              <button type="button" class="secondary wide" onClick={() => setMore(true)}>
                もっと表示（ほか{total - items.length}件）
              </button>
            )}
            {!folded && total > items.length && <p class="muted small">ほか {total - items.length}件（各チームの画面で見られます）</p>}
          </section>
        );
      })}
    </div>
  );
}

function InboxCard({ item, onChanged }: { item: InboxItem; onChanged: () => void }) {
  const { session } = useSession();
  const { post, board } = item;
  const request = post.request;
  const [reply, setReply] = useState('');
  const [replying, setReplying] = useState(false);
  const action = useAction();
  const { busy, error } = action;
  // Once handled, the item leaves the list.
  const run = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      onChanged();
    });
  const answerNeeded = item.reason === 'request' && request?.kind === 'answer';
  const canReply = answerNeeded || item.reason === 'reply' || item.reason === 'unread';
  // A reply is answered under its thread; everything else under the post itself.
  const threadId = post.parent_id ?? post.id;
  const acknowledge = () => run(() => api.posts.acknowledge(post.id));
  const sendReply = (e: Event) => {
    e.preventDefault();
    void run(() => api.boards.createPost(board.id, { body: reply, parent_id: threadId }));
  };
  const classes = ['inbox-card', request?.overdue && item.reason === 'request' ? 'inbox-card--overdue' : '', item.reason === 'important' ? 'inbox-card--important' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <article class={classes} aria-label={`${boardLabel(board, session.user.name)}・${post.author.name}さんの投稿`}>
      <PostPlace board={board} post={post} />
      <div class="post-marks">
        {item.reason === 'request' && request && (
          <span class="badge badge--important">{request.kind === 'answer' ? '返信のお願い' : '確認のお願い'}</span>
        )}
        {request?.deadline && item.reason === 'request' && <span class="badge">期限 {formatDateTime(request.deadline)}</span>}
        {request?.overdue && item.reason === 'request' && <span class="badge badge--unread">期限切れ</span>}
        {item.reminded_at && <span class="badge badge--restricted">催促 {formatDateTime(item.reminded_at)}</span>}
        {post.important && <span class="badge badge--important">重要</span>}
        {post.restricted && <span class="badge badge--restricted">特別便</span>}
        {post.tag && <span class="badge">{post.tag.name}</span>}
      </div>
      {item.root && (
        <p class="muted small inbox-root">
          {item.root.author.name}さんの投稿「{item.root.excerpt}」への返信
        </p>
      )}
      <p class="small inbox-author">
        <strong>{post.author.name}</strong> <span class="muted">{post.author.facility_name}</span>
      </p>
      <div class="inbox-body">
        <PostText text={post.body} />
      </div>
      {item.reason === 'poll' && <PollBox postId={post.id} onChanged={onChanged} />}
      {post.attachments.length > 0 && <p class="muted small">添付 {post.attachments.length}件（開くと見られます）</p>}
      <ErrorAlert error={error} />
      {replying ? (
        <form class="reply-form" onSubmit={sendReply}>
          <label for={`inbox-reply-${post.id}`} class="visually-hidden">
            返信
          </label>
          <textarea id={`inbox-reply-${post.id}`} rows={3} required value={reply} onInput={(e) => setReply((e.currentTarget as HTMLTextAreaElement).value)} />
          <div class="button-row">
            <button type="submit" class="primary" disabled={busy || !reply.trim()}>
              返信を送る
            </button>
            <button type="button" class="secondary" onClick={() => setReplying(false)}>
              やめる
            </button>
          </div>
        </form>
      ) : (
        <div class="button-row">
          {!answerNeeded && item.reason !== 'poll' && !post.acknowledged_by_me && (
            <button type="button" class="primary" disabled={busy} onClick={() => void acknowledge()}>
              確認しました
            </button>
          )}
          {canReply && (
            <button type="button" class={answerNeeded ? 'primary' : 'secondary'} onClick={() => setReplying(true)}>
              返信する
            </button>
          )}
          <Link href={threadLink(board, post)} class="button secondary">
            開く
          </Link>
        </div>
      )}
    </article>
  );
}
