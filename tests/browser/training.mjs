// Browser test of staff training: as the demo editor, open the training page of the demo
// "Centre hospitalier de Cholet-Mauges", enter the current year with more people trained
// than the headcount in one category (French error naming categories[i].trained), correct
// it, then see the share trained; add a phishing campaign and see its click rate.
import assert from 'node:assert/strict';
import {
  startCarepilot, launchBrowser, newPage, login, checkAccessibility, assertNoCspErrors, screenshot,
} from './lib.mjs';

const app = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await login(page, app.base);
  await page.goto(`${app.base}/etablissements?q=cholet`);
  await page.getByTestId('establishment-row').first().getByRole('link').first().click();
  await page.waitForURL(/\/etablissements\/\d{9}$/);
  const finess = new URL(page.url()).pathname.split('/')[2];

  await page.goto(`${app.base}/etablissements/${finess}/formation`);
  assert.match(await page.locator('h1').first().innerText(), /Formation du personnel/);
  await checkAccessibility(page);
  const year = new Date().getFullYear();
  await page.getByTestId(`training-year-${year}`).click();
  await page.waitForURL(new RegExp(`/formation/${year}$`));
  const counts = [[150, 150, 30, 150], [650, 600, 100, 550], [200, 180, 20, 170],
    [150, 150, 10, 150], [50, 50, 0, 50]];
  for (const [i, [h, t, ini, cont]] of counts.entries()) {
    await page.getByTestId(`headcount-${i}`).fill(String(h));
    await page.getByTestId(`trained-${i}`).fill(String(t));
    await page.getByTestId(`initial-${i}`).fill(String(ini));
    await page.getByTestId(`continuing-${i}`).fill(String(cont));
  }
  await page.getByTestId('trained-2').fill('250');  // more than the 200 people of the category
  await page.getByTestId('training-submit').click();
  const errors = page.getByTestId('training-errors');
  await errors.waitFor();
  assert.match(await errors.innerText(), /categories\[2\]\.trained \(Personnel administratif\) : 250 personnes formées pour un effectif de 200/);
  assert.match(await page.getByTestId('error-trained-2').innerText(), /ne peuvent dépasser l'effectif/);
  await checkAccessibility(page);
  await screenshot(page, 'training-error');

  await page.getByTestId('trained-2').fill('180');
  await page.getByTestId('training-submit').click();
  await page.waitForURL(/\/formation\?enregistre=1$/);
  // 1 130 trained out of 1 200: 94,17 % → 94,2 %
  const row = page.locator(`[data-testid="training-year-row"][data-year="${year}"]`);
  assert.match(await row.getByTestId('training-share').innerText(), /^94,2\s%$/);
  assert.ok(await page.getByTestId('training-categories').locator('progress').count() === 5);

  await page.getByTestId('training-new-campaign').click();
  await page.getByTestId('campaign-date').fill(`${year}-01-15`);
  await page.getByTestId('campaign-title').fill('Simulation « facture impayée »');
  await page.getByTestId('campaign-kind').selectOption('phishing');
  await page.getByTestId('campaign-sent').fill('400');
  await page.getByTestId('campaign-clicks').fill('500');
  await page.getByTestId('campaign-submit').click();
  await page.getByTestId('campaign-errors').waitFor();
  assert.match(await page.getByTestId('campaign-clicks-error').innerText(), /^Clics : 500 clics pour 400/);
  await page.getByTestId('campaign-clicks').fill('50');
  await page.getByTestId('campaign-submit').click();
  await page.waitForURL(/\/formation\?campagne=1$/);
  const rates = await page.getByTestId('campaign-click-rate').allInnerTexts();
  assert.ok(rates.some((t) => /^50 \(12,5\s%\)$/.test(t)), rates.join(' | '));
  await checkAccessibility(page);
  await screenshot(page, 'training');
  assertNoCspErrors(page);
  console.log('browser test passed: training error, correction, share, campaign');
} finally {
  if (browser) await browser.close();
  app.stop();
}
