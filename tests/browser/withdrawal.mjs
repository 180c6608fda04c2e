// Browser test of issue 12, points 1 and 3 (nothing destroyed, one truth): as the security
// officer (second factor), withdraw a PAQ action of the Cholet-Mauges demo establishment
// through its confirmation page (the object named, « Motif du retrait » required, the French
// error without it) and find it under "Actions retirées"; the closed and declared demo
// exercise is locked; on the evidence page the records a module derived carry a link to
// their source and no withdraw link. As the editor (no second factor), the confirmation page
// says how to enrol instead of offering the form.
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, newPage, login, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot,
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

  // Point 1: a PAQ action is withdrawn, never deleted.
  await page.goto(`${app.base}/etablissements/${finess}/paq`);
  const first = page.getByTestId('paq-row').first().getByRole('link').first();
  const title = (await first.innerText()).trim();
  await first.click();
  await page.getByTestId('paq-withdraw').click();
  await page.waitForURL(/\/paq\/\d+\/retirer$/);
  assert.match(await page.locator('h1').first().innerText(), /^Retirer l'action du PAQ : /);
  assert.match(await page.getByTestId('withdraw-object').innerText(), new RegExp(title.slice(0, 20)));
  await checkAccessibility(page);
  await page.locator('#motif').fill('   ');  // passes `required`; the server refuses it
  await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
  await page.locator('#motif-erreur').waitFor();
  assert.match(await page.locator('#motif-erreur').innerText(), /^Motif du retrait : /);
  await screenshot(page, 'withdraw-paq-error');
  await page.locator('#motif').fill('Action reprise dans le plan régional');
  await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
  await page.waitForURL(/\/paq\?retire=1$/);
  const gone = page.getByTestId('paq-withdrawn-table');
  await gone.getByRole('link', { name: title }).waitFor();
  assert.match(await gone.innerText(), /Action reprise dans le plan régional/);
  await checkAccessibility(page);

  // A closed and declared exercise is locked: no edit, only the withdrawal. The demo declares
  // one in some establishments (not Cholet's): the national administrator finds it in the API.
  const admin = await newPage(browser);
  await loginWithSecondFactor(admin, app.base, DEMO.admin);
  const list = await (await admin.request.get(`${app.base}/api/v1/establishments?per_page=200`)).json();
  let held;
  for (const e of list.items) {
    const xs = await (await admin.request.get(`${app.base}/api/v1/establishments/${e.finess_et}/exercises`)).json();
    const x = xs.items.find((it) => /vol de données/.test(it.title) && it.declared_on);
    if (x) { held = `/etablissements/${e.finess_et}/exercices/${x.id}`; break; }
  }
  assert.ok(held, 'the demo holds a declared exercise');
  await admin.goto(`${app.base}${held}`);
  await admin.getByTestId('exercise-locked').waitFor();
  assert.equal(await admin.getByRole('link', { name: 'Modifier le plan' }).count(), 0);
  assert.equal(await admin.getByTestId('exercise-withdraw').count(), 1);
  await screenshot(admin, 'exercise-locked');

  // Point 3: derived evidence is read-only on the evidence page, with a link to its source.
  await page.goto(`${app.base}/etablissements/${finess}/preuves`);
  const sources = page.locator('[data-testid^="source-"]');
  assert.ok(await sources.count() >= 1, 'derived records link to their source');
  const id = (await sources.first().getAttribute('data-testid')).slice('source-'.length);
  assert.equal(await page.getByTestId(`withdraw-${id}`).count(), 0, 'no withdraw link on a derived record');
  const source = await sources.first().getAttribute('href');
  assert.match(source, new RegExp(`^/etablissements/${finess}/(exercices|paq|budget|formation|maturite)/`));
  await checkAccessibility(page);
  assertNoCspErrors(page);

  // Without a second factor: the way to enrol, not the form.
  const editor = await newPage(browser);
  await login(editor, app.base);
  await editor.goto(`${app.base}/etablissements/${finess}/paq`);
  await editor.getByTestId('paq-row').first().getByRole('link').first().click();
  await editor.goto(`${editor.url().split('?')[0]}/retirer`);
  await editor.getByTestId('withdraw-second-factor').waitFor();
  assert.equal(await editor.getByTestId('withdraw-form').count(), 0);
  assert.equal(await editor.getByTestId('withdraw-second-factor').locator('a[href="/compte"]').count(), 1);
  console.log('browser test passed: withdrawal with reason, locked exercise, derived evidence read-only');
} finally {
  if (browser) await browser.close();
  app.stop();
}
