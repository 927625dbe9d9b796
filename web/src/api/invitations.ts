// Invitations by mail: what an administrator sends and sees, and the public page the link opens
// (the one-time token travels only in request bodies).
import { http } from './client';
import type { Invitation, InvitationAcceptance, InvitationAccepted, InvitationInfo, Items, SecondFactorStatus, TotpSetup } from './types';

export const invitations = {
  ofUser: (userId: number) => http.get<Items<Invitation>>(`/api/v1/users/${userId}/invitations`),
  send: (userId: number, deviceName: string) => http.post<Invitation>(`/api/v1/users/${userId}/invitations`, { device_name: deviceName }),
  secondFactorOf: (userId: number) => http.get<SecondFactorStatus>(`/api/v1/users/${userId}/second-factor`),
  // A lost phone: the app and recovery codes go, and the user's sessions end.
  resetSecondFactor: (userId: number) => http.delete<{ reset: boolean }>(`/api/v1/users/${userId}/second-factor`),

  lookup: (token: string) => http.post<InvitationInfo>('/api/v1/invitations/lookup', { token }),
  startTotp: (token: string) => http.post<TotpSetup>('/api/v1/invitations/totp', { token }),
  accept: (input: InvitationAcceptance) => http.post<InvitationAccepted>('/api/v1/invitations/accept', input),
};
