// Creating a poll or a date scheduling on a board: the question, the kind, the options (or
// candidate dates and times), anonymous, a comment box, a deadline. A few taps on a phone.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { PollMode } from '../../api/types';
import { ErrorAlert, Field, fieldError, FormActions } from '../../components/ui';
import { useAction } from '../../hooks';

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

// "2026-12-10T14:00" → "12/10(木) 14:00", as the candidates are shown and decided.
export function slotLabel(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return local;
  const day = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getDay();
  return `${Number(m[2])}/${Number(m[3])}(${WEEKDAYS[day]}) ${m[4]}:${m[5]}`;
}

const MODES: { mode: PollMode; label: string }[] = [
  { mode: 'single', label: '1つ選ぶ' },
  { mode: 'multiple', label: '複数選べる' },
  { mode: 'schedule', label: '日程調整（◯△×）' },
];

export function PollComposer({ boardId, onDone, onCancel }: { boardId: number; onDone: () => void; onCancel: () => void }) {
  const [mode, setMode] = useState<PollMode>('single');
  const [body, setBody] = useState('');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [anonymous, setAnonymous] = useState(false);
  const [freeText, setFreeText] = useState(false);
  const [deadline, setDeadline] = useState('');
  const { busy, error, run } = useAction();
  const schedule = mode === 'schedule';
  const setOption = (i: number, v: string) => setOptions(options.map((o, j) => (j === i ? v : o)));
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const labels = options.map((o) => (schedule ? slotLabel(o) : o.trim())).filter(Boolean);
      await api.polls.create(boardId, { body, mode, options: labels, anonymous, free_text: freeText, deadline });
      onDone();
    });
  };
  return (
    <form class="card composer poll-composer" onSubmit={submit} aria-label="アンケートを作る">
      <ErrorAlert error={error} />
      <fieldset class="choice-row">
        <legend>種類</legend>
        {MODES.map((m) => (
          <label key={m.mode} class="checkbox">
            <input type="radio" name="poll-mode" checked={mode === m.mode} onChange={() => setMode(m.mode)} />
            {m.label}
          </label>
        ))}
      </fieldset>
      <Field id="poll-body" label={schedule ? '何の日程ですか' : '質問'} required error={fieldError(error, 'body')}>
        {(p) => <textarea {...p} rows={2} value={body} placeholder={schedule ? '例：12月の地域ケア会議の日程調整' : '例：研修会の参加方法を教えてください'} onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)} />}
      </Field>
      <fieldset class="poll-options">
        <legend>{schedule ? '候補の日時' : '選択肢'}</legend>
        {options.map((o, i) => (
          <div key={i} class="poll-option-row">
            <label for={`poll-option-${i}`} class="visually-hidden">
              {schedule ? `候補${i + 1}` : `選択肢${i + 1}`}
            </label>
            <input
              id={`poll-option-${i}`}
              type={schedule ? 'datetime-local' : 'text'}
              value={o}
              maxLength={100}
              onInput={(e) => setOption(i, (e.currentTarget as HTMLInputElement).value)}
            />
            {options.length > 2 && (
              <button type="button" class="link-button small danger-text" aria-label={`${i + 1}番目を削除`} onClick={() => setOptions(options.filter((_, j) => j !== i))}>
                削除
              </button>
            )}
          </div>
        ))}
        {fieldError(error, 'options') && <p class="field-error">{fieldError(error, 'options')}</p>}
        {options.length < 30 && (
          <button type="button" class="secondary small" onClick={() => setOptions([...options, ''])}>
            {schedule ? '候補を追加' : '選択肢を追加'}
          </button>
        )}
      </fieldset>
      <div class="composer-options">
        <label class="checkbox">
          <input type="checkbox" checked={freeText} onChange={(e) => setFreeText((e.currentTarget as HTMLInputElement).checked)} />
          コメント欄
        </label>
        {!schedule && (
          <label class="checkbox">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous((e.currentTarget as HTMLInputElement).checked)} />
            匿名で回答してもらう
          </label>
        )}
      </div>
      <Field id="poll-deadline" label="締め切り" hint="空欄なら締め切りなし。1日以上先の締め切りなら、その前日に未回答の人へ自動で催促します" error={fieldError(error, 'deadline')}>
        {(p) => <input {...p} type="datetime-local" value={deadline} onInput={(e) => setDeadline((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <FormActions label={schedule ? '日程調整を始める' : 'アンケートを送る'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
