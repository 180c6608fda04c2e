// Browser test of the knowledge base (issue 20): anyone searches from the header's box (here
// from the sign-in page, anonymous), natural questions included; the demo editor searches from the home page's header,
// sees the 3-2-1 objective first with the words marked, then opens an obligation's « Comment
// faire ? » on the compliance page and follows it to the FAQ answer on the PCRI, then the same
// from a funding objective's « Comment faire ? » on a candidature.
import assert from 'node:assert/strict';
import {
  startCarepilot, launchBrowser, newPage, login, checkAccessibility, assertNoCspErrors, screenshot,
  loginWithSecondFactor, DEMO, tick,
} from './lib.mjs';

const app = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  // Anonymous: the header's search box of the sign-in page.
  const anon = await newPage(browser);
  await anon.goto(`${app.base}/connexion`);
  await anon.getByTestId('header-search-input').fill('PCRI');
  await anon.getByTestId('header-search-submit').click();
  await anon.waitForURL(/\/connaissances\?q=PCRI/);
  const firstAnon = anon.getByTestId('knowledge-hit').first();
  assert.match(await firstAnon.locator('h2').innerText(), /^D2\.O1\.C — Un PCRI/);
  assert.equal(await firstAnon.locator('mark').first().innerText(), 'PCRI');
  // Syntax characters and a long query never fail.
  await anon.getByTestId('knowledge-q').fill('"(* )"');
  await anon.getByTestId('knowledge-submit').click();
  await anon.getByTestId('knowledge-no-words').waitFor();
  // A natural question (issue 20 trial: it found nothing), and words no entry holds all of:
  // the entries holding the most words first, the page says so.
  await anon.getByTestId('knowledge-q').fill('Comment faire une sauvegarde hors ligne ?');
  await anon.getByTestId('knowledge-submit').click();
  await anon.waitForURL(/q=Comment/);
  assert.match(await anon.getByTestId('knowledge-hit').first().locator('h2').innerText(), /^D2\.O3\.C — /);
  await anon.getByTestId('knowledge-q').fill('sauvegarde hors ligne externalisée');
  await anon.getByTestId('knowledge-submit').click();
  await anon.getByTestId('knowledge-any-word').waitFor();
  assert.match(await anon.getByTestId('knowledge-hit').first().locator('h2').innerText(), /^D2\.O3\.C — /);
  await checkAccessibility(anon);
  assertNoCspErrors(anon);

  // The editor, from the home page's header.
  const page = await newPage(browser);
  await login(page, app.base);
  await page.goto(`${app.base}/`);
  await page.getByTestId('header-search-input').fill('sauvegarde hors ligne');
  await page.getByTestId('header-search-submit').click();
  await page.waitForURL(/\/connaissances\?q=/);
  const hits = page.getByTestId('knowledge-hit');
  assert.match(await hits.first().locator('h2').innerText(), /^D2\.O3\.C — Trajectoire 3-2-1/);
  const marked = await hits.first().locator('mark').allInnerTexts();
  assert.ok(marked.includes('hors') && marked.includes('ligne'), marked.join(','));
  assert.ok((await hits.allInnerTexts()).some((t) => /Financement CaRE domaine 2/.test(t)));
  await screenshot(page, 'knowledge-search');
  await checkAccessibility(page);

  // « Comment faire ? » of the PCA/PRA obligation on the compliance page.
  await page.goto(`${app.base}/etablissements?q=cholet`);
  await page.getByTestId('establishment-row').first().getByRole('link').first().click();
  await page.waitForURL(/\/etablissements\/\d{9}$/);
  const finess = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`${app.base}/etablissements/${finess}/conformite`);
  const row = page.locator('tr[data-obligation="pca-pra"]');
  await row.getByTestId('how-to-button').click();
  const link = row.getByTestId('how-to').getByRole('link', { name: /Un PCRI permet-il/ });
  await link.waitFor({ state: 'visible' });
  await link.click();
  await page.waitForURL(/\/connaissances\/entrees\/faq-d2-o1-c-pcri$/);
  assert.match(await page.getByTestId('knowledge-summary').innerText(), /^Non\. Le plan de continuité/);
  await screenshot(page, 'knowledge-entry');

  // « Comment faire ? » of a funding objective: D2.O1.C of the demo GHT's domain-2
  // candidature, followed to the same FAQ answer.
  await page.goto(`${app.base}/financements`);
  const d2 = page.getByTestId('funding-candidatures').locator('tr', { hasText: 'Domaine 2' }).first();
  await d2.getByRole('link').first().click();
  await page.waitForURL(/\/financements\/candidatures\/\d+$/);
  const objective = page.getByTestId('funding-objective-D2_O1_C');
  await objective.getByTestId('how-to-button').click();
  const faq = objective.getByTestId('how-to').getByRole('link', { name: /Un PCRI permet-il/ });
  await faq.waitFor({ state: 'visible' });
  // Every objective of the call has its « Comment faire ? » (data/knowledge links content to
  // each): D2.O2.A, the backup policy, leads to the domain-2 funding offer.
  const objectives = page.locator('[data-testid^="funding-objective-D"]');
  const shown = await objectives.count();
  assert.ok(shown >= 11, `${shown} objectives`);
  for (let i = 0; i < shown; i++)
    assert.equal(await objectives.nth(i).getByTestId('how-to-button').count(), 1, await objectives.nth(i).getAttribute('data-testid'));
  const backup = page.getByTestId('funding-objective-D2_O2_A');
  await backup.getByTestId('how-to-button').click();
  await backup.getByTestId('how-to').getByRole('link', { name: /Financement CaRE domaine 2/ }).waitFor({ state: 'visible' });
  await screenshot(page, 'knowledge-funding-how-to');
  await checkAccessibility(page);
  await faq.click();
  await page.waitForURL(/\/connaissances\/entrees\/faq-d2-o1-c-pcri$/);
  assert.match(await page.getByTestId('knowledge-summary').innerText(), /^Non\. Le plan de continuité/);
  assertNoCspErrors(page);

  // ARS staff (Pays de la Loire): their region's offers from the search page, a new one with
  // two paragraphs typed in the text area (CR LF), listed with its edit link.
  const ars = await newPage(browser);
  await loginWithSecondFactor(ars, app.base, DEMO.regional);
  await ars.goto(`${app.base}/connaissances`);
  await ars.getByTestId('knowledge-regional').click();
  await ars.waitForURL(/\/connaissances\/offres-regionales$/);
  assert.match(await ars.locator('h1').innerText(), /Offres régionales : Pays de la Loire/);
  await ars.getByTestId('regional-add').click();
  await ars.waitForURL(/\/connaissances\/nouvelle/);
  assert.equal(await ars.getByTestId('knowledge-fields-offer').isVisible(), true);
  assert.equal(await ars.getByTestId('knowledge-fields-faq').count(), 0);
  await ars.getByTestId('knowledge-id').fill('offre-ars-veille');
  await ars.getByTestId('knowledge-title-input').fill('Veille régionale des sauvegardes');
  await ars.getByTestId('knowledge-summary-input').fill('Un point mensuel.\n\nUn appui en cas de crise.');
  await tick(ars.locator('#audience-sanitaire'));
  await ars.getByTestId('knowledge-provider').fill('GRADeS e-santé Pays de la Loire');
  await ars.getByTestId('knowledge-offer-kind').selectOption('service');
  await screenshot(ars, 'knowledge-regional-form');
  await checkAccessibility(ars);
  await ars.getByTestId('knowledge-save').click();
  await ars.waitForURL(/\/connaissances\/entrees\/offre-ars-veille\?enregistre=1$/);
  assert.equal(await ars.getByTestId('knowledge-summary').locator('p').count(), 2);
  await ars.goto(`${app.base}/connaissances/offres-regionales`);
  const arsRow = ars.getByTestId('regional-row').filter({ hasText: 'Veille régionale des sauvegardes' });
  await arsRow.getByTestId('regional-edit').waitFor();
  await screenshot(ars, 'knowledge-regional-list');
  await checkAccessibility(ars);
  assertNoCspErrors(ars);

  // National staff: the form shows the fields of the chosen nature only (script on).
  const admin = await newPage(browser);
  await loginWithSecondFactor(admin, app.base, DEMO.admin);
  await admin.goto(`${app.base}/connaissances/nouvelle`);
  await admin.getByTestId('knowledge-kind').selectOption('faq');
  assert.equal(await admin.getByTestId('knowledge-fields-offer').isVisible(), false);
  assert.equal(await admin.getByTestId('knowledge-fields-faq').isVisible(), true);
  assert.equal(await admin.getByTestId('knowledge-fields-referential').isVisible(), false);
  await screenshot(admin, 'knowledge-form-faq');
  await admin.getByTestId('knowledge-kind').selectOption('offer');
  assert.equal(await admin.getByTestId('knowledge-fields-offer').isVisible(), true);
  assert.equal(await admin.getByTestId('knowledge-fields-faq').isVisible(), false);
  await admin.goto(`${app.base}/connaissances/offres-regionales`);
  await admin.getByTestId('regional-filter').waitFor();
  await admin.getByTestId('regional-row').filter({ hasText: 'Veille régionale des sauvegardes' }).waitFor();
  assertNoCspErrors(admin);
} finally {
  await browser?.close();
  app.stop();
}
