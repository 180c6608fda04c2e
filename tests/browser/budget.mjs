// Browser test of the budget declarations: as the demo editor, open the budget page of the
// demo "Centre hospitalier de Cholet-Mauges", declare the current year with a digital budget
// above the total (French error naming the field by its label), correct it with amounts
// typed as "1 000 000 €", then see the share, the 2 % badge and the history chart.
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, newPage, login, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot,
} from './lib.mjs';

const app = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  // Declaring the budget needs the second factor (issue 12): the editor, who has none, is not
  // offered a form whose amounts would be refused (and lost) on submit, nor a « Déclarer »
  // button, but told how to enrol.
  const editor = await newPage(browser);
  await login(editor, app.base);
  await editor.goto(`${app.base}/etablissements?q=cholet`);
  await editor.getByTestId('establishment-row').first().getByRole('link').first().click();
  await editor.waitForURL(/\/etablissements\/\d{9}$/);
  const finess = new URL(editor.url()).pathname.split('/')[2];
  await editor.goto(`${app.base}/etablissements/${finess}/budget`);
  assert.equal(await editor.locator('[data-testid^="budget-year-"]').count(), 0);
  assert.equal(await editor.getByTestId('needs-second-factor').locator('a[href="/compte"]').count(), 1);
  await editor.goto(`${app.base}/etablissements/${finess}/budget/${new Date().getFullYear()}`);
  assert.equal(await editor.getByTestId('budget-form').count(), 0);
  assert.equal(await editor.getByTestId('needs-second-factor').locator('a[href="/compte"]').count(), 1);

  // The security officer, with the second factor, declares.
  const page = await newPage(browser);
  await loginWithSecondFactor(page, app.base, DEMO.officer);

  await page.goto(`${app.base}/etablissements/${finess}/budget`);
  assert.match(await page.locator('h1').first().innerText(), /Budget numérique et cybersécurité/);
  const year = new Date().getFullYear();
  // A year to come is not offered (issue 12 trial: « Déclarer 2027 » in 2026), nor its form.
  assert.equal(await page.getByTestId(`budget-year-${year + 1}`).count(), 0);
  assert.equal(await page.getByTestId(`budget-year-${year}`).count(), 1);
  await page.goto(`${app.base}/etablissements/${finess}/budget/${year + 1}`);
  assert.equal(await page.getByTestId('budget-form').count(), 0);
  await page.getByTestId('budget-not-declarable').waitFor();
  await page.goto(`${app.base}/etablissements/${finess}/budget`);
  await page.getByTestId(`budget-year-${year}`).click();
  await page.waitForURL(new RegExp(`/budget/${year}$`));
  await page.getByTestId('budget-total').fill('1000000');
  await page.getByTestId('budget-digital').fill('1500000');
  await page.getByTestId('budget-cyber').fill('5\u00a0000 €');
  await page.getByTestId('budget-submit').click();
  const errors = page.getByTestId('budget-errors');
  await errors.waitFor();
  assert.match(await errors.innerText(), /^Budget numérique \(hors cybersécurité\) : dépasse le budget total/m);
  // Issue 12 trial: the typed amounts are kept, the error sits next to its field (DSFR
  // error group) and names the field once; the hint's example is one the form accepts.
  assert.equal(await page.getByTestId('budget-total').inputValue(), '1000000');
  assert.equal(await page.getByTestId('budget-digital').inputValue(), '1500000');
  assert.equal(await page.getByTestId('budget-cyber').inputValue(), '5\u00a0000 €');
  const fieldError = page.locator('.fr-input-group--error #digital_eur-error');
  assert.match(await fieldError.innerText(), /dépasse le budget total/);
  assert.equal((await errors.innerText()).match(/Budget numérique/g).length, 1, 'the label once');
  assert.match(await page.locator('main').innerText(), /par exemple 1\s250\s000,50\s€/);
  await checkAccessibility(page);
  await screenshot(page, 'budget-error');

  // Amounts as people type them: "1 000 000 €" with narrow no-break spaces.
  await page.getByTestId('budget-total').fill('1\u202f000\u202f000\u202f€');
  await page.getByTestId('budget-digital').fill('20 000,50 €');
  await page.getByTestId('budget-submit').click();
  await page.waitForURL(/\/budget\?enregistre=1$/);
  const row = page.locator(`[data-testid="budget-row"][data-year="${year}"]`);
  // (20 000,50 + 5 000) / 1 000 000 = 2,50005 % → 2,5 %
  assert.match(await row.getByTestId('budget-share').innerText(), /^2,5\s%$/);
  assert.match(await row.getByTestId('budget-check').innerText(), /^atteint$/i);
  const chart = page.getByTestId('budget-chart');
  assert.ok(await chart.locator('svg line.cp-threshold').count() === 1);
  assert.ok(await chart.locator(`g[data-year="${year}"] rect`).count() === 2);
  await checkAccessibility(page);
  await screenshot(page, 'budget');
  assertNoCspErrors(page);
  console.log('browser test passed: budget error, correction, share, chart');
} finally {
  if (browser) await browser.close();
  app.stop();
}
