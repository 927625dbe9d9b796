// 安否確認 for a team member: every 要援護者 of the disaster's areas on my care teams, one card
// each, highest priority first; one tap sets a status. The list follows others' reports live.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { safetyReport, sendStatus } from '../../api/disaster';
import type { DisasterCodes, DisasterEntry, SafetyStatus } from '../../api/types';
import { Alert, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';
import { statusLook, useDisasterCodes } from './codes';
import { DisasterLine } from './disaster_heading';
import { EntryFacts } from './entry_facts';
import { ReportedLine, StatusBadge, StatusButtons } from './status_parts';
import { useDisasterLive, withReport } from './use_disaster_live';
import './disaster.css';

export function DisasterMinePage({ id }: { id: string }) {
  const codes = useDisasterCodes();
  const [disaster, disasterError] = useLoad(() => api.disaster.get(id), [id]);
  const [items, setItems] = useState<DisasterEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [onlyUnchecked, setOnlyUnchecked] = useState(false);
  const [sent, setSent] = useState('');
  const refetch = async () => {
    try {
      setItems((await api.disaster.mine(id)).items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void refetch(), [id]);
  useDisasterLive(Number(id), refetch);

  if (disasterError) return <ErrorAlert error={disasterError} />;
  if (!disaster) return <Loading />;
  const closed = disaster.closed_at !== null;
  const unchecked = items?.filter((e) => e.status === 'unchecked').length ?? 0;
  const shown = items?.filter((e) => !onlyUnchecked || e.status === 'unchecked') ?? [];
  const replace = (entry: DisasterEntry) => setItems((list) => list?.map((e) => (e.person_id === entry.person_id ? entry : e)) ?? null);
  return (
    <>
      <PageHeader title="安否確認" />
      <DisasterLine disaster={disaster} />
      {closed && <Alert kind="info">この災害対応は終了しました。報告の記録は見られますが、状況は変えられません。</Alert>}
      <ErrorAlert error={error} />
      {items === null && !error && <Loading />}
      {items && (
        <div class="mine-toolbar">
          <p class="mine-count" role="status">
            未確認 <strong>{unchecked}</strong>人 / 担当 {items.length}人
          </p>
          <label class="checkbox">
            <input type="checkbox" checked={onlyUnchecked} onChange={(e) => setOnlyUnchecked(e.currentTarget.checked)} />
            未確認だけ表示
          </label>
        </div>
      )}
      <p class="visually-hidden" role="status">
        {sent}
      </p>
      {items && items.length === 0 && <p class="empty">この災害対応の対象地区に、あなたがチームで担当する要援護者はいません。</p>}
      {items && items.length > 0 && shown.length === 0 && <p class="empty">未確認の方はいません。</p>}
      <ul class="safety-cards" aria-label="担当する要援護者">
        {shown.map((e) => (
          <SafetyCard key={e.person_id} disasterId={disaster.id} entry={e} codes={codes} closed={closed} onSent={replace} onMessage={setSent} />
        ))}
      </ul>
    </>
  );
}

interface CardProps {
  disasterId: number;
  entry: DisasterEntry;
  codes: DisasterCodes | null;
  closed: boolean;
  onSent: (entry: DisasterEntry) => void;
  onMessage: (message: string) => void;
}

function SafetyCard({ disasterId, entry: e, codes, closed, onSent, onMessage }: CardProps) {
  const action = useAction();
  const send = (status: SafetyStatus, note: string) =>
    action.run(async () => {
      const r = await sendStatus(disasterId, safetyReport(e.person_id, status, note));
      onSent(withReport(e, r.report));
      onMessage(`${e.name}さんを「${statusLook(status).label}」と報告しました`);
    });
  const titleId = `safety-${e.person_id}`;
  return (
    <li class={`safety-card card status-edge--${e.status}`} aria-labelledby={titleId}>
      <div class="safety-card-head">
        <span class="kana">{e.name_kana}</span>
        <h2 id={titleId}>{e.name}</h2>
        <StatusBadge status={e.status} />
      </div>
      <p class="safety-reported">
        <ReportedLine entry={e} />
      </p>
      {e.note && <p class="safety-note">{e.note}</p>}
      <EntryFacts entry={e} codes={codes} />
      <StatusButtons id={titleId} current={e.status} currentNote={e.note} disabled={closed || action.busy} onSend={send} />
      <ErrorAlert error={action.error} />
    </li>
  );
}
