// One person as the city sees them during a disaster: who and where, the current status and
// who reported it when, the city's colour label (赤・青・黄) and, on request, every report.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import type { DisasterCodes, DisasterEntry, DisasterLabel, SafetyReport } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useAction } from '../../hooks';
import { LABEL_NAMES } from './codes';
import { EntryFacts } from './entry_facts';
import { ReportedLine, StatusBadge } from './status_parts';

interface Props {
  disasterId: number;
  entry: DisasterEntry;
  codes: DisasterCodes | null;
  closed: boolean;
  onChanged: (entry: DisasterEntry) => void;
  onClose: () => void;
}

const LABELS: DisasterLabel[] = ['red', 'blue', 'yellow', ''];

export function EntryPanel({ disasterId, entry: e, codes, closed, onChanged, onClose }: Props) {
  const action = useAction();
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.scrollIntoView({ block: 'nearest' }), [e.person_id]);
  const setLabel = (label: DisasterLabel) =>
    void action.run(async () => onChanged(await api.disaster.setLabel(disasterId, e.person_id, label)));
  return (
    <section ref={panel} class="card entry-panel" aria-labelledby="entry-title">
      <div class="entry-panel-head">
        <span class="kana">{e.name_kana}</span>
        <h2 id="entry-title">{e.name}</h2>
        <button type="button" class="link-button small" onClick={onClose}>
          閉じる
        </button>
      </div>
      <p class="entry-status">
        <StatusBadge status={e.status} /> <ReportedLine entry={e} />
      </p>
      {e.note && <p class="safety-note">{e.note}</p>}
      <EntryFacts entry={e} codes={codes} />
      <div class="label-buttons" role="group" aria-label="ラベル">
        <span class="label-buttons-title">ラベル</span>
        {LABELS.map((l) => (
          <button key={l || 'none'} type="button" class={`label-button label--${l || 'none'}`} aria-pressed={e.label === l} disabled={action.busy || closed} onClick={() => setLabel(l)}>
            {l ? LABEL_NAMES[l] : 'なし'}
          </button>
        ))}
      </div>
      <ErrorAlert error={action.error} />
      <ReportHistory key={e.person_id} disasterId={disasterId} personId={e.person_id} version={e.version} />
    </section>
  );
}

function ReportHistory({ disasterId, personId, version }: { disasterId: number; personId: number; version: number }) {
  const [open, setOpen] = useState(false);
  const [history, setHistory] = useState<SafetyReport[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    api.disaster
      .person(disasterId, personId)
      .then((v) => setHistory(v.history))
      .catch(setError);
  }, [open, version]);
  if (!open) {
    return (
      <button type="button" class="secondary small" onClick={() => setOpen(true)}>
        報告の履歴
      </button>
    );
  }
  return <ReportList history={history} error={error} />;
}

export function ReportList({ history, error, heading = true }: { history: SafetyReport[] | null; error?: unknown; heading?: boolean }) {
  if (error) return <ErrorAlert error={error} />;
  if (!history) return <Loading />;
  return (
    <section aria-label="報告の履歴">
      {heading && <h3 class="history-title">報告の履歴</h3>}
      {history.length === 0 && <p class="muted">まだ報告はありません。</p>}
      <ol class="report-history">
        {history.map((r) => (
          <li key={r.id}>
            <StatusBadge status={r.status} /> {formatDateTime(r.observed_at)} {r.reported_by_name}
            {r.reported_facility && `（${r.reported_facility}）`}
            {r.note && <div>{r.note}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
