// The DSFR checks every page must pass, for the page walks of the browser tests (issue 12,
// point 14): the page answers 200, carries the mandatory footer links and the « Paramètres
// d'affichage » button, has no bare <details> (folded blocks are DSFR accordions), and
// raises no console error (favicon, failed loads, CSP violations reported by the page itself).
// wording.mjs runs them on every page of its walk of the signed-in roles; dsfr.mjs on the
// anonymous visitor's pages and on each role's menu and site map (one walk, two checks: CI time).

export const FOOTER = {
  'footer-plan': '/plan-du-site',
  'footer-accessibilite': '/accessibilite',
  'footer-mentions': '/mentions-legales',
  'footer-donnees': '/donnees-personnelles',
  'footer-cookies': '/gestion-des-cookies',
  'footer-api': '/documentation-api',
};
export const INFO_PAGES = Object.values(FOOTER);

// Collects the page's console errors and CSP violations into page.errors, tagged with the
// page being checked when they arrive (late loads report after the check: they are kept and
// reported with the next page's check, never lost).
export async function watch(page) {
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.exposeFunction('cpViolation', (v) => page.errors.push(`CSP ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.cpViolation(`${e.violatedDirective} ${e.blockedURI || ''} ${e.sourceFile || ''}:${e.lineNumber || ''}`));
  });
}

// What the DSFR checks look at, read in the page (a page function: wording.mjs runs it within
// its one evaluate per page).
export function dsfrFacts() {
  return {
    details: document.querySelectorAll('details').length,
    footer: Object.fromEntries([...document.querySelectorAll('[data-testid^="footer-"]')]
      .map((a) => [a.getAttribute('data-testid'), a.getAttribute('href')])),
    settings: document.querySelectorAll('[data-testid="display-settings"]').length,
  };
}

// The DSFR problems of a page, from its facts (dsfrFacts) and HTTP status; drains page.errors.
export function dsfrProblemsOf(page, found, status, role, path) {
  const out = [];
  if (status !== 200) out.push(`${role} ${path}: HTTP ${status}`);
  for (const e of page.errors.splice(0)) out.push(`${role} ${path}: console error « ${e} »`);
  if (found.details !== 0) out.push(`${role} ${path}: ${found.details} <details> without DSFR accordion`);
  for (const [id, href] of Object.entries(FOOTER)) {
    if (found.footer[id] !== href) out.push(`${role} ${path}: footer link ${href} missing (${found.footer[id]})`);
  }
  if (found.settings !== 1) out.push(`${role} ${path}: no « Paramètres d'affichage » button`);
  return out;
}

// The DSFR problems of the page just loaded (`status` is its HTTP status); drains page.errors.
export async function dsfrProblems(page, status, role, path) {
  return dsfrProblemsOf(page, await page.evaluate(dsfrFacts), status, role, path);
}

// The Cholet-Mauges demo establishment's module pages and the first record each lists (issue
// 12 trial: a CSP error on the evidence list and detail pages a walk had not reached).
export async function modulePages(page, base) {
  await page.goto(`${base}/etablissements?q=cholet`);
  const href = await page.getByTestId('establishment-row').first().getByRole('link').first()
    .getAttribute('href').catch(() => null);
  if (!href) return [];
  const est = href.split('?')[0];
  const out = [];
  for (const m of ['preuves', 'exercices', 'paq', 'formation', 'budget', 'maturite', 'conformite']) {
    out.push(`${est}/${m}`);
    await page.goto(`${base}${est}/${m}`);
    const rec = await page.evaluate((prefix) => [...document.querySelectorAll('main a[href]')]
      .map((a) => a.getAttribute('href')).find((h) => new RegExp(`^${prefix}/\\d+$`).test(h)), `${est}/${m}`);
    if (rec) out.push(rec);
  }
  return out;
}
