// Wording test (issue 12, point 13): signs in as every demo role, walks every page reachable
// from the menus and from the pages found (lists, detail pages, forms, filters), submits the
// editing forms empty to see their error messages, and fails on machine strings in the
// visible text: an ISO date or timestamp, a "(s)" plural, an English status code, a field
// key in snake_case or a code of the referential in kebab-case. Attributes, <script>,
// <style> and code blocks (<code>, <pre>) are not visible text and are not checked.
// Every page of the walk also gets dsfr.mjs's per-page checks (page_checks.mjs: status 200,
// footer links, display settings, no bare <details>, no console error or CSP violation).
import assert from 'node:assert/strict';
import {
  DEMO, startCarepilot, launchBrowser, login, loginWithSecondFactor,
} from './lib.mjs';
import { watch, dsfrFacts, dsfrProblemsOf, modulePages } from './page_checks.mjs';

// English codes of statuses, states, kinds and formats stored in the database or the data.
const ENGLISH = ['open', 'opened', 'closed', 'done', 'pending', 'running', 'failed', 'retry',
  'planned', 'scheduled', 'completed', 'cancelled', 'canceled', 'succeeded', 'draft',
  'declared', 'overdue', 'blocked', 'todo', 'in_progress', 'not_met', 'met_late', 'unknown',
  'tabletop', 'table_top', 'live', 'dead', 'queued', 'ok', 'late', 'missing', 'expired', 'none',
  'establishment', 'region', 'nation', 'ght_admin', 'editor', 'reader',
  // codes of the evidence referential
  'pca', 'pra', 'pcra', 'pcri', 'silene', 'ads', 'oradad', 'ldif', 'sharphound'];
// French compound words and proper names written with a hyphen (never a machine code).
const FRENCH_COMPOUNDS = new Set(['peut-être', 'c-est-à-dire', 'vis-à-vis', 'au-delà',
  'sous-traitant', 'sous-traitants', 'après-midi', 'ci-dessous', 'ci-dessus', 'celle-ci',
  'celui-ci', 'ceux-ci', 'celles-ci', 'pays-de-la-loire', 'mots-clés', 'e-mail',
  'porte-parole', 'plan-blanc', 'anti-virus', 'est-il', 'est-elle', 'permet-il', 'sont-elles',
  'non-conformité', 'non-conformités', 'multi-facteur', 'ci-après', 'là-bas', 'lui-même',
  'elle-même', 'eux-mêmes', 'vous-même', 'rendez-vous', 'demi-journée', 'mi-parcours',
  'ouvrez-la', 'laissez-les', 'au-dessus', 'au-dessous', 'dites-le']);

// Numbers (issue 12 trial: « 1200 » on the training page, « 1183 (83 %) » on the dashboard):
// a count or an amount of 4 digits or more is grouped by thousands (« 1 183 »). Flagged in
// the text: a number followed by €, %, « (digit » or a unit of count; years (19xx, 20xx)
// only before € or % — so years, FINESS numbers, postcodes, phone numbers and identifiers,
// which carry no unit, are never flagged. Table cells are checked apart (numericCells).
const COUNT_UNITS = 'personnes?|agents?|établissements?|preuves?|actions?|comptes?|jours?|' +
  'courriels?|clics?|signalements?|exigences?|obligations?|salariés?|minutes?|heures?|euros?|' +
  'réponses?|points?|participants?|pages?|lignes?|erreurs?|tâches?|stimuli|exercices?|campagnes?';
const UNGROUPED = new RegExp('(?<!(?:FINESS|n°|N°|SIRET|tél\\.)\\s?)(?<![\\p{L}\\d,.\\/:-])(?:(?!(?:19|20)\\d\\d(?!\\d)(?!\\s?[€%]))\\d{4,})' +
  `(?=\\s?[€%]|\\s\\(\\d|\\s(?:${COUNT_UNITS})(?![\\p{L}]))`, 'gu');
// « 1 établissements correspondants »: 0 and 1 take the singular (a noun or its participle
// in -s after them). Words that end in s in the singular are left alone.
const INVARIABLE = new Set(['fois', 'mois', 'cas', 'accès', 'avis', 'pays', 'temps', 'prix',
  'choix', 'vers', 'plus', 'dans', 'sous', 'sans', 'après', 'dès', 'très', 'alors', 'depuis',
  'puis', 'jamais', 'toujours', 'mais', 'tous', 'vous', 'nous', 'dessus', 'progrès', 'succès',
  'processus', 'corps', 'bras', 'recours', 'discours', 'cours', 'concours', 'parcours', 'secours']);
// A 0 or 1 after a hyphen belongs to a name such as « 3-2-1 » (the backup rule), not a count.
const SINGULAR = /(?<![\d,.-][\s\u00a0\u202f]?)\b[01]\s(\p{Ll}+)(?:\s(\p{Ll}+))?/gu;

const CHECKS = [
  ['nombre non groupé par milliers', UNGROUPED],
  ['orthographe « autoévaluation »', /\b[Aa]uto-évaluations?\b/gu],
  ['date ISO', /\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g],
  ['pluriel « (s) »', /[\p{L}]\(s\)/gu],
  ['clé de champ', /(?<![\p{L}\d@./_-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\p{L}\d@_-])/gu],
  ['code anglais', new RegExp(`(?<![\\p{L}\\d_@./-])(?:${ENGLISH.join('|')})(?![\\p{L}\\d_@-])`, 'gu')],
];

// Visible text: every text node outside script/style/template and code blocks, with the
// closed <details> and collapsed panels counted (they open with one click).
function visibleText() {
  const skip = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'CODE', 'PRE']);
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    let skipped = false;
    for (let e = n.parentElement; e; e = e.parentElement) {
      if (skip.has(e.tagName)) { skipped = true; break; }
    }
    if (!skipped) parts.push(n.nodeValue);
  }
  return [document.title, ...parts].join(' ').replace(/\s+/g, ' ');
}

// Table cells holding a count or an amount alone (« 1183 », « 1183 (83 %) », « 1200 € »),
// except the columns of years, numbers and identifiers (N°, FINESS, code, version …).
function numericCells() {
  const out = [];
  const idColumn = /N°|FINESS|Année|Code|SIRET|Téléphone|Version|postal|Identifiant|Mois|Empreinte|Référence/i;
  for (const td of document.querySelectorAll('td, th[scope=row]')) {
    const t = td.textContent.replace(/\s+/g, ' ').trim();
    const m = /^(\d{4,})(?=$|\s?(?:€|%|\())/.exec(t);
    if (!m || /^(19|20)\d\d$/.test(t)) continue;
    const row = td.parentElement;
    const idx = [...row.children].indexOf(td);
    const head = td.closest('table')?.querySelector('thead tr')?.children[idx]?.textContent || '';
    if (idColumn.test(head)) continue;
    out.push(`nombre non groupé par milliers « ${t} » (colonne « ${head.replace(/\s+/g, ' ').trim()} »)`);
  }
  return out;
}

// The messages of error alerts and field errors, each on its own.
function errorMessages() {
  return [...document.querySelectorAll('[role=alert] li, .fr-error-text, .fr-alert--error p, .fr-message--error')]
    .map((e) => e.textContent.replace(/\s+/g, ' ').trim());
}

function findMachineStrings(text, errors = []) {
  const found = [];
  // "title : le titre est requis." — an error naming a field by its key.
  for (const m of errors) {
    const k = /^([a-z][a-z0-9_.]*) :/.exec(m);
    if (k) found.push(`clé de champ « ${k[1]} » en tête du message « ${m} »`);
  }
  for (const [kind, re] of CHECKS) {
    for (const m of text.matchAll(re)) {
      if (kind === 'code anglais' && /^[A-Z]/.test(m[0])) continue;
      const at = m.index;
      found.push(`${kind} « ${m[0]} » dans « …${text.slice(Math.max(0, at - 50), at + m[0].length + 30)}… »`);
    }
  }
  for (const m of text.matchAll(SINGULAR)) {
    const [noun, next] = [m[1], m[2]];
    const plural = (w) => w && /[sx]$/.test(w) && !INVARIABLE.has(w) && w.length > 2;
    if (plural(noun) || (!/[sx]$/.test(noun) && /(?:és|ées|ants|antes|ents|entes)$/.test(next || ''))) {
      const at = m.index;
      found.push(`accord « ${m[0]} » dans « …${text.slice(Math.max(0, at - 40), at + m[0].length + 30)}… »`);
    }
  }
  // kebab-case codes (club-ssi, plan-blanc …): lowercase ASCII words joined by hyphens.
  for (const m of text.matchAll(/(?<![\p{L}\d@./_-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\p{L}\d@./_-])/gu)) {
    if (FRENCH_COMPOUNDS.has(m[0]) || /^\d+(-\d+)+$/.test(m[0])) continue;
    // An imperative and its pronoun (« activez-la », « reconnectez-vous ») is French.
    if (/^[a-z]+-(la|le|les|lui|leur|nous|vous|moi|toi|y|en)$/.test(m[0])) continue;
    const at = m.index;
    found.push(`code « ${m[0]} » dans « …${text.slice(Math.max(0, at - 50), at + m[0].length + 30)}… »`);
  }
  return found;
}

// Pages not to follow: files, the API (JSON) and its documentation page (the viewer shows
// the API's own keys and codes by design), sign-out and sign-in flows, static assets.
const NOT_A_PAGE = /^\/(api\/|documentation-api|static\/|connexion|deconnexion|healthz|readyz|metrics)|\.(csv|xlsx|ics|pdf|json|svg|zip)$|\/(export|pdf|json|ics|calendrier\.ics|telecharger)(\/|$|\?)|\/pieces\/|\/fichiers\/|\/documents\//;

// A URL shape: ids and years replaced, the query's keys kept (filters and pages are walked
// twice each, not every combination: two records of a kind show its wording with two
// different states; a third one added ~400 pages and ~3 min to each CI run for no new
// template). Editing forms are sent empty once per shape.
// A knowledge entry's identifier (« /connaissances/entrees/faq-desfire ») is a record id too.
const shape = (u) => u.pathname.replace(/\/entrees\/[^/]+/, '/entrees/R').replace(/\d+/g, 'N') + '?' +
  [...u.searchParams.keys()].sort().join('&');
const PER_SHAPE = 2;
// The text fields of an editing form (a form with two or more of them is sent empty).
const FIELDS = 'input[type=text],input[type=number],input[type=date],input:not([type]),textarea';
// The page function of the walk: the visible text, the error messages, the ungrouped numbers
// of table cells, the links to follow (a link with `download` is a file, not a page: the
// demo's registration attestations), the number of editing forms (several fields) and the
// DSFR checks' facts.
const PAGE_FACTS = `(() => ({
  text: (${visibleText})(),
  errors: (${errorMessages})(),
  numeric: (${numericCells})(),
  links: [...document.querySelectorAll('a[href]:not([download])')].map((a) => a.href),
  forms: [...document.querySelectorAll('form[method=post]')]
    .filter((f) => f.querySelectorAll(${JSON.stringify(FIELDS)}).length >= 2).length,
  dsfr: (${dsfrFacts})(),
}))()`;

const PER_ROLE = 400;

async function walk(page, base, role, problems, perShape = PER_SHAPE) {
  const seen = new Set();
  const shapes = new Map();
  const queue = ['/', '/etablissements', '/tableau-de-bord', '/compte', ...await modulePages(page, base)];
  let visited = 0;
  const forms = [];
  const formShapes = new Set();
  const deadline = Date.now() + 240_000;
  while (queue.length > 0 && visited < PER_ROLE && Date.now() < deadline) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const u = new URL(path, base);
    const s = shape(u);
    if ((shapes.get(s) || 0) >= perShape) continue;
    shapes.set(s, (shapes.get(s) || 0) + 1);
    const resp = await page.goto(u.href);
    visited++;
    const type = resp.headers()['content-type'] || '';
    if (!type.startsWith('text/html')) continue;
    assert.ok(resp.status() < 500, `${role} ${path}: ${resp.status()}`);
    // Everything the checks read, in one round trip to the page (CI time: six evaluate calls
    // per page took about 140 ms of each page's 500 ms under ASan).
    const facts = await page.evaluate(PAGE_FACTS);
    for (const p of dsfrProblemsOf(page, facts.dsfr, resp.status(), role, path)) problems.push(`DSFR ${p}`);
    for (const p of findMachineStrings(facts.text, facts.errors)) problems.push(`${role} ${path} : ${p}`);
    for (const p of facts.numeric) problems.push(`${role} ${path} : ${p}`);
    for (const l of facts.links) {
      const lu = new URL(l, base);
      if (lu.origin !== new URL(base).origin || NOT_A_PAGE.test(lu.pathname)) continue;
      const rel = lu.pathname + lu.search;
      if (!seen.has(rel)) queue.push(rel);
    }
    // Editing forms (several fields) are submitted empty later: their error messages.
    const n = facts.forms;
    if (n > 0 && !formShapes.has(s)) {
      formShapes.add(s);
      forms.push(path);
    }
  }
  return { visited, forms };
}

// Submits every editing form of `path` with its text fields emptied (browser checks off),
// then checks the answer page.
async function markForms(page, base, path) {
  await page.goto(new URL(path, base).href);
  await page.waitForLoadState('load');
  return page.evaluate((fields) => {
    const forms = [...document.querySelectorAll('form[method=post]')]
      .filter((f) => f.querySelectorAll(fields).length >= 2);
    forms.forEach((f, k) => {
      f.setAttribute('data-wording-form', String(k));
      f.noValidate = true;
      for (const e of f.querySelectorAll(fields)) e.value = '';
    });
    return forms.length;
  }, FIELDS);
}

async function submitEmpty(page, base, role, path, problems) {
  const count = await markForms(page, base, path);
  for (let i = 0; i < count; i++) {
    if (i > 0) await markForms(page, base, path);
    const submit = page.locator(`form[data-wording-form="${i}"] [type=submit]`).first();
    if ((await submit.count()) === 0 || !(await submit.isVisible())) continue;
    await submit.click();
    await page.waitForLoadState('load');
    const text = await page.evaluate(visibleText);
    const errors = await page.evaluate(errorMessages);
    for (const p of findMachineStrings(text, errors)) problems.push(`${role} ${path} (formulaire ${i + 1} envoyé vide) : ${p}`);
  }
}

// The checks themselves, on the findings of issue 12 and on right French.
for (const bad of ['Créé le 2026-11-30T12:01:00Z', 'Statut : open', 'Mesure training_share : 5 %',
  '3 établissement(s)', 'Preuve : paq_action du 2026-11-30', '(club-ssi)', 'PCRA pcri', 'retry']) {
  assert.ok(findMachineStrings(bad).length > 0, `not caught: ${bad}`);
}
assert.ok(findMachineStrings('', ['title : le titre est requis.']).length > 0);
// Issue 12 trial: ungrouped numbers, « Auto-évaluation », agreement after 0 and 1.
for (const bad of ['Satisfaite : 1183 (83 %)', 'Effectif : 1200 personnes', 'Budget : 250000 €',
  'Part : 1200 %', 'Auto-évaluation de la maturité', '1 établissements correspondants',
  '1 établissement correspondants', '0 preuves']) {
  assert.ok(findMachineStrings(bad).length > 0, `not caught: ${bad}`);
}
for (const good of ['Satisfaite : 1 183 (83 %)', 'Effectif : 1\u00a0200 personnes', 'FINESS 490000031',
  'Budget 2026 (2,5 %)', 'en 2026 (3 exercices)', 'Preuve n° 12345', '49300 Cholet', 'tél. 0241000000',
  'Autoévaluation de la maturité', '1 établissement correspondant', '21 établissements',
  'Centre (FINESS 490000031 (2 sites))', 'preuve n° 12345 (3 documents)',
  '1 fois par mois', '0 mois', 'page 1 sur 3', '2 000 €', 'le 31/12/2025']) {
  assert.deepEqual(findMachineStrings(good), [], good);
}
for (const good of ['Créé le 30/11/2026 à 13 h 01', 'Statut : ouverte', '3 établissements',
  'Inscription au Club SSI (PCRI) — Pays-de-la-Loire', 'Au-dessus de la médiane, peut-être.']) {
  assert.deepEqual(findMachineStrings(good), [], good);
}
assert.deepEqual(findMachineStrings('', ['Intitulé : le titre est requis.']), []);

const app = await startCarepilot();
let browser;
const problems = [];
try {
  browser = await launchBrowser();
  // The reader and the security officer work on the editor's establishment: the editor's walk
  // has shown each of its page shapes with two records, theirs show each shape once (their
  // own buttons and notices; CI time: about 180 pages fewer).
  const roles = [
    ['éditeur', DEMO.editor, false, PER_SHAPE], ['lecteur', DEMO.reader, false, 1],
    ['RSSI', DEMO.officer, true, 1], ['ARS', DEMO.regional, true, PER_SHAPE],
    ['national', DEMO.admin, true, PER_SHAPE],
  ];
  let total = 0;
  for (const [role, email, second, perShape] of roles) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await watch(page);
    if (second) await loginWithSecondFactor(page, app.base, email);
    else await login(page, app.base, email);
    const { visited, forms } = await walk(page, app.base, role, problems, perShape);
    total += visited;
    console.log(`${role}: ${visited} pages, ${forms.length} pages with editing forms sent empty`);
    if (role === 'éditeur' || role === 'national') {
      for (const f of forms) await submitEmpty(page, app.base, role, f, problems);
    }
    await context.close();
  }
  const unique = [...new Set(problems)];
  for (const p of unique) console.log(p);
  assert.equal(unique.length, 0, `${unique.length} problems: machine strings on screen or DSFR checks (see above)`);
  assert.ok(total > 50, `only ${total} pages walked`);
  console.log(`browser test passed: wording of ${total} pages for ${roles.length} roles`);
} finally {
  if (browser) await browser.close();
  app.stop();
}
