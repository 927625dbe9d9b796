// Device certificates: a user's own, a region administrator's for any user, and the one-time
// download behind the link an administrator hands over.
import { http } from './client';
import type { DeviceList, IssuedDevice } from './types';

export const devices = {
  ofUser: (userId: number) => http.get<DeviceList>(`/api/v1/users/${userId}/devices`),
  issue: (userId: number, name: string) => http.post<IssuedDevice>(`/api/v1/users/${userId}/devices`, { name }),
  revoke: (deviceId: number) => http.delete<{ revoked: boolean }>(`/api/v1/devices/${deviceId}`),
  revokeAll: (userId: number) => http.post<{ revoked: number }>(`/api/v1/users/${userId}/devices/revoke-all`),
  // The PKCS#12, once (the token comes from the link's fragment).
  downloadPath: (token: string) => `/api/v1/device-downloads/${encodeURIComponent(token)}`,
};
