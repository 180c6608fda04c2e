// Browser test of the internet exposure audit in the platform (issue 17): the demo editor
// opens the exposure page from the establishment's page, a file of another type is refused
// in French naming « Fichier de scan », two nmap XML scans from the tests' data are uploaded
// and analysed in the background (the page refreshes itself), the findings are shown per
// host and port, the comparison lists the new exposures, the interval between the two audits
// is judged against the 45–60-day rule, and one finding goes to the PAQ in one click, never
// twice.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startCarepilot, launchBrowser, newPage, login, checkAccessibility, assertNoCspErrors, screenshot,
} from './lib.mjs';

process.env.CAREPILOT_EXPOSURE_DIR = mkdtempSync(join(tmpdir(), 'carepilot-exposure-'));
const data = join(process.cwd(), 'tests', 'exposure', 'data');
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
  await page.getByTestId('quick-exposure').click();
  await page.waitForURL(/\/exposition$/);
  await page.getByTestId('exposure-empty').waitFor();
  await checkAccessibility(page);

  // A file of another type is refused with a French message naming the field.
  await page.locator('#exposure-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
  await page.getByTestId('exposure-upload-submit').click();
  await page.getByTestId('exposure-upload-error').waitFor();
  assert.match(await page.getByTestId('exposure-upload-error').innerText(),
    /^Fichier de scan : « photo\.png » n.est ni un scan nmap/);
  assert.equal(await page.getByTestId('exposure-row').count(), 0);

  const upload = async (file) => {
    await page.goto(`${srv.base}/etablissements/${finess}/exposition`);
    const t0 = Date.now();
    await page.locator('#exposure-file').setInputFiles(join(data, file));
    await page.getByTestId('exposure-upload-submit').click();
    await page.waitForURL(/\/exposition\/\d+\?depose=1$/);
    await page.waitForSelector('[data-testid="exposure-state"][data-state="done"]', { timeout: 60000 });
    console.log(`${file}: upload + background analysis ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return page.url().split('?')[0];
  };
  await upload('public_old.xml');
  const auditUrl = await upload('public.xml');
  // The audit is dated by its scan (public.xml ran on 30/11/2026), not by its upload.
  assert.match(await page.getByTestId('exposure-scan-date').innerText(),
    /^Analyse du 30\/11\/2026(, déposée le \d\d\/\d\d\/\d{4})?\.$/);
  assert.ok(await page.getByTestId('exposure-finding').count() >= 3, 'findings per host and port');
  assert.match(await page.getByTestId('exposure-findings').innerText(), /Critique/i);  // badges are upper-cased by the DSFR
  await page.getByTestId('exposure-report-html').waitFor();
  await checkAccessibility(page);
  await screenshot(page, 'exposure-report');

  // The comparison with the previous audit.
  await page.getByTestId('exposure-compare').click();
  await page.waitForURL(/\/comparaison$/);
  await page.getByTestId('exposure-diff-summary').waitFor();
  // Since public_old.xml: FTP closed, OpenSSH upgraded.
  // Issue 17 trial: DSFR tables, the findings new and resolved included.
  assert.equal(await page.locator('[data-testid="exposure-closed"] tbody tr').count(), 1);
  assert.match(await page.getByTestId('exposure-changed').innerText(), /OpenSSH 8\.4p1 Debian 5\s+OpenSSH 9\.2p1/);
  assert.ok(await page.locator('[data-testid="exposure-resolved-findings"] tbody tr').count() >= 1, 'resolved findings listed');
  await checkAccessibility(page);

  // One finding to the PAQ in one click; the second time shows the action.
  await page.goto(auditUrl);
  const finding = page.getByTestId('exposure-finding').first();
  const id = await finding.getAttribute('id');
  await finding.getByTestId('exposure-paq-send').click();
  await page.waitForURL(/\/paq\/\d+\?cree=1$/);
  const actionUrl = page.url().split('?')[0];
  assert.match(await page.getByTestId('paq-action-title').innerText(), /^Exposition sur internet : /);
  assert.equal(await page.getByTestId('paq-source-link').getAttribute('href'),
    auditUrl.replace(srv.base, ''));
  await page.goto(auditUrl);
  const again = page.locator(`#${id}`);
  assert.equal(await again.getByTestId('exposure-paq-send').count(), 0);
  await again.getByTestId('exposure-paq-existing').click();
  await page.waitForURL(actionUrl);

  // The list: two audits done, the second judged against the 45–60-day rule by the dates of
  // the scans (01/10/2026 and 30/11/2026: 60 days, however close the uploads), the period
  // not covered.
  await page.goto(`${srv.base}/etablissements/${finess}/exposition`);
  assert.equal(await page.locator('[data-testid="exposure-row"][data-state="done"]').count(), 2);
  assert.match(await page.getByTestId('exposure-interval').first().innerText(),
    /^60 jours après le précédent — conforme$/);
  assert.match(await page.getByTestId('exposure-scan-date').first().innerText(),
    /^Analyse du 30\/11\/2026$/);
  assert.equal(await page.getByTestId('exposure-series').getAttribute('data-covered'), '0');
  await checkAccessibility(page);
  await screenshot(page, 'exposure-list');

  // Issue 17 trial: the period of the series is chosen in a form (GET du, au).
  await page.getByLabel('Début de période').fill('2026-10-01');
  await page.getByLabel('Fin de période').fill('2026-11-30');
  await page.getByTestId('exposure-period-submit').click();
  await page.waitForURL(/du=2026-10-01&au=2026-11-30$/);
  assert.equal(await page.getByTestId('exposure-series').getAttribute('data-covered'), '1');
  assert.match(await page.getByTestId('exposure-period').innerText(), /^Période du 01\/10\/2026 au 30\/11\/2026\.$/);
  // An end before the start: said under the end's field, tied to it.
  await page.getByLabel('Fin de période').fill('2026-09-01');
  await page.getByTestId('exposure-period-submit').click();
  await page.getByTestId('exposure-period-to-error').waitFor();
  assert.match(await page.getByTestId('exposure-period-to-error').innerText(),
    /^Fin de période : le 01\/09\/2026 précède le début de la période \(01\/10\/2026\)/);
  assert.equal(await page.getByTestId('exposure-period-to').getAttribute('aria-describedby'),
    'exposure-period-to-error');
  await checkAccessibility(page);
  assertNoCspErrors(page);
  console.log('ok: exposure upload → job → findings → comparison → PAQ → series');
} catch (e) {
  console.error(srv.log());
  throw e;
} finally {
  await browser?.close();
  srv.stop();
}
