// The fire department's own screens (救急情報連携): a crew's account sees nothing else of Musubi.
// Its own frame (no menu of the care network, no live connection), the search, and one person's
// emergency view.
import { useEffect } from 'preact/hooks';
import { matchPath, navigate, useLocation } from '../../router';
import { useSession } from '../../session';
import { EmergencyViewPage } from './emergency_view';
import { EmsSearchPage } from './ems_search';
import './ems.css';

export function EmsApp() {
  const { session, logout } = useSession();
  const { path } = useLocation();
  const view = matchPath('/ems/persons/:id', path);
  useEffect(() => {
    if (!view && path !== '/ems') navigate('/ems', true);
  }, [path]);
  return (
    <div>
      <header class="ems-topbar">
        <strong>救急情報連携</strong>
        <span>
          {session.user.name} <button onClick={() => void logout()}>ログアウト</button>
        </span>
      </header>
      <main class="ems" id="main">
        {view ? <EmergencyViewPage key={view.id} id={view.id} /> : <EmsSearchPage />}
      </main>
    </div>
  );
}
