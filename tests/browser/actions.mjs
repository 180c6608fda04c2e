// Action buttons (issue 12 trial: the editor was shown « Retirer » and « Déclarer », which
// need a second factor the editor lacks, and got a refusal after typing). For every demo role,
// on the evidence, exercise, assessment, budget, training and PAQ pages of the demo
// "Centre hospitalier de Cholet-Mauges" (list and a detail page each), every visible action
// button is one the caller can use:
// - a button link answers without 403 and does not land on a page that only says the second
//   factor is missing;
// - a form's button, sent with its fields emptied (browser checks off, so nothing is
//   recorded), is refused for its content (422) or redirected, never 403;
// - without a second factor, no « Retirer » or « Déclarer » at all.
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, login, loginWithSecondFactor, screenshot,
} from './lib.mjs';

const ROLES = [
  { name: 'éditeur', email: DEMO.editor, second: false },
  { name: 'lecteur', email: DEMO.reader, second: false },
  { name: 'RSSI', email: DEMO.officer, second: true },
  { name: 'ARS', email: DEMO.regional, second: true },
  { name: 'national', email: DEMO.admin, second: true },
];

const problems = [];
let links = 0;
let forms = 0;

// The visible action buttons of the page: links styled as buttons, and post forms' buttons.
async function buttons(page) {
  return page.evaluate(() => {
    const shown = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length) ||
      !!e.closest('.fr-collapse');  // in a folded accordion: one click away
    const inMain = (e) => e.closest('main');
    const out = { links: [], forms: [] };
    for (const a of document.querySelectorAll('main a.fr-btn[href]')) {
      if (inMain(a) && shown(a)) out.links.push({ href: a.getAttribute('href'), text: a.textContent.trim() });
    }
    document.querySelectorAll('main form[method=post]').forEach((f, i) => {
      const b = f.querySelector('button[type=submit], button:not([type])') ||
        document.querySelector(`button[form="${f.id}"]`);
      if (!b || !shown(b) || !f.id && !shown(f)) return;
      out.forms.push({ index: i, action: f.getAttribute('action'), text: b.textContent.trim() });
    });
    return out;
  });
}

async function check(page, base, role, path) {
  const resp = await page.goto(new URL(path, base).href);
  if (resp.status() !== 200) { problems.push(`${role.name} ${path}: HTTP ${resp.status()}`); return; }
  const found = await buttons(page);
  for (const b of [...found.links, ...found.forms]) {
    if (!role.second && /^(Retirer|Déclarer)/.test(b.text)) {
      problems.push(`${role.name} ${path}: « ${b.text} » shown without a second factor`);
    }
  }
  for (const l of found.links) {
    const u = new URL(l.href, page.url());
    if (u.origin !== new URL(base).origin) continue;
    const r = await page.request.get(u.href, { maxRedirects: 5 });
    links++;
    const body = r.status() === 200 ? await r.text() : '';
    if (r.status() === 403 || /data-testid="(withdraw-second-factor|second-factor-needed)"/.test(body)) {
      problems.push(`${role.name} ${path}: « ${l.text} » (${l.href}) leads to a refusal`);
    }
  }
  for (const f of found.forms) {
    // Sends the form as the browser would, fields emptied: a 403 means the button was
    // offered to someone who cannot use it.
    const fields = await page.evaluate((i) => {
      const form = document.querySelectorAll('main form[method=post]')[i];
      const out = {};
      for (const e of form.elements) {
        if (!e.name) continue;
        out[e.name] = e.type === 'hidden' ? e.value : '';
      }
      if (form.id) {
        for (const e of document.querySelectorAll(`[form="${form.id}"]`)) if (e.name) out[e.name] = '';
      }
      return out;
    }, f.index);
    const multipart = await page.evaluate((i) =>
      document.querySelectorAll('main form[method=post]')[i].enctype === 'multipart/form-data', f.index);
    const url = new URL(f.action || path, page.url()).href;
    const r = multipart
      ? await page.request.post(url, { multipart: fields, maxRedirects: 0 })
      : await page.request.post(url, { form: fields, maxRedirects: 0 });
    forms++;
    if (r.status() === 403) problems.push(`${role.name} ${path}: « ${f.text} » (${f.action}) answers 403`);
  }
}

const app = await startCarepilot();
let browser;
try {
  browser = await launchBrowser();
  // The pages: lists, then the first detail page each list links to.
  let finess;
  for (const role of ROLES) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    if (role.second) await loginWithSecondFactor(page, app.base, role.email);
    else await login(page, app.base, role.email);
    if (!finess) {
      await page.goto(`${app.base}/etablissements?q=cholet`);
      const href = await page.getByTestId('establishment-row').first().getByRole('link').first().getAttribute('href');
      finess = href.split('/')[2];
    }
    const est = `/etablissements/${finess}`;
    const year = new Date().getFullYear();
    const pages = [`${est}/preuves`, `${est}/exercices`, `${est}/maturite`, `${est}/maturite/${year}`,
      `${est}/budget`, `${est}/budget/${year}`, `${est}/budget/${year - 1}`, `${est}/formation`, `${est}/paq`];
    for (const [list, re] of [[`${est}/preuves`, /\/preuves\/\d+$/], [`${est}/exercices`, /\/exercices\/\d+$/],
      [`${est}/paq`, /\/paq\/\d+$/], [`${est}/formation`, /\/formation\/(campagnes\/)?\d+$/]]) {
      await page.goto(`${app.base}${list}`);
      const hrefs = await page.evaluate(() => [...document.querySelectorAll('main a[href]')].map((a) => a.getAttribute('href')));
      pages.push(...[...new Set(hrefs.filter((h) => re.test(h)))].slice(0, 2));
    }
    for (const p of pages) await check(page, app.base, role, p);
    await screenshot(page, `actions-${role.name}`);
    await context.close();
  }
  for (const p of problems) console.log(p);
  assert.equal(problems.length, 0, `${problems.length} action buttons the caller cannot use (see above)`);
  assert.ok(links > 20 && forms > 10, `only ${links} links and ${forms} forms checked`);
  console.log(`browser test passed: ${links} button links and ${forms} forms usable by the roles shown them`);
} finally {
  if (browser) await browser.close();
  app.stop();
}
