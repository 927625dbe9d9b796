// Asking to join a person's care team: found by the person's reading and birth date (exactly),
// never by browsing; a team administrator approves.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { CareTeamMatch as Found } from '../../api/types';
import { ErrorAlert, fieldError } from '../../components/ui';
import { formatBirthDate } from '../../format';
import { Link } from '../../router';
import { TeamRoleSelect } from './team_role_select';

export function JoinTeam() {
  const [kana, setKana] = useState('');
  const [birth, setBirth] = useState('');
  const [role, setRole] = useState('visiting_nurse');
  const [found, setFound] = useState<Found[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asked, setAsked] = useState<number[]>([]);

  const search = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      setFound((await api.boards.lookup(kana, birth)).items);
    } catch (err) {
      setError(err);
    }
  };
  const ask = async (f: Found) => {
    setError(null);
    try {
      await api.boards.askToJoin(f.board_id, { name_kana: kana, birth_date: birth, team_role: role, message: '' });
      setAsked([...asked, f.board_id]);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <details class="card">
      <summary>ほかのケアチームに参加を申請する</summary>
      <form class="search-bar" onSubmit={search}>
        <div class="field">
          <label for="join-kana">ふりがな（フルネーム）</label>
          <input id="join-kana" value={kana} aria-invalid={Boolean(fieldError(error, 'name_kana'))} onInput={(e) => setKana((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="join-birth">生年月日</label>
          <input id="join-birth" type="date" value={birth} aria-invalid={Boolean(fieldError(error, 'birth_date'))} onInput={(e) => setBirth((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <TeamRoleSelect id="join-role" label="あなたのチームでの役割" value={role} onValue={setRole} />
        <button type="submit" class="secondary">
          探す
        </button>
      </form>
      <ErrorAlert error={error} />
      {found && found.length === 0 && <p class="empty">ふりがなと生年月日が一致するケアチームはありません。</p>}
      <ul class="plain-list">
        {found?.map((f) => (
          <li key={f.board_id} class="candidate">
            <span>
              <strong>{f.person.name} さん</strong>
              <br />
              <span class="muted small">{formatBirthDate(f.person.birth_date)}</span>
            </span>
            {f.member ? (
              <Link href={`/teams/${f.board_id}`}>連絡帳を開く</Link>
            ) : f.join_requested || asked.includes(f.board_id) ? (
              <span class="muted" role="status">
                申請済み（承認待ち）
              </span>
            ) : (
              <button type="button" class="primary small" onClick={() => void ask(f)}>
                参加を申請
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
