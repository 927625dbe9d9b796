// The audit log (region administrators): search, newest first, and the CSV of a search.
import { http, query } from './client';
import type { AuditFilters, AuditPage } from './types';

export const audit = {
  search: (filters: AuditFilters, before?: number) => http.get<AuditPage>('/api/v1/audit' + query({ ...filters, before, limit: 50 })),
  csvUrl: (filters: AuditFilters) => '/api/v1/audit.csv' + query({ ...filters }),
};
