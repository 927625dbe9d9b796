// Display helpers for Japanese users: dates with 和暦, ages, roles and sexes in Japanese.
import type { RoleCode, Sex } from './api/types';

const ERAS = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
  { name: '大正', start: '1912-07-30' },
  { name: '明治', start: '1868-01-25' },
];

export function wareki(isoDate: string): string {
  const era = ERAS.find((e) => isoDate >= e.start);
  if (!era) return '';
  const year = Number(isoDate.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${year === 1 ? '元' : year}年`;
}

// ISO text of any precision ("2018", "2018-04", "2018-04-01") as 2018年（平成30年）4月1日; a year
// two eras share is named by the era at its end, as the server does.
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  if (!y) return iso;
  const end = m ? (d ? iso : `${iso.slice(0, 7)}-31`) : `${iso.slice(0, 4)}-12-31`;
  const era = ERAS.find((e) => end >= e.start);
  const eraYear = era ? `（${era.name}${y - Number(era.start.slice(0, 4)) + 1 === 1 ? '元' : y - Number(era.start.slice(0, 4)) + 1}年）` : '';
  return `${y}年${eraYear}${m ? `${m}月` : ''}${d ? `${d}日` : ''}`;
}

export function formatBirthDate(isoDate: string, today = new Date()): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return `${y}年（${wareki(isoDate)}）${m}月${d}日・${age}歳`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return t.toLocaleString('ja-JP', { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

// A recent instant, short: 12月8日 11:35 (when a copy shown offline was fetched).
export function formatMonthDayTime(iso: string | null | undefined): string {
  const t = iso ? new Date(iso) : null;
  if (!t || Number.isNaN(t.getTime())) return iso ?? '';
  return `${t.getMonth() + 1}月${t.getDate()}日 ${t.getHours()}:${String(t.getMinutes()).padStart(2, '0')}`;
}

// An instant as a datetime-local value in Japan time, which is how the server reads deadlines.
export function jstInputValue(iso: string | null | undefined): string {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? '' : new Date(t + 9 * 3600 * 1000).toISOString().slice(0, 16);
}

export const ROLE_LABELS: Record<RoleCode, string> = {
  region_admin: '地域管理者',
  facility_admin: '施設管理者',
  professional: '専門職',
  ems: '救急隊',
  family: '家族',
  disaster_coordinator: '防災担当',
};

export const SEX_LABELS: Record<Sex, string> = { male: '男性', female: '女性', other: 'その他', unknown: '不明' };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
