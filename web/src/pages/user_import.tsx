import { useState } from 'preact/hooks';
import { api } from '../api';
import type { ImportResult } from '../api/types';
import { Alert, ErrorAlert, PageHeader } from '../components/ui';
import { useAction } from '../hooks';
import { Link } from '../router';

const SAMPLE = 'ログインID,氏名,ふりがな,施設,職種,メール,電話,権限\nyamada.ns,山田 花子,やまだ はなこ,訪問看護ステーションひまわり,看護師,,,専門職\n';

export function UserImportPage() {
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const { busy, error, run } = useAction();

  const readFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) setCsv(await file.text());
  };
  const send = (dryRun: boolean) =>
    run(async () => {
      setResult(null);
      setResult(await api.users.importCsv(csv, dryRun));
    });
  const download = () => {
    const rows = result?.created.map((u) => `${u.login_id},${u.name},${u.temporary_password}`) ?? [];
    const blob = new Blob(['\uFEFFログインID,氏名,仮パスワード\r\n' + rows.join('\r\n')], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'musubi-temporary-passwords.csv';
    a.click();
  };

  return (
    <>
      <PageHeader title="利用者をCSVで一括登録">
        <Link href="/admin/users" class="button secondary">
          一覧へ戻る
        </Link>
      </PageHeader>
      <section class="card">
        <p>
          1行目は見出し行です。必要な列: <strong>ログインID・氏名・ふりがな・権限</strong>。任意: 施設・職種・メール・電話。権限は「専門職」「施設管理者」などを「;」で区切ります。
          1行でも誤りがあれば、何も登録されません。
        </p>
        <details>
          <summary>記入例</summary>
          <pre class="sample">{SAMPLE}</pre>
        </details>
        <div class="field">
          <label for="csv-file">CSVファイル（UTF-8）</label>
          <input id="csv-file" type="file" accept=".csv,text/csv" onChange={readFile} />
        </div>
        <div class="field">
          <label for="csv-text">またはここに貼り付け</label>
          <textarea id="csv-text" rows={8} value={csv} onInput={(e) => setCsv((e.currentTarget as HTMLTextAreaElement).value)} />
        </div>
        <div class="button-row">
          <button type="button" class="secondary" disabled={!csv || busy} onClick={() => send(true)}>
            内容を確認
          </button>
          <button type="button" class="primary" disabled={!csv || busy} onClick={() => send(false)}>
            登録する
          </button>
        </div>
      </section>
      <ErrorAlert error={error} />
      {result && result.errors.length > 0 && (
        <Alert>
          <p>{result.errors.length}件の問題があります。直してからもう一度お試しください（何も登録していません）。</p>
          <table class="table" aria-label="CSVの問題">
            <thead>
              <tr>
                <th scope="col">行</th>
                <th scope="col">項目</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.row === 0 ? '見出し' : `${e.row + 1}行目`}</td>
                  <td>{e.field}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Alert>
      )}
      {result && result.errors.length === 0 && result.dry_run && <Alert kind="info">問題は見つかりませんでした。「登録する」で登録できます。</Alert>}
      {result && result.imported && (
        <Alert kind="success">
          <p>{result.created.length}人を登録しました。仮パスワードはこの画面でのみ表示されます。</p>
          <button type="button" class="secondary" onClick={download}>
            仮パスワードの一覧をダウンロード
          </button>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">ログインID</th>
                <th scope="col">氏名</th>
                <th scope="col">仮パスワード</th>
              </tr>
            </thead>
            <tbody>
              {result.created.map((u) => (
                <tr key={u.id}>
                  <td>{u.login_id}</td>
                  <td>{u.name}</td>
                  <td>
                    <code class="secret">{u.temporary_password}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Alert>
      )}
    </>
  );
}
