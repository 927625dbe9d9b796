// The 「あなた宛て」 badge: how many items need me, shown in the menu and the tab title. Refreshed
// on every live event and after any action, and polled slowly as a fallback. These reads are
// "background": they never keep a session from timing out.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import type { InboxCounts } from './api/types';
import { debounced, useLiveEvents, type LiveMessage } from './live';

const POLL_MS = 60_000;
const BASE_TITLE = '結び';
let current: InboxCounts | null = null;
const listeners = new Set<(c: InboxCounts | null) => void>();

function publish(counts: InboxCounts | null) {
  current = counts;
  document.title = counts && counts.needs_me > 0 ? `(${counts.needs_me}) ${BASE_TITLE}` : BASE_TITLE;
  listeners.forEach((l) => l(counts));
}

export async function refreshInboxCounts(): Promise<void> {
  try {
    publish(await api.inbox.counts());
  } catch {
    // the next poll tries again; a lost session is handled by the API client
  }
}

export function resetInboxCounts(): void {
  publish(null);
}

// Counts for the caller; the first user starts the polling, the last one stops it.
// After an event, once soon and once a little later: notifications are written by the server's
// notifier just after the change that the event announces.
const refreshSoon = debounced(() => void refreshInboxCounts(), 300);
const refreshLater = debounced(() => void refreshInboxCounts(), 2000);
const refreshAfterEvent = (m: LiveMessage) => {
  // A safety status changes no inbox (a disaster's opening does, with its notice).
  if (m.type === 'disaster') return;
  refreshSoon();
  refreshLater();
};

export function useInboxCounts(): InboxCounts | null {
  const [counts, setCounts] = useState(current);
  useLiveEvents(refreshAfterEvent);
  useEffect(() => {
    listeners.add(setCounts);
    if (listeners.size === 1) void refreshInboxCounts();
    const timer = setInterval(() => void refreshInboxCounts(), POLL_MS);
    return () => {
      listeners.delete(setCounts);
      clearInterval(timer);
    };
  }, []);
  return counts;
}
