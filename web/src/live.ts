// Live updates: one WebSocket per signed-in page. Events say what changed on which board; pages
// reload what they show. After a drop the client reconnects with the last event it saw and the
// server sends what was missed, in order and once. Nothing is kept beyond the page (no storage).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';

export interface LiveEvent {
  type: 'event';
  seq: number;
  kind: string;
  board_id: number;
  post_id: number | null;
  parent_id: number | null;
  actor_id: number;
}

// A region notice (お知らせ) addressed to this user was published.
export interface NoticeMessage {
  type: 'notice';
  notice_id: number;
}

// A safety status or a label changed in a disaster (the message names no person): pages showing
// it refetch what they may see.
export interface DisasterMessage {
  type: 'disaster';
  disaster_id: number;
  version: number;
}

// 'resync': too much was missed; everything shown should be reloaded. 'reconnected': the
// connection came back after a drop; messages outside the board's sequence (disaster) may have
// been missed, so pages showing them refetch.
export type LiveMessage = LiveEvent | NoticeMessage | DisasterMessage | { type: 'resync' } | { type: 'reconnected' };
export type LiveStatus = 'connecting' | 'open' | 'down';

let socket: WebSocket | null = null;
let lastSeq: number | null = null;
let status: LiveStatus = 'connecting';
let running = false;
let retryMs = 1000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let connectedBefore = false;
const listeners = new Set<(m: LiveMessage) => void>();
const statusListeners = new Set<(s: LiveStatus) => void>();
let onSessionEnded: () => void = () => {};

function setStatus(s: LiveStatus) {
  status = s;
  statusListeners.forEach((l) => l(s));
}

function connect() {
  const ws = new WebSocket(api.live.socketUrl(lastSeq));
  socket = ws;
  ws.onmessage = (m) => {
    const data = JSON.parse(String(m.data)) as { type: string; seq: number };
    if (data.type === 'hello') {
      retryMs = 1000;
      setStatus('open');
      if (connectedBefore) listeners.forEach((l) => l({ type: 'reconnected' }));
      connectedBefore = true;
    } else if (data.type === 'event') {
      listeners.forEach((l) => l(data as LiveEvent));
    } else if (data.type === 'resync') {
      setStatus('open');
      listeners.forEach((l) => l({ type: 'resync' }));
    } else if (data.type === 'notice' || data.type === 'disaster') {
      // Outside the board's sequence: no seq to remember.
      listeners.forEach((l) => l(data as unknown as NoticeMessage | DisasterMessage));
      return;
    } else if (data.type === 'session_ended') {
      stopLive();
      onSessionEnded();
      return;
    }
    lastSeq = data.seq;
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    socket = null;
    if (!running) return;
    setStatus('down');
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  };
}

export function startLive(sessionEnded: () => void): void {
  onSessionEnded = sessionEnded;
  if (running) return;
  running = true;
  setStatus('connecting');
  connect();
}

export function stopLive(): void {
  running = false;
  clearTimeout(retryTimer);
  lastSeq = null;
  connectedBefore = false;
  const ws = socket;
  socket = null;
  ws?.close();
}

// Calls the latest `handler` for every event while the component is shown.
export function useLiveEvents(handler: (m: LiveMessage) => void): void {
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => {
    const listener = (m: LiveMessage) => current.current(m);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
}

export function useLiveStatus(): LiveStatus {
  const [s, setS] = useState(status);
  useEffect(() => {
    setS(status);
    return watchLiveStatus(setS);
  }, []);
  return s;
}

// The same outside a component (the status outbox sends what waits whenever the server answers
// again); returns the call that stops watching.
export function watchLiveStatus(listener: (s: LiveStatus) => void): () => void {
  statusListeners.add(listener);
  return () => {
    statusListeners.delete(listener);
  };
}

// Runs `work` once events stop arriving for `ms` (a burst of posts reloads a page once).
export function debounced(work: () => void, ms = 250): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(work, ms);
  };
}

// Runs `work` at most once every `ms`, the last call always included: the first call runs at once,
// calls during the wait or while `work` runs make one more run when both are over (a burst of
// 100 status changes a second refetches twice a second, and the last change is fetched).
export function throttled(work: () => Promise<unknown> | void, ms = 500): () => void {
  let lastRun = -Infinity;
  let running = false;
  let wanted = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    timer = undefined;
    wanted = false;
    running = true;
    lastRun = Date.now();
    try {
      await work();
    } catch {
      // the caller shows its own errors; the next call tries again
    } finally {
      running = false;
      if (wanted) schedule();
    }
  };
  const schedule = () => {
    wanted = true;
    if (running || timer !== undefined) return;
    timer = setTimeout(() => void run(), Math.max(0, lastRun + ms - Date.now()));
  };
  return schedule;
}
