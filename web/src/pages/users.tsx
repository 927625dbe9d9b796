import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type { Device, IssuedDevice, RoleCode, User } from '../api/types';
import { DeviceList, IssuedDeviceNotice } from '../components/devices';
import { UserInvitations } from '../components/invitations';
import { Alert, ErrorAlert, Field, Loading, PageHeader, TextInput, fieldError } from '../components/ui';
import { formatDateTime, ROLE_LABELS } from '../format';
import { useAction, useDebounced, useLoad, usePagedList } from '../hooks';
import { Link, navigate, takeFlash } from '../router';
import { hasRole, useSession } from '../session';

export function UsersPage() {
  const [q, setQ] = useState('');
  const term = useDebounced(q, 250);
  const list = usePagedList((cursor?: string) => api.users.list({ q: term, limit: 50, cursor }), (p) => p.next_cursor, [term]);
  const { items, error } = list;

  return (
    <>
      <PageHeader title="利用者">
        <Link href="/admin/users/import" class="button secondary">
          CSVで一括登録
        </Link>
        <Link href="/admin/users/new" class="button primary">
          利用者を登録
        </Link>
      </PageHeader>
      <div class="search-bar" role="search">
        <label for="user-search" class="visually-hidden">
          名前・ふりがな・ログインIDで検索
        </label>
        <input id="user-search" type="search" placeholder="名前・ふりがな・ログインIDで検索" value={q} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <ErrorAlert error={error} />
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p class="empty">該当する利用者はいません。</p>}
      {items && items.length > 0 && (
        <ul class="list" aria-label="利用者の一覧">
          {items.map((u) => (
            <li key={u.id}>
              <Link href={`/admin/users/${u.id}`} class={'list-row' + (u.active ? '' : ' inactive')}>
                <span class="list-main">
                  <span class="kana">{u.name_kana}</span>
                  <strong>{u.name}</strong>
                  {!u.active && <span class="badge badge--muted">停止中</span>}
                </span>
                <span class="list-sub">
                  {u.facility_name || '所属なし'}・{u.profession_name || '職種未設定'}
                  <br />
                  {u.login_id}・{u.roles.map((r) => ROLE_LABELS[r]).join('・')}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" class="secondary wide" onClick={list.more}>
          さらに表示
        </button>
      )}
    </>
  );
}

interface UserForm {
  login_id: string;
  name: string;
  name_kana: string;
  facility_id: string;
  profession_id: string;
  email: string;
  phone: string;
  roles: RoleCode[];
}

const EMPTY: UserForm = { login_id: '', name: '', name_kana: '', facility_id: '', profession_id: '', email: '', phone: '', roles: ['professional'] };

function TemporaryPassword({ user }: { user: User }) {
  return (
    <Alert kind="success">
      <p>
        {user.name}（{user.login_id}）の仮パスワード: <code class="secret">{user.temporary_password}</code>
      </p>
      <p class="muted">この画面を閉じると二度と表示されません。本人に安全な方法で伝えてください。初回ログイン時に変更が必要です。</p>
    </Alert>
  );
}

export function UserEditPage({ id }: { id?: string }) {
  const { session } = useSession();
  const regionAdmin = hasRole(session, 'region_admin');
  const [form, setForm] = useState<UserForm>(regionAdmin ? EMPTY : { ...EMPTY, facility_id: String(session.user.facility_id ?? '') });
  const [user, setUser] = useState<User | null>(null);
  const [issued, setIssued] = useState<User | null>(() => takeFlash<User>());
  const { error, run, setError } = useAction();
  const [saved, setSaved] = useState(false);
  const [loading, setLoading] = useState(Boolean(id));
  const [region] = useLoad(() => api.region.get(), []);
  const [facilities] = useLoad(() => api.facilities.list().then((r) => r.items), []);
  const [professions] = useLoad(() => api.region.professions().then((r) => r.items), []);

  const load = (u: User) => {
    setUser(u);
    setForm({ login_id: u.login_id, name: u.name, name_kana: u.name_kana, facility_id: u.facility_id ? String(u.facility_id) : '', profession_id: u.profession_id ? String(u.profession_id) : '', email: u.email, phone: u.phone, roles: u.roles });
  };
  useEffect(() => {
    if (!id) return;
    api.users.get(id).then(load).catch(setError).finally(() => setLoading(false));
  }, [id]);

  const set = (key: keyof UserForm) => (v: string) => setForm({ ...form, [key]: v });
  const toggleRole = (role: RoleCode, on: boolean) => setForm({ ...form, roles: on ? [...form.roles, role] : form.roles.filter((r) => r !== role) });
  const body = () => ({ ...form, facility_id: form.facility_id ? Number(form.facility_id) : null, profession_id: form.profession_id ? Number(form.profession_id) : null });

  const act = (work: () => Promise<void>) => {
    setSaved(false);
    return run(work);
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      if (id) {
        load(await api.users.update(id, body()));
        setSaved(true);
      } else {
        const created = await api.users.create(body());
        navigate(`/admin/users/${created.id}`, true, created);
      }
    });
  };
  const setActive = (active: boolean) => {
    if (!active && !confirm(`${user?.name} さんを利用停止にします。ログイン中の端末からもログアウトされます。よろしいですか？`)) return;
    void act(async () => load(await api.users.setActive(id!, active)));
  };
  const resetPassword = () => {
    if (!confirm(`${user?.name} さんに仮パスワードを発行します。今のパスワードは使えなくなります。よろしいですか？`)) return;
    void act(async () => setIssued(await api.users.resetPassword(id!)));
  };

  if (loading) return <Loading />;
  const roles = region?.roles.filter((r) => regionAdmin || r.code !== 'region_admin') ?? [];
  return (
    <>
      <PageHeader title={id ? user?.name ?? '利用者' : '利用者を登録'}>
        <Link href="/admin/users" class="button secondary">
          一覧へ戻る
        </Link>
      </PageHeader>
      {issued && <TemporaryPassword user={issued} />}
      {saved && <Alert kind="success">保存しました。</Alert>}
      <ErrorAlert error={error} />
      {user && (
        <p class="muted">
          状態: {user.active ? '利用中' : '停止中'}・最終ログイン: {formatDateTime(user.last_login_at)}
          {user.must_change_password && '・仮パスワードのまま'}
        </p>
      )}
      <form class="form card" onSubmit={submit} noValidate>
        <div class="grid-2">
          <Field id="login_id" label="ログインID" required error={fieldError(error, 'login_id')} hint={id ? '変更できません' : '半角英数字と . _ -'}>
            {(p) => <TextInput {...p} value={form.login_id} onValue={set('login_id')} disabled={Boolean(id)} autocapitalize="off" spellcheck={false} />}
          </Field>
          <Field id="email" label="メールアドレス" error={fieldError(error, 'email')}>
            {(p) => <TextInput {...p} type="email" value={form.email} onValue={set('email')} />}
          </Field>
          <Field id="name" label="氏名" required error={fieldError(error, 'name')}>
            {(p) => <TextInput {...p} value={form.name} onValue={set('name')} />}
          </Field>
          <Field id="name_kana" label="ふりがな" required error={fieldError(error, 'name_kana')}>
            {(p) => <TextInput {...p} value={form.name_kana} onValue={set('name_kana')} />}
          </Field>
          <Field id="facility_id" label="所属施設" error={fieldError(error, 'facility_id')}>
            {(p) => (
              <select {...p} value={form.facility_id} disabled={!regionAdmin} onChange={(e) => set('facility_id')((e.currentTarget as HTMLSelectElement).value)}>
                <option value="">所属なし</option>
                {facilities?.map((f) => (
                  <option key={f.id} value={String(f.id)}>
                    {f.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="profession_id" label="職種" error={fieldError(error, 'profession_id')}>
            {(p) => (
              <select {...p} value={form.profession_id} onChange={(e) => set('profession_id')((e.currentTarget as HTMLSelectElement).value)}>
                <option value="">選んでください</option>
                {professions?.map((x) => (
                  <option key={x.id} value={String(x.id)}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="phone" label="電話番号" error={fieldError(error, 'phone')}>
            {(p) => <TextInput {...p} type="tel" value={form.phone} onValue={set('phone')} />}
          </Field>
        </div>
        <fieldset class={'roles' + (fieldError(error, 'roles') ? ' field--error' : '')}>
          <legend>権限</legend>
          {roles.map((r) => (
            <label key={r.code} class="checkbox">
              <input type="checkbox" checked={form.roles.includes(r.code as RoleCode)} onChange={(e) => toggleRole(r.code as RoleCode, (e.currentTarget as HTMLInputElement).checked)} />
              {r.label}
            </label>
          ))}
          {fieldError(error, 'roles') && <p class="field-error">{fieldError(error, 'roles')}</p>}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="primary">
            {id ? '変更を保存' : '登録して仮パスワードを発行'}
          </button>
        </div>
      </form>
      {user && id && <UserInvitations user={user} />}
      {user && id && regionAdmin && <UserDevices user={user} />}
      {user && id && (
        <section class="card danger-zone" aria-labelledby="account-actions">
          <h2 id="account-actions">アカウントの操作</h2>
          <div class="button-row">
            <button type="button" class="secondary" onClick={resetPassword}>
              仮パスワードを発行（ロック解除）
            </button>
            {user.active ? (
              <button type="button" class="danger" onClick={() => setActive(false)} disabled={user.id === session.user.id}>
                利用停止にする
              </button>
            ) : (
              <button type="button" class="secondary" onClick={() => setActive(true)}>
                利用を再開する
              </button>
            )}
          </div>
        </section>
      )}
    </>
  );
}

// A region administrator issues a device certificate for this user, sees their devices and
// revokes one, or all of them when the user leaves.
function UserDevices({ user }: { user: User }) {
  const [devices, loadError, reload] = useLoad(() => api.devices.ofUser(user.id).then((r) => r.devices), [user.id]);
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<IssuedDevice | null>(null);
  const { error, run } = useAction();
  const act = (work: () => Promise<void>) =>
    run(async () => {
      await work();
      reload();
    });
  const issue = (e: Event) => {
    e.preventDefault();
    void act(async () => {
      setIssued(await api.devices.issue(user.id, name));
      setName('');
    });
  };
  const revoke = (d: Device) => {
    if (!confirm(`${user.name} さんの「${d.name}」の証明書を失効します。その端末はすぐに使えなくなります。よろしいですか？`)) return;
    void act(async () => {
      await api.devices.revoke(d.id);
    });
  };
  const revokeAll = () => {
    if (!confirm(`${user.name} さんのすべての端末の証明書を失効します（退職・異動のとき）。よろしいですか？`)) return;
    void act(async () => {
      await api.devices.revokeAll(user.id);
    });
  };
  return (
    <section class="card" aria-labelledby="user-devices">
      <h2 id="user-devices">端末証明書</h2>
      {issued && <IssuedDeviceNotice issued={issued} userName={user.name} />}
      <ErrorAlert error={loadError ?? error} />
      <form class="device-form" onSubmit={issue} noValidate>
        <Field id="device_name" label="端末の名前" error={fieldError(error, 'name')} hint="例: 診療所のPC、訪問用iPad">
          {(p) => <TextInput {...p} value={name} onValue={setName} maxLength={100} />}
        </Field>
        <button type="submit" class="primary" disabled={!name.trim()}>
          証明書を発行
        </button>
      </form>
      {devices && <DeviceList devices={devices} onRevoke={revoke} empty="まだ端末証明書はありません。" />}
      {devices?.some((d) => !d.revoked_at) && (
        <button type="button" class="danger" onClick={revokeAll}>
          すべての端末を失効（退職・異動のとき）
        </button>
      )}
    </section>
  );
}
