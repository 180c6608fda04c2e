// DSFR conformity (issue 12, point 14), in chromium with the demo territory, for an anonymous
// visitor and every demo role:
// - the mandatory footer links (plan du site, accessibilité, mentions légales, données
//   personnelles, gestion des cookies, paramètres d'affichage) on every page, each page 200;
// - the accessibility statement says « partiellement conforme » with the RGAA sections;
// - the display settings (DSFR modal) switch the theme to dark and back, kept on reload;
// - no bare <details>: folded blocks are DSFR accordions;
// - no console error on any page (favicon, CSP);
// - the menu and the site map show only what the role can use (every link answers 200 for
//   the role, the administration entries only for the roles granted them);
// - the API documentation page renders the operations of the merged OpenAPI document from
//   the local viewer;
// - axe-core: no serious or critical violation on the new pages.
// The per-page checks (page_checks.mjs) run here on the anonymous visitor's walk and on each
// role's menu, site map and module pages; wording.mjs runs them on its deep walk of every
// signed-in role (one walk for both: CI time).
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, login, loginWithSecondFactor, checkAccessibility,
  screenshot,
} from './lib.mjs';
import { INFO_PAGES, watch, dsfrProblems } from './page_checks.mjs';


// What each role's menu must (and must not) offer: the rights of docs/auth.md.
const ROLES = [
  { name: 'anonyme', email: null, menu: [], not: ['/', '/etablissements', '/import', '/utilisateurs', '/journal', '/administration/taches'] },
  { name: 'éditeur', email: DEMO.editor, second: false, menu: ['/', '/etablissements', '/tableau-de-bord', '/documentation-api'], not: ['/import', '/utilisateurs', '/journal', '/administration/taches'] },
  { name: 'lecteur', email: DEMO.reader, second: false, menu: ['/', '/etablissements', '/tableau-de-bord'], not: ['/import', '/utilisateurs', '/journal', '/administration/taches'] },
  { name: 'RSSI', email: DEMO.officer, second: true, menu: ['/', '/utilisateurs', '/journal'], not: ['/import', '/administration/taches'] },
  { name: 'ARS', email: DEMO.regional, second: true, menu: ['/', '/import', '/utilisateurs', '/journal'], not: ['/administration/taches'] },
  { name: 'national', email: DEMO.admin, second: true, menu: ['/', '/import', '/utilisateurs', '/journal', '/administration/taches'], not: [] },
];

const problems = [];
let visited = 0;

// Pages not to follow: files, the API, sign-in and sign-out, static assets, downloads.
const NOT_A_PAGE = /^\/(api\/|static\/|connexion\/|deconnexion|healthz|readyz|metrics)|\.(csv|xlsx|ics|pdf|json|svg|zip)$|\/(export|pdf|ics|telecharger)(\/|$|\?)|\/pieces\/|\/fichiers\/|\/documents\//;
// A knowledge entry's identifier (« /connaissances/entrees/faq-desfire ») is a record id too.
const shape = (u) => u.pathname.replace(/\/entrees\/[^/]+/, '/entrees/R').replace(/\d+/g, 'N') + '?' +
  [...u.searchParams.keys()].sort().join('&');

// Breadth-first walk from `start`: each page checked by visit(); at most 2 pages of a shape,
// 90 pages and 100 s per role.
async function crawl(page, base, start, role) {
  const queue = [...start];
  const seen = new Set(INFO_PAGES);
  const shapes = new Map();
  const deadline = Date.now() + 100_000;
  let n = 0;
  while (queue.length > 0 && n < 90 && Date.now() < deadline) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const u = new URL(path, base);
    const k = shape(u);
    if ((shapes.get(k) || 0) >= 2) continue;
    shapes.set(k, (shapes.get(k) || 0) + 1);
    await visit(page, base, path, role);
    n++;
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
    for (const l of links) {
      const lu = new URL(l, base);
      if (lu.origin !== new URL(base).origin || NOT_A_PAGE.test(lu.pathname)) continue;
      const rel = lu.pathname + lu.search;
      if (!seen.has(rel)) queue.push(rel);
    }
  }
  return n;
}
const check = (ok, what) => { if (!ok) problems.push(what); };

async function visit(page, base, path, role) {
  const resp = await page.goto(new URL(path, base).href);
  await page.waitForLoadState('load');
  await page.waitForTimeout(150);  // late loads (DSFR modules, icons) report their errors
  if (!(resp.headers()['content-type'] || '').startsWith('text/html')) {
    check(resp.status() === 200, `${role} ${path}: HTTP ${resp.status()}`);
    return resp.status();
  }
  problems.push(...await dsfrProblems(page, resp.status(), role, path));
  return resp.status();
}

// No inline style anywhere the CSP applies (issue 12 trial: « inline style blocked »): no
// style attribute or <style> element in the page templates, no style set as an attribute by
// our scripts (classes of the DSFR or of carepilot.css instead).
{
  const { readdirSync, readFileSync } = await import('node:fs');
  const files = [];
  for (const mod of readdirSync('src')) {
    try {
      for (const f of readdirSync(`src/${mod}/templates`)) files.push(`src/${mod}/templates/${f}`);
    } catch {}
  }
  for (const f of readdirSync('src/web/static')) if (f.endsWith('.js')) files.push(`src/web/static/${f}`);
  assert.ok(files.length > 30, `only ${files.length} templates and scripts found`);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const re of [/\sstyle\s*=\s*["'{]/, /<style[\s>]/, /setAttribute\(\s*['"]style['"]/, /\.cssText\s*=/]) {
      assert.ok(!re.test(text), `${f}: inline style (${re}) refused by the CSP`);
    }
  }
}

const app = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  for (const role of ROLES) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await watch(page);
    if (role.email && role.second) await loginWithSecondFactor(page, app.base, role.email);
    else if (role.email) await login(page, app.base, role.email);

    // Pages of the role: the information pages, then what the menu and the site map offer.
    if (!role.email) for (const p of INFO_PAGES) { await visit(page, app.base, p, role.name); visited++; }
    await page.goto(`${app.base}/plan-du-site`);
    const mapLinks = await page.evaluate(() =>
      [...document.querySelectorAll('main [data-testid^="sitemap-"] a')].map((a) => a.getAttribute('href')));
    const menuLinks = await page.evaluate(() =>
      [...document.querySelectorAll('#navigation a.fr-nav__link')].map((a) => a.getAttribute('href')));
    for (const m of role.menu) check(menuLinks.includes(m), `${role.name}: menu without ${m}`);
    for (const m of role.not) {
      check(!menuLinks.includes(m), `${role.name}: menu offers ${m}`);
      check(!mapLinks.includes(m), `${role.name}: site map offers ${m}`);
    }
    for (const m of role.menu) check(mapLinks.includes(m), `${role.name}: site map without ${m}`);
    // Then, for the anonymous visitor, every page reachable from there (a few of each shape,
    // bounded in count and time). The signed-in roles' pages (their menu, site map, the module
    // pages of one establishment and every page reachable from them) are walked by
    // wording.mjs, which runs these same per-page checks on each (one walk: CI time).
    const start = [...new Set([...menuLinks, ...mapLinks])]
      .filter((p) => !INFO_PAGES.includes(p) && p !== '/connexion');
    if (!role.email) {
      start.push('/connexion');
      visited += await crawl(page, app.base, start, role.name);
    }
    await context.close();
  }

  // Accessibility statement, display settings, accordions, API documentation (editor).
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await watch(page);
  await login(page, app.base, DEMO.editor);
  await page.goto(`${app.base}/accessibilite`);
  assert.match(await page.getByTestId('conformity-status').innerText(), /partiellement conforme/);
  for (const h of ['État de conformité', 'Contenus non accessibles', 'Établissement de cette déclaration',
    'Retour d\'information et contact', 'Voies de recours']) {
    assert.equal(await page.getByRole('heading', { name: h }).count(), 1, `statement without « ${h} »`);
  }
  await checkAccessibility(page);
  for (const p of ['/mentions-legales', '/donnees-personnelles', '/gestion-des-cookies', '/plan-du-site']) {
    await page.goto(`${app.base}${p}`);
    await checkAccessibility(page);
  }

  // Display settings: DSFR's modal switches the theme; the choice is kept on reload.
  await page.goto(`${app.base}/`);
  assert.notEqual(await page.locator('html').getAttribute('data-fr-theme'), 'dark');
  await page.getByTestId('display-settings').click();
  await page.locator('#fr-theme-modal').waitFor({ state: 'visible' });
  await page.locator('label[for="fr-radios-theme-dark"]').click();
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-theme') === 'dark');
  await screenshot(page, 'dsfr-dark');
  await page.reload();
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-theme') === 'dark');
  await page.getByTestId('display-settings').click();
  await page.locator('label[for="fr-radios-theme-light"]').click();
  await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-theme') === 'light');

  // An accordion opens and closes with DSFR's script (the evidence forms).
  await page.goto(`${app.base}/etablissements`);
  const est = await page.getByTestId('establishment-row').first().getByRole('link').first().getAttribute('href');
  await page.goto(`${app.base}${est}/preuves`);
  const btn = page.locator('.fr-accordion__btn').first();
  assert.equal(await btn.getAttribute('aria-expanded'), 'false');
  await btn.click();
  await page.waitForFunction((b) => b.getAttribute('aria-expanded') === 'true', await btn.elementHandle());
  assert.ok(await page.locator('.fr-collapse--expanded').first().isVisible());

  // The API documentation: the operations of the merged document, from the local viewer.
  page.errors = [];
  await page.goto(`${app.base}/documentation-api`);
  await page.locator('.opblock').first().waitFor({ timeout: 20000 });
  const ops = await page.locator('.opblock').count();
  const doc = await (await fetch(`${app.base}/api/v1/openapi.json`)).json();
  let expected = 0;
  for (const item of Object.values(doc.paths)) {
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) if (item[m]) expected++;
  }
  assert.equal(ops, expected, `the API page shows ${ops} operations, the document has ${expected}`);
  assert.ok(expected > 30);
  // One <main> (the layout's), and Swagger UI's own words in French or hidden (issue 12
  // trial: « Servers », « Authorize », « default » …), also in an opened operation.
  assert.equal(await page.locator('main').count(), 1, 'the API page has one <main>');
  assert.equal(await page.locator('[role=main]').count(), 1, 'the API page has one main landmark');
  await page.locator('.opblock-summary').first().click();
  await page.locator('.opblock-body').first().waitFor();
  await page.waitForTimeout(300);
  const apiText = await page.locator('#cp-api-docs').innerText();
  for (const w of ['Servers', 'Authorize', 'default', 'Parameters', 'No parameters', 'Responses',
    'Request body', 'Example Value', 'Schemas', 'Try it out', 'Media type', 'No links', 'Links']) {
    assert.ok(!new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'mu').test(apiText),
      `English Swagger UI label « ${w} » on the API page`);
  }
  assert.match(apiText, /Réponses/);
  await page.waitForTimeout(300);
  for (const e of page.errors) problems.push(`documentation-api: console error « ${e} »`);
  await screenshot(page, 'api-docs');
  await context.close();

  for (const p of problems) console.log(p);
  assert.equal(problems.length, 0, `${problems.length} DSFR problems (see above)`);
  assert.ok(visited > 5, `only ${visited} pages walked`);
  console.log(`browser test passed (${visited} pages walked): DSFR footer pages, display settings, accordions, console, menus, API documentation`);
} finally {
  if (browser) await browser.close();
  app.stop();
}
