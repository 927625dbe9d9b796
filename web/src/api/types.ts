// Shapes of the JSON the server returns (docs/api.md).

export type RoleCode = 'region_admin' | 'facility_admin' | 'professional' | 'ems' | 'family' | 'disaster_coordinator';

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

export interface LoginInput {
  login_id: string;
  password: string;
  one_time_code: string;
}

export interface SessionInfo {
  user: User;
  region: { id: number; name: string };
  csrf_token: string;
  must_change_password: boolean;
  idle_timeout_seconds: number;
  // The server serves reads only until an administrator checks the audit log.
  read_only?: boolean;
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

export interface DevicePolicy {
  max_devices_per_user: number;
  device_validity_days: number;
  totp_roles: string[];
}

// Session timeouts for the region (0: the server's).
export interface SessionPolicy {
  session_idle_timeout_seconds: number;
  session_absolute_timeout_seconds: number;
  ems_idle_timeout_seconds: number; // a fire department crew's sessions (10 minutes unless set)
}

// What a facility's contact reads once a request to the facility brings them onto a board.
export type ContactAccess = 'record' | 'request';

// The region and its policies (what a change of a policy answers).
export interface Region extends DevicePolicy, SessionPolicy {
  id: number;
  code: string;
  name: string;
  password_policy: { min_length: number; require_letter_and_digit: boolean };
  consent_required_for: string[];
  max_upload_bytes: number;
  certificate_required: boolean;
  contact_access: ContactAccess;
}

// The region as every signed-in user reads it, with the codes its forms choose from.
export interface RegionInfo extends Region {
  facility_kinds: CodeLabel[];
  roles: CodeLabel[];
  consent_actions: CodeLabel[];
}

export type MailStatus = 'queued' | 'sent' | 'failed';

// The region's outgoing mail (never bodies).
export interface MailItem {
  id: number;
  recipient: string;
  subject: string;
  kind: string;
  created_at: string;
  attempts: number;
  status: MailStatus;
  last_error: string;
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

// Most lists come as `{"items": [...]}`.
export interface Items<T> {
  items: T[];
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

// Boards (docs/api.md, "Boards: care teams, and every board's posts").
// What a board is about: a person's care team, a group (プロジェクト) or a conversation (メッセージ).
export type BoardKind = 'care' | 'group' | 'direct';

export interface BoardSummary {
  id: number;
  kind: BoardKind;
  // A group's name; for a conversation, the others on it.
  name: string;
  person: { id: number; name: string; name_kana: string } | null;
  my_role: string;
  my_role_label: string;
  i_am_admin: boolean;
  unread: number;
  last_post_at: string | null;
  muted: boolean;
}

export interface Member {
  user_id: number;
  name: string;
  name_kana: string;
  facility_name: string;
  profession_name: string;
  team_role: string;
  team_role_label: string;
  is_admin: boolean;
  joined_at: string;
  // A facility's contact who joined because a request was addressed to the facility.
  via_facility: { id: number; name: string } | null;
  // Such a contact where the region says so: reads only the requests addressed to them.
  request_only: boolean;
}

export interface BoardView {
  id: number;
  kind: BoardKind;
  name: string;
  description: string;
  open: boolean;
  hidden: boolean;
  // A group's address for posting by e-mail (members only, when set up).
  mail_address: string | null;
  person: Person | null;
  members: Member[];
  me: (Member & { muted: boolean; muted_until: string | null }) | null;
  // The record's banner: members of a care team only (null for a region administrator who is not one).
  record: RecordBadges | null;
  created_at: string;
}

// The person record (docs/api.md, "The person record").
export type ConsentState = 'missing' | 'valid' | 'expiring' | 'expired' | 'withdrawn';

export interface RecordBadges {
  consent: ConsentState;
  consent_expires_on: string | null;
  acp_headline: string;
  acp_discussed_on: string | null;
}

export interface Vocabulary {
  title: string;
  codes: CodeLabel[];
}
export type Vocabularies = Record<
  | 'care_levels'
  | 'disability_independence'
  | 'dementia_independence'
  | 'adl_items'
  | 'iadl_items'
  | 'assistance_levels'
  | 'living_situations'
  | 'treatment_preferences'
  | 'life_sustaining_treatments'
  | 'places_of_care'
  | 'consent_scopes',
  Vocabulary
>;

export interface ContactPoint {
  name: string;
  facility: string;
  phone: string;
}

export interface Summary {
  conditions: { name: string; onset: string; note: string }[];
  medications: { name: string; dosage: string; prescriber: string }[];
  allergies: { substance: string; reaction: string }[];
  devices: { name: string; note: string }[]; // 人工呼吸器, 在宅酸素, 透析, ペースメーカー …
  vaccinations: { vaccine: string; date: string }[];
  adl: Record<string, string>;
  iadl: Record<string, string>;
  care: { level: string; valid_from: string; valid_to: string };
  disability_independence: string;
  dementia_independence: string;
  services: { kind: string; provider: string; frequency: string }[];
  living: string;
  living_note: string;
  contacts: { name: string; relation: string; phone: string; key_person: boolean; next_of_kin: boolean }[];
  primary_doctor: ContactPoint;
  hospital: ContactPoint;
  insurance: Insurance;
  notes: string;
}

export interface Insurance {
  medical_insurer_number: string;
  medical_card_number: string;
  care_insured_number: string;
  public_expense_number: string;
}

export interface SummaryVersion {
  version: number;
  changes: string[];
  changed_by_name: string;
  changed_at: string | null;
}

export interface SummaryView extends SummaryVersion {
  summary: Summary;
  has_insurance: boolean;
}

export interface AdvanceCarePlan {
  discussed_on: string;
  participants: { name: string; role: string }[];
  wishes: string;
  values: string;
  proxy: { name: string; relation: string; phone: string };
  treatments: Record<string, string>;
  place_of_care: string;
  place_of_care_note: string;
  place_of_death: string;
  place_of_death_note: string;
  notes: string;
}

export interface AcpEntry {
  version: number;
  plan: AdvanceCarePlan;
  headline: string;
  recorded_by_name: string;
  recorded_at: string;
}

export interface ConsentScope {
  care_team: boolean;
  facility_ids: number[];
  profession_ids: number[];
  family: boolean;
  ems: boolean;
}

export interface Consent {
  id: number;
  consenter: 'self' | 'proxy';
  consenter_name: string;
  proxy_relation: string;
  consented_on: string;
  expires_on: string | null;
  scope: ConsentScope;
  document: { attachment_id: number; file_name: string } | null;
  note: string;
  recorded_by_name: string;
  recorded_at: string;
  withdrawn_at: string | null;
  withdrawn_by_name: string;
  withdrawn_reason: string;
}

export interface ConsentOverview {
  state: ConsentState;
  current: Consent | null;
  required_for: string[];
  items: Consent[];
}

export type FieldKind = 'text' | 'multiline' | 'date' | 'choice' | 'checks';

export interface FormTemplate {
  code: string;
  title: string;
  description: string;
  sections: { title: string; fields: { key: string; label: string; kind: FieldKind; options: string[]; half: boolean }[] }[];
}

export interface RecordForm {
  id: number;
  person_id: number;
  template: string;
  title: string;
  state: 'draft' | 'final';
  version: number;
  created_by_name: string;
  created_at: string;
  updated_by_name: string;
  updated_at: string;
  finalized_at: string | null;
  finalized_by_name: string;
  values?: Record<string, string>;
}

export interface Tag {
  id: number;
  name: string;
}

export interface Post {
  id: number;
  board_id: number;
  parent_id: number | null;
  author: { user_id: number; name: string; facility_name: string };
  body: string;
  tag: Tag | null;
  important: boolean;
  restricted: boolean;
  audience: number[];
  version: number;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  delete_reason: string;
  acknowledgements: number;
  acknowledged_by_me: boolean;
  read_by_me: boolean;
  has_poll: boolean;
  replies: Post[];
  request: PostRequest | null;
  attachments: Attachment[];
}

export type AttachmentKind = 'image' | 'pdf' | 'other';

export interface Attachment {
  id: number;
  post_id: number | null;
  file_name: string;
  media_type: string;
  kind: AttachmentKind;
  size: number;
  width: number | null;
  height: number | null;
  uploader: { user_id: number; name: string };
  created_at: string;
  url: string;
  thumbnail_url: string | null;
}

export type AddresseeState = 'unread' | 'read' | 'acknowledged' | 'answered';

export interface PostRequest {
  kind: 'read' | 'answer';
  deadline: string | null;
  overdue: boolean;
  addressees: {
    user_id: number;
    name: string;
    facility_name: string;
    via_facility: { id: number; name: string } | null;
    state: AddresseeState;
    done: boolean;
  }[];
}

export interface PostVersion {
  version: number;
  body: string;
  tag_name: string;
  written_at: string;
  written_by: string;
}

export interface AcknowledgementView {
  acknowledged: { user_id: number; name: string; at: string }[];
  not_yet: Member[];
}

export interface Colleague {
  id: number;
  name: string;
  name_kana: string;
  facility_name: string;
  profession_name: string;
}

export interface InboxCounts {
  requests: number;
  overdue: number;
  important: number;
  replies: number;
  unread: number;
  polls: number;
  needs_me: number;
  notices_unread: number;
  notices_unacknowledged: number;
  notifications_unread: number;
}

export type InboxReason = 'request' | 'poll' | 'important' | 'reply' | 'unread';

// Polls (アンケート) and date scheduling (docs/api.md, "Polls").
export type PollMode = 'single' | 'multiple' | 'schedule';
// Scheduling: 2 ◯, 1 △, 0 ×; a chosen option of a choice poll is 2.
export type MarkValue = 0 | 1 | 2;
export interface PollMark {
  option_id: number;
  value: MarkValue;
}
export interface PollOption {
  id: number;
  label: string;
  yes: number;
  maybe: number;
  no: number;
  best: boolean;
}
export interface Poll {
  post_id: number;
  mode: PollMode;
  anonymous: boolean;
  free_text: boolean;
  deadline: string | null;
  reminded_at: string | null;
  closed: boolean;
  fixed_option_id: number | null;
  decision_post_id: number | null;
  options: PollOption[];
  responders: number;
  expected: number;
  not_answered: Member[]; // empty for an anonymous poll
  not_answered_count: number;
  answered_by_me: boolean;
  mine: { marks: PollMark[]; comment: string } | null;
  can_manage: boolean;
  answers?: { user_id: number; name: string; facility_name: string; marks: PollMark[]; comment: string; answered_at: string }[];
  comments?: string[];
}

export interface BoardRef {
  id: number;
  kind: BoardKind;
  name: string;
  person: { id: number; name: string; name_kana: string } | null;
}

export interface GroupSummary {
  id: number;
  name: string;
  description: string;
  open: boolean;
  hidden: boolean;
  member_count: number;
  member: boolean;
  i_am_admin: boolean;
  join_requested: boolean;
  unread: number;
  last_post_at: string | null;
  muted: boolean;
}

export interface InboxItem {
  reason: InboxReason;
  reminded_at: string | null;
  board: BoardRef;
  post: Post;
  // For a reply: the post it answers, by its author and first words.
  root: { id: number; author: { name: string }; excerpt: string } | null;
}

export interface SearchHit {
  board: BoardRef;
  post: Post;
  excerpt: { text: string; match: boolean }[];
  matching_files: string[];
}

export interface SearchPage {
  total: number;
  total_capped: boolean;
  items: SearchHit[];
  next_before: number | null;
  next_offset: number | null;
}

export interface Device {
  id: number;
  user_id: number;
  name: string;
  serial: string;
  fingerprint: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  last_ip: string;
  downloaded: boolean;
  usable: boolean;
  current?: boolean;
}

export interface IssuedDevice extends Device {
  download_path: string;
  setup_path: string;
  setup_url?: string;
  download_expires_in_seconds: number;
  import_password: string;
}

// Region notices (お知らせ).
export interface Notice {
  id: number;
  title: string;
  body: string;
  important: boolean;
  ack_requested: boolean;
  publisher: { id: number; name: string; facility: string };
  audience: { facility_kinds: string[]; profession_ids: number[]; facility_id: number | null };
  published_at: string;
  read_at: string | null;
  acknowledged_at: string | null;
  // The publisher's and region administrators' view only.
  recipients?: number;
  read?: number;
  acknowledged?: number;
  reminded_at?: string | null;
}

export interface NoticeList {
  items: Notice[];
  next_before: number | null;
  unread?: number;
  unacknowledged?: number;
}

export interface NoticeRecipient {
  user_id: number;
  name: string;
  facility: string;
  profession: string;
  read_at: string | null;
  acknowledged_at: string | null;
}

// What the pages send and the answers that go with them, by domain (web/src/api/*.ts).

// Own account and sign-in.
export interface PasswordChange {
  current_password: string;
  new_password: string;
}

export interface SecondFactorStatus {
  totp_allowed: boolean;
  enrolled: boolean;
  recovery_codes_left: number;
}

export interface DeviceList {
  devices: Device[];
}

// Invitations by mail: an administrator's list, and the public page behind the link.
export interface Invitation {
  id: number;
  user_id: number;
  sets_password: boolean;
  second_factor: 'certificate' | 'totp';
  device_name: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  state: 'open' | 'used' | 'replaced' | 'expired';
  mail_status: MailStatus | '';
  mail_error: string;
}

export interface InvitationInfo {
  login_id: string;
  user_name: string;
  region_name: string;
  sets_password: boolean;
  second_factor: 'certificate' | 'totp';
  device_name: string;
  expires_at: string;
  password_policy: { min_length: number; require_letter_and_digit: boolean };
}

export interface TotpSetup {
  secret: string;
  otpauth_uri: string;
}

export interface InvitationAcceptance {
  token: string;
  password: string;
  one_time_code: string;
}

export interface InvitationAccepted {
  login_id: string;
  second_factor: 'certificate' | 'totp';
  download_path?: string;
  import_password?: string;
  device_expires_at?: string;
  recovery_codes?: string[];
}

// The region's directory.
export interface RegionTag extends Tag {
  sort_order: number;
  retired: boolean;
}

export interface TagChange {
  name: string;
  sort_order: number;
  retired: boolean;
}

export interface FacilityInput {
  name: string;
  name_kana: string;
  kind: string;
  postal_code: string;
  address: string;
  phone: string;
  contact_user_id: number | null;
  active: boolean;
}

export interface UserInput {
  login_id: string;
  name: string;
  name_kana: string;
  facility_id: number | null;
  profession_id: number | null;
  email: string;
  phone: string;
  roles: RoleCode[];
}

export interface PersonInput {
  name: string;
  name_kana: string;
  birth_date: string;
  sex: Sex | '';
  postal_code: string;
  address: string;
  phone: string;
  // Registering a namesake of a person already there (same reading and birth date).
  different_person?: boolean;
}

// A person (with the start of their 患者サマリ) from another system's FHIR file.
export interface FhirImportResult {
  person: Person;
  conditions: number;
  allergies: number;
  skipped: string[];
}

// Boards: the timeline, writing, members, joining, muting, files.
export interface TimelinePage {
  // Important posts I have not acknowledged: on the first page only.
  pinned?: Post[];
  items: Post[];
  next_before: number | null;
}

export interface NewPost {
  body: string;
  parent_id?: number;
  tag_id?: number | null;
  important?: boolean;
  restricted_to?: number[];
  attachment_ids?: number[];
  request_kind?: 'read' | 'answer';
  addressees?: number[];
  deadline?: string | null;
}

export interface PostEdit {
  body: string;
  version: number;
  tag_id: number | null;
}

export interface MuteState {
  muted: boolean;
  muted_until: string | null;
}

export interface MuteChange {
  muted: boolean;
  // Without it, until turned back on.
  minutes?: number;
}

export interface MemberChange {
  team_role: string;
  is_admin: boolean;
}

export interface MemberList {
  members: Member[];
}

export interface JoinRequest {
  user_id: number;
  name: string;
  facility_name: string;
  profession_name: string;
  team_role: string;
  team_role_label: string;
  message: string;
  created_at: string;
}

export interface JoinRequestInput {
  team_role: string;
  message: string;
  // Asked from the care-team lookup: the person's reading and birth date, as found.
  name_kana?: string;
  birth_date?: string;
}

// A care team found by its person's reading and birth date (exactly).
export interface CareTeamMatch {
  board_id: number;
  person: { name: string; name_kana: string; birth_date: string };
  member: boolean;
  join_requested: boolean;
}

// A person's care team as their page sees it (404 when there is none).
export interface PersonCareTeam {
  id: number;
  member: boolean;
  join_requested: boolean;
}

export interface FileFilter {
  kind: string;
  author: string;
  from: string;
  to: string;
}

export interface FilesPage {
  items: Attachment[];
  next_before: number | null;
}

export interface GroupFields {
  name: string;
  description: string;
  open: boolean;
  hidden: boolean;
}

// Polls.
export interface NewPoll {
  body: string;
  mode: PollMode;
  options: string[];
  anonymous: boolean;
  free_text: boolean;
  deadline: string;
}

export interface PollAnswer {
  marks: PollMark[];
  comment: string;
}

// The person record.
export interface ConsentInput {
  consenter: string;
  consenter_name: string;
  proxy_relation: string;
  consented_on: string;
  expires_on: string;
  note: string;
  scope: ConsentScope;
  document_attachment_id?: number;
}

// The inbox and search.
export interface InboxSectionCounts {
  requests: number;
  overdue: number;
  important: number;
  replies: number;
  unread: number;
  polls: number;
  needs_me: number;
}

export interface InboxView {
  // The sections' counts; the badge's (InboxCounts) add notices and notifications.
  counts: InboxSectionCounts;
  items: InboxItem[];
}

export interface SearchFilters {
  q: string;
  board: string;
  tag: string;
  from: string;
  to: string;
  important: boolean;
  files: boolean;
  order: 'newest' | 'best';
}

// The next page of a search: newest first pages by post id, best first by offset.
export type SearchCursor = { before: number } | { offset: number };

// Notices.
export interface NoticeAudience {
  facility_kinds: string[];
  profession_ids: number[];
}

export interface NoticeInput extends NoticeAudience {
  title: string;
  body: string;
  important: boolean;
  ack_requested: boolean;
}

export type RecipientState = 'all' | 'unread' | 'unacknowledged';

export interface RecipientPage {
  items: NoticeRecipient[];
  next_after: number | null;
}

// Notifications.
export type NotificationKind = 'request' | 'message' | 'important' | 'poll' | 'reply' | 'reminder' | 'notice';

export interface Notification {
  id: number;
  kind: NotificationKind;
  board: BoardRef | null;
  post_id: number | null;
  parent_id: number | null;
  notice_id: number | null;
  title: string;
  actor_name: string;
  urgent: boolean;
  created_at: string;
  read_at: string | null;
}

export interface NotificationList {
  items: Notification[];
  next_before: number | null;
}

export interface NotificationSettings {
  immediate: boolean;
  digest: boolean;
  digest_hour: number;
  quiet_start: number;
  quiet_end: number;
}

// The audit log.
export interface AuditFilters {
  from: string;
  to: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
}

export interface AuditPage {
  items: AuditEntry[];
  next_before: number | null;
}

// Small answers of actions.
export interface Reminded {
  reminded: number;
}

// The emergency lookup (救急情報連携): for the fire department's crews only.
export interface EmsReasons {
  items: { code: string; label: string }[];
  outcomes: { code: string; label: string }[]; // 搬送, 不搬送, 現場処置
}

// What a crew reported after a call (活動履歴).
export interface EmsTransport {
  id: number;
  occurred_at: string;
  outcome: string;
  outcome_label: string;
  hospital_id: number | null;
  hospital_name: string;
  note: string;
  incident: string;
  fire_facility: string;
  post_id: number | null;
}

export interface EmsTransportInput {
  occurred_at: string; // YYYY-MM-DDTHH:MM, Japan time
  outcome: string;
  hospital_id?: number;
  hospital_name?: string;
  note?: string;
}

export interface EmsHospital {
  id: number;
  name: string;
  phone: string;
}

// 私の大切な情報カード: the number printed, and the path its QR code opens (crews only).
export interface PersonCard {
  number: string;
  path: string;
  issued_at: string;
  issued_by_name: string;
}

// One crew lookup in the region administrator's review (救急隊の照会記録).
export interface EmsLookup {
  id: number;
  at: string;
  action: 'search' | 'view' | 'transport';
  outcome: string;
  crew: { id: number; login: string; name: string; facility: string };
  reason: string;
  reason_label: string;
  incident: string;
  detail: string;
  persons: { id: number; name: string }[];
}

export interface EmsLookupPage {
  items: EmsLookup[];
  next_before: number | null;
}

export interface EmsLookupFilters {
  from: string;
  to: string;
}

// The fire department's work for a person, as the care team sees it (no crew names).
export interface EmsActivity {
  views: { at: string; fire_facility: string }[];
  transports: EmsTransport[];
}

export interface EmsContactLine {
  role: string;
  name: string;
  facility: string;
  phone: string;
}

export interface EmsSearchInput {
  name_kana?: string;
  name?: string;
  birth_date?: string;
  phone?: string;
  address?: string;
  sex?: string;
}

export interface EmsPersonFields {
  id: number;
  name: string;
  name_kana: string;
  sex: string;
  birth_date: string;
  birth_date_wareki: string;
  age: number;
  address: string;
  phone: string;
}

// A match who consented, or only the fact that one has not (nothing else is sent).
export type EmsCandidate = (EmsPersonFields & { consented: true }) | { consented: false; message: string };

export interface EmsSearchResult {
  items: EmsCandidate[];
  total: number;
  total_capped: boolean;
}

export interface EmsContactPoint {
  name: string;
  facility: string;
  phone: string;
}

export interface EmergencyView extends EmsPersonFields {
  consent_expires_on: string;
  acp: {
    headline: string;
    discussed_on: string;
    recorded_at: string | null;
    treatments: { treatment: string; label: string; preference: string; preference_label: string }[];
    place_of_care: string;
    place_of_care_note: string;
    place_of_death: string;
    wishes: string;
    proxy: { name: string; relation: string; phone: string } | null;
  } | null;
  summary: {
    version: number;
    saved_at: string | null;
    living: string;
    lives_alone: boolean;
    care_level: string;
    disability_independence: string;
    dementia_independence: string;
    conditions: { name: string; note: string }[];
    allergies: { substance: string; reaction: string }[];
    medications: { name: string; dosage: string }[];
    devices: { name: string; note: string }[];
    vaccinations: { vaccine: string; date: string }[];
    primary_doctor: EmsContactPoint | null;
    hospital: EmsContactPoint | null;
    contacts: { name: string; relation: string; phone: string; next_of_kin: boolean; key_person: boolean }[];
  } | null;
  transports: EmsTransport[];
  team_contact: EmsContactLine | null; // the care manager (or the team's administrator)
  city_contacts: EmsContactLine[];
}

// Disaster mode (災害対応, docs/api.md "Disaster mode").
export type SafetyStatus = 'unchecked' | 'safe' | 'noted' | 'unreachable';
// The city's colour label of a person ('' for none).
export type DisasterLabel = '' | 'red' | 'blue' | 'yellow';
export type DisasterKind = 'earthquake' | 'flood' | 'typhoon' | 'landslide' | 'heavy_snow' | 'fire' | 'other';

export interface DisasterCodes {
  reasons: CodeLabel[];
  statuses: CodeLabel[];
  labels: CodeLabel[];
  priorities: { value: number; label: string }[];
  // The disaster kinds: the server sends them; docs/api.md does not name them (yet), so
  // web/src/pages/disaster/codes.ts has their labels too.
  kinds?: CodeLabel[];
}

export interface MapLayer {
  code: string;
  name: string;
  url: string;
  attribution: string;
  max_zoom: number;
}

export interface MapConfig {
  layers: MapLayer[];
  center: [number, number];
  zoom: number;
}

// 地区: a district the city defines; `persons` are its 要援護者 (0 for a professional).
export interface DisasterArea {
  id: number;
  name: string;
  persons: number;
}

export type SupportNeeds =
  | { registered: false }
  | {
      registered: true;
      reasons: string[];
      priority: number;
      latitude: number | null;
      longitude: number | null;
      area_id: number | null;
      area_name: string;
      note: string;
      updated_at: string;
      updated_by_name: string;
    };

export type SupportNeedsInput =
  | { registered: false }
  | {
      registered: true;
      reasons: string[];
      priority: number;
      latitude?: number;
      longitude?: number;
      area_id?: number;
      note?: string;
    };

export interface Disaster {
  id: number;
  name: string;
  kind: DisasterKind;
  kind_label: string;
  drill: boolean;
  area_ids: number[];
  areas: { id: number; name: string }[];
  started_at: string;
  closed_at: string | null;
  opened_by_name: string;
  // Only in the answer to opening one: how many care teams were told.
  teams_told?: number;
  // The server sends it; docs/api.md does not name it (yet).
  version?: number;
}

export interface DisasterInput {
  name: string;
  kind: DisasterKind;
  drill: boolean;
  area_ids: number[];
}

// One 要援護者 in a disaster, with their current safety status.
export interface DisasterEntry {
  person_id: number;
  name: string;
  name_kana: string;
  address: string;
  phone: string;
  area_id: number | null;
  area_name: string;
  priority: number;
  reasons: string[];
  latitude: number | null;
  longitude: number | null;
  status: SafetyStatus;
  note: string;
  observed_at: string | null;
  reported_by_name: string;
  reported_facility: string;
  label: DisasterLabel;
  version: number;
}

export interface SafetyReport {
  id: number;
  person_id: number;
  status: SafetyStatus;
  note: string;
  observed_at: string;
  received_at: string;
  reported_by_name: string;
  reported_facility: string;
  client_key: string;
}

// What one tap sends: `client_key` is made once per tap, so that sending it again (a retry, a
// queue replaying after the network came back) changes nothing.
export interface SafetyReportInput {
  person_id: number;
  status: SafetyStatus;
  note?: string;
  client_key: string;
  // When it was tapped, for a report sent later (a queue sets it); absent: when it arrives.
  observed_at?: string;
}

export interface SafetyReportResult {
  report: SafetyReport;
  replayed: boolean;
}

export interface DisasterMine {
  items: DisasterEntry[];
  version: number;
}

export interface DisasterMap {
  version: number;
  // Every entry (replace what is shown), or only those changed after `since` (merge them).
  full: boolean;
  items: DisasterEntry[];
}

export interface StatusCounts {
  all: number;
  unchecked: number;
  safe: number;
  noted: number;
  unreachable: number;
}

export interface DisasterSummary {
  version: number;
  totals: StatusCounts;
  // area_id null: 地区未設定.
  areas: (StatusCounts & { area_id: number | null; name: string })[];
  // `label`: the server sends it; docs/api.md does not name it (yet).
  priorities: (StatusCounts & { priority: number; label?: string })[];
}

export interface DisasterPersonView {
  entry: DisasterEntry;
  history: SafetyReport[];
}
