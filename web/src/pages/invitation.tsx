// 招待リンク: the page a user reaches from the invitation mail (public: no session, no
// certificate yet). The one-time token stays in the URL's fragment and travels only in request
// bodies. First sign-in: the user chooses a password. Then either the device certificate is issued
// and downloaded here, or (account kinds the region lets in with a one-time code) an
// authenticator app is set up and confirmed with its first code.
import { useEffect, useState } from 'preact/hooks';
import { PublicCard } from '../components/public_card';
import { QrCode } from '../components/qr_code';
import { api, ApiError } from '../api';
import type { InvitationAccepted, InvitationInfo, TotpSetup } from '../api/types';
import { Alert, ErrorAlert, Field, Loading, TextInput, fieldError } from '../components/ui';
import { CertificateInstall } from '../components/certificate_install';
import { useAction } from '../hooks';

function PasswordFields({ info, password, setPassword, confirm, setConfirm, error }: {
  info: InvitationInfo;
  password: string;
  setPassword: (v: string) => void;
  confirm: string;
  setConfirm: (v: string) => void;
  error: unknown;
}) {
  const rule = `${info.password_policy.min_length}文字以上${info.password_policy.require_letter_and_digit ? '、英字と数字を両方含めてください' : ''}`;
  return (
    <>
      <Field id="new-password" label="パスワードを決めてください" hint={rule} error={fieldError(error, 'password')} required>
        {(p) => <TextInput {...p} type="password" value={password} onValue={setPassword} autocomplete="new-password" required />}
      </Field>
      <Field id="confirm-password" label="もう一度入力" error={confirm && confirm !== password ? '上と同じパスワードを入力してください' : undefined} required>
        {(p) => <TextInput {...p} type="password" value={confirm} onValue={setConfirm} autocomplete="new-password" required />}
      </Field>
    </>
  );
}

export function InvitationPage() {
  const token = location.hash.replace(/^#/, '');
  const [info, setInfo] = useState<InvitationInfo | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [code, setCode] = useState('');
  const [totp, setTotp] = useState<TotpSetup | null>(null);
  const [accepted, setAccepted] = useState<InvitationAccepted | null>(null);
  const { busy, error, run } = useAction();
  document.title = '結びへの招待 | 結び Musubi';

  useEffect(() => {
    if (!token) {
      setLoadError(new ApiError(404, 'not_found', 'リンクが正しくありません。メールのリンクをそのまま開いてください。'));
      return;
    }
    api.invitations.lookup(token).then(setInfo, setLoadError);
  }, [token]);

  const passwordReady = !info?.sets_password || (password.length > 0 && password === confirm);

  const accept = () =>
    run(async () => {
      setAccepted(await api.invitations.accept({ token, password, one_time_code: code.trim() }));
      setPassword('');
      setConfirm('');
    });
  const startTotp = () => run(async () => setTotp(await api.invitations.startTotp(token)));

  return (
    <PublicCard title="結びへの招待" subtitle="地域の医療・介護をつなぐ連絡帳" wide>
      {loadError ? <ErrorAlert error={loadError} /> : !info ? <Loading /> : null}
      {info && !accepted && (
        <>
          <p>
            {info.user_name} さん（ログインID <strong class="login-id">{info.login_id}</strong>）、{info.region_name}の結びへようこそ。
            {info.second_factor === 'certificate'
              ? 'この端末に端末証明書を取り込むと、結びにログインできるようになります。'
              : 'スマートフォンの認証アプリ（Google Authenticator、Microsoft Authenticator など）を設定すると、結びにログインできるようになります。'}
          </p>
          <p class="hint">このリンクは1回だけ使えます（期限 {new Date(info.expires_at).toLocaleString('ja-JP')}）。</p>
          <ErrorAlert error={error} />
          {info.sets_password && <PasswordFields info={info} password={password} setPassword={setPassword} confirm={confirm} setConfirm={setConfirm} error={error} />}
          {info.second_factor === 'certificate' && (
            <button type="button" class="primary wide" disabled={busy || !passwordReady} onClick={accept}>
              {busy ? '準備中…' : info.sets_password ? 'パスワードを登録して証明書を受け取る' : '証明書を受け取る'}
            </button>
          )}
          {info.second_factor === 'totp' && !totp && (
            <button type="button" class="primary wide" disabled={busy || !passwordReady} onClick={startTotp}>
              認証アプリを設定する
            </button>
          )}
          {info.second_factor === 'totp' && totp && (
            <>
              <h2 class="setup-title">1. 認証アプリに登録</h2>
              <p>
                このスマートフォンで開いている場合は <a href={totp.otpauth_uri}>認証アプリで開く</a> を押してください。パソコンで開いている場合は、スマートフォンのアプリでこのQRコードを読み取ってください。
              </p>
              <QrCode text={totp.otpauth_uri} label="認証アプリで読み取るQRコード" />
              <p class="hint">
                手で入力する場合のキー: <code class="secret-key">{totp.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
              </p>
              <h2 class="setup-title">2. アプリに表示された6桁を入力</h2>
              <Field id="first-code" label="ワンタイムコード" error={fieldError(error, 'one_time_code')} required>
                {(p) => <TextInput {...p} value={code} onValue={setCode} inputMode="numeric" autocomplete="one-time-code" required />}
              </Field>
              <button type="button" class="primary wide" disabled={busy || !passwordReady || code.trim().length < 6} onClick={accept}>
                {busy ? '確認中…' : '設定を完了する'}
              </button>
            </>
          )}
        </>
      )}
      {accepted?.second_factor === 'certificate' && accepted.download_path && (
        <>
          <Alert kind="success">
            <p>登録しました。証明書をダウンロードして、この端末に取り込んでください。</p>
          </Alert>
          <div class="import-password" role="group" aria-label="インポート用パスワード">
            <span>インポート用パスワード</span>
            <strong class="secret-key" data-testid="import-password">{accepted.import_password}</strong>
            <span class="hint">取り込みの途中で入力します。この画面を閉じると二度と表示されません。</span>
          </div>
          <CertificateInstall downloadPath={accepted.download_path} passwordHint="取り込むときに、上のインポート用パスワードを入力します。" />
          <p>
            取り込んだら、結びの https:// のアドレスを開き、ログインID <strong class="login-id">{accepted.login_id}</strong> とパスワードでログインしてください。
          </p>
        </>
      )}
      {accepted?.second_factor === 'totp' && (
        <>
          <Alert kind="success">
            <p>設定が完了しました。ログインID {accepted.login_id}、パスワード、認証アプリのコードでログインできます。</p>
          </Alert>
          <h2 class="setup-title">回復コード</h2>
          <p>スマートフォンをなくしたときに、コードの代わりに1回ずつ使えます。紙に書き写すなどして、安全な場所に保管してください。この画面を閉じると二度と表示されません。</p>
          <ul class="recovery-codes" data-testid="recovery-codes">
            {accepted.recovery_codes?.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <a class="button primary wide" href="/">
            ログイン画面へ
          </a>
        </>
      )}
      <p class="login-help">心当たりのない招待の場合は、何もせずにこの画面を閉じ、地域の管理者に連絡してください。</p>
    </PublicCard>
  );
}
