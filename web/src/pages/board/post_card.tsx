// One post with its replies: text as text (line breaks kept, links clickable, never HTML),
// category, important and restricted marks, acknowledgement, reply, edit with history, delete.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { AcknowledgementView, Member, Post, PostVersion } from '../../api/types';
import { ErrorAlert } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useAction } from '../../hooks';
import { PollBox } from '../poll/poll_box';
import { AttachmentList } from './attachments';
import { RequestBox } from './request_box';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

// Text with its links made clickable; everything else stays a text node.
export function PostText({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      <a href={m[0]} target="_blank" rel="noopener noreferrer">
        {m[0]}
      </a>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <p class="post-body">{parts}</p>;
}

interface Props {
  post: Post;
  members: Member[];
  me: Member;
  onChanged: () => void;
}

export function PostCard({ post, members, me, onChanged }: Props) {
  const [acks, setAcks] = useState<AcknowledgementView | null>(null);
  const [history, setHistory] = useState<PostVersion[] | null>(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(post.body);
  const [reply, setReply] = useState('');
  const { busy, error, run } = useAction();
  const mine = post.author.user_id === me.user_id;
  const names = (ids: number[]) => members.filter((m) => ids.includes(m.user_id)).map((m) => m.name);

  const acknowledge = () =>
    run(async () => {
      setAcks(await api.posts.acknowledge(post.id));
      onChanged();
    });
  const showAcks = () => run(async () => setAcks(await api.posts.acknowledgements(post.id)));
  const showHistory = () => run(async () => setHistory((await api.posts.versions(post.id)).items));
  const saveEdit = () =>
    run(async () => {
      await api.posts.edit(post.id, { body: draft, version: post.version, tag_id: post.tag?.id ?? null });
      setEditing(false);
      onChanged();
    });
  const remove = () =>
    run(async () => {
      const reason = window.prompt('削除の理由を入力してください（例: 別の方の記録でした）');
      if (!reason) return;
      await api.posts.remove(post.id, reason);
      onChanged();
    });
  const sendReply = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await api.boards.createPost(post.board_id, { body: reply, parent_id: post.id });
      setReply('');
      onChanged();
    });
  };

  if (post.deleted_at) {
    return (
      <article class="post post--deleted" aria-label="削除された投稿">
        <p class="muted">
          この投稿は削除されました（{post.author.name}・{formatDateTime(post.deleted_at)}）。理由: {post.delete_reason}
        </p>
      </article>
    );
  }

  const classes = ['post', post.important && !post.acknowledged_by_me ? 'post--important' : '', post.restricted ? 'post--restricted' : '', !post.read_by_me ? 'post--unread' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <article id={`post-${post.id}`} class={classes} aria-label={`${post.author.name}さんの投稿`}>
      <header class="post-head">
        <span class="post-author">
          <strong>{post.author.name}</strong>
          <span class="muted"> {post.author.facility_name}</span>
        </span>
        <time class="muted" dateTime={post.created_at}>
          {formatDateTime(post.created_at)}
        </time>
      </header>
      <div class="post-marks">
        {!post.read_by_me && <span class="badge badge--unread">未読</span>}
        {post.important && <span class="badge badge--important">重要</span>}
        {post.restricted && <span class="badge badge--restricted">特別便: {names(post.audience).join('・')}</span>}
        {post.tag && <span class="badge">{post.tag.name}</span>}
        {post.edited_at && (
          <button type="button" class="link-button small" onClick={showHistory}>
            編集済み
          </button>
        )}
      </div>
      {editing ? (
        <div class="field">
          <label for={`edit-${post.id}`}>投稿を編集</label>
          <textarea id={`edit-${post.id}`} rows={4} value={draft} onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)} />
          <div class="button-row">
            <button type="button" class="primary" disabled={busy} onClick={saveEdit}>
              保存
            </button>
            <button type="button" class="secondary" onClick={() => setEditing(false)}>
              やめる
            </button>
          </div>
        </div>
      ) : (
        post.body !== '' && <PostText text={post.body} />
      )}
      <AttachmentList files={post.attachments} />
      {post.has_poll && <PollBox postId={post.id} />}
      {post.request && <RequestBox post={post} myId={me.user_id} canManage={me.is_admin} onChanged={onChanged} />}
      <ErrorAlert error={error} />
      {history && (
        <details open class="history">
          <summary>編集の履歴</summary>
          <ol>
            {history.map((v) => (
              <li key={v.version}>
                <span class="muted">
                  第{v.version}版・{v.written_by}・{formatDateTime(v.written_at)}
                </span>
                <PostText text={v.body} />
              </li>
            ))}
          </ol>
        </details>
      )}
      <div class="post-actions">
        {mine ? (
          <button type="button" class="link-button small" onClick={showAcks}>
            確認 {post.acknowledgements}人
          </button>
        ) : (
          <button type="button" class={post.acknowledged_by_me ? 'ack ack--done' : 'ack'} disabled={busy || post.acknowledged_by_me} onClick={acknowledge} aria-pressed={post.acknowledged_by_me}>
            {post.acknowledged_by_me ? '確認済み' : '確認する'} {post.acknowledgements > 0 && `（${post.acknowledgements}）`}
          </button>
        )}
        {mine && !editing && (
          <button type="button" class="link-button small" onClick={() => setEditing(true)}>
            編集
          </button>
        )}
        {(mine || me.is_admin) && (
          <button type="button" class="link-button small danger-text" onClick={remove}>
            削除
          </button>
        )}
      </div>
      {acks && (
        <p class="ack-list" role="status">
          {acks.acknowledged.length > 0 ? acks.acknowledged.map((a) => `${a.name}さん`).join('、') + 'が確認しました。' : 'まだ誰も確認していません。'}
          {acks.not_yet.length > 0 && ` 未確認: ${acks.not_yet.map((m) => m.name).join('、')}`}
        </p>
      )}
      {post.replies.length > 0 && (
        <ol class="replies" aria-label="返信">
          {post.replies.map((r) => (
            <li key={r.id} class="reply">
              <span class="post-author">
                <strong>{r.author.name}</strong> <span class="muted">{formatDateTime(r.created_at)}</span>
              </span>
              {r.deleted_at ? (
                <p class="muted">この返信は削除されました。</p>
              ) : (
                <>
                  {r.body !== '' && <PostText text={r.body} />}
                  <AttachmentList files={r.attachments} />
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <form class="reply-form" onSubmit={sendReply}>
        <label class="visually-hidden" for={`reply-${post.id}`}>
          返信
        </label>
        <textarea id={`reply-${post.id}`} rows={1} placeholder="返信する" value={reply} onInput={(e) => setReply((e.currentTarget as HTMLTextAreaElement).value)} />
        <button type="submit" class="secondary" disabled={busy || reply.trim() === ''}>
          返信
        </button>
      </form>
    </article>
  );
}
