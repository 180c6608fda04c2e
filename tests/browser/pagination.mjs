// Browser test of the shared pagination (src/http/pagination.hpp, the DSFR fr-pagination) on
// the journal of the national administrator (the demo's journal holds several pages): the
// filter chosen in the form stays in every page link, the page count and the current page
// (aria-current) are right on the first page, after "Page suivante", and on the last page
// (reached by "Dernière page"), where the next and last links are disabled; "Première page"
// comes back to page 1 with the filter kept.
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
  await loginWithSecondFactor(page, base, DEMO.admin);

  await page.goto(`${base}/journal`);
  await page.getByLabel('Objet').selectOption('evidence');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL(/objet=evidence/);
  const nav = page.getByTestId('pagination');
  const count = async () => {
    const m = (await page.getByTestId('page-count').innerText()).match(/Page (\d+) sur (\d+)/);
    assert.ok(m, 'the page count is shown');
    return [Number(m[1]), Number(m[2])];
  };
  const current = async () => (await nav.locator('[aria-current="page"]').innerText()).trim();
  const rows = page.getByTestId('audit-row');
  const total = Number((await page.getByTestId('audit').locator('caption').innerText())
    .match(/^[\d\s\u202f\u00a0]+/)[0].replace(/\D/g, ''));
  const [first, pages] = await count();
  assert.equal(first, 1);
  assert.ok(pages >= 2, `the demo's evidence journal spans pages (${total} entries)`);
  assert.equal(pages, Math.ceil(total / 50), 'the page count follows the entries counted');
  assert.equal(await current(), '1');
  assert.equal(await rows.count(), 50);
  // On page 1, "first" and "previous" are disabled (no link).
  assert.equal(await nav.getByText('Première page').getAttribute('href'), null);
  assert.equal(await nav.getByText('Page précédente').getAttribute('aria-disabled'), 'true');
  // Every page link keeps the filter.
  for (const href of await nav.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
    assert.match(href, /objet=evidence/, href);
  await checkAccessibility(page);
  await screenshot(page, 'pagination-journal-first');

  await nav.getByText('Page suivante').click();
  await page.waitForURL(/page=2/);
  assert.match(page.url(), /objet=evidence/);
  assert.deepEqual(await count(), [2, pages]);
  assert.equal(await current(), '2');
  assert.equal(await page.getByLabel('Objet').inputValue(), 'evidence', 'the form shows the filter');

  await nav.getByText('Dernière page').click();
  await page.waitForURL(new RegExp(`page=${pages}`));
  assert.match(page.url(), /objet=evidence/);
  assert.deepEqual(await count(), [pages, pages]);
  assert.equal(await current(), String(pages));
  assert.equal(await rows.count(), total - (pages - 1) * 50, 'the last page holds the rest');
  assert.equal(await nav.getByText('Page suivante').getAttribute('aria-disabled'), 'true');
  assert.equal(await nav.getByText('Dernière page').getAttribute('href'), null);
  await screenshot(page, 'pagination-journal-last');

  await nav.getByText('Première page').click();
  await page.waitForURL(/page=1/);
  assert.match(page.url(), /objet=evidence/);
  assert.deepEqual(await count(), [1, pages]);
  assertNoCspErrors(page);
  console.log(`browser test passed: pagination of the journal (${total} entries, ${pages} pages)`);
} finally {
  if (browser) await browser.close();
  srv.stop();
}
