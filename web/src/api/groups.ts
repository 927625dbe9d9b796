// Groups (プロジェクト) and conversations (メッセージ): boards that are not about a person.
import { http } from './client';
import type { BoardSummary, BoardView, GroupFields, GroupSummary, Items } from './types';

export const groups = {
  // Mine and the region's others that I may see.
  list: () => http.get<Items<GroupSummary>>('/api/v1/groups'),
  create: (fields: GroupFields) => http.post<BoardView>('/api/v1/groups', fields),
  update: (groupId: number, fields: GroupFields) => http.put<BoardView>(`/api/v1/groups/${groupId}`, fields),
  // An open group is joined at once; a closed one takes a request.
  join: (groupId: number, message: string) => http.post<{ joined: boolean }>(`/api/v1/groups/${groupId}/join`, { message }),
};

export const conversations = {
  list: () => http.get<Items<BoardSummary>>('/api/v1/conversations'),
  // The conversation with exactly these users: the existing one or a new one.
  start: (userIds: number[]) => http.post<{ id: number }>('/api/v1/conversations', { user_ids: userIds }),
};
