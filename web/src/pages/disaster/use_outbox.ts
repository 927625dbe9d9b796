// A disaster page's view of the status outbox: the taps of this disaster still waiting for the
// network and those the server refused, kept current; `onSent` gets each report the queue
// delivered (the page shows it before its refetch comes).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SafetyReportResult } from '../../api/types';
import { onReportSent, queuedReports, refusedReports, watchOutbox, type QueuedReport, type RefusedReport } from '../../status_outbox';

export interface OutboxView {
  queued: QueuedReport[];
  refused: RefusedReport[];
}

export function useOutbox(disasterId: number, onSent: (result: SafetyReportResult) => void): OutboxView {
  const read = () => ({ queued: queuedReports(disasterId), refused: refusedReports(disasterId) });
  const [view, setView] = useState<OutboxView>(read);
  const sent = useRef(onSent);
  sent.current = onSent;
  useEffect(() => {
    setView(read());
    const unwatch = watchOutbox(() => setView(read()));
    const unsent = onReportSent((id, result) => id === disasterId && sent.current(result));
    return () => {
      unwatch();
      unsent();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [disasterId]);
  return view;
}

// One person's part of it, in the order tapped.
export function forPerson(view: OutboxView, personId: number): OutboxView {
  return { queued: view.queued.filter((q) => q.body.person_id === personId), refused: view.refused.filter((r) => r.body.person_id === personId) };
}
