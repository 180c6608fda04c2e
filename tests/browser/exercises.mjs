// Browser test of crisis exercises: log in as the demo editor, plan an exercise for the
// Cholet-Mauges demo establishment, start it, add a main-courante entry, add and play an
// inject, submit a RETEX dated before the exercise (refused next to the field), write it
// properly with an item, turn the item into a PAQ action, find the action in the PAQ, and
// download the RETEX PDF.
import assert from 'node:assert/strict';
import {
  startCarepilot, launchBrowser, newPage, login, checkAccessibility, assertNoCspErrors, screenshot,
} from './lib.mjs';

// Today in Europe/Paris, as the server sees it (YYYY-MM-DD).
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const dayBefore = (iso) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

const srv = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await login(page, srv.base);
  await page.goto(`${srv.base}/etablissements?q=Cholet`);
  const href = await page.locator('a[href^="/etablissements/"]', { hasText: 'Cholet' }).first()
    .getAttribute('href');
  const finess = href.split('/')[2];
  assert.match(finess, /^[0-9AB]{9}$/);

  // The list shows the demo exercises and the "Planifier" button.
  await page.goto(`${srv.base}/etablissements/${finess}/exercices`);
  assert.match(await page.locator('h1').first().innerText(), /Exercices de crise/);
  assert.ok(await page.getByTestId('exercise-row').count() >= 1, 'demo exercises are listed');
  await checkAccessibility(page);
  await screenshot(page, 'exercises-list');

  // Plan.
  const title = 'Exercice rançongiciel — urgences';
  await page.getByTestId('exercise-new').click();
  await page.waitForURL(/\/exercices\/nouveau$/);
  await page.getByTestId('exercise-title').fill(title);
  await page.getByTestId('exercise-date').fill(today);
  await page.getByTestId('exercise-scenario').selectOption('ransomware');
  await page.locator('label[for="ex-format-live"]').click();
  await page.locator('#ex-objectives').fill('Éprouver la cellule de crise et le mode dégradé.');
  await page.locator('#p-it-count').fill('3');
  await page.locator('#p-it-names').fill('DSI, RSSI, technicien');
  await page.locator('#p-direction-count').fill('2');
  await checkAccessibility(page);
  await page.getByTestId('exercise-submit').click();
  await page.waitForURL(/\/exercices\/\d+\?ok=cree$/);
  const exerciseUrl = page.url().split('?')[0];
  assert.equal(await page.getByTestId('exercise-heading').innerText(), title);
  assert.equal(await page.getByTestId('exercise-status').getAttribute('data-status'), 'planned');
  // The scenario comes with its description and a set of injects (issue 12, point 6).
  assert.match(await page.getByTestId('scenario-description').innerText(), /rançongiciel/i);
  const kit = await page.getByTestId('inject-row').count();
  assert.ok(kit >= 3, `the scenario's injects: ${kit}`);

  // An inject in the facilitator's timeline, then start.
  await page.getByRole('button', { name: 'Ajouter un stimulus' }).click();
  await page.getByTestId('inject-offset').fill('15');
  await page.getByTestId('inject-title').fill('Messagerie indisponible');
  await page.getByTestId('inject-submit').click();
  await page.waitForURL(/ok=stimulus$/);
  assert.equal(await page.getByTestId('inject-row').count(), kit + 1);
  await page.getByTestId('exercise-start').click();
  await page.waitForURL(/ok=lance$/);
  assert.equal(await page.getByTestId('exercise-status').getAttribute('data-status'), 'running');

  // Main courante and "Jouer".
  await page.getByTestId('log-at').fill('09:05');
  await page.getByTestId('log-text').fill('Cellule de crise réunie, décision de couper le VPN.');
  await page.getByTestId('log-submit').click();
  await page.waitForURL(/ok=journal$/);
  assert.match(await page.getByTestId('log-row').first().innerText(), /09:05.*Cellule de crise réunie/s);
  await page.getByTestId('inject-play').first().click();
  await page.waitForURL(/ok=joue$/);
  assert.equal(await page.getByTestId('inject-played').count(), 1);
  assert.equal(await page.getByTestId('inject-play').count(), kit);
  // The played inject is in the main courante.
  assert.equal(await page.getByTestId('log-row').count(), 2);
  assert.match(await page.getByTestId('log-row').allInnerTexts().then((t) => t.join('\n')),
    /Stimulus joué : /);
  await checkAccessibility(page);
  await screenshot(page, 'exercise-running');

  // A RETEX dated before the exercise is refused next to its field; nothing is stored.
  await page.getByTestId('retex-date').fill(dayBefore(today));
  await page.getByTestId('retex-worked').fill('Annuaire de crise à jour.');
  await page.getByTestId('retex-submit').click();
  await page.waitForSelector('[data-testid="exercise-errors"]');
  assert.match(await page.getByTestId('retex-date-error').innerText(), /^Date du RETEX : /);
  assert.equal(await page.getByTestId('retex-worked').inputValue(), 'Annuaire de crise à jour.');
  assert.equal(await page.getByTestId('exercise-status').getAttribute('data-status'), 'running');
  await screenshot(page, 'exercise-retex-error');

  // The RETEX, properly dated, closes the exercise.
  await page.getByTestId('retex-date').fill(today);
  await page.getByTestId('retex-failed').fill('Fiches réflexes stockées sur le réseau chiffré.');
  await page.getByTestId('retex-submit').click();
  await page.waitForURL(/ok=retex$/);
  assert.equal(await page.getByTestId('exercise-status').getAttribute('data-status'), 'closed');

  // An item, then "Créer l'action PAQ".
  const item = 'Imprimer les fiches réflexes dans chaque service';
  await page.getByTestId('item-text').fill(item);
  await page.locator('#item-priority').selectOption('high');
  await page.getByTestId('item-submit').click();
  await page.waitForURL(/ok=point$/);
  // Sent to the PAQ with an owner and a due date (issue 12, point 6).
  await page.getByTestId('item-paq-owner').first().fill('Direction des soins');
  await page.getByTestId('item-paq-due').first().fill(`${Number(today.slice(0, 4)) + 1}-03-31`);
  await page.getByTestId('item-to-paq').click();
  await page.waitForURL(/ok=paq$/);
  const link = page.getByTestId('item-action-link');
  assert.equal(await link.count(), 1);
  assert.equal(await page.getByTestId('item-to-paq').count(), 0, 'converted once only');
  const actionHref = await link.getAttribute('href');
  assert.match(actionHref, new RegExp(`^/etablissements/${finess}/paq/\\d+$`));
  await checkAccessibility(page);
  await screenshot(page, 'exercise-closed');
  // The PAQ action carries them and links back to the exercise.
  await page.goto(`${srv.base}${actionHref}`);
  assert.equal(await page.getByTestId('paq-source-link').getAttribute('href'),
    new URL(exerciseUrl).pathname);
  assert.match(await page.locator('main').innerText(), /Direction des soins/);
  await page.goto(exerciseUrl);

  // The action is in the PAQ (page and API).
  const paqPage = await page.request.get(`${srv.base}/etablissements/${finess}/paq`);
  assert.equal(paqPage.status(), 200);
  assert.ok((await paqPage.text()).includes(item), 'the action is listed in the PAQ');
  const actionPage = await page.request.get(`${srv.base}${actionHref}`);
  assert.equal(actionPage.status(), 200);

  // The printable RETEX.
  const pdfHref = await page.getByTestId('retex-pdf').getAttribute('href');
  const pdf = await page.request.get(`${srv.base}${pdfHref}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');

  await page.goto(exerciseUrl);
  assertNoCspErrors(page);
  console.log('browser test passed: exercise planned, run, RETEX, PAQ action, PDF');
} finally {
  if (browser) await browser.close();
  srv.stop();
}
