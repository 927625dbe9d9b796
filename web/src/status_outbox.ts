// The safety statuses that wait for the network (issue 24, item 7). A tap made offline — the
// browser says so, or the request never reached the server — is kept in localStorage (it must
// outlive a reload) with its client_key and the time it was tapped, shows at once as 未送信, and
// is sent when the server can be reached again: back online, on page load, when the live
// connection opens. In the order tapped, one at a time, each with its own client_key, so that a
// send whose answer was lost is applied once (the server answers a replay 200). What the server
// refuses (4xx: the disaster closed, not on the team) leaves the queue and is kept, with the
// server's message, until the user has seen it. Nothing is written while nothing waits.
import { ApiError } from './api/client';
import { sendStatus } from './api/disaster';
import type { SafetyReportInput, SafetyReportResult } from './api/types';
import { watchLiveStatus } from './live';

export interface QueuedReport {
  user_id: number;
  disaster_id: number;
  body: SafetyReportInput & { observed_at: string };
}

export interface RefusedReport extends QueuedReport {
  message: string;
}

export type Submitted = { queued: false; result: SafetyReportResult } | { queued: true };

const QUEUE = 'musubi.status-outbox';
const REFUSED = 'musubi.status-refused';
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;

// The signed-in user whose taps are sent (set by the signed-in frame; null while signed out).
let owner: number | null = null;
let flushing: Promise<void> | null = null;
let again = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryMs = RETRY_FIRST_MS;
const listeners = new Set<() => void>();
const sentListeners = new Set<(disasterId: number, result: SafetyReportResult) => void>();

function read<T>(key: string): T[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(list) ? (list as T[]) : [];
  } catch {
    return [];
  }
}

function write<T>(key: string, list: T[]): void {
  if (list.length > 0) localStorage.setItem(key, JSON.stringify(list));
  else localStorage.removeItem(key);
  listeners.forEach((l) => l());
}

const mine = <T extends QueuedReport>(list: T[], disasterId?: number) =>
  list.filter((e) => e.user_id === owner && (disasterId === undefined || e.disaster_id === disasterId));
const without = <T extends QueuedReport>(list: T[], clientKey: string) => list.filter((e) => e.body.client_key !== clientKey);

export const queuedReports = (disasterId?: number): QueuedReport[] => (owner === null ? [] : mine(read<QueuedReport>(QUEUE), disasterId));
export const refusedReports = (disasterId?: number): RefusedReport[] => (owner === null ? [] : mine(read<RefusedReport>(REFUSED), disasterId));

export function dismissRefused(clientKey: string): void {
  write(REFUSED, without(read<RefusedReport>(REFUSED), clientKey));
}

// Calls `listener` whenever what waits or was refused changes (in this tab or another).
export function watchOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

// Calls `listener` with the server's answer to each report the queue delivered.
export function onReportSent(listener: (disasterId: number, result: SafetyReportResult) => void): () => void {
  sentListeners.add(listener);
  return () => {
    sentListeners.delete(listener);
  };
}

// One tap: sent now when it can be, else queued. A tap made while earlier ones wait goes behind
// them, so that the server gets them in the order tapped. An HTTP error answer is thrown as
// usual (the server did answer: nothing to retry).
export async function submitStatus(disasterId: number, body: SafetyReportInput): Promise<Submitted> {
  // RFC 3339 in whole seconds: the server's parser refuses a fraction (".123Z").
  const tappedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const user = owner;
  if (user === null) return { queued: false, result: await sendStatus(disasterId, body) };
  const behind = read<QueuedReport>(QUEUE).some((e) => e.user_id === user);
  if (navigator.onLine && !behind) {
    try {
      return { queued: false, result: await sendStatus(disasterId, body) };
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 0)) throw e;
    }
  }
  try {
    write(QUEUE, [...read<QueuedReport>(QUEUE), { user_id: user, disaster_id: disasterId, body: { ...body, observed_at: body.observed_at ?? tappedAt } }]);
  } catch {
    throw new ApiError(0, 'not_stored', 'この端末に保存できなかったため、報告は送信されていません。接続が戻ってから、もう一度報告してください。');
  }
  if (behind && navigator.onLine) void flushOutbox();
  else retryLater();
  return { queued: true };
}

// Sends what waits, in order, until the queue is empty or the network fails again. Calls while
// it runs make it look once more when done.
export function flushOutbox(): Promise<void> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    do {
      again = false;
      await oneTabAtATime(sendWaiting);
    } while (again);
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

// Two tabs sending the same report would do no harm (a replay), but one at a time keeps the order.
function oneTabAtATime(work: () => Promise<void>): Promise<void> {
  if (!('locks' in navigator)) return work();
  return navigator.locks.request('musubi-status-outbox', work).then(() => undefined);
}

async function sendWaiting(): Promise<void> {
  for (;;) {
    if (owner === null) return;
    const next = mine(read<QueuedReport>(QUEUE))[0];
    if (!next) return;
    try {
      const result = await sendStatus(next.disaster_id, next.body);
      write(QUEUE, without(read<QueuedReport>(QUEUE), next.body.client_key));
      retryMs = RETRY_FIRST_MS;
      sentListeners.forEach((l) => l(next.disaster_id, result));
    } catch (e) {
      if (!(e instanceof ApiError) || !refusedForGood(e)) {
        // Kept: sent again on the next chance (an ended session: after the next sign-in).
        if (!(e instanceof ApiError && e.status === 401)) retryLater();
        return;
      }
      write(QUEUE, without(read<QueuedReport>(QUEUE), next.body.client_key));
      write(REFUSED, [...read<RefusedReport>(REFUSED), { ...next, message: e.message }]);
    }
  }
}

// The server looked at it and said no: sending it again would get the same answer. A lost
// session, a stale CSRF token, a timeout or a rate limit are not about the report.
function refusedForGood(e: ApiError): boolean {
  return e.status >= 400 && e.status < 500 && ![401, 408, 429].includes(e.status) && e.code !== 'csrf_failed';
}

// While the browser thinks it is online but the server cannot be reached, look again now and
// then (going online and the live connection opening also send at once).
function retryLater(): void {
  if (retryTimer !== undefined || owner === null) return;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    if (navigator.onLine) void flushOutbox();
  }, retryMs);
  retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
}

// The signed-in frame starts the queue for its user and stops it when it goes.
export function startOutbox(userId: number): () => void {
  owner = userId;
  const flush = () => void flushOutbox();
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key === QUEUE || e.key === REFUSED) listeners.forEach((l) => l());
  };
  window.addEventListener('online', flush);
  window.addEventListener('storage', onStorage);
  const unwatch = watchLiveStatus((s) => s === 'open' && flush());
  listeners.forEach((l) => l());
  flush();
  return () => {
    owner = null;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    window.removeEventListener('online', flush);
    window.removeEventListener('storage', onStorage);
    unwatch();
  };
}

// Logout: what this user still has waiting or refused leaves the device (the caller asked first).
export function forgetOutbox(): void {
  if (owner === null) return;
  const user = owner;
  write(QUEUE, read<QueuedReport>(QUEUE).filter((e) => e.user_id !== user));
  write(REFUSED, read<RefusedReport>(REFUSED).filter((e) => e.user_id !== user));
}
