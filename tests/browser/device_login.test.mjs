// Logging in through the certificate listener in Chromium: with the device certificate the demo
// issued (imported as a PKCS#12 with its password, as a user would), the login page opens and
// sato.dr signs in; without one the page never loads; with it, another user's password is
// refused with a Japanese message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, musubi, DEMO_PASSWORD } from '../support/server.mjs';
import { launchBrowser, loginAs, PHONE } from '../support/browser.mjs';

let server;
let browser;
let dataDir;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'musubi-device-login-'));
  musubi(['demo', '--no-serve'], { MUSUBI_DATA_DIR: dataDir, MUSUBI_TLS_LISTEN: '127.0.0.1:0' });
  server = await startServer({
    dataDir,
    seed: false,
    env: {
      MUSUBI_TLS_LISTEN: '127.0.0.1:0',
      MUSUBI_SERVER_TLS_CERTIFICATE: join(dataDir, 'tls/server.pem'),
      MUSUBI_SERVER_TLS_PRIVATE_KEY: join(dataDir, 'tls/server-key.pem'),
    },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.cleanup();
});

function withCertificate(login) {
  return browser.newContext({
    baseURL: server.httpsUrl,
    viewport: PHONE,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    ignoreHTTPSErrors: true, // the demo's server certificate comes from its own local CA
    clientCertificates: [{
      origin: server.httpsUrl,
      pfxPath: join(dataDir, `tls/devices/${login}.p12`),
      passphrase: readFileSync(join(dataDir, `tls/devices/${login}.password`), 'utf8'),
    }],
  });
}

test('with its device certificate a user signs in; without one the page does not load', async () => {
  const context = await withCertificate('sato.dr');
  const page = await context.newPage();
  await loginAs(page, 'sato.dr', DEMO_PASSWORD);
  await page.getByRole('heading', { name: /こんにちは/ }).waitFor();
  await page.screenshot({ path: join(dataDir, 'device-login.png') });
  await context.close();

  const bare = await browser.newContext({ baseURL: server.httpsUrl, ignoreHTTPSErrors: true });
  const barePage = await bare.newPage();
  await assert.rejects(barePage.goto('/'), /ERR_|net::|SSL|closed/i);
  await bare.close();
});

test('another user\'s password on this device is refused with a message', async () => {
  const context = await withCertificate('sato.dr');
  const page = await context.newPage();
  await loginAs(page, 'suzuki.cm', DEMO_PASSWORD);
  await page.getByText('この端末の証明書は別の利用者のものです').waitFor();
  assert.equal(await page.getByRole('heading', { name: /こんにちは/ }).count(), 0);
  await context.close();
});
