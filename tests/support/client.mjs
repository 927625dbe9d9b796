// A small HTTP client that behaves like the web front end: session cookie, CSRF header.
export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
  }

  async request(method, path, { body, headers = {}, raw, csrf = true } = {}) {
    const h = { Accept: 'application/json', ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (csrf && method !== 'GET' && this.csrf) h['X-CSRF-Token'] = this.csrf;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['Content-Type'] = 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const value = setCookie.split(';')[0];
      this.cookie = value.endsWith('=') ? '' : value;
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text, headers: res.headers };
  }

  // For sweeps that send one body of every field to many routes: the fields a route refuses as
  // unknown (it reads the body before anything else) are dropped and the request sent again, so
  // that what answers is the route's authorisation.
  async requestKnownFields(method, path, body) {
    const first = await this.request(method, path, { body });
    const unknown = (first.status === 400 && first.json?.error?.fields) || [];
    if (unknown.length === 0 || !unknown.every((f) => f.message === 'この項目は受け付けていません')) return first;
    const lean = Object.fromEntries(Object.entries(body).filter(([k]) => !unknown.some((f) => f.field === k)));
    return this.request(method, path, { body: lean });
  }

  get(path, o) {
    return this.request('GET', path, o);
  }
  post(path, body, o = {}) {
    return this.request('POST', path, { ...o, body: body ?? {} });
  }
  put(path, body, o = {}) {
    return this.request('PUT', path, { ...o, body });
  }
  delete(path, o) {
    return this.request('DELETE', path, o);
  }

  async login(loginId, password) {
    const r = await this.post('/api/v1/session', { login_id: loginId, password });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
}

export async function loggedIn(base, loginId, password) {
  const c = new Client(base);
  const r = await c.login(loginId, password);
  if (r.status !== 200) throw new Error(`login ${loginId} failed: ${r.status} ${r.text}`);
  return c;
}
