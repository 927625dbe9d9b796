// One conversation: who is on it and its messages (a board without categories or 特別便).
import { api } from '../../api';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../hooks';
import { Link } from '../../router';
import { useSession } from '../../session';
import { Board, BoardRedirect } from '../board/board';

export function ConversationPage({ id }: { id: string }) {
  const { session } = useSession();
  const [conversation, error] = useLoad(() => api.boards.get(id), [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!conversation) return <Loading />;
  if (conversation.kind !== 'direct') return <BoardRedirect board={conversation} />;
  const others = conversation.members.filter((m) => m.user_id !== session.user.id);
  return (
    <>
      <PageHeader title={others.map((m) => m.name).join('、') || 'メッセージ'} />
      <p class="muted small">{others.map((m) => `${m.name}（${m.facility_name} ${m.profession_name}）`).join('・')}</p>
      {conversation.me && <Board board={conversation} emptyText="まだメッセージはありません。" />}
      <p>
        <Link href="/messages">← メッセージの一覧へ</Link>
      </p>
    </>
  );
}
