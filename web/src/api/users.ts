// The region's users (利用者), for region and facility administrators.
import { http, query } from './client';
import type { ImportResult, Page, User, UserInput } from './types';

export interface UserFilter {
  q?: string;
  facility_id?: number | string;
  limit?: number;
  cursor?: string | null;
}

export const users = {
  list: (filter: UserFilter) => http.get<Page<User>>('/api/v1/users' + query({ ...filter })),
  get: (id: number | string) => http.get<User>(`/api/v1/users/${id}`),
  // The answer carries the temporary password, shown once.
  create: (input: UserInput) => http.post<User>('/api/v1/users', input),
  update: (id: number | string, input: UserInput) => http.put<User>(`/api/v1/users/${id}`, input),
  setActive: (id: number | string, active: boolean) => http.post<User>(`/api/v1/users/${id}/${active ? 'reactivate' : 'deactivate'}`),
  resetPassword: (id: number | string) => http.post<User>(`/api/v1/users/${id}/reset-password`),
  // CSV text (UTF-8); all or nothing. `dryRun` only checks.
  importCsv: (csv: string, dryRun: boolean) =>
    http.postText<ImportResult>(`/api/v1/users/import${dryRun ? '?dry_run=1' : ''}`, csv, 'text/csv; charset=utf-8'),
};
