// 災害対応を始める (region administrator): name, kind, 訓練, the areas affected (none: the whole
// region). Starting tells every care team with a 要援護者 there and publishes a notice to all
// users at once, so it asks first.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { DisasterKind } from '../../api/types';
import { ErrorAlert, Field, fieldError, FormActions, TextInput } from '../../components/ui';
import { useAction, useLoad } from '../../hooks';
import { refreshOpenDisasters } from '../../open_disasters';
import { navigate } from '../../router';
import { disasterKinds, useDisasterCodes } from './codes';

export function OpenDisasterForm({ onCancel }: { onCancel: () => void }) {
  const codes = useDisasterCodes();
  const [areas, areasError] = useLoad(() => api.disaster.areas(), []);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<DisasterKind>('earthquake');
  const [drill, setDrill] = useState(false);
  const [areaIds, setAreaIds] = useState<number[]>([]);
  const { busy, error, run } = useAction();
  const toggle = (id: number, on: boolean) => setAreaIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const submit = (e: Event) => {
    e.preventDefault();
    const chosen = areas?.items.filter((a) => areaIds.includes(a.id)) ?? [];
    const where = chosen.length ? chosen.map((a) => a.name).join('・') : '全域';
    const question = `「${name.trim()}」${drill ? '（訓練）' : ''}を始めます。対象: ${where}。\n対象の要援護者がいるケアチームに重要な投稿で知らせ、地域の全員にお知らせを出します。よろしいですか？`;
    if (!window.confirm(question)) return;
    void run(async () => {
      const d = await api.disaster.open({ name: name.trim(), kind, drill, area_ids: areaIds });
      void refreshOpenDisasters();
      const told = d.teams_told === undefined ? '' : `ケアチーム${d.teams_told}件に知らせ、`;
      navigate(`/disaster/${d.id}`, false, `始めました。${told}地域の全員にお知らせを出しました。`);
    });
  };
  return (
    <form class="card form" onSubmit={submit} aria-labelledby="open-title" noValidate>
      <h2 id="open-title">災害対応を始める</h2>
      <ErrorAlert error={error} />
      <Field id="disaster-name" label="名前" required error={fieldError(error, 'name')} hint="例: 令和8年 つくば市北部地震、総合防災訓練">
        {(p) => <TextInput {...p} value={name} onValue={setName} maxLength={100} />}
      </Field>
      <Field id="disaster-kind" label="種類" error={fieldError(error, 'kind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.currentTarget.value as DisasterKind)}>
            {disasterKinds(codes).map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label class="checkbox">
        <input type="checkbox" checked={drill} onChange={(e) => setDrill(e.currentTarget.checked)} />
        訓練として行う
      </label>
      <fieldset class={fieldError(error, 'area_ids') ? 'field--error' : undefined}>
        <legend>対象の地区（選ばないと全域）</legend>
        <ErrorAlert error={areasError} />
        {areas && areas.items.length === 0 && <p class="muted">地区はまだありません（全域が対象になります）。</p>}
        <div class="check-grid">
          {areas?.items.map((a) => (
            <label key={a.id} class="checkbox">
              <input type="checkbox" checked={areaIds.includes(a.id)} onChange={(e) => toggle(a.id, e.currentTarget.checked)} />
              {a.name}（{a.persons}人）
            </label>
          ))}
        </div>
        {fieldError(error, 'area_ids') && <p class="field-error">{fieldError(error, 'area_ids')}</p>}
      </fieldset>
      <FormActions label={busy ? '始めています…' : '始める'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
