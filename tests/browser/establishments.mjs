// Browser test: Debian's chromium driven by playwright-core. Starts carepilot with demo data,
// signs in as the demo regional manager (second factor enrolled on the way), opens the
// establishments list, searches, opens an establishment, checks accessibility with axe-core
// and saves screenshots.
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, newPage, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot,
} from './lib.mjs';

const srv = await startCarepilot();
const { base } = srv;
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await loginWithSecondFactor(page, base, DEMO.regional);

  await page.goto(`${base}/etablissements`);
  assert.equal(await page.locator('h1').first().innerText(), 'Établissements');
  const all = await page.getByTestId('establishment-row').count();
  assert.ok(all >= 20, `expected a full first page, got ${all}`);
  await screenshot(page, 'establishments-list');
  await checkAccessibility(page);

  await page.getByTestId('search').fill('cholet');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForURL(/q=cholet/);
  assert.equal(await page.getByTestId('establishment-row').count(), 1);
  await screenshot(page, 'establishments-search');

  await page.getByTestId('establishment-row').first().getByRole('link').click();
  await page.waitForURL(/\/etablissements\/\d{9}$/);
  const name = await page.getByTestId('establishment-name').innerText();
  assert.match(name, /Cholet-Mauges/);
  assert.match(await page.getByTestId('finess-et').innerText(), /^\d{9}$/);
  await screenshot(page, 'establishment');
  assertNoCspErrors(page);
  console.log('browser test passed: list, search, establishment page, axe');
} finally {
  if (browser) await browser.close();
  srv.stop();
}
