// The city's counts, as the vendor's 定時報告 reads (未確認 1件 / 安否確認済み 1,563件 …), then by
// area and by priority; the areas with no report at all are named above the map.
import type { DisasterCodes, DisasterSummary, SafetyStatus, StatusCounts } from '../../api/types';
import { priorityLabel, STATUSES } from './codes';

const count = (n: number) => n.toLocaleString('ja-JP');

// Each total is a button: a tap shows only those persons (again: all of them).
export function TotalsBand({ totals, chosen, onChoose }: { totals: StatusCounts; chosen: string; onChoose: (s: SafetyStatus | '') => void }) {
  return (
    <div class="totals" role="group" aria-label="状況ごとの件数">
      {STATUSES.map((s) => (
        <button key={s.code} type="button" class={`total status--${s.code}`} aria-pressed={chosen === s.code} onClick={() => onChoose(chosen === s.code ? '' : s.code)}>
          <span class="status-letter" aria-hidden="true">
            {s.letter}
          </span>
          <span class="total-label">{s.label}</span>
          <strong class="total-count">{count(totals[s.code])}件</strong>
        </button>
      ))}
      <p class="total-all">
        計 <strong>{count(totals.all)}</strong>件
      </p>
    </div>
  );
}

type Row = StatusCounts & { key: string; name: string; silent?: boolean };

function CountsTable({ caption, first, rows }: { caption: string; first: string; rows: Row[] }) {
  return (
    <div class="table-wrap">
      <table class="table counts-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">対象</th>
            {STATUSES.map((s) => (
              <th key={s.code} scope="col">
                {s.label}
              </th>
            ))}
            <th scope="col">未確認の割合</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} class={r.silent ? 'row-silent' : undefined}>
              <th scope="row">
                {r.name}
                {r.silent && <span class="badge badge--silent">報告なし</span>}
              </th>
              <td>{count(r.all)}</td>
              {STATUSES.map((s) => (
                <td key={s.code}>{count(r[s.code])}</td>
              ))}
              <td>{r.all ? Math.round((100 * r.unchecked) / r.all) : 0}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const isSilent = (a: StatusCounts) => a.all > 0 && a.unchecked === a.all;

export function AreaTable({ summary }: { summary: DisasterSummary }) {
  const rows = summary.areas.map((a) => ({ ...a, key: String(a.area_id), name: a.area_id === null ? '地区未設定' : a.name, silent: a.area_id !== null && isSilent(a) }));
  return <CountsTable caption="地区ごと" first="地区" rows={rows} />;
}

export function PriorityTable({ summary, codes }: { summary: DisasterSummary; codes: DisasterCodes | null }) {
  const rows = summary.priorities.map((p) => ({ ...p, key: String(p.priority), name: priorityLabel(codes, p.priority) }));
  return <CountsTable caption="優先度ごと" first="優先度" rows={rows} />;
}

// 「報告のない地区」: every person of the area still 未確認. A tap shows that area only.
export function SilentAreas({ summary, onChoose }: { summary: DisasterSummary; onChoose: (areaId: number) => void }) {
  const silent = summary.areas.filter((a) => a.area_id !== null && isSilent(a));
  return (
    <section class={'silent-areas' + (silent.length ? ' silent-areas--some' : '')} aria-labelledby="silent-title">
      <h2 id="silent-title">報告のない地区</h2>
      {silent.length === 0 ? (
        <p class="muted">ありません（どの地区からも報告があります）。</p>
      ) : (
        <ul class="silent-list">
          {silent.map((a) => (
            <li key={a.area_id}>
              <button type="button" class="silent-area" onClick={() => onChoose(a.area_id!)}>
                {a.name}（{count(a.all)}人）
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
