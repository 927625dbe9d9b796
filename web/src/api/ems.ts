// The emergency lookup (救急情報連携): a crew's search and the emergency view. Every call carries
// the reason and the incident number, which the server writes into the audit log.
import { http, query } from './client';
import type {
  EmergencyView,
  EmsActivity,
  EmsHospital,
  EmsLookupFilters,
  EmsLookupPage,
  EmsReasons,
  EmsSearchInput,
  EmsSearchResult,
  EmsTransport,
  EmsTransportInput,
  Items,
  PersonCard,
} from './types';

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
  hospitals: () => http.get<Items<EmsHospital>>('/api/v1/ems/hospitals'),
  // 活動内容を共有する: kept in the 活動履歴 and posted to the person's care team.
  reportTransport: (personId: number | string, input: EmsTransportInput, why: LookupReason) =>
    http.post<EmsTransport>(`/api/v1/ems/persons/${personId}/transports`, { ...input, ...why }),
  // The region administrator's review of every crew lookup, newest first, and its CSV.
  lookups: (filters: EmsLookupFilters, before?: number) =>
    http.get<EmsLookupPage>('/api/v1/ems/lookups' + query({ ...filters, before, limit: 50 })),
  lookupsCsvUrl: (filters: EmsLookupFilters) => '/api/v1/ems/lookups.csv' + query({ ...filters }),
  // 私の大切な情報カード: the team's current card and a new one; a crew opens its QR code.
  card: (personId: number) => http.get<PersonCard>(`/api/v1/persons/${personId}/card`),
  issueCard: (personId: number) => http.post<PersonCard>(`/api/v1/persons/${personId}/card`),
  personByCard: (token: string, why: LookupReason) =>
    http.get<EmergencyView>(`/api/v1/ems/cards/${encodeURIComponent(token)}` + query({ ...why })),
  // The care team's side: crews' views and transports of its person.
  activity: (personId: number) => http.get<EmsActivity>(`/api/v1/persons/${personId}/ems-activity`),
};
