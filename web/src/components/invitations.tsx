// An administrator's view of how a user gets in: sending the invitation mail (first sign-in, a
// new device, a lost one), the state of earlier invitations and their mail, and the user's
// authenticator app (reset when a phone is lost).
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Invitation, User } from '../api/types';
import { formatDateTime } from '../format';
import { useAction, useLoad } from '../hooks';
import { Alert, ErrorAlert, Field, TextInput, fieldError } from './ui';

const STATE_LABELS: Record<Invitation['state'], string> = { open: '未使用', used: '使用済み', replaced: '再送で無効', expired: '期限切れ' };
const MAIL_LABELS: Record<string, string> = { queued: '送信待ち', sent: '送信済み', failed: '送信失敗', '': '—' };

export function UserInvitations({ user }: { user: User }) {
  const [invitations, loadError, reload] = useLoad(() => api.invitations.ofUser(user.id).then((r) => r.items), [user.id]);
  const [factor, , reloadFactor] = useLoad(() => api.invitations.secondFactorOf(user.id), [user.id]);
  const [deviceName, setDeviceName] = useState('');
  // The success message is the notice that the mail is on its way.
  const { error, message: sent, run } = useAction();
  const act = (work: () => Promise<void>, success?: string) =>
    run(async () => {
      await work();
      reload();
      reloadFactor();
    }, success);
  const invite = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      await api.invitations.send(user.id, deviceName.trim());
      setDeviceName('');
    }, '招待メールを送信待ちにしました。送信の結果は下の一覧に出ます。');
  };
  const resetApp = () => {
    if (!confirm(`${user.name} さんの認証アプリの設定と回復コードを消します。ログイン中の画面も閉じられます。続けて招待メールを送り、新しいスマートフォンで設定してもらってください。`)) return;
    void act(async () => {
      await api.invitations.resetSecondFactor(user.id);
    });
  };
  const usesApp = factor?.totp_allowed;
  return (
    <section class="card" aria-labelledby="user-invitations">
      <h2 id="user-invitations">招待メール</h2>
      <p class="hint">
        {user.email ? `${user.email} に、` : 'メールアドレスを登録すると、'}
        {usesApp ? 'パスワードの設定と認証アプリの設定' : 'パスワードの設定と端末証明書の取り込み'}
        ができる1回限りのリンク（72時間有効）を送ります。新しい端末の追加や、なくした端末の置き換えにも使います。送り直すと前のリンクは使えなくなります。
      </p>
      {sent && <Alert kind="success">{sent}</Alert>}
      <ErrorAlert error={loadError ?? error} />
      <form class="device-form" onSubmit={invite} noValidate>
        {!usesApp && (
          <Field id="invite-device-name" label="端末の名前（任意）" error={fieldError(error, 'device_name')} hint="例: 訪問用iPad">
            {(p) => <TextInput {...p} value={deviceName} onValue={setDeviceName} maxLength={100} />}
          </Field>
        )}
        <button type="submit" class="primary" disabled={!user.email || !user.active}>
          招待メールを送る
        </button>
      </form>
      {invitations && invitations.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">送った日時</th>
                <th scope="col">内容</th>
                <th scope="col">メール</th>
                <th scope="col">リンク</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <td>{formatDateTime(i.created_at)}</td>
                  <td>
                    {i.sets_password ? '利用開始・' : ''}
                    {i.second_factor === 'totp' ? '認証アプリ' : i.device_name}
                  </td>
                  <td class={i.mail_status === 'failed' ? 'text-danger' : undefined}>
                    {MAIL_LABELS[i.mail_status]}
                    {i.mail_status === 'failed' && i.mail_error && <span class="hint"> （{i.mail_error}）</span>}
                  </td>
                  <td>
                    {STATE_LABELS[i.state]}
                    {i.state === 'open' && <span class="hint"> {formatDateTime(i.expires_at)}まで</span>}
                    {i.used_at && <span class="hint"> {formatDateTime(i.used_at)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {usesApp && factor && (
        <div class="second-factor-status">
          <p>
            認証アプリ: <strong>{factor.enrolled ? `設定済み（回復コード 残り${factor.recovery_codes_left}個）` : '未設定'}</strong>
          </p>
          {factor.enrolled && (
            <button type="button" class="danger" onClick={resetApp}>
              認証アプリの設定を消す（スマートフォンをなくしたとき）
            </button>
          )}
        </div>
      )}
    </section>
  );
}
