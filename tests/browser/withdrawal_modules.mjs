// Browser test of paths no other browser test walks (issue 12, points 1 and 11): as the
// security officer of the Cholet-Mauges demo establishment (second factor), withdraw an
// exercise, a training campaign and a budget declaration, each through its confirmation page
// with a reason, then find each in its module's "retirés" history and in the journal
// (« retrait », with the reason). Then, as the national administrator, change a user's role
// and reset the officer's second factor, and find both in the journal.
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, newPage, loginWithSecondFactor, checkAccessibility,
  assertNoCspErrors, screenshot,
} from './lib.mjs';

const app = await startCarepilot();
const { base } = app;
let browser;
try {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await loginWithSecondFactor(page, base, DEMO.officer);
  await page.goto(`${base}/etablissements?q=Cholet`);
  const href = await page.locator('a[href^="/etablissements/"]', { hasText: 'Cholet' }).first()
    .getAttribute('href');
  const est = `/etablissements/${href.split('/')[2]}`;

  // Confirms the withdrawal on the page open, with `reason`; the object is named first.
  const confirm = async (reason) => {
    await page.getByTestId('withdraw-form').waitFor();
    assert.ok((await page.getByTestId('withdraw-object').innerText()).trim().length > 0);
    await page.locator('#motif').fill(reason);
    await page.getByRole('button', { name: 'Confirmer le retrait' }).click();
    await page.waitForLoadState();
  };
  const journalHas = async (entity, reason) => {
    await page.goto(`${base}/journal?objet=${entity}`);
    const text = await page.getByTestId('audit').innerText();
    assert.match(text, /retrait/, `${entity}: a « retrait » entry`);
    assert.match(text, new RegExp(reason), `${entity}: the reason in the journal`);
  };

  // An exercise.
  await page.goto(`${base}${est}/exercices`);
  const exercise = page.locator(`a[href^="${est}/exercices/"]`).filter({ hasNotText: /Planifier|Nouvel/ }).first();
  await exercise.click();
  await page.getByTestId('exercise-withdraw').click();
  await page.waitForURL(/\/exercices\/\d+\/retirer$/);
  await checkAccessibility(page);
  await confirm('Exercice saisi deux fois');
  await page.goto(`${base}${est}/exercices`);
  assert.match(await page.getByTestId('exercises-withdrawn-table').innerText(), /Exercice saisi deux fois/);
  await journalHas('exercise', 'Exercice saisi deux fois');

  // A training campaign.
  await page.goto(`${base}${est}/formation`);
  await page.getByTestId('campaign-withdraw').first().click();
  await page.waitForURL(/\/campagnes\/\d+\/retirer$/);
  await confirm('Campagne comptée deux fois');
  await page.goto(`${base}${est}/formation`);
  assert.match(await page.getByTestId('training-withdrawn-campaigns').innerText(), /Campagne comptée deux fois/);
  await journalHas('training_campaign', 'Campagne comptée deux fois');

  // A budget declaration.
  await page.goto(`${base}${est}/budget`);
  await page.locator(`table a[href^="${est}/budget/"]`).first().click();
  await page.getByTestId('budget-withdraw').click();
  await page.waitForURL(/\/budget\/\d{4}\/retirer$/);
  await confirm('Montants erronés');
  await page.goto(`${base}${est}/budget`);
  assert.match(await page.getByTestId('budget-withdrawn-table').innerText(), /Montants erronés/);
  await journalHas('budget_declaration', 'Montants erronés');
  await screenshot(page, 'withdrawal-modules-journal');
  assertNoCspErrors(page);

  // The national administrator: a role change and a second-factor reset, both journaled.
  const admin = await newPage(browser);
  await loginWithSecondFactor(admin, base, DEMO.admin);
  await admin.goto(`${base}/utilisateurs?q=lecteur`);
  const form = admin.getByTestId('role-form').first();
  await form.locator('select').selectOption('establishment_editor');
  await form.getByRole('button', { name: 'Changer le rôle' }).click();
  await admin.waitForURL(/\/utilisateurs/);
  await admin.goto(`${base}/utilisateurs?q=lecteur`);
  assert.match(await admin.getByTestId('user-row').first().innerText(), /Contributeur/);
  await admin.goto(`${base}/utilisateurs?q=rssi`);
  await admin.getByTestId('reset-form').first().getByRole('button').click();
  await admin.waitForURL(/\/utilisateurs/);
  await admin.goto(`${base}/utilisateurs?q=rssi`);
  assert.match(await admin.getByTestId('user-row').first().innerText(), /non activée/);
  await admin.goto(`${base}/journal?objet=user&utilisateur=${encodeURIComponent(DEMO.admin)}`);
  const journal = await admin.getByTestId('audit').innerText();
  assert.match(journal, /Rôle changé : Lecteur \(établissement\) → Contributeur \(établissement\)/);
  assert.match(journal, new RegExp(`Second facteur réinitialisé : ${DEMO.officer.replace(/\./g, '\\.')}`));
  await checkAccessibility(admin);
  assertNoCspErrors(admin);
  console.log('browser test passed: exercise, campaign and budget withdrawn with a reason; role change and second-factor reset journaled');
} finally {
  if (browser) await browser.close();
  app.stop();
}
