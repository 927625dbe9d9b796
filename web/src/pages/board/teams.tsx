// 「ケアチーム」: the teams I am on, most recent activity first, with unread badges.
import { api } from '../../api';
import type { BoardSummary } from '../../api/types';
import { BoardBadges } from '../../components/board_badges';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import { Link } from '../../router';
import { JoinTeam } from './join_team';

export function TeamList({ teams }: { teams: BoardSummary[] }) {
  if (teams.length === 0) {
    return <p class="empty">まだどのケアチームにも入っていません。下の「ほかのケアチームに参加を申請する」から申請するか、チーム管理者（ケアマネジャーなど）に追加を依頼してください。</p>;
  }
  return (
    <ul class="list" aria-label="ケアチームの一覧">
      {teams.map((t) => (
        <li key={t.id}>
          <Link href={`/teams/${t.id}`} class="list-row">
            <span class="list-main">
              <span class="kana">{t.person?.name_kana}</span>
              <strong>{t.person?.name} さん</strong>
              <BoardBadges unread={t.unread} muted={t.muted} />
            </span>
            <span class="list-sub">
              {t.my_role_label}
              {t.i_am_admin && '・チーム管理者'}・最新 {t.last_post_at ? formatDateTime(t.last_post_at) : 'まだ投稿はありません'}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function TeamsPage() {
  const [data, error] = useLoad(() => api.boards.careTeams(), []);
  return (
    <>
      <PageHeader title="ケアチーム" />
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && <TeamList teams={data.items} />}
      <JoinTeam />
    </>
  );
}
