// もしものとき（人生会議）: the latest conversation first, in the person's own words, and a form
// to record the next one. Earlier conversations stay below: wishes change, and that is the point.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { AcpEntry, AdvanceCarePlan, Vocabularies } from '../../api/types';
import { Alert, ErrorAlert, Field, FormActions, Loading, TextInput } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { CodeSelect, DateField, errorOf } from './fields';
import { label, useVocabularies } from './vocabularies';

export function AcpSection({ personId }: { personId: number }) {
  const vocab = useVocabularies();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState('');
  const [list, error, reload] = useLoad(() => api.record.acp(personId), [personId]);
  if (error) return <ErrorAlert error={error} />;
  if (!list || !vocab) return <Loading />;
  const [latest, ...earlier] = list.items;
  if (editing) {
    return (
      <AcpEditor
        personId={personId}
        vocab={vocab}
        start={latest?.plan}
        onCancel={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          setSaved('話し合いを記録しました');
          reload();
        }}
      />
    );
  }
  return (
    <section aria-labelledby="acp-title">
      <div class="record-head">
        <h2 id="acp-title">もしものとき（人生会議）</h2>
        <button type="button" class="primary" onClick={() => setEditing(true)}>
          話し合いを記録する
        </button>
      </div>
      {saved && <Alert kind="success">{saved}</Alert>}
      {!latest ? (
        <p class="empty">まだ記録されていません。「もしものとき、どうしたいですか」をご本人・ご家族と話し合ったら、ご本人の言葉で記録しましょう。</p>
      ) : (
        <AcpView entry={latest} vocab={vocab} current />
      )}
      {earlier.length > 0 && (
        <details class="earlier">
          <summary>これまでの話し合い（{earlier.length}件）</summary>
          {earlier.map((e) => (
            <AcpView key={e.version} entry={e} vocab={vocab} />
          ))}
        </details>
      )}
    </section>
  );
}

function AcpView({ entry, vocab, current }: { entry: AcpEntry; vocab: Vocabularies; current?: boolean }) {
  const p = entry.plan;
  return (
    <article class={'card acp' + (current ? ' acp--current' : '')} aria-label={`${formatDate(p.discussed_on)}の話し合い`}>
      <p class="muted small">
        {formatDate(p.discussed_on)}の話し合い（第{entry.version}回）・参加: {p.participants.map((x) => (x.role ? `${x.name}（${x.role}）` : x.name)).join('、')}・記録 {entry.recorded_by_name} {formatDateTime(entry.recorded_at)}
      </p>
      {p.wishes && <blockquote class="acp-wishes">{p.wishes}</blockquote>}
      {p.values && (
        <p>
          <strong>大切にしていること:</strong> {p.values}
        </p>
      )}
      <dl class="facts">
        {vocab.life_sustaining_treatments.codes
          .filter((t) => p.treatments[t.code])
          .map((t) => [
            <dt key={t.code + 't'}>{t.label}</dt>,
            <dd key={t.code + 'd'} class={p.treatments[t.code] === 'declines' ? 'acp-declines' : ''}>
              {label(vocab.treatment_preferences, p.treatments[t.code])}
            </dd>,
          ])}
        {p.place_of_care && [<dt key="pc">療養したい場所</dt>, <dd key="pcd">{label(vocab.places_of_care, p.place_of_care)} {p.place_of_care_note}</dd>]}
        {p.place_of_death && [<dt key="pd">最期を迎えたい場所</dt>, <dd key="pdd">{label(vocab.places_of_care, p.place_of_death)} {p.place_of_death_note}</dd>]}
        {p.proxy.name && [
          <dt key="px">代理意思決定者</dt>,
          <dd key="pxd">
            {p.proxy.name}
            {p.proxy.relation && `（${p.proxy.relation}）`} {p.proxy.phone && <a href={`tel:${p.proxy.phone}`}>{p.proxy.phone}</a>}
          </dd>,
        ]}
      </dl>
      {p.notes && <p class="post-body">{p.notes}</p>}
    </article>
  );
}

const EMPTY: AdvanceCarePlan = {
  discussed_on: '',
  participants: [{ name: '', role: '本人' }],
  wishes: '',
  values: '',
  proxy: { name: '', relation: '', phone: '' },
  treatments: {},
  place_of_care: '',
  place_of_care_note: '',
  place_of_death: '',
  place_of_death_note: '',
  notes: '',
};

function AcpEditor({ personId, vocab, start, onSaved, onCancel }: { personId: number; vocab: Vocabularies; start?: AdvanceCarePlan; onSaved: () => void; onCancel: () => void }) {
  // A new conversation starts from the last one's choices (what is unchanged need not be typed
  // again), on a new day with its own participants and words.
  const [p, setP] = useState<AdvanceCarePlan>(start ? { ...start, discussed_on: '', participants: [{ name: '', role: '本人' }], wishes: '' } : EMPTY);
  const { busy, error, run } = useAction();
  const patch = (x: Partial<AdvanceCarePlan>) => setP({ ...p, ...x });
  const save = async (e: Event) => {
    e.preventDefault();
    const saved = await run(async () => {
      await api.record.recordAcp(personId, p);
      onSaved();
    });
    if (!saved) window.scrollTo(0, 0);
  };
  return (
    <form class="card" onSubmit={save} noValidate>
      <h2>話し合いを記録する</h2>
      <ErrorAlert error={error} />
      <DateField id="acp-day" label="話し合った日" required value={p.discussed_on} error={errorOf(error, 'discussed_on')} onValue={(discussed_on) => patch({ discussed_on })} />
      <fieldset class="list-editor">
        <legend>参加した人</legend>
        {errorOf(error, 'participants') && <p class="field-error">{errorOf(error, 'participants')}</p>}
        {p.participants.map((x, i) => (
          <div class="list-editor-row" key={i}>
            <Field id={`acp-p-${i}`} label="氏名" error={errorOf(error, `participants[${i}].name`)}>
              {(a) => <TextInput {...a} value={x.name} onValue={(name) => patch({ participants: p.participants.map((y, j) => (j === i ? { ...y, name } : y)) })} />}
            </Field>
            <Field id={`acp-r-${i}`} label="立場（本人・長女・主治医など）">
              {(a) => <TextInput {...a} value={x.role} onValue={(role) => patch({ participants: p.participants.map((y, j) => (j === i ? { ...y, role } : y)) })} />}
            </Field>
            <button type="button" class="danger small" onClick={() => patch({ participants: p.participants.filter((_, j) => j !== i) })}>
              削除
            </button>
          </div>
        ))}
        <button type="button" class="secondary small" onClick={() => patch({ participants: [...p.participants, { name: '', role: '' }] })}>
          ＋ 参加者を追加
        </button>
      </fieldset>
      <Field id="acp-wishes" label="ご本人の言葉で（もしものとき、どうしたいか）" error={errorOf(error, 'wishes')}>
        {(a) => <textarea {...a} rows={4} value={p.wishes} onInput={(e) => patch({ wishes: (e.currentTarget as HTMLTextAreaElement).value })} />}
      </Field>
      <Field id="acp-values" label="大切にしていること" error={errorOf(error, 'values')}>
        {(a) => <textarea {...a} rows={2} value={p.values} onInput={(e) => patch({ values: (e.currentTarget as HTMLTextAreaElement).value })} />}
      </Field>
      <fieldset>
        <legend>医療処置の希望</legend>
        <div class="treatments">
          {vocab.life_sustaining_treatments.codes.map((t) => (
            <div class="treatment-row" role="radiogroup" aria-label={t.label} key={t.code}>
              <span class="treatment-name">{t.label}</span>
              {vocab.treatment_preferences.codes.map((pref) => (
                <label class="choice" key={pref.code}>
                  <input type="radio" name={`acp-${t.code}`} checked={p.treatments[t.code] === pref.code} onChange={() => patch({ treatments: { ...p.treatments, [t.code]: pref.code } })} />
                  {pref.label}
                </label>
              ))}
            </div>
          ))}
        </div>
      </fieldset>
      <div class="grid-2">
        <CodeSelect id="acp-care-place" label="療養したい場所" vocabulary={vocab.places_of_care} value={p.place_of_care} blank="—" onValue={(place_of_care) => patch({ place_of_care })} />
        <Field id="acp-care-note" label="（補足）">
          {(a) => <TextInput {...a} value={p.place_of_care_note} onValue={(place_of_care_note) => patch({ place_of_care_note })} />}
        </Field>
        <CodeSelect id="acp-death-place" label="最期を迎えたい場所" vocabulary={vocab.places_of_care} value={p.place_of_death} blank="—" onValue={(place_of_death) => patch({ place_of_death })} />
        <Field id="acp-death-note" label="（補足）">
          {(a) => <TextInput {...a} value={p.place_of_death_note} onValue={(place_of_death_note) => patch({ place_of_death_note })} />}
        </Field>
      </div>
      <fieldset>
        <legend>代理意思決定者（ご本人が決められないとき）</legend>
        <div class="grid-3">
          <Field id="acp-proxy-name" label="氏名" error={errorOf(error, 'proxy.name')}>
            {(a) => <TextInput {...a} value={p.proxy.name} onValue={(name) => patch({ proxy: { ...p.proxy, name } })} />}
          </Field>
          <Field id="acp-proxy-relation" label="続柄">
            {(a) => <TextInput {...a} value={p.proxy.relation} onValue={(relation) => patch({ proxy: { ...p.proxy, relation } })} />}
          </Field>
          <Field id="acp-proxy-phone" label="電話" error={errorOf(error, 'proxy.phone')}>
            {(a) => <TextInput {...a} value={p.proxy.phone} onValue={(phone) => patch({ proxy: { ...p.proxy, phone } })} />}
          </Field>
        </div>
      </fieldset>
      <Field id="acp-notes" label="メモ">
        {(a) => <textarea {...a} rows={2} value={p.notes} onInput={(e) => patch({ notes: (e.currentTarget as HTMLTextAreaElement).value })} />}
      </Field>
      <FormActions label="記録する" busy={busy} onCancel={onCancel} />
    </form>
  );
}
