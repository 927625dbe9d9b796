// 救急隊の照会記録: the region administrator reviews every search, view and transport report of
// the fire department's crews — who, when, why, the incident number and which persons — and
// exports them as CSV. Refused lookups (no consent, the hourly cap) stand out.
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { EmsLookup, EmsLookupFilters } from '../api/types';
import { ErrorAlert, Loading, PageHeader } from '../components/ui';
import { formatDateTime } from '../format';
import { usePagedList } from '../hooks';

const ACTIONS: Record<EmsLookup['action'], string> = { search: '検索', view: '閲覧', transport: '活動報告' };

function what(e: EmsLookup): string {
  if (e.detail === 'rate_limited') return '回数の上限で拒否';
  const matches = /matches=(\d+)/.exec(e.detail);
  if (matches) return `${matches[1]}件該当`;
  return e.outcome === 'success' ? '' : '同意なし・該当なし';
}

export function EmsLookupsPage() {
  const [filters, setFilters] = useState<EmsLookupFilters>({ from: '', to: '' });
  const list = usePagedList((before?: number) => api.ems.lookups(filters, before), (r) => r.next_before, []);
  const { items, error, busy } = list;
  const set = (key: keyof EmsLookupFilters) => (e: Event) => setFilters({ ...filters, [key]: (e.currentTarget as HTMLInputElement).value });
  return (
    <>
      <PageHeader title="救急隊の照会記録">
        <a class="button secondary" href={api.ems.lookupsCsvUrl(filters)} download>
          CSVで書き出す
        </a>
      </PageHeader>
      <p class="muted">消防の隊員が行った検索・閲覧・活動報告のすべてです（監査ログから表示しています）。</p>
      <form
        class="card filters-form"
        onSubmit={(e) => {
          e.preventDefault();
          void list.reload();
        }}
      >
        <div class="grid-3">
          <div class="field">
            <label for="el-from">開始日</label>
            <input id="el-from" type="date" value={filters.from} onInput={set('from')} />
          </div>
          <div class="field">
            <label for="el-to">終了日</label>
            <input id="el-to" type="date" value={filters.to} onInput={set('to')} />
          </div>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          検索
        </button>
      </form>
      <ErrorAlert error={error} />
      {items === null && !error && <Loading />}
      {items && items.length === 0 && <p class="empty">照会の記録はありません。</p>}
      {items && items.length > 0 && (
        <ul class="ems-lookups">
          {items.map((e) => (
            <li key={e.id} class={'card' + (e.outcome !== 'success' ? ' row-warn' : '')}>
              <p>
                <strong>{ACTIONS[e.action] ?? e.action}</strong> {formatDateTime(e.at)}　{e.crew.name || e.crew.login}（{e.crew.facility || '所属なし'}）
              </p>
              <p>
                理由: {e.reason_label || '—'}　事案番号: {e.incident || '—'}
                {what(e) && `　${what(e)}`}
              </p>
              {e.persons.length > 0 && <p>対象者: {e.persons.map((p) => p.name || `ID ${p.id}`).join('、')}</p>}
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" class="secondary wide" disabled={busy} onClick={list.more}>
          さらに表示
        </button>
      )}
    </>
  );
}
