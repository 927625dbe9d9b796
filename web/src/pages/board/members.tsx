// The team's members; team administrators add colleagues (looked up by name) and remove them.
import { useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import type { Colleague, Member } from '../../api/types';
import { ErrorAlert } from '../../components/ui';
import { useDebounced, useLoad } from '../../hooks';
import { TeamRoleSelect } from './team_role_select';

interface Props {
  teamId: number;
  members: Member[];
  canManage: boolean;
  onChanged: () => void;
  // Groups: everyone joins as a plain member (no care role to choose).
  fixedRole?: string;
}

export function MembersPanel({ teamId, members, canManage, onChanged, fixedRole }: Props) {
  const [q, setQ] = useState('');
  const term = useDebounced(q, 250);
  const [chosenRole, setRole] = useState('visiting_nurse');
  const role = fixedRole ?? chosenRole;
  const [error, setError] = useState<unknown>(null);
  const [found] = useLoad(
    () => (term.trim() ? api.get<{ items: Colleague[] }>('/api/v1/professionals' + query({ q: term })) : Promise.resolve({ items: [] })),
    [term],
  );
  const change = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const add = (c: Colleague) => change(() => api.put(`/api/v1/care-teams/${teamId}/members/${c.id}`, { team_role: role, is_admin: false }));
  const remove = (m: Member) => {
    if (window.confirm(`${m.name}さんをメンバーから外しますか？`)) void change(() => api.delete(`/api/v1/care-teams/${teamId}/members/${m.user_id}`));
  };

  return (
    <details class="card members">
      <summary>メンバー（{members.length}人）</summary>
      <ErrorAlert error={error} />
      <ul class="plain-list member-list">
        {members.map((m) => (
          <li key={m.user_id}>
            <strong>{m.name}</strong> {!fixedRole && <span class="badge">{m.team_role_label}</span>}
            {m.is_admin && <span class="badge badge--muted">{fixedRole ? '管理者' : 'チーム管理者'}</span>}
            <br />
            <span class="muted">
              {m.facility_name} {m.profession_name}
            </span>
            {canManage && !m.is_admin && (
              <button type="button" class="link-button small danger-text" onClick={() => remove(m)}>
                外す
              </button>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <div class="add-member">
          <h3>メンバーを追加</h3>
          <div class="search-bar">
            <label for="member-search" class="visually-hidden">
              名前・ふりがなで探す
            </label>
            <input id="member-search" type="search" placeholder="名前・ふりがなで探す" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
            {!fixedRole && <TeamRoleSelect id="member-role" label="チームでの役割" value={role} onValue={setRole} />}
          </div>
          <ul class="plain-list">
            {found?.items
              .filter((c) => !members.some((m) => m.user_id === c.id))
              .map((c) => (
                <li key={c.id} class="candidate">
                  <span>
                    {c.name}
                    <span class="muted">
                      {' '}
                      {c.facility_name} {c.profession_name}
                    </span>
                  </span>
                  <button type="button" class="secondary small" onClick={() => void add(c)}>
                    追加
                  </button>
                </li>
              ))}
          </ul>
        </div>
      )}
    </details>
  );
}
