// Installing a device certificate: the one-time download of the PKCS#12 and the steps to import it
// on Windows, Mac, iPhone/iPad and Android. Used by the device-setup link page and the invitation page.
import { useState } from 'preact/hooks';
import { Alert } from './ui';

type Platform = 'windows' | 'mac' | 'ios' | 'android';

const STEPS: Record<Platform, { name: string; steps: string[] }> = {
  windows: {
    name: 'Windows',
    steps: ['ダウンロードした musubi-device.p12 をダブルクリックします。', '「現在のユーザー」を選んで「次へ」を押します。', 'インポート用パスワードを入力し、あとは「次へ」「完了」で進めます。', 'ブラウザをいったん閉じてから、結びの https:// のアドレスを開きます。証明書を選ぶ画面が出たら「Musubi」を選びます。'],
  },
  mac: {
    name: 'Mac',
    steps: ['ダウンロードした musubi-device.p12 をダブルクリックします。', 'キーチェーンは「ログイン」を選び、インポート用パスワードを入力します。', 'ブラウザを開き直して、結びの https:// のアドレスを開きます。証明書を選ぶ画面が出たら「Musubi」を選びます。'],
  },
  ios: {
    name: 'iPhone / iPad',
    steps: ['「ダウンロード」を押し、表示された確認で「許可」を押します。', '「設定」アプリを開き、上に出る「プロファイルがダウンロード済み」を押します。', '「インストール」を押し、端末のパスコード、続いてインポート用パスワードを入力します。', 'Safari で結びの https:// のアドレスを開きます。'],
  },
  android: {
    name: 'Android',
    steps: ['「ダウンロード」を押してファイルを保存します。', '「設定」→「セキュリティ」→「暗号化と認証情報」→「証明書をインストール」→「VPNとアプリのユーザー証明書」を選びます。', 'ダウンロードした musubi-device.p12 を選び、インポート用パスワードを入力します。', 'Chrome で結びの https:// のアドレスを開き、証明書を選ぶ画面で「Musubi」を選びます。'],
  },
};

function guessPlatform(): Platform {
  const ua = navigator.userAgent;
  if (/iPhone|iPad|iPod/.test(ua)) return 'ios';
  if (/Android/.test(ua)) return 'android';
  if (/Macintosh/.test(ua)) return 'mac';
  return 'windows';
}

export function CertificateInstall({ downloadPath, passwordHint }: { downloadPath: string; passwordHint: string }) {
  const [platform, setPlatform] = useState<Platform>(guessPlatform);
  const [state, setState] = useState<'ready' | 'busy' | 'done' | 'failed'>('ready');
  const [message, setMessage] = useState('');

  const download = async () => {
    setState('busy');
    try {
      const res = await fetch(downloadPath);
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        throw new Error(body?.error?.message ?? 'ダウンロードできませんでした');
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = 'musubi-device.p12';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState('done');
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
      setState('failed');
    }
  };

  return (
    <>
      {state === 'failed' && <Alert>{message}</Alert>}
      {state === 'done' && (
        <Alert kind="success">
          <p>証明書をダウンロードしました。このリンクはもう使えません。下の手順で端末に取り込んでください。</p>
        </Alert>
      )}
      <p>
        ダウンロードは<strong>1回だけ</strong>できます。{passwordHint}
      </p>
      <button type="button" class="primary wide" onClick={download} disabled={!downloadPath || state === 'busy' || state === 'done'}>
        {state === 'busy' ? 'ダウンロード中…' : '証明書をダウンロード'}
      </button>
      <h2 class="setup-title">取り込み方</h2>
      <div class="button-row" role="group" aria-label="端末の種類">
        {(Object.keys(STEPS) as Platform[]).map((p) => (
          <button key={p} type="button" class={p === platform ? 'secondary selected' : 'secondary'} aria-pressed={p === platform} onClick={() => setPlatform(p)}>
            {STEPS[p].name}
          </button>
        ))}
      </div>
      <ol class="setup-steps">
        {STEPS[platform].steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </>
  );
}
