// Attaching files while writing: take a photo with the phone's camera or choose files; each is
// uploaded at once with progress, shown as a chip, and can be removed before posting.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import type { Attachment } from '../../api/types';
import { formatBytes } from '../../format';

interface Uploading {
  key: number;
  name: string;
  progress: number;
  error?: string;
  done?: Attachment;
}

interface Props {
  boardId: number;
  files: Attachment[];
  onFiles: (files: Attachment[]) => void;
  onBusy: (busy: boolean) => void;
}

let nextKey = 1;

export function FilePicker({ boardId, files, onFiles, onBusy }: Props) {
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const camera = useRef<HTMLInputElement>(null);
  const chooser = useRef<HTMLInputElement>(null);
  const current = useRef<Attachment[]>(files);
  current.current = files;

  const send = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const batch = Array.from(list).map((file) => ({ file, entry: { key: nextKey++, name: file.name, progress: 0 } as Uploading }));
    setUploading((u) => [...u, ...batch.map((b) => b.entry)]);
    onBusy(true);
    const update = (key: number, patch: Partial<Uploading>) => setUploading((u) => u.map((x) => (x.key === key ? { ...x, ...patch } : x)));
    for (const { file, entry } of batch) {
      try {
        const done = await api.boards.upload(boardId, file, (p) => update(entry.key, { progress: p }));
        current.current = [...current.current, done];
        onFiles(current.current);
        setUploading((u) => u.filter((x) => x.key !== entry.key));
      } catch (e) {
        update(entry.key, { error: e instanceof ApiError ? e.message : 'アップロードできませんでした' });
      }
    }
    onBusy(false);
    if (camera.current) camera.current.value = '';
    if (chooser.current) chooser.current.value = '';
  };

  const remove = async (file: Attachment) => {
    onFiles(files.filter((f) => f.id !== file.id));
    await api.boards.discardUpload(file).catch(() => undefined); // removed after a day anyway
  };

  return (
    <div class="file-picker">
      <div class="button-row">
        <label class="secondary button-like">
          <input ref={camera} type="file" accept="image/*" capture="environment" class="visually-hidden" onChange={(e) => send((e.currentTarget as HTMLInputElement).files)} />
          写真を撮る
        </label>
        <label class="secondary button-like">
          <input ref={chooser} type="file" multiple class="visually-hidden" onChange={(e) => send((e.currentTarget as HTMLInputElement).files)} />
          ファイルを添付
        </label>
      </div>
      {(files.length > 0 || uploading.length > 0) && (
        <ul class="chips" aria-label="添付するファイル">
          {files.map((f) => (
            <li key={f.id} class="chip">
              {f.thumbnail_url && <img src={f.thumbnail_url} alt="" />}
              <span class="file-name">{f.file_name}</span>
              <span class="muted small">{formatBytes(f.size)}</span>
              <button type="button" class="link-button small" aria-label={`${f.file_name} を外す`} onClick={() => remove(f)}>
                ✕
              </button>
            </li>
          ))}
          {uploading.map((u) => (
            <li key={u.key} class={u.error ? 'chip chip--error' : 'chip'} role={u.error ? 'alert' : undefined}>
              <span class="file-name">{u.name}</span>
              {u.error ? (
                <>
                  <span class="field-error">{u.error}</span>
                  <button type="button" class="link-button small" aria-label="閉じる" onClick={() => setUploading((x) => x.filter((y) => y.key !== u.key))}>
                    ✕
                  </button>
                </>
              ) : (
                <progress max={1} value={u.progress} aria-label={`${u.name} を送信中`} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
