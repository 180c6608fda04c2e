// Browser test of the 66 % rule at GHT level (issue 15; D2.O1.C/D): a reader of the demo GHT
// of Maine-et-Loire (an account created with `carepilot user add`, second factor enrolled at
// the first sign-in) reads its GHT's continuity page — both verdicts, every establishment with
// its activity weight grouped in French and its coverage, no form to change a weight — and
// gets 404 for the Sarthe GHT. The regional manager then opens the Sarthe GHT, where the HAD
// has no weight: the share is not established and the HAD is listed « Non déclaré »; a negative
// weight is refused with a French message naming the field and the value kept; a weight typed
// as « 12 000 000 » is saved and the verdict established.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  startCarepilot, launchBrowser, newPage, login, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot, DEMO, DEMO_PASSWORD,
} from './lib.mjs';

const app = await startCarepilot();
let browser;
try {
  const email = 'lecteur.ght49@demo.carepilot.fr';
  const add = spawnSync(process.env.CAREPILOT_BIN, ['user', 'add', '--database', `sqlite:${app.dir}/carepilot.db`,
    '--email', email, '--role', 'ght_reader', '--scope', 'ght:DEMO-49'], { input: `${DEMO_PASSWORD}\n`, encoding: 'utf8' });
  assert.equal(add.status, 0, `user add: ${add.stderr}`);

  browser = await launchBrowser();
  const page = await newPage(browser);
  await loginWithSecondFactor(page, app.base, email);
  const ghts = await (await page.request.get(`${app.base}/api/v1/ghts?per_page=50`)).json();
  const maine = ghts.items.find((g) => g.code === 'DEMO-49');
  assert.ok(maine, JSON.stringify(ghts).slice(0, 300));
  await page.goto(`${app.base}/ght/${maine.id}/continuite`);
  assert.match(await page.locator('h1').first().innerText(), /Continuité d'activité — GHT Démo Maine-et-Loire/);
  const bia = page.getByTestId('ght-coverage-bia');
  const tested = page.getByTestId('ght-coverage-tested');
  // Every establishment of the GHT weighed: a verdict, met or not, against 66 %.
  assert.match(await bia.getAttribute('data-state'), /^(met|not_met)$/);
  assert.match(await bia.innerText(), /(Atteint|Non atteint) : [\d,]+\s% de l'activité cumulée \(seuil : 66\s%\)/);
  assert.match(await tested.innerText(), /(Atteint|Non atteint) : /);
  const rows = page.getByTestId('ght-member');
  assert.equal(await rows.count(), 5);
  const weights = await page.getByTestId('ght-member-weight').allInnerTexts();
  assert.ok(weights.every((w) => /^\d{1,3}( \d{3})* €$/.test(w.replace(/\u00a0|\u202f/g, ' ').trim())), weights.join(' | '));
  assert.ok(weights.some((w) => /950\s000\s000/.test(w)), 'the CHU weighs its budget, grouped');
  assert.equal(await page.getByTestId('ght-without-weight').count(), 0);
  assert.equal(await page.getByTestId('ght-weight-form').count(), 0, 'a GHT reader changes no weight');
  // Each row says yes or no for both, and why when not.
  for (const cell of await page.getByTestId('ght-member-bia').allInnerTexts())
    assert.match(cell, /^(oui|non)/);
  await checkAccessibility(page);
  await screenshot(page, 'continuity-ght-reader');
  assertNoCspErrors(page);
  const sarthe = ghts.items.find((g) => g.code === 'DEMO-72');
  assert.equal(sarthe, undefined, 'the reader lists its own GHT only');
  const other = await page.request.get(`${app.base}/api/v1/ghts/${maine.id + 1}/continuity`);
  assert.equal(other.status(), 404);

  // The regional manager: the Sarthe GHT, where the HAD has no weight.
  const ars = await newPage(browser);
  await loginWithSecondFactor(ars, app.base, DEMO.regional);
  const all = await (await ars.request.get(`${app.base}/api/v1/ghts?per_page=50`)).json();
  const s = all.items.find((g) => g.code === 'DEMO-72');
  await ars.goto(`${app.base}/ght/${s.id}/continuite`);
  // The HAD is not covered: its weight can only lower a share already below the threshold,
  // so the verdict is settled without it.
  assert.equal(await ars.getByTestId('ght-coverage-bia').getAttribute('data-state'), 'not_met');
  assert.match(await ars.getByTestId('ght-coverage-bia-text').innerText(), /^Non atteint : [\d,]+\s% de l'activité cumulée \(seuil : 66\s%\)\. 1\sétablissement sans poids d'activité déclaré, non couvert : son poids ne peut que baisser cette part\./);
  assert.match(await ars.getByTestId('ght-without-weight').innerText(), /1\sétablissement sans poids d'activité déclaré : le verdict tient quel que soit ce poids/);
  const had = ars.getByTestId('ght-member').filter({ hasText: 'HAD Sarthe' });
  assert.match(await had.getByTestId('ght-member-weight').innerText(), /Non déclaré/i);
  await had.getByTestId('ght-weight-input').fill('-5');
  await had.getByTestId('ght-weight-submit').click();
  await ars.waitForLoadState();
  const refused = ars.getByTestId('ght-member').filter({ hasText: 'HAD Sarthe' });
  assert.match(await refused.getByTestId('ght-weight-error').innerText(), /^Poids d'activité : le poids d'activité ne peut pas être négatif/);
  assert.equal(await refused.getByTestId('ght-weight-input').inputValue(), '-5');
  await refused.getByTestId('ght-weight-input').fill('12 000 000');
  await refused.getByTestId('ght-weight-submit').click();
  await ars.waitForURL(/enregistre=poids$/);
  assert.match(await ars.getByTestId('ght-member').filter({ hasText: 'HAD Sarthe' }).getByTestId('ght-member-weight').innerText(), /12\s000\s000\s€/);
  assert.match(await ars.getByTestId('ght-coverage-bia').getAttribute('data-state'), /^(met|not_met)$/);
  assert.equal(await ars.getByTestId('ght-without-weight').count(), 0);
  await checkAccessibility(ars);
  await screenshot(ars, 'continuity-ght-manager');

  // A legal entity with two sites (the two demo clinics, outside any GHT): from a site's
  // continuity page to the entity's 66 % page, both sites weighed; a weight set there returns
  // to it. The site's printable report is a PDF.
  const clinics = await (await ars.request.get(`${app.base}/api/v1/establishments?q=Clinique%20de%20l%27Erdre`)).json();
  const erdre = clinics.items[0];
  assert.ok(erdre, JSON.stringify(clinics).slice(0, 300));
  await ars.goto(`${app.base}/etablissements/${erdre.finess_et}/continuite`);
  const pdf = await ars.request.get(`${app.base}${await ars.getByTestId('continuity-pdf').getAttribute('href')}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  await ars.getByTestId('continuity-ej-link').click();
  await ars.waitForURL(/\/entites-juridiques\/\d{9}\/continuite$/);
  assert.match(await ars.locator('h1').first().innerText(), /^Continuité d'activité — Entité juridique \d{9} \(Clinique de l'Erdre \(démo\), Clinique du Sillon \(démo\)\)$/);
  assert.equal(await ars.getByTestId('ght-member').count(), 2);
  assert.match(await ars.getByTestId('ght-coverage-bia').getAttribute('data-state'), /^(met|not_met)$/);
  const sillon = ars.getByTestId('ght-member').filter({ hasText: 'Clinique du Sillon' });
  await sillon.getByTestId('ght-weight-input').fill('abc');
  await sillon.getByTestId('ght-weight-submit').click();
  await ars.waitForLoadState();
  assert.match(await ars.locator('h1').first().innerText(), /Entité juridique/);
  assert.match(await ars.getByTestId('ght-weight-error').innerText(), /^Poids d'activité/);
  await ars.getByTestId('ght-member').filter({ hasText: 'Clinique du Sillon' }).getByTestId('ght-weight-input').fill('90 000 000');
  await ars.getByTestId('ght-member').filter({ hasText: 'Clinique du Sillon' }).getByTestId('ght-weight-submit').click();
  await ars.waitForURL(/\/entites-juridiques\/\d{9}\/continuite\?enregistre=poids$/);
  await checkAccessibility(ars);
  await screenshot(ars, 'continuity-legal-entity');
  assertNoCspErrors(ars);

  // An establishment's user reads its GHT's page: the others are neither listed nor counted,
  // and no verdict is given on a group seen in part.
  const editor = await newPage(browser);
  await login(editor, app.base);
  await editor.goto(`${app.base}/ght/${maine.id}/continuite`);
  assert.equal(await editor.getByTestId('ght-member').count(), 1);
  assert.equal(await editor.getByTestId('ght-coverage-bia').getAttribute('data-state'), 'incomplete');
  assert.match(await editor.getByTestId('ght-outside-scope').innerText(), /4\sautres établissements du GHT, hors de votre périmètre, ne sont pas affichés/);
  assertNoCspErrors(editor);
  console.log('browser test passed: GHT and legal-entity continuity, weights read by the GHT, set by the region, a GHT seen in part');
} finally {
  if (browser) await browser.close();
  app.stop();
}
