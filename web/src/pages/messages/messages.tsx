// 「メッセージ」: one-to-one and small conversations between professionals, newest first, and
// starting one by finding colleagues by name. Their messages also reach the inbox.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { Colleague } from '../../api/types';
import { BoardBadges } from '../../components/board_badges';
import { ColleagueSearch } from '../../components/colleague_search';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';

function NewConversation({ onCancel }: { onCancel: () => void }) {
  const { session } = useSession();
  const [chosen, setChosen] = useState<Colleague[]>([]);
  const [error, setError] = useState<unknown>(null);
  const start = async () => {
    setError(null);
    try {
      const r = await api.conversations.start(chosen.map((c) => c.id));
      navigate(`/messages/${r.id}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section class="card" aria-labelledby="new-conversation-title">
      <h2 id="new-conversation-title">新しいメッセージ</h2>
      <ErrorAlert error={error} />
      {chosen.length > 0 && (
        <p class="chosen-list">
          宛先：
          {chosen.map((c) => (
            <button key={c.id} type="button" class="chip" aria-label={`${c.name}さんを宛先から外す`} onClick={() => setChosen(chosen.filter((x) => x.id !== c.id))}>
              {c.name} ×
            </button>
          ))}
        </p>
      )}
      <ColleagueSearch id="conversation-search" action="選ぶ" onPick={(c) => setChosen([...chosen, c])} hide={(c) => c.id === session.user.id || chosen.some((x) => x.id === c.id)} />
      <div class="button-row">
        <button type="button" class="primary" disabled={chosen.length === 0} onClick={() => void start()}>
          メッセージを始める
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          やめる
        </button>
      </div>
    </section>
  );
}

export function MessagesPage() {
  const [data, error] = useLoad(() => api.conversations.list(), []);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title="メッセージ">
        {!creating && (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            新しいメッセージ
          </button>
        )}
      </PageHeader>
      {creating && <NewConversation onCancel={() => setCreating(false)} />}
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && data.items.length === 0 && <p class="empty">まだメッセージはありません。患者さんに紐づかない相談や連絡はここで、相手を選んで始められます。</p>}
      {data && data.items.length > 0 && (
        <ul class="list" aria-label="メッセージの一覧">
          {data.items.map((t) => (
            <li key={t.id}>
              <Link href={`/messages/${t.id}`} class="list-row">
                <span class="list-main">
                  <strong>{t.name}</strong>
                  <BoardBadges unread={t.unread} muted={t.muted} />
                </span>
                <span class="list-sub">{t.last_post_at ? formatDateTime(t.last_post_at) : 'まだメッセージはありません'}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
