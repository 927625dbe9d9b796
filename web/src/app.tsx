// The application: who is signed in, and which page the URL names.
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from './api/client';
import { forgetOffline } from './api/offline';
import type { SessionInfo } from './api/types';
import { Layout } from './components/layout';
import { Loading } from './components/ui';
import { AccountPage } from './pages/account';
import { AuditPage } from './pages/audit';
import { EmsLookupsPage } from './pages/ems_lookups';
import { CardForCrewsPage } from './pages/ems/card_for_crews';
import { InfoCardPage } from './pages/record/info_card';
import { DeviceSetupPage } from './pages/device_setup';
import { DisasterCityPage } from './pages/disaster/city';
import { DisastersPage } from './pages/disaster/disasters';
import { DisasterMinePage } from './pages/disaster/mine';
import { EmsApp } from './pages/ems/ems_app';
import { InvitationPage } from './pages/invitation';
import { CertificateRequiredPage } from './pages/certificate_required';
import { TeamPage } from './pages/board/team';
import { TeamsPage } from './pages/board/teams';
import { FacilitiesPage, FacilityEditPage } from './pages/facilities';
import { GroupPage } from './pages/groups/group';
import { GroupsPage } from './pages/groups/groups';
import { ConversationPage } from './pages/messages/conversation';
import { MessagesPage } from './pages/messages/messages';
import { HomePage } from './pages/home';
import { LoginPage } from './pages/login';
import { NoticeNewPage, NoticePage, NoticesPage } from './pages/notices';
import { NotificationsPage } from './pages/notifications';
import { ForbiddenPage, NotFoundPage } from './pages/not_found';
import { PersonEditPage, PersonsPage } from './pages/persons';
import { FormPage } from './pages/record/form_page';
import { RegionSettingsPage } from './pages/region_settings';
import { SearchPage } from './pages/search';
import { UserImportPage } from './pages/user_import';
import { UserEditPage, UsersPage } from './pages/users';
import { matchPath, navigate, useLocation } from './router';
import { resetInboxCounts } from './inbox_counts';
import { forgetOutbox, queuedReports } from './status_outbox';
import { hasRole, SessionContext } from './session';
import type { RoleCode } from './api/types';

interface RouteDef {
  path: string;
  roles?: RoleCode[];
  render: (params: Record<string, string>) => preact.JSX.Element;
}

const ADMINS: RoleCode[] = ['region_admin', 'facility_admin'];
// The city during a disaster: the region's administrators and its 防災担当.
const CITY: RoleCode[] = ['region_admin', 'disaster_coordinator'];

const ROUTES: RouteDef[] = [
  { path: '/', render: () => <HomePage /> },
  { path: '/teams', render: () => <TeamsPage /> },
  { path: '/teams/:id', render: (p) => <TeamPage key={p.id} id={p.id} /> },
  { path: '/teams/:id/card', render: (p) => <InfoCardPage key={p.id} id={p.id} /> },
  // The QR code of 私の大切な情報カード opens the emergency view for crews only.
  { path: '/ems/card/:token', render: () => <CardForCrewsPage /> },
  { path: '/groups', render: () => <GroupsPage /> },
  { path: '/groups/:id', render: (p) => <GroupPage key={p.id} id={p.id} /> },
  { path: '/messages', render: () => <MessagesPage /> },
  { path: '/messages/:id', render: (p) => <ConversationPage key={p.id} id={p.id} /> },
  { path: '/search', render: () => <SearchPage /> },
  { path: '/notices', render: () => <NoticesPage /> },
  { path: '/notifications', render: () => <NotificationsPage /> },
  { path: '/notices/new', roles: ADMINS, render: () => <NoticeNewPage /> },
  { path: '/notices/:id', render: (p) => <NoticePage key={p.id} id={p.id} /> },
  { path: '/forms/:id', render: (p) => <FormPage key={p.id} id={p.id} /> },
  { path: '/persons', roles: ADMINS, render: () => <PersonsPage /> },
  { path: '/persons/new', roles: ADMINS, render: () => <PersonEditPage /> },
  { path: '/persons/:id', roles: ADMINS, render: (p) => <PersonEditPage key={p.id} id={p.id} /> },
  { path: '/admin/facilities', render: () => <FacilitiesPage /> },
  { path: '/admin/facilities/new', roles: ['region_admin'], render: () => <FacilityEditPage /> },
  { path: '/admin/facilities/:id', render: (p) => <FacilityEditPage key={p.id} id={p.id} /> },
  { path: '/admin/users', roles: ADMINS, render: () => <UsersPage /> },
  { path: '/admin/users/new', roles: ADMINS, render: () => <UserEditPage /> },
  { path: '/admin/users/import', roles: ADMINS, render: () => <UserImportPage /> },
  { path: '/admin/users/:id', roles: ADMINS, render: (p) => <UserEditPage key={p.id} id={p.id} /> },
  { path: '/admin/audit', roles: ['region_admin'], render: () => <AuditPage /> },
  { path: '/admin/ems-lookups', roles: ['region_admin'], render: () => <EmsLookupsPage /> },
  { path: '/admin/settings', roles: ['region_admin'], render: () => <RegionSettingsPage /> },
  { path: '/disaster', render: () => <DisastersPage /> },
  { path: '/disaster/:id', roles: CITY, render: (p) => <DisasterCityPage key={p.id} id={p.id} /> },
  { path: '/disaster/:id/mine', roles: ['professional'], render: (p) => <DisasterMinePage key={p.id} id={p.id} /> },
  { path: '/account', render: () => <AccountPage /> },
];

type State = { kind: 'loading' } | { kind: 'anonymous'; notice?: string } | { kind: 'signed-in'; session: SessionInfo };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const { path } = useLocation();

  const signedIn = (session: SessionInfo) => {
    setCsrfToken(session.csrf_token);
    setState({ kind: 'signed-in', session });
  };
  const refresh = async () => {
    const s = await api.session.current();
    setState((old) => {
      setCsrfToken(s.csrf_token);
      const previous = old.kind === 'signed-in' ? old.session.previous_login : undefined;
      return { kind: 'signed-in', session: { ...s, previous_login: previous } };
    });
  };
  const logout = async () => {
    const waiting = queuedReports().length;
    if (waiting > 0 && !window.confirm(`送信されていない安否の報告が${waiting}件あります。ログアウトすると、この端末から消えて送信されません。ログアウトしますか？`)) return;
    try {
      await api.session.logout();
    } catch {
      // already ended: nothing to do
    }
    // Nothing of the record stays on the device: the disaster pages' offline copies, the queue.
    forgetOutbox();
    await forgetOffline();
    setCsrfToken('');
    resetInboxCounts();
    setState({ kind: 'anonymous', notice: 'ログアウトしました。' });
    navigate('/', true);
  };

  useEffect(() => {
    setUnauthenticatedHandler((message) => {
      setCsrfToken('');
      setState({ kind: 'anonymous', notice: message });
    });
    api.session
      .current()
      .then(signedIn)
      .catch((e) => {
        // An ended session (timeout) is explained; a first visit just shows the login form.
        const explain = e instanceof ApiError && (e.status !== 401 || e.code === 'session_expired');
        setState({ kind: 'anonymous', notice: explain ? e.message : undefined });
      });
  }, []);

  // Public: the device that opens it has no certificate and no session yet.
  if (path === '/device-setup') return <DeviceSetupPage />;
  if (path === '/invitation') return <InvitationPage />;
  if (path === '/certificate-required') return <CertificateRequiredPage />;
  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'anonymous') return <LoginPage onLogin={signedIn} notice={state.notice} />;

  const session = state.session;
  // A fire department crew's account has its own screens and nothing of the care network.
  if (hasRole(session, 'ems') && !hasRole(session, 'professional', 'region_admin', 'family', 'disaster_coordinator')) {
    return (
      <SessionContext.Provider value={{ session, refresh, logout }}>
        <EmsApp />
      </SessionContext.Provider>
    );
  }
  let page: preact.JSX.Element = <NotFoundPage />;
  if (session.must_change_password) {
    page = <AccountPage />;
  } else {
    for (const route of ROUTES) {
      const params = matchPath(route.path, path);
      if (!params) continue;
      page = !route.roles || hasRole(session, ...route.roles) ? route.render(params) : <ForbiddenPage />;
      break;
    }
  }
  return (
    <SessionContext.Provider value={{ session, refresh, logout }}>
      <Layout>{page}</Layout>
    </SessionContext.Provider>
  );
}
