// Editing the 患者サマリ: every part on one page, lists that grow and shrink, codes from the
// server's vocabularies, dates in 和暦 or 西暦. Saving makes a new version; if someone saved first,
// the server says so and nothing is overwritten.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { Summary, SummaryView, Vocabularies } from '../../api/types';
import { ErrorAlert, Field, FormActions, TextInput } from '../../components/ui';
import { useAction } from '../../hooks';
import { CodeSelect, DateField, errorOf } from './fields';

interface Column<T> {
  key: keyof T & string;
  label: string;
  kind?: 'text' | 'partial-date' | 'check';
  wide?: boolean;
}

// One list of the summary (病名, 服薬 …): a row of inputs per entry, 追加 and 削除.
function ListEditor<T extends Record<string, string | boolean>>(props: {
  name: string;
  title: string;
  rows: T[];
  columns: Column<T>[];
  blank: T;
  error: unknown;
  onRows: (rows: T[]) => void;
}) {
  const set = (i: number, key: string, value: string | boolean) => props.onRows(props.rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)));
  return (
    <fieldset class="list-editor">
      <legend>{props.title}</legend>
      {errorOf(props.error, props.name) && <p class="field-error">{errorOf(props.error, props.name)}</p>}
      {props.rows.map((row, i) => (
        <div class="list-editor-row" key={i}>
          {props.columns.map((c) => {
            const id = `${props.name}-${i}-${c.key}`;
            const err = errorOf(props.error, `${props.name}[${i}].${c.key}`);
            if (c.kind === 'check') {
              return (
                <label class="checkbox" key={c.key}>
                  <input type="checkbox" checked={Boolean(row[c.key])} onChange={(e) => set(i, c.key, (e.currentTarget as HTMLInputElement).checked)} />
                  {c.label}
                </label>
              );
            }
            if (c.kind === 'partial-date') {
              return <DateField key={c.key} id={id} label={c.label} partial value={String(row[c.key])} error={err} onValue={(v) => set(i, c.key, v)} />;
            }
            return (
              <Field key={c.key} id={id} label={c.label} error={err}>
                {(a) => <TextInput {...a} value={String(row[c.key])} onValue={(v) => set(i, c.key, v)} />}
              </Field>
            );
          })}
          <button type="button" class="danger small" onClick={() => props.onRows(props.rows.filter((_, j) => j !== i))}>
            削除
          </button>
        </div>
      ))}
      <button type="button" class="secondary small" onClick={() => props.onRows([...props.rows, { ...props.blank }])}>
        ＋ {props.title}を追加
      </button>
    </fieldset>
  );
}

function LevelsEditor({ title, items, levels, value, error, name, onValue }: { title: string; items: Vocabularies['adl_items']; levels: Vocabularies['assistance_levels']; value: Record<string, string>; error: unknown; name: string; onValue: (v: Record<string, string>) => void }) {
  return (
    <fieldset>
      <legend>{title}</legend>
      <div class="grid-3">
        {items.codes.map((item) => (
          <CodeSelect key={item.code} id={`${name}-${item.code}`} label={item.label} vocabulary={levels} value={value[item.code] ?? ''} error={errorOf(error, `${name}.${item.code}`)} onValue={(v) => onValue({ ...value, [item.code]: v })} />
        ))}
      </div>
    </fieldset>
  );
}

export function SummaryEditor({ personId, view, vocab, onSaved, onCancel }: { personId: number; view: SummaryView; vocab: Vocabularies; onSaved: (v: SummaryView) => void; onCancel: () => void }) {
  const [s, setS] = useState<Summary>(view.summary);
  const { busy, error, run } = useAction();
  const patch = (p: Partial<Summary>) => setS({ ...s, ...p });
  const save = async (e: Event) => {
    e.preventDefault();
    const saved = await run(async () => onSaved(await api.record.saveSummary(personId, view.version, s)));
    if (!saved) window.scrollTo(0, 0);
  };
  const text = (id: string, labelText: string, value: string, onValue: (v: string) => void, field = id) => (
    <Field id={`summary-${id}`} label={labelText} error={errorOf(error, field)}>
      {(a) => <TextInput {...a} value={value} onValue={onValue} />}
    </Field>
  );
  return (
    <form class="card summary-editor" onSubmit={save} noValidate>
      <h2>患者サマリを{view.version === 0 ? '記録' : '編集'}</h2>
      <ErrorAlert error={error} />
      <ListEditor name="conditions" title="病名" error={error} rows={s.conditions} blank={{ name: '', onset: '', note: '' }} onRows={(conditions) => patch({ conditions })}
        columns={[{ key: 'name', label: '病名' }, { key: 'onset', label: '発症', kind: 'partial-date' }, { key: 'note', label: 'メモ' }]} />
      <ListEditor name="medications" title="服薬" error={error} rows={s.medications} blank={{ name: '', dosage: '', prescriber: '' }} onRows={(medications) => patch({ medications })}
        columns={[{ key: 'name', label: '薬剤名' }, { key: 'dosage', label: '用法・用量' }, { key: 'prescriber', label: '処方元' }]} />
      <ListEditor name="allergies" title="アレルギー" error={error} rows={s.allergies} blank={{ substance: '', reaction: '' }} onRows={(allergies) => patch({ allergies })}
        columns={[{ key: 'substance', label: '原因（薬剤・食物など）' }, { key: 'reaction', label: '症状' }]} />
      <ListEditor name="devices" title="医療機器・医療処置（人工呼吸器・在宅酸素・透析・ペースメーカーなど）" error={error} rows={s.devices} blank={{ name: '', note: '' }} onRows={(devices) => patch({ devices })}
        columns={[{ key: 'name', label: '機器・処置' }, { key: 'note', label: 'メモ（設定・曜日など）' }]} />
      <ListEditor name="vaccinations" title="予防接種" error={error} rows={s.vaccinations} blank={{ vaccine: '', date: '' }} onRows={(vaccinations) => patch({ vaccinations })}
        columns={[{ key: 'vaccine', label: 'ワクチン' }, { key: 'date', label: '接種日', kind: 'partial-date' }]} />
      <fieldset>
        <legend>要介護度・日常生活自立度</legend>
        <div class="grid-3">
          <CodeSelect id="summary-care-level" label="要介護度" vocabulary={vocab.care_levels} value={s.care.level} error={errorOf(error, 'care.level')} onValue={(level) => patch({ care: { ...s.care, level } })} />
          <DateField id="summary-care-from" label="有効期間（から）" value={s.care.valid_from} error={errorOf(error, 'care.valid_from')} onValue={(valid_from) => patch({ care: { ...s.care, valid_from } })} />
          <DateField id="summary-care-to" label="有効期間（まで）" value={s.care.valid_to} error={errorOf(error, 'care.valid_to')} onValue={(valid_to) => patch({ care: { ...s.care, valid_to } })} />
          <CodeSelect id="summary-disability" label="障害高齢者の日常生活自立度" vocabulary={vocab.disability_independence} value={s.disability_independence} error={errorOf(error, 'disability_independence')} onValue={(v) => patch({ disability_independence: v })} />
          <CodeSelect id="summary-dementia" label="認知症高齢者の日常生活自立度" vocabulary={vocab.dementia_independence} value={s.dementia_independence} error={errorOf(error, 'dementia_independence')} onValue={(v) => patch({ dementia_independence: v })} />
        </div>
      </fieldset>
      <LevelsEditor title="ADL" name="adl" items={vocab.adl_items} levels={vocab.assistance_levels} value={s.adl} error={error} onValue={(adl) => patch({ adl })} />
      <LevelsEditor title="IADL" name="iadl" items={vocab.iadl_items} levels={vocab.assistance_levels} value={s.iadl} error={error} onValue={(iadl) => patch({ iadl })} />
      <fieldset>
        <legend>生活状況</legend>
        <div class="grid-2">
          <CodeSelect id="summary-living" label="世帯" vocabulary={vocab.living_situations} value={s.living} error={errorOf(error, 'living')} onValue={(living) => patch({ living })} />
          {text('living-note', '備考', s.living_note, (living_note) => patch({ living_note }), 'living_note')}
        </div>
      </fieldset>
      <ListEditor name="services" title="利用中のサービス" error={error} rows={s.services} blank={{ kind: '', provider: '', frequency: '' }} onRows={(services) => patch({ services })}
        columns={[{ key: 'kind', label: '種類（訪問介護など）' }, { key: 'provider', label: '事業所' }, { key: 'frequency', label: '頻度' }]} />
      <ListEditor name="contacts" title="連絡先" error={error} rows={s.contacts} blank={{ name: '', relation: '', phone: '', key_person: false, next_of_kin: false }} onRows={(contacts) => patch({ contacts })}
        columns={[{ key: 'name', label: '氏名' }, { key: 'relation', label: '続柄・関係' }, { key: 'phone', label: '電話' }, { key: 'key_person', label: 'キーパーソン', kind: 'check' }, { key: 'next_of_kin', label: '緊急連絡先', kind: 'check' }]} />
      {(['primary_doctor', 'hospital'] as const).map((k) => (
        <fieldset key={k}>
          <legend>{k === 'primary_doctor' ? '主治医' : '病院（かかりつけ・入院先）'}</legend>
          <div class="grid-3">
            {text(`${k}-name`, k === 'primary_doctor' ? '医師名' : '病院名', s[k].name, (name) => patch({ [k]: { ...s[k], name } }), `${k}.name`)}
            {text(`${k}-facility`, k === 'primary_doctor' ? '医療機関' : '診療科', s[k].facility, (facility) => patch({ [k]: { ...s[k], facility } }), `${k}.facility`)}
            {text(`${k}-phone`, '電話', s[k].phone, (phone) => patch({ [k]: { ...s[k], phone } }), `${k}.phone`)}
          </div>
        </fieldset>
      ))}
      <fieldset>
        <legend>保険</legend>
        <p class="hint">●で隠れた番号はそのままにすると変わりません。変えるときだけ入力し直してください。</p>
        <div class="grid-2">
          {text('insurer', '医療保険 保険者番号', s.insurance.medical_insurer_number, (v) => patch({ insurance: { ...s.insurance, medical_insurer_number: v } }), 'insurance.medical_insurer_number')}
          {text('card', '医療保険 記号・番号', s.insurance.medical_card_number, (v) => patch({ insurance: { ...s.insurance, medical_card_number: v } }), 'insurance.medical_card_number')}
          {text('care-insured', '介護保険 被保険者番号', s.insurance.care_insured_number, (v) => patch({ insurance: { ...s.insurance, care_insured_number: v } }), 'insurance.care_insured_number')}
          {text('public-expense', '公費負担者番号', s.insurance.public_expense_number, (v) => patch({ insurance: { ...s.insurance, public_expense_number: v } }), 'insurance.public_expense_number')}
        </div>
      </fieldset>
      <Field id="summary-notes" label="特記事項" error={errorOf(error, 'notes')}>
        {(a) => <textarea {...a} rows={4} value={s.notes} onInput={(e) => patch({ notes: (e.currentTarget as HTMLTextAreaElement).value })} />}
      </Field>
      <FormActions label="保存する" busy={busy} onCancel={onCancel} sticky />
    </form>
  );
}
