// A care team's board (連絡帳): who the person is, the members, writing a post, the timeline
// (important posts I have not acknowledged on top), and the team's files.
import { api } from '../../api';
import { ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { formatBirthDate, SEX_LABELS } from '../../format';
import { useLoad } from '../../hooks';
import { useLiveEvents } from '../../live';
import { Link, navigate, useLocation } from '../../router';
import { DisasterBands } from '../disaster/person_band';
import { SupportNeedsSection } from '../disaster/support_needs';
import { AcpSection } from '../record/acp';
import { ConsentSection } from '../record/consent';
import { EmsActivityBanner } from '../record/ems_activity';
import { FormsSection } from '../record/forms';
import { RecordBanner } from '../record/record_banner';
import { SummarySection } from '../record/summary';
import { Board, BoardRedirect } from './board';
import { JoinRequests } from './join_requests';
import { ContactsJoined, MembersPanel } from './members';
import { TeamFiles } from './team_files';

const TABS = [
  { key: 'timeline', label: 'タイムライン' },
  { key: 'summary', label: '患者サマリ' },
  { key: 'acp', label: 'もしものとき' },
  { key: 'consent', label: '同意書' },
  { key: 'forms', label: '文書' },
  { key: 'support', label: '要援護者' },
  { key: 'files', label: 'ファイル' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

export function TeamPage({ id }: { id: string }) {
  const [team, teamError, reloadTeam] = useLoad(() => api.boards.get(id), [id]);
  const location = useLocation();
  const tab = (TABS.find((t) => t.key === location.search.get('tab'))?.key ?? 'timeline') as TabKey;
  const setTab = (key: TabKey) => navigate(`/teams/${id}${key === 'timeline' ? '' : `?tab=${key}`}`, true);
  useLiveEvents((m) => {
    if (m.type === 'resync' || (m.type === 'event' && m.board_id === Number(id) && m.kind === 'member.changed')) reloadTeam();
  });

  if (teamError) return <ErrorAlert error={teamError} />;
  if (!team) return <Loading />;
  if (team.kind !== 'care') return <BoardRedirect board={team} />;
  const p = team.person!;
  return (
    <>
      <PageHeader title={`${p.name} さん`} />
      <p class="muted person-line">
        {p.name_kana}・{formatBirthDate(p.birth_date)}・{SEX_LABELS[p.sex]}
        {p.address && <>・{p.address}</>}
      </p>
      {team.record && <RecordBanner record={team.record} onOpen={setTab} />}
      {team.record && team.me && !team.me.request_only && (
        <>
          <DisasterBands personId={p.id} />
          <EmsActivityBanner personId={p.id} />
          <p class="team-links">
            <Link href={`/teams/${team.id}/card`}>私の大切な情報カード（救急隊用QRコード）</Link>
          </p>
        </>
      )}
      {team.me?.is_admin && <JoinRequests boardId={team.id} onChanged={reloadTeam} />}
      <ContactsJoined members={team.members} />
      <MembersPanel boardId={team.id} members={team.members} canManage={Boolean(team.me?.is_admin)} onChanged={reloadTeam} />
      {!team.me ? (
        <p class="empty">このチームのメンバーではないため、投稿は表示されません。</p>
      ) : (
        <>
          <div class="tabs" role="tablist">
            {TABS.filter((t) => !team.me?.request_only || t.key === 'timeline' || t.key === 'files').map((t) => (
              <button key={t.key} type="button" role="tab" aria-selected={tab === t.key} onClick={() => setTab(t.key)}>
                {t.label}
              </button>
            ))}
          </div>
          {team.me.request_only && tab !== 'files' ? (
            <Board board={team} emptyText="あなた宛ての依頼はまだありません。" />
          ) : tab === 'files' ? (
            <TeamFiles boardId={team.id} members={team.members} />
          ) : tab === 'summary' ? (
            <SummarySection personId={p.id} canExport={Boolean(team.me?.is_admin)} />
          ) : tab === 'acp' ? (
            <AcpSection personId={p.id} />
          ) : tab === 'consent' ? (
            <ConsentSection personId={p.id} teamId={team.id} />
          ) : tab === 'forms' ? (
            <FormsSection personId={p.id} />
          ) : tab === 'support' ? (
            <SupportNeedsSection personId={p.id} />
          ) : (
            <Board board={team} emptyText="まだ投稿はありません。最初の記録を共有しましょう。" />
          )}
        </>
      )}
      <p>
        <Link href="/teams">← ケアチームの一覧へ</Link>
      </p>
    </>
  );
}
