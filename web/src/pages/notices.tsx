// お知らせ: notices from the region or a facility. Everyone reads and, when asked, confirms;
// administrators write them, choose who receives them, and see who has not read or confirmed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import type { Notice, RecipientState } from '../api/types';
import { Alert, ErrorAlert, Field, Loading, PageHeader, TextInput, fieldError } from '../components/ui';
import { formatDateTime } from '../format';
import { useAction, useDebounced, useLoad, usePagedList } from '../hooks';
import { refreshInboxCounts } from '../inbox_counts';
import { debounced, useLiveEvents } from '../live';
import { Link, navigate, takeFlash, useLocation } from '../router';
import { hasRole, useSession } from '../session';

// 重要, and in lists the reader's own state (the notice page shows it by the button instead).
function NoticeBadges({ notice, withState = true }: { notice: Notice; withState?: boolean }) {
  return (
    <>
      {notice.important && <span class="badge badge--important">重要</span>}
      {withState && notice.ack_requested && !notice.acknowledged_at && notice.recipients === undefined && (
        <span class="badge badge--unread">要確認</span>
      )}
      {withState && notice.acknowledged_at && <span class="badge badge--ok">確認済み</span>}
    </>
  );
}

function NoticeRow({ notice, sent }: { notice: Notice; sent: boolean }) {
  const unread = !sent && !notice.read_at;
  return (
    <li class={'notice-row' + (unread ? ' notice-row--unread' : '')}>
      <Link href={`/notices/${notice.id}`} class="notice-link">
        <span class="notice-title">
          {unread && <span class="visually-hidden">未読 </span>}
          {notice.title}
        </span>
        <span class="notice-meta">
          <NoticeBadges notice={notice} />
          {notice.publisher.name}
          {notice.publisher.facility && `（${notice.publisher.facility}）`}・{formatDateTime(notice.published_at)}
        </span>
        {sent && (
          <span class="notice-progress">
            既読 {notice.read} / {notice.recipients}人{notice.ack_requested && `・確認 ${notice.acknowledged} 人`}
          </span>
        )}
      </Link>
    </li>
  );
}

export function NoticesPage() {
  const { session } = useSession();
  const admin = hasRole(session, 'region_admin', 'facility_admin');
  const { search } = useLocation();
  const sent = admin && search.get('tab') === 'sent';
  const list = usePagedList((before?: number) => (sent ? api.notices.sent(before) : api.notices.received(before)), (r) => r.next_before, [sent]);
  const { error, loaded } = list;
  const load = list.reload;
  // A notice published while the page is open appears at once.
  const loadRef = useRef(load);
  loadRef.current = load;
  const [reloadSoon] = useState(() => debounced(() => void loadRef.current(), 300));
  useLiveEvents((m) => {
    if (m.type === 'notice' || m.type === 'resync') reloadSoon();
  });
  const items = list.items ?? [];
  return (
    <>
      <PageHeader title="お知らせ">
        {admin && (
          <Link href="/notices/new" class="button primary">
            お知らせを作成
          </Link>
        )}
      </PageHeader>
      {admin && (
        <div class="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={!sent} onClick={() => navigate('/notices')}>
            受け取ったお知らせ
          </button>
          <button type="button" role="tab" aria-selected={sent} onClick={() => navigate('/notices?tab=sent')}>
            送ったお知らせ
          </button>
        </div>
      )}
      <ErrorAlert error={error} />
      {!loaded && <Loading />}
      {loaded && items.length === 0 && !error && <p class="empty">{sent ? 'まだお知らせを送っていません。' : 'お知らせはありません。'}</p>}
      <ul class="notice-list">
        {items.map((n) => (
          <NoticeRow key={n.id} notice={n} sent={sent} />
        ))}
      </ul>
      {list.hasMore && (
        <button type="button" onClick={() => void list.more()}>
          さらに表示
        </button>
      )}
    </>
  );
}

const STATES = [
  { code: 'all', label: 'すべて' },
  { code: 'unread', label: '未読の人' },
  { code: 'unacknowledged', label: '未確認の人' },
];

// Once an hour its publisher may remind those who have not confirmed (or, when it asks for no
// confirmation, not read) it: a notification, and mail by their settings.
function RemindButton({ notice, onReminded }: { notice: Notice; onReminded: () => void }) {
  const { busy, error, message: result, run } = useAction();
  const who = notice.ack_requested ? '未確認の人' : '未読の人';
  // The server allows one an hour; the button says when the next may go.
  const next = notice.reminded_at ? Date.parse(notice.reminded_at) + 3600_000 : 0;
  const waiting = next > Date.now();
  const remind = async () => {
    if (!window.confirm(`${who}に、もう一度お知らせしますか？（通知とメールで届きます）`)) return;
    await run(
      async () => {
        const r = await api.notices.remind(notice.id);
        onReminded();
        return r;
      },
      (r) => (r.reminded > 0 ? `${r.reminded}人に再通知しました` : `${who}はいません`),
    );
  };
  return (
    <div class="notice-remind">
      <ErrorAlert error={error} />
      <button type="button" class="secondary" disabled={busy || waiting} onClick={() => void remind()}>
        {who}に再通知
      </button>
      {notice.reminded_at && (
        <span class="muted small">
          {' '}
          前回の再通知: {formatDateTime(notice.reminded_at)}
          {waiting && `（次は${new Date(next).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' })}から）`}
        </span>
      )}
      {result && (
        <p class="small" role="status">
          {result}
        </p>
      )}
    </div>
  );
}

function Recipients({ notice, onReminded }: { notice: Notice; onReminded: () => void }) {
  const [state, setState] = useState<RecipientState>('all');
  const list = usePagedList((after?: number) => api.notices.recipients(notice.id, state, after), (r) => r.next_after, [state, notice.id]);
  const { error } = list;
  const rows = list.items ?? [];
  return (
    <section class="card" aria-labelledby="recipients-title">
      <h2 id="recipients-title">送信先</h2>
      <p class="notice-progress-large">
        <strong>{notice.read}</strong> / {notice.recipients} 人が既読
        {notice.ack_requested && (
          <>
            、<strong>{notice.acknowledged}</strong> 人が確認済み
          </>
        )}
      </p>
      <RemindButton notice={notice} onReminded={onReminded} />
      <label for="recipient-state">表示</label>{' '}
      <select id="recipient-state" value={state} onChange={(e) => setState((e.currentTarget as HTMLSelectElement).value as RecipientState)}>
        {STATES.filter((s) => s.code !== 'unacknowledged' || notice.ack_requested).map((s) => (
          <option key={s.code} value={s.code}>
            {s.label}
          </option>
        ))}
      </select>
      <ErrorAlert error={error} />
      <div class="table-wrap">
      <table class="table recipients">
        <thead>
          <tr>
            <th scope="col">氏名</th>
            <th scope="col">所属・職種</th>
            <th scope="col">既読</th>
            {notice.ack_requested && <th scope="col">確認</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.user_id}>
              <td>{r.name}</td>
              <td>
                {r.facility}
                {r.profession && <span class="muted">・{r.profession}</span>}
              </td>
              <td>{r.read_at ? formatDateTime(r.read_at) : <span class="badge badge--unread">未読</span>}</td>
              {notice.ack_requested && <td>{r.acknowledged_at ? formatDateTime(r.acknowledged_at) : '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {rows.length === 0 && <p class="empty">該当する人はいません。</p>}
      {list.hasMore && (
        <button type="button" onClick={() => void list.more()}>
          さらに表示
        </button>
      )}
    </section>
  );
}

export function NoticePage({ id }: { id: string }) {
  const [flash] = useState(() => takeFlash<string>());
  const [notice, error, reload] = useLoad(() => api.notices.get(id), [id]);
  const { busy, error: ackError, run } = useAction();
  // Opening it has marked it read: the badge follows.
  useEffect(() => {
    if (notice) void refreshInboxCounts();
  }, [notice?.id]);
  if (error) return <ErrorAlert error={error} />;
  if (!notice) return <Loading />;
  const acknowledge = () =>
    run(async () => {
      await api.notices.acknowledge(id);
      reload();
      void refreshInboxCounts();
    });
  const recipient = notice.read_at !== null;
  return (
    <>
      <p class="breadcrumb">
        <Link href="/notices">お知らせ</Link>
      </p>
      <PageHeader title={notice.title} />
      {flash && <Alert kind="success">{flash}</Alert>}
      <article class="card notice">
        <p class="notice-meta">
          <NoticeBadges notice={notice} withState={false} />
          {notice.publisher.name}
          {notice.publisher.facility && `（${notice.publisher.facility}）`}・{formatDateTime(notice.published_at)}
        </p>
        <div class="notice-body">{notice.body}</div>
        {recipient && notice.ack_requested && (
          <div class="notice-ack">
            <ErrorAlert error={ackError} />
            {notice.acknowledged_at ? (
              <p>
                <span class="badge badge--ok">確認済み</span> {formatDateTime(notice.acknowledged_at)}
              </p>
            ) : (
              <button type="button" class="primary" disabled={busy} onClick={() => void acknowledge()}>
                確認しました
              </button>
            )}
          </div>
        )}
      </article>
      {notice.recipients !== undefined && <Recipients notice={notice} onReminded={reload} />}
    </>
  );
}

export function NoticeNewPage() {
  const { session } = useSession();
  const regionAdmin = hasRole(session, 'region_admin');
  const [region] = useLoad(() => api.region.get(), []);
  const [professions] = useLoad(() => api.region.professions().then((r) => r.items), []);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [important, setImportant] = useState(false);
  const [ack, setAck] = useState(false);
  const [kinds, setKinds] = useState<string[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [count, setCount] = useState<number | null>(null);
  const { busy, error, run } = useAction();
  const audience = useDebounced(JSON.stringify({ facility_kinds: kinds, profession_ids: chosen }), 200);
  useEffect(() => {
    let live = true;
    api.notices
      .audienceSize(JSON.parse(audience))
      .then((r) => live && setCount(r.recipients))
      .catch(() => live && setCount(null));
    return () => {
      live = false;
    };
  }, [audience]);
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const n = await api.notices.publish({
        title,
        body,
        important,
        ack_requested: ack,
        facility_kinds: kinds,
        profession_ids: chosen,
      });
      navigate(`/notices/${n.id}`, false, `${n.recipients}人にお知らせを送りました`);
    });
  };
  return (
    <>
      <p class="breadcrumb">
        <Link href="/notices?tab=sent">お知らせ</Link>
      </p>
      <PageHeader title="お知らせを作成" />
      <form class="form card" onSubmit={submit} noValidate>
        <ErrorAlert error={error} />
        <Field id="notice-title" label="件名" required error={fieldError(error, 'title')}>
          {(p) => <TextInput {...p} value={title} onValue={setTitle} maxLength={100} />}
        </Field>
        <Field id="notice-body" label="本文" required error={fieldError(error, 'body')}>
          {(p) => <textarea {...p} rows={8} value={body} onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)} />}
        </Field>
        <label class="checkbox">
          <input type="checkbox" checked={important} onChange={() => setImportant(!important)} /> 重要
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={ack} onChange={() => setAck(!ack)} /> 読んだ人に「確認しました」を求める
        </label>
        <fieldset class="audience">
          <legend>送信先</legend>
          {regionAdmin ? (
            <>
              <p class="hint">何も選ばなければ地域の全員に送ります。選ぶと、その種別の施設の職員・その職種の人に絞ります。</p>
              <details open={kinds.length > 0}>
                <summary>施設の種別で絞る{kinds.length > 0 && `（${kinds.length}）`}</summary>
                <div class="check-grid">
                  {region?.facility_kinds.map((k) => (
                    <label key={k.code} class="checkbox">
                      <input type="checkbox" checked={kinds.includes(k.code)} onChange={() => setKinds(toggle(kinds, k.code))} /> {k.label}
                    </label>
                  ))}
                </div>
              </details>
            </>
          ) : (
            <p class="hint">あなたの施設（{session.user.facility_name}）の職員に送ります。職種で絞ることもできます。</p>
          )}
          <details open={chosen.length > 0}>
            <summary>職種で絞る{chosen.length > 0 && `（${chosen.length}）`}</summary>
            <div class="check-grid">
              {professions?.map((p) => (
                <label key={p.id} class="checkbox">
                  <input type="checkbox" checked={chosen.includes(p.id)} onChange={() => setChosen(toggle(chosen, p.id))} /> {p.name}
                </label>
              ))}
            </div>
          </details>
          <p class="audience-count" aria-live="polite">
            {count === null ? '送信先を数えています…' : <>送信先: <strong>{count.toLocaleString('ja-JP')}</strong> 人</>}
          </p>
          {fieldError(error, 'audience') && <p class="field-error">{fieldError(error, 'audience')}</p>}
        </fieldset>
        <div class="button-row form-actions">
          <button type="submit" class="primary" disabled={busy || count === 0}>
            送信する
          </button>
          <Link href="/notices?tab=sent" class="button">
            やめる
          </Link>
        </div>
      </form>
    </>
  );
}
