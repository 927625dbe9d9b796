// 定型文書: the person's documents (drafts and final ones) and starting a new one from a template;
// the editor is its own page (/forms/:id) with the PDF beside it.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { FormTemplate, Items } from '../../api/types';
import { ErrorAlert, Field, Loading } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { Link, navigate } from '../../router';

let templatesCache: Promise<Items<FormTemplate>> | null = null;
export function loadTemplates(): Promise<Items<FormTemplate>> {
  templatesCache ??= api.record.formTemplates();
  return templatesCache;
}

export function FormsSection({ personId }: { personId: number }) {
  const [list, error] = useLoad(() => api.record.forms(personId), [personId]);
  const [templates] = useLoad(loadTemplates, []);
  const [template, setTemplate] = useState('');
  const { error: createError, run } = useAction();
  const create = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      const form = await api.record.createForm(personId, template);
      navigate(`/forms/${form.id}`);
    });
  };
  if (error) return <ErrorAlert error={error} />;
  if (!list || !templates) return <Loading />;
  return (
    <section aria-labelledby="forms-title">
      <h2 id="forms-title">文書（定型文書）</h2>
      <form class="card new-form" onSubmit={create}>
        <ErrorAlert error={createError} />
        <Field id="form-template" label="新しい文書" hint="患者サマリの内容があらかじめ入ります">
          {(a) => (
            <select {...a} value={template} onChange={(e) => setTemplate((e.currentTarget as HTMLSelectElement).value)}>
              <option value="">文書の種類を選ぶ</option>
              {templates.items.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.title} — {t.description}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" class="primary" disabled={!template}>
          作成する
        </button>
      </form>
      {list.items.length === 0 ? (
        <p class="empty">まだ文書はありません。</p>
      ) : (
        <ul class="list">
          {list.items.map((f) => (
            <li key={f.id}>
              <Link href={`/forms/${f.id}`} class="list-row">
                <span class="list-main">
                  <strong>{f.title}</strong>
                  <span class={f.state === 'final' ? 'badge badge--ok' : 'badge badge--important'}>{f.state === 'final' ? '確定' : '下書き'}</span>
                </span>
                <span class="list-sub">
                  {f.state === 'final' ? `確定 ${formatDateTime(f.finalized_at)} ${f.finalized_by_name}` : `更新 ${formatDateTime(f.updated_at)} ${f.updated_by_name}`}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
