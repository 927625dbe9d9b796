// The disaster mode's codes: reasons, priorities and labels come from the server once per page
// load (their labels live in one place there); how a status looks — its colour, letter and shape,
// told apart without colour too — is the screen's own.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import type { DisasterCodes, DisasterKind, DisasterLabel, SafetyStatus } from '../../api/types';

let cached: Promise<DisasterCodes> | null = null;

export function useDisasterCodes(): DisasterCodes | null {
  const [codes, setCodes] = useState<DisasterCodes | null>(null);
  useEffect(() => {
    cached ??= api.disaster.codes();
    cached.then(setCodes).catch(() => {
      cached = null;
    });
  }, []);
  return codes;
}

export interface StatusLook {
  code: SafetyStatus;
  label: string; // the 定時報告's words
  button: string; // the one-tap button's
  letter: string; // on the pin and the badge
}

// In the order of the totals band and the buttons.
export const STATUSES: StatusLook[] = [
  { code: 'unchecked', label: '未確認', button: '未確認', letter: '未' },
  { code: 'safe', label: '安否確認済み', button: '確認済み', letter: '済' },
  { code: 'noted', label: '特記事項あり', button: '特記事項あり', letter: '特' },
  { code: 'unreachable', label: '要確認', button: '要確認', letter: '要' },
];

export const statusLook = (code: SafetyStatus): StatusLook => STATUSES.find((s) => s.code === code) ?? STATUSES[0];

// What a list shows first: who cannot be reached, who is not yet checked, who needs something.
export const STATUS_URGENCY: Record<SafetyStatus, number> = { unreachable: 0, unchecked: 1, noted: 2, safe: 3 };

export const LABEL_NAMES: Record<Exclude<DisasterLabel, ''>, string> = { red: '赤', blue: '青', yellow: '黄' };

// The kinds of docs/api.md (GET /disaster/codes does not list them): the server's list wins.
const KIND_LABELS: Record<DisasterKind, string> = {
  earthquake: '地震',
  flood: '水害',
  typhoon: '台風',
  landslide: '土砂災害',
  heavy_snow: '大雪',
  fire: '火災',
  other: 'その他',
};

export function disasterKinds(codes: DisasterCodes | null): { code: DisasterKind; label: string }[] {
  if (codes?.kinds?.length) return codes.kinds as { code: DisasterKind; label: string }[];
  return (Object.keys(KIND_LABELS) as DisasterKind[]).map((code) => ({ code, label: KIND_LABELS[code] }));
}

export function reasonLabels(codes: DisasterCodes | null, reasons: string[]): string {
  return reasons.map((r) => codes?.reasons.find((c) => c.code === r)?.label ?? r).join('・');
}

const PRIORITY_FALLBACK: Record<number, string> = { 1: '最優先', 2: '優先', 3: '通常' };

export function priorityLabel(codes: DisasterCodes | null, priority: number): string {
  return codes?.priorities.find((p) => p.value === priority)?.label ?? PRIORITY_FALLBACK[priority] ?? String(priority);
}
