// 「あなた宛て」, the badge's counts, and search across my boards.
import { http, query } from './client';
import type { InboxCounts, InboxView, SearchCursor, SearchFilters, SearchPage } from './types';

export const inbox = {
  // The first few of each section, or with `more` up to 50 of each.
  list: (more: boolean) => http.get<InboxView>(more ? '/api/v1/inbox?more=1' : '/api/v1/inbox'),
  // Background: polling the badge never keeps a session open.
  counts: () => http.background<InboxCounts>('/api/v1/inbox/counts'),
  search: (f: SearchFilters, cursor?: SearchCursor) =>
    http.get<SearchPage>(
      '/api/v1/search' +
        query({
          q: f.q.trim(),
          board: f.board,
          tag: f.tag,
          from: f.from,
          to: f.to,
          important: f.important ? 1 : '',
          files: f.files ? 1 : '',
          order: f.order === 'best' ? 'best' : '',
          ...cursor,
        }),
    ),
};
