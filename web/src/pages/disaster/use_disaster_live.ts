// A disaster page stays current: on the live message of its disaster (a status or a label
// changed somewhere), after a reconnect or a resync, and when the browser is back online (what
// it shows may be the offline copy), `refetch` runs — at most once every `ms`, the last change
// always fetched.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DisasterEntry, SafetyReport } from '../../api/types';
import { throttled, useLiveEvents } from '../../live';

export function useDisasterLive(disasterId: number, refetch: () => Promise<unknown>, ms = 500): () => void {
  const current = useRef(refetch);
  current.current = refetch;
  const [soon] = useState(() => throttled(() => current.current(), ms));
  useLiveEvents((m) => {
    if ((m.type === 'disaster' && m.disaster_id === disasterId) || m.type === 'reconnected' || m.type === 'resync') soon();
  });
  useEffect(() => {
    window.addEventListener('online', soon);
    return () => window.removeEventListener('online', soon);
  }, [soon]);
  return soon;
}

// An entry as a report just sent leaves it, until the refetch brings the server's: a report
// observed before the current one does not replace it (the server keeps the later one too).
export function withReport(entry: DisasterEntry, r: SafetyReport): DisasterEntry {
  if (entry.observed_at && Date.parse(r.observed_at) < Date.parse(entry.observed_at)) return entry;
  return { ...entry, status: r.status, note: r.note, observed_at: r.observed_at, reported_by_name: r.reported_by_name, reported_facility: r.reported_facility };
}
