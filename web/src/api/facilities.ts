// Facilities (施設・事業所) of the region.
import { http, query } from './client';
import type { Facility, FacilityInput, Items } from './types';

export interface FacilityFilter {
  q?: string;
  kind?: string;
  // Region administrators: the ones no longer active too.
  include_inactive?: 1;
  limit?: number;
}

export const facilities = {
  list: (filter: FacilityFilter = {}) => http.get<Items<Facility>>('/api/v1/facilities' + query({ ...filter })),
  get: (id: number | string) => http.get<Facility>(`/api/v1/facilities/${id}`),
  create: (input: FacilityInput) => http.post<Facility>('/api/v1/facilities', input),
  update: (id: number | string, input: FacilityInput) => http.put<Facility>(`/api/v1/facilities/${id}`, input),
};
