// The list beside the city's map: the same persons as the pins (those the filters leave), the
// most urgent first, then those whose home has no position (位置未登録), who are on no map.
import { useState } from 'preact/hooks';
import type { DisasterCodes, DisasterEntry } from '../../api/types';
import { LABEL_NAMES, priorityLabel } from './codes';
import { StatusBadge } from './status_parts';

const PAGE = 200;

interface Props {
  located: DisasterEntry[];
  unlocated: DisasterEntry[];
  selectedId: number | null;
  onSelect: (personId: number) => void;
  codes: DisasterCodes | null;
}

export function PersonList({ located, unlocated, selectedId, onSelect, codes }: Props) {
  const [limit, setLimit] = useState(PAGE);
  const row = (e: DisasterEntry) => (
    <li key={e.person_id}>
      <button type="button" class="disaster-row" aria-pressed={e.person_id === selectedId} onClick={() => onSelect(e.person_id)}>
        <span class="disaster-row-main">
          <strong>{e.name}</strong>
          <StatusBadge status={e.status} />
          {e.label && <span class={`label-chip label--${e.label}`}>{LABEL_NAMES[e.label]}</span>}
        </span>
        <span class="list-sub">
          {e.area_name || '地区未設定'}・{priorityLabel(codes, e.priority)}
          {e.note && `・${e.note}`}
        </span>
      </button>
    </li>
  );
  return (
    <section class="disaster-people" aria-labelledby="people-title">
      <h2 id="people-title">
        一覧 <span class="muted">{located.length + unlocated.length}人</span>
      </h2>
      {located.length + unlocated.length === 0 && <p class="empty">条件に合う方はいません。</p>}
      {located.length > 0 && <ul class="list disaster-list">{located.slice(0, limit).map(row)}</ul>}
      {located.length > limit && (
        <button type="button" class="secondary wide" onClick={() => setLimit(limit + PAGE)}>
          さらに表示（残り {located.length - limit}人）
        </button>
      )}
      {unlocated.length > 0 && (
        <>
          <h3 class="unlocated-title">
            位置未登録 <span class="muted">{unlocated.length}人</span>
          </h3>
          <p class="hint">地図には表示されません。支援対象者の「要援護者」で位置を登録できます。</p>
          <ul class="list disaster-list" aria-label="位置未登録">
            {unlocated.map(row)}
          </ul>
        </>
      )}
    </section>
  );
}
