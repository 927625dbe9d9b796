// On a person's board during a disaster: the band with their current safety status, the four
// one-tap buttons (the same sending as the team member's list) and every report so far. Shown
// only while a disaster is open and the person is in its register and areas (404 otherwise).
// A tap made offline waits in the outbox like one from the list, shown 未送信.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { ApiError } from '../../api/client';
import { safetyReport } from '../../api/disaster';
import type { Disaster, DisasterPersonView, SafetyReport, SafetyStatus } from '../../api/types';
import { ErrorAlert } from '../../components/ui';
import { useAction } from '../../hooks';
import { useOpenDisasters } from '../../open_disasters';
import { Link } from '../../router';
import { submitStatus } from '../../status_outbox';
import { DrillBadge } from './disaster_heading';
import { ReportList } from './entry_panel';
import { PendingLine, RefusedReports, shownStatus } from './pending_parts';
import { ReportedLine, StatusBadge, StatusButtons } from './status_parts';
import { useDisasterLive, withReport } from './use_disaster_live';
import { forPerson, useOutbox } from './use_outbox';
import './disaster.css';

export function DisasterBands({ personId }: { personId: number }) {
  const open = useOpenDisasters();
  return <>{open?.map((d) => <DisasterBand key={d.id} disaster={d} personId={personId} />)}</>;
}

// A board page is not the place to follow the whole city: its refetch waits longer than the lists'.
const BAND_REFETCH_MS = 2000;

function DisasterBand({ disaster, personId }: { disaster: Disaster; personId: number }) {
  const [view, setView] = useState<DisasterPersonView | null>(null);
  const [absent, setAbsent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const action = useAction();
  const refetch = async () => {
    try {
      setView(await api.disaster.person(disaster.id, personId));
      setAbsent(false);
      setError(null);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) setAbsent(true);
      else setError(e);
    }
  };
  useEffect(() => void refetch(), [disaster.id, personId]);
  useDisasterLive(disaster.id, refetch, BAND_REFETCH_MS);
  const shows = (report: SafetyReport) =>
    setView((v) => v && { entry: withReport(v.entry, report), history: [report, ...v.history.filter((h) => h.id !== report.id)] });
  const outbox = forPerson(
    useOutbox(disaster.id, (r) => r.report.person_id === personId && shows(r.report)),
    personId,
  );
  if (absent || (!view && !error)) return null;

  const send = (status: SafetyStatus, note: string) =>
    action.run(async () => {
      const r = await submitStatus(disaster.id, safetyReport(personId, status, note));
      if (!r.queued) shows(r.result.report);
    });
  const entry = view && shownStatus(view.entry, outbox.queued);
  const titleId = `disaster-band-${disaster.id}`;
  return (
    <section class="disaster-band" aria-labelledby={titleId}>
      <h2 id={titleId}>
        災害対応中: {disaster.name} <DrillBadge drill={disaster.drill} />
      </h2>
      <ErrorAlert error={error} />
      {view && entry && (
        <>
          <p class="entry-status">
            <StatusBadge status={entry.status} /> {outbox.queued.length > 0 ? <PendingLine queued={outbox.queued} /> : <ReportedLine entry={entry} />}
          </p>
          {entry.note && <p class="safety-note">{entry.note}</p>}
          <StatusButtons id={titleId} current={entry.status} currentNote={entry.note} disabled={action.busy} onSend={send} />
          <ErrorAlert error={action.error} />
          <RefusedReports refused={outbox.refused} />
          <details class="band-history">
            <summary>報告の履歴（{view.history.length}件）</summary>
            <ReportList history={view.history} heading={false} />
          </details>
          <p class="small">
            <Link href={`/disaster/${disaster.id}/mine`}>担当する方の安否確認の一覧へ</Link>
          </p>
        </>
      )}
    </section>
  );
}
