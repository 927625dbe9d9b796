import { useState } from 'preact/hooks';
import { api } from '../api';
import type { AuditFilters } from '../api/types';
import { ErrorAlert, Loading, PageHeader } from '../components/ui';
import { formatDateTime } from '../format';
import { usePagedList } from '../hooks';

const ACTIONS: Record<string, string> = {
  login: 'ログイン',
  logout: 'ログアウト',
  'logout.everywhere': '全端末ログアウト',
  'password.change': 'パスワード変更',
  'person.list': '支援対象者の一覧',
  'person.read': '支援対象者の閲覧',
  'person.create': '支援対象者の登録',
  'person.update': '支援対象者の更新',
  'user.create': '利用者の登録',
  'user.update': '利用者の更新',
  'user.deactivate': '利用者の停止',
  'user.reactivate': '利用者の再開',
  'user.reset_password': '仮パスワード発行',
  'user.import': '利用者のCSV登録',
  'facility.create': '施設の登録',
  'facility.update': '施設の更新',
  'audit.search': '監査ログの検索',
  'region.create': '地域の作成',
  'region.password_policy': 'パスワード規則の変更',
  'profession.create': '職種の追加',
  'demo.seed': 'デモデータ作成',
};
const TARGETS: Record<string, string> = { person: '支援対象者', user: '利用者', facility: '施設', session: 'セッション', region: '地域', audit_log: '監査ログ', profession: '職種' };
const OUTCOMES: Record<string, string> = { success: '成功', failure: '失敗', denied: '拒否' };

export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>({ from: '', to: '', actor: '', action: '', target_type: '', target_id: '' });
  // Newest first on opening; 検索 starts again with the filters as they are then.
  const list = usePagedList((before?: number) => api.audit.search(filters, before), (r) => r.next_before, []);
  const { items, error, busy } = list;
  const set = (key: keyof typeof filters) => (e: Event) => setFilters({ ...filters, [key]: (e.currentTarget as HTMLInputElement).value });

  return (
    <>
      <PageHeader title="監査ログ">
        <a class="button secondary" href={api.audit.csvUrl(filters)} download>
          CSVで書き出す
        </a>
      </PageHeader>
      <form
        class="card filters-form"
        onSubmit={(e) => {
          e.preventDefault();
          void list.reload();
        }}
      >
        <div class="grid-3">
          <div class="field">
            <label for="f-from">開始日</label>
            <input id="f-from" type="date" value={filters.from} onInput={set('from')} />
          </div>
          <div class="field">
            <label for="f-to">終了日</label>
            <input id="f-to" type="date" value={filters.to} onInput={set('to')} />
          </div>
          <div class="field">
            <label for="f-actor">ログインID</label>
            <input id="f-actor" value={filters.actor} onInput={set('actor')} autocapitalize="off" />
          </div>
          <div class="field">
            <label for="f-action">操作</label>
            <select id="f-action" value={filters.action} onChange={set('action')}>
              <option value="">すべて</option>
              {Object.entries(ACTIONS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-type">対象の種類</label>
            <select id="f-type" value={filters.target_type} onChange={set('target_type')}>
              <option value="">すべて</option>
              <option value="person">支援対象者</option>
              <option value="user">利用者</option>
              <option value="facility">施設</option>
              <option value="session">セッション</option>
            </select>
          </div>
          <div class="field">
            <label for="f-target">対象ID</label>
            <input id="f-target" value={filters.target_id} onInput={set('target_id')} inputMode="numeric" />
          </div>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          検索
        </button>
      </form>
      <ErrorAlert error={error} />
      {items === null && !error && <Loading />}
      {items && items.length === 0 && <p class="empty">該当する記録はありません。</p>}
      {items && items.length > 0 && (
        <div class="table-wrap">
          <table class="table audit-table">
            <caption class="visually-hidden">監査ログ（新しい順）</caption>
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">利用者</th>
                <th scope="col">操作</th>
                <th scope="col">対象</th>
                <th scope="col">結果</th>
                <th scope="col">接続元</th>
                <th scope="col">詳細</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} class={e.outcome !== 'success' ? 'row-warn' : ''}>
                  <td>{formatDateTime(e.at)}</td>
                  <td>{e.actor_login || '—'}</td>
                  <td>{ACTIONS[e.action] ?? e.action}</td>
                  <td>{e.target_type ? `${TARGETS[e.target_type] ?? e.target_type} ${e.target_id}` : '—'}</td>
                  <td>{OUTCOMES[e.outcome] ?? e.outcome}</td>
                  <td>{e.ip}</td>
                  <td class="detail">{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && (
        <button type="button" class="secondary wide" disabled={busy} onClick={list.more}>
          さらに表示
        </button>
      )}
    </>
  );
}
