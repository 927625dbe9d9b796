// A group's page: what it is, join requests and members for its administrators, and its board
// (the same timeline, replies, files, acknowledgements and requests as a care team) and files.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../hooks';
import { useLiveEvents } from '../../live';
import { Link, navigate, useLocation } from '../../router';
import { Board, BoardRedirect } from '../board/board';
import { JoinRequests } from '../board/join_requests';
import { MembersPanel } from '../board/members';
import { TeamFiles } from '../board/team_files';
import { useSession } from '../../session';
import { GroupBadge, GroupForm } from './group_form';

export function GroupPage({ id }: { id: string }) {
  const { session } = useSession();
  const [group, error, reload] = useLoad(() => api.boards.get(id), [id]);
  const [editing, setEditing] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const location = useLocation();
  const tab = location.search.get('tab') === 'files' ? 'files' : 'timeline';
  useLiveEvents((m) => {
    if (m.type === 'resync' || (m.type === 'event' && m.board_id === Number(id) && m.kind === 'member.changed')) reload();
  });
  if (error) return <ErrorAlert error={error} />;
  if (!group) return <Loading />;
  if (group.kind !== 'group') return <BoardRedirect board={group} />;
  const admin = Boolean(group.me?.is_admin);
  const leave = async () => {
    if (!window.confirm(`「${group.name}」から抜けますか？`)) return;
    try {
      await api.boards.removeMember(group.id, session.user.id);
      navigate('/groups');
    } catch (e) {
      setActionError(e);
    }
  };
  return (
    <>
      <PageHeader title={group.name}>
        {admin && !editing && (
          <button type="button" class="secondary" onClick={() => setEditing(true)}>
            設定
          </button>
        )}
      </PageHeader>
      <p class="muted">
        <GroupBadge group={group} /> {group.members.length}人
      </p>
      {group.description && <p class="post-body">{group.description}</p>}
      {group.mail_address && (
        <p class="muted small group-mail">
          メールで投稿: <code>{group.mail_address}</code>
          <br />
          結びに登録したメールアドレスから送ると、添付ファイルごとあなたの投稿になります。
        </p>
      )}
      {editing && (
        <GroupForm
          title="プロジェクトの設定"
          initial={{ name: group.name, description: group.description, open: group.open, hidden: group.hidden }}
          submitLabel="保存する"
          onSubmit={async (fields) => {
            await api.groups.update(group.id, fields);
            setEditing(false);
            reload();
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      <ErrorAlert error={actionError} />
      {admin && <JoinRequests boardId={group.id} onChanged={reload} />}
      <MembersPanel boardId={group.id} members={group.members} canManage={admin} onChanged={reload} fixedRole="member" />
      {!group.me ? (
        <p class="empty">このプロジェクトのメンバーではないため、投稿は表示されません。</p>
      ) : (
        <>
          <div class="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'timeline'} onClick={() => navigate(`/groups/${id}`, true)}>
              タイムライン
            </button>
            <button type="button" role="tab" aria-selected={tab === 'files'} onClick={() => navigate(`/groups/${id}?tab=files`, true)}>
              ファイル
            </button>
          </div>
          {tab === 'files' ? <TeamFiles boardId={group.id} members={group.members} /> : <Board board={group} emptyText="まだ投稿はありません。連絡や資料を共有しましょう。" />}
        </>
      )}
      <p class="button-row">
        <Link href="/groups">← プロジェクトの一覧へ</Link>
        {group.me && !(admin && group.members.filter((m) => m.is_admin).length === 1) && (
          <button type="button" class="link-button small danger-text" onClick={() => void leave()}>
            このプロジェクトから抜ける
          </button>
        )}
      </p>
    </>
  );
}
