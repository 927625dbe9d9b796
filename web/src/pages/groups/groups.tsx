// 「プロジェクト」: groups not tied to a person (a committee, a training circle, the support
// centres). Mine first with unread badges; the region's other groups can be joined (open) or
// asked to join (closed); anyone may start one.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { GroupSummary } from '../../api/types';
import { BoardBadges } from '../../components/board_badges';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import { Link, navigate } from '../../router';
import { GroupBadge, GroupForm } from './group_form';

function GroupRow({ g, onChanged }: { g: GroupSummary; onChanged: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const join = async () => {
    setError(null);
    try {
      const r = await api.groups.join(g.id, '');
      if (r.joined) navigate(`/groups/${g.id}`);
      else {
        setDone('参加を申請しました。管理者の承認をお待ちください。');
        onChanged();
      }
    } catch (e) {
      setError(e);
    }
  };
  const head = (
    <span class="list-main">
      <strong>{g.name}</strong>
      <GroupBadge group={g} />
      <BoardBadges unread={g.unread} muted={g.muted} />
    </span>
  );
  const sub = (
    <span class="list-sub">
      {g.member_count}人{g.i_am_admin && '・管理者'}
      {g.member && <>・最新 {g.last_post_at ? formatDateTime(g.last_post_at) : 'まだ投稿はありません'}</>}
      {g.description && <span class="group-description">{g.description}</span>}
    </span>
  );
  if (g.member) {
    return (
      <li>
        <Link href={`/groups/${g.id}`} class="list-row">
          {head}
          {sub}
        </Link>
      </li>
    );
  }
  return (
    <li class="list-row group-other">
      {head}
      {sub}
      <ErrorAlert error={error} />
      {done ? (
        <p class="muted small" role="status">
          {done}
        </p>
      ) : g.join_requested ? (
        <span class="badge badge--muted">申請中</span>
      ) : g.hidden ? (
        <span class="muted small">メンバーの招待でのみ参加できます</span>
      ) : (
        <button type="button" class="secondary small" onClick={() => void join()}>
          {g.open ? '参加する' : '参加を申請する'}
        </button>
      )}
    </li>
  );
}

export function GroupsPage() {
  const [data, error, reload] = useLoad(() => api.groups.list(), []);
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState('');
  const mine = data?.items.filter((g) => g.member) ?? [];
  const others = data?.items.filter((g) => !g.member) ?? [];
  // A city has many: narrowed by name or description as one types (full- and half-width alike).
  const words = filter.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  const shown = others.filter((g) => {
    const text = `${g.name} ${g.description}`.normalize('NFKC').toLowerCase();
    return words.every((w) => text.includes(w));
  });
  return (
    <>
      <PageHeader title="プロジェクト">
        {!creating && (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            プロジェクトを作る
          </button>
        )}
      </PageHeader>
      <p class="muted">委員会・研修・連絡網など、患者さんに紐づかない話し合いの場です。</p>
      {creating && (
        <GroupForm
          title="プロジェクトを作る"
          initial={{ name: '', description: '', open: false, hidden: false }}
          submitLabel="作成する"
          onSubmit={async (fields) => navigate(`/groups/${(await api.groups.create(fields)).id}`)}
          onCancel={() => setCreating(false)}
        />
      )}
      <ErrorAlert error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <h2>参加しているプロジェクト</h2>
          {mine.length === 0 ? (
            <p class="empty">まだどのプロジェクトにも参加していません。</p>
          ) : (
            <ul class="list" aria-label="参加しているプロジェクト">
              {mine.map((g) => (
                <GroupRow key={g.id} g={g} onChanged={reload} />
              ))}
            </ul>
          )}
          {others.length > 0 && (
            <>
              <h2>地域のほかのプロジェクト</h2>
              <input
                type="search"
                class="list-filter"
                aria-label="地域のほかのプロジェクトを絞り込む"
                placeholder="名前・説明で絞り込む"
                value={filter}
                onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
              />
              {shown.length === 0 ? (
                <p class="empty">「{filter}」に当てはまるプロジェクトはありません。</p>
              ) : (
                <ul class="list" aria-label="地域のほかのプロジェクト">
                  {shown.map((g) => (
                    <GroupRow key={g.id} g={g} onChanged={reload} />
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}
