// A care team's board (連絡帳): who the person is, the members, writing a post, the timeline
// (important posts I have not acknowledged on top), and the team's files.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Post, Tag, TeamView } from '../../api/types';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { formatBirthDate, SEX_LABELS } from '../../format';
import { useLoad } from '../../hooks';
import { debounced, useLiveEvents } from '../../live';
import { Link, navigate, useLocation } from '../../router';
import { AcpSection } from '../record/acp';
import { ConsentSection } from '../record/consent';
import { FormsSection } from '../record/forms';
import { RecordBanner } from '../record/record_banner';
import { SummarySection } from '../record/summary';
import { Composer } from './composer';
import { JoinRequests } from './join_requests';
import { MembersPanel } from './members';
import { PostCard } from './post_card';
import { TeamFiles } from './team_files';

const TABS = [
  { key: 'timeline', label: 'タイムライン' },
  { key: 'summary', label: '患者サマリ' },
  { key: 'acp', label: 'もしものとき' },
  { key: 'consent', label: '同意書' },
  { key: 'forms', label: '文書' },
  { key: 'files', label: 'ファイル' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

interface Page {
  pinned?: Post[];
  items: Post[];
  next_before: number | null;
}

export function TeamPage({ id }: { id: string }) {
  const [team, teamError, reloadTeam] = useLoad(() => api.get<TeamView>(`/api/v1/care-teams/${id}`), [id]);
  const [tags] = useLoad(() => api.get<{ items: Tag[] }>('/api/v1/post-tags'), []);
  const [posts, setPosts] = useState<Post[] | null>(null);
  const [pinned, setPinned] = useState<Post[]>([]);
  const location = useLocation();
  const tab = (TABS.find((t) => t.key === location.search.get('tab'))?.key ?? 'timeline') as TabKey;
  const setTab = (key: TabKey) => navigate(`/teams/${id}${key === 'timeline' ? '' : `?tab=${key}`}`, true);
  const [readAll, setReadAll] = useState<string>('');
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  // ?post=ID (from the inbox or search): that thread is scrolled to and marked once shown.
  const focus = Number(location.search.get('post')) || null;

  const load = async () => {
    try {
      const page = await api.get<Page>(`/api/v1/care-teams/${id}/posts?limit=20`);
      setPinned(page.pinned ?? []);
      setPosts(page.items);
      setNext(page.next_before);
    } catch (e) {
      setError(e);
    }
  };
  const more = async () => {
    try {
      const page = await api.get<Page>(`/api/v1/care-teams/${id}/posts?limit=20&before=${next}`);
      setPosts([...(posts ?? []), ...page.items]);
      setNext(page.next_before);
    } catch (e) {
      setError(e);
    }
  };
  const markAllRead = async () => {
    try {
      const r = await api.post<{ marked: number }>(`/api/v1/care-teams/${id}/read-all`);
      setReadAll(r.marked > 0 ? `${r.marked}件を既読にしました` : '未読はありません');
      await load();
    } catch (e) {
      setError(e);
    }
  };
  // Posts, replies, edits and acknowledgements by others appear without a reload.
  const loadRef = useRef(load);
  loadRef.current = load;
  const [reloadSoon] = useState(() => debounced(() => void loadRef.current()));
  useLiveEvents(
    (m) => {
      if (m.type === 'resync') reloadTeam();
      if (m.type === 'resync' || (m.type === 'event' && m.team_id === Number(id))) reloadSoon();
      if (m.type === 'event' && m.team_id === Number(id) && m.kind === 'member.changed') reloadTeam();
    },
  );
  useEffect(() => {
    if (!focus || !posts) return;
    const el = document.getElementById(`post-${focus}`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.classList.add('post--focus');
    }
  }, [focus, posts]);
  useEffect(() => {
    if (team?.me) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [team?.id, team?.me?.user_id]);

  if (teamError) return <ErrorAlert error={teamError} />;
  if (!team) return <Loading />;
  const p = team.person;
  return (
    <>
      <PageHeader title={`${p.name} さん`} />
      <p class="muted person-line">
        {p.name_kana}・{formatBirthDate(p.birth_date)}・{SEX_LABELS[p.sex]}
        {p.address && <>・{p.address}</>}
      </p>
      <RecordBanner team={team} onOpen={setTab} />
      {team.me?.is_admin && <JoinRequests teamId={team.id} onChanged={reloadTeam} />}
      <MembersPanel teamId={team.id} members={team.members} canManage={Boolean(team.me?.is_admin)} onChanged={reloadTeam} />
      {!team.me ? (
        <p class="empty">このチームのメンバーではないため、投稿は表示されません。</p>
      ) : (
        <>
          <div class="tabs" role="tablist">
            {TABS.map((t) => (
              <button key={t.key} type="button" role="tab" aria-selected={tab === t.key} onClick={() => setTab(t.key)}>
                {t.label}
              </button>
            ))}
          </div>
          {tab === 'files' ? (
            <TeamFiles teamId={team.id} members={team.members} />
          ) : tab === 'summary' ? (
            <SummarySection personId={p.id} canExport={Boolean(team.me?.is_admin)} />
          ) : tab === 'acp' ? (
            <AcpSection personId={p.id} />
          ) : tab === 'consent' ? (
            <ConsentSection personId={p.id} teamId={team.id} />
          ) : tab === 'forms' ? (
            <FormsSection personId={p.id} />
          ) : (
            <>
              <Composer teamId={team.id} members={team.members} me={team.me} tags={tags?.items ?? []} onPosted={load} />
              <div class="team-toolbar">
                <span class="muted small" role="status">
                  {readAll}
                </span>
                <button type="button" class="link-button small" onClick={markAllRead}>
                  すべて既読にする
                </button>
              </div>
              <ErrorAlert error={error} />
              {posts === null && !error && <Loading />}
              {pinned.length > 0 && (
                <section class="pinned" aria-label="重要・未確認の投稿">
                  <h2 class="pinned-title">重要・未確認（確認すると通常の位置に戻ります）</h2>
                  {pinned.map((post) => (
                    <PostCard key={`p${post.id}-${post.version}-${post.acknowledgements}-${post.replies.length}`} post={post} members={team.members} me={team.me!} onChanged={load} />
                  ))}
                </section>
              )}
              {posts && posts.length === 0 && <p class="empty">まだ投稿はありません。最初の記録を共有しましょう。</p>}
              <div class="timeline" aria-label="タイムライン">
                {posts
                  ?.filter((post) => !pinned.some((p) => p.id === post.id))
                  .map((post) => (
                    <PostCard key={`${post.id}-${post.version}-${post.acknowledgements}-${post.replies.length}-${post.deleted_at}`} post={post} members={team.members} me={team.me!} onChanged={load} />
                  ))}
              </div>
              {next && (
                <button type="button" class="secondary wide" onClick={more}>
                  さらに表示
                </button>
              )}
            </>
          )}
        </>
      )}
      <p>
        <Link href="/teams">← ケアチームの一覧へ</Link>
      </p>
    </>
  );
}
