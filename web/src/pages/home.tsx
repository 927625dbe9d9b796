import { api } from '../api';
import { useLoad } from '../hooks';
import { Link } from '../router';
import { TeamList } from './board/teams';
import { ErrorAlert, Loading, PageHeader } from '../components/ui';
import { formatDateTime, ROLE_LABELS } from '../format';
import { hasRole, useSession } from '../session';
import { InboxSection } from './inbox';

export function HomePage() {
  const { session } = useSession();
  const admin = hasRole(session, 'region_admin', 'facility_admin');
  const previous = session.previous_login;
  const [teams, teamsError] = useLoad(() => api.boards.careTeams(), []);
  const unread = teams?.items.reduce((sum, t) => sum + t.unread, 0) ?? 0;
  const onTeams = (teams?.items.length ?? 0) > 0;
  return (
    <>
      <PageHeader title={`${session.user.name} さん、こんにちは`} />
      {onTeams && (
        <section aria-labelledby="inbox-title">
          <h2 id="inbox-title" class="inbox-title">
            あなた宛て
          </h2>
          <InboxSection />
        </section>
      )}
      <section aria-labelledby="my-teams" class="home-teams">
        <h2 id="my-teams">
          あなたのケアチーム{unread > 0 && <span class="badge badge--unread">未読 {unread}</span>}
        </h2>
        <ErrorAlert error={teamsError} />
        {!teams && !teamsError && <Loading />}
        {teams && <TeamList teams={teams.items.slice(0, 6)} />}
        {teams && teams.items.length > 6 && (
          <p>
            <Link href="/teams">すべてのケアチーム（{teams.items.length}）</Link>
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="last-login">
        <h2 id="last-login">前回のログイン</h2>
        {previous ? (
          <p>
            {formatDateTime(previous.at)}（接続元 {previous.ip || '不明'}）。
            <br />
            <span class="muted">心当たりがない場合は、すぐにパスワードを変更し、管理者に連絡してください。</span>
          </p>
        ) : (
          <p>{previous === null ? '今回が初めてのログインです。' : 'この画面を開き直したため表示していません。'}</p>
        )}
      </section>
      <section class="card" aria-labelledby="me">
        <h2 id="me">あなたのアカウント</h2>
        <dl class="facts">
          <dt>所属</dt>
          <dd>{session.user.facility_name || '—'}</dd>
          <dt>職種</dt>
          <dd>{session.user.profession_name || '—'}</dd>
          <dt>権限</dt>
          <dd>{session.user.roles.map((r) => ROLE_LABELS[r]).join('・')}</dd>
        </dl>
      </section>
      <section aria-labelledby="shortcuts">
        <h2 id="shortcuts" class="section-title">よく使う画面</h2>
        <ul class="tiles">
          {admin && (
            <li>
              <Link href="/persons" class="tile">
                <strong>支援対象者</strong>
                <span>かなで探す・登録する</span>
              </Link>
            </li>
          )}
          <li>
            <Link href="/admin/facilities" class="tile">
              <strong>施設・事業所</strong>
              <span>地域の連絡先一覧</span>
            </Link>
          </li>
          {admin && (
            <li>
              <Link href="/admin/users" class="tile">
                <strong>利用者</strong>
                <span>登録・CSV一括登録・停止</span>
              </Link>
            </li>
          )}
          {hasRole(session, 'region_admin') && (
            <li>
              <Link href="/admin/audit" class="tile">
                <strong>監査ログ</strong>
                <span>誰がいつ何を見たか</span>
              </Link>
            </li>
          )}
          {hasRole(session, 'region_admin') && (
            <li>
              <Link href="/admin/ems-lookups" class="tile">
                <strong>救急隊の照会記録</strong>
                <span>消防の検索・閲覧・活動報告</span>
              </Link>
            </li>
          )}
          <li>
            <Link href="/account" class="tile">
              <strong>アカウント</strong>
              <span>パスワード変更・ログイン中の端末</span>
            </Link>
          </li>
        </ul>
      </section>
    </>
  );
}
