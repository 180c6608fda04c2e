// Browser test of the ANSSI registrations (issue 17): as the security officer of the
// Cholet-Mauges demo establishment (second factor), open « Inscriptions auprès de l'ANSSI »,
// declare the Club SSI registration with a real PDF (after a refused date in the future, named
// by its label), see the obligation met on the compliance page, withdraw it with a reason (the
// evidence withdrawal: kept in the history), and, as the regional manager, find the
// establishment in the list of who is not registered, reached from the dashboard.
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, newPage, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot, samplePdf,
} from './lib.mjs';


const app = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await loginWithSecondFactor(page, app.base, DEMO.officer);
  await page.goto(`${app.base}/etablissements?q=Cholet`);
  const href = await page.locator('a[href^="/etablissements/"]', { hasText: 'Cholet' }).first()
    .getAttribute('href');
  const finess = href.split('/')[2];
  await page.goto(`${app.base}/etablissements/${finess}`);
  await page.getByTestId('quick-registrations').click();
  await page.waitForURL(/\/inscriptions-anssi$/);
  await checkAccessibility(page);
  const club = page.getByTestId('registration-club-ssi');
  const state = () => club.getByTestId('registration-state').innerText();
  const compliance = async () => {
    await page.goto(`${app.base}/etablissements/${finess}/conformite`);
    return page.locator('tr[data-obligation="club-ssi-registration"]').getAttribute('data-status');
  };
  // A demo registration (no reference, no document) is withdrawn first, with a reason.
  if (/^inscrit$/i.test((await state()).trim())) {
    await club.getByTestId('registration-withdraw').click();
    await page.waitForURL(/\/preuves\/\d+\/retirer$/);
    await page.locator('#motif').fill('Inscription saisie sans justificatif');
    await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
    await page.waitForURL(/\/preuves\?retire=1$/);
    await page.goto(`${app.base}/etablissements/${finess}/inscriptions-anssi`);
  }
  assert.match(await state(), /pas encore inscrit/i);
  assert.notEqual(await compliance(), 'met');

  // Declare: a date in the future is refused, named by its label; nothing stored.
  await page.goto(`${app.base}/etablissements/${finess}/inscriptions-anssi`);
  const form = page.getByTestId('registration-form');
  const fill = async (date) => {
    await form.locator('#reg-service').selectOption('club-ssi');
    await form.locator('#reg-role').selectOption('rssi');
    await form.locator('#reg-reference').fill('CLUB-SSI-2026-0042');
    await form.locator('#reg-document').setInputFiles({ name: 'inscription-club-ssi.pdf',
      mimeType: 'application/pdf', buffer: samplePdf() });
    // The browser's own `max` would stop the date: removed to reach the server's check.
    await form.locator('#reg-date').evaluate((el) => { el.removeAttribute('max'); });
    await form.locator('#reg-date').fill(date);
    await form.getByRole('button', { name: "Déclarer l'inscription" }).click();
  };
  await fill('2099-01-01');
  await page.getByTestId('registration-errors').waitFor();
  assert.match(await page.getByTestId('registration-errors').innerText(),
    /Date d'inscription : le 01\/01\/2099 est postérieur à aujourd'hui/);
  assert.match(await state(), /pas encore inscrit/i);
  await checkAccessibility(page);

  // The real PDF, a past date: the obligation is met on the compliance page.
  await fill('2026-02-10');
  await page.waitForURL(/\/inscriptions-anssi\?declare=1$/);
  assert.match((await state()).trim(), /^inscrit$/i);
  assert.match(await club.getByTestId('registration-date').innerText(), /10\/02\/2026/);
  assert.match(await club.getByTestId('registration-reference').innerText(), /CLUB-SSI-2026-0042/);
  assert.match(await club.innerText(), /inscription-club-ssi\.pdf/);
  await checkAccessibility(page);
  await screenshot(page, 'registrations');
  assert.equal(await compliance(), 'met');

  // A wrong registration is withdrawn with a reason (the evidence withdrawal) and kept.
  await page.goto(`${app.base}/etablissements/${finess}/inscriptions-anssi`);
  await club.getByTestId('registration-withdraw').click();
  await page.waitForURL(/\/preuves\/\d+\/retirer$/);
  await page.locator('#motif').fill('Référence ANSSI erronée');
  await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
  await page.waitForURL(/\/preuves\?retire=1$/);
  assert.match(await page.locator('main').innerText(), /Référence ANSSI erronée/);
  assert.notEqual(await compliance(), 'met');

  // The regional reader: the list of who is not registered, from the dashboard.
  const ars = await newPage(browser);
  await loginWithSecondFactor(ars, app.base, DEMO.regional);
  await ars.goto(`${app.base}/tableau-de-bord`);
  await ars.getByTestId('dashboard-registrations').getByRole('link').click();
  await ars.waitForURL(/\/inscriptions-anssi$/);
  await ars.getByTestId('missing-list').waitFor();
  await checkAccessibility(ars);
  assert.match(await ars.getByTestId('missing-counts').innerText(), /sans inscription au Club SSI/);
  await ars.locator('#m-missing').selectOption('club-ssi');
  await ars.getByRole('button', { name: 'Filtrer' }).click();
  await ars.waitForURL(/manque=club-ssi/);
  // Cholet withdrew its Club SSI registration: it is on the list.
  await ars.locator('#m-region').waitFor();
  let found = false;
  for (;;) {
    if ((await ars.getByTestId('missing-list').innerText()).includes('Cholet')) { found = true; break; }
    const next = ars.locator('.fr-pagination__link--next[href]');
    if (await next.count() === 0) break;
    await next.first().click();
  }
  assert.ok(found, 'Cholet is listed without a Club SSI registration');
  await screenshot(ars, 'registrations-missing');
  assertNoCspErrors(page);
  assertNoCspErrors(ars);
} finally {
  await browser?.close();
  await app.stop();
}
