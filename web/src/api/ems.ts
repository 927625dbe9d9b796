// The emergency lookup (救急情報連携): a crew's search and the emergency view. Every call carries
// the reason and the incident number, which the server writes into the audit log.
import { http, query } from './client';
import type { EmergencyView, EmsReasons, EmsSearchInput, EmsSearchResult } from './types';

export interface LookupReason {
  reason: string;
  incident: string;
}

export const ems = {
  reasons: () => http.get<EmsReasons>('/api/v1/ems/reasons'),
  search: (input: EmsSearchInput, why: LookupReason) =>
    http.get<EmsSearchResult>('/api/v1/ems/search' + query({ ...input, ...why })),
  person: (personId: number | string, why: LookupReason) =>
    http.get<EmergencyView>(`/api/v1/ems/persons/${personId}` + query({ ...why })),
};
