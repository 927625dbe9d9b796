// Disaster mode (災害対応): the register of 要援護者 on a person, the areas, the disasters the city
// opens, the one-tap safety status, and the city's summary and map.
import { http, query } from './client';
import type {
  Disaster,
  DisasterArea,
  DisasterCodes,
  DisasterEntry,
  DisasterInput,
  DisasterLabel,
  DisasterMap,
  DisasterMine,
  DisasterPersonView,
  DisasterSummary,
  Items,
  MapConfig,
  SafetyReportInput,
  SafetyReportResult,
  SafetyStatus,
  SupportNeeds,
  SupportNeedsInput,
} from './types';

export const disaster = {
  codes: () => http.get<DisasterCodes>('/api/v1/disaster/codes'),
  mapConfig: () => http.get<MapConfig>('/api/v1/disaster/map-config'),
  areas: () => http.get<Items<DisasterArea>>('/api/v1/disaster/areas'),
  createArea: (name: string) => http.post<DisasterArea>('/api/v1/disaster/areas', { name }),
  // A 403 (ApiError) when the user is neither on the person's team nor the city.
  supportNeeds: (personId: number | string) => http.get<SupportNeeds>(`/api/v1/persons/${personId}/support-needs`),
  setSupportNeeds: (personId: number | string, input: SupportNeedsInput) =>
    http.put<SupportNeeds>(`/api/v1/persons/${personId}/support-needs`, input),
  list: () => http.get<Items<Disaster>>('/api/v1/disasters'),
  // The banner's slow poll: not the user's activity, so it keeps no session open.
  listInBackground: () => http.background<Items<Disaster>>('/api/v1/disasters'),
  get: (id: number | string) => http.get<Disaster>(`/api/v1/disasters/${id}`),
  open: (input: DisasterInput) => http.post<Disaster>('/api/v1/disasters', input),
  close: (id: number | string) => http.post<Disaster>(`/api/v1/disasters/${id}/close`),
  mine: (id: number | string) => http.get<DisasterMine>(`/api/v1/disasters/${id}/mine`),
  person: (id: number | string, personId: number | string) =>
    http.get<DisasterPersonView>(`/api/v1/disasters/${id}/persons/${personId}`),
  summary: (id: number | string) => http.get<DisasterSummary>(`/api/v1/disasters/${id}/summary`),
  // `since`: the version last seen, to be sent only what changed after it.
  map: (id: number | string, since?: number) => http.get<DisasterMap>(`/api/v1/disasters/${id}/map` + query({ since })),
  setLabel: (id: number | string, personId: number | string, label: DisasterLabel) =>
    http.put<DisasterEntry>(`/api/v1/disasters/${id}/persons/${personId}/label`, { label }),
};

// 16–64 of [A-Za-z0-9_-]: a UUID without its dashes (32), or random bytes where randomUUID is
// missing (it needs a secure context; a plain-HTTP test server is not one on every browser).
export function newClientKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replace(/-/g, '');
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// One tap, as it will be sent: its key is made now, once, so that any later sending of it
// (a retry, the offline queue) is the same report.
export function safetyReport(personId: number, status: SafetyStatus, note = ''): SafetyReportInput {
  return { person_id: personId, status, note: note || undefined, client_key: newClientKey() };
}

// The one way a status goes to the server. The offline queue (../status_outbox.ts) goes in front
// of this: it keeps `body` as it is, stamps `observed_at` when it holds one back, and sends it
// again until the server answers — the same `client_key` is applied once (a replay answers 200).
export function sendStatus(disasterId: number | string, body: SafetyReportInput): Promise<SafetyReportResult> {
  return http.post<SafetyReportResult>(`/api/v1/disasters/${disasterId}/statuses`, body);
}
