// Writing a post: text, files and photos, category, important, requests, and 特別便 (restricted
// to chosen members).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { Attachment, BoardKind, Member, Tag } from '../../api/types';
import { ErrorAlert, fieldError } from '../../components/ui';
import { useAction } from '../../hooks';
import { FilePicker } from './file_picker';

interface Props {
  boardId: number;
  kind: BoardKind;
  members: Member[];
  me: Member;
  tags: Tag[];
  onPosted: () => void;
}

const PLACEHOLDERS: Record<BoardKind, string> = {
  care: 'チームに共有すること（訪問の記録、相談、連絡など）',
  group: 'メンバーに共有すること（連絡、相談、資料など）',
  direct: 'メッセージを書く',
};

export function Composer({ boardId, kind: boardKind, members, me, tags, onPosted }: Props) {
  // A conversation is already between its participants: no categories, requests or 特別便.
  const full = boardKind !== 'direct';
  const [body, setBody] = useState('');
  const [tagId, setTagId] = useState('');
  const [important, setImportant] = useState(false);
  const [restricted, setRestricted] = useState(false);
  const [audience, setAudience] = useState<number[]>([]);
  const [asking, setAsking] = useState(false);
  const [kind, setKind] = useState<'read' | 'answer'>('answer');
  const [addressees, setAddressees] = useState<number[]>([]);
  const [deadline, setDeadline] = useState('');
  const { busy, error, run, setError } = useAction();
  const [files, setFiles] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState(false);
  const others = members.filter((m) => m.user_id !== me.user_id);

  const flip = (list: number[], id: number) => (list.includes(id) ? list.filter((a) => a !== id) : [...list, id]);
  const toggle = (id: number) => setAudience(flip(audience, id));
  const submit = (e: Event) => {
    e.preventDefault();
    if (restricted && audience.length === 0) {
      setError(new Error('特別便の相手を1人以上選んでください'));
      return;
    }
    void run(async () => {
      await api.boards.createPost(boardId, {
        body,
        tag_id: tagId ? Number(tagId) : null,
        important,
        restricted_to: restricted ? audience : [],
        attachment_ids: files.map((f) => f.id),
        ...(asking ? { request_kind: kind, addressees, deadline: deadline || null } : {}),
      });
      setBody('');
      setImportant(false);
      setRestricted(false);
      setAudience([]);
      setAsking(false);
      setAddressees([]);
      setDeadline('');
      setFiles([]);
      onPosted();
    });
  };

  return (
    <form class="card composer" onSubmit={submit} aria-label="投稿する">
      {error instanceof Error && !('status' in error) ? (
        <p class="field-error" role="alert">
          {error.message}
        </p>
      ) : (
        <ErrorAlert error={error} />
      )}
      <label for="post-body" class="visually-hidden">
        投稿の本文
      </label>
      <textarea
        id="post-body"
        rows={3}
        placeholder={PLACEHOLDERS[boardKind]}
        value={body}
        aria-invalid={Boolean(fieldError(error, 'body'))}
        onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <FilePicker boardId={boardId} files={files} onFiles={setFiles} onBusy={setUploading} />
      <div class="composer-options">
        {full && (
        <>
        <label for="post-tag" class="visually-hidden">
          分類
        </label>
        <select id="post-tag" value={tagId} onChange={(e) => setTagId((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">分類なし</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        </>
        )}
        <label class="checkbox">
          <input type="checkbox" checked={important} onChange={(e) => setImportant((e.currentTarget as HTMLInputElement).checked)} />
          重要
        </label>
        {full && (
        <>
        <label class="checkbox">
          <input type="checkbox" checked={asking} onChange={(e) => setAsking((e.currentTarget as HTMLInputElement).checked)} />
          宛先・依頼
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={restricted} onChange={(e) => setRestricted((e.currentTarget as HTMLInputElement).checked)} />
          特別便（選んだ人だけ）
        </label>
        </>
        )}
      </div>
      {asking && (
        <fieldset class="audience">
          <legend>宛先</legend>
          {others.map((m) => (
            <label key={m.user_id} class="checkbox">
              <input type="checkbox" checked={addressees.includes(m.user_id)} onChange={() => setAddressees(flip(addressees, m.user_id))} />
              {m.name}（{m.team_role_label}）
            </label>
          ))}
          <div class="composer-options">
            <label for="request-kind" class="visually-hidden">
              依頼の種類
            </label>
            <select id="request-kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as 'read' | 'answer')}>
              <option value="answer">返事がほしい</option>
              <option value="read">読んでほしい</option>
            </select>
            <label for="request-deadline">期限</label>
            <input id="request-deadline" type="datetime-local" value={deadline} onInput={(e) => setDeadline((e.currentTarget as HTMLInputElement).value)} />
          </div>
        </fieldset>
      )}
      {restricted && (
        <fieldset class="audience">
          <legend>見せる相手</legend>
          {others.map((m) => (
            <label key={m.user_id} class="checkbox">
              <input type="checkbox" checked={audience.includes(m.user_id)} onChange={() => toggle(m.user_id)} />
              {m.name}（{m.team_role_label}）
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" class="primary wide" disabled={busy || uploading || (body.trim() === '' && files.length === 0)}>
        {uploading ? '送信中のファイルを待っています…' : boardKind === 'direct' ? '送信する' : '投稿する'}
      </button>
    </form>
  );
}
