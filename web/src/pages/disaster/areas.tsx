// The city's areas (地区: 町丁目 or a district it defines), with how many 要援護者 each holds, and
// adding one by name.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ErrorAlert, Field, fieldError, Loading, TextInput } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';

export function AreasSection() {
  const [areas, error, reload] = useLoad(() => api.disaster.areas(), []);
  const [name, setName] = useState('');
  const action = useAction();
  const add = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const a = await api.disaster.createArea(name.trim());
      setName('');
      reload();
      return a;
    }, (a) => `「${a.name}」を追加しました`);
  };
  return (
    <section class="card areas-section" aria-labelledby="areas-title">
      <h2 id="areas-title">地区</h2>
      <ErrorAlert error={error} />
      {!areas && !error && <Loading />}
      {areas && areas.items.length === 0 && <p class="muted">まだ地区はありません。</p>}
      {areas && areas.items.length > 0 && (
        <ul class="area-chips">
          {areas.items.map((a) => (
            <li key={a.id}>
              {a.name} <span class="muted small">{a.persons}人</span>
            </li>
          ))}
        </ul>
      )}
      <form class="new-form" onSubmit={add} noValidate>
        <Field id="area-name" label="地区を追加" error={fieldError(action.error, 'name')} hint="町丁目や、市が決めた地区の名前（50文字まで）">
          {(p) => <TextInput {...p} value={name} onValue={setName} maxLength={50} />}
        </Field>
        <button type="submit" class="secondary" disabled={action.busy}>
          追加する
        </button>
      </form>
      {action.error && !fieldError(action.error, 'name') ? <ErrorAlert error={action.error} /> : null}
      {action.message && (
        <p class="muted small" role="status">
          {action.message}
        </p>
      )}
    </section>
  );
}
