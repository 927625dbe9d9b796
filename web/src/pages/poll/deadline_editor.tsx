// The poll's runner moves its deadline — later, or none — which also reopens a closed poll.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { Poll } from '../../api/types';
import { ErrorAlert, Field, fieldError, FormActions } from '../../components/ui';
import { jstInputValue } from '../../format';
import { useAction } from '../../hooks';

export function DeadlineEditor({ poll, onSaved, onCancel }: { poll: Poll; onSaved: (p: Poll) => void; onCancel: () => void }) {
  const [deadline, setDeadline] = useState(poll.closed ? '' : jstInputValue(poll.deadline));
  const { busy, error, run } = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void run(async () => onSaved(await api.polls.setDeadline(poll.post_id, deadline)));
  };
  const id = `poll-deadline-${poll.post_id}`;
  return (
    <form class="poll-deadline" onSubmit={submit} aria-label="締め切りの変更">
      <ErrorAlert error={error} />
      <Field id={id} label={poll.closed ? '新しい締め切り' : '締め切り'} hint="空欄なら締め切りなし。1日以上先の締め切りなら、その前日に未回答の人へ自動で催促します" error={fieldError(error, 'deadline')}>
        {(p) => <input {...p} type="datetime-local" value={deadline} onInput={(e) => setDeadline((e.currentTarget as HTMLInputElement).value)} />}
      </Field>
      <FormActions label={poll.closed ? '再開する' : '締め切りを変える'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
