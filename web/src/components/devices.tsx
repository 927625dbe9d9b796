// Device certificates: the list with revoke buttons (a user's own on the account page, any user's
// for a region administrator), and what an administrator hands over after issuing one.
import type { Device, IssuedDevice } from '../api/types';
import { formatDateTime } from '../format';

function state(d: Device): { label: string; kind: string } {
  if (d.revoked_at) return { label: '失効', kind: 'badge--muted' };
  if (!d.usable) return { label: '期限切れ', kind: 'badge--muted' };
  if (!d.downloaded) return { label: '受け取り待ち', kind: 'badge--unread' };
  return { label: '有効', kind: 'badge--ok' };
}

export function DeviceList({ devices, onRevoke, empty }: { devices: Device[]; onRevoke: (d: Device) => void; empty: string }) {
  if (devices.length === 0) return <p class="muted">{empty}</p>;
  return (
    <ul class="plain-list device-list">
      {devices.map((d) => {
        const s = state(d);
        return (
          <li key={d.id} class="device-row">
            <div>
              <strong>{d.name}</strong> <span class={`badge ${s.kind}`}>{s.label}</span>
              {d.current && <span class="badge">この端末</span>}
              <div class="muted small">
                発行 {formatDateTime(d.issued_at)}・有効期限 {formatDateTime(d.expires_at)}
                {d.last_used_at ? `・最終利用 ${formatDateTime(d.last_used_at)}（${d.last_ip}）` : '・まだ使われていません'}
                {d.revoked_at && `・失効 ${formatDateTime(d.revoked_at)}`}
              </div>
              <div class="muted small mono">シリアル {d.serial}</div>
            </div>
            {!d.revoked_at && (
              <button type="button" class="danger small-button" onClick={() => onRevoke(d)} aria-label={`${d.name} を失効する`}>
                失効する
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function IssuedDeviceNotice({ issued, userName }: { issued: IssuedDevice; userName: string }) {
  // A device without a certificate cannot open the HTTPS door: the public address is needed.
  const link = issued.setup_url ?? `${location.origin}${issued.setup_path}`;
  const hours = Math.round(issued.download_expires_in_seconds / 3600);
  return (
    <div class="alert alert--success issued-device" role="status">
      <p>
        <strong>{userName} さんの「{issued.name}」用の証明書を発行しました。</strong>
        次の2つを<strong>別々の方法で</strong>本人に渡してください（この画面を閉じるとパスワードは二度と表示されません）。
      </p>
      <dl class="handover">
        <dt>受け取り用リンク（{hours}時間以内に1回だけ使えます）</dt>
        <dd>
          <code class="copyable">{link}</code>
        </dd>
        <dt>インポート用パスワード</dt>
        <dd>
          <code class="copyable password">{issued.import_password}</code>
        </dd>
      </dl>
      <p class="small">リンクを開くと、端末の種類ごとの取り込み手順が表示されます。</p>
    </div>
  );
}
