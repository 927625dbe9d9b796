// Small building blocks every page uses: fields with their errors, alerts, page headings.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from '../api/client';

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ComponentChildren;
}

export function Field({ id, label, error, hint, required, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={'field' + (error ? ' field--error' : '')}>
      <label for={id}>
        {label}
        {required && <span class="required">必須</span>}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described })}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value'> & {
  value: string;
  onValue: (v: string) => void;
};

export function TextInput({ value, onValue, ...rest }: InputProps) {
  return <input value={value} onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)} {...rest} />;
}

export function Alert({ kind = 'error', children }: { kind?: 'error' | 'info' | 'success'; children: ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (kind === 'error') ref.current?.focus();
  }, [children, kind]);
  return (
    <div ref={ref} class={`alert alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'} tabIndex={-1}>
      {children}
    </div>
  );
}

export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : '予期しない問題が起きました。画面を読み込み直してください。';
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <Alert>
      <p>{message}</p>
      {fields.length > 1 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>{f.message}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} | 結び Musubi`;
  }, [title]);
  return (
    <div class="page-header">
      <h1>{title}</h1>
      {children && <div class="page-actions">{children}</div>}
    </div>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      読み込み中…
    </p>
  );
}

export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}

// The submit and cancel buttons under an editor form; `sticky` keeps them in view on long forms.
export function FormActions({ label, busy, onCancel, sticky }: { label: string; busy: boolean; onCancel: () => void; sticky?: boolean }) {
  return (
    <div class={'button-row form-actions' + (sticky ? ' sticky-actions' : '')}>
      <button type="submit" class="primary" disabled={busy}>
        {label}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        やめる
      </button>
    </div>
  );
}
