// A crew's search: the reason and incident first (every lookup is audited with them), then any
// of kana, name, birth date (和暦 or 西暦, or only the year), phone (its last digits suffice),
// part of the address and sex. Matches without consent show only that.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { EmsSearchInput, EmsSearchResult } from '../../api/types';
import { ErrorAlert, Field, fieldError, TextInput } from '../../components/ui';
import { useAction } from '../../hooks';
import { navigate } from '../../router';
import { loadReason, saveReason, SEX_LABELS } from './lookup_reason';
import { BirthYearSelect } from './birth_year';
import { ReasonFields } from './reason_fields';

const FIELDS: { key: keyof EmsSearchInput; label: string; hint?: string; mode?: string }[] = [
  { key: 'name_kana', label: '氏名カナ', hint: '全角・半角、空白の有無は問いません' },
  { key: 'name', label: '氏名（漢字）' },
  { key: 'birth_date', label: '生年月日', hint: '例: 昭和16年3月2日、S16.3.2、1941/3/2、昭和16年（年だけでも可）' },
  { key: 'phone', label: '電話番号', hint: '下4桁だけでも検索できます', mode: 'tel' },
  { key: 'address', label: '住所の一部' },
];

// This year in Japan, for the year list.
function jstYear(): number {
  return new Date(Date.now() + 9 * 3600_000).getUTCFullYear();
}

export function EmsSearchPage() {
  const [why, setWhy] = useState(loadReason);
  const [input, setInput] = useState<EmsSearchInput>({});
  const [result, setResult] = useState<EmsSearchResult | null>(null);
  const action = useAction();
  const set = (key: keyof EmsSearchInput) => (v: string) => setInput({ ...input, [key]: v });
  const search = (e: Event) => {
    e.preventDefault();
    saveReason(why);
    void action.run(async () => setResult(await api.ems.search(input, why)));
  };
  return (
    <form onSubmit={search}>
      <h1>患者検索</h1>
      <ReasonFields why={why} setWhy={setWhy} error={action.error} />
      {FIELDS.map((f) => (
        <Field key={f.key} id={`ems-${f.key}`} label={f.label} hint={f.hint} error={fieldError(action.error, f.key)}>
          {(p) => (
            <>
              <TextInput {...p} inputMode={f.mode as 'tel' | undefined} value={input[f.key] ?? ''} onValue={set(f.key)} />
              {f.key === 'birth_date' && <BirthYearSelect value={input.birth_date ?? ''} onYear={set('birth_date')} thisYear={jstYear()} />}
            </>
          )}
        </Field>
      ))}
      <Field id="ems-sex" label="性別" error={fieldError(action.error, 'sex')}>
        {(p) => (
          <select {...p} value={input.sex ?? ''} onChange={(e) => set('sex')(e.currentTarget.value)}>
            <option value="">指定しない</option>
            <option value="male">男性</option>
            <option value="female">女性</option>
          </select>
        )}
      </Field>
      <ErrorAlert error={action.error} />
      {fieldError(action.error, 'criteria') && <p class="field-error">{fieldError(action.error, 'criteria')}</p>}
      <button type="submit" class="primary wide" disabled={action.busy}>
        検索する
      </button>
      {result && <Results result={result} />}
    </form>
  );
}

function Results({ result }: { result: EmsSearchResult }) {
  return (
    <section aria-label="検索結果">
      <h2>
        {result.total}件{result.total_capped ? '以上' : ''}
        {result.total > result.items.length ? `（上位${result.items.length}件を表示。条件を足して絞り込んでください）` : ''}
      </h2>
      <ul class="ems-results">
        {result.items.map((c, i) =>
          c.consented ? (
            <li key={c.id}>
              <button type="button" class="ems-result" onClick={() => navigate(`/ems/persons/${c.id}`)}>
                <strong>{c.name}</strong>（{c.name_kana}） {SEX_LABELS[c.sex] ?? ''} {c.age}歳
                <br />
                {c.birth_date_wareki}（{c.birth_date}）
                <br />
                {c.address}
                {c.phone && ` ☎ ${c.phone}`}
              </button>
            </li>
          ) : (
            <li key={`silent-${i}`} class="ems-result ems-result--silent">
              {c.message}（ご家族などに確認してください）
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
