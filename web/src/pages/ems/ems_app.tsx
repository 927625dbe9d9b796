// The fire department's own screens (救急情報連携): a crew's account sees nothing else of Musubi.
// Its own frame (no menu of the care network, no live connection), the search, one person's
// emergency view, a 私の大切な情報カード's QR code, and the crew member's own account (a temporary
// password is changed there).
import { useEffect } from 'preact/hooks';
import { Link, matchPath, navigate, useLocation } from '../../router';
import { useSession } from '../../session';
import { AccountPage } from '../account';
import { EmsCardPage } from './card_view';
import { EmergencyViewPage } from './emergency_view';
import { EmsSearchPage } from './ems_search';
import './ems.css';

export function EmsApp() {
  const { session, logout } = useSession();
  const { path } = useLocation();
  const view = matchPath('/ems/persons/:id', path);
  const card = matchPath('/ems/card/:token', path);
  const account = path === '/ems/account' || session.must_change_password;
  useEffect(() => {
    if (!view && !card && path !== '/ems' && path !== '/ems/account') navigate('/ems', true);
  }, [path]);
  return (
    <div>
      <header class="ems-topbar">
        <strong>救急情報連携</strong>
        <span>
          <Link href="/ems/account">{session.user.name}</Link> <button onClick={() => void logout()}>ログアウト</button>
        </span>
      </header>
      <main class="ems" id="main">
        {account ? (
          <AccountPage />
        ) : view ? (
          <EmergencyViewPage key={view.id} id={view.id} />
        ) : card ? (
          <EmsCardPage key={card.token} token={card.token} />
        ) : (
          <EmsSearchPage />
        )}
      </main>
    </div>
  );
}
