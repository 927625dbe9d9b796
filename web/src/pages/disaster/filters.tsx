// The city's filters (status, priority, area, label): they choose both the pins and the list.
import type { DisasterCodes, DisasterEntry, DisasterSummary } from '../../api/types';
import { LABEL_NAMES, STATUSES } from './codes';

export interface Filters {
  status: string; // '' all, or a status code
  priority: string; // '' all, or '1'–'3'
  area: string; // '' all, 'none' 地区未設定, or an area id
  label: string; // '' all, 'none' without a label, or a label code
}

export const NO_FILTERS: Filters = { status: '', priority: '', area: '', label: '' };

export function matches(e: DisasterEntry, f: Filters): boolean {
  if (f.status && e.status !== f.status) return false;
  if (f.priority && e.priority !== Number(f.priority)) return false;
  if (f.area && (f.area === 'none' ? e.area_id !== null : e.area_id !== Number(f.area))) return false;
  if (f.label && (f.label === 'none' ? e.label !== '' : e.label !== f.label)) return false;
  return true;
}

interface Props {
  filters: Filters;
  onChange: (f: Filters) => void;
  summary: DisasterSummary | null;
  codes: DisasterCodes | null;
}

export function FilterBar({ filters, onChange, summary, codes }: Props) {
  const select = (key: keyof Filters, label: string, options: [string, string][]) => (
    <div class="field">
      <label for={`filter-${key}`}>{label}</label>
      <select id={`filter-${key}`} value={filters[key]} onChange={(e) => onChange({ ...filters, [key]: e.currentTarget.value })}>
        <option value="">すべて</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  const areas = (summary?.areas ?? []).map((a): [string, string] => [a.area_id === null ? 'none' : String(a.area_id), a.area_id === null ? '地区未設定' : a.name]);
  const priorities = (codes?.priorities ?? [1, 2, 3].map((value) => ({ value, label: String(value) }))).map((p): [string, string] => [String(p.value), p.label]);
  const labels = Object.entries(LABEL_NAMES).map(([code, name]): [string, string] => [code, name]);
  const any = Object.values(filters).some(Boolean);
  return (
    <div class="disaster-filters" role="search" aria-label="絞り込み">
      {select('status', '状況', STATUSES.map((s) => [s.code, s.label]))}
      {select('priority', '優先度', priorities)}
      {select('area', '地区', areas)}
      {select('label', 'ラベル', [...labels, ['none', 'ラベルなし']])}
      {any && (
        <button type="button" class="secondary small" onClick={() => onChange(NO_FILTERS)}>
          絞り込みを解除
        </button>
      )}
    </div>
  );
}
