// The frame around every signed-in page: header with the region and the user, and the menu.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useInboxCounts } from '../inbox_counts';
import { useOpenDisasters } from '../open_disasters';
import { startLive, stopLive, useLiveStatus } from '../live';
import { Link, useLocation } from '../router';
import { startOutbox } from '../status_outbox';
import { hasRole, useSession } from '../session';

interface NavItem {
  href: string;
  label: string;
  show: boolean;
  badge?: number;
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { session, logout, refresh } = useSession();
  useEffect(() => {
    // A session that ends while the page is open (timeout, logout elsewhere) shows the login.
    startLive(() => void refresh().catch(() => undefined));
    return () => stopLive();
  }, [session.user.id]);
  // Safety statuses tapped offline are sent from any page once the network is back.
  useEffect(() => startOutbox(session.user.id), [session.user.id]);
  const live = useLiveStatus();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const admin = hasRole(session, 'region_admin', 'facility_admin');
  const regionAdmin = hasRole(session, 'region_admin');
  const city = hasRole(session, 'region_admin', 'disaster_coordinator');
  const open = useOpenDisasters() ?? [];
  // (a family member reports no safety status: no banner, no menu item)
  const openDisasters = city || hasRole(session, 'professional') ? open : [];
  const counts = useInboxCounts();
  const needsMe = counts?.needs_me ?? 0;
  const items: NavItem[] = [
    { href: '/', label: 'あなた宛て', show: true, badge: needsMe },
    { href: '/teams', label: 'ケアチーム', show: true },
    { href: '/messages', label: 'メッセージ', show: true },
    { href: '/groups', label: 'プロジェクト', show: true },
    { href: '/search', label: '検索', show: true },
    { href: '/notices', label: 'お知らせ', show: true, badge: counts?.notices_unread ?? 0 },
    { href: '/notifications', label: '通知', show: true, badge: counts?.notifications_unread ?? 0 },
    { href: '/disaster', label: '災害対応', show: city || openDisasters.length > 0 },
    { href: '/persons', label: '支援対象者', show: admin },
    { href: '/admin/facilities', label: '施設・事業所', show: true },
    { href: '/admin/users', label: '利用者', show: admin },
    { href: '/admin/audit', label: '監査ログ', show: regionAdmin },
    { href: '/admin/ems-lookups', label: '救急隊の照会記録', show: regionAdmin },
    { href: '/admin/settings', label: '地域の設定', show: regionAdmin },
    { href: '/account', label: 'アカウント', show: true },
  ];
  // (/notices is not /notifications: compare whole path segments)
  const isCurrent = (href: string) => (href === '/' ? path === '/' : path === href || path.startsWith(href + '/'));
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        本文へ移動
      </a>
      <header class="topbar">
        <Link href="/" class="brand" aria-label="結び ホーム">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span class="brand-name">結び</span>
          <span class="brand-region">{session.region.name}</span>
        </Link>
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          メニュー
        </button>
        {needsMe > 0 && (
          <Link href="/" class="topbar-badge" aria-label={`あなた宛て ${needsMe}件`}>
            {needsMe}
          </Link>
        )}
        <div class="topbar-user">
          <span class="user-name">{session.user.name}</span>
          <button type="button" class="link-button" onClick={() => void logout()}>
            ログアウト
          </button>
        </div>
      </header>
      <div class="body">
        <nav id="main-nav" class={'nav' + (menuOpen ? ' nav--open' : '')} aria-label="メインメニュー">
          <ul>
            {items
              .filter((i) => i.show)
              .map((i) => (
                <li key={i.href}>
                  <Link href={i.href} aria-current={isCurrent(i.href) ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                    {i.label}
                    {i.badge ? <span class="badge badge--unread nav-badge">{i.badge}</span> : null}
                  </Link>
                </li>
              ))}
            <li class="nav-logout">
              <button type="button" class="link-button" onClick={() => void logout()}>
                ログアウト
              </button>
            </li>
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {session.read_only && (
            <p class="read-only-banner" role="alert">
              いまは閲覧だけできます。監査ログの確認で問題が見つかったため、投稿・記録・設定の変更は保存されません。管理者が確認しています。
            </p>
          )}
          {openDisasters.map((d) => (
            <DisasterBanner key={d.id} id={d.id} name={d.name} drill={d.drill} city={city} />
          ))}
          {live === 'down' && (
            <p class="live-down" role="status">
              リアルタイム更新が切れています。再接続しています…（画面の内容が古い可能性があります）
            </p>
          )}
          {children}
        </main>
      </div>
    </div>
  );
}

// 災害対応中: on every page while a disaster is open — the city goes to its map, a professional to
// their persons' one-tap list.
function DisasterBanner({ id, name, drill, city }: { id: number; name: string; drill: boolean; city: boolean }) {
  return (
    <p class="disaster-banner" role="status">
      <strong>{drill ? '災害対応中（訓練）' : '災害対応中'}</strong> {name}
      <Link href={city ? `/disaster/${id}` : `/disaster/${id}/mine`}>{city ? '状況を見る' : '安否を報告する'}</Link>
    </p>
  );
}
