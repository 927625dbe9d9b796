import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Device } from '../api/types';
import { AuthenticatorApp } from '../components/authenticator_app';
import { DeviceList } from '../components/devices';
import { Alert, ErrorAlert, Field, PageHeader, TextInput, fieldError } from '../components/ui';
import { formatDateTime } from '../format';
import { useAction, useLoad } from '../hooks';
import { useSession } from '../session';

export function AccountPage() {
  const { session, refresh, logout } = useSession();
  const [current, setCurrent] = useState('');
  const [replacement, setReplacement] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const { error, run } = useAction();
  const [done, setDone] = useState(false);
  const [sessions, sessionsError] = useLoad(() => api.account.sessions().then((r) => r.items), []);
  const [devices, devicesError, reloadDevices] = useLoad(() => api.account.devices().then((r) => r.devices), []);
  const revoking = useAction();
  const revoke = async (d: Device) => {
    if (!confirm(`「${d.name}」の証明書を失効します。その端末からはログインできなくなり、ログイン中なら終了します。紛失・譲渡・退職のときに使います。よろしいですか？`)) return;
    await revoking.run(async () => {
      await api.devices.revoke(d.id);
      reloadDevices();
    });
  };
  const mismatch = confirmation !== '' && confirmation !== replacement;

  const submit = (e: Event) => {
    e.preventDefault();
    if (mismatch) return;
    setDone(false);
    void run(async () => {
      await api.account.changePassword({ current_password: current, new_password: replacement });
      setCurrent('');
      setReplacement('');
      setConfirmation('');
      setDone(true);
      await refresh();
    });
  };
  const everywhere = async () => {
    if (!confirm('この端末を含め、すべての端末からログアウトします。よろしいですか？')) return;
    await api.session.logoutEverywhere();
    await logout();
  };

  return (
    <>
      <PageHeader title="アカウント" />
      {session.must_change_password && (
        <Alert kind="info">仮パスワードでログインしています。続けるには新しいパスワードを設定してください。</Alert>
      )}
      <section class="card" aria-labelledby="pw">
        <h2 id="pw">パスワードの変更</h2>
        {done && <Alert kind="success">パスワードを変更しました。ほかの端末はログアウトされました。</Alert>}
        <ErrorAlert error={error} />
        <form onSubmit={submit} noValidate>
          <Field id="current_password" label="現在のパスワード" required error={fieldError(error, 'current_password')}>
            {(p) => <TextInput {...p} type="password" value={current} onValue={setCurrent} autocomplete="current-password" />}
          </Field>
          <Field id="new_password" label="新しいパスワード" required error={fieldError(error, 'new_password')} hint="10文字以上で、英字と数字を両方含めてください">
            {(p) => <TextInput {...p} type="password" value={replacement} onValue={setReplacement} autocomplete="new-password" />}
          </Field>
          <Field id="confirm_password" label="新しいパスワード（確認）" required error={mismatch ? '新しいパスワードと一致しません' : undefined}>
            {(p) => <TextInput {...p} type="password" value={confirmation} onValue={setConfirmation} autocomplete="new-password" />}
          </Field>
          <button type="submit" class="primary" disabled={!current || !replacement || mismatch || !confirmation}>
            変更する
          </button>
        </form>
      </section>
      <section class="card" aria-labelledby="devices">
        <h2 id="devices">ログイン中の端末</h2>
        <ErrorAlert error={sessionsError} />
        <ul class="plain-list">
          {sessions?.map((s) => (
            <li key={s.id}>
              <strong>{s.current ? 'この端末' : summariseAgent(s.user_agent)}</strong>
              <span class="muted">
                {' '}
                ログイン {formatDateTime(s.created_at)}・最終操作 {formatDateTime(s.last_seen_at)}・{s.ip}
              </span>
            </li>
          ))}
        </ul>
        <button type="button" class="danger" onClick={everywhere}>
          すべての端末からログアウト
        </button>
      </section>
      <section class="card" aria-labelledby="certificates">
        <h2 id="certificates">端末証明書</h2>
        <p class="muted">
          証明書を入れた端末からだけ、HTTPS の窓口でログインできます。端末をなくしたときは、すぐにここで失効してください。新しい端末の証明書は管理者が発行します。
        </p>
        <ErrorAlert error={devicesError ?? revoking.error} />
        {devices && <DeviceList devices={devices} onRevoke={revoke} empty="発行された端末証明書はありません。" />}
      </section>
      <AuthenticatorApp />
    </>
  );
}

function summariseAgent(agent: string): string {
  if (/iPhone|iPad/.test(agent)) return 'iPhone / iPad';
  if (/Android/.test(agent)) return 'Android';
  if (/Windows/.test(agent)) return 'Windows';
  if (/Macintosh/.test(agent)) return 'Mac';
  return agent ? agent.slice(0, 40) : '不明な端末';
}
