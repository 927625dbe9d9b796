// 私の大切な情報カード: a team member prints the card the city hands out for the person's fridge —
// name, birth date, the card number and a QR code that opens the emergency view for a signed-in
// crew only (to anyone else it opens nothing). Health data is printed only for the fields the
// team ticks. Issuing a new card makes the old one useless (a lost card).
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import type { BoardView, PersonCard, SummaryView } from '../../api/types';
import { QrCode } from '../../components/qr_code';
import { Alert, ErrorAlert, Loading, PageHeader } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { Link } from '../../router';

const OPTIONAL = [
  { key: 'doctor', label: 'かかりつけ医' },
  { key: 'contact', label: '緊急連絡先' },
  { key: 'acp', label: 'もしものとき（要点）' },
  { key: 'allergies', label: 'アレルギー' },
] as const;
type Optional = (typeof OPTIONAL)[number]['key'];

// A missing card (404) is no error: the team has not issued one yet.
async function currentCard(personId: number): Promise<PersonCard | null> {
  try {
    return await api.ems.card(personId);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export function InfoCardPage({ id }: { id: string }) {
  const [team, error] = useLoad(() => api.boards.get(id), [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!team) return <Loading />;
  if (team.kind !== 'care' || !team.me || team.me.request_only || !team.person) {
    return <Alert>情報カードは、この方のケアチームのメンバーが発行します。</Alert>;
  }
  return <InfoCard team={team} />;
}

function InfoCard({ team }: { team: BoardView }) {
  const p = team.person!;
  const [card, cardError, , setCard] = useLoad(() => currentCard(p.id), [p.id]);
  const [summary] = useLoad(() => api.record.summary(p.id).catch((): SummaryView | null => null), [p.id]);
  const [chosen, setChosen] = useState<Record<Optional, boolean>>({ doctor: false, contact: false, acp: false, allergies: false });
  const action = useAction();
  const issue = () => {
    if (card && !window.confirm('新しいカードを発行すると、今のカードのQRコードは使えなくなります。発行しますか？')) return;
    void action.run(async () => setCard(await api.ems.issueCard(p.id)), 'カードを発行しました。印刷して、ご本人にお渡しください。');
  };
  const s = summary?.summary;
  const kin = s?.contacts.find((c) => c.next_of_kin) ?? s?.contacts[0];
  return (
    <>
      <PageHeader title="私の大切な情報カード" />
      <p class="muted no-print">
        冷蔵庫などに貼っておくカードです。QRコードは救急隊の端末（救急情報連携）でだけ開けます。それ以外の人が読み取っても、ログイン画面が出るだけです。
      </p>
      <ErrorAlert error={cardError ?? action.error} />
      {action.message && <Alert kind="success">{action.message}</Alert>}
      {card === null && !cardError && <p class="no-print">まだ発行されていません。</p>}
      <fieldset class="card no-print">
        <legend>カードに載せる情報（選んだものだけ印刷されます）</legend>
        {OPTIONAL.map((o) => (
          <label key={o.key} class="check">
            <input type="checkbox" checked={chosen[o.key]} onChange={(e) => setChosen({ ...chosen, [o.key]: e.currentTarget.checked })} />
            {o.label}
          </label>
        ))}
      </fieldset>
      {card && (
        <section class="info-card" aria-label="私の大切な情報カード">
          <h2>私の大切な情報カード</h2>
          <p class="info-card-name">
            {p.name}
            <span>（{p.name_kana}）</span>
          </p>
          <p>生年月日: {formatDate(p.birth_date)}</p>
          {chosen.doctor && s?.primary_doctor.name && (
            <p>
              かかりつけ医: {s.primary_doctor.name}
              {s.primary_doctor.facility && `（${s.primary_doctor.facility}）`} {s.primary_doctor.phone}
            </p>
          )}
          {chosen.contact && kin && (
            <p>
              緊急連絡先: {kin.name}（{kin.relation}） {kin.phone}
            </p>
          )}
          {chosen.acp && team.record?.acp_headline && <p>もしものとき: {team.record.acp_headline}</p>}
          {chosen.allergies && s && s.allergies.length > 0 && <p>アレルギー: {s.allergies.map((a) => a.substance).join('、')}</p>}
          <div class="info-card-qr">
            <QrCode text={window.location.origin + card.path} label="救急隊が読み取るQRコード" class="qr-code info-card-code" />
            <p>
              カード番号
              <br />
              <strong>{card.number}</strong>
            </p>
          </div>
          <p class="info-card-note">救急隊の方へ: QRコードを救急情報連携の端末で読み取ってください。</p>
        </section>
      )}
      {card && (
        <p class="muted no-print">
          {formatDateTime(card.issued_at)} {card.issued_by_name}さんが発行
        </p>
      )}
      <div class="button-row no-print">
        {card && (
          <button type="button" class="primary" onClick={() => window.print()}>
            印刷する
          </button>
        )}
        <button type="button" class={card ? 'secondary' : 'primary'} disabled={action.busy} onClick={issue}>
          {card ? '再発行する' : 'カードを発行する'}
        </button>
      </div>
      <p class="no-print">
        <Link href={`/teams/${team.id}`}>← {p.name}さんのケアチームへ</Link>
      </p>
    </>
  );
}
