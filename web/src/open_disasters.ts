// The disasters open now (災害対応中), for the banner, the menu and a person's board: read once
// per signed-in page, again when a notice arrives (opening one publishes a notice to everyone),
// when a disaster nobody here knows sends a message, after a reconnect, and slowly as a fallback.
// The slow reads are "background": they never keep a session from timing out.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import type { Disaster } from './api/types';
import { debounced, useLiveEvents, type LiveMessage } from './live';

const POLL_MS = 5 * 60_000;
let current: Disaster[] | null = null;
const listeners = new Set<(d: Disaster[] | null) => void>();

export async function refreshOpenDisasters(background = false): Promise<void> {
  try {
    const list = await (background ? api.disaster.listInBackground() : api.disaster.list());
    current = list.items.filter((d) => d.closed_at === null);
    listeners.forEach((l) => l(current));
  } catch {
    // the next notice or poll tries again; a lost session is handled by the API client
  }
}

const refreshSoon = debounced(() => void refreshOpenDisasters(true), 500);
const onMessage = (m: LiveMessage) => {
  const unknown = m.type === 'disaster' && !current?.some((d) => d.id === m.disaster_id);
  if (m.type === 'notice' || m.type === 'reconnected' || m.type === 'resync' || unknown) refreshSoon();
};

export function useOpenDisasters(): Disaster[] | null {
  const [open, setOpen] = useState(current);
  useLiveEvents(onMessage);
  useEffect(() => {
    listeners.add(setOpen);
    // (a read that ended between this component's first render and now was not told to it)
    setOpen(current);
    if (listeners.size === 1) void refreshOpenDisasters(true);
    const timer = setInterval(() => void refreshOpenDisasters(true), POLL_MS);
    return () => {
      listeners.delete(setOpen);
      clearInterval(timer);
      // Signed out (the frame is gone): the next user starts from nothing.
      if (listeners.size === 0) current = null;
    };
  }, []);
  return open;
}
