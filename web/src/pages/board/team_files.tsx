// The team's file view: every file its member may see (restricted posts' files only for their
// audience), newest first, filtered by kind, author and date.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { Member } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/ui';
import { formatDateTime } from '../../format';
import { usePagedList } from '../../hooks';
import { AttachmentLink, KIND_LABELS } from './attachments';

export function TeamFiles({ boardId, members }: { boardId: number; members: Member[] }) {
  const [kind, setKind] = useState('');
  const [author, setAuthor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const list = usePagedList(
    (before?: number) => api.boards.files(boardId, { kind, author, from, to }, before),
    (page) => page.next_before,
    [boardId, kind, author, from, to],
  );
  const { items: files, error } = list;

  const value = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
  return (
    <section aria-label="ファイル一覧">
      <div class="file-filters">
        <div class="field">
          <label for="files-kind">種類</label>
          <select id="files-kind" value={kind} onChange={(e) => setKind(value(e))}>
            <option value="">すべて</option>
            {(['image', 'pdf', 'other'] as const).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="files-author">投稿した人</label>
          <select id="files-author" value={author} onChange={(e) => setAuthor(value(e))}>
            <option value="">全員</option>
            {members.map((m) => (
              <option key={m.user_id} value={m.user_id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="files-from">いつから</label>
          <input id="files-from" type="date" value={from} onChange={(e) => setFrom(value(e))} />
        </div>
        <div class="field">
          <label for="files-to">いつまで</label>
          <input id="files-to" type="date" value={to} onChange={(e) => setTo(value(e))} />
        </div>
      </div>
      <ErrorAlert error={error} />
      {files === null && !error && <Loading />}
      {files && files.length === 0 && <p class="empty">条件に合うファイルはありません。</p>}
      {files && files.length > 0 && (
        <ul class="attachments attachments--grid">
          {files.map((f) => (
            <li key={f.id}>
              <AttachmentLink file={f} />
              <span class="muted small">
                {f.uploader.name}・{formatDateTime(f.created_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" class="secondary wide" onClick={list.more}>
          さらに表示
        </button>
      )}
    </section>
  );
}
