// Shapes of the JSON the server returns (docs/api.md).

export type RoleCode = 'region_admin' | 'facility_admin' | 'professional' | 'ems' | 'family';

export interface User {
  id: number;
  login_id: string;
  name: string;
  name_kana: string;
  facility_id: number | null;
  facility_name: string;
  profession_id: number | null;
  profession_name: string;
  email: string;
  phone: string;
  roles: RoleCode[];
  active: boolean;
  must_change_password: boolean;
  last_login_at: string | null;
  updated_at: string;
  temporary_password?: string;
}

export interface SessionInfo {
  user: User;
  region: { id: number; name: string };
  csrf_token: string;
  must_change_password: boolean;
  idle_timeout_seconds: number;
  previous_login?: { at: string; ip: string } | null;
}

export interface Facility {
  id: number;
  name: string;
  name_kana: string;
  kind: string;
  kind_label: string;
  postal_code: string;
  address: string;
  phone: string;
  contact_user_id: number | null;
  contact_user_name: string;
  active: boolean;
  user_count: number;
  updated_at: string;
}

export interface Profession {
  id: number;
  name: string;
  builtin: boolean;
}

export interface CodeLabel {
  code: string;
  label: string;
}

export interface RegionInfo {
  id: number;
  code: string;
  name: string;
  password_policy: { min_length: number; require_letter_and_digit: boolean };
  facility_kinds: CodeLabel[];
  roles: CodeLabel[];
}

export type Sex = 'male' | 'female' | 'other' | 'unknown';

export interface Person {
  id: number;
  name: string;
  name_kana: string;
  birth_date: string;
  sex: Sex;
  postal_code: string;
  address: string;
  phone: string;
  version: number;
  registered_by_facility_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor_user_id: number | null;
  actor_login: string;
  action: string;
  target_type: string;
  target_id: string;
  outcome: string;
  detail: string;
  ip: string;
  request_id: string;
}

export interface SessionRow {
  id: number;
  created_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
  current: boolean;
}

export interface ImportResult {
  imported: boolean;
  dry_run: boolean;
  errors: { row: number; field: string; message: string }[];
  created: User[];
}
