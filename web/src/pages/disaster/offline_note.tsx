// 「オフライン表示」: what the page shows came from the phone's copy (the network failed), and
// when that copy was fetched — the oldest of the page's pieces, as that is how old it may be.
import { cachedAt } from '../../api/offline';
import { formatMonthDayTime } from '../../format';

export function OfflineNote({ answers }: { answers: (object | null | undefined)[] }) {
  const times = answers.map(cachedAt).filter((t): t is string => t !== null);
  if (times.length === 0) return null;
  const oldest = times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  return (
    <p class="offline-note" role="status">
      <strong>オフライン表示（最終取得 {formatMonthDayTime(oldest)}）</strong>
      <span class="small">接続が戻ると新しい情報に変わります。</span>
    </p>
  );
}
