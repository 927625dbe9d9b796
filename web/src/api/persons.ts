// Persons (支援対象者) for administrators, their care team, and FHIR import.
import { http, query } from './client';
import type { BoardView, FhirImportResult, Page, Person, PersonCareTeam, PersonInput } from './types';

export interface PersonFilter {
  q: string;
  limit: number;
  cursor?: string | null;
}

export const persons = {
  list: (filter: PersonFilter) => http.get<Page<Person>>('/api/v1/persons' + query({ ...filter })),
  get: (id: number | string) => http.get<Person>(`/api/v1/persons/${id}`),
  create: (input: PersonInput) => http.post<Person>('/api/v1/persons', input),
  // `version`: the one that was loaded (409 if someone saved since).
  update: (id: number | string, input: PersonInput & { version: number }) => http.put<Person>(`/api/v1/persons/${id}`, input),
  // 404 (ApiError) while the person has no care team.
  careTeam: (personId: number | string) => http.get<PersonCareTeam>(`/api/v1/persons/${personId}/care-team`),
  openCareTeam: (personId: number | string, input: { admin_user_id: number; team_role: string }) =>
    http.post<BoardView>(`/api/v1/persons/${personId}/care-team`, input),
  // A FHIR (JP Core) Bundle as another system exported it; all or nothing.
  importFhir: (bundle: string, differentPerson: boolean) =>
    http.postText<FhirImportResult>(`/api/v1/fhir/import${differentPerson ? '?different_person=1' : ''}`, bundle, 'application/fhir+json'),
};
