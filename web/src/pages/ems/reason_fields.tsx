// The reason and the incident number every lookup carries (the server audits each lookup with
// them), above the search and before a card's QR code opens a person.
import type { LookupReason } from '../../api/ems';
import { Field, fieldError, TextInput } from '../../components/ui';
import { useLoad } from '../../hooks';
import { api } from '../../api';

export function ReasonFields({ why, setWhy, error }: { why: LookupReason; setWhy: (w: LookupReason) => void; error: unknown }) {
  const [reasons] = useLoad(() => api.ems.reasons(), []);
  return (
    <div class="ems-reason">
      <Field id="ems-reason" label="照会の理由" required error={fieldError(error, 'reason')}>
        {(p) => (
          <select {...p} value={why.reason} onChange={(e) => setWhy({ ...why, reason: e.currentTarget.value })}>
            {(reasons?.items ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="ems-incident" label="事案番号" required={why.reason !== 'training'} error={fieldError(error, 'incident')}>
        {(p) => <TextInput {...p} value={why.incident} onValue={(v) => setWhy({ ...why, incident: v })} />}
      </Field>
    </div>
  );
}
