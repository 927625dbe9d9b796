import { Link } from '../router';
import { PageHeader } from '../components/ui';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="ページが見つかりません" />
      <p>
        URL が間違っているか、ページが移動しました。<Link href="/">ホームへ戻る</Link>
      </p>
    </>
  );
}

export function ForbiddenPage() {
  return (
    <>
      <PageHeader title="この画面を見る権限がありません" />
      <p>
        必要な場合は施設の管理者に連絡してください。<Link href="/">ホームへ戻る</Link>
      </p>
    </>
  );
}
