// 同意書: whether the person's consent to share is valid today, what it covers, the signed paper,
// registering a new one (with a photo or PDF of the paper) and withdrawing one.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { Consent, ConsentOverview, ConsentScope } from '../../api/types';
import { Alert, ErrorAlert, Field, FormActions, Loading, TextInput } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { DateField, errorOf } from './fields';

export const CONSENT_STATE_TEXT: Record<ConsentOverview['state'], string> = {
  missing: '同意書が登録されていません',
  valid: '同意は有効です',
  expiring: '同意の有効期限が近づいています',
  expired: '同意の有効期限が切れています',
  withdrawn: '同意は撤回されています',
};

const ACTION_LABELS: Record<string, string> = { post: '連絡帳への投稿', forms: '定型文書の確定・PDF出力', fhir_export: 'FHIR形式での書き出し' };

export function ConsentSection({ personId, teamId }: { personId: number; teamId: number }) {
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  const [o, error, reload] = useLoad(() => api.record.consents(personId), [personId]);
  if (error) return <ErrorAlert error={error} />;
  if (!o) return <Loading />;
  const ok = o.state === 'valid' || o.state === 'expiring';
  return (
    <section aria-labelledby="consent-title">
      <div class="record-head">
        <h2 id="consent-title">同意書</h2>
        {!adding && (
          <button type="button" class="primary" onClick={() => setAdding(true)}>
            同意書を登録する
          </button>
        )}
      </div>
      {notice && <Alert kind="success">{notice}</Alert>}
      <Alert kind={ok ? 'success' : 'info'}>
        <p>
          <strong>{CONSENT_STATE_TEXT[o.state]}</strong>
          {o.current?.expires_on && `（期限: ${formatDate(o.current.expires_on)}）`}
        </p>
        {o.required_for.length > 0 && <p class="small">この地域では、{o.required_for.map((a) => ACTION_LABELS[a] ?? a).join('・')}に有効な同意が必要です。</p>}
      </Alert>
      {adding && (
        <ConsentForm
          personId={personId}
          teamId={teamId}
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            setNotice('同意書を登録しました');
            reload();
          }}
        />
      )}
      {o.items.length > 0 && (
        <ul class="plain-list consent-list">
          {o.items.map((c) => (
            <li key={c.id}>
              <ConsentCard consent={c} onWithdrawn={reload} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function scopeText(s: ConsentScope): string {
  const parts = [s.care_team ? '支援チームの専門職全員' : '選んだ施設・職種のみ'];
  if (s.family) parts.push('家族');
  if (s.ems) parts.push('救急隊（緊急時）');
  return parts.join('・');
}

function ConsentCard({ consent: c, onWithdrawn }: { consent: Consent; onWithdrawn: () => void }) {
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const { error, run } = useAction();
  const withdraw = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await api.record.withdrawConsent(c.id, reason);
      onWithdrawn();
    });
  };
  return (
    <article class={'card consent' + (c.withdrawn_at ? ' consent--withdrawn' : '')}>
      <p>
        <strong>{c.consenter === 'self' ? `${c.consenter_name}（本人）` : `${c.consenter_name}（${c.proxy_relation}・代理人）`}</strong>
        {c.withdrawn_at && <span class="badge badge--unread">撤回</span>}
      </p>
      <dl class="facts">
        <dt>同意日</dt>
        <dd>{formatDate(c.consented_on)}</dd>
        <dt>有効期限</dt>
        <dd>{c.expires_on ? formatDate(c.expires_on) : '定めなし'}</dd>
        <dt>共有の範囲</dt>
        <dd>{scopeText(c.scope)}</dd>
        <dt>同意書</dt>
        <dd>{c.document ? <a href={api.boards.attachmentUrl(c.document.attachment_id)} target="_blank" rel="noopener">{c.document.file_name}</a> : 'ファイルなし'}</dd>
        <dt>登録</dt>
        <dd>
          {c.recorded_by_name} {formatDateTime(c.recorded_at)}
        </dd>
        {c.withdrawn_at && [
          <dt key="w">撤回</dt>,
          <dd key="wd">
            {formatDateTime(c.withdrawn_at)} {c.withdrawn_by_name}（{c.withdrawn_reason}）
          </dd>,
        ]}
      </dl>
      {c.note && <p class="muted">{c.note}</p>}
      <ErrorAlert error={error} />
      {!c.withdrawn_at &&
        (open ? (
          <form class="withdraw-form" onSubmit={withdraw}>
            <Field id={`withdraw-${c.id}`} label="撤回の理由" error={errorOf(error, 'reason')} required>
              {(a) => <TextInput {...a} value={reason} onValue={setReason} />}
            </Field>
            <div class="button-row">
              <button type="submit" class="danger">
                撤回を記録する
              </button>
              <button type="button" class="secondary" onClick={() => setOpen(false)}>
                やめる
              </button>
            </div>
          </form>
        ) : (
          <button type="button" class="link-button small" onClick={() => setOpen(true)}>
            撤回を記録する
          </button>
        ))}
    </article>
  );
}

function ConsentForm({ personId, teamId, onSaved, onCancel }: { personId: number; teamId: number; onSaved: () => void; onCancel: () => void }) {
  const [f, setF] = useState({ consenter: 'self', consenter_name: '', proxy_relation: '', consented_on: '', expires_on: '', note: '' });
  const [scope, setScope] = useState<ConsentScope>({ care_team: true, facility_ids: [], profession_ids: [], family: false, ems: true });
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useAction();
  const [professions] = useLoad(() => api.region.professions(), []);
  const [facilities] = useLoad(() => api.facilities.list({ limit: 200 }), []);
  const toggle = (list: number[], id: number) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      let document_attachment_id: number | undefined;
      if (file) {
        const uploaded = await api.boards.upload(teamId, file);
        document_attachment_id = uploaded.id;
      }
      await api.record.addConsent(personId, { ...f, scope, document_attachment_id });
      onSaved();
    });
  };
  return (
    <form class="card" onSubmit={save} noValidate>
      <h3>同意書を登録する</h3>
      <ErrorAlert error={error} />
      <fieldset class="roles" role="radiogroup">
        <legend>同意した人</legend>
        {[
          ['self', '本人'],
          ['proxy', '代理人'],
        ].map(([v, l]) => (
          <label class="checkbox" key={v}>
            <input type="radio" name="consenter" checked={f.consenter === v} onChange={() => setF({ ...f, consenter: v })} />
            {l}
          </label>
        ))}
      </fieldset>
      <div class="grid-2">
        <Field id="consent-name" label="氏名" required error={errorOf(error, 'consenter_name')}>
          {(a) => <TextInput {...a} value={f.consenter_name} onValue={(consenter_name) => setF({ ...f, consenter_name })} />}
        </Field>
        {f.consenter === 'proxy' && (
          <Field id="consent-relation" label="本人との関係" required error={errorOf(error, 'proxy_relation')}>
            {(a) => <TextInput {...a} value={f.proxy_relation} onValue={(proxy_relation) => setF({ ...f, proxy_relation })} />}
          </Field>
        )}
        <DateField id="consent-on" label="同意日" required value={f.consented_on} error={errorOf(error, 'consented_on')} onValue={(consented_on) => setF({ ...f, consented_on })} />
        <DateField id="consent-until" label="有効期限（なければ空欄）" value={f.expires_on} error={errorOf(error, 'expires_on')} onValue={(expires_on) => setF({ ...f, expires_on })} />
      </div>
      <fieldset>
        <legend>共有してよい範囲</legend>
        <label class="checkbox">
          <input type="checkbox" checked={scope.care_team} onChange={(e) => setScope({ ...scope, care_team: (e.currentTarget as HTMLInputElement).checked })} />
          支援チームの専門職全員
        </label>
        {!scope.care_team && (
          <div class="scope-choices">
            {errorOf(error, 'scope') && <p class="field-error">{errorOf(error, 'scope')}</p>}
            <p class="hint">共有してよい職種・施設を選んでください</p>
            <div class="roles">
              {professions?.items.map((p) => (
                <label class="checkbox" key={p.id}>
                  <input type="checkbox" checked={scope.profession_ids.includes(p.id)} onChange={() => setScope({ ...scope, profession_ids: toggle(scope.profession_ids, p.id) })} />
                  {p.name}
                </label>
              ))}
            </div>
            <details>
              <summary>施設で選ぶ</summary>
              <div class="roles">
                {facilities?.items.map((x) => (
                  <label class="checkbox" key={x.id}>
                    <input type="checkbox" checked={scope.facility_ids.includes(x.id)} onChange={() => setScope({ ...scope, facility_ids: toggle(scope.facility_ids, x.id) })} />
                    {x.name}
                  </label>
                ))}
              </div>
            </details>
          </div>
        )}
        <label class="checkbox">
          <input type="checkbox" checked={scope.family} onChange={(e) => setScope({ ...scope, family: (e.currentTarget as HTMLInputElement).checked })} />
          家族への共有
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={scope.ems} onChange={(e) => setScope({ ...scope, ems: (e.currentTarget as HTMLInputElement).checked })} />
          救急時の救急隊への開示
        </label>
      </fieldset>
      <Field id="consent-file" label="署名した同意書（写真またはPDF）" hint="スマートフォンでは撮影して添付できます" error={errorOf(error, 'document_attachment_id')}>
        {(a) => <input {...a} type="file" accept="image/*,application/pdf" onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />}
      </Field>
      <Field id="consent-note" label="メモ">
        {(a) => <TextInput {...a} value={f.note} onValue={(note) => setF({ ...f, note })} />}
      </Field>
      <FormActions label={busy ? '登録しています…' : '登録する'} busy={busy} onCancel={onCancel} />
    </form>
  );
}
