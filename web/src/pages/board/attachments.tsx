// Files on a post: photos as thumbnails that open the full picture; PDFs and anything else
// downloaded, to open in the device's own viewer (a PDF may carry scripts: never a page of this
// site). Names are text, never markup.
import type { Attachment } from '../../api/types';
import { formatBytes } from '../../format';

export const KIND_LABELS: Record<Attachment['kind'], string> = { image: '画像', pdf: 'PDF', other: 'ファイル' };

// "PDF", "CSV", "DOCX" …: what the icon says, from the name (never used to decide anything).
function extension(file: Attachment): string {
  if (file.kind === 'pdf') return 'PDF';
  const dot = file.file_name.lastIndexOf('.');
  const ext = dot > 0 ? file.file_name.slice(dot + 1).toUpperCase() : '';
  return /^[A-Z0-9]{1,5}$/.test(ext) ? ext : 'FILE';
}

export function AttachmentLink({ file }: { file: Attachment }) {
  const opens = file.kind === 'image';
  return (
    <a
      class="file-link"
      href={file.url}
      {...(opens ? { target: '_blank', rel: 'noopener' } : { download: file.file_name })}
      aria-label={`${file.file_name}（${KIND_LABELS[file.kind]}・${formatBytes(file.size)}）を${opens ? '開く' : 'ダウンロード'}`}
    >
      {file.thumbnail_url ? (
        <img src={file.thumbnail_url} alt="" loading="lazy" width={file.width ?? undefined} height={file.height ?? undefined} />
      ) : (
        <span class={`file-icon file-icon--${file.kind}`} aria-hidden="true">
          {extension(file)}
        </span>
      )}
      <span class="file-name">{file.file_name}</span>
      <span class="muted small">{formatBytes(file.size)}</span>
    </a>
  );
}

export function AttachmentList({ files }: { files: Attachment[] }) {
  if (files.length === 0) return null;
  return (
    <ul class="attachments" aria-label="添付ファイル">
      {files.map((f) => (
        <li key={f.id}>
          <AttachmentLink file={f} />
        </li>
      ))}
    </ul>
  );
}
