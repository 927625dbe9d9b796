import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type { User } from '../api/types';
import { Alert, ErrorAlert, Field, Loading, PageHeader, TextInput, fieldError } from '../components/ui';
import { useAction, useDebounced, useLoad } from '../hooks';
import { Link, navigate, takeFlash } from '../router';
import { hasRole, useSession } from '../session';

export function FacilitiesPage() {
  const { session } = useSession();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const term = useDebounced(q, 250);
  const [region] = useLoad(() => api.region.get(), []);
  const [items, error] = useLoad(
    () => api.facilities.list({ q: term, kind, include_inactive: hasRole(session, 'region_admin') ? 1 : undefined }).then((r) => r.items),
    [term, kind],
  );
  return (
    <>
      <PageHeader title="施設・事業所">
        {hasRole(session, 'region_admin') && (
          <Link href="/admin/facilities/new" class="button primary">
            施設を登録
          </Link>
        )}
      </PageHeader>
      <div class="search-bar filters" role="search">
        <label for="facility-search" class="visually-hidden">
          施設名で検索
        </label>
        <input id="facility-search" type="search" placeholder="施設名・ふりがなで検索" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        <label for="facility-kind" class="visually-hidden">
          種類
        </label>
        <select id="facility-kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">すべての種類</option>
          {region?.facility_kinds.map((k) => (
            <option key={k.code} value={k.code}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={error} />
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p class="empty">該当する施設はありません。</p>}
      {items && items.length > 0 && (
        <ul class="list" aria-label="施設の一覧">
          {items.map((f) => (
            <li key={f.id}>
              <Link href={`/admin/facilities/${f.id}`} class={'list-row' + (f.active ? '' : ' inactive')}>
                <span class="list-main">
                  <span class="badge">{f.kind_label}</span>
                  <strong>{f.name}</strong>
                  {!f.active && <span class="badge badge--muted">休止</span>}
                </span>
                <span class="list-sub">
                  {f.address}
                  {f.phone && <> ・ {f.phone}</>}
                  {f.contact_user_name && <> ・ 窓口: {f.contact_user_name}</>}
                  <> ・ 利用者 {f.user_count}人</>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const EMPTY = { name: '', name_kana: '', kind: '', postal_code: '', address: '', phone: '', contact_user_id: '', active: true };

export function FacilityEditPage({ id }: { id?: string }) {
  const { session } = useSession();
  const canEdit = hasRole(session, 'region_admin');
  const [form, setForm] = useState(EMPTY);
  const [staff, setStaff] = useState<User[]>([]);
  const [loading, setLoading] = useState(Boolean(id));
  const { error, run, setError } = useAction();
  const [saved, setSaved] = useState(() => takeFlash<string>() === 'saved');
  const [region] = useLoad(() => api.region.get(), []);

  useEffect(() => {
    if (!id) return;
    api.facilities
      .get(id)
      .then((f) =>
        setForm({ name: f.name, name_kana: f.name_kana, kind: f.kind, postal_code: f.postal_code, address: f.address, phone: f.phone, contact_user_id: f.contact_user_id ? String(f.contact_user_id) : '', active: f.active }),
      )
      .catch(setError)
      .finally(() => setLoading(false));
    if (canEdit) {
      api.users
        .list({ facility_id: id, limit: 200 })
        .then((p) => setStaff(p.items))
        .catch(() => setStaff([]));
    }
  }, [id, canEdit]);

  const set = (key: keyof typeof EMPTY) => (v: string | boolean) => setForm({ ...form, [key]: v });
  const submit = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const body = { ...form, contact_user_id: form.contact_user_id ? Number(form.contact_user_id) : null };
    void run(async () => {
      if (id) {
        await api.facilities.update(id, body);
        setSaved(true);
      } else {
        const f = await api.facilities.create(body);
        navigate(`/admin/facilities/${f.id}`, true, 'saved');
      }
    });
  };

  if (loading) return <Loading />;
  return (
    <>
      <PageHeader title={id ? form.name || '施設' : '施設を登録'}>
        <Link href="/admin/facilities" class="button secondary">
          一覧へ戻る
        </Link>
      </PageHeader>
      {saved && <Alert kind="success">保存しました。</Alert>}
      <ErrorAlert error={error} />
      <form class="form card" onSubmit={submit} noValidate>
        <fieldset disabled={!canEdit}>
          <legend class="visually-hidden">施設の情報</legend>
          <div class="grid-2">
            <Field id="name" label="施設名" required error={fieldError(error, 'name')}>
              {(p) => <TextInput {...p} value={form.name} onValue={set('name')} />}
            </Field>
            <Field id="name_kana" label="ふりがな" error={fieldError(error, 'name_kana')}>
              {(p) => <TextInput {...p} value={form.name_kana} onValue={set('name_kana')} />}
            </Field>
            <Field id="kind" label="種類" required error={fieldError(error, 'kind')}>
              {(p) => (
                <select {...p} value={form.kind} onChange={(e) => set('kind')((e.currentTarget as HTMLSelectElement).value)}>
                  <option value="">選んでください</option>
                  {region?.facility_kinds.map((k) => (
                    <option key={k.code} value={k.code}>
                      {k.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="phone" label="電話番号" error={fieldError(error, 'phone')}>
              {(p) => <TextInput {...p} type="tel" value={form.phone} onValue={set('phone')} />}
            </Field>
            <Field id="postal_code" label="郵便番号" error={fieldError(error, 'postal_code')}>
              {(p) => <TextInput {...p} value={form.postal_code} onValue={set('postal_code')} inputMode="numeric" />}
            </Field>
            {id && canEdit && (
              <Field id="contact_user_id" label="連絡窓口（地域連携室など）" error={fieldError(error, 'contact_user_id')} hint="この施設宛ての依頼を受ける人">
                {(p) => (
                  <select {...p} value={form.contact_user_id} onChange={(e) => set('contact_user_id')((e.currentTarget as HTMLSelectElement).value)}>
                    <option value="">なし</option>
                    {staff.map((u) => (
                      <option key={u.id} value={String(u.id)}>
                        {u.name}（{u.profession_name || '職種未設定'}）
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </div>
          <Field id="address" label="住所" error={fieldError(error, 'address')}>
            {(p) => <TextInput {...p} value={form.address} onValue={set('address')} />}
          </Field>
          {id && (
            <label class="checkbox">
              <input type="checkbox" checked={form.active} onChange={(e) => set('active')((e.currentTarget as HTMLInputElement).checked)} />
              利用中（外すと休止扱いになり、一覧に出なくなります）
            </label>
          )}
          {canEdit && (
            <div class="form-actions">
              <button type="submit" class="primary">
                {id ? '変更を保存' : '登録する'}
              </button>
            </div>
          )}
        </fieldset>
      </form>
    </>
  );
}
