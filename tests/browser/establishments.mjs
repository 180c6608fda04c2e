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
  await page.getByRole('search', { name: 'Rechercher un établissement' }).getByRole('button', { name: 'Rechercher' }).click();
  await page.waitForURL(/q=cholet/);
  assert.equal(await page.getByTestId('establishment-row').count(), 1);
  await screenshot(page, 'establishments-search');

  await page.getByTestId('establishment-row').first().getByRole('link').first().click();
  await page.waitForURL(/\/etablissements\/\d{9}$/);
  const name = await page.getByTestId('establishment-name').innerText();
  assert.match(name, /Cholet-Mauges/);
  assert.match(await page.getByTestId('finess-et').innerText(), /^\d{9}$/);
  await screenshot(page, 'establishment');
  // The establishment page carries the summary: late, next deadlines, quick actions.
  await page.getByTestId('establishment-summary').waitFor();
  await page.getByTestId('quick-actions').getByRole('link', { name: /Conformité/ }).waitFor();
  const finess = (await page.getByTestId('finess-et').innerText()).trim();

  // The compliance page is a to-do list (issue 12, point 5): late first, the rule folded,
  // evidence as links with their true numbers, no machine code.
  await page.goto(`${base}/etablissements/${finess}/conformite`);
  const rows = page.getByTestId('compliance-table').locator('tbody tr');
  const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.status));
  const rank = { overdue: 0, due: 1, met: 2, not_applicable: 3 };
  for (let i = 1; i < statuses.length; i++)
    assert.ok(rank[statuses[i - 1]] <= rank[statuses[i]], `to-do order: ${statuses.join(', ')}`);
  const rule = page.getByTestId('rule').first();
  assert.equal(await rule.isVisible(), false, 'the rule is folded');
  await page.locator('.fr-accordion__btn').first().click();
  await rule.waitFor({ state: 'visible' });
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /\d{4}-Q\d/, 'no quarter code');
  assert.doesNotMatch(text, /s'est close le \d\d\/\d\d\/\d{4} sans[^.]*trimestre/);
  for (const link of await page.getByTestId('evidence-link').all()) {
    const n = (await link.innerText()).match(/\(n° (\d+)\)$/)[1];
    assert.match(await link.getAttribute('href'), new RegExp(`/preuves/${n}$`));
  }
  for (const sentence of await page.getByTestId('situation').allInnerTexts()) {
    const cited = sentence.match(/n° (\d+)/g) || [];
    assert.equal(cited.length, 0, `the situation cites no list position: ${sentence}`);
  }
  await checkAccessibility(page);
  await screenshot(page, 'compliance-todo');
  assertNoCspErrors(page);
  console.log('browser test passed: list, search, establishment page and summary, compliance to-do, axe');
} finally {
  if (browser) await browser.close();
  srv.stop();
}
