// One HTTPS request to the certificate listener; `tls` carries the client certificate (pfx +
// passphrase, or cert + key) and optionally a keep-alive agent. Resolves with status, headers,
// parsed JSON (when it is JSON), the text and the socket.
import { request } from 'node:https';

export function httpsRequest(base, ca, path, { method = 'GET', body, cookie, csrf, tls = {}, agent } = {}) {
  const url = new URL(path, base);
  const headers = { Accept: 'application/json' };
  if (body) {
    headers['Content-Type'] = 'application/json';
    headers.Origin = base.replace(/\/$/, '');
  }
  if (cookie) headers.Cookie = cookie;
  if (csrf) headers['X-CSRF-Token'] = csrf;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca, headers, agent: agent ?? false, ...tls }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => {
        let json = null;
        try {
          json = JSON.parse(data);
        } catch {}
        resolve({ status: res.statusCode, headers: res.headers, json, text: data, socket: res.socket });
      });
    });
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}
