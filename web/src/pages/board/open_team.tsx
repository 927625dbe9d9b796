// On a person's page: their care team (or asking to join it), or opening one with myself as its
// administrator.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { ErrorAlert } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';
import { Link, navigate } from '../../router';
import { TeamRoleSelect } from './team_role_select';
import { useSession } from '../../session';

export function PersonTeamSection({ personId }: { personId: string }) {
  const { session } = useSession();
  const [role, setRole] = useState('care_manager');
  const { error, run } = useAction();
  const [message, setMessage] = useState('');
  const [team, teamError, reload] = useLoad(
    () =>
      api.persons.careTeam(personId).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [personId],
  );
  const open = () =>
    run(async () => {
      const created = await api.persons.openCareTeam(personId, { admin_user_id: session.user.id, team_role: role });
      navigate(`/teams/${created.id}`);
    });
  const askToJoin = () =>
    run(async () => {
      await api.boards.askToJoin(team!.id, { team_role: role, message });
      reload();
    });
  const isAdmin = session.user.roles.includes('region_admin');
  return (
    <section class="card" aria-labelledby="care-team">
      <h2 id="care-team">ケアチーム</h2>
      <ErrorAlert error={teamError || error} />
      {team && (team.member || isAdmin) ? (
        <Link href={`/teams/${team.id}`} class="button secondary">
          ケアチームの連絡帳を開く
        </Link>
      ) : team && team.join_requested ? (
        <p class="muted" role="status">
          参加を申請しました。チーム管理者の承認をお待ちください。
        </p>
      ) : team ? (
        <>
          <p class="muted">この方のケアチームがあります。参加すると連絡帳を読み書きできます（チーム管理者の承認が必要です）。</p>
          <div class="search-bar">
            <TeamRoleSelect id="join-team-role" label="あなたのチームでの役割" value={role} onValue={setRole} />
          </div>
          <div class="field">
            <label for="join-message">管理者へのひとこと（任意）</label>
            <textarea id="join-message" rows={2} value={message} onInput={(e) => setMessage((e.currentTarget as HTMLTextAreaElement).value)} />
          </div>
          <button type="button" class="primary" onClick={() => void askToJoin()}>
            参加を申請する
          </button>
        </>
      ) : (
        team === null && (
          <>
            <p class="muted">この方のケアチームはまだありません。あなたをチーム管理者として作成します。</p>
            <div class="search-bar">
              <TeamRoleSelect id="open-team-role" label="あなたのチームでの役割" value={role} onValue={setRole} />
              <button type="button" class="primary" onClick={() => void open()}>
                ケアチームを作る
              </button>
            </div>
          </>
        )
      )}
    </section>
  );
}
