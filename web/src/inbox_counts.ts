// The 「あなた宛て」 badge: how many items need me, shown in the menu and the tab title. Polled
// while a page is open (live updates replace the polling later) and refreshed after any action.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api/client';
import type { InboxCounts } from './api/types';

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
    publish(await api.get<InboxCounts>('/api/v1/inbox/counts'));
  } catch {
    // the next poll tries again; a lost session is handled by the API client
  }
}

export function resetInboxCounts(): void {
  publish(null);
}

// Counts for the caller; the first user starts the polling, the last one stops it.
export function useInboxCounts(): InboxCounts | null {
  const [counts, setCounts] = useState(current);
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
