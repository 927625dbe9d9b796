// The team's members; team administrators add colleagues (looked up by name) and remove them.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { Colleague, Member } from '../../api/types';
import { ColleagueSearch } from '../../components/colleague_search';
import { ErrorAlert } from '../../components/ui';
import { TeamRoleSelect } from './team_role_select';

interface Props {
  boardId: number;
  members: Member[];
  canManage: boolean;
  onChanged: () => void;
  // Groups: everyone joins as a plain member (no care role to choose).
  fixedRole?: string;
}

export function MembersPanel({ boardId, members, canManage, onChanged, fixedRole }: Props) {
  const [chosenRole, setRole] = useState('visiting_nurse');
  const role = fixedRole ?? chosenRole;
  const [error, setError] = useState<unknown>(null);
  const change = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  const add = (c: Colleague) => change(() => api.boards.putMember(boardId, c.id, { team_role: role, is_admin: false }));
  // A contact who came for a request only becomes a member who reads the board and record.
  const promote = (m: Member) => {
    if (window.confirm(`${m.name}さんをチームのメンバーにしますか？掲示板と記録のすべてが見られるようになります。`)) {
      void change(() => api.boards.putMember(boardId, m.user_id, { team_role: m.team_role, is_admin: false }));
    }
  };
  const remove = (m: Member) => {
    if (window.confirm(`${m.name}さんをメンバーから外しますか？`)) void change(() => api.boards.removeMember(boardId, m.user_id));
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
            {m.request_only && <span class="badge badge--muted">依頼のみ</span>}
            <br />
            <span class="muted">
              {m.facility_name} {m.profession_name}
              {m.via_facility && <>・{m.via_facility.name}の窓口として参加</>}
            </span>
            {canManage && m.request_only && (
              <button type="button" class="link-button small" onClick={() => promote(m)}>
                メンバーにする
              </button>
            )}
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
          <ColleagueSearch id="member-search" action="追加" onPick={(c) => void add(c)} hide={(c) => members.some((m) => m.user_id === c.id)}>
            {!fixedRole && <TeamRoleSelect id="member-role" label="チームでの役割" value={role} onValue={setRole} />}
          </ColleagueSearch>
        </div>
      )}
    </details>
  );
}

// Contacts who joined through a request to their facility in the last week, said where the team
// looks first (the record and the board are then theirs too, unless the region keeps them to the
// request).
export function ContactsJoined({ members }: { members: Member[] }) {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  const recent = members.filter((m) => m.via_facility && Date.parse(m.joined_at) >= weekAgo);
  if (recent.length === 0) return null;
  return (
    <ul class="plain-list contacts-joined" aria-label="窓口の参加">
      {recent.map((m) => (
        <li key={m.user_id} class="notice-line">
          {m.via_facility!.name}の窓口（{m.name}さん）が参加しました
          {m.request_only ? '（依頼とその返信だけを見られます）' : ''}
        </li>
      ))}
    </ul>
  );
}
