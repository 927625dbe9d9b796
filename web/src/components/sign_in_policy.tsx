// The rest of the region's sign-in policy (region settings): devices per user, certificate
// validity, which account kinds may use an authenticator app instead of a certificate; and the
// state of the region's outgoing mail, so that a failed invitation is seen.
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { DevicePolicy, MailItem, SessionPolicy } from '../api/types';
import { formatDateTime } from '../format';
import { useAction, useLoad } from '../hooks';
import { ErrorAlert, Field, TextInput, fieldError } from './ui';

// A settings form's submit: the error to show beside its fields, or the saved notice.
function useSave(work: () => Promise<unknown>, onSaved: () => void, saved: string) {
  const { error, message, run } = useAction();
  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await work();
      onSaved();
    }, saved);
  };
  return { error, message, save };
}

const TOTP_CANDIDATES: { code: string; label: string }[] = [
  { code: 'family', label: '家族' },
  { code: 'ems', label: '救急隊' },
  { code: 'professional', label: '専門職' },
];

export function DevicePolicyForm({ policy, onSaved }: { policy: DevicePolicy; onSaved: () => void }) {
  const [maxDevices, setMaxDevices] = useState(String(policy.max_devices_per_user));
  const [validity, setValidity] = useState(String(policy.device_validity_days));
  const [roles, setRoles] = useState<string[]>(policy.totp_roles);
  const { error, message, save } = useSave(
    () => api.region.setDevicePolicy({ max_devices_per_user: Number(maxDevices), device_validity_days: Number(validity), totp_roles: roles }),
    onSaved,
    '保存しました',
  );
  const toggle = (code: string, on: boolean) => setRoles((r) => (on ? [...r, code] : r.filter((x) => x !== code)));
  return (
    <form onSubmit={save} noValidate>
      <ErrorAlert error={error} />
      {message && <p class="muted small" role="status">{message}</p>}
      <div class="grid-2">
        <Field id="max-devices" label="1人あたりの端末の上限（台）" error={fieldError(error, 'max_devices_per_user')} hint="1〜20">
          {(p) => <TextInput {...p} type="number" inputMode="numeric" min={1} max={20} value={maxDevices} onValue={setMaxDevices} />}
        </Field>
        <Field id="validity-days" label="証明書の有効期間（日）" error={fieldError(error, 'device_validity_days')} hint="0 はサーバーの既定値（通常730日＝2年）。30〜3650">
          {(p) => <TextInput {...p} type="number" inputMode="numeric" min={0} max={3650} value={validity} onValue={setValidity} />}
        </Field>
      </div>
      <fieldset class={'roles' + (fieldError(error, 'totp_roles') ? ' field--error' : '')}>
        <legend>証明書の代わりに認証アプリ（ワンタイムコード）でログインできる人</legend>
        {TOTP_CANDIDATES.map((r) => (
          <label key={r.code} class="checkbox">
            <input type="checkbox" checked={roles.includes(r.code)} onChange={(e) => toggle(r.code, (e.currentTarget as HTMLInputElement).checked)} />
            {r.label}
          </label>
        ))}
        {fieldError(error, 'totp_roles') && <p class="field-error">{fieldError(error, 'totp_roles')}</p>}
        <p class="muted small">自分のスマートフォンしか持たないご家族などに。管理者は対象にできません。</p>
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary">
          保存
        </button>
      </div>
    </form>
  );
}

const STATUS: Record<MailItem['status'], string> = { queued: '送信待ち', sent: '送信済み', failed: '送信失敗' };
const STATUS_BADGE: Record<MailItem['status'], string> = { queued: 'badge--muted', sent: '', failed: 'badge--unread' };

export function MailLog() {
  const [mail, error] = useLoad(() => api.region.mail().then((r) => r.items), []);
  if (error) return <ErrorAlert error={error} />;
  if (!mail) return null;
  if (mail.length === 0) return <p class="muted small">まだメールは送っていません。</p>;
  // A list rather than a table: it stays readable on a phone.
  return (
    <ul class="plain-list mail-log">
      {mail.map((m) => (
        <li key={m.id}>
          <div>
            <span class={'badge ' + STATUS_BADGE[m.status]}>{STATUS[m.status]}</span> {m.subject}
          </div>
          <div class="muted small">
            {m.recipient}・{formatDateTime(m.created_at)}
            {m.status !== 'sent' && m.attempts > 0 && `・${m.attempts}回試行`}
          </div>
          {m.last_error && <div class="small text-danger">{m.last_error}</div>}
        </li>
      ))}
    </ul>
  );
}

// Session timeouts for the region (0: the server's). Sessions opened after saving use them.
export function SessionPolicyForm({ policy, onSaved }: { policy: SessionPolicy; onSaved: () => void }) {
  const [idle, setIdle] = useState(String(policy.session_idle_timeout_seconds / 60));
  const [absolute, setAbsolute] = useState(String(policy.session_absolute_timeout_seconds / 3600));
  const [emsIdle, setEmsIdle] = useState(String(policy.ems_idle_timeout_seconds / 60));
  const { error, message, save } = useSave(
    () => api.region.setSessionPolicy({ idle_timeout_minutes: Number(idle), absolute_timeout_hours: Number(absolute), ems_idle_timeout_minutes: Number(emsIdle) }),
    onSaved,
    '保存しました（次のログインから使われます）',
  );
  return (
    <form onSubmit={save} noValidate>
      <ErrorAlert error={error} />
      {message && <p class="muted small" role="status">{message}</p>}
      <div class="grid-2">
        <Field id="idle-minutes" label="操作がないときの自動ログアウト（分）" error={fieldError(error, 'idle_timeout_minutes')} hint="0 はサーバーの既定値（通常30分）。5〜120">
          {(p) => <TextInput {...p} type="number" inputMode="numeric" min={0} max={120} value={idle} onValue={setIdle} />}
        </Field>
        <Field id="absolute-hours" label="ログインの有効時間（時間）" error={fieldError(error, 'absolute_timeout_hours')} hint="0 はサーバーの既定値（通常12時間）。1〜24">
          {(p) => <TextInput {...p} type="number" inputMode="numeric" min={0} max={24} value={absolute} onValue={setAbsolute} />}
        </Field>
        <Field id="ems-idle-minutes" label="救急隊（救急情報連携）の自動ログアウト（分）" error={fieldError(error, 'ems_idle_timeout_minutes')} hint="指令台の共用端末や救急車の端末のため短めに。1〜60（既定10）">
          {(p) => <TextInput {...p} type="number" inputMode="numeric" min={1} max={60} value={emsIdle} onValue={setEmsIdle} />}
        </Field>
      </div>
      <div class="form-actions">
        <button type="submit" class="primary">
          保存
        </button>
      </div>
    </form>
  );
}
