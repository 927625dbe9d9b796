// A board's timeline with its composer: important posts I have not acknowledged on top, newest
// first, live updates, 「すべて既読にする」. The same for a care team, a group and a conversation.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import type { BoardView, Post } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/ui';
import { useLoad, usePagedList } from '../../hooks';
import { debounced, useLiveEvents } from '../../live';
import { boardPath } from '../../components/post_place';
import { navigate, useLocation } from '../../router';
import { PollComposer } from '../poll/poll_composer';
import { Composer } from './composer';
import { MuteToggle } from './mute_toggle';
import { PostCard } from './post_card';

interface Props {
  board: BoardView;
  // What the empty board invites people to do.
  emptyText: string;
}

export function Board({ board, emptyText }: Props) {
  const id = board.id;
  const me = board.me!;
  const [tags] = useLoad(() => api.region.tags(), []);
  // The newest posts, then older ones on 「さらに表示」; the first page brings the pinned ones.
  const timeline = usePagedList((before?: number) => api.boards.timeline(id, before), (page) => page.next_before, [id, me.user_id]);
  const { items: posts, error, setError } = timeline;
  const pinned = timeline.first?.pinned ?? [];
  const load = timeline.reload;
  const [readAll, setReadAll] = useState<string>('');
  const [polling, setPolling] = useState(false);
  // ?post=ID (from the inbox or search): that thread is scrolled to and marked once shown.
  const focus = Number(useLocation().search.get('post')) || null;

  const markAllRead = async () => {
    try {
      const r = await api.boards.markAllRead(id);
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
  useLiveEvents((m) => {
    if (m.type === 'resync' || (m.type === 'event' && m.board_id === id)) reloadSoon();
  });
  useEffect(() => {
    if (!focus || !posts) return;
    const el = document.getElementById(`post-${focus}`);
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.classList.add('post--focus');
    }
  }, [focus, posts]);

  const card = (post: Post, key: string) => <PostCard key={key} post={post} members={board.members} me={me} onChanged={load} />;
  return (
    <>
      {me.request_only ? (
        <p class="notice-line" role="note">
          あなた宛ての依頼とその返信だけが表示されます。依頼には、その投稿の「返信」から答えてください。
        </p>
      ) : polling ? (
        <PollComposer
          boardId={id}
          onCancel={() => setPolling(false)}
          onDone={() => {
            setPolling(false);
            void load();
          }}
        />
      ) : (
        <Composer boardId={id} kind={board.kind} members={board.members} me={me} tags={tags?.items ?? []} onPosted={load} />
      )}
      <div class="team-toolbar">
        {board.kind !== 'direct' && !polling && !me.request_only && (
          <button type="button" class="secondary small" onClick={() => setPolling(true)}>
            アンケート・日程調整
          </button>
        )}
        <span class="muted small" role="status">
          {readAll}
        </span>
        <span class="team-toolbar-end">
          <MuteToggle key={id} boardId={id} muted={me.muted} mutedUntil={me.muted_until} onError={setError} />
          <button type="button" class="link-button small" onClick={markAllRead}>
            すべて既読にする
          </button>
        </span>
      </div>
      <ErrorAlert error={error} />
      {posts === null && !error && <Loading />}
      {pinned.length > 0 && (
        <section class="pinned" aria-label="重要・未確認の投稿">
          <h2 class="pinned-title">重要・未確認（確認すると通常の位置に戻ります）</h2>
          {pinned.map((post) => card(post, `p${post.id}-${post.version}-${post.acknowledgements}-${post.replies.length}`))}
        </section>
      )}
      {posts && posts.length === 0 && <p class="empty">{emptyText}</p>}
      <div class="timeline" aria-label="タイムライン">
        {posts
          ?.filter((post) => !pinned.some((p) => p.id === post.id))
          .map((post) => card(post, `${post.id}-${post.version}-${post.acknowledgements}-${post.replies.length}-${post.deleted_at}`))}
      </div>
      {timeline.hasMore && (
        <button type="button" class="secondary wide" onClick={timeline.more}>
          さらに表示
        </button>
      )}
    </>
  );
}

// A board opened under the wrong kind of address (an old link): go to where it lives.
export function BoardRedirect({ board }: { board: BoardView }) {
  const { search } = useLocation();
  useEffect(() => navigate(`${boardPath(board)}${search.size ? `?${search}` : ''}`, true), [board.id]);
  return <Loading />;
}
