// Browser test of the knowledge base (issue 20): anyone searches from the header's box (here
// from the sign-in page, anonymous), natural questions included; the demo editor searches from the home page's header,
// sees the 3-2-1 objective first with the words marked, then opens an obligation's « Comment
// faire ? » on the compliance page and follows it to the FAQ answer on the PCRI, then the same
// from a funding objective's « Comment faire ? » on a candidature (which opens with the
// objective's own page and leaves out the call's own offer), and from the answer to the page
// of the objective it concerns.
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
  // The current list is marked; a facet chosen is marked and listed under « Filtres actifs »,
  // with a link removing it (issue 20 trial: nothing showed which filter was on).
  await anon.goto(`${app.base}/connaissances/faq?q=sauvegarde`);
  const current = anon.locator('[data-testid="knowledge-tab"][aria-current="page"]');
  assert.equal(await current.count(), 1);
  assert.equal(await current.innerText(), 'Foire aux questions');
  await anon.goto(`${app.base}/connaissances?q=sauvegarde`);
  assert.equal(await anon.getByTestId('knowledge-active-filters').count(), 0);
  await anon.locator('a.fr-tag', { hasText: /^financement \(/ }).first().click();
  await anon.waitForURL(/theme=financement/);
  await anon.getByTestId('knowledge-active-filters').waitFor();
  assert.match(await anon.getByTestId('knowledge-active-filter').innerText(), /^Thème : financement$/);
  assert.equal(await anon.getByTestId('knowledge-facet-on').count(), 1);
  await screenshot(anon, 'knowledge-filters');
  await checkAccessibility(anon);
  await anon.getByTestId('knowledge-active-filter').click();
  await anon.waitForURL((u) => !/theme=/.test(u.search));
  assert.equal(await anon.getByTestId('knowledge-active-filters').count(), 0);
  // A link written in Latin-1: the search page with its box and a French message.
  const latin1 = await anon.goto(`${app.base}/connaissances?q=%E9t%E9`);
  assert.equal(latin1.status(), 400);
  assert.match(await anon.getByTestId('knowledge-error').innerText(), /caractères illisibles/);
  assert.equal(await anon.getByTestId('knowledge-q').inputValue(), 'été');
  await screenshot(anon, 'knowledge-not-utf8');
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
  // The most specific first: the catalogue-wide domain-2 funding offer (13 objectives) last.
  const hrefs = await row.getByTestId('how-to-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length >= 2, hrefs.join(','));
  assert.equal(hrefs.at(-1), '/connaissances/entrees/offre-care-domaine-2', hrefs.join(','));
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'knowledge-compliance-how-to');
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
  // Its « Comment faire ? » opens with the objective's own page, titled by the call (issue 20
  // trial: the knowledge page and the call named objectives differently).
  const own = objective.getByTestId('how-to-link').first();
  assert.equal(await own.getAttribute('href'), '/connaissances/entrees/D2.O1.C');
  assert.equal(await own.innerText(), 'D2.O1.C — PCA/PRA fondés sur des BIA');
  // Every objective with a knowledge page has its « Comment faire ? » leading to it; none lists
  // the domain-2 funding offer, the call the reader is on.
  for (const id of ['D2_O1_C', 'D2_O1_D', 'D2_O2_A', 'D2_O2_B', 'D2_O3_A', 'D2_O3_B', 'D2_O3_C', 'D2_O3_D', 'D2_O4']) {
    const card = page.getByTestId(`funding-objective-${id}`);
    assert.equal(await card.getByTestId('how-to-button').count(), 1, id);
    assert.equal(await card.locator(`a[href="/connaissances/entrees/${id.replaceAll('_', '.')}"]`).count(), 1, id);
  }
  assert.equal(await page.locator('a[href="/connaissances/entrees/offre-care-domaine-2"]').count(), 0);
  const backup = page.getByTestId('funding-objective-D2_O3_C');
  await backup.getByTestId('how-to-button').click();
  await backup.getByTestId('how-to').getByRole('link', { name: 'D2.O3.C — Trajectoire 3-2-1 avec copie immuable' }).waitFor({ state: 'visible' });
  await screenshot(page, 'knowledge-funding-how-to');
  await checkAccessibility(page);
  await faq.click();
  await page.waitForURL(/\/connaissances\/entrees\/faq-d2-o1-c-pcri$/);
  assert.match(await page.getByTestId('knowledge-summary').innerText(), /^Non\. Le plan de continuité/);
  // The objectives the answer concerns are named by the call and link to their page (D2.P2, a
  // prerequisite without a page, is named only); its obligations read their French titles.
  const objectiveLinks = page.getByTestId('knowledge-objectives').getByTestId('knowledge-objective-link');
  assert.deepEqual(await objectiveLinks.allInnerTexts(), ['D2.O1.C — PCA/PRA fondés sur des BIA']);
  assert.match(await page.getByTestId('knowledge-objectives').innerText(), /D2\.P2 — Organisation projet pour le PCRA/);
  assert.doesNotMatch(await page.getByTestId('knowledge-obligations').innerText(), /pca-pra/);
  await screenshot(page, 'knowledge-faq-objectives');
  await objectiveLinks.first().click();
  await page.waitForURL(/\/connaissances\/entrees\/D2\.O1\.C$/);
  assert.equal(await page.getByTestId('knowledge-title').innerText(), 'D2.O1.C — PCA/PRA fondés sur des BIA');
  await checkAccessibility(page);
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
