// Browser test of the continuity register (issue 15): as the demo editor of the « Centre
// hospitalier de Cholet-Mauges », the page first gives no verdict (no activity: it says what is
// missing, never « satisfait »); add a resource and the emergency activity that depends on it,
// then its BIA — refused when validated tomorrow (French error naming the field, values kept),
// accepted when validated today: the activity shows its validated version and DMIA, the
// resource its required RTO, and the verdict no longer lists the emergency service; then a PCA
// and its test, shown as the plan's last test; on the compliance page, bia-critical no longer
// misses the emergency service's BIA. Then a restore test through the form, over the RTO: the
// gap is shown; a test with failures sends its lessons to the PAQ in one click, the PAQ action
// reads its origin in words and links back; as the security officer (second factor) the
// restore test is withdrawn with a reason, listed as withdrawn, and the gap is unknown again.
import assert from 'node:assert/strict';
import {
  startCarepilot, launchBrowser, newPage, login, checkAccessibility, assertNoCspErrors,
  screenshot, tick, samplePdf, DEMO, loginWithSecondFactor,
} from './lib.mjs';

const app = await startCarepilot();
let browser;
const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const french = (d) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
const open = async (page, id) => {
  const button = page.locator(`button[aria-controls="${id}"]`);
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.locator(`#${id}`).waitFor({ state: 'visible' });
};
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await login(page, app.base);
  await page.goto(`${app.base}/etablissements?q=cholet`);
  await page.getByTestId('establishment-row').first().getByRole('link').first().click();
  await page.waitForURL(/\/etablissements\/\d{9}$/);
  const finess = new URL(page.url()).pathname.split('/')[2];
  const url = `${app.base}/etablissements/${finess}/continuite`;

  await page.getByTestId('quick-continuity').click();
  await page.waitForURL(url);
  assert.match(await page.locator('h1').first().innerText(), /Continuité d'activité/);
  const verdict = page.getByTestId('continuity-verdict');
  assert.match(await verdict.innerText(), /Pas de verdict : aucune activité n'est recensée/);
  assert.doesNotMatch(await verdict.innerText(), /satisfait/i);
  await checkAccessibility(page);

  // A resource, then the activity that depends on it.
  await open(page, 'acc-resource');
  await page.getByTestId('continuity-resource-name').fill('Dossier patient informatisé');
  // The options are French labels, never the codes.
  assert.deepEqual(await page.getByTestId('continuity-resource-kind').locator('option').allInnerTexts(),
    ['Choisir', 'Application', 'Infrastructure']);
  await page.getByTestId('continuity-resource-kind').selectOption('application');
  await page.getByTestId('continuity-resource-submit').click();
  await page.waitForURL(/enregistre=ressource$/);
  await open(page, 'acc-activity');
  await page.getByTestId('continuity-activity-name').fill('Urgences adultes');
  await page.getByTestId('continuity-activity-kind').selectOption('care_service');
  await page.getByTestId('continuity-activity-service').selectOption('urgences');
  await page.getByTestId('continuity-activity-owner').fill('Chef de service des urgences');
  await page.getByTestId('continuity-activity-share').fill('22,5');
  await tick(page.getByTestId('continuity-activity-resource').first());
  await page.getByTestId('continuity-activity-submit').click();
  await page.waitForURL(/enregistre=activite$/);
  // Past its deadline the BIA is late, before it expected (Paris date; the day itself expected).
  const parisToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  assert.match(await page.getByTestId('continuity-missing').innerText(),
    parisToday > '2026-06-30' ? /Urgences — en retard depuis le 30\/06\/2026/ : /Urgences — attendu au 30\/06\/2026/);
  assert.match(await page.getByTestId('continuity-activity').first().innerText(), /22,5\s%/);

  // The BIA: unacceptable from 24 hours for patient safety; validated tomorrow is refused.
  const fillBia = async (validatedOn) => {
    await open(page, 'acc-bia');
    const form = page.getByTestId('continuity-bia-form');
    await form.getByTestId('continuity-bia-activity').selectOption({ label: 'Urgences adultes' });
    for (const cell of await form.getByTestId('continuity-bia-cell').all()) {
      const name = await cell.getAttribute('name');
      const late = /^impact\.patient_safety\.(24h|72h|1w|1m)$/.test(name);
      await cell.selectOption(late ? '3' : '2');
    }
    await form.getByTestId('continuity-bia-degraded').fill('Procédures papier, dossiers de secours imprimés chaque nuit');
    await form.getByTestId('continuity-bia-validated-by').fill('Directeur des soins');
    await form.getByTestId('continuity-bia-validated-on').fill(validatedOn);
    await form.getByTestId('continuity-bia-submit').click();
  };
  const tomorrow = new Date(Date.now() + 36 * 3600 * 1000);
  await fillBia(iso(tomorrow));
  const errors = page.getByTestId('continuity-errors');
  await errors.waitFor();
  assert.match(await errors.innerText(), /Date de validation : la date ne peut pas être dans le futur/);
  await open(page, 'acc-bia');
  assert.equal(await page.getByTestId('continuity-bia-validated-by').inputValue(), 'Directeur des soins');
  assert.match(await page.getByTestId('continuity-activity').first().innerText(), /aucun BIA validé/);
  await checkAccessibility(page);
  await screenshot(page, 'continuity-error');

  const today = new Date();
  await page.goto(url);
  await fillBia(iso(today));
  await page.waitForURL(/enregistre=bia$/);
  const activity = await page.getByTestId('continuity-activity').first().innerText();
  assert.match(activity, new RegExp(`version 1, validée le ${french(today)} par Directeur des soins`));
  assert.match(activity, /1 jour/);  // DMIA: 24 hours
  assert.match(await page.getByTestId('continuity-resource').first().innerText(), /1 jour/);
  const missing = page.getByTestId('continuity-missing');
  if (await missing.count()) assert.doesNotMatch(await missing.innerText(), /Urgences/);

  // A PCA and its field test.
  await open(page, 'acc-plan');
  await page.getByTestId('continuity-plan-kind').selectOption('pca');
  await page.getByTestId('continuity-plan-title').fill('Plan de continuité d\'activité');
  await page.getByTestId('continuity-plan-scope').selectOption('global');
  await tick(page.getByTestId('continuity-plan-it-outage'));
  await page.getByTestId('continuity-plan-version').fill('1.0');
  await page.getByTestId('continuity-plan-validated-by').fill('Directrice générale');
  await page.getByTestId('continuity-plan-validated-on').fill(iso(today));
  await page.getByTestId('continuity-plan-submit').click();
  await page.waitForURL(/enregistre=plan$/);
  assert.match(await page.getByTestId('continuity-plan-last-test').first().innerText(), /jamais testé/);
  await open(page, 'acc-test');
  await page.getByTestId('continuity-test-plan').selectOption({ index: 1 });
  await page.getByTestId('continuity-test-held-on').fill(iso(today));
  await page.getByTestId('continuity-test-submit').click();
  await page.waitForURL(/enregistre=test$/);
  assert.equal((await page.getByTestId('continuity-plan-last-test').first().innerText()).trim(), french(today));

  // The plan's document: a file of a type refused is named by its field; a PDF is linked.
  await page.getByTestId('continuity-plan-document-file').first().setInputFiles({
    name: 'pca.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90'),
  });
  await page.getByTestId('continuity-plan-document-submit').first().click();
  assert.match(await page.getByTestId('continuity-errors').innerText(), /Document du plan : type de fichier refusé/);
  assert.match(await page.getByTestId('continuity-plan-document').first().innerText(), /Aucun document joint/);
  await page.getByTestId('continuity-plan-document-file').first().setInputFiles({
    name: 'pca-2026.pdf', mimeType: 'application/pdf', buffer: samplePdf(),
  });
  await page.getByTestId('continuity-plan-document-submit').first().click();
  await page.waitForURL(/enregistre=document$/);
  assert.match(await page.getByTestId('continuity-plan-document-link').first().innerText(), /pca-2026\.pdf/);
  await checkAccessibility(page);
  await screenshot(page, 'continuity');
  assertNoCspErrors(page);

  // The evidence follows from the work: bia-critical no longer misses the emergency BIA.
  await page.goto(`${app.base}/etablissements/${finess}/conformite`);
  const row = page.locator('tr[data-obligation="bia-critical"]');
  assert.doesNotMatch(await row.innerText(), /BIA pour le service Urgences/);
  assert.equal(await page.locator('tr[data-obligation="pca-pra"]').getAttribute('data-status'), 'met');

  // A restore test over the 24 h required: the gap is shown.
  await page.goto(url);
  await open(page, 'acc-restore');
  await page.getByTestId('continuity-restore-resource').selectOption({ label: 'Dossier patient informatisé' });
  await page.getByTestId('continuity-restore-on').fill(iso(today));
  await page.getByTestId('continuity-restore-hours').fill('30');
  await page.getByTestId('continuity-restore-loss').fill('0');
  await page.getByTestId('continuity-restore-checked').fill('Dr Martin');
  await page.getByTestId('continuity-restore-submit').click();
  await page.waitForURL(/enregistre=restauration$/);
  const dpiRow = page.getByTestId('continuity-resource').filter({ hasText: 'Dossier patient informatisé' });
  assert.match(await dpiRow.getByTestId('continuity-resource-gap').innerText(),
    /écart : 6 heures de plus que requis pour la reprise/);

  // A test with failures: its lessons go to the PAQ in one click.
  await open(page, 'acc-test');
  await page.getByTestId('continuity-test-plan').selectOption({ index: 1 });
  await page.getByTestId('continuity-test-held-on').fill(iso(today));
  await page.locator('#t_failures').fill('Fiches réflexes introuvables');
  await page.getByTestId('continuity-test-submit').click();
  await page.waitForURL(/enregistre=test$/);
  const failedRow = page.getByTestId('continuity-test').filter({ hasText: 'Fiches réflexes introuvables' });
  const testId = (await failedRow.getAttribute('id')).replace('test-', '');
  await failedRow.getByTestId('continuity-test-paq').click();
  await page.waitForURL(/\/paq\/\d+\?cree=1$/);
  const body = await page.locator('main').innerText();
  assert.match(body, /Continuité : leçons du test du/);
  assert.match(body, new RegExp(`test de continuité n° ${testId} du ${french(today)}`));
  await page.locator(`a[href$="/continuite#test-${testId}"]`).first().click();
  await page.waitForURL(new RegExp(`/continuite#test-${testId}$`));
  assert.equal(await page.getByTestId('continuity-test').filter({ hasText: 'Fiches réflexes introuvables' })
    .getByTestId('continuity-test-paq-link').count(), 1);
  assertNoCspErrors(page);

  // Withdrawing the restore test needs the second factor: as the security officer.
  const officer = await newPage(browser);
  await loginWithSecondFactor(officer, app.base, DEMO.officer);
  await officer.goto(url);
  await officer.getByTestId('continuity-restore').filter({ hasText: 'Dossier patient informatisé' })
    .getByTestId('continuity-restore-withdraw').first().click();
  await officer.waitForURL(/\/restaurations\/\d+\/retirer$/);
  await officer.getByTestId('withdraw-form').waitFor();
  await checkAccessibility(officer);
  await officer.locator('#motif').fill('Mesure saisie par erreur');
  await officer.getByRole('button', { name: 'Confirmer le retrait' }).click();
  await officer.waitForURL(/retire=restauration$/);
  assert.match(await officer.getByTestId('continuity-withdrawn').innerText(),
    /Test de restauration du .* de « Dossier patient informatisé »[\s\S]*Mesure saisie par erreur/);
  assert.match(await officer.getByTestId('continuity-resource').filter({ hasText: 'Dossier patient informatisé' })
    .getByTestId('continuity-resource-gap').innerText(), /inconnu : aucun test de restauration/);
  assertNoCspErrors(officer);
  console.log('browser test passed: continuity register, BIA refusal and validation, plan and test, restore test, lessons to the PAQ, withdrawal');
  assertNoCspErrors(page);
} finally {
  if (browser) await browser.close();
  app.stop();
}
