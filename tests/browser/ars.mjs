// Browser test of the ARS's and the nation's pages (issue 12, points 10-12), on the demo:
// « qui est en retard sur quoi » (grid, filters, a cell leading to the compliance page, the
// late filter of the establishment list, the regions' comparison), the users page (search,
// last sign-in, establishments without a security officer, role change) and the journal
// (a failed sign-in recorded with the address tried, filters, French wording).
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, newPage, login, loginWithSecondFactor,
  checkAccessibility, assertNoCspErrors, screenshot,
} from './lib.mjs';

const srv = await startCarepilot();
const { base } = srv;
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);

  // A failed sign-in first: the journal must show it with the address tried.
  await page.goto(`${base}/connexion`);
  await page.getByTestId('login-email').fill(DEMO.reader);
  await page.getByTestId('login-password').fill('pas le bon mot de passe');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').waitFor();
  await login(page, base, DEMO.reader);  // a successful sign-in: the last sign-in is known
  await page.context().clearCookies();

  await loginWithSecondFactor(page, base, DEMO.regional);

  // Point 10: the grid of the region, its cells are links with words and colours.
  await page.goto(`${base}/retards`);
  const rows = page.getByTestId('late-row');
  assert.ok(await rows.count() > 0, 'the grid lists establishments of the region');
  const cell = page.getByTestId('late-cell').first();
  const cellText = (await cell.innerText()).trim();
  assert.match(cellText, /^(En retard|À échéance|À réaliser|Satisfaite|Non applicable|Non calculé)$/i);  // the DSFR badge is upper case
  await checkAccessibility(page);
  await screenshot(page, 'ars-grid');
  // Filters: late only, then by name.
  await page.locator('label[for="l-late"]').click();  // the DSFR label covers its box
  assert.ok(await page.locator('#l-late').isChecked());
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL(/retard=1/);
  const late = await rows.count();
  for (let i = 0; i < late; i++)
    assert.doesNotMatch(await rows.nth(i).locator('td').nth(1).innerText(), /^aucune$/);
  // A cell leads to that establishment's compliance page.
  await page.goto(`${base}/retards`);
  const href = await page.getByTestId('late-cell').first().getAttribute('href');
  assert.match(href, /^\/etablissements\/\d{9}\/conformite#/);
  await page.getByTestId('late-cell').first().click();
  await page.waitForURL(/\/conformite/);
  // The establishment list: a status column and the late filter.
  await page.goto(`${base}/etablissements?retard=1`);
  const listRows = await page.getByTestId('establishment-row').count();
  assert.equal(listRows, late, 'the list and the grid agree on who is late');
  await page.goto(`${base}/etablissements`);
  assert.ok(await page.getByTestId('late-status').count() > 0);
  // The regions' comparison: the region's own rows only.
  await page.goto(`${base}/retards/regions`);
  assert.ok(await page.getByTestId('region-row').count() > 0);
  await checkAccessibility(page);
  await screenshot(page, 'ars-regions');

  // Point 11: users of the region, searchable, with the last sign-in.
  await page.goto(`${base}/utilisateurs?q=lecteur`);
  const userRows = page.getByTestId('user-row');
  assert.equal(await userRows.count(), 1);
  assert.match(await userRows.first().innerText(), /lecteur@demo\.carepilot\.fr/);
  assert.match(await page.getByTestId('last-sign-in').first().innerText(), /\d{2}\/\d{2}\/\d{4} à \d{2} h \d{2}/);
  await page.goto(`${base}/utilisateurs`);
  await page.getByTestId('uncovered-count').waitFor();
  await checkAccessibility(page);
  await screenshot(page, 'ars-users');
  // Role change of the reader into an editor, within the regional manager's rules.
  await page.goto(`${base}/utilisateurs?q=lecteur`);
  const form = page.getByTestId('role-form').first();
  await form.locator('select').selectOption('establishment_editor');
  await form.getByRole('button', { name: 'Changer le rôle' }).click();
  await page.waitForURL(/\/utilisateurs/);
  await page.goto(`${base}/utilisateurs?q=lecteur`);
  assert.match(await page.getByTestId('user-row').first().innerText(), /Contributeur/);

  // Point 12: the journal, in French, with the reader's failed and successful sign-ins.
  await page.goto(`${base}/journal?utilisateur=${encodeURIComponent(DEMO.reader)}`);
  const journal = await page.getByTestId('audit').innerText();
  assert.match(journal, /échec de connexion/);
  assert.match(journal, /connexion/);
  assert.doesNotMatch(journal, /pas le bon mot de passe/);
  assert.doesNotMatch(journal, /\d{4}-\d{2}-\d{2}T/);
  await page.getByLabel('Objet').selectOption('user');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL(/objet=user/);
  assert.ok(await page.getByTestId('audit-row').count() > 0);
  await checkAccessibility(page);
  await screenshot(page, 'ars-journal');
  assertNoCspErrors(page);
  console.log('browser test passed: late grid, regions, users, journal');
} finally {
  if (browser) await browser.close();
  srv.stop();
}
