// Boards: a person's care team, a group (プロジェクト) and a conversation are all boards, with the
// same timeline, members, join requests, mute and files.
import { http, query } from './client';
import type {
  Attachment,
  BoardSummary,
  BoardView,
  CareTeamMatch,
  CodeLabel,
  FileFilter,
  FilesPage,
  Items,
  JoinRequest,
  JoinRequestInput,
  MemberChange,
  MemberList,
  MuteChange,
  MuteState,
  NewPost,
  Post,
  TimelinePage,
} from './types';

type BoardId = number | string;

export const boards = {
  // The care teams I am on, most recent activity first.
  careTeams: () => http.get<Items<BoardSummary>>('/api/v1/care-teams'),
  // The roles on a care team (主治医, 訪問看護 …).
  roles: () => http.get<Items<CodeLabel>>('/api/v1/care-team-roles'),
  // A care team found by its person's reading and birth date, to ask to join it.
  lookup: (nameKana: string, birthDate: string) =>
    http.get<Items<CareTeamMatch>>('/api/v1/care-teams/lookup' + query({ name_kana: nameKana, birth_date: birthDate })),

  get: (boardId: BoardId) => http.get<BoardView>(`/api/v1/boards/${boardId}`),
  // Newest first, 20 at a time; `before`: the next page's post id.
  timeline: (boardId: BoardId, before?: number | null) => http.get<TimelinePage>(`/api/v1/boards/${boardId}/posts` + query({ limit: 20, before })),
  // A post, or with `parent_id` a reply.
  createPost: (boardId: BoardId, input: NewPost) => http.post<Post>(`/api/v1/boards/${boardId}/posts`, input),
  markAllRead: (boardId: BoardId) => http.post<{ marked: number }>(`/api/v1/boards/${boardId}/read-all`),
  setMute: (boardId: BoardId, change: MuteChange) => http.put<MuteState>(`/api/v1/boards/${boardId}/mute`, change),

  // Adds a member, or changes one (a facility's request-only contact becomes a full member).
  putMember: (boardId: BoardId, userId: number, change: MemberChange) =>
    http.put<MemberList>(`/api/v1/boards/${boardId}/members/${userId}`, change),
  removeMember: (boardId: BoardId, userId: number) => http.delete<MemberList>(`/api/v1/boards/${boardId}/members/${userId}`),

  joinRequests: (boardId: BoardId) => http.get<Items<JoinRequest>>(`/api/v1/boards/${boardId}/join-requests`),
  askToJoin: (boardId: BoardId, input: JoinRequestInput) => http.post<{ requested: boolean }>(`/api/v1/boards/${boardId}/join-requests`, input),
  decideJoinRequest: (boardId: BoardId, userId: number, approve: boolean) =>
    http.post<MemberList>(`/api/v1/boards/${boardId}/join-requests/${userId}/${approve ? 'approve' : 'decline'}`),

  // The board's files, newest first, 30 at a time.
  files: (boardId: BoardId, filter: FileFilter, before?: number) =>
    http.get<FilesPage>(`/api/v1/boards/${boardId}/attachments` + query({ limit: 30, ...filter, before })),
  // A file before it is posted (the body is the file itself), with upload progress.
  upload: (boardId: BoardId, file: File, onProgress?: (fraction: number) => void) =>
    http.upload<Attachment>(`/api/v1/boards/${boardId}/attachments?name=${encodeURIComponent(file.name)}`, file, onProgress),
  // A pending upload the writer took off again (the server removes them after a day anyway).
  discardUpload: (file: Attachment) => http.delete<{ discarded: boolean }>(file.url),
  attachmentUrl: (attachmentId: number) => `/api/v1/attachments/${attachmentId}`,
};
