// 端末証明書の受け取り: the page behind the link an administrator hands over. Public (the new
// device has no certificate yet); the one-time token is in the URL's fragment, so it never
// reaches the server in a page request or any log. Downloads the PKCS#12 once and shows how to
// import it on this kind of device.
import { api } from '../api';
import { Alert } from '../components/ui';
import { PublicCard } from '../components/public_card';
import { CertificateInstall } from '../components/certificate_install';

export function DeviceSetupPage() {
  const token = location.hash.replace(/^#/, '');
  document.title = '端末証明書の受け取り | 結び Musubi';
  return (
    <PublicCard title="端末証明書の受け取り" subtitle="この端末から結びにログインできるようにします" wide>
      {!token && <Alert>リンクが正しくありません。管理者から受け取ったリンクをそのまま開いてください。</Alert>}
      <CertificateInstall
        downloadPath={token ? api.devices.downloadPath(token) : ''}
        passwordHint="取り込むときに、管理者から別に受け取ったインポート用パスワードが必要です。"
      />
      <p class="login-help">証明書は他人に渡さないでください。端末をなくしたときは、すぐに管理者へ連絡してください（証明書を失効させます）。</p>
    </PublicCard>
  );
}
