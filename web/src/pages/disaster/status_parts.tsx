// How a safety status shows (a badge with its letter) and how it is set: four large buttons, one
// tap each; 特記事項あり first asks for a short note, with chips for the usual ones.
import { useState } from 'preact/hooks';
import type { DisasterEntry, SafetyStatus } from '../../api/types';
import { formatDateTime } from '../../format';
import { STATUSES, statusLook } from './codes';

export function StatusBadge({ status }: { status: SafetyStatus }) {
  const s = statusLook(status);
  return (
    <span class={`status-badge status--${s.code}`}>
      <span class="status-letter" aria-hidden="true">
        {s.letter}
      </span>
      {s.label}
    </span>
  );
}

// 「いつ・誰が」: the report behind the current status.
export function ReportedLine({ entry }: { entry: DisasterEntry }) {
  if (!entry.observed_at) return <span class="muted small">まだ報告はありません</span>;
  return (
    <span class="muted small">
      {formatDateTime(entry.observed_at)} {entry.reported_by_name}
      {entry.reported_facility && `（${entry.reported_facility}）`}
    </span>
  );
}

const NOTE_CHIPS = ['負傷あり', '避難所へ避難', '服薬が必要', '医療機器の電源が必要'];

interface ButtonsProps {
  // Makes the ids of the note field unique on a page of many cards.
  id: string;
  current: SafetyStatus;
  currentNote: string;
  disabled: boolean;
  // Resolves true when it was sent (the note field then closes).
  onSend: (status: SafetyStatus, note: string) => Promise<boolean>;
}

export function StatusButtons({ id, current, currentNote, disabled, onSend }: ButtonsProps) {
  const [noting, setNoting] = useState(false);
  const [note, setNote] = useState('');
  const tap = (status: SafetyStatus) => {
    if (status === 'noted') {
      setNote(current === 'noted' ? currentNote : '');
      setNoting(true);
      return;
    }
    setNoting(false);
    void onSend(status, '');
  };
  const addChip = (chip: string) => setNote((n) => (n.includes(chip) ? n : n ? `${n}、${chip}` : chip));
  const submit = (e: Event) => {
    e.preventDefault();
    void onSend('noted', note.trim()).then((sent) => sent && setNoting(false));
  };
  return (
    <>
      <div class="status-buttons" role="group" aria-label="安否の状況を報告">
        {STATUSES.map((s) => (
          <button
            key={s.code}
            type="button"
            class={`status-button status--${s.code}`}
            aria-pressed={current === s.code}
            disabled={disabled}
            onClick={() => tap(s.code)}
          >
            <span class="status-letter" aria-hidden="true">
              {s.letter}
            </span>
            {s.button}
          </button>
        ))}
      </div>
      {noting && (
        <form class="status-note" onSubmit={submit} aria-label="特記事項">
          <label for={`${id}-note`}>特記事項（負傷、避難先、必要なこと）</label>
          <textarea id={`${id}-note`} rows={2} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          <div class="note-chips">
            {NOTE_CHIPS.map((c) => (
              <button key={c} type="button" class="note-chip" onClick={() => addChip(c)}>
                {c}
              </button>
            ))}
          </div>
          <div class="button-row">
            <button type="submit" class="primary" disabled={disabled}>
              特記事項ありで報告する
            </button>
            <button type="button" class="secondary" onClick={() => setNoting(false)}>
              やめる
            </button>
          </div>
        </form>
      )}
    </>
  );
}
