// The one way the front end talks to the server: same-origin fetch with the session cookie, the
// CSRF token on every state change, and errors turned into ApiError with the server's Japanese message.
import { forgetKeptAnswers, noteOfflineAnswer, offlineRequestHeaders } from './offline';

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }

  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

let csrfToken = '';
let onUnauthenticated: ((message: string) => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when any request answers 401 (session ended or timed out).
export function setUnauthenticatedHandler(handler: (message: string) => void): void {
  onUnauthenticated = handler;
}

async function request<T>(method: string, path: string, body?: unknown, raw?: { text: string; type: string }, background = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // Badge counts and the like are not the user's activity: they must not keep a session open.
  if (background) headers['X-Musubi-Background'] = '1';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  Object.assign(headers, offlineRequestHeaders(method, path));
  let payload: string | undefined;
  if (raw) {
    headers['Content-Type'] = raw.type;
    payload = raw.text;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'サーバーに接続できません。ネットワークを確認してください。');
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  noteOfflineAnswer(data, response);
  if (response.status === 401) void forgetKeptAnswers();
  if (!response.ok && !(response.status === 422 && data)) {
    const err = (data as { error?: { code: string; message: string; fields: FieldProblem[] } } | null)?.error;
    const apiError = new ApiError(
      response.status,
      err?.code ?? 'http_' + response.status,
      err?.message ?? `サーバーがエラーを返しました（${response.status}）`,
      err?.fields ?? [],
    );
    if (response.status === 401 && path !== '/api/v1/session' && onUnauthenticated) onUnauthenticated(apiError.message);
    throw apiError;
  }
  return data as T;
}

// Sends a file as the request body (the server streams it into storage), reporting progress.
// XMLHttpRequest, because fetch cannot report upload progress.
function upload<T>(path: string, file: Blob, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', 'アップロードが途中で切れました。ネットワークを確認してもう一度お試しください。'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const err = (data as { error?: { code: string; message: string; fields: FieldProblem[] } } | null)?.error;
      const apiError = new ApiError(xhr.status, err?.code ?? 'http_' + xhr.status, err?.message ?? `サーバーがエラーを返しました（${xhr.status}）`, err?.fields ?? []);
      if (xhr.status === 401) void forgetKeptAnswers();
      if (xhr.status === 401 && onUnauthenticated) onUnauthenticated(apiError.message);
      reject(apiError);
    };
    xhr.send(file);
  });
}

// The low-level calls; pages use the typed functions of ./index.ts (api.boards.createPost …),
// which alone hold the server's paths.
export const http = {
  upload,
  get: <T>(path: string) => request<T>('GET', path),
  background: <T>(path: string) => request<T>('GET', path, undefined, undefined, true),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
  postText: <T>(path: string, text: string, type: string) => request<T>('POST', path, undefined, { text, type }),
};

export function query(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? '?' + parts.join('&') : '';
}
