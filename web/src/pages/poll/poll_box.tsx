// A poll under its post: answer in a tap or two (one choice, several, or ◯/△/× for every
// candidate date), then the counts as bars, 「N人が回答済み」 with who has not, and for its author
// or a team administrator: remind, close early or move the deadline, CSV, and — for scheduling —
// fix the best slot.
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import type { MarkValue, Poll, PollMark } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { useLiveEvents } from '../../live';
import { DeadlineEditor } from './deadline_editor';

const SCHEDULE_MARKS: { value: MarkValue; label: string; name: string }[] = [
  { value: 2, label: '◯', name: '参加できる' },
  { value: 1, label: '△', name: '調整すれば参加できる' },
  { value: 0, label: '×', name: '参加できない' },
];

function markOf(marks: PollMark[] | undefined, option: number): MarkValue | undefined {
  return marks?.find((m) => m.option_id === option)?.value;
}

function Answering({ poll, onAnswered }: { poll: Poll; onAnswered: (p: Poll) => void }) {
  const initial = new Map<number, MarkValue>((poll.mine?.marks ?? []).map((m) => [m.option_id, m.value]));
  const [marks, setMarks] = useState(initial);
  const [comment, setComment] = useState(poll.mine?.comment ?? '');
  const { busy, error, run } = useAction();
  const set = (option: number, value: MarkValue) => {
    const next = new Map(poll.mode === 'single' ? [] : marks);
    if (poll.mode === 'multiple' && next.get(option) === 2) next.delete(option);
    else next.set(option, value);
    setMarks(next);
  };
  const ready = poll.mode === 'schedule' ? marks.size === poll.options.length : marks.size > 0;
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const answer = { marks: [...marks].map(([option_id, value]) => ({ option_id, value })), comment };
      onAnswered(await api.polls.answer(poll.post_id, answer));
    });
  };
  return (
    <form class="poll-answer" onSubmit={submit} aria-label="回答する">
      <ErrorAlert error={error} />
      {poll.mode === 'schedule' ? (
        <table class="schedule-grid">
          <thead>
            <tr>
              <th scope="col">候補</th>
              {SCHEDULE_MARKS.map((m) => (
                <th key={m.value} scope="col" aria-label={m.name}>
                  {m.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {poll.options.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.label}</th>
                {SCHEDULE_MARKS.map((m) => (
                  <td key={m.value}>
                    <label class="mark-choice">
                      <input type="radio" name={`slot-${poll.post_id}-${o.id}`} checked={marks.get(o.id) === m.value} onChange={() => set(o.id, m.value)} aria-label={`${o.label} ${m.name}`} />
                      <span aria-hidden="true">{m.label}</span>
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <fieldset class="poll-choices">
          <legend class="visually-hidden">選択肢</legend>
          {poll.options.map((o) => (
            <label key={o.id} class="poll-choice">
              <input
                type={poll.mode === 'single' ? 'radio' : 'checkbox'}
                name={`poll-${poll.post_id}`}
                checked={marks.get(o.id) === 2}
                onChange={() => set(o.id, 2)}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      )}
      {poll.free_text && (
        <>
          <label for={`poll-comment-${poll.post_id}`} class="small">
            コメント（任意）
          </label>
          <textarea id={`poll-comment-${poll.post_id}`} rows={2} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
        </>
      )}
      <button type="submit" class="primary" disabled={busy || !ready}>
        {poll.mine ? '回答を変更する' : '回答する'}
      </button>
      {poll.anonymous && <p class="muted small">匿名のアンケートです。だれが何と答えたかはだれにも表示されません（回答後の変更はできません）。</p>}
    </form>
  );
}

function Results({ poll }: { poll: Poll }) {
  const max = Math.max(1, ...poll.options.map((o) => o.yes + o.maybe + o.no));
  const schedule = poll.mode === 'schedule';
  return (
    <ul class="poll-results" aria-label="集計">
      {poll.options.map((o) => (
        <li key={o.id} class={o.best ? 'poll-result poll-result--best' : 'poll-result'}>
          <span class="poll-result-label">
            {o.label}
            {o.best && !poll.fixed_option_id && <span class="badge badge--ok">最有力</span>}
            {poll.fixed_option_id === o.id && <span class="badge badge--ok">決定</span>}
          </span>
          <span class="poll-bar" aria-hidden="true">
            <span class="poll-bar-yes" style={{ width: `${(100 * o.yes) / max}%` }} />
            {schedule && <span class="poll-bar-maybe" style={{ width: `${(100 * o.maybe) / max}%` }} />}
          </span>
          <span class="poll-result-count">{schedule ? `◯${o.yes} △${o.maybe} ×${o.no}` : `${o.yes}票`}</span>
        </li>
      ))}
    </ul>
  );
}

export function PollBox({ postId, onChanged }: { postId: number; onChanged?: () => void }) {
  const [loaded, error] = useLoad(() => api.polls.get(postId), [postId]);
  const [poll, setShown] = useState<Poll | null>(null);
  // Answers can come back out of order (a refresh a live event started, then this user's own
  // change): each is numbered when it arrives or is asked for, and an older one never replaces a
  // newer one, so a reopened poll does not flash back to closed.
  const asked = useRef(0);
  const shown = useRef(0);
  const show = (n: number, p: Poll) => {
    if (n <= shown.current) return;
    shown.current = n;
    setShown(p);
  };
  const setPoll = (p: Poll) => show(++asked.current, p);
  const refresh = async () => {
    const n = ++asked.current;
    try {
      show(n, await api.polls.get(postId));
    } catch {
      // The next live event or a reload tries again; what is shown stays.
    }
  };
  const [note, setNote] = useState('');
  const action = useAction();
  const actionError = action.error;
  const [editing, setEditing] = useState(false);
  const [movingDeadline, setMovingDeadline] = useState(false);
  // Someone answered (or it was fixed): fresh counts without a reload.
  useLiveEvents((m) => {
    if (m.type === 'resync' || (m.type === 'event' && m.post_id === postId && m.kind.startsWith('poll.'))) {
      void refresh();
    }
  });
  const current = poll ?? loaded;
  if (error) return <ErrorAlert error={error} />;
  if (!current) return <Loading />;
  const run = (work: () => Promise<void>) =>
    action.run(async () => {
      await work();
      onChanged?.();
    });
  const remind = () =>
    run(async () => {
      const r = await api.polls.remind(postId);
      setNote(`${r.reminded}人に催促しました`);
      await refresh();
    });
  const fix = (optionId: number, label: string) => {
    if (!window.confirm(`「${label}」に決定して、掲示板にお知らせしますか？`)) return;
    void run(async () => setPoll(await api.polls.fix(postId, optionId)));
  };
  const close = () => {
    if (!window.confirm('今すぐ締め切りますか？ このあとは回答できなくなります（集計はそのまま残ります）。')) return;
    void run(async () => setPoll(await api.polls.close(postId)));
  };
  const canAnswer = !current.closed && !(current.anonymous && current.answered_by_me);
  const showForm = canAnswer && (!current.answered_by_me || editing);
  const kind = current.mode === 'schedule' ? '日程調整' : current.mode === 'multiple' ? 'アンケート（複数選択）' : 'アンケート';
  return (
    <section class="poll" aria-label={kind}>
      <p class="poll-head">
        <span class="badge badge--important">{kind}</span>
        {current.anonymous && <span class="badge badge--restricted">匿名</span>}
        {current.deadline && <span class={'badge' + (current.closed ? ' badge--muted' : '')}>締め切り {formatDateTime(current.deadline)}</span>}
        {current.fixed_option_id && <span class="badge badge--ok">決定済み</span>}
        {current.closed && !current.fixed_option_id && <span class="badge badge--muted">締め切りました</span>}
      </p>
      {showForm ? (
        <Answering
          poll={current}
          onAnswered={(p) => {
            setPoll(p);
            setEditing(false);
            onChanged?.();
          }}
        />
      ) : (
        current.answered_by_me && (
          <p class="small">
            回答済みです。
            {canAnswer && (
              <button type="button" class="link-button small" onClick={() => setEditing(true)}>
                回答を変更する
              </button>
            )}
          </p>
        )
      )}
      <Results poll={current} />
      <p class="poll-count" role="status">
        <strong>{current.responders}人</strong>が回答済み（{current.expected}人中）
        {current.not_answered.length > 0 && <span class="muted small"> 未回答: {current.not_answered.map((m) => m.name).join('、')}</span>}
      </p>
      {current.answers && current.answers.length > 0 && (
        <details class="poll-answers">
          <summary>回答の内訳</summary>
          <ul class="plain-list small">
            {current.answers.map((a) => (
              <li key={a.user_id}>
                <strong>{a.name}</strong>{' '}
                {current.options
                  .map((o) => {
                    const m = markOf(a.marks, o.id);
                    return current.mode === 'schedule' ? `${o.label} ${m === 2 ? '◯' : m === 1 ? '△' : '×'}` : m === 2 ? o.label : '';
                  })
                  .filter(Boolean)
                  .join('・')}
                {a.comment && <span class="muted">「{a.comment}」</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {current.comments && current.comments.length > 0 && (
        <details class="poll-answers">
          <summary>コメント（匿名・{current.comments.length}件）</summary>
          <ul class="plain-list small">
            {current.comments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </details>
      )}
      <ErrorAlert error={actionError} />
      {current.can_manage && movingDeadline && (
        <DeadlineEditor
          poll={current}
          onSaved={(p) => {
            setPoll(p);
            setMovingDeadline(false);
            onChanged?.();
          }}
          onCancel={() => setMovingDeadline(false)}
        />
      )}
      {current.can_manage && (
        <div class="button-row poll-manage">
          {!current.closed && current.not_answered_count > 0 && (
            <button type="button" class="secondary small" onClick={() => void remind()}>
              未回答の人に催促する
            </button>
          )}
          {!current.fixed_option_id && !current.closed && (
            <button type="button" class="secondary small" onClick={close}>
              締め切る
            </button>
          )}
          {!current.fixed_option_id && !movingDeadline && (
            <button type="button" class="secondary small" onClick={() => setMovingDeadline(true)}>
              {current.closed ? '締め切りを延ばして再開する' : '締め切りを変更'}
            </button>
          )}
          <a class="button secondary small" href={api.polls.csvUrl(postId)} download>
            CSVで保存
          </a>
          {current.mode === 'schedule' &&
            !current.fixed_option_id &&
            current.options
              .filter((o) => o.best)
              .map((o) => (
                <button key={o.id} type="button" class="primary small" onClick={() => fix(o.id, o.label)}>
                  「{o.label}」に決定する
                </button>
              ))}
          {note && (
            <span class="muted small" role="status">
              {note}
            </span>
          )}
        </div>
      )}
    </section>
  );
}
