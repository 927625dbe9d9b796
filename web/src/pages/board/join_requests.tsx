// For team administrators: professionals who asked to join, approved or declined in one tap.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { JoinRequest } from '../../api/types';
import { ErrorAlert } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';

export function JoinRequests({ boardId, onChanged }: { boardId: number; onChanged: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [requests, loadError, reload] = useLoad(() => api.boards.joinRequests(boardId), [boardId]);
  const decide = async (r: JoinRequest, approve: boolean) => {
    setError(null);
    try {
      await api.boards.decideJoinRequest(boardId, r.user_id, approve);
      reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  if (!requests || requests.items.length === 0) return <ErrorAlert error={loadError} />;
  return (
    <section class="card join-requests" aria-labelledby="join-requests-title">
      <h2 id="join-requests-title">参加の申請（{requests.items.length}件）</h2>
      <ErrorAlert error={error} />
      <ul class="plain-list">
        {requests.items.map((r) => (
          <li key={r.user_id} class="candidate">
            <span>
              <strong>{r.name}</strong> <span class="badge">{r.team_role_label}</span>
              <br />
              <span class="muted small">
                {r.facility_name} {r.profession_name}・{formatDateTime(r.created_at)}
              </span>
              {r.message && <p class="post-body">{r.message}</p>}
            </span>
            <span class="button-row">
              <button type="button" class="primary small" onClick={() => void decide(r, true)}>
                承認
              </button>
              <button type="button" class="secondary small" onClick={() => void decide(r, false)}>
                見送る
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
