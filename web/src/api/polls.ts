// Polls (アンケート) and date scheduling on a post.
import { http } from './client';
import type { NewPoll, Poll, PollAnswer, Post, Reminded } from './types';

export const polls = {
  // The poll's post on the board (a poll is asked of the whole board).
  create: (boardId: number, input: NewPoll) => http.post<Post>(`/api/v1/boards/${boardId}/polls`, input),
  get: (postId: number) => http.get<Poll>(`/api/v1/posts/${postId}/poll`),
  answer: (postId: number, answer: PollAnswer) => http.post<Poll>(`/api/v1/posts/${postId}/poll/answer`, answer),
  remind: (postId: number) => http.post<Reminded>(`/api/v1/posts/${postId}/poll/remind`),
  // Scheduling: the chosen slot, announced on the board.
  fix: (postId: number, optionId: number) => http.post<Poll>(`/api/v1/posts/${postId}/poll/fix`, { option_id: optionId }),
  close: (postId: number) => http.post<Poll>(`/api/v1/posts/${postId}/poll/close`),
  // "" for none; a later deadline reopens a closed poll.
  setDeadline: (postId: number, deadline: string) => http.put<Poll>(`/api/v1/posts/${postId}/poll/deadline`, { deadline }),
  csvUrl: (postId: number) => `/api/v1/posts/${postId}/poll.csv`,
};
