// 安否確認 for a team member: every 要援護者 of the disaster's areas on my care teams, one card
// each, highest priority first; one tap sets a status. The list follows others' reports live.
// On a poor network: a tap made offline waits in the outbox (shown 未送信) and is sent when the
// network is back; the list reloaded offline is the phone's last copy (「オフライン表示」).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { safetyReport } from '../../api/disaster';
import { cachedAt, keepDisasterPagesOffline } from '../../api/offline';
import type { DisasterCodes, DisasterEntry, DisasterMine, SafetyReportResult, SafetyStatus } from '../../api/types';
import { Alert, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';
import { submitStatus } from '../../status_outbox';
import { statusLook, useDisasterCodes } from './codes';
import { DisasterLine } from './disaster_heading';
import { EntryFacts } from './entry_facts';
import { OfflineNote } from './offline_note';
import { PendingLine, RefusedReports, shownStatus } from './pending_parts';
import { ReportedLine, StatusBadge, StatusButtons } from './status_parts';
import { useDisasterLive, withReport } from './use_disaster_live';
import { forPerson, useOutbox, type OutboxView } from './use_outbox';
import './disaster.css';

export function DisasterMinePage({ id }: { id: string }) {
  const codes = useDisasterCodes();
  const [disaster, disasterError, reloadDisaster] = useLoad(() => api.disaster.get(id), [id]);
  const [answer, setAnswer] = useState<DisasterMine | null>(null);
  const [items, setItems] = useState<DisasterEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [onlyUnchecked, setOnlyUnchecked] = useState(false);
  const [sent, setSent] = useState('');
  const refetch = async () => {
    // (the heading too, when it was the offline copy)
    if (disasterError || cachedAt(disaster)) reloadDisaster();
    try {
      const mine = await api.disaster.mine(id);
      setAnswer(mine);
      setItems(mine.items);
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void refetch(), [id]);
  useEffect(() => keepDisasterPagesOffline(), []);
  const soon = useDisasterLive(Number(id), refetch);
  const replace = (entry: DisasterEntry) => setItems((list) => list?.map((e) => (e.person_id === entry.person_id ? entry : e)) ?? null);
  const delivered = (r: SafetyReportResult) => {
    setItems((list) => list?.map((e) => (e.person_id === r.report.person_id ? withReport(e, r.report) : e)) ?? null);
    soon();
  };
  const outbox = useOutbox(Number(id), delivered);

  if (disasterError && !disaster) return <ErrorAlert error={disasterError} />;
  if (!disaster) return <Loading />;
  const closed = disaster.closed_at !== null;
  const status = (e: DisasterEntry) => shownStatus(e, forPerson(outbox, e.person_id).queued).status;
  const unchecked = items?.filter((e) => status(e) === 'unchecked').length ?? 0;
  const shown = items?.filter((e) => !onlyUnchecked || status(e) === 'unchecked') ?? [];
  const known = new Set(items?.map((e) => e.person_id));
  return (
    <>
      <PageHeader title="安否確認" />
      <DisasterLine disaster={disaster} />
      <OfflineNote answers={[disaster, answer]} />
      {closed && <Alert kind="info">この災害対応は終了しました。報告の記録は見られますが、状況は変えられません。</Alert>}
      <ErrorAlert error={error} />
      {/* refused reports of persons no longer on the list still need to be seen */}
      {items && <RefusedReports refused={outbox.refused.filter((r) => !known.has(r.body.person_id))} />}
      {items === null && !error && <Loading />}
      {items && (
        <div class="mine-toolbar">
          <p class="mine-count" role="status">
            未確認 <strong>{unchecked}</strong>人 / 担当 {items.length}人
            {outbox.queued.length > 0 && <span class="pending-count">未送信 {outbox.queued.length}件</span>}
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
          <SafetyCard
            key={e.person_id}
            disasterId={disaster.id}
            entry={e}
            outbox={forPerson(outbox, e.person_id)}
            codes={codes}
            closed={closed}
            onSent={replace}
            onMessage={setSent}
          />
        ))}
      </ul>
    </>
  );
}

interface CardProps {
  disasterId: number;
  entry: DisasterEntry;
  outbox: OutboxView;
  codes: DisasterCodes | null;
  closed: boolean;
  onSent: (entry: DisasterEntry) => void;
  onMessage: (message: string) => void;
}

function SafetyCard({ disasterId, entry, outbox, codes, closed, onSent, onMessage }: CardProps) {
  const action = useAction();
  const e = shownStatus(entry, outbox.queued);
  const send = (status: SafetyStatus, note: string) =>
    action.run(async () => {
      const label = statusLook(status).label;
      const r = await submitStatus(disasterId, safetyReport(entry.person_id, status, note));
      if (r.queued) {
        onMessage(`${entry.name}さんの「${label}」は未送信です。接続が戻ると送信します`);
        return;
      }
      onSent(withReport(entry, r.result.report));
      onMessage(`${entry.name}さんを「${label}」と報告しました`);
    });
  const titleId = `safety-${e.person_id}`;
  const pending = outbox.queued.length > 0;
  return (
    <li class={`safety-card card status-edge--${e.status}` + (pending ? ' safety-card--pending' : '')} aria-labelledby={titleId}>
      <div class="safety-card-head">
        <span class="kana">{e.name_kana}</span>
        <h2 id={titleId}>{e.name}</h2>
        <StatusBadge status={e.status} />
      </div>
      <p class="safety-reported">{pending ? <PendingLine queued={outbox.queued} /> : <ReportedLine entry={e} />}</p>
      {e.note && <p class="safety-note">{e.note}</p>}
      <EntryFacts entry={e} codes={codes} />
      <StatusButtons id={titleId} current={e.status} currentNote={e.note} disabled={closed || action.busy} onSend={send} />
      <ErrorAlert error={action.error} />
      <RefusedReports refused={outbox.refused} />
    </li>
  );
}
