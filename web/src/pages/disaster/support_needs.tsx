// 要援護者 on a person's page, for their team members and the city: whether they are in the
// register, why, how urgent, their area and the home's position on a map — and the editor. Anyone
// else is refused by the server (403) and sees nothing of it.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { ApiError } from '../../api/client';
import type { SupportNeeds, SupportNeedsInput } from '../../api/types';
import { Alert, ErrorAlert, Field, fieldError, FormActions, Loading } from '../../components/ui';
import { formatDateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { priorityLabel, reasonLabels, useDisasterCodes } from './codes';
import { LocationPicker, type Position } from './location_picker';
import './disaster.css';

export function SupportNeedsSection({ personId }: { personId: number | string }) {
  const codes = useDisasterCodes();
  const [needs, error, , replace] = useLoad(() => api.disaster.supportNeeds(personId), [personId]);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState('');
  if (error instanceof ApiError && error.status === 403) return null;
  if (error) return <ErrorAlert error={error} />;
  if (!needs) return <Loading />;
  if (editing) {
    return (
      <SupportNeedsEditor
        personId={personId}
        needs={needs}
        onCancel={() => setEditing(false)}
        onSaved={(n) => {
          replace(n);
          setEditing(false);
          setSaved(n.registered ? '保存しました。' : '要援護者の登録を外しました。');
        }}
      />
    );
  }
  return (
    <section class="card support-needs" aria-labelledby="support-title">
      <div class="record-head">
        <h2 id="support-title">要援護者</h2>
        <button type="button" class={needs.registered ? 'secondary' : 'primary'} onClick={() => setEditing(true)}>
          {needs.registered ? '編集する' : '要援護者として登録する'}
        </button>
      </div>
      {saved && <Alert kind="success">{saved}</Alert>}
      {!needs.registered ? (
        <p class="muted">要援護者（災害時に避難の支援が必要な方）として登録されていません。</p>
      ) : (
        <dl class="facts">
          <dt>優先度</dt>
          <dd>
            <span class={`priority priority--${needs.priority}`}>{priorityLabel(codes, needs.priority)}</span>
          </dd>
          <dt>理由</dt>
          <dd>{reasonLabels(codes, needs.reasons)}</dd>
          <dt>地区</dt>
          <dd>{needs.area_name || '未設定'}</dd>
          <dt>自宅の位置</dt>
          <dd>{needs.latitude !== null && needs.longitude !== null ? `北緯 ${needs.latitude.toFixed(5)}・東経 ${needs.longitude.toFixed(5)}` : '未登録（地図に表示されません）'}</dd>
          {needs.note && (
            <>
              <dt>備考</dt>
              <dd class="post-body">{needs.note}</dd>
            </>
          )}
          <dt>更新</dt>
          <dd class="muted small">
            {formatDateTime(needs.updated_at)} {needs.updated_by_name}
          </dd>
        </dl>
      )}
    </section>
  );
}

interface EditorProps {
  personId: number | string;
  needs: SupportNeeds;
  onCancel: () => void;
  onSaved: (n: SupportNeeds) => void;
}

function SupportNeedsEditor({ personId, needs, onCancel, onSaved }: EditorProps) {
  const codes = useDisasterCodes();
  const [areas] = useLoad(() => api.disaster.areas(), []);
  const [config] = useLoad(() => api.disaster.mapConfig(), []);
  const was = needs.registered ? needs : null;
  const [registered, setRegistered] = useState(true);
  const [reasons, setReasons] = useState<string[]>(was?.reasons ?? []);
  const [priority, setPriority] = useState(String(was?.priority ?? 3));
  const [areaId, setAreaId] = useState(was?.area_id ? String(was.area_id) : '');
  const [note, setNote] = useState(was?.note ?? '');
  const [position, setPosition] = useState<Position>({ latitude: was?.latitude?.toFixed(6) ?? '', longitude: was?.longitude?.toFixed(6) ?? '' });
  const { busy, error, run } = useAction();
  const toggle = (code: string, on: boolean) => setReasons((r) => (on ? [...r, code] : r.filter((x) => x !== code)));

  const submit = (e: Event) => {
    e.preventDefault();
    if (!registered && was && !window.confirm('要援護者の登録を外しますか？（これまでの安否の記録は残ります）')) return;
    const input: SupportNeedsInput = registered
      ? {
          registered: true,
          reasons,
          priority: Number(priority),
          ...(position.latitude.trim() || position.longitude.trim() ? { latitude: Number(position.latitude), longitude: Number(position.longitude) } : {}),
          ...(areaId ? { area_id: Number(areaId) } : {}),
          note: note.trim(),
        }
      : { registered: false };
    void run(async () => onSaved(await api.disaster.setSupportNeeds(personId, input)));
  };
  return (
    <form class="card form support-needs" onSubmit={submit} aria-labelledby="support-edit-title" noValidate>
      <h2 id="support-edit-title">要援護者</h2>
      <ErrorAlert error={error} />
      <label class="checkbox">
        <input type="checkbox" checked={registered} onChange={(e) => setRegistered(e.currentTarget.checked)} />
        要援護者として登録する
      </label>
      {registered && (
        <>
          <fieldset class={fieldError(error, 'reasons') ? 'field--error' : undefined}>
            <legend>
              理由<span class="required">必須</span>
            </legend>
            <div class="check-grid">
              {codes?.reasons.map((r) => (
                <label key={r.code} class="checkbox">
                  <input type="checkbox" checked={reasons.includes(r.code)} onChange={(e) => toggle(r.code, e.currentTarget.checked)} />
                  {r.label}
                </label>
              ))}
            </div>
            {fieldError(error, 'reasons') && <p class="field-error">{fieldError(error, 'reasons')}</p>}
          </fieldset>
          <div class="grid-2">
            <Field id="support-priority" label="優先度" required error={fieldError(error, 'priority')}>
              {(p) => (
                <select {...p} value={priority} onChange={(e) => setPriority(e.currentTarget.value)}>
                  {(codes?.priorities ?? []).map((x) => (
                    <option key={x.value} value={String(x.value)}>
                      {x.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="support-area" label="地区" error={fieldError(error, 'area_id')}>
              {(p) => (
                <select {...p} value={areaId} onChange={(e) => setAreaId(e.currentTarget.value)}>
                  <option value="">未設定</option>
                  {areas?.items.map((a) => (
                    <option key={a.id} value={String(a.id)}>
                      {a.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field id="support-note" label="備考（避難の時に必要なこと）" error={fieldError(error, 'note')}>
            {(p) => <textarea {...p} rows={3} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />}
          </Field>
          <LocationPicker config={config} value={position} onChange={setPosition} errors={{ latitude: fieldError(error, 'latitude'), longitude: fieldError(error, 'longitude') }} />
        </>
      )}
      <FormActions label={busy ? '保存中…' : '保存する'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
