// Browser test of the quality improvement plan (PAQ): log in as the demo editor, open the
// PAQ of the Cholet-Mauges demo establishment, submit an action without a title (the French
// error shows next to the field), create it properly, find it in the list, open the board,
// move it to "En cours" by editing it, and download the CSV export.
import assert from 'node:assert/strict';
import {
  startCarepilot, launchBrowser, newPage, login, checkAccessibility, assertNoCspErrors, screenshot,
} from './lib.mjs';

const srv = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await login(page, srv.base);
  // Home is "mon établissement" for an establishment's user (issue 12, point 4).
  await page.goto(`${srv.base}/`);
  assert.match(await page.getByTestId('my-establishment').innerText(), /Mon établissement : .*Cholet-Mauges/);
  await page.getByTestId('summary-late').waitFor();
  await page.getByTestId('summary-next').waitFor();
  await page.getByTestId('quick-actions').waitFor();
  await checkAccessibility(page);
  await screenshot(page, 'home-my-establishment');
  await page.goto(`${srv.base}/etablissements?q=Cholet`);
  const href = await page.locator('a[href^="/etablissements/"]', { hasText: 'Cholet' }).first()
    .getAttribute('href');
  const finess = href.split('/')[2];
  assert.match(finess, /^[0-9AB]{9}$/);

  // The evidence list: one visible heading per table, no repeated caption (issue 12); the
  // demo PAQ actions are cyber actions.
  await page.goto(`${srv.base}/etablissements/${finess}/preuves`);
  const evidenceText = await page.locator('main').innerText();
  assert.equal(evidenceText.split('Preuves enregistrées').length - 1, 1, 'one "Preuves enregistrées"');
  assert.match(evidenceText, /Action cyber : oui/);
  assert.doesNotMatch(evidenceText, /Action cyber : non/);

  // The list: demo actions, some of them overdue.
  await page.goto(`${srv.base}/etablissements/${finess}/paq`);
  assert.match(await page.locator('h1').first().innerText(), /Plan d'amélioration/);
  assert.ok(await page.getByTestId('paq-row').count() >= 3, 'demo actions are listed');
  assert.ok(await page.getByTestId('paq-overdue').count() >= 1, 'an overdue demo action');
  await checkAccessibility(page);
  await screenshot(page, 'paq-list');

  // A title made of spaces passes the browser's `required` check; the server refuses it.
  await page.getByTestId('paq-new').click();
  await page.waitForURL(/\/paq\/nouvelle$/);
  await page.getByTestId('paq-title').fill('   ');
  await page.getByTestId('paq-owner').fill('Cellule qualité');
  await page.getByTestId('paq-submit').click();
  await page.waitForSelector('[data-testid="paq-errors"]');
  assert.match(await page.locator('#title-error').innerText(), /titre de l'action est requis/);
  assert.equal(await page.getByTestId('paq-owner').inputValue(), 'Cellule qualité');
  await checkAccessibility(page);
  await screenshot(page, 'paq-new-error');

  const title = 'Sensibiliser les secrétariats à l\'hameçonnage';
  await page.getByTestId('paq-title').fill(title);
  await page.getByTestId('paq-due').fill('2030-06-30');
  await page.locator('#priority').selectOption('high');
  await page.getByTestId('paq-submit').click();
  await page.waitForURL(/\/paq\/\d+\?cree=1$/);
  assert.equal(await page.getByTestId('paq-action-title').innerText(), title);
  assert.equal((await page.getByTestId('paq-status').textContent()).trim(), 'À faire');
  const actionUrl = page.url().split('?')[0];

  await page.goto(`${srv.base}/etablissements/${finess}/paq`);
  await page.getByTestId('paq-table').getByRole('link', { name: title }).waitFor();

  // The board: the new action is in "À faire"; edit it to "En cours".
  await page.getByTestId('paq-board-link').click();
  await page.waitForURL(/\/paq\/tableau$/);
  await page.getByTestId('paq-column-open').getByRole('link', { name: title }).waitFor();
  await checkAccessibility(page);
  await page.getByTestId('paq-column-open').getByRole('link', { name: title }).click();
  await page.waitForURL((u) => u.href.startsWith(actionUrl));
  await page.getByTestId('paq-status-select').selectOption('in_progress');
  await page.getByTestId('paq-progress-input').fill('30');
  await page.getByTestId('paq-save').click();
  await page.waitForURL(/modifie=1$/);
  assert.equal((await page.getByTestId('paq-status').textContent()).trim(), 'En cours');
  assert.equal(await page.getByTestId('paq-progress').innerText(), '30 %');
  await screenshot(page, 'paq-action');
  await page.goto(`${srv.base}/etablissements/${finess}/paq/tableau`);
  await page.getByTestId('paq-column-in_progress').getByRole('link', { name: title }).waitFor();
  await screenshot(page, 'paq-board');
  // Compact cards, the board ending above the footer (issue 12, point 8).
  const footer = await page.locator('footer').first().boundingBox();
  const board = await page.getByTestId('paq-board').boundingBox();
  assert.ok(board.y + board.height <= footer.y, `board ${board.y + board.height} above footer ${footer.y}`);
  for (const card of await page.getByTestId('paq-card').all()) {
    const box = await card.boundingBox();
    assert.ok(box.height <= 190, `a compact card (${box.height} px)`);
    assert.ok(box.y + box.height <= footer.y, 'no card over the footer');
  }

  // The CSV export link answers with the French-Excel CSV.
  await page.goto(`${srv.base}/etablissements/${finess}/paq`);
  const csvHref = await page.getByTestId('paq-export-csv').getAttribute('href');
  const csv = await page.request.get(`${srv.base}${csvHref}`);
  assert.equal(csv.status(), 200);
  const body = await csv.text();
  assert.match(body, /^\uFEFF?Identifiant;Titre;/);
  assert.ok(body.includes(title), 'the new action is exported');
  assertNoCspErrors(page);
  console.log('browser test passed: PAQ list, refusal, creation, board, edit, CSV export');
} finally {
  if (browser) await browser.close();
  srv.stop();
}
