// The account page's part for users who sign in with an authenticator app: how many recovery
// codes are left, and ten new ones (shown once) in exchange for a current code.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useAction, useLoad } from '../hooks';
import { Alert, ErrorAlert, Field, TextInput, fieldError } from './ui';

export function AuthenticatorApp() {
  const [status, loadError, reload] = useLoad(() => api.account.secondFactor(), []);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const { error, run } = useAction();
  if (!status?.enrolled) return null;
  const renew = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      setCodes((await api.account.renewRecoveryCodes(code.trim())).recovery_codes);
      setCode('');
      reload();
    });
  };
  return (
    <section class="card" aria-labelledby="authenticator">
      <h2 id="authenticator">認証アプリ</h2>
      <p>
        ワンタイムコードでログインしています。回復コードの残り: <strong>{status.recovery_codes_left}個</strong>
      </p>
      <ErrorAlert error={loadError ?? error} />
      {codes && (
        <Alert kind="success">
          <p>新しい回復コードです。以前のものは使えなくなりました。書き写して安全な場所に保管してください（この画面を離れると二度と表示されません）。</p>
          <ul class="recovery-codes" data-testid="new-recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <form class="device-form" onSubmit={renew} noValidate>
        <Field id="renew-code" label="アプリの6桁のコード" error={fieldError(error, 'one_time_code')} hint="回復コードを作り直すときに入力します">
          {(p) => <TextInput {...p} value={code} onValue={setCode} inputMode="numeric" autocomplete="one-time-code" />}
        </Field>
        <button type="submit" class="secondary" disabled={code.trim().length < 6}>
          回復コードを作り直す
        </button>
      </form>
      <p class="muted small">スマートフォンをなくしたときは、回復コードでログインし、管理者に認証アプリの設定の削除と招待の再送を依頼してください。</p>
    </section>
  );
}
