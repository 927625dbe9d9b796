// The region: its settings and policies (region administrators), its outgoing mail, the 職種,
// the post categories, and finding colleagues by name.
import { http, query } from './client';
import type { Colleague, ContactAccess, Items, MailItem, Profession, Region, RegionInfo, RegionTag, TagChange } from './types';

export const region = {
  get: () => http.get<RegionInfo>('/api/v1/region'),
  setDevicePolicy: (policy: { max_devices_per_user: number; device_validity_days: number; totp_roles: string[] }) =>
    http.put<Region>('/api/v1/region/device-policy', policy),
  setSessionPolicy: (policy: { idle_timeout_minutes: number; absolute_timeout_hours: number; ems_idle_timeout_minutes: number }) => http.put<Region>('/api/v1/region/session-policy', policy),
  setConsentPolicy: (consentRequiredFor: string[]) => http.put<Region>('/api/v1/region/consent-policy', { consent_required_for: consentRequiredFor }),
  setContactPolicy: (access: ContactAccess) => http.put<Region>('/api/v1/region/contact-policy', { contact_access: access }),
  setUploadLimit: (megabytes: number) => http.put<Region>('/api/v1/region/upload-limit', { max_upload_mb: megabytes }),
  setCertificatePolicy: (required: boolean) => http.put<Region>('/api/v1/region/certificate-policy', { required }),
  mail: () => http.get<Items<MailItem>>('/api/v1/region/mail'),

  professions: () => http.get<Items<Profession>>('/api/v1/professions'),
  // Post categories; `all`: retired ones too (region administrators, for the settings page).
  tags: (all = false) => http.get<Items<RegionTag>>(all ? '/api/v1/post-tags?all=1' : '/api/v1/post-tags'),
  addTag: (name: string) => http.post<RegionTag>('/api/v1/post-tags', { name }),
  updateTag: (tagId: number, change: TagChange) => http.put<RegionTag>(`/api/v1/post-tags/${tagId}`, change),

  // Professionals of the region by name or reading: just enough to choose the right person.
  colleagues: (q: string) => http.get<Items<Colleague>>('/api/v1/professionals' + query({ q })),
};
