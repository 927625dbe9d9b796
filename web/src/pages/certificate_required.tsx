// 証明書が必要です: the public help page for someone who cannot reach the login because their device
// has no certificate (or a revoked or expired one). Nothing here needs a session.
import { PublicCard } from '../components/public_card';

export function CertificateRequiredPage() {
  document.title = '証明書が必要です | 結び Musubi';
  return (
    <PublicCard title="証明書が必要です" subtitle="結びには、登録された端末からだけログインできます" wide>
      <p>
        結びは患者さん・利用者さんの情報を扱うため、厚生労働省のガイドラインに沿って、パスワードに加えて<strong>端末証明書</strong>（この端末が登録済みであることの証明）を確かめています。証明書の入っていない端末では、ログイン画面も表示されません。
      </p>
      <h2 class="setup-title">こんなときは</h2>
      <dl class="help-list">
        <dt>はじめて使う・新しい端末で使いたい</dt>
        <dd>施設の管理者か地域の担当窓口に「招待メール」を依頼してください。メールのリンクから、その端末に証明書を取り込めます。</dd>
        <dt>以前は使えていたのに、つながらなくなった</dt>
        <dd>証明書の有効期限が切れたか、失効した可能性があります。管理者に再発行を依頼してください。ブラウザを閉じて開き直すと直る場合もあります。</dd>
        <dt>証明書を選ぶ画面が出た</dt>
        <dd>「Musubi」と書かれた証明書を選んでください。</dd>
        <dt>端末をなくした・盗まれた</dt>
        <dd>すぐに管理者へ連絡してください。その端末の証明書を失効させ、ほかの人が使えないようにします。</dd>
        <dt>ご家族の方</dt>
        <dd>証明書の代わりに、スマートフォンの認証アプリのコードでログインできる場合があります。招待メールの案内に従ってください。</dd>
      </dl>
      <a class="button primary wide" href="/">
        ログイン画面へ
      </a>
    </PublicCard>
  );
}
