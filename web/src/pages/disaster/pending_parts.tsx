// How a tap that has not reached the server shows on a card: 未送信 with the chosen status, and
// a report the server refused with its message, until dismissed.
import { Alert } from '../../components/ui';
import { formatDateTime, formatMonthDayTime } from '../../format';
import { dismissRefused, type QueuedReport, type RefusedReport } from '../../status_outbox';
import { statusLook } from './codes';

// The status and note a person's card shows: the last tap still waiting, else the server's.
export function shownStatus<E extends { status: QueuedReport['body']['status']; note: string }>(entry: E, queued: QueuedReport[]): E {
  const last = queued[queued.length - 1];
  return last ? { ...entry, status: last.body.status, note: last.body.note ?? '' } : entry;
}

export function PendingLine({ queued }: { queued: QueuedReport[] }) {
  const last = queued[queued.length - 1];
  if (!last) return null;
  return (
    <span class="pending-line">
      <strong>未送信（接続が戻ると送信します）</strong>
      <span class="muted small">
        {formatMonthDayTime(last.body.observed_at)}に入力{queued.length > 1 && `・${queued.length}件`}
      </span>
    </span>
  );
}

export function RefusedReports({ refused }: { refused: RefusedReport[] }) {
  return (
    <>
      {refused.map((r) => (
        <Alert key={r.body.client_key}>
          <p>
            {formatDateTime(r.body.observed_at)}に入力した「{statusLook(r.body.status).label}」は送信できませんでした: {r.message}
          </p>
          <button type="button" class="secondary small" onClick={() => dismissRefused(r.body.client_key)}>
            確認した
          </button>
        </Alert>
      ))}
    </>
  );
}
