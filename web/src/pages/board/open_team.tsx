// On a person's page: their care team, or opening one with myself as its administrator.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import type { TeamView } from '../../api/types';
import { ErrorAlert } from '../../components/ui';
import { useLoad } from '../../hooks';
import { Link, navigate } from '../../router';
import { TeamRoleSelect } from './team_role_select';
import { useSession } from '../../session';

export function PersonTeamSection({ personId }: { personId: string }) {
  const { session } = useSession();
  const [role, setRole] = useState('care_manager');
  const [error, setError] = useState<unknown>(null);
  const [team, teamError] = useLoad(
    () =>
      api.get<{ id: number }>(`/api/v1/persons/${personId}/care-team`).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [personId],
  );
  const open = async () => {
    setError(null);
    try {
      const created = await api.post<TeamView>(`/api/v1/persons/${personId}/care-team`, { admin_user_id: session.user.id, team_role: role });
      navigate(`/teams/${created.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="card" aria-labelledby="care-team">
      <h2 id="care-team">ケアチーム</h2>
      <ErrorAlert error={teamError || error} />
      {team ? (
        <Link href={`/teams/${team.id}`} class="button secondary">
          ケアチームの連絡帳を開く
        </Link>
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
