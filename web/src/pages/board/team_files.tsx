// The team's file view: every file its member may see (restricted posts' files only for their
// audience), newest first, filtered by kind, author and date.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Attachment, Member } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/ui';
import { formatDateTime } from '../../format';
import { AttachmentLink, KIND_LABELS } from './attachments';

interface Page {
  items: Attachment[];
  next_before: number | null;
}

export function TeamFiles({ teamId, members }: { teamId: number; members: Member[] }) {
  const [kind, setKind] = useState('');
  const [author, setAuthor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [files, setFiles] = useState<Attachment[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const query = (before?: number) => {
    const q = new URLSearchParams({ limit: '30' });
    if (kind) q.set('kind', kind);
    if (author) q.set('author', author);
    if (from) q.set('from', from);
    if (to) q.set('to', to);
    if (before) q.set('before', String(before));
    return `/api/v1/care-teams/${teamId}/attachments?${q}`;
  };
  const load = async (before?: number) => {
    setError(null);
    try {
      const page = await api.get<Page>(query(before));
      setFiles(before ? [...(files ?? []), ...page.items] : page.items);
      setNext(page.next_before);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [teamId, kind, author, from, to]);

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
      {next && (
        <button type="button" class="secondary wide" onClick={() => load(next)}>
          さらに表示
        </button>
      )}
    </section>
  );
}
