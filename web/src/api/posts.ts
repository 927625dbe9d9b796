// One post: acknowledging it, its history, editing and deleting it, and its request's reminders
// and hand-on.
import { http } from './client';
import type { AcknowledgementView, Items, Post, PostEdit, PostVersion, Reminded } from './types';

export const posts = {
  acknowledge: (postId: number) => http.post<AcknowledgementView>(`/api/v1/posts/${postId}/acknowledgements`),
  acknowledgements: (postId: number) => http.get<AcknowledgementView>(`/api/v1/posts/${postId}/acknowledgements`),
  versions: (postId: number) => http.get<Items<PostVersion>>(`/api/v1/posts/${postId}/versions`),
  edit: (postId: number, edit: PostEdit) => http.put<Post>(`/api/v1/posts/${postId}`, edit),
  remove: (postId: number, reason: string) => http.delete<{ deleted: boolean }>(`/api/v1/posts/${postId}`, { reason }),
  // The request's addressees who are not done yet (once an hour).
  remind: (postId: number) => http.post<Reminded>(`/api/v1/posts/${postId}/remind`),
  // A facility's contact hands the request on to a colleague of the same facility.
  handOn: (postId: number, userId: number) => http.post<Post>(`/api/v1/posts/${postId}/hand-on`, { user_id: userId }),
};
