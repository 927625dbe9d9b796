// The signed-in user, shared by every page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { RoleCode, SessionInfo } from './api/types';

export interface SessionState {
  session: SessionInfo;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

export function hasRole(session: SessionInfo, ...roles: RoleCode[]): boolean {
  return roles.some((r) => session.user.roles.includes(r));
}
