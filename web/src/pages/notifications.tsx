// 「通知」: what happened that concerns me, newest first (a request, a message, an important post,
// a poll, a reply, a reminder, a notice), each opening where it happened; and how I want to be
// told by e-mail — at once, once a day, and not at night.
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Notification, NotificationKind as Kind, NotificationSettings as Settings } from '../api/types';
import { boardLabel, boardPath } from '../components/post_place';
import { Alert, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { formatDateTime } from '../format';
import { useAction, useLoad } from '../hooks';
import { refreshInboxCounts } from '../inbox_counts';
import { navigate } from '../router';
import { useSession } from '../session';

const KIND_LABELS: Record<Kind, string> = {
  request: 'あなた宛ての依頼',
  message: 'メッセージ',
  important: '重要な投稿',
  poll: 'アンケート',
  reply: 'あなたの投稿への返信',
  reminder: '催促',
  notice: 'お知らせ',
};

function target(n: Notification): string {
  if (n.notice_id) return `/notices/${n.notice_id}`;
  if (n.board && n.post_id) return `${boardPath(n.board)}?post=${n.parent_id ?? n.post_id}`;
  return '/';
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

// The server's rule (notify::Settings::quiet_at): from start to end, across midnight when
// start > end, never when they are equal.
function quietAt(s: { quiet_start: number; quiet_end: number }, hour: number): boolean {
  if (s.quiet_start === s.quiet_end) return false;
  if (s.quiet_start < s.quiet_end) return hour >= s.quiet_start && hour < s.quiet_end;
  return hour >= s.quiet_start || hour < s.quiet_end;
}

function HourSelect({ id, label, value, onValue }: { id: string; label: string; value: number; onValue: (h: number) => void }) {
  return (
    <label for={id} class="hour-select">
      {label}
      <select id={id} value={value} onChange={(e) => onValue(Number((e.currentTarget as HTMLSelectElement).value))}>
        {HOURS.map((h) => (
          <option key={h} value={h}>
            {h}時
          </option>
        ))}
      </select>
    </label>
  );
}

function MailSettings() {
  const [loaded, error] = useLoad(() => api.notifications.settings(), []);
  const [edited, setEdited] = useState<Settings | null>(null);
  const { error: saveError, run } = useAction();
  const [saved, setSaved] = useState(false);
  const s = edited ?? loaded;
  if (error) return <ErrorAlert error={error} />;
  if (!s) return <Loading />;
  const set = (change: Partial<Settings>) => {
    setSaved(false);
    setEdited({ ...s, ...change });
  };
  const quiet = s.quiet_start !== s.quiet_end;
  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      setEdited(await api.notifications.saveSettings(s));
      setSaved(true);
    });
  };
  return (
    <form class="card" onSubmit={save} aria-labelledby="mail-settings-title">
      <h2 id="mail-settings-title">メールでの通知</h2>
      <p class="muted small">メールには患者さん・利用者さんの情報や投稿の内容は書かれません。「確認してほしいことがある」ことと件数、結びへのリンクだけです。</p>
      <ErrorAlert error={saveError} />
      {saved && <Alert kind="success">保存しました。</Alert>}
      <label class="checkbox">
        <input type="checkbox" checked={s.immediate} onChange={(e) => set({ immediate: (e.currentTarget as HTMLInputElement).checked })} />
        あなた宛ての依頼・メッセージ・重要な投稿・催促は、すぐに知らせる
      </label>
      <div class="setting-row">
        <label class="checkbox">
          <input type="checkbox" checked={s.digest} onChange={(e) => set({ digest: (e.currentTarget as HTMLInputElement).checked })} />
          ほかの通知は1日1回まとめて知らせる
        </label>
        {s.digest && <HourSelect id="digest-hour" label="送る時刻" value={s.digest_hour} onValue={(h) => set({ digest_hour: h })} />}
      </div>
      <div class="setting-row">
        <label class="checkbox">
          <input type="checkbox" checked={quiet} onChange={(e) => set((e.currentTarget as HTMLInputElement).checked ? { quiet_start: 21, quiet_end: 7 } : { quiet_start: 0, quiet_end: 0 })} />
          夜間は送らない（重要な依頼を除く）
        </label>
        {quiet && (
          <span class="hour-range">
            <HourSelect id="quiet-start" label="" value={s.quiet_start} onValue={(h) => set({ quiet_start: h })} />〜
            <HourSelect id="quiet-end" label="" value={s.quiet_end} onValue={(h) => set({ quiet_end: h })} />
          </span>
        )}
      </div>
      {s.digest && quiet && quietAt(s, s.digest_hour) && (
        <p class="muted small" role="note">
          まとめの時刻が夜間にあたるため、{s.quiet_end}時に送ります。
        </p>
      )}
      <button type="submit" class="primary">
        保存する
      </button>
    </form>
  );
}

export function NotificationsPage() {
  const { session } = useSession();
  const [data, error, reload] = useLoad(() => api.notifications.list(), []);
  const { error: actionError, run } = useAction();
  const open = async (n: Notification) => {
    try {
      if (!n.read_at) await api.notifications.markRead(n.id);
      void refreshInboxCounts();
    } catch {
      // opening matters more than the mark
    }
    navigate(target(n));
  };
  const readAll = () =>
    run(async () => {
      await api.notifications.markAllRead();
      reload();
      void refreshInboxCounts();
    });
  const unread = data?.items.filter((n) => !n.read_at).length ?? 0;
  return (
    <>
      <PageHeader title="通知">
        {unread > 0 && (
          <button type="button" class="secondary" onClick={() => void readAll()}>
            すべて既読にする
          </button>
        )}
      </PageHeader>
      <ErrorAlert error={error ?? actionError} />
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <p class="empty">通知はまだありません。</p>}
      {data && data.items.length > 0 && (
        <ul class="list notification-list" aria-label="通知の一覧">
          {data.items.map((n) => (
            <li key={n.id}>
              <button type="button" class={'list-row notification' + (n.read_at ? '' : ' notification--unread')} onClick={() => void open(n)}>
                <span class="list-main">
                  <span class={'badge' + (n.urgent ? ' badge--unread' : n.kind === 'important' || n.kind === 'request' ? ' badge--important' : '')}>{KIND_LABELS[n.kind]}</span>
                  <strong>{n.notice_id ? n.title : n.board ? boardLabel(n.board, session.user.name) : ''}</strong>
                </span>
                <span class="list-sub">
                  {n.actor_name && `${n.actor_name}さん・`}
                  {formatDateTime(n.created_at)}
                  {!n.read_at && <span class="visually-hidden">（未読）</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <MailSettings />
    </>
  );
}
