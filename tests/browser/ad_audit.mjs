// Browser test of the AD audit in the platform (issue 14): the demo editor uploads a real
// SharpHound collection from the establishment's page, the job runs in the background (the
// page refreshes itself), the report is shown with its findings, one finding goes to the PAQ
// in one click, and a second click shows the existing action instead of another one.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startCarepilot, launchBrowser, newPage, login, checkAccessibility, assertNoCspErrors, screenshot,
} from './lib.mjs';

process.env.CAREPILOT_AD_AUDIT_DIR = mkdtempSync(join(tmpdir(), 'carepilot-ad-'));
const collection = join(process.cwd(), '..', 'shared', 'testdata', 'ad', 'bhce-zip', 'Version6ZIP.zip');
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
  await page.goto(`${srv.base}/etablissements/${finess}`);
  await page.getByTestId('quick-ad-audit').click();
  await page.waitForURL(/\/audit-ad$/);
  await checkAccessibility(page);

  // A file of another type is refused with a French message; nothing is listed.
  await page.locator('#ad-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
  await page.getByTestId('ad-upload-submit').click();
  await page.getByTestId('ad-upload-error').waitFor();
  assert.match(await page.getByTestId('ad-upload-error').innerText(), /ni une archive zip/);
  assert.equal(await page.getByTestId('ad-row').count(), 0);

  // The real collection.
  const t0 = Date.now();
  await page.locator('#ad-file').setInputFiles(collection);
  await page.getByTestId('ad-upload-submit').click();
  await page.waitForURL(/\/audit-ad\/\d+\?depose=1$/);
  const auditUrl = page.url().split('?')[0];
  // The page refreshes itself every 5 s until the job has run.
  await page.waitForSelector('[data-testid="ad-state"][data-state="done"]', { timeout: 60000 });
  console.log(`upload + background audit: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  assert.ok(await page.getByTestId('ad-finding').count() >= 1, 'findings are shown');
  assert.match(await page.getByTestId('ad-level').innerText(), /\d/);
  await page.getByTestId('ad-report-html').waitFor();
  await page.getByTestId('ad-report-json').waitFor();
  await checkAccessibility(page);
  await screenshot(page, 'ad-audit-report');

  // One finding to the PAQ in one click.
  const finding = page.getByTestId('ad-finding').first();
  const rule = await finding.getAttribute('data-rule');
  const title = await finding.locator('.fr-card__title').innerText();
  await finding.getByTestId('ad-paq-send').click();
  await page.waitForURL(/\/paq\/\d+\?cree=1$/);
  const actionUrl = page.url().split('?')[0];
  assert.equal(await page.getByTestId('paq-action-title').innerText(), `Audit AD : ${title}`);
  assert.equal(await page.getByTestId('paq-source-link').getAttribute('href'),
    `${auditUrl.replace(srv.base, '')}#constat-${rule}`);

  // Back on the audit: the finding shows its action, no second button.
  await page.goto(auditUrl);
  const again = page.locator(`[data-testid="ad-finding"][data-rule="${rule}"]`);
  assert.equal(await again.getByTestId('ad-paq-send').count(), 0);
  await again.getByTestId('ad-paq-existing').click();
  await page.waitForURL(actionUrl);

  // The list shows the audit, done, with its level.
  await page.goto(`${srv.base}/etablissements/${finess}/audit-ad`);
  assert.equal(await page.locator('[data-testid="ad-row"][data-state="done"]').count(), 1);
  await screenshot(page, 'ad-audit-list');
  assertNoCspErrors(page);
  console.log('ok: AD audit upload → job → report → PAQ');
} catch (e) {
  console.error(srv.log());
  throw e;
} finally {
  await browser?.close();
  srv.stop();
}
