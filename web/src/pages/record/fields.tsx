// Inputs shared by the record's forms: a code from a vocabulary, a date that may be typed in 和暦,
// and the error of one field in a list ("conditions[2].name").
import type { ApiError } from '../../api/client';
import type { Vocabulary } from '../../api/types';
import { Field, TextInput } from '../../components/ui';
import { formatDate } from '../../format';

export function errorOf(error: unknown, field: string): string | undefined {
  return (error as ApiError | null)?.fieldMessage?.(field);
}

export function CodeSelect(props: { id: string; label: string; vocabulary: Vocabulary; value: string; onValue: (v: string) => void; error?: string; blank?: string }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(a) => (
        <select {...a} value={props.value} onChange={(e) => props.onValue((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{props.blank ?? '未記録'}</option>
          {props.vocabulary.codes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

// A date as people type it: 2026-04-01, 2026/4/1, 令和8年4月1日, R8.4.1. The server reads it and
// keeps ISO; what it read is shown beside the field once saved.
export function DateField(props: { id: string; label: string; value: string; onValue: (v: string) => void; error?: string; partial?: boolean; required?: boolean }) {
  const shown = /^\d{4}(-\d{2}){0,2}$/.test(props.value) ? formatDate(props.value) : '';
  return (
    <Field
      id={props.id}
      label={props.label}
      error={props.error}
      required={props.required}
      hint={shown ? `＝ ${shown}` : props.partial ? '例: 平成30年、2018年4月、R1.5.1（年だけ・年月だけでも可）' : '例: 令和8年4月1日、2026-04-01、R8.4.1'}
    >
      {(a) => <TextInput {...a} value={props.value} onValue={props.onValue} inputMode="text" autoComplete="off" />}
    </Field>
  );
}
