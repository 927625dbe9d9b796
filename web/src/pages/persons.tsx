import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { query } from '../api/client';
import type { FhirImportResult, Sex } from '../api/types';
import { ErrorAlert, Field, Loading, PageHeader, TextInput, fieldError, Alert } from '../components/ui';
import { formatBirthDate, SEX_LABELS } from '../format';
import { Link, navigate, takeFlash } from '../router';
import { useAction, useDebounced, usePagedList } from '../hooks';
import { PersonTeamSection } from './board/open_team';
import { SupportNeedsSection } from './disaster/support_needs';
import { DateField } from './record/fields';

export function PersonsPage() {
  const [q, setQ] = useState(new URLSearchParams(location.search).get('q') ?? '');
  const term = useDebounced(q, 250);
  const [importing, setImporting] = useState(false);
  useEffect(() => history.replaceState(null, '', '/persons' + query({ q: term })), [term]);
  const list = usePagedList((cursor?: string) => api.persons.list({ q: term, limit: 30, cursor }), (page) => page.next_cursor, [term]);
  const { items, error } = list;

  return (
    <>
      <PageHeader title="支援対象者">
        <Link href="/persons/new" class="button primary">
          新しく登録
        </Link>
        <button type="button" class="secondary" onClick={() => setImporting(!importing)}>
          FHIRから取り込む
        </button>
      </PageHeader>
      {importing && <FhirImport />}
      <div class="search-bar" role="search">
        <label for="person-search" class="visually-hidden">
          名前・ふりがなで検索
        </label>
        <input
          id="person-search"
          type="search"
          placeholder="名前・ふりがなで検索（例: さとう、サトウ、佐藤）"
          value={q}
          onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <ErrorAlert error={error} />
      {items === null && !error && <Loading />}
      {items && items.length === 0 && <p class="empty">{term ? `「${term}」に一致する人はいません。` : 'まだ登録されていません。'}</p>}
      {items && items.length > 0 && (
        <ul class="list" aria-label="支援対象者の一覧">
          {items.map((p) => (
            <li key={p.id}>
              <Link href={`/persons/${p.id}`} class="list-row">
                <span class="list-main">
                  <span class="kana">{p.name_kana}</span>
                  <strong>{p.name}</strong>
                </span>
                <span class="list-sub">
                  {formatBirthDate(p.birth_date)}・{SEX_LABELS[p.sex]}
                  <br />
                  {p.address}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" class="secondary wide" onClick={list.more}>
          さらに表示
        </button>
      )}
    </>
  );
}

// A person from another system's FHIR (JP Core) file: the Patient, their Conditions and
// AllergyIntolerances become a new person with the start of their 患者サマリ — all or nothing.
function FhirImport() {
  const [result, setResult] = useState<FhirImportResult | null>(null);
  const { busy, error, run } = useAction();
  // The file's text, kept while the server names a person it may be (to import it anyway).
  const [pending, setPending] = useState<string | null>(null);
  const send = (text: string, differentPerson: boolean) =>
    run(async () => {
      setResult(null);
      try {
        setResult(await api.persons.importFhir(text, differentPerson));
        setPending(null);
      } catch (err) {
        setPending(fieldError(err, 'different_person') ? text : null);
        throw err;
      }
    });
  const choose = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (file) await send(await file.text(), false);
  };
  return (
    <section class="card" aria-labelledby="fhir-import-title">
      <h2 id="fhir-import-title">FHIR（JP Core）のファイルから取り込む</h2>
      <p class="muted small">Patient（氏名・ふりがな・生年月日など）、Condition（病名）、AllergyIntolerance（アレルギー）を取り込みます。問題があれば何も取り込まず、その場所を表示します。</p>
      <Field id="fhir-file" label="Bundle のファイル（.json）">
        {(a) => <input {...a} type="file" accept=".json,application/json,application/fhir+json" disabled={busy} onChange={(e) => void choose(e)} />}
      </Field>
      <ErrorAlert error={error} />
      {pending && (
        <button type="button" class="secondary" disabled={busy} onClick={() => void send(pending, true)}>
          別の方として取り込む
        </button>
      )}
      {result && (
        <Alert kind="success">
          <p>
            <Link href={`/persons/${result.person.id}`}>{result.person.name}</Link> さんを登録しました（病名 {result.conditions}件、アレルギー {result.allergies}件）。
          </p>
          {result.skipped.length > 0 && <p class="small">取り込み対象外: {result.skipped.join('、')}</p>}
        </Alert>
      )}
    </section>
  );
}

const EMPTY = { name: '', name_kana: '', birth_date: '', sex: '' as Sex | '', postal_code: '', address: '', phone: '' };

export function PersonEditPage({ id }: { id?: string }) {
  const [form, setForm] = useState(EMPTY);
  const [version, setVersion] = useState(0);
  const [loading, setLoading] = useState(Boolean(id));
  const { busy, error, run, setError } = useAction();
  const [saved, setSaved] = useState(() => takeFlash<string>() === 'saved');
  // Shown once the server names a person with the same reading and birth date: registering
  // anyway must be a choice, for namesakes and twins.
  const [duplicateNamed, setDuplicateNamed] = useState(false);
  const [differentPerson, setDifferentPerson] = useState(false);

  useEffect(() => {
    if (!id) return;
    api.persons
      .get(id)
      .then((p) => {
        setForm({ name: p.name, name_kana: p.name_kana, birth_date: p.birth_date, sex: p.sex, postal_code: p.postal_code, address: p.address, phone: p.phone });
        setVersion(p.version);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  }, [id]);

  const set = (key: keyof typeof EMPTY) => (v: string) => setForm({ ...form, [key]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    void run(async () => {
      try {
        if (id) {
          const p = await api.persons.update(id, { ...form, version });
          setVersion(p.version);
          setSaved(true);
        } else {
          const p = await api.persons.create(differentPerson ? { ...form, different_person: true } : form);
          navigate(`/persons/${p.id}`, true, 'saved');
        }
      } catch (err) {
        if (fieldError(err, 'different_person')) setDuplicateNamed(true);
        throw err;
      }
    });
  };

  if (loading) return <Loading />;
  return (
    <>
      <PageHeader title={id ? `${form.name || '支援対象者'} の基本情報` : '支援対象者を登録'}>
        <Link href="/persons" class="button secondary">
          一覧へ戻る
        </Link>
      </PageHeader>
      {saved && <Alert kind="success">保存しました。</Alert>}
      <ErrorAlert error={error} />
      <form class="form card" onSubmit={submit} noValidate>
        <div class="grid-2">
          <Field id="name" label="氏名" required error={fieldError(error, 'name')}>
            {(p) => <TextInput {...p} value={form.name} onValue={set('name')} autocomplete="off" />}
          </Field>
          <Field id="name_kana" label="ふりがな" required error={fieldError(error, 'name_kana')} hint="ひらがな・カタカナどちらでも">
            {(p) => <TextInput {...p} value={form.name_kana} onValue={set('name_kana')} autocomplete="off" />}
          </Field>
          <DateField id="birth_date" label="生年月日" required value={form.birth_date} error={fieldError(error, 'birth_date')} onValue={set('birth_date')} />
          <Field id="sex" label="性別" required error={fieldError(error, 'sex')}>
            {(p) => (
              <select {...p} value={form.sex} onChange={(e) => set('sex')((e.currentTarget as HTMLSelectElement).value)}>
                <option value="">選んでください</option>
                {(Object.keys(SEX_LABELS) as Sex[]).map((s) => (
                  <option key={s} value={s}>
                    {SEX_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="postal_code" label="郵便番号" error={fieldError(error, 'postal_code')}>
            {(p) => <TextInput {...p} value={form.postal_code} onValue={set('postal_code')} inputMode="numeric" placeholder="305-0000" />}
          </Field>
          <Field id="phone" label="電話番号" error={fieldError(error, 'phone')}>
            {(p) => <TextInput {...p} type="tel" value={form.phone} onValue={set('phone')} />}
          </Field>
        </div>
        <Field id="address" label="住所" error={fieldError(error, 'address')}>
          {(p) => <TextInput {...p} value={form.address} onValue={set('address')} />}
        </Field>
        {!id && duplicateNamed && (
          <label class="checkbox">
            <input type="checkbox" checked={differentPerson} onChange={(e) => setDifferentPerson((e.currentTarget as HTMLInputElement).checked)} />
            <span>すでに登録されている方とは別の方です（同じ読み・生年月日）。別の方として登録する</span>
          </label>
        )}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? '保存中…' : id ? '変更を保存' : '登録する'}
          </button>
        </div>
      </form>
      {id && <PersonTeamSection personId={id} />}
      {id && <SupportNeedsSection personId={id} />}
    </>
  );
}
