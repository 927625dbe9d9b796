// Region notices (お知らせ): those addressed to me, those I sent, confirming one, and for its
// publisher who has read and confirmed it.
import { http, query } from './client';
import type { Notice, NoticeAudience, NoticeInput, NoticeList, RecipientPage, RecipientState, Reminded } from './types';

export const notices = {
  // Newest first; `before`: the next page's notice id.
  received: (before?: number) => http.get<NoticeList>('/api/v1/notices' + query({ before })),
  sent: (before?: number) => http.get<NoticeList>('/api/v1/notices/sent' + query({ before })),
  // A recipient's first opening marks it read.
  get: (noticeId: number | string) => http.get<Notice>(`/api/v1/notices/${noticeId}`),
  acknowledge: (noticeId: number | string) => http.post<Notice>(`/api/v1/notices/${noticeId}/ack`),
  remind: (noticeId: number) => http.post<Reminded>(`/api/v1/notices/${noticeId}/remind`),
  recipients: (noticeId: number, state: RecipientState, after?: number) =>
    http.get<RecipientPage>(`/api/v1/notices/${noticeId}/recipients` + query({ state, after, limit: 100 })),
  // How many the audience names now (the form shows it as it changes).
  audienceSize: (audience: NoticeAudience) => http.post<{ recipients: number }>('/api/v1/notices/audience', audience),
  publish: (input: NoticeInput) => http.post<Notice>('/api/v1/notices', input),
};
