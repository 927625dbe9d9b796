// The request part of a post: who it is addressed to, each one's state (未読 / 既読 / 確認済み /
// 返信済み), the deadline and whether it is overdue; a facility's contact can hand it on.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { AddresseeState, Colleague, Post } from '../../api/types';
import { ErrorAlert } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useAction, useDebounced, useLoad } from '../../hooks';

const STATE_LABELS: Record<AddresseeState, string> = { unread: '未読', read: '既読', acknowledged: '確認済み', answered: '返信済み' };

export function RequestBox({ post, myId, canManage, onChanged }: { post: Post; myId: number; canManage: boolean; onChanged: () => void }) {
  const request = post.request!;
  const mine = request.addressees.find((a) => a.user_id === myId);
  const waiting = request.addressees.filter((a) => !a.done);
  const mayRemind = waiting.length > 0 && (post.author.user_id === myId || canManage);
  return (
    <div class={'request' + (request.overdue ? ' request--overdue' : '')}>
      <p class="request-title">
        <strong>{request.kind === 'answer' ? '返信のお願い' : '確認のお願い'}</strong>
        {request.deadline && <span> 期限 {formatDateTime(request.deadline)}</span>}
        {request.overdue && <span class="badge badge--unread">期限切れ</span>}
        {mine && !mine.done && <span class="badge badge--important">あなたへの依頼</span>}
      </p>
      <ul class="addressees" aria-label="宛先">
        {request.addressees.map((a) => (
          <li key={a.user_id}>
            {a.name}
            {a.via_facility && <span class="muted">（{a.via_facility.name} 窓口）</span>}
            <span class={'state state--' + a.state}>{STATE_LABELS[a.state]}</span>
          </li>
        ))}
      </ul>
      {mayRemind && <Remind postId={post.id} waiting={waiting.map((a) => a.name)} />}
      {mine?.via_facility && <HandOn postId={post.id} facility={mine.via_facility.name} myId={myId} onChanged={onChanged} />}
    </div>
  );
}

// The author or a team administrator nudges those who have not answered (once an hour).
function Remind({ postId, waiting }: { postId: number; waiting: string[] }) {
  const { error, message: done, run } = useAction();
  const remind = () => run(() => api.posts.remind(postId), (r) => `${r.reminded}人に催促しました`);
  return (
    <div class="remind">
      <span class="muted small">未対応: {waiting.join('・')}</span>{' '}
      {done ? (
        <span class="small" role="status">
          {done}
        </span>
      ) : (
        <button type="button" class="link-button small" onClick={() => void remind()}>
          催促する
        </button>
      )}
      <ErrorAlert error={error} />
    </div>
  );
}

function HandOn({ postId, facility, myId, onChanged }: { postId: number; facility: string; myId: number; onChanged: () => void }) {
  const [q, setQ] = useState('');
  const term = useDebounced(q, 250);
  const { error, run } = useAction();
  const [found] = useLoad(() => (term.trim() ? api.region.colleagues(term) : Promise.resolve({ items: [] })), [term]);
  const give = (c: Colleague) =>
    run(async () => {
      await api.posts.handOn(postId, c.id);
      onChanged();
    });
  return (
    <details class="hand-on">
      <summary>同じ施設の方に引き継ぐ</summary>
      <ErrorAlert error={error} />
      <label for={`hand-on-${postId}`} class="visually-hidden">
        引き継ぐ方の名前
      </label>
      <input id={`hand-on-${postId}`} type="search" placeholder="名前・ふりがなで探す" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
      <ul class="plain-list">
        {found?.items
          .filter((c) => c.facility_name === facility && c.id !== myId)
          .map((c) => (
            <li key={c.id} class="candidate">
              <span>
                {c.name} <span class="muted">{c.profession_name}</span>
              </span>
              <button type="button" class="secondary small" onClick={() => void give(c)}>
                引き継ぐ
              </button>
            </li>
          ))}
      </ul>
    </details>
  );
}
