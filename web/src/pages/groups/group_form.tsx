// A group's name, description and how people join: the same form to create one and to change it.
import { useState } from 'preact/hooks';
import type { GroupFields } from '../../api/types';
import { ErrorAlert, Field, fieldError, FormActions } from '../../components/ui';
import { useAction } from '../../hooks';

const JOINING = [
  { key: 'closed', open: false, hidden: false, label: '承認制（一覧に表示。招待と、管理者が承認した申請だけ）' },
  { key: 'open', open: true, hidden: false, label: '公開（地域の専門職ならだれでも参加できる）' },
  { key: 'hidden', open: false, hidden: true, label: '非公開（メンバー以外の一覧に出さない。招待だけ）' },
];

// How a group is joined, as a badge in lists and on its page.
export function GroupBadge({ group }: { group: { open: boolean; hidden: boolean } }) {
  if (group.hidden) return <span class="badge badge--muted">非公開</span>;
  return <span class={'badge' + (group.open ? '' : ' badge--muted')}>{group.open ? '公開' : '承認制'}</span>;
}

interface Props {
  title: string;
  initial: GroupFields;
  submitLabel: string;
  onSubmit: (fields: GroupFields) => Promise<void>;
  onCancel: () => void;
}

export function GroupForm({ title, initial, submitLabel, onSubmit, onCancel }: Props) {
  const [fields, setFields] = useState(initial);
  const { busy, error, run } = useAction();
  const set = (change: Partial<GroupFields>) => setFields({ ...fields, ...change });
  const submit = (e: Event) => {
    e.preventDefault();
    void run(() => onSubmit(fields));
  };
  return (
    <form class="card" onSubmit={submit} aria-label={title}>
      <h2>{title}</h2>
      <ErrorAlert error={error} />
      <Field id="group-name" label="名前" required error={fieldError(error, 'name')}>
        {(p) => <input {...p} value={fields.name} maxLength={60} placeholder="例：在宅医療・介護連携推進会議" onInput={(e) => set({ name: (e.currentTarget as HTMLInputElement).value })} />}
      </Field>
      <Field id="group-description" label="説明" error={fieldError(error, 'description')}>
        {(p) => <textarea {...p} rows={3} value={fields.description} onInput={(e) => set({ description: (e.currentTarget as HTMLTextAreaElement).value })} />}
      </Field>
      <fieldset class="choice-row">
        <legend>参加のしかた</legend>
        {JOINING.map((j) => (
          <label class="checkbox" key={j.key}>
            <input type="radio" name="group-open" checked={fields.open === j.open && fields.hidden === j.hidden} onChange={() => set({ open: j.open, hidden: j.hidden })} />
            {j.label}
          </label>
        ))}
        {fieldError(error, 'hidden') && <p class="field-error">{fieldError(error, 'hidden')}</p>}
      </fieldset>
      <FormActions label={submitLabel} busy={busy} onCancel={onCancel} />
    </form>
  );
}
