// One person as a crew needs them for the next ten minutes, on one phone screen: もしものとき in a
// band that cannot be missed, then living alone and care level, conditions, allergies and
// medication, the doctor and the next of kin with tap-to-call. Each part with its date. Below: the
// transport report back and the 活動履歴.
import { api } from '../../api';
import type { EmergencyView, EmsContactPoint } from '../../api/types';
import { ErrorAlert, Loading } from '../../components/ui';
import { useLoad } from '../../hooks';
import { Link } from '../../router';
import { loadReason, SEX_LABELS } from './lookup_reason';
import { TransportForm, TransportHistory } from './transport';

function Tel({ phone }: { phone: string }) {
  if (!phone) return null;
  return (
    <a class="ems-tel" href={`tel:${phone.replace(/[^0-9+]/g, '')}`}>
      ☎ {phone}
    </a>
  );
}

function day(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}

export function EmergencyViewPage({ id }: { id: string }) {
  const [view, error, , setView] = useLoad(() => api.ems.person(id, loadReason()), [id]);
  return (
    <div>
      <p>
        <Link href="/ems">← 検索に戻る</Link>
      </p>
      <ErrorAlert error={error} />
      {!view && !error && <Loading />}
      {view && <EmergencyDetails view={view} setView={setView} />}
    </div>
  );
}

// The view, then the transport report back and the 活動履歴 (a report adds to the history shown).
export function EmergencyDetails({ view, setView }: { view: EmergencyView; setView: (v: EmergencyView) => void }) {
  return (
    <>
      <Emergency view={view} />
      <TransportForm personId={view.id} onReported={(t) => setView({ ...view, transports: [t, ...view.transports] })} />
      <TransportHistory transports={view.transports} />
    </>
  );
}

function Emergency({ view }: { view: EmergencyView }) {
  const s = view.summary;
  return (
    <article>
      <h1>
        {view.name}（{view.name_kana}）
      </h1>
      <p>
        {SEX_LABELS[view.sex] ?? ''} {view.age}歳　{view.birth_date_wareki}（{view.birth_date}）
        <br />
        {view.address} <Tel phone={view.phone} />
      </p>
      <section class="ems-band" aria-label="もしものとき">
        <h2>もしものとき</h2>
        {view.acp ? (
          <>
            <p class="headline">{view.acp.headline || '（記録はありますが、希望は書かれていません）'}</p>
            <ul>
              {view.acp.treatments.map((t) => (
                <li key={t.treatment}>
                  {t.label}: {t.preference_label}
                </li>
              ))}
              {view.acp.place_of_care && <li>療養の場所: {view.acp.place_of_care}</li>}
              {view.acp.place_of_death && <li>最期を迎える場所: {view.acp.place_of_death}</li>}
            </ul>
            {view.acp.proxy && (
              <p>
                代理意思決定者: {view.acp.proxy.name}（{view.acp.proxy.relation}） <Tel phone={view.acp.proxy.phone} />
              </p>
            )}
            <p class="ems-date">話し合った日: {view.acp.discussed_on}</p>
          </>
        ) : (
          <p>もしものときの記録はありません。</p>
        )}
      </section>
      {s ? <SummaryFacts s={s} /> : <p>患者サマリはまだありません。</p>}
      <h2>ケアチーム・市の窓口</h2>
      {[...(view.team_contact ? [view.team_contact] : []), ...view.city_contacts].map((c) => (
        <p key={c.role + c.name}>
          {c.role}: {c.name}
          {c.facility && `（${c.facility}）`} <Tel phone={c.phone} />
        </p>
      ))}
    </article>
  );
}

function SummaryFacts({ s }: { s: NonNullable<EmergencyView['summary']> }) {
  const point = (label: string, p: EmsContactPoint | null) =>
    p && (
      <p>
        {label}: {p.name} {p.facility && `（${p.facility}）`} <Tel phone={p.phone} />
      </p>
    );
  return (
    <>
      <h2>暮らし</h2>
      <dl class="ems-facts">
        <dt>世帯</dt>
        <dd>{s.lives_alone ? <span class="ems-alone">独居</span> : s.living || '記録なし'}</dd>
        <dt>要介護度</dt>
        <dd>{s.care_level || '記録なし'}</dd>
        <dt>寝たきり度</dt>
        <dd>{s.disability_independence || '記録なし'}</dd>
        <dt>認知症の自立度</dt>
        <dd>{s.dementia_independence || '記録なし'}</dd>
      </dl>
      <h2>病名・アレルギー・服薬</h2>
      <dl class="ems-facts">
        <dt>病名</dt>
        <dd>{s.conditions.map((c) => c.name).join('、') || '記録なし'}</dd>
        <dt>アレルギー</dt>
        <dd>{s.allergies.map((a) => (a.reaction ? `${a.substance}（${a.reaction}）` : a.substance)).join('、') || '記録なし'}</dd>
        <dt>服薬</dt>
        <dd>{s.medications.map((m) => (m.dosage ? `${m.name} ${m.dosage}` : m.name)).join('、') || '記録なし'}</dd>
        <dt>医療機器</dt>
        <dd>{s.devices.length > 0 ? <strong>{s.devices.map((d) => (d.note ? `${d.name}（${d.note}）` : d.name)).join('、')}</strong> : '記録なし'}</dd>
        <dt>予防接種</dt>
        <dd>{s.vaccinations.map((x) => (x.date ? `${x.vaccine} ${x.date}` : x.vaccine)).join('、') || '記録なし'}</dd>
      </dl>
      <h2>医療機関</h2>
      {point('かかりつけ医', s.primary_doctor)}
      {point('病院', s.hospital)}
      {!s.primary_doctor && !s.hospital && <p>記録なし</p>}
      <h2>近親者・連絡先</h2>
      {s.contacts.length === 0 && <p>記録なし</p>}
      {s.contacts.map((c) => (
        <p key={c.name + c.phone}>
          {c.next_of_kin && <strong>緊急連絡先 </strong>}
          {c.name}（{c.relation}） <Tel phone={c.phone} />
        </p>
      ))}
      <p class="ems-date">患者サマリ: {day(s.saved_at)} 保存（第{s.version}版）</p>
    </>
  );
}
