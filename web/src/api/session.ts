// Signing in and out, and what the signed-in user does with their own account.
import { http } from './client';
import type { DeviceList, Items, LoginInput, PasswordChange, SecondFactorStatus, SessionInfo, SessionRow } from './types';

export const session = {
  current: () => http.get<SessionInfo>('/api/v1/session'),
  login: (input: LoginInput) => http.post<SessionInfo>('/api/v1/session', input),
  logout: () => http.delete<{ ended: number }>('/api/v1/session'),
  logoutEverywhere: () => http.post<{ ended: number }>('/api/v1/session/logout-everywhere'),
};

export const account = {
  sessions: () => http.get<Items<SessionRow>>('/api/v1/me/sessions'),
  changePassword: (input: PasswordChange) => http.put<{ changed: boolean }>('/api/v1/me/password', input),
  devices: () => http.get<DeviceList>('/api/v1/devices'),
  secondFactor: () => http.get<SecondFactorStatus>('/api/v1/account/second-factor'),
  renewRecoveryCodes: (oneTimeCode: string) =>
    http.post<{ recovery_codes: string[] }>('/api/v1/account/second-factor/recovery-codes', { one_time_code: oneTimeCode }),
};
