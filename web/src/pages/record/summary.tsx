// 患者サマリ: the person's key facts as the team sees them, who last changed them, earlier
// versions, and the editor. Insurance numbers stay masked until someone asks to see them.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { Insurance, Summary, Vocabularies } from '../../api/types';
import { Alert, ErrorAlert, Loading } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { SummaryEditor } from './summary_editor';
import { label, useVocabularies } from './vocabularies';

type Mode = { kind: 'current' } | { kind: 'edit' } | { kind: 'history' } | { kind: 'version'; version: number };

export function SummarySection({ personId, canExport }: { personId: number; canExport?: boolean }) {
  const vocab = useVocabularies();
  const [mode, setMode] = useState<Mode>({ kind: 'current' });
  const [saved, setSaved] = useState('');
  const version = mode.kind === 'version' ? mode.version : undefined;
  const [view, error, reload] = useLoad(() => api.record.summary(personId, version), [personId, version]);
  if (error) return <ErrorAlert error={error} />;
  if (!view || !vocab) return <Loading />;

  if (mode.kind === 'edit') {
    return (
      <SummaryEditor
        personId={personId}
        view={view}
        vocab={vocab}
        onCancel={() => setMode({ kind: 'current' })}
        onSaved={(v) => {
          setSaved(`第${v.version}版として保存しました`);
          setMode({ kind: 'current' });
          reload();
        }}
      />
    );
  }
  if (mode.kind === 'history') return <SummaryHistory personId={personId} onShow={(version) => setMode({ kind: 'version', version })} onBack={() => setMode({ kind: 'current' })} />;

  const old = mode.kind === 'version';
  return (
    <section aria-labelledby="summary-title">
      <div class="record-head">
        <h2 id="summary-title">患者サマリ</h2>
        {view.version > 0 && (
          <p class="muted small">
            第{view.version}版・{formatDateTime(view.changed_at)} {view.changed_by_name}
          </p>
        )}
        <div class="button-row">
          {!old && (
            <button type="button" class="primary" onClick={() => setMode({ kind: 'edit' })}>
              {view.version === 0 ? '記録する' : '編集する'}
            </button>
          )}
          {view.version > 0 && (
            <button type="button" class="secondary" onClick={() => setMode({ kind: 'history' })}>
              変更の履歴
            </button>
          )}
          {old && (
            <button type="button" class="secondary" onClick={() => setMode({ kind: 'current' })}>
              最新の版に戻る
            </button>
          )}
        </div>
      </div>
      {old && <Alert kind="info">第{view.version}版（{formatDateTime(view.changed_at)}）を表示しています。これは過去の版です。</Alert>}
      {saved && !old && <Alert kind="success">{saved}</Alert>}
      {canExport && !old && (
        <p class="small">
          <a href={api.record.fhirExportUrl(personId)} download>
            FHIR形式（JP Core）で書き出す
          </a>
          <span class="muted">　チームの管理者だけが書き出せます。書き出しは監査ログに記録されます。</span>
        </p>
      )}
      {view.version === 0 ? <p class="empty">まだ記録されていません。病名・服薬・アレルギー・要介護度などを記録すると、チーム全員が同じ情報を見られます。</p> : <SummaryFacts summary={view.summary} vocab={vocab} personId={personId} hasInsurance={view.has_insurance && !old} />}
    </section>
  );
}

function SummaryFacts({ summary: s, vocab, personId, hasInsurance }: { summary: Summary; vocab: Vocabularies; personId: number; hasInsurance: boolean }) {
  const levels = (items: Record<string, string>, v: Vocabularies['adl_items']) =>
    v.codes.filter((c) => items[c.code]).map((c) => (
      <li key={c.code}>
        {c.label}: <strong>{label(vocab.assistance_levels, items[c.code])}</strong>
      </li>
    ));
  return (
    <div class="record-grid">
      <Card title="病名">
        {s.conditions.length === 0 ? <None /> : (
          <ul class="fact-list">
            {s.conditions.map((c, i) => (
              <li key={i}>
                <strong>{c.name}</strong>
                {c.onset && <span class="muted">（{formatDate(c.onset)}発症）</span>}
                {c.note && <div class="muted small">{c.note}</div>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="アレルギー" warn={s.allergies.length > 0}>
        {s.allergies.length === 0 ? <None text="記録なし" /> : (
          <ul class="fact-list">
            {s.allergies.map((a, i) => (
              <li key={i}>
                <strong>{a.substance}</strong>
                {a.reaction && <span>（{a.reaction}）</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="医療機器・医療処置" warn={s.devices.length > 0}>
        {s.devices.length === 0 ? <None text="記録なし" /> : (
          <ul class="fact-list">
            {s.devices.map((d, i) => (
              <li key={i}>
                <strong>{d.name}</strong>
                {d.note && <span>（{d.note}）</span>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="予防接種">
        {s.vaccinations.length === 0 ? <None text="記録なし" /> : (
          <ul class="fact-list">
            {s.vaccinations.map((x, i) => (
              <li key={i}>
                <strong>{x.vaccine}</strong> {x.date && formatDate(x.date)}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="服薬">
        {s.medications.length === 0 ? <None /> : (
          <ul class="fact-list">
            {s.medications.map((m, i) => (
              <li key={i}>
                <strong>{m.name}</strong> {m.dosage}
                {m.prescriber && <div class="muted small">処方: {m.prescriber}</div>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="要介護度・日常生活自立度">
        <dl class="facts">
          <dt>要介護度</dt>
          <dd>
            {label(vocab.care_levels, s.care.level) || '未記録'}
            {(s.care.valid_from || s.care.valid_to) && (
              <div class="muted small">
                有効期間 {formatDate(s.care.valid_from)}〜{formatDate(s.care.valid_to)}
              </div>
            )}
          </dd>
          <dt>障害高齢者</dt>
          <dd>{label(vocab.disability_independence, s.disability_independence) || '未記録'}</dd>
          <dt>認知症高齢者</dt>
          <dd>{label(vocab.dementia_independence, s.dementia_independence) || '未記録'}</dd>
        </dl>
      </Card>
      <Card title="ADL・IADL">
        {Object.keys(s.adl).length + Object.keys(s.iadl).length === 0 ? <None /> : (
          <ul class="fact-list columns">
            {levels(s.adl, vocab.adl_items)}
            {levels(s.iadl, vocab.iadl_items)}
          </ul>
        )}
      </Card>
      <Card title="生活状況・利用中のサービス">
        <p>
          <strong>{label(vocab.living_situations, s.living) || '未記録'}</strong>
          {s.living_note && <span>　{s.living_note}</span>}
        </p>
        {s.services.length > 0 && (
          <ul class="fact-list">
            {s.services.map((x, i) => (
              <li key={i}>
                {x.kind}
                {x.provider && <span class="muted">（{x.provider}）</span>} {x.frequency}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="連絡先・キーパーソン">
        {s.contacts.length === 0 ? <None /> : (
          <ul class="fact-list">
            {s.contacts.map((c, i) => (
              <li key={i}>
                <strong>{c.name}</strong> {c.relation && <span class="muted">（{c.relation}）</span>}
                {c.key_person && <span class="badge">キーパーソン</span>} {c.next_of_kin && <span class="badge badge--important">緊急連絡先</span>}
                {c.phone && (
                  <div>
                    <a href={`tel:${c.phone}`}>{c.phone}</a>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="主治医・病院">
        <dl class="facts">
          <dt>主治医</dt>
          <dd>
            <ContactLine first={s.primary_doctor.facility} second={s.primary_doctor.name} phone={s.primary_doctor.phone} />
          </dd>
          <dt>病院</dt>
          <dd>
            <ContactLine first={s.hospital.name} second={s.hospital.facility} phone={s.hospital.phone} />
          </dd>
        </dl>
      </Card>
      <InsuranceCard personId={personId} masked={s.insurance} available={hasInsurance} />
      {s.notes && (
        <Card title="特記事項">
          <p class="post-body">{s.notes}</p>
        </Card>
      )}
    </div>
  );
}

function InsuranceCard({ personId, masked, available }: { personId: number; masked: Insurance; available: boolean }) {
  const [shown, setShown] = useState<Insurance | null>(null);
  const { error, run } = useAction();
  const reveal = () => run(async () => setShown(await api.record.revealInsurance(personId)));
  const v = shown ?? masked;
  const rows: [string, string][] = [
    ['医療保険 保険者番号', v.medical_insurer_number],
    ['医療保険 記号・番号', v.medical_card_number],
    ['介護保険 被保険者番号', v.care_insured_number],
    ['公費負担者番号', v.public_expense_number],
  ];
  return (
    <Card title="保険">
      <ErrorAlert error={error} />
      <dl class="facts">
        {rows.map(([t, n]) => [
          <dt key={t + 'dt'}>{t}</dt>,
          <dd key={t + 'dd'} class="mono">
            {n || '—'}
          </dd>,
        ])}
      </dl>
      {available && !shown && (
        <button type="button" class="secondary small" onClick={() => void reveal()}>
          番号を表示する
        </button>
      )}
      {shown && <p class="muted small">番号を表示したことは監査ログに記録されました。</p>}
    </Card>
  );
}

function SummaryHistory({ personId, onShow, onBack }: { personId: number; onShow: (v: number) => void; onBack: () => void }) {
  const [history, error] = useLoad(() => api.record.summaryHistory(personId), [personId]);
  if (error) return <ErrorAlert error={error} />;
  if (!history) return <Loading />;
  return (
    <section aria-labelledby="history-title">
      <div class="record-head">
        <h2 id="history-title">患者サマリの変更履歴</h2>
        <button type="button" class="secondary" onClick={onBack}>
          最新の版に戻る
        </button>
      </div>
      <ol class="version-list">
        {history.items.map((v) => (
          <li key={v.version}>
            <div class="version-head">
              <strong>第{v.version}版</strong>
              <span class="muted small">
                {formatDateTime(v.changed_at)} {v.changed_by_name}
              </span>
              <button type="button" class="link-button small" onClick={() => onShow(v.version)}>
                この版を見る
              </button>
            </div>
            <ul class="changes">
              {v.changes.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Card({ title, warn, children }: { title: string; warn?: boolean; children: preact.ComponentChildren }) {
  return (
    <section class={'card record-card' + (warn ? ' record-card--warn' : '')} aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function None({ text = '未記録' }: { text?: string }) {
  return <p class="muted">{text}</p>;
}

// 主治医: clinic, then doctor; 病院: hospital, then department.
function ContactLine({ first, second, phone }: { first: string; second: string; phone: string }) {
  if (!first && !second && !phone) return <span class="muted">未記録</span>;
  return (
    <>
      {first} {second}
      {phone && (
        <div>
          <a href={`tel:${phone}`}>{phone}</a>
        </div>
      )}
    </>
  );
}
