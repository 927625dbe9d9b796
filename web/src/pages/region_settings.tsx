// 「地域の設定」 for region administrators: the post categories (追加・名前の変更・並び順・使用停止),
// the attachment size limit, the password rules, the sign-in policy and the outgoing mail.
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { RegionInfo as RegionSettings, RegionTag } from '../api/types';
import { Alert, ErrorAlert, Loading, PageHeader } from '../components/ui';
import { useAction, useLoad } from '../hooks';
import { DevicePolicyForm, MailLog, SessionPolicyForm } from '../components/sign_in_policy';

function TagRow({ tag, onSaved }: { tag: RegionTag; onSaved: (message: string) => void }) {
  const [name, setName] = useState(tag.name);
  const [order, setOrder] = useState(String(tag.sort_order));
  const [retired, setRetired] = useState(tag.retired);
  const { error, run } = useAction();
  const save = () =>
    run(async () => {
      await api.region.updateTag(tag.id, { name, sort_order: Number(order) || 0, retired });
      onSaved(`分類「${name}」を保存しました`);
    });
  return (
    <li class="tag-row" aria-label={`分類 ${tag.name}`}>
      <label class="visually-hidden" for={`tag-name-${tag.id}`}>
        分類名
      </label>
      <input id={`tag-name-${tag.id}`} value={name} maxLength={20} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
      <label class="visually-hidden" for={`tag-order-${tag.id}`}>
        並び順
      </label>
      <input id={`tag-order-${tag.id}`} type="number" inputMode="numeric" class="narrow" value={order} onInput={(e) => setOrder((e.currentTarget as HTMLInputElement).value)} />
      <label class="checkbox">
        <input type="checkbox" checked={retired} onChange={(e) => setRetired((e.currentTarget as HTMLInputElement).checked)} />
        使わない
      </label>
      <button type="button" class="secondary small" onClick={() => void save()}>
        保存
      </button>
      <ErrorAlert error={error} />
    </li>
  );
}

function ConsentPolicyForm({ region, onSaved }: { region: RegionSettings; onSaved: (message: string) => void }) {
  const [chosen, setChosen] = useState<string[]>(region.consent_required_for);
  const { error, run } = useAction();
  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await api.region.setConsentPolicy(chosen);
      onSaved('同意が必要な操作を保存しました');
    });
  };
  return (
    <form onSubmit={save}>
      <ErrorAlert error={error} />
      <fieldset class="roles">
        <legend class="visually-hidden">同意が必要な操作</legend>
        {region.consent_actions.map((a) => (
          <label class="checkbox" key={a.code}>
            <input type="checkbox" checked={chosen.includes(a.code)} onChange={() => setChosen(chosen.includes(a.code) ? chosen.filter((c) => c !== a.code) : [...chosen, a.code])} />
            {a.label}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="primary">
        保存
      </button>
    </form>
  );
}

// What a facility's contact (病院の地域連携室) reads once a request to the facility brings them in.
function ContactPolicyForm({ region, onSaved }: { region: RegionSettings; onSaved: (message: string) => void }) {
  const [access, setAccess] = useState(region.contact_access);
  const { error, run } = useAction();
  const save = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await api.region.setContactPolicy(access);
      onSaved('施設の窓口が見られる範囲を保存しました');
    });
  };
  const choice = (value: RegionSettings['contact_access'], label: string, hint: string) => (
    <label class="radio">
      <input type="radio" name="contact_access" checked={access === value} onChange={() => setAccess(value)} />
      {label}
      <span class="hint">{hint}</span>
    </label>
  );
  return (
    <form onSubmit={save}>
      <ErrorAlert error={error} />
      <fieldset>
        <legend class="visually-hidden">施設の窓口が見られる範囲</legend>
        {choice('record', '掲示板と記録も見る', 'チームのメンバーと同じく、掲示板のすべてと患者サマリ・もしものとき・同意書を見られます。')}
        {choice('request', '依頼だけを見る', '自分宛ての依頼とその返信だけを見られます。記録やほかの投稿は見えません（チーム管理者がメンバーにすると、すべて見られます）。')}
      </fieldset>
      <button type="submit" class="primary">
        保存
      </button>
    </form>
  );
}

export function RegionSettingsPage() {
  const [region, regionError, reloadRegion] = useLoad(() => api.region.get(), []);
  const [tags, tagsError, reloadTags] = useLoad(() => api.region.tags(true), []);
  const [newTag, setNewTag] = useState('');
  const [limit, setLimit] = useState('');
  // The notice says what was saved last, here or by one of the forms below.
  const { error, message: notice, run, setMessage: setNotice } = useAction();

  const addTag = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await api.region.addTag(newTag);
      setNewTag('');
      reloadTags();
    }, `分類「${newTag}」を追加しました`);
  };
  const saveLimit = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await api.region.setUploadLimit(Number(limit));
      reloadRegion();
    }, '添付ファイルの上限を保存しました');
  };

  const setCertificateRequired = (required: boolean) => {
    const question = required
      ? '端末証明書を必須にします。証明書のない端末でログインしている人（あなたを含む）は、すぐにログアウトされます。よろしいですか？'
      : '端末証明書がなくても、IDとパスワードだけでログインできるようにします。厚労省のガイドラインが求める二要素認証ではなくなります。よろしいですか？';
    if (!confirm(question)) return;
    void run(async () => {
      await api.region.setCertificatePolicy(required);
      reloadRegion();
    }, required ? '端末証明書を必須にしました' : '端末証明書を必須にしない設定にしました');
  };

  if (regionError || tagsError) return <ErrorAlert error={regionError || tagsError} />;
  if (!region || !tags) return <Loading />;
  return (
    <>
      <PageHeader title="地域の設定" />
      {notice && <Alert kind="success">{notice}</Alert>}
      <ErrorAlert error={error} />
      <section class="card" aria-labelledby="tags-title">
        <h2 id="tags-title">投稿の分類</h2>
        <p class="muted small">「使わない」にした分類は新しい投稿では選べなくなりますが、これまでの投稿には残ります。並び順は小さい順です。</p>
        <ul class="plain-list">
          {tags.items.map((t) => (
            <TagRow key={`${t.id}-${t.name}-${t.retired}`} tag={t} onSaved={(m) => { setNotice(m); reloadTags(); }} />
          ))}
        </ul>
        <form class="search-bar" onSubmit={addTag}>
          <label for="new-tag" class="visually-hidden">
            新しい分類名
          </label>
          <input id="new-tag" placeholder="新しい分類（例: 褥瘡）" maxLength={20} value={newTag} onInput={(e) => setNewTag((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="primary" disabled={newTag.trim() === ''}>
            追加
          </button>
        </form>
      </section>
      <section class="card" aria-labelledby="certificate-title">
        <h2 id="certificate-title">ログインの二要素認証</h2>
        <p>
          現在: <strong>{region.certificate_required ? '端末証明書が必要です' : '端末証明書がなくてもログインできます'}</strong>
        </p>
        <p class="muted small">
          必須にすると、管理者が発行した端末証明書を入れた端末から、証明書用のアドレス（https://…）でしかログインできなくなります。パスワードが漏れても、証明書のない端末からは記録を開けません。
        </p>
        {region.certificate_required ? (
          <button type="button" class="danger" onClick={() => setCertificateRequired(false)}>
            必須をやめる
          </button>
        ) : (
          <button type="button" class="primary" onClick={() => setCertificateRequired(true)}>
            端末証明書を必須にする
          </button>
        )}
      </section>
      <section class="card" aria-labelledby="consent-policy-title">
        <h2 id="consent-policy-title">本人の同意が必要な操作</h2>
        <p class="muted small">
          選んだ操作は、その方の有効な同意書（撤回・期限切れでないもの）が登録されていないとできなくなります。選ばなくても、同意書のない方のチームには警告が表示されます。
        </p>
        <ConsentPolicyForm region={region} onSaved={(m) => { setNotice(m); reloadRegion(); }} />
      </section>
      <section class="card" aria-labelledby="contact-policy-title">
        <h2 id="contact-policy-title">施設宛ての依頼と窓口</h2>
        <p class="muted small">施設（病院の地域連携室など）を宛先にした依頼は、その施設の窓口の方に届き、窓口の方はチームに加わります。そのとき何を見られるかを選びます。すでに加わっている窓口の方にも適用されます。</p>
        <ContactPolicyForm region={region} onSaved={(m) => { setNotice(m); reloadRegion(); }} />
      </section>
      <section class="card" aria-labelledby="device-policy-title">
        <h2 id="device-policy-title">端末と認証アプリ</h2>
        <DevicePolicyForm policy={region} onSaved={reloadRegion} />
      </section>
      <section class="card" aria-labelledby="session-policy-title">
        <h2 id="session-policy-title">自動ログアウト</h2>
        <SessionPolicyForm policy={region} onSaved={reloadRegion} />
      </section>
      <section class="card" aria-labelledby="mail-title">
        <h2 id="mail-title">送信メールの状況</h2>
        <p class="muted small">招待メールなど、結びが送ったメールの直近100件です。「送信失敗」はメールアドレスの誤りか、メールサーバーの問題です。</p>
        <MailLog />
      </section>
      <section class="card" aria-labelledby="upload-title">
        <h2 id="upload-title">添付ファイルの上限</h2>
        <form class="search-bar" onSubmit={saveLimit}>
          <label for="upload-limit">1ファイルあたりの上限（MB）</label>
          <input id="upload-limit" type="number" inputMode="numeric" min={1} max={2048} class="narrow" placeholder={String(Math.round(region.max_upload_bytes / (1024 * 1024)))} value={limit} onInput={(e) => setLimit((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit" class="primary" disabled={limit === ''}>
            保存
          </button>
        </form>
        <p class="muted small">現在: {Math.round(region.max_upload_bytes / (1024 * 1024))} MB</p>
      </section>
    </>
  );
}
