import { PublicCard } from '../components/public_card';
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import type { SessionInfo } from '../api/types';
import { Alert, Field, TextInput } from '../components/ui';

export function LoginPage({ onLogin, notice }: { onLogin: (s: SessionInfo) => void; notice?: string }) {
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  // Asked for after the password, of account kinds that sign in with an authenticator app.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  document.title = 'ログイン | 結び Musubi';

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await api.session.login({ login_id: loginId.trim(), password, one_time_code: code.trim() }));
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError(0, 'unknown', 'ログインできませんでした');
      setError(apiError);
      setCode('');
      if (apiError.fieldMessage('one_time_code')) {
        setAskCode(true);  // the password was right: keep it for the second step
      } else {
        setPassword('');
        setAskCode(false);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicCard title="結び" subtitle="地域の医療・介護をつなぐ連絡帳">
      {notice && !error && <Alert kind="info">{notice}</Alert>}
      {error && (
        <Alert>
          <p>{error.message}</p>
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Field id="login-id" label="ログインID" required>
          {(p) => <TextInput {...p} value={loginId} onValue={setLoginId} autocomplete="username" autocapitalize="off" spellcheck={false} required />}
        </Field>
        <Field id="password" label="パスワード" required>
          {(p) => <TextInput {...p} type="password" value={password} onValue={setPassword} autocomplete="current-password" required />}
        </Field>
        {askCode && (
          <Field id="one-time-code" label="ワンタイムコード（6桁）" hint="認証アプリに表示されている数字です。スマートフォンをなくした場合は回復コードを入力できます。" required>
            {(p) => <TextInput {...p} value={code} onValue={setCode} inputMode="numeric" autocomplete="one-time-code" autoFocus required />}
          </Field>
        )}
        <button type="submit" class="primary wide" disabled={busy || !loginId || !password || (askCode && !code.trim())}>
          {busy ? '確認中…' : 'ログイン'}
        </button>
      </form>
      <p class="login-help">パスワードを忘れた場合やロックされた場合は、施設の管理者か市の担当課に連絡してください。</p>
      <p class="login-help">
        <a href="/certificate-required">端末証明書について（ログインできないとき）</a>
      </p>
    </PublicCard>
  );
}
