// Browser test: monthly snapshots seen in chromium. Starts carepilot with demo data, builds
// the snapshots of the last months with `carepilot compliance snapshot --from`, signs in as
// the demo regional manager, checks the trend lines of the dashboard (an SVG per obligation
// with its title, description and table of values), a past date read from its snapshot, and
// the comparison with the medians on a compliance page; axe-core on each page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  DEMO, startCarepilot, launchBrowser, newPage, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot,
} from './lib.mjs';

// The page's own CSP errors first, then axe-core (whose injected styles the CSP may block:
// those are not the page's, so they are cleared before the next page).
async function checkedPage(page) {
  assertNoCspErrors(page);
  await checkAccessibility(page);
  page.consoleErrors = [];
  page.cspViolations = [];
}

const srv = await startCarepilot();
const { base } = srv;
let browser;
try {
  // Five months up to the last ended one (the server runs meanwhile: SQLite WAL).
  // Months as the server counts them: in Paris time (the 1st in Paris is still the last
  // day of the previous month in UTC for an hour or two).
  const [py, pm] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' })
    .format(new Date()).split('-').map(Number);
  const from = new Date(Date.UTC(py, pm - 1 - 5, 1));
  const month = `${from.getUTCFullYear()}-${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
  const out = execFileSync(process.env.CAREPILOT_BIN, ['compliance', 'snapshot', '--database',
    `sqlite:${srv.dir}/carepilot.db`, '--from', month], { encoding: 'utf8' });
  assert.match(out, /Relevé de .* : 28 établissements, /);

  browser = await launchBrowser();
  const page = await newPage(browser);
  await loginWithSecondFactor(page, base, DEMO.regional);

  await page.goto(`${base}/tableau-de-bord`);
  assert.match(await page.locator('h2#evolution').innerText(), /Évolution mensuelle/);
  const charts = page.locator('figure[data-trend] svg[role="img"]');
  assert.ok(await charts.count() >= 5, 'one trend chart per obligation');
  const first = page.locator('figure[data-trend]').first();
  assert.match(await first.locator('desc').textContent(), /^De .* : satisfaites de \d+ % à \d+ %/);
  await first.locator('.fr-accordion__btn').click();
  assert.equal(await first.getByTestId('trend-table').locator('tbody tr').count(), 5);
  await screenshot(page, 'dashboard-trends');
  await checkedPage(page);

  const past = `${month}-15`;
  await page.goto(`${base}/tableau-de-bord?date=${past}`);
  assert.match(await page.getByTestId('dashboard-situation').innerText(),
    /Situation au \d\d\/\d\d\/\d{4} \(relevé mensuel\) de 28 établissements de votre périmètre/);
  await checkedPage(page);

  await page.goto(`${base}/etablissements`);
  await page.getByTestId('establishment-row').first().getByRole('link').first().click();
  await page.waitForURL(/\/etablissements\/\d{9}$/);
  page.cspViolations = [];
  page.consoleErrors = [];  // only the compliance page's own errors below
  await page.goto(`${page.url()}/conformite`);
  const position = await page.getByTestId('position').innerText();
  assert.match(position, /Au relevé mensuel de .* cet établissement/);
  assert.match(position, /médiane/);
  await screenshot(page, 'compliance-position');
  await checkedPage(page);
  console.log('browser test passed: trend lines, past date from its snapshot, medians, axe');
} finally {
  if (browser) await browser.close();
  srv.stop();
}
