// The reason and incident a crew chose, kept for this tab while they work the incident: the
// search and every view send them (the server audits each lookup with them).
import type { LookupReason } from '../../api/ems';

const KEY = 'musubi.ems.reason';

export function loadReason(): LookupReason {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as LookupReason | null;
    if (saved && typeof saved.reason === 'string' && typeof saved.incident === 'string') return saved;
  } catch {
    // a damaged entry: start again
  }
  return { reason: 'dispatch', incident: '' };
}

export function saveReason(reason: LookupReason): void {
  sessionStorage.setItem(KEY, JSON.stringify(reason));
}

export const SEX_LABELS: Record<string, string> = { male: '男性', female: '女性', other: 'その他', unknown: '不明' };
