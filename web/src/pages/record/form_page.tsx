// One 定型文書: its fields as the template lays them out, saved as a draft, made final (then it
// cannot change), and its PDF — beside the form on a PC, a tap away on a phone.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import type { FormTemplate, RecordForm } from '../../api/types';
import { Alert, ErrorAlert, Field, Loading, PageHeader, TextInput } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { DateField, errorOf } from './fields';
import { loadTemplates } from './forms';

type Fields = FormTemplate['sections'][number]['fields'];

export function FormPage({ id }: { id: string }) {
  const [form, error, , replaceForm] = useLoad(() => api.record.form(id), [id]);
  const [templates] = useLoad(loadTemplates, []);
  const [values, setValues] = useState<Record<string, string>>({});
  const { busy, error: saveError, run } = useAction();
  const [notice, setNotice] = useState('');
  const [pdfKey, setPdfKey] = useState(0);
  useEffect(() => {
    if (form) setValues(form.values ?? {});
  }, [form?.id, form?.version]);
  if (error) return <ErrorAlert error={error} />;
  if (!form || !templates) return <Loading />;
  const t = templates.items.find((x) => x.code === form.template);
  if (!t) return <ErrorAlert error={new Error('unknown template')} />;
  const final = form.state === 'final';
  // The answer is the saved form with its new version: 確定 right after 下書きを保存 starts from it,
  // never from a version a reload has not brought yet (which the server refuses as a conflict).
  const store = async (work: () => Promise<RecordForm>, done: string) => {
    const stored = await run(async () => {
      replaceForm(await work());
      setNotice(done);
      setPdfKey((k) => k + 1);
    });
    if (!stored) window.scrollTo(0, 0);
  };
  const save = (e: Event) => {
    e.preventDefault();
    void store(() => api.record.saveForm(form.id, form.version, values), '下書きを保存しました');
  };
  const finalize = () => {
    if (!confirm('確定すると、この文書は変更できなくなります。確定しますか？')) return;
    void store(() => api.record.finalizeForm(form.id, form.version), '確定しました');
  };
  const pdf = api.record.formPdfUrl(form.id);
  return (
    <>
      <PageHeader title={t.title}>
        <a class="button secondary" href={pdf} target="_blank" rel="noopener">
          PDFを開く
        </a>
        <button type="button" class="secondary" onClick={() => history.back()}>
          戻る
        </button>
      </PageHeader>
      <p class="muted person-line">
        {final ? `確定 ${formatDateTime(form.finalized_at)} ${form.finalized_by_name}` : `下書き・更新 ${formatDateTime(form.updated_at)} ${form.updated_by_name}`}
      </p>
      {notice && <Alert kind="success">{notice}</Alert>}
      <ErrorAlert error={saveError} />
      <div class="form-layout">
        <form class="card form-editor" onSubmit={save} noValidate>
          {final && <Alert kind="info">確定した文書です。内容は変更できません。</Alert>}
          {t.sections.map((s) => (
            <fieldset key={s.title} disabled={final}>
              <legend>{s.title}</legend>
              <FormFields fields={s.fields} values={values} error={saveError} onValues={setValues} />
            </fieldset>
          ))}
          {!final && (
            <div class="button-row form-actions sticky-actions">
              <button type="submit" class="primary" disabled={busy}>
                下書きを保存
              </button>
              <button type="button" class="secondary" disabled={busy} onClick={finalize}>
                確定する
              </button>
            </div>
          )}
        </form>
        <aside class="pdf-preview" aria-label="PDFプレビュー">
          <iframe key={pdfKey} title={`${t.title}のPDF`} src={pdf} />
        </aside>
      </div>
    </>
  );
}

function FormFields({ fields, values, error, onValues }: { fields: Fields; values: Record<string, string>; error: unknown; onValues: (v: Record<string, string>) => void }) {
  const set = (key: string, v: string) => onValues({ ...values, [key]: v });
  return (
    <div class="form-fields">
      {fields.map((f) => {
        const id = `form-${f.key}`;
        const value = values[f.key] ?? '';
        const err = errorOf(error, f.key);
        const cls = f.half || f.kind === 'date' ? 'form-field form-field--half' : 'form-field';
        switch (f.kind) {
          case 'multiline':
            return (
              <div class={cls} key={f.key}>
                <Field id={id} label={f.label} error={err}>
                  {(a) => <textarea {...a} rows={4} value={value} onInput={(e) => set(f.key, (e.currentTarget as HTMLTextAreaElement).value)} />}
                </Field>
              </div>
            );
          case 'date':
            return (
              <div class={cls} key={f.key}>
                <DateField id={id} label={f.label} value={value} error={err} onValue={(v) => set(f.key, v)} />
              </div>
            );
          case 'choice':
            return (
              <fieldset class={cls + ' choices'} key={f.key} role="radiogroup">
                <legend>{f.label}</legend>
                {f.options.map((o) => (
                  <label class="choice" key={o}>
                    <input type="radio" name={id} checked={value === o} onChange={() => set(f.key, o)} />
                    {o}
                  </label>
                ))}
                {err && <p class="field-error">{err}</p>}
              </fieldset>
            );
          case 'checks': {
            const chosen = value ? value.split('\n') : [];
            return (
              <fieldset class={cls + ' choices'} key={f.key}>
                <legend>{f.label}</legend>
                {f.options.map((o) => (
                  <label class="choice" key={o}>
                    <input type="checkbox" checked={chosen.includes(o)} onChange={() => set(f.key, (chosen.includes(o) ? chosen.filter((c) => c !== o) : [...chosen, o]).join('\n'))} />
                    {o}
                  </label>
                ))}
                {err && <p class="field-error">{err}</p>}
              </fieldset>
            );
          }
          default:
            return (
              <div class={cls} key={f.key}>
                <Field id={id} label={f.label} error={err}>
                  {(a) => <TextInput {...a} value={value} onValue={(v) => set(f.key, v)} />}
                </Field>
              </div>
            );
        }
      })}
    </div>
  );
}

