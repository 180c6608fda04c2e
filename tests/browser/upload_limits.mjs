// Browser test of the upload limits (issue 17 trial: a file over the limit reset the
// connection, the user saw the browser's network error page). With AD collections limited to
// 3 Mio (1 Mio in one request body, larger ones in chunks) and exposure scans to 1 Mio:
// - with JavaScript, choosing a file over the limit shows at once, under the input, the French
//   message naming the field and the limit, and the form is not sent (nothing travels);
// - with JavaScript, a 2 Mio collection travels in chunks through the API (no form post) and
//   the page opens its audit;
// - without JavaScript, the server answers the page again with the message naming the limit
//   of one body, whether the body is just over it or beyond the route's own (limit + 1 Mio),
//   and nothing is listed; the AD form warns, without JavaScript only, that beyond one body
//   the connection would be cut.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startCarepilot, launchBrowser, newPage, login, checkAccessibility, assertNoCspErrors, screenshot,
  retryAbortedGoto,
} from './lib.mjs';

process.env.CAREPILOT_AD_AUDIT_DIR = mkdtempSync(join(tmpdir(), 'carepilot-ad-'));
process.env.CAREPILOT_EXPOSURE_DIR = mkdtempSync(join(tmpdir(), 'carepilot-exposure-'));
process.env.CAREPILOT_AD_AUDIT_MAX_UPLOAD_MB = '3';
process.env.CAREPILOT_AD_AUDIT_SINGLE_BODY_MB = '1';
process.env.CAREPILOT_EXPOSURE_MAX_UPLOAD_MB = '1';
const MiB = 1024 * 1024;
const zip = (size) => ({ name: 'collecte.zip', mimeType: 'application/zip',
  buffer: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(size - 4, 0x41)]) });
const ldifHead = Buffer.from('version: 1\n\ndn: DC=essai,DC=local\nobjectClass: domain\n\n');
const ldif = (size) => ({ name: 'export.ldif', mimeType: 'text/plain',
  buffer: Buffer.concat([ldifHead, Buffer.alloc(size - ldifHead.length, '#\n')]) });
const nmapHead = Buffer.from('<?xml version="1.0"?>\n<nmaprun scanner="nmap">\n');
const scan = (size) => ({ name: 'scan.xml', mimeType: 'application/xml',
  buffer: Buffer.concat([nmapHead, Buffer.alloc(size - nmapHead.length, 0x20)]) });
const pages = [
  { path: 'audit-ad', input: '#ad-file', submit: 'ad-upload-submit', error: 'ad-upload-error',
    row: 'ad-row', file: zip, over: 4 * MiB,
    message: 'Collecte Active Directory : le fichier dépasse la taille autorisée (3 Mio).',
    oneBody: 'Collecte Active Directory : le fichier dépasse la taille autorisée (1 Mio).' },
  { path: 'exposition', input: '#exposure-file', submit: 'exposure-upload-submit',
    error: 'exposure-upload-error', row: 'exposure-row', file: scan, over: 2 * MiB,
    message: 'Fichier de scan : le fichier dépasse la taille autorisée (1 Mio).',
    oneBody: 'Fichier de scan : le fichier dépasse la taille autorisée (1 Mio).' },
];

const srv = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await login(page, srv.base);
  await page.goto(`${srv.base}/etablissements?q=Cholet`);
  const href = await page.locator('a[href^="/etablissements/"]', { hasText: 'Cholet' }).first()
    .getAttribute('href');
  const finess = href.split('/')[2];

  // With JavaScript: refused before sending.
  for (const p of pages) {
    const url = `${srv.base}/etablissements/${finess}/${p.path}`;
    await page.goto(url);
    let posted = 0;
    const count = (r) => { if (r.method() === 'POST') posted += 1; };
    page.on('request', count);
    await page.locator(p.input).setInputFiles(p.file(p.over));
    const shown = page.getByTestId('upload-size-error');
    await shown.waitFor();
    assert.equal((await shown.innerText()).trim(), p.message);
    assert.equal(await page.locator(p.input).getAttribute('aria-invalid'), 'true');
    await page.getByTestId(p.submit).click();
    await page.waitForTimeout(300);
    assert.equal(posted, 0, `${p.path}: nothing is sent`);
    assert.equal(page.url(), url);
    await checkAccessibility(page);
    await screenshot(page, `upload-limit-${p.path}`);
    // A file under the limit clears the message.
    await page.locator(p.input).setInputFiles(p.file(MiB / 2));
    assert.equal(await shown.count(), 0);
    assert.equal(await page.locator(p.input).getAttribute('aria-invalid'), null);
    page.off('request', count);
  }

  // With JavaScript, a collection larger than one body travels in chunks.
  {
    await page.goto(`${srv.base}/etablissements/${finess}/audit-ad`);
    const seen = [];
    const log = (r) => seen.push(`${r.method()} ${new URL(r.url()).pathname}`);
    page.on('request', log);
    await page.locator('#ad-file').setInputFiles(ldif(2 * MiB));
    await page.getByTestId('ad-upload-submit').click();
    await page.waitForURL(/\/audit-ad\/\d+\?depose=1$/);
    page.off('request', log);
    const api = `/api/v1/establishments/${finess}/ad-audits/uploads`;
    assert.ok(seen.includes(`POST ${api}`), seen.join(', '));
    assert.ok(seen.some((x) => x.startsWith(`PUT ${api}/`)), seen.join(', '));
    assert.ok(seen.some((x) => x.startsWith(`POST ${api}/`) && x.endsWith('/complete')), seen.join(', '));
    assert.ok(!seen.includes(`POST /etablissements/${finess}/audit-ad`), 'no form post');
    await page.getByTestId('ad-state').waitFor();
  }
  assertNoCspErrors(page);

  // Without JavaScript: the server answers in French, whatever the size.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const bare = retryAbortedGoto(await context.newPage());
  await login(bare, srv.base);
  // Beyond the server's hard limit a connection is cut without an answer (RESTinio closes
  // it): without JavaScript the AD form says so before the user sends, with both limits.
  await bare.goto(`${srv.base}/etablissements/${finess}/audit-ad`);
  assert.equal((await bare.getByTestId('ad-upload-noscript').innerText()).trim(),
    'JavaScript est désactivé : une collecte de plus de 1 Mio ne peut pas être envoyée en une fois, '
    + 'la connexion serait coupée sans message. Activez JavaScript (la collecte est alors envoyée par '
    + 'morceaux, jusqu\'à 3 Mio) ou déposez-la en archive zip, plus petite.');
  await page.goto(`${srv.base}/etablissements/${finess}/audit-ad`);
  assert.equal(await page.getByTestId('ad-upload-noscript').count(), 0, 'no notice with JavaScript');
  for (const p of pages) {
    const url = `${srv.base}/etablissements/${finess}/${p.path}`;
    for (const size of [MiB + 64 * 1024, 3 * MiB]) {
      await bare.goto(url);
      await bare.locator(p.input).setInputFiles(p.file(size));
      const [resp] = await Promise.all([
        bare.waitForResponse((r) => r.request().method() === 'POST'),
        bare.getByTestId(p.submit).click(),
      ]);
      assert.equal(resp.status(), 413, `${p.path} ${size}`);
      await bare.getByTestId(p.error).waitFor();
      assert.equal((await bare.getByTestId(p.error).innerText()).trim(), p.oneBody);
      assert.equal(await bare.getByTestId(p.row).count(), p.path === 'audit-ad' ? 1 : 0,
        'only the chunked upload above is listed');
    }
  }
  await context.close();
  console.log('ok: upload limits answered in French, with and without JavaScript');
} catch (e) {
  console.error(srv.log());
  throw e;
} finally {
  if (browser) await browser.close();
  srv.stop();
}
