// After the call: the crew shares what it did (活動内容を共有する) — when, 搬送 / 不搬送 / 現場処置,
// the hospital chosen from the region's or typed, a short note. It goes to the person's care team
// as an important post and into the 活動履歴 shown below the emergency view.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { EmsTransport } from '../../api/types';
import { Alert, ErrorAlert, Field, fieldError, TextInput } from '../../components/ui';
import { formatDateTime, jstInputValue } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { loadReason } from './lookup_reason';


export function TransportHistory({ transports }: { transports: EmsTransport[] }) {
  return (
    <section aria-label="活動履歴">
      <h2>活動履歴</h2>
      {transports.length === 0 && <p>記録なし</p>}
      <ul class="ems-history">
        {transports.map((t) => (
          <li key={t.id}>
            <strong>{t.outcome_label}</strong> {formatDateTime(t.occurred_at)}
            {t.hospital_name && <> → {t.hospital_name}</>}
            <br />
            <span class="ems-date">
              {t.fire_facility}
              {t.incident && `　事案番号 ${t.incident}`}
            </span>
            {t.note && <p>{t.note}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TransportForm({ personId, onReported }: { personId: number; onReported: (t: EmsTransport) => void }) {
  const [reasons] = useLoad(() => api.ems.reasons(), []);
  const [hospitals] = useLoad(() => api.ems.hospitals(), []);
  const [open, setOpen] = useState(false);
  const [occurredAt, setOccurredAt] = useState(() => jstInputValue(new Date().toISOString()));
  const [outcome, setOutcome] = useState('transported');
  const [hospitalId, setHospitalId] = useState('');
  const [hospitalName, setHospitalName] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  if (!open) {
    return (
      <>
        {action.message && <Alert kind="success">{action.message}</Alert>}
        <button type="button" class="primary wide" onClick={() => setOpen(true)}>
          活動内容を共有する
        </button>
      </>
    );
  }
  const submit = (e: Event) => {
    e.preventDefault();
    let reported: EmsTransport | null = null;
    void action
      .run(
        async () =>
          (reported = await api.ems.reportTransport(
            personId,
            {
              occurred_at: occurredAt,
              outcome,
              hospital_id: hospitalId ? Number(hospitalId) : undefined,
              hospital_name: hospitalId ? undefined : hospitalName,
              note,
            },
            loadReason(),
          )),
        (t) => (t.post_id ? 'ケアチームに共有しました' : '活動履歴に記録しました（ケアチームはまだありません）'),
      )
      .then((ok) => {
        if (!ok || !reported) return;
        setOpen(false);
        onReported(reported);
      });
  };
  return (
    <form class="ems-transport" onSubmit={submit} aria-label="活動内容を共有する">
      <h2>活動内容を共有する</h2>
      <Field id="ems-occurred" label="日時" required error={fieldError(action.error, 'occurred_at')}>
        {(p) => <input {...p} type="datetime-local" value={occurredAt} onInput={(e) => setOccurredAt(e.currentTarget.value)} />}
      </Field>
      <fieldset class="ems-outcomes">
        <legend>活動の内容</legend>
        {(reasons?.outcomes ?? []).map((o) => (
          <label key={o.code}>
            <input type="radio" name="outcome" value={o.code} checked={outcome === o.code} onChange={() => setOutcome(o.code)} />
            {o.label}
          </label>
        ))}
      </fieldset>
      {fieldError(action.error, 'outcome') && <p class="field-error">{fieldError(action.error, 'outcome')}</p>}
      {outcome === 'transported' && (
        <>
          <Field id="ems-hospital" label="搬送先" error={fieldError(action.error, 'hospital_id')}>
            {(p) => (
              <select {...p} value={hospitalId} onChange={(e) => setHospitalId(e.currentTarget.value)}>
                <option value="">一覧にない病院（下に入力）</option>
                {(hospitals?.items ?? []).map((h) => (
                  <option key={h.id} value={String(h.id)}>
                    {h.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {!hospitalId && (
            <Field id="ems-hospital-name" label="病院名" error={fieldError(action.error, 'hospital_name')}>
              {(p) => <TextInput {...p} value={hospitalName} onValue={setHospitalName} />}
            </Field>
          )}
        </>
      )}
      <Field id="ems-note" label="メモ（ケアチームへの申し送り）" error={fieldError(action.error, 'note')}>
        {(p) => <textarea {...p} rows={3} maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
      </Field>
      <ErrorAlert error={action.error} />
      <button type="submit" class="primary wide" disabled={action.busy}>
        共有する
      </button>
      <button type="button" class="wide" onClick={() => setOpen(false)}>
        やめる
      </button>
    </form>
  );
}
